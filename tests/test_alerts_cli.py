"""`warta alerts` and the alerts `warta ingest` prints, through the real command on a SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES
from test_ingest_cli import error_lines, run

BASIC = ("--stages", "clean,language,segment")


def test_alerts_add_ingest_run_list_remove(tmp_path: Path) -> None:
    db = tmp_path / "alerts.db"
    assert run("ingest", "--records", FIXTURES / "seed_annotated.jsonl", "--db", db).returncode == 0
    added = run("alerts", "add", "Banjir Bekasi", "--q", "banjir", "--db", db)
    assert added.returncode == 0, added.stderr
    assert "saved search 'banjir-bekasi'" in added.stderr
    assert run("alerts", "add", "Kompas", "--outlet", "Kompas", "--db", db).returncode == 0
    again = run("alerts", "add", "banjir bekasi", "--q", "rumah", "--db", db)
    assert again.returncode == 2
    assert error_lines(again.stderr) == [
        "warta: error: a saved search named 'banjir bekasi' (id 'banjir-bekasi') already exists"
    ]

    ingest = run("ingest", FIXTURES / "store_articles.jsonl", "--db", db, *BASIC)
    assert ingest.returncode == 0, ingest.stderr
    lines = error_lines(ingest.stderr)
    assert lines[0].startswith("warta: 3 stored")
    assert "Banjir Bekasi [banjir-bekasi]: 1 new" in lines
    assert any("Banjir Rendam Ratusan Rumah di Bekasi  (fx-banjir)" in line for line in lines)
    assert "Kompas [kompas]: 1 new" in lines

    run_again = run("alerts", "run", "--db", db)  # ingest marked them reported
    assert run_again.returncode == 0, run_again.stderr
    assert run_again.stdout.splitlines() == ["Banjir Bekasi [banjir-bekasi]: 0 new", "Kompas [kompas]: 0 new"]

    listed = run("alerts", "list", "--db", db).stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == ["banjir-bekasi", "kompas"]
    assert "q='banjir'" in listed[0]

    hostile = run("ingest", FIXTURES / "hostile.txt", "--published", "2021-11-22", "--db", db, *BASIC)
    assert hostile.returncode == 0
    assert "new" not in hostile.stderr  # nothing matched: nothing printed
    peek = run("alerts", "run", "kompas", "--peek", "--json", "--db", db)
    assert json.loads(peek.stdout)["total"] == 0

    removed = run("alerts", "remove", "kompas", "--db", db)
    assert removed.returncode == 0
    missing = run("alerts", "run", "kompas", "--db", db)
    assert missing.returncode == 2
    assert error_lines(missing.stderr) == ["warta: error: no saved search 'kompas'"]
    no_db = run("alerts", "list", "--db", tmp_path / "none.db")
    assert no_db.returncode == 2
    assert "no such database" in no_db.stderr


def test_ingest_no_alerts_leaves_them_for_alerts_run(tmp_path: Path) -> None:
    db = tmp_path / "quiet.db"
    assert run("ingest", "--records", FIXTURES / "seed_annotated.jsonl", "--db", db).returncode == 0
    assert run("alerts", "add", "Vaksin", "--q", "vaksinasi", "--db", db).returncode == 0
    quiet = run("ingest", FIXTURES / "store_articles.jsonl", "--db", db, "--no-alerts", *BASIC)
    assert "Vaksin" not in quiet.stderr
    later = run("alerts", "run", "--db", db)
    assert later.stdout.splitlines()[0] == "Vaksin [vaksin]: 1 new"
    assert "(fx-vaksin)" in later.stdout
