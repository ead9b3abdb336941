"""The long fuzz run: the properties of tests/test_fuzz.py with many more cases (100,000+ in all).

    python scripts/fuzz.py                    # --examples 9000: about 101,000 cases
    python scripts/fuzz.py --examples 500 --jobs 2

Each property runs in its own pytest process (``--jobs`` at a time) with
``WARTA_FUZZ_EXAMPLES=N``; the table counts the cases hypothesis ran (passing, failing) and the
time. Exit status 1 when any property failed; hypothesis prints the shrunk failing input.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: the hypothesis properties (the fixed large-input tests run in the suite, once)
PROPERTIES = [
    "test_hostile_news_text",
    "test_any_unicode",
    "test_hostile_html",
    "test_real_article_with_hostile_edges",
    "test_published_is_iso_or_an_input_error",
    "test_reader_never_raises",
    "test_cli_writes_every_record_or_one_error_line",
]
_COUNTS = re.compile(r"(\d+) passing, (\d+) failing, and (\d+) invalid")


def run_one(name: str, examples: int, log_dir: Path) -> tuple[str, int, int, float, int]:
    env = dict(os.environ, WARTA_FUZZ_EXAMPLES=str(examples), PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics"]
    cmd += [f"tests/test_fuzz.py::{name}"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    (log_dir / f"{name}.log").write_text(proc.stdout + proc.stderr, "utf-8")
    passing = failing = 0
    for m in _COUNTS.finditer(proc.stdout):
        passing += int(m.group(1))
        failing += int(m.group(2))
    return name, passing, failing, seconds, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=9000, help="base cases per property (default 9000)")
    parser.add_argument("--jobs", type=int, default=2, help="properties run at once (default 2)")
    parser.add_argument("--logs", default="/tmp/warta-fuzz", help="pytest output per property")
    args = parser.parse_args()
    log_dir = Path(args.logs)
    log_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with ThreadPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(lambda n: run_one(n, args.examples, log_dir), PROPERTIES))
    total = time.perf_counter() - start
    print(f"{'property':48} {'cases':>9} {'failing':>8} {'seconds':>9}  result")
    for name, passing, failing, seconds, code in rows:
        result = "ok" if code == 0 else "FAILED"
        print(f"{name:48} {passing + failing:>9,} {failing:>8} {seconds:>9.0f}  {result}")
    cases = sum(r[1] + r[2] for r in rows)
    bad = [r[0] for r in rows if r[4] != 0]
    load = os.getloadavg()
    print(f"{'total':48} {cases:>9,} {sum(r[2] for r in rows):>8} {total:>9.0f}  {'FAILED' if bad else 'ok'}")
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; logs in {log_dir}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
