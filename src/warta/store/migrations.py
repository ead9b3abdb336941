"""Named schema migrations, applied in order, each in its own transaction (like sqlite-utils'
``migrations.py``). The ``_migrations`` table records which ran; a migration never changes once
released: add a new one instead.

The SQL here is SQLite's dialect; a PostgreSQL backend keeps the same table and column names
with its own DDL list so callers and the exported tables look the same.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from warta.errors import StoreError

__all__ = ["MIGRATIONS", "Migration", "applied_migrations", "apply_migrations"]


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    sql: str = ""
    #: extra Python steps (data backfills) run inside the same transaction
    fn: Callable[[sqlite3.Connection], None] | None = None


_INITIAL = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT,
    url TEXT,
    outlet TEXT,
    byline TEXT,
    published TEXT,
    date TEXT,
    place TEXT,
    language TEXT,
    story TEXT,
    text TEXT NOT NULL,
    n_entities INTEGER NOT NULL DEFAULT 0,
    n_quotes INTEGER NOT NULL DEFAULT 0,
    n_events INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_outlet ON articles(outlet, date);

CREATE TABLE records (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    input_key TEXT,
    stages TEXT,
    ingested TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX records_input_key ON records(input_key);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    sector TEXT
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE INDEX entities_country ON entities(country);

CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entities(id),
    local_id TEXT NOT NULL,
    title TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_id, article_id);

CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT,
    value TEXT,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE amounts (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL,
    unit TEXT,
    kind TEXT,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    direct INTEGER NOT NULL,
    speaker_id TEXT,
    speaker TEXT,
    speaker_text TEXT,
    cue TEXT,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quotes_speaker_name ON quotes(speaker COLLATE NOCASE);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    source_id TEXT,
    source TEXT,
    source_country TEXT,
    source_sector TEXT,
    target_id TEXT,
    target TEXT,
    target_country TEXT,
    target_sector TEXT,
    date TEXT,
    location_id TEXT,
    location TEXT,
    status TEXT,
    reported INTEGER NOT NULL DEFAULT 0,
    trigger TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    sentence INTEGER,
    sentence_text TEXT,
    PRIMARY KEY (article_id, local_id)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_source ON events(source_id);
CREATE INDEX events_target ON events(target_id);
CREATE INDEX events_date ON events(date);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
"""

_ARTICLE_ENTITIES = """
CREATE TABLE article_entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entities(id),
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity_id, article_id);
INSERT INTO article_entities (article_id, entity_id, mentions)
    SELECT article_id, entity_id, count(*) FROM mentions GROUP BY article_id, entity_id;
CREATE TABLE article_countries (
    country TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (country, article_id)
) WITHOUT ROWID;
CREATE INDEX article_countries_article ON article_countries(article_id);
INSERT INTO article_countries (country, article_id)
    SELECT DISTINCT e.country, ae.article_id FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
    WHERE e.country IS NOT NULL;
"""

_STEMS_DDL = """
ALTER TABLE articles ADD COLUMN stems TEXT;
DROP TRIGGER articles_ai;
DROP TRIGGER articles_ad;
DROP TRIGGER articles_au;
DROP TABLE articles_fts;
"""

_STEMS_FTS = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, stems, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text, stems) VALUES (new.rowid, new.title, new.text, new.stems);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, stems)
        VALUES ('delete', old.rowid, old.title, old.text, old.stems);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, stems)
        VALUES ('delete', old.rowid, old.title, old.text, old.stems);
    INSERT INTO articles_fts(rowid, title, text, stems) VALUES (new.rowid, new.title, new.text, new.stems);
END;
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
"""


def _backfill_stems(conn: sqlite3.Connection) -> None:
    """Stem the articles already stored (triggers are dropped meanwhile), then rebuild the index."""
    from warta.store.stem import stem_text

    rows = conn.execute("SELECT rowid, title, text FROM articles").fetchall()
    for rowid, title, text in rows:
        conn.execute(
            "UPDATE articles SET stems = ? WHERE rowid = ?", (stem_text(f"{title or ''}\n{text}"), rowid)
        )
    for statement in _statements(_STEMS_FTS):
        conn.execute(statement)


MIGRATIONS: list[Migration] = [
    Migration("0001_initial", _INITIAL),
    # facets and entity/country filters read these small tables instead of scanning every mention
    Migration("0002_article_index", _ARTICLE_ENTITIES),
    # an Indonesian-stemmed copy of title + text, searched alongside the words as written
    Migration("0003_stemmed_search", _STEMS_DDL, _backfill_stems),
    # the story filter and an article's "same story" list (document.story, set by `warta ingest`)
    Migration("0004_story_index", "CREATE INDEX articles_story ON articles(story, date);"),
]


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    return [row[0] for row in conn.execute("SELECT name FROM _migrations ORDER BY name")]


def apply_migrations(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> list[str]:
    """Run the migrations not yet applied; returns their names. Each runs in one transaction."""
    done = set(applied_migrations(conn))
    ran = []
    for mig in migrations if migrations is not None else MIGRATIONS:
        if mig.name in done:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            # re-check under the write lock: another process may have just migrated
            if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (mig.name,)).fetchone():
                conn.execute("COMMIT")
                continue
            for statement in _statements(mig.sql):
                conn.execute(statement)
            if mig.fn is not None:
                mig.fn(conn)
            conn.execute(
                "INSERT INTO _migrations (name, applied) VALUES (?, ?)",
                (mig.name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {mig.name} failed: {exc}") from None
        ran.append(mig.name)
    return ran


def _statements(sql: str) -> list[str]:
    """Split a script into statements (``executescript`` would commit; we need one transaction)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return [s for s in out if s]
