#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the tests and print its DSN on stdout.
#   DSN=$(scripts/pg_test_cluster.sh start DIR)   # DIR: an empty temporary directory
#   scripts/pg_test_cluster.sh stop DIR
# Uses the newest /usr/lib/postgresql/*/bin (installs Debian's postgresql when root and missing).
# As root, the server runs as the `postgres` user. Any failure: a note on stderr, exit 1.
set -uo pipefail
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
note() { echo "note: $*; PostgreSQL store tests will be skipped" >&2; exit 1; }
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
bin=$(find_bin)
if [ "$cmd" = stop ]; then
  [ -n "$bin" ] && [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$dir"
  exit 0
fi
if [ -z "$bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1) \
    || note "could not install postgresql"
  bin=$(find_bin)
fi
[ -n "$bin" ] && [ -x "$bin/initdb" ] || note "no PostgreSQL server binaries (apt-get install postgresql)"
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || note "no postgres user to run the server as"
  chown postgres "$dir" || note "cannot hand $dir to the postgres user"
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') \
  || note "no free port"
as_owner "$bin/initdb" -D "$dir/data" -U warta -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
  || note "initdb failed (see $dir/initdb.log)"
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null 2>&1 || note "the server did not start (see $dir/server.log)"
echo "postgresql://warta@127.0.0.1:$port/postgres"
