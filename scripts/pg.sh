#!/usr/bin/env bash
# Start or stop a private PostgreSQL 15 for the tests: its own data and socket directory, its own port.
#   scripts/pg.sh start   -> prints the DATABASE_URL to use
#   scripts/pg.sh stop
set -euo pipefail
PORT="${YALU_PG_PORT:-55432}"
DIR="${YALU_PG_DIR:-/tmp/yalu-pg-$PORT}"
BIN="${YALU_PG_BIN:-/usr/lib/postgresql/15/bin}"

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  if [ ! -x "$BIN/initdb" ]; then
    echo "PostgreSQL 15 binaries not found in $BIN (install postgresql-15, or set YALU_PG_BIN)" >&2
    exit 1
  fi
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home "$DIR" postgres
  fi
  mkdir -p "$DIR"
  [ "$(id -u)" = "0" ] && chown postgres "$DIR"
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
  fi
  if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
      -o "-c listen_addresses='' -c unix_socket_directories='$DIR' -p $PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
      || { cat "$DIR/server.log" >&2; exit 1; }
  fi
  psql_admin() { "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
  if [ "$(psql_admin -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname='yalu'")" != "1" ]; then
    psql_admin -d postgres -c "CREATE ROLE yalu LOGIN CREATEDB CREATEROLE"
  fi
  if [ "$(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname='yalu'")" != "1" ]; then
    psql_admin -d postgres -c "CREATE DATABASE yalu OWNER yalu"
  fi
  printf 'postgres://yalu@%s:%s/yalu\n' "$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$DIR")" "$PORT"
}

stop() {
  if [ -f "$DIR/data/PG_VERSION" ]; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
