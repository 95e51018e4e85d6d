#!/usr/bin/env bash
# Load test: 60 seconds of committee members reading and managers reading and updating, against
# gunicorn (DEBUG off) on PostgreSQL, on 127.0.0.1 only. It is a measurement, not a test: it prints
# requests per second, the 95th percentile and the errors, then checks that no update was lost.
#
#   bash scripts/load/run.sh            # needs PostgreSQL on 127.0.0.1:5432 (as .ci/run sets up)
#   USERS=20 SECONDS_TO_RUN=60 bash scripts/load/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

USERS=${USERS:-12}
SECONDS_TO_RUN=${SECONDS_TO_RUN:-60}
PORT=${LOAD_PORT:-8766}
DB=safeguarding_load
export DATABASE_URL=${LOAD_DATABASE_URL:-postgres://safeguarding:safeguarding@127.0.0.1:5432/$DB}
export DEBUG=false
export SECRET_KEY=$(python3 -c "import secrets; print(secrets.token_urlsafe(60))")
export ALLOWED_HOSTS=127.0.0.1
# Plain http on the loopback interface, for this measurement only.
export SECURE_SSL_REDIRECT=false BEHIND_PROXY=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
export STATICFILES_MANIFEST=true
export AXES_FAILURE_LIMIT=1000
export LOAD_PASSWORD=load-test-password-$RANDOM
work=$(mktemp -d)
export LOAD_RESULTS=$work/tally.json

su postgres -c "psql -qtAX -c 'DROP DATABASE IF EXISTS $DB'" >/dev/null
su postgres -c "psql -qtAX -c 'CREATE DATABASE $DB OWNER safeguarding'" >/dev/null

PY=.venv/bin/python
$PY manage.py migrate --no-input -v0
$PY manage.py demo_data --force >/dev/null
$PY manage.py collectstatic --no-input -v0
$PY manage.py shell -v0 -c "
import os
from django.contrib.auth.models import Group, User
from reviews import services
for role, group, staff, count in [('committee', services.COMMITTEE_MEMBERS, False, 9),
                                   ('manager', services.SAFEGUARDING_MANAGERS, True, 9)]:
    for n in range(1, count + 1):
        user = User.objects.create_user(f'load-{role}{n}', password=os.environ['LOAD_PASSWORD'],
                                        is_staff=staff)
        user.groups.add(Group.objects.get(name=group))
"
export LOAD_OPEN_ACTIONS=$($PY manage.py shell -v0 -c "
from reviews.models import Action, OPEN_STATUSES
print(','.join(str(pk) for pk in Action.objects.filter(status__in=OPEN_STATUSES).values_list('pk', flat=True)))")

if [ ! -x .venv-load/bin/locust ]; then
  python3 -m venv .venv-load
  .venv-load/bin/pip install --quiet "locust>=2.30,<3"
fi

.venv/bin/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:$PORT --log-level warning &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 40); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done

.venv-load/bin/locust -f scripts/load/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
  --users "$USERS" --spawn-rate 4 --run-time "${SECONDS_TO_RUN}s" --csv "$work/load" \
  --only-summary --loglevel WARNING > "$work/locust.log" 2>&1 || true
[ -f "$work/load_stats.csv" ] || { tail -20 "$work/locust.log"; exit 1; }

$PY - "$work" <<'PY'
import csv, json, sys
work = sys.argv[1]
rows = list(csv.DictReader(open(f"{work}/load_stats.csv")))
total = next(r for r in rows if r["Name"] == "Aggregated")
print(f"{'request':28} {'count':>7} {'fails':>6} {'median ms':>10} {'p95 ms':>8} {'req/s':>7}")
for r in rows:
    print(f"{r['Name']:28} {r['Request Count']:>7} {r['Failure Count']:>6} "
          f"{r['Median Response Time']:>10} {r['95%']:>8} {float(r['Requests/s']):>7.1f}")
print(json.dumps(json.load(open(f"{work}/tally.json"))))
PY
saved=$($PY -c "import json,sys; print(json.load(open('$LOAD_RESULTS'))['saved'])")
recorded=$($PY manage.py shell -v0 -c "
from reviews.models import Action
print(Action.history.filter(history_change_reason__startswith='Load test update').count())")
failures=$($PY -c "
import csv; print(next(r for r in csv.DictReader(open('$work/load_stats.csv')) if r['Name']=='Aggregated')['Failure Count'])")
echo "updates saved: $saved; updates in the history: $recorded; failed requests: $failures"
if [ "$saved" != "$recorded" ] || [ "$failures" != "0" ]; then
  echo "LOAD CHECK FAILED: an update was lost or a request failed" >&2
  exit 1
fi
echo "No update lost, no request failed."
