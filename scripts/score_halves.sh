#!/usr/bin/env bash
# Entity/quote scores on the two halves of tests/fixtures/entities_blind3 (by sorted file name:
# half A = 1st, 3rd, 5th … file, half B = the others) and on the older dev fixtures.
# Half A and the older fixtures may be read with --errors; half B is held back: aggregate only.
#   bash scripts/score_halves.sh            # all figures
#   bash scripts/score_halves.sh --errors   # errors for half A and the older fixtures only
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export PYTHONPATH=src:tests
$PY tests/entity_gold.py tests/fixtures/entities_blind3 --half=A "$@"
$PY tests/entity_gold.py tests/fixtures/entities tests/fixtures/entities_blind tests/fixtures/entities_foreign "$@"
$PY tests/entity_gold.py tests/fixtures/entities_blind3 --half=B
