"""``warta serve --db warta.db``: the web UI and REST API (read-only unless WARTA_TOKEN is set)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from warta.store import is_url, open_store, shown


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="web UI and REST API over a database",
        description="Serve the search UI (/) and the REST API (/api, OpenAPI docs at /docs). "
        "Binds 127.0.0.1 unless --host says otherwise. Read-only unless the environment variable "
        "WARTA_TOKEN is set; then writes and POST /api/analyze need 'Authorization: Bearer <token>'.",
    )
    p.add_argument("--db", metavar="DB", help="SQLite file or postgresql:// URL (default: warta.db)")
    p.add_argument("--host", metavar="HOST", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, metavar="PORT", help="port (default 8000)")
    p.add_argument("--stages", metavar="LIST", help="stages for POST /api/analyze")
    p.add_argument("--config", metavar="FILE", help="settings file (TOML)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from warta.api import create_app
    from warta.cli.main import settings_from_args

    settings = settings_from_args(args)
    token = os.environ.get("WARTA_TOKEN") or None
    if is_url(settings.db) or Path(settings.db).exists():
        open_store(settings.db).close()  # apply pending migrations once; the server then reads only
    app = create_app(settings, token=token)
    if settings.host not in {"127.0.0.1", "localhost", "::1"} and token is None:
        print(
            f"warta: note: serving on {settings.host} to other machines (read-only: no WARTA_TOKEN)",
            file=sys.stderr,
        )
    print(f"warta: serving {shown(settings.db)} on http://{settings.host}:{settings.port}/", file=sys.stderr)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
    return 0
