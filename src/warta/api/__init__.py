"""The REST API and web UI application (FastAPI): ``create_app(settings)``.

Errors from :mod:`warta.errors` become HTTP responses in one handler (:mod:`warta.api.errors`);
every page and endpoint reads through :class:`warta.store.Store`.
"""

from __future__ import annotations

import threading
from importlib import resources

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from warta._version import __version__
from warta.api.errors import handle_error
from warta.api.limits import Limits
from warta.errors import WartaError
from warta.settings import Settings, load_settings
from warta.store import Store, open_store

__all__ = ["create_app"]


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

    from warta.api.routes import router as api_router
    from warta.web.views import router as web_router

    app.include_router(api_router)
    app.include_router(web_router)
    _add_docs(app)
    static = resources.files("warta") / "web" / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(Limits, max_bytes=settings.max_request_bytes)
    return app


def _add_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the ``swagger-ui-bundle`` package's files (offline)."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # pragma: no cover - a dependency; fall back to FastAPI's CDN page
        swagger_ui_path = None
    kwargs: dict[str, str] = {}
    if swagger_ui_path is not None:
        app.mount("/static/swagger-ui", StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")
        kwargs = {
            "swagger_js_url": "/static/swagger-ui/swagger-ui-bundle.js",
            "swagger_css_url": "/static/swagger-ui/swagger-ui.css",
            "swagger_favicon_url": "/static/swagger-ui/favicon-32x32.png",
        }

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="warta API", **kwargs)  # type: ignore[arg-type]
