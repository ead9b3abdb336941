"""``warta alerts add|list|run|remove``: saved searches that report newly stored matches."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from warta.cli.common import HelpFormatter
from warta.store import SEARCH_FILTERS, Store

EXAMPLES = """examples:
  warta alerts add "Gerasimov" --q Gerasimov --db warta.db
  warta alerts add "Banjir Bekasi" --q banjir --entity Bekasi --date-from 2021
  warta alerts list
  warta alerts run                 # new matches of every saved search since its last run
  warta alerts run gerasimov --peek   # show them without marking them reported
  warta alerts remove gerasimov
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "alerts",
        help="saved searches that report new matching articles",
        description="Saved searches (words and filters) kept in the database. Each remembers the "
        "newest article it reported; `warta alerts run` (and every `warta ingest`) prints the "
        "articles stored since that match it, and marks them reported.",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = _action(
        acts,
        "add",
        "save a search",
        'warta alerts add "Banjir Bekasi" --q banjir --entity Bekasi --db warta.db',
    )
    add.add_argument("name", metavar="NAME", help="a name (its id is the name in lower case, dashed)")
    add.add_argument("--q", metavar="WORDS", help='search words: words (AND), "phrase", prefix*, OR, -not')
    for name in SEARCH_FILTERS:
        add.add_argument(f"--{name.replace('_', '-')}", metavar="VALUE", help=f"filter: {name}")
    _action(acts, "list", "list saved searches", "warta alerts list --db warta.db")
    run = _action(
        acts,
        "run",
        "print new matches (and mark them reported)",
        "warta alerts run banjir-bekasi --peek --db warta.db",
    )
    run.add_argument("names", nargs="*", metavar="NAME", help="saved searches to run (default: all)")
    run.add_argument("--peek", action="store_true", help="show new matches without marking them reported")
    run.add_argument("--json", action="store_true", help="one JSON object per saved search")
    run.add_argument(
        "--limit", type=int, default=20, metavar="N", help="matches shown per search (default 20)"
    )
    rm = _action(acts, "remove", "delete a saved search", "warta alerts remove banjir-bekasi --db warta.db")
    rm.add_argument("name", metavar="NAME", help="id or name")
    p.set_defaults(run=run_command)


def _action(acts: Any, name: str, help_text: str, example: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = acts.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=f"example:\n  {example}",
        formatter_class=HelpFormatter,
    )
    p.add_argument("--db", metavar="DB", help="SQLite file or postgresql:// URL (default: warta.db)")
    p.add_argument("--config", metavar="FILE", help="settings file (TOML)")
    return p


def run_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from warta.cli.main import settings_from_args
    from warta.errors import ConfigError
    from warta.store import is_url, open_store

    settings = settings_from_args(args)
    if not is_url(settings.db) and not Path(settings.db).exists():
        raise ConfigError(f"no such database: {settings.db} (create it with `warta ingest`)")
    store = open_store(settings.db)
    try:
        if args.action == "add":
            filters = {n: getattr(args, n) for n in SEARCH_FILTERS if getattr(args, n) is not None}
            ss = store.save_search(args.name, args.q, filters)
            print(f"warta: saved search {ss['id']!r}: {describe(ss)}", file=sys.stderr)
        elif args.action == "list":
            for ss in store.saved_searches():
                print(f"{ss['id']}\t{ss['name']}\t{describe(ss)}\tlast run: {ss['last_run'] or 'never'}")
        elif args.action == "remove":
            store.delete_saved_search(args.name)
            print(f"warta: removed saved search {args.name!r}", file=sys.stderr)
        else:
            names = args.names or [ss["id"] for ss in store.saved_searches()]
            for name in names:
                found = store.new_matches(name, advance=not args.peek, size=max(0, args.limit))
                if args.json:
                    print(json.dumps(found, ensure_ascii=False))
                else:
                    print_matches(found, sys.stdout)
    finally:
        store.close()
    return 0


def describe(ss: dict[str, Any]) -> str:
    parts = [f"q={ss['q']!r}"] if ss.get("q") else []
    parts += [f"{k}={v!r}" for k, v in sorted(ss["filters"].items())]
    return " ".join(parts)


def print_matches(found: dict[str, Any], out: TextIO) -> None:
    """``NAME: N new`` then one line per shown match (date, outlet, title, id)."""
    ss, total, items = found["saved_search"], found["total"], found["items"]
    more = f" (showing {len(items)})" if len(items) < total else ""
    print(f"{ss['name']} [{ss['id']}]: {total} new{more}", file=out)
    for item in items:
        title = item.get("title") or (item.get("lead") or "").strip()
        print(
            f"  {item.get('date') or '----------'}  {item.get('outlet') or '-'}  {title}  ({item['id']})",
            file=out,
        )


def report_new(store: Store, out: TextIO, *, limit: int = 20) -> int:
    """After an ingest: print each saved search's new matches and mark them reported."""
    count = 0
    for ss in store.saved_searches():
        found = store.new_matches(ss["id"], advance=True, size=limit)
        if found["total"]:
            print_matches(found, out)
        count += found["total"]
    return count
