#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 server for the tests.
#   pg-harness.sh start STATE_DIR   initdb in a new temporary directory, start on a free port,
#                                   write the server's URL to STATE_DIR/pg_url
#   pg-harness.sh stop STATE_DIR    stop that server and delete its directory
# Tests run with fsync off (a throw-away server); PG_HARNESS_DURABLE=1 keeps PostgreSQL's
# durable defaults, for benchmarks.
# As root, the server runs as the unprivileged user 'nobody'. Assumes no server is running.
set -euo pipefail
cmd=${1:?start|stop}; state=${2:?state dir}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
mkdir -p "$state"

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
  else "$@"; fi
}

case "$cmd" in
start)
  [[ -x "$PGBIN/initdb" ]] || { echo "pg-harness: PostgreSQL 15 not found at $PGBIN (run scripts/setup.sh)" >&2; exit 1; }
  if [[ -f "$state/pg_dir" ]]; then "$0" stop "$state" || true; fi
  dir=$(mktemp -d /tmp/peerlearn-pg.XXXXXX)
  chmod 700 "$dir"
  [[ $(id -u) -eq 0 ]] && chown nobody:nogroup "$dir"
  echo "$dir" > "$state/pg_dir"
  as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [[ ${PG_HARNESS_DURABLE:-0} == 1 ]] && fast=""
  for attempt in $(seq 1 20); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
         -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $fast -c max_connections=200" \
         start >/dev/null 2>&1; then
      echo "postgresql://postgres@127.0.0.1:$port/postgres" > "$state/pg_url"
      echo "pg-harness: PostgreSQL 15 on 127.0.0.1:$port (data in $dir)"
      exit 0
    fi
    grep -q "could not bind\|Address already in use" "$dir/server.log" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  done
  echo "pg-harness: no free port found" >&2; exit 1 ;;
stop)
  [[ -f "$state/pg_dir" ]] || exit 0
  dir=$(cat "$state/pg_dir")
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir" "$state/pg_dir" "$state/pg_url"
  echo "pg-harness: stopped" ;;
*) echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
