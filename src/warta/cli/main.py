"""Entry point: ``warta COMMAND ...``. Library errors become one-line messages here, at the edge."""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any

from warta._version import __version__
from warta.cli.common import HelpFormatter
from warta.errors import WartaError
from warta.settings import Settings, load_settings

#: command name -> module with add_parser(subparsers) and run(args) -> int
COMMANDS = {
    "analyze": "warta.cli.analyze",
    "ingest": "warta.cli.ingest",
    "serve": "warta.cli.serve",
    "export": "warta.cli.export",
    "alerts": "warta.cli.alerts",
}


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The one place where command-line flags become the top settings layer."""
    overrides: dict[str, Any] = {}
    for name in ("workers", "backend", "scheduler", "db", "host", "port", "batch_size"):
        overrides[name] = getattr(args, name, None)
    if getattr(args, "stages", None):
        overrides["stages"] = args.stages
    if getattr(args, "force", False):
        overrides["force"] = True
    if getattr(args, "no_stories", False):
        overrides["stories"] = False
    return load_settings(overrides, config_file=getattr(args, "config", None))


EXAMPLES = """examples:
  warta analyze article.txt --published 2021-11-24 --format table
  warta ingest articles.jsonl --db warta.db && warta serve --db warta.db
  warta alerts add Gerasimov --q Gerasimov --db warta.db
  warta export --db warta.db --format csv > events.csv
`warta COMMAND --help` shows each command's options and examples.
"""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of ``command`` alone (the others' modules, with the store
    and export code they import, are then not loaded: 15–20 ms of ``warta analyze``'s start-up)."""
    parser = argparse.ArgumentParser(
        prog="warta",
        description="Indonesian news to structured intelligence (warta/1 records).",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"warta {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        if command is None or name == command:
            importlib.import_module(module_name).add_parser(sub)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command ``argv`` begins with; None (every command's parser) for anything else, such as
    ``--help``, ``--version`` or a mistyped command."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    # numpy's BLAS starts a thread per core at import, for nothing here (no large matrix products;
    # worker processes are the parallelism): 40 ms of CPU at every start, unless the user says
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command(argv))
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except WartaError as exc:
        print(f"warta: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("warta: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # output closed early (e.g. `warta analyze ... | head`): not an error of ours
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        return 0
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
