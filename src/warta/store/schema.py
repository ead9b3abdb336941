"""The one schema source: every table, column and index of the store, with the migration that
introduced it. SQLite and PostgreSQL DDL both come from here (:func:`ddl`), and so do the
column lists that reads and exports use (:func:`columns`).

To add a column: append a :class:`Column` to its table with ``since`` = a new migration's name and
add that migration to :data:`warta.store.migrations.MIGRATIONS` (it renders ``ALTER TABLE … ADD
COLUMN`` for both backends). Columns are listed in the order the database holds them, i.e. a
later ``since`` goes after the earlier ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from warta.store.dialect import Dialect

__all__ = ["SCHEMA", "Column", "Index", "Table", "columns", "ddl", "table"]

M1, M2, M3, M4 = "0001_initial", "0002_article_index", "0003_stemmed_search", "0004_story_index"
M5, M6, M7, M8 = "0005_entity_keys", "0006_event_columns", "0007_story_events", "0008_outlet_nocase_index"
M9 = "0009_saved_searches"
_ARTICLE = "articles(id) ON DELETE CASCADE"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str = "text"  # text | int | real | date | seq (see Dialect.types)
    not_null: bool = False
    default: str | None = None
    #: ``table(column) [ON DELETE …]``
    references: str | None = None
    #: the migration that added it to an existing table (None: created with the table)
    since: str | None = None
    #: the only dialect that has it (``seq``: PostgreSQL's insertion order; SQLite has rowid)
    only: str | None = None
    #: kept by the backend for itself: not in columns(), exports or ``SELECT`` lists
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Index:
    name: str
    #: column names; ``nocase:name`` compares case-insensitively
    columns: tuple[str, ...]
    since: str
    unique: bool = False
    #: the migration that dropped it
    dropped: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    since: str
    columns: tuple[Column, ...]
    #: composite primary key (a single-column key is written inline on its column)
    primary_key: tuple[str, ...] = ()
    indexes: tuple[Index, ...] = ()
    without_rowid: bool = False
    #: what one row is, for docs
    doc: str = field(default="", compare=False)


def _span(*more: Column) -> tuple[Column, ...]:
    return (
        Column("article_id", not_null=True, references=_ARTICLE),
        Column("idx", "int", not_null=True),
        Column("start", "int", not_null=True),
        Column("end", "int", not_null=True),
        Column("text", not_null=True),
        *more,
    )


def _actor(role: str) -> tuple[Column, ...]:
    return (
        Column(f"{role}_id"),
        Column(role),
        Column(f"{role}_country"),
        Column(f"{role}_sector"),
    )


SCHEMA: tuple[Table, ...] = (
    Table(
        "articles",
        M1,
        (
            Column("id"),
            Column("title"),
            Column("url"),
            Column("outlet"),
            Column("byline"),
            Column("published"),
            Column("date", "date"),
            Column("place"),
            Column("language"),
            Column("story"),
            Column("text", not_null=True),
            Column("n_entities", "int", not_null=True, default="0"),
            Column("n_quotes", "int", not_null=True, default="0"),
            Column("n_events", "int", not_null=True, default="0"),
            Column("seq", "seq", only="postgresql", hidden=True),
            Column("stems", since=M3),
        ),
        indexes=(
            Index("articles_date", ("date",), M1),
            Index("articles_outlet", ("outlet", "date"), M1, dropped=M8),
            Index("articles_story", ("story", "date"), M4),
            Index("articles_outlet_nocase", ("nocase:outlet", "date"), M8),
        ),
        doc="article",
    ),
    Table(
        "records",
        M1,
        (
            Column("article_id", references=_ARTICLE),
            Column("input_key"),
            Column("stages"),
            Column("ingested", not_null=True),
            Column("record", not_null=True),
        ),
        indexes=(Index("records_input_key", ("input_key",), M1),),
        doc="article: its full warta/1 record",
    ),
    Table(
        "entities",
        M1,
        (
            Column("id"),
            Column("name", not_null=True),
            Column("type", not_null=True),
            Column("country"),
            Column("sector"),
            Column("key", since=M5),
        ),
        indexes=(
            Index("entities_name", ("nocase:name",), M1),
            Index("entities_country", ("country",), M1),
            Index("entities_key", ("key",), M5, unique=True),
        ),
        doc="entity across the corpus (one per key)",
    ),
    Table(
        "mentions",
        M1,
        (
            Column("article_id", not_null=True, references=_ARTICLE),
            Column("entity_id", not_null=True, references="entities(id)"),
            Column("local_id", not_null=True),
            Column("title"),
            Column("start", "int", not_null=True),
            Column("end", "int", not_null=True),
            Column("text", not_null=True),
            Column("key", since=M5),
        ),
        indexes=(
            Index("mentions_article", ("article_id",), M1),
            Index("mentions_entity", ("entity_id", "article_id"), M1),
        ),
        doc="mention",
    ),
    Table(
        "times",
        M1,
        _span(Column("type"), Column("value")),
        primary_key=("article_id", "idx"),
        doc="time expression",
    ),
    Table(
        "amounts",
        M1,
        _span(Column("value", "real"), Column("unit"), Column("kind")),
        primary_key=("article_id", "idx"),
        doc="amount",
    ),
    Table(
        "quotes",
        M1,
        _span(
            Column("direct", "int", not_null=True),
            Column("speaker_id"),
            Column("speaker"),
            Column("speaker_text"),
            Column("cue"),
        ),
        primary_key=("article_id", "idx"),
        indexes=(
            Index("quotes_speaker", ("speaker_id",), M1),
            Index("quotes_speaker_name", ("nocase:speaker",), M1),
        ),
        doc="quote",
    ),
    Table(
        "events",
        M1,
        (
            Column("article_id", not_null=True, references=_ARTICLE),
            Column("local_id", not_null=True),
            Column("type", not_null=True),
            Column("mode"),
            *_actor("source"),
            *_actor("target"),
            Column("date", "date"),
            Column("location_id"),
            Column("location"),
            Column("status"),
            Column("reported", "int", not_null=True, default="0"),
            Column("trigger"),
            Column("trigger_start", "int"),
            Column("trigger_end", "int"),
            Column("sentence", "int"),
            Column("sentence_text"),
            Column("source_key", since=M5),
            Column("target_key", since=M5),
            Column("num", "int", since=M6),
            Column("date_source", since=M6),
            Column("mentions", "int", since=M6),
            Column("story_event", since=M7),
        ),
        primary_key=("article_id", "local_id"),
        indexes=(
            Index("events_type", ("type",), M1),
            Index("events_source", ("source_id",), M1),
            Index("events_target", ("target_id",), M1),
            Index("events_date", ("date",), M1),
            Index("events_status", ("status",), M6),
            Index("events_story_event", ("story_event",), M7),
        ),
        doc="PLOVER event as one article tells it",
    ),
    Table(
        "article_entities",
        M2,
        (
            Column("article_id", not_null=True, references=_ARTICLE),
            Column("entity_id", not_null=True, references="entities(id)"),
            Column("mentions", "int", not_null=True),
        ),
        primary_key=("article_id", "entity_id"),
        indexes=(Index("article_entities_entity", ("entity_id", "article_id"), M2),),
        without_rowid=True,
        doc="(article, entity) with its mention count",
    ),
    Table(
        "article_countries",
        M2,
        (Column("country", not_null=True), Column("article_id", not_null=True, references=_ARTICLE)),
        primary_key=("country", "article_id"),
        indexes=(Index("article_countries_article", ("article_id",), M2),),
        without_rowid=True,
        doc="(country, article)",
    ),
    Table(
        "aliases",
        M5,
        (
            Column("article_id", not_null=True, references=_ARTICLE),
            Column("entity_id", not_null=True, references="entities(id)"),
            Column("alias", not_null=True),
            Column("norm", not_null=True),
        ),
        primary_key=("article_id", "entity_id", "alias"),
        indexes=(
            Index("aliases_norm", ("norm", "entity_id"), M5),
            Index("aliases_entity", ("entity_id", "alias"), M5),
        ),
        without_rowid=True,
        doc="(article, entity, name or surface form the article gives it)",
    ),
    Table(
        "kb_aliases",
        M5,
        (
            Column("entity_id", not_null=True, references="entities(id) ON DELETE CASCADE"),
            Column("alias", not_null=True),
            Column("norm", not_null=True),
        ),
        primary_key=("entity_id", "alias"),
        indexes=(Index("kb_aliases_norm", ("norm",), M5),),
        without_rowid=True,
        doc="(entity, alias from the knowledge base)",
    ),
    Table(
        "story_events",
        M7,
        (
            Column("id"),
            Column("group_key", not_null=True),
            Column("story"),
            Column("type", not_null=True),
            Column("mode"),
            Column("status"),
            *_actor("source"),
            Column("source_key"),
            *_actor("target"),
            Column("target_key"),
            Column("date", "date"),
            Column("date_source"),
            Column("location"),
            Column("first_date", "date"),
            Column("last_date", "date"),
            Column("articles", "int", not_null=True),
            Column("events", "int", not_null=True),
            Column("mentions", "int", not_null=True),
            Column("article_id"),
            Column("local_id"),
            Column("sentence_text"),
        ),
        indexes=(
            Index("story_events_group", ("group_key",), M7),
            Index("story_events_story", ("story",), M7),
            Index("story_events_type", ("type",), M7),
            Index("story_events_date", ("date",), M7),
        ),
        doc="act across the articles of one story",
    ),
    Table(
        "saved_searches",
        M9,
        (
            Column("id"),
            Column("name", not_null=True),
            Column("q"),
            Column("filters", not_null=True, default="'{}'"),
            Column("created", not_null=True),
            #: high-water mark: the insertion order (seq) of the last article already reported
            Column("mark", "int", not_null=True, default="0"),
            Column("last_run"),
        ),
        indexes=(Index("saved_searches_name", ("nocase:name",), M9, unique=True),),
        doc="saved search (query + filters) and what of it was already reported",
    ),
)

_BY_NAME = {t.name: t for t in SCHEMA}
#: single-column primary keys, written inline as legacy SQLite did
_INLINE_PK = {
    "articles": "id",
    "records": "article_id",
    "entities": "id",
    "story_events": "id",
    "saved_searches": "id",
}


def table(name: str) -> Table:
    return _BY_NAME[name]


def _has(col: Column, dialect: Dialect) -> bool:
    return col.only is None or col.only == dialect.name


def columns(name: str, dialect: Dialect, *, hidden: bool = False, upto: str | None = None) -> list[str]:
    """The columns of table ``name`` in ``dialect``, in database order (hidden ones on request);
    with ``upto``, only those that exist once that migration has run."""
    t = table(name)
    return [
        c.name
        for c in t.columns
        if _has(c, dialect) and (hidden or not c.hidden) and (upto is None or (c.since or t.since) <= upto)
    ]


def _column_ddl(t: Table, col: Column, dialect: Dialect) -> str:
    parts = [f'"{col.name}"', dialect.types[col.type]]
    if _INLINE_PK.get(t.name) == col.name:
        parts.append("PRIMARY KEY")
    if col.not_null:
        parts.append("NOT NULL")
    if col.default is not None:
        parts.append(f"DEFAULT {col.default}")
    if col.references:
        parts.append(f"REFERENCES {col.references}")
    return " ".join(parts)


def _index_ddl(t: Table, ix: Index, dialect: Dialect) -> str:
    cols = ", ".join(
        dialect.nocase_index.format(col=c.removeprefix("nocase:")) if c.startswith("nocase:") else c
        for c in ix.columns
    )
    return f"CREATE {'UNIQUE ' if ix.unique else ''}INDEX {ix.name} ON {t.name}({cols})"


def _create_table(t: Table, dialect: Dialect) -> str:
    body = [_column_ddl(t, c, dialect) for c in t.columns if c.since is None and _has(c, dialect)]
    if t.primary_key:
        body.append(f"PRIMARY KEY ({', '.join(t.primary_key)})")
    rowid = dialect.without_rowid if t.without_rowid else ""
    return f"CREATE TABLE {t.name} (\n    " + ",\n    ".join(body) + f"\n){rowid}"


def ddl(migration: str, dialect: Dialect) -> list[str]:
    """The statements ``migration`` runs on the schema in ``dialect``: new tables, new columns of
    existing tables, indexes created and dropped (full-text extras live in migrations.py)."""
    out: list[str] = []
    for t in SCHEMA:
        if t.since == migration:
            out.append(_create_table(t, dialect))
        out.extend(
            f"ALTER TABLE {t.name} ADD COLUMN {_column_ddl(t, c, dialect)}"
            for c in t.columns
            if c.since == migration and _has(c, dialect)
        )
    for t in SCHEMA:
        out.extend(f"DROP INDEX IF EXISTS {ix.name}" for ix in t.indexes if ix.dropped == migration)
        out.extend(_index_ddl(t, ix, dialect) for ix in t.indexes if ix.since == migration)
    return out
