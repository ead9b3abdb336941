#!/usr/bin/env bash
# The project's test command (README "Tests"; .ci/run calls exactly this).
# Creates .venv if needed, installs warta with its test extras (and Debian's chromium for the
# browser tests when it can), then runs lint, type checks and the test suite.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv || exit 1
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]' 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import warta" || { echo "warta did not install" >&2; exit 1; }
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "note: could not install chromium; browser tests will be skipped" >&2
fi
# PostgreSQL store tests (tests/test_store_postgres.py): a throwaway cluster on a free port unless
# WARTA_TEST_POSTGRES already names a server; if anything fails those tests skip with a reason.
PGDIR=""
if [ -z "${WARTA_TEST_POSTGRES:-}" ]; then
  PGDIR=$(mktemp -d /tmp/warta-pg.XXXXXX) || PGDIR=""
  if [ -n "$PGDIR" ] && DSN=$(bash scripts/pg_test_cluster.sh start "$PGDIR"); then
    export WARTA_TEST_POSTGRES="$DSN"
  else
    [ -n "$PGDIR" ] && bash scripts/pg_test_cluster.sh stop "$PGDIR"
    PGDIR=""
  fi
fi
stop_pg() { if [ -n "$PGDIR" ]; then bash scripts/pg_test_cluster.sh stop "$PGDIR"; fi; }
trap stop_pg EXIT
.venv/bin/ruff check src tests benchmarks scripts || exit 1
.venv/bin/ruff format --check src tests benchmarks scripts || exit 1
.venv/bin/mypy || exit 1
.venv/bin/python -m pytest -q "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$rc"
