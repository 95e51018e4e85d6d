#!/usr/bin/env bash
# Smoke test of a production-like server: migrate, load the demo, collectstatic, start the site with
# DEBUG off by the command docs/deployment.md gives (gunicorn --config gunicorn.conf.py, here on
# 127.0.0.1:8765), sign in as the demo committee member with curl and read the dashboard, then hold
# 50 slow clients open for 15 s while other requests must still answer within a second. It fills
# the database in DATABASE_URL: give it one of its own, never a real one.
#
#   DATABASE_URL=postgres://safeguarding:safeguarding@127.0.0.1:5432/safeguarding_smoke \
#     bash scripts/smoke.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

: "${DATABASE_URL:?Set DATABASE_URL to a database of its own: the smoke test fills it with the demo}"
BIN=${BIN:-.venv/bin}
PORT=${SMOKE_PORT:-8765}
BASE=http://127.0.0.1:$PORT
work=$(mktemp -d)
gunicorn_pid=

stop() {
  if [ -n "$gunicorn_pid" ] && kill -0 "$gunicorn_pid" 2>/dev/null; then
    kill "$gunicorn_pid"
    wait "$gunicorn_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

fail() {
  echo "smoke: FAILED: $*" >&2
  echo "--- gunicorn log ---" >&2
  cat "$work/gunicorn.log" >&2 || true
  exit 1
}

# Production settings, except that this server speaks plain HTTP on this machine only.
export DEBUG=false
SECRET_KEY=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false BEHIND_PROXY=false
export SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false  # only for local testing
export STATICFILES_MANIFEST=true
export DEMO_PASSWORD=${DEMO_PASSWORD:-partnership-demo}

"$BIN/python" manage.py migrate --no-input -v 0
"$BIN/python" manage.py demo_data --force >/dev/null
"$BIN/python" manage.py collectstatic --no-input -v 0

# The production command of docs/deployment.md, on a port of its own.
"$BIN/gunicorn" --config gunicorn.conf.py --bind "127.0.0.1:$PORT" >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!

for _ in $(seq 50); do
  health=$(curl -sS "$BASE/healthz" 2>/dev/null || true)
  [ "$health" = "ok" ] && break
  kill -0 "$gunicorn_pid" 2>/dev/null || fail "gunicorn stopped"
  sleep 0.2
done
[ "$health" = "ok" ] || fail "/healthz answered '$health', not 'ok'"
status=$(curl -sS -o /dev/null -w '%{http_code}' "$BASE/healthz")
[ "$status" = 200 ] || fail "/healthz answered $status"

# Sign in through the form, as a browser would: the CSRF cookie and token, then the Referer.
jar=$work/cookies
curl -sS -c "$jar" -b "$jar" "$BASE/accounts/login/" >"$work/login.html"
token=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' "$work/login.html" | sed 's/.*value="//; s/"$//')
[ -n "$token" ] || fail "no CSRF token in the sign-in form"
signed_in=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
  -e "$BASE/accounts/login/" \
  --data-urlencode "csrfmiddlewaretoken=$token" \
  --data-urlencode "username=committee" \
  --data-urlencode "password=$DEMO_PASSWORD" \
  --data-urlencode "next=/" \
  "$BASE/accounts/login/")
[ "$signed_in" = "302 $BASE/" ] || fail "signing in answered '$signed_in', not '302 $BASE/'"

status=$(curl -sS -b "$jar" -D "$work/headers" -o "$work/dashboard.html" -w '%{http_code}' "$BASE/")
[ "$status" = 200 ] || fail "the dashboard answered $status"
grep -qF '>72<' "$work/dashboard.html" || fail "the dashboard does not show 72 actions"
grep -qF 'Blue – embedded' "$work/dashboard.html" || fail "the dashboard has no 'Blue – embedded'"
grep -qiE "^content-security-policy:.*default-src 'self'" "$work/headers" || fail "no Content-Security-Policy"
grep -qiE "^cache-control:.*no-store" "$work/headers" || fail "the dashboard may be cached (no no-store)"

# A large anonymous body is refused at the door, before it is read: 20 MB declared, 1 MB sent.
head -c 1048576 /dev/zero >"$work/body"
status=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/octet-stream' \
  -H 'Content-Length: 20971520' --data-binary @"$work/body" --max-time 10 "$BASE/accounts/login/" \
  2>/dev/null || true)
[ "$status" = 413 ] || fail "a 20 MB anonymous body answered '$status', not 413"

# Static files come from collectstatic, under names that change with their content.
css=$(grep -o '/static/govuk/govuk-frontend\.[0-9a-f]*\.css' "$work/dashboard.html" | head -n 1)
[ -n "$css" ] || fail "the stylesheet's name has no content hash"
status=$(curl -sS -o /dev/null -w '%{http_code}' "$BASE$css")
[ "$status" = 200 ] || fail "$css answered $status"

# Slow clients (a header line every 10 s) must not keep anyone else waiting.
"$BIN/python" scripts/load/slow_clients.py --port "$PORT" --slow 50 --seconds 15 \
  || fail "with 50 slow clients, other requests were not all answered within a second"

echo "smoke: gunicorn with DEBUG off served /healthz, the sign-in and the dashboard, 50 slow clients held"
