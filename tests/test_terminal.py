"""The terminal: a progress bar with total, rate and ETA that ends as a summary line, errors
above it, `--format table` within the terminal's width, examples in every `--help`. Commands run
for real, with standard error on a pseudo-terminal where the bar needs one."""

from __future__ import annotations

import argparse
import os
import pty
import re
import subprocess
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import SEED
from test_ingest_cli import INPUTS, SRC, run
from warta.cli.main import build_parser

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def on_terminal(*args: str | Path, columns: int = 100) -> tuple[int, str, str]:
    """Run ``warta ARGS`` with stderr on a pseudo-terminal; (exit status, stdout, what the
    terminal finally shows, one line per line, escape codes removed)."""
    import sys

    script = Path(sys.executable).with_name("warta")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "warta"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARTA_")}
    env.update(PYTHONPATH=str(SRC), COLUMNS=str(columns), TERM="xterm", XDG_CONFIG_HOME=str(INPUTS / "x"))
    master, slave = pty.openpty()
    proc = subprocess.Popen([*cmd, *map(str, args)], stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.stdout is not None
    out = proc.stdout.read().decode("utf-8")
    proc.wait(timeout=120)
    screen = []
    for raw in b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n").split("\n"):
        frames = ANSI.sub("", raw).split("\r")  # a redrawn line: what is left is its last frame
        shown = [f for f in frames if f.strip()]
        if shown:
            screen.append(shown[-1].rstrip())
    return proc.returncode, out, "\n".join(screen)


def test_analyze_bar_has_total_rate_eta_and_ends_as_summary() -> None:
    code, out, screen = on_terminal("analyze", INPUTS / "broken.jsonl", "--stages", "clean,language,segment")
    assert code == 1
    assert len(out.splitlines()) == 4  # the good records still go to stdout
    lines = screen.splitlines()
    errors = [line for line in lines if line.startswith("warta: error:")]
    assert len(errors) == 3
    final = lines[-1]
    assert re.match(r"✓ analyze: 7 records, 3 failed, \d+\.\d s", final), final
    assert "7/7" in final  # the total was counted from the input (7 JSONL lines)
    assert re.search(r"\d+\.\d/s", final)  # rate
    assert "ETA" in final
    assert lines.index(errors[-1]) < len(lines) - 1  # errors above the bar, the bar last


def test_ingest_bar_then_store_summary(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    code, _, screen = on_terminal(
        "ingest", INPUTS / "broken.jsonl", "--db", db, "--stages", "clean,language,segment"
    )
    assert code == 1
    lines = screen.splitlines()
    assert re.match(r"✓ ingest: 7 records, 3 failed", lines[-2]), lines[-2]
    assert lines[-1].startswith("warta: 4 stored, 0 already stored (skipped), 3 failed")
    code, _, screen = on_terminal(
        "ingest", INPUTS / "broken.jsonl", "--db", db, "--stages", "clean,language,segment"
    )
    assert re.match(r"✓ ingest: 7 records, 3 failed", screen.splitlines()[-2])  # skipped ones count as done


def test_no_bar_and_no_escape_codes_when_stderr_is_not_a_terminal() -> None:
    proc = run("analyze", SEED, "--published", "2021-11-24", "--stages", "clean,language,segment")
    assert proc.returncode == 0
    assert proc.stderr == ""


@pytest.mark.parametrize("columns", [80, 60])
def test_table_fits_the_terminal_width(columns: int) -> None:
    proc = run(
        "analyze", SEED, "--published", "2021-11-24", "--format", "table", env={"COLUMNS": str(columns)}
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert any("Valery" in line for line in lines)  # long cells wrap rather than vanish
    assert any(line.startswith("Entities") for line in lines)
    too_wide = [line for line in lines if cell_len(line) > columns]
    assert not too_wide, too_wide[:3]


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    out = [("warta", build_parser())]
    todo = list(out)
    while todo:
        name, parser = todo.pop()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    out.append((f"{name} {sub_name}", sub))
                    todo.append((f"{name} {sub_name}", sub))
    return out


def test_every_help_has_examples() -> None:
    parsers = _parsers()
    assert {n for n, _ in parsers} >= {"warta analyze", "warta ingest", "warta alerts run", "warta serve"}
    for name, parser in parsers:
        text = parser.format_help()
        assert re.search(r"^examples?:\n  warta ", text, re.MULTILINE), f"`{name} --help` has no example"
