#!/usr/bin/env bash
# Reproducible build of GOV.UK Frontend CSS/JS/images into ../static/govuk/.
# Usage: bash assets/build.sh   (from anywhere)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

OUT=../static/govuk
PKG=node_modules/govuk-frontend/dist/govuk

# Exact install from package-lock.json. Install scripts are not needed
# (only sass's optional @parcel/watcher, used for --watch, has one).
npm ci --ignore-scripts --no-audit --no-fund

# Remove old outputs so the result depends only on the lockfile + sources.
rm -rf "$OUT"
mkdir -p "$OUT"

# CSS. --quiet-deps hides Sass deprecation warnings (e.g. @import) coming
# from govuk-frontend itself; warnings from our own scss still show.
npx --no-install sass \
  --pkg-importer=node \
  --style=compressed \
  --no-source-map \
  --quiet-deps \
  scss/application.scss "$OUT/govuk-frontend.css"

# JS (ES module exporting initAll etc.)
# The source map is not shipped, so drop its reference (collectstatic's manifest storage would
# otherwise fail on the missing file).
sed 's|//# sourceMappingURL=.*$||' "$PKG/govuk-frontend.min.js" > "$OUT/govuk-frontend.min.js"

# GOV.UK's images (crown, crest, favicons) are not copied: this is a partnership service, not
# GOV.UK. The only image the CSS names is the footer crest, which our templates never use.

# The footer crest is GOV.UK's and is not shipped: point its rule at nothing, so that
# collectstatic's manifest storage finds no missing file.
sed -i 's|url("/static/govuk/assets/images/govuk-crest.svg")|none|g' "$OUT/govuk-frontend.css"

# Sanity checks on the CSS
CSS="$OUT/govuk-frontend.css"
if grep -q -e 'GDS Transport' -e '@font-face' "$CSS"; then
  echo "ERROR: $CSS references GDS Transport / @font-face" >&2
  exit 1
fi
if grep -o 'url([^)]*)' "$CSS" | grep -v '^url("\{0,1\}/static/govuk/assets/' ; then
  echo "ERROR: $CSS has url() outside /static/govuk/assets/" >&2
  exit 1
fi

echo "Wrote:"
find "$OUT" -type f -print0 | sort -z | xargs -0 ls -l | awk '{printf "  %8d  %s\n", $5, $NF}'
