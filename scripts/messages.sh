#!/usr/bin/env bash
# Extract and compile translations: shared strings in src/yalu/locale, each app with a locale/ of its own there.
set -euo pipefail
ADMIN="$(pwd)/.venv/bin/django-admin"
cd src/yalu
ignores=()
for dir in */locale; do ignores+=("--ignore=${dir%/locale}/*"); done
"$ADMIN" makemessages -l zh_Hans -l ko -l en --no-obsolete --ignore='names/*' --ignore='*/tests/*' \
  --ignore=conftest.py "${ignores[@]}"
for dir in */locale; do
  (cd "${dir%/locale}" && "$ADMIN" makemessages -l zh_Hans -l ko -l en --no-obsolete --ignore='tests/*')
done
"$ADMIN" compilemessages
