#!/usr/bin/env bash
# Start the worker beside the web server; stop both together.
set -euo pipefail
PORT="${1:-8000}"
BIN=.venv/bin
$BIN/python manage.py db_worker --interval 1 >var/worker.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
cat <<MSG

  Yalu is running at http://127.0.0.1:$PORT/  (login at /accounts/login/)
  Demo accounts, all with the password  yalu-demo :
    clerk.longjing      county public security, Longjing
    clerk.yanji         county public security, Yanji
    analyst.jilin       provincial analyst, Jilin
    officer.yanbian-fao foreign affairs officer, Yanbian
    ministry.mfa        ministry staff, national
    auditor             auditor, reads the audit log
    admin               administrator
  The background worker logs to var/worker.log. Stop with Ctrl-C.

MSG
$BIN/python manage.py runserver --insecure --noreload "127.0.0.1:$PORT"
