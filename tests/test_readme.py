"""README.md tells a new user what they need (Python ≥ 3.11, a virtual environment) and its
excerpt of the demo record is today's output of the command it quotes."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

from conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def _excerpt_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("readme_excerpt", ROOT / "scripts" / "readme_excerpt.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_says_python_version_and_virtual_environment() -> None:
    quick = README[README.index("## Quick start") : README.index("An excerpt")]
    needed = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["requires-python"]
    assert needed == ">=3.11"
    assert "Python 3.11 or newer" in quick
    assert "python3 -m venv .venv" in quick
    assert re.search(r"\. \.venv/bin/activate", quick)
    assert quick.index("venv") < quick.index("pip install")


def test_readme_excerpt_is_todays_output() -> None:
    shared_path("samples", "000_c92660f1e988c349.txt")
    module = _excerpt_module()
    start, end = module.readme_block(README)
    shown = README[start:end]
    today = module.render(module.record())
    assert shown == today, "README excerpt is stale: run `python scripts/readme_excerpt.py --write`"
    assert "`warta " + " ".join(module.COMMAND) + "`" in README.replace("\n", " ")  # the command quoted
