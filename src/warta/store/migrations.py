"""Named schema migrations, the same list for SQLite and PostgreSQL, applied in order, each in
its own transaction (like sqlite-utils' ``migrations.py``); ``_migrations`` records which ran.

A migration's tables, columns and indexes come from the one schema source
(:mod:`warta.store.schema`, rendered per dialect); what a migration adds by hand is plain SQL
valid in both dialects (``sql``), the full-text index each dialect builds its own way (``extra``,
by dialect name) and a Python step (``fn``, e.g. a backfill). A released migration never
changes: add a new one instead.

Databases made before the one schema source upgrade in place: SQLite ones had this list's
first four names already; PostgreSQL ones had ``0001_initial`` (the tables of 0001–0004) and
``0002_text_search`` (0003's full-text part), which count as 0001–0004 here.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from warta.errors import StoreError
from warta.store.dialect import Dialect, Tx
from warta.store.schema import M1, M2, M3, M4, M5, M6, M7, M8, M9, ddl

__all__ = ["MIGRATIONS", "Migration", "Migrator", "applied_migrations", "apply_migrations", "pending"]


class Migrator(Protocol):
    """A backend as migrations see it: a dialect, exclusive write transactions, plain reads."""

    dialect: Dialect

    def _transaction(self) -> AbstractContextManager[Tx]: ...

    def _reader(self) -> Tx: ...


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    #: statements valid in every dialect, run after the schema's DDL for this migration
    sql: str = ""
    #: a Python step (data backfill) run inside the same transaction, after ``sql`` and ``extra``
    fn: Callable[[Tx], None] | None = None
    #: dialect name → statements only that dialect runs (after ``sql``, before ``fn``)
    extra: dict[str, str] = field(default_factory=dict)
    #: dialect name → statements run after ``fn``
    after: dict[str, str] = field(default_factory=dict)

    def statements(self, dialect: Dialect) -> list[str]:
        """Everything this migration runs before ``fn``."""
        return [*ddl(self.name, dialect), *_split(self.sql), *_split(self.extra.get(dialect.name, ""))]


_FTS5 = """
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

_ARTICLE_INDEX_DATA = """
INSERT INTO article_entities (article_id, entity_id, mentions)
    SELECT article_id, entity_id, count(*) FROM mentions GROUP BY article_id, entity_id;
INSERT INTO article_countries (country, article_id)
    SELECT DISTINCT e.country, ae.article_id FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
    WHERE e.country IS NOT NULL;
"""

_FTS5_DROP = """
DROP TRIGGER articles_ai;
DROP TRIGGER articles_ad;
DROP TRIGGER articles_au;
DROP TABLE articles_fts;
"""

_FTS5_STEMS = """
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

# 'simple' (lower-casing, no stop words, no stemming) plus the Sastrawi-stemmed column: the same
# words-as-written-or-their-roots search as SQLite's
_TSVECTOR = """
CREATE TEXT SEARCH CONFIGURATION warta_id (COPY = pg_catalog.simple);
ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('warta_id', coalesce(title, '')), 'A')
    || setweight(to_tsvector('warta_id', text), 'B')
    || setweight(to_tsvector('warta_id', coalesce(stems, '')), 'C')
) STORED;
CREATE INDEX articles_fts ON articles USING GIN (fts);
"""


def _backfill_stems(tx: Tx) -> None:
    """Stem the articles already stored (SQLite drops its FTS triggers meanwhile)."""
    from warta.store.stem import stem_text

    seq = tx.dialect.seq
    for key, title, text in tx.tuples(f"SELECT {seq}, title, text FROM articles"):
        tx.run(f"UPDATE articles SET stems = ? WHERE {seq} = ?", [stem_text(f"{title or ''}\n{text}"), key])


def _rebuild(tx: Tx) -> None:
    from warta.store.writer import rebuild

    rebuild(tx, upto=M7)


MIGRATIONS: list[Migration] = [
    Migration(M1, extra={"sqlite": _FTS5}),
    # facets and entity/country filters read these small tables instead of scanning every mention
    Migration(M2, _ARTICLE_INDEX_DATA),
    # an Indonesian-stemmed copy of title + text, searched alongside the words as written
    Migration(
        M3,
        extra={"sqlite": _FTS5_DROP},
        fn=_backfill_stems,
        after={"sqlite": _FTS5_STEMS, "postgresql": _TSVECTOR},
    ),
    # the story filter and an article's "same story" list (document.story, set by `warta ingest`)
    Migration(M4),
    # one identity across the corpus: entities.key (+ on mentions and event actors), the names and
    # surface forms each article gives an entity (aliases), knowledge-base aliases
    Migration(M5),
    # events ordered by their number (v2 before v10), where the date came from, mention counts
    Migration(M6),
    # one row per act across the articles of a story; every stored record's rows are rebuilt
    # from its warta/1 record (keys, aliases, event columns, story events)
    Migration(M7, fn=_rebuild),
    # outlet filter compared case-insensitively on an index in both dialects
    Migration(M8, extra={"postgresql": "DROP INDEX IF EXISTS events_article;"}),
    # saved searches (name, q, filters) with a high-water mark of what was already reported (alerts)
    Migration(M9),
]

#: PostgreSQL databases made before the shared list: their migration → the names it covers here
_LEGACY = {"postgresql": {"0002_text_search": [M2, M3, M4]}}


def applied_migrations(tx: Tx) -> list[str]:
    """Names recorded in ``_migrations`` (none when the table does not exist)."""
    if not tx.q(tx.dialect.table_exists, ["_migrations"]):
        return []
    return [row[0] for row in tx.tuples("SELECT name FROM _migrations ORDER BY name")]


def pending(tx: Tx, migrations: list[Migration] | None = None) -> list[str]:
    done = set(applied_migrations(tx))
    for legacy, covered in _LEGACY.get(tx.dialect.name, {}).items():
        if legacy in done:
            done.update(covered)
    return [m.name for m in (MIGRATIONS if migrations is None else migrations) if m.name not in done]


def apply_migrations(store: Migrator, migrations: list[Migration] | None = None) -> list[str]:
    """Run the migrations not yet applied; returns their names. Each runs in one transaction,
    under the backend's write lock, after re-checking that no other process just ran it."""
    todo = set(pending(store._reader(), migrations))
    ran = []
    for mig in MIGRATIONS if migrations is None else migrations:
        if mig.name not in todo:
            continue
        try:
            with store._transaction() as tx:
                tx.run(
                    "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
                )
                if mig.name not in pending(tx, [mig]):
                    continue
                _adopt_legacy(tx)
                for statement in mig.statements(tx.dialect):
                    tx.run(statement)
                if mig.fn is not None:
                    mig.fn(tx)
                for statement in _split(mig.after.get(tx.dialect.name, "")):
                    tx.run(statement)
                _record(tx, mig.name)
        except StoreError as exc:
            raise StoreError(f"migration {mig.name} failed: {exc.message}") from None
        ran.append(mig.name)
    return ran


def _record(tx: Tx, name: str) -> None:
    tx.run(
        "INSERT INTO _migrations (name, applied) VALUES (?, ?)",
        [name, datetime.now(UTC).isoformat(timespec="seconds")],
    )


def _adopt_legacy(tx: Tx) -> None:
    """Record the names a legacy migration covers, so the history reads the same everywhere."""
    done = set(applied_migrations(tx))
    for legacy, covered in _LEGACY.get(tx.dialect.name, {}).items():
        if legacy in done:
            for name in covered:
                if name not in done:
                    _record(tx, name)


def _split(sql: str) -> list[str]:
    """Statements of a script, split where a line ends a statement (trigger bodies stay whole)."""
    out, buf = [], []
    for line in sql.splitlines():
        buf.append(line)
        stripped = line.strip()
        if stripped.endswith(";") and (not _in_trigger(buf) or stripped.upper() == "END;"):
            out.append("\n".join(buf).strip().removesuffix(";"))
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf).strip())
    return [s for s in out if s]


def _in_trigger(lines: list[str]) -> bool:
    return any(line.lstrip().upper().startswith("CREATE TRIGGER") for line in lines)
