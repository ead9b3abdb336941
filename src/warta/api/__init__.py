"""The REST API and web UI application (FastAPI): ``create_app(settings)``.

Errors from :mod:`warta.errors` become HTTP responses in one handler (:mod:`warta.api.errors`);
every page and endpoint reads through :class:`warta.store.Store`.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import fields
from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from warta._version import __version__
from warta.api.analysis import AnalysisExecutor
from warta.api.cache import ResponseCache
from warta.api.errors import handle_error
from warta.api.limits import Limits
from warta.errors import WartaError
from warta.settings import Settings, load_settings
from warta.store import Store, open_store

__all__ = ["SETTINGS_ENV", "app_from_env", "create_app", "settings_to_env"]

#: environment variable that hands `warta serve --workers N` settings to each server process
SETTINGS_ENV = "_WARTA_SERVE_SETTINGS"


def create_app(
    settings: Settings | None = None, *, token: str | None = None, store: Store | None = None
) -> FastAPI:
    """The application over ``settings.db``; read-only unless ``token`` is given.

    The analysis pipeline is built once here (only when a token allows using it).
    """
    settings = settings or load_settings()
    app = FastAPI(
        title="warta",
        version=__version__,
        description="Search and read Indonesian news analysed into warta/1 records.",
        docs_url=None,  # served below from local files: no CDN at run time
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.token = token
    app.state.store = store or open_store(settings.db, readonly=token is None)
    app.state.pipeline = None
    app.state.analysis = AnalysisExecutor()
    app.state.writer = None
    app.state.writer_lock = threading.Lock()
    if token:
        from warta.corpus import StoreWriter
        from warta.pipeline import Pipeline

        app.state.pipeline = Pipeline(settings)
        # one writer for the store: stories against the stored ones (seeded on first use), then upsert
        app.state.writer = StoreWriter(app.state.store, batch_size=1, stories=settings.stories)
    for exc_class in (WartaError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(exc_class, handle_error)

    from warta.api.paging import ERRORS
    from warta.api.routes import router as api_router
    from warta.api.workbench import router as workbench_api
    from warta.web.views import router as web_router
    from warta.web.workbench import router as workbench_pages

    # before /api: its fixed paths win over path parameters; the one error body documented (ErrorBody)
    app.include_router(workbench_api, responses=ERRORS)
    app.include_router(api_router)
    app.include_router(web_router)
    app.include_router(workbench_pages)
    _add_docs(app)
    static = resources.files("warta") / "web" / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(ResponseCache, seconds=settings.cache_seconds)  # inside Limits: headers still added
    app.add_middleware(Limits, max_bytes=settings.max_request_bytes)
    return app


_DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>warta API</title>
<link rel="stylesheet" href="/static/swagger-ui/swagger-ui.css">
<link rel="icon" href="/static/swagger-ui/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script>
</body>
</html>
"""


def settings_to_env(settings: Settings) -> str:
    values = {f.name: getattr(settings, f.name) for f in fields(settings) if f.name != "origin"}
    return json.dumps(values)


def app_from_env() -> FastAPI:
    """The app for one of `warta serve --workers N`'s processes (a uvicorn factory)."""
    raw = os.environ.get(SETTINGS_ENV)
    values: dict[str, Any] = json.loads(raw) if raw else {}
    settings = Settings().replace(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})
    return create_app(settings, token=os.environ.get("WARTA_TOKEN") or None)


def _add_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the ``swagger-ui-bundle`` package's files (offline), started by a
    static script so that the page is served under the same strict CSP as every other."""
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/static/swagger-ui", StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(_DOCS_PAGE)
