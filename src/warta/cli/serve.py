"""``warta serve --db warta.db``: the web UI and REST API (read-only unless WARTA_TOKEN is set)."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

from warta.cli.common import HelpFormatter, positive_int
from warta.store import is_url, open_store, shown

EXAMPLES = """examples:
  warta serve --db warta.db                       # http://127.0.0.1:8000/ (API docs: /docs)
  warta serve --db warta.db --workers 2 --port 8080
  WARTA_TOKEN=$(openssl rand -hex 16) warta serve --db warta.db   # allow writes and /api/analyze
  warta serve --db postgresql://user@host/warta
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
        help="web UI and REST API over a database",
        description="Serve the search UI (/) and the REST API (/api, OpenAPI docs at /docs). "
        "Binds 127.0.0.1 unless --host says otherwise. Read-only unless the environment variable "
        "WARTA_TOKEN is set; then writes and POST /api/analyze need 'Authorization: Bearer <token>'.",
    )
    p.add_argument("--db", metavar="DB", help="SQLite file or postgresql:// URL (default: warta.db)")
    p.add_argument("--host", metavar="HOST", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, metavar="PORT", help="port (default 8000)")
    p.add_argument(
        "--workers", type=positive_int, metavar="N", help="server processes sharing the port (default 1)"
    )
    p.add_argument("--stages", metavar="LIST", help="stages for POST /api/analyze")
    p.add_argument("--config", metavar="FILE", help="settings file (TOML)")
    p.set_defaults(run=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_warning(host: str, token: str | None) -> str | None:
    """What to tell the operator about binding ``host``, or None for a loopback address."""
    if is_loopback(host):
        return None
    if token is None:
        return (
            f"serving on {host} without WARTA_TOKEN: anyone who can reach this address can read "
            "the whole corpus (read-only); bind 127.0.0.1 or put an authenticating proxy in front"
        )
    return f"serving on {host}: the bearer token travels in clear text unless a TLS proxy is in front"


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from warta.api import SETTINGS_ENV, create_app, settings_to_env
    from warta.cli.main import settings_from_args

    settings = settings_from_args(args)
    token = os.environ.get("WARTA_TOKEN") or None
    if is_url(settings.db) or Path(settings.db).exists():
        open_store(settings.db).close()  # apply pending migrations once; the server then reads only
    warning = bind_warning(settings.host, token)
    if warning:
        print(f"warta: warning: {warning}", file=sys.stderr)
    workers = settings.workers
    print(
        f"warta: serving {shown(settings.db)} on http://{settings.host}:{settings.port}/"
        + (f" ({workers} processes)" if workers > 1 else ""),
        file=sys.stderr,
    )
    if workers > 1:  # each process builds the app from the same settings (and WARTA_TOKEN)
        os.environ[SETTINGS_ENV] = settings_to_env(settings)
        uvicorn.run(
            "warta.api:app_from_env",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            log_level="warning",
        )
        return 0
    create = create_app(settings, token=token)
    uvicorn.run(create, host=settings.host, port=settings.port, log_level="warning")
    return 0
