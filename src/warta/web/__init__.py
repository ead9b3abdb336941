"""The server-rendered web UI: search, article, entity and events pages (Jinja2, no build step).

Pages read only through :class:`warta.store.Store`; every string is escaped by the templates.
"""
