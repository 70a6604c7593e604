#!/usr/bin/env bash
# Install the Debian packages the tests need, when missing: chromium, fonts-noto-cjk, postgresql-15.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list : family 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Missing Debian packages: ${need[*]}. Install them (sudo apt-get install ${need[*]}) and run again." >&2
  exit 1
fi
echo "Installing ${need[*]} ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
