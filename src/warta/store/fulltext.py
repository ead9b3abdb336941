"""The full-text index: the one part of the store each dialect writes its own way.

SQLite: an FTS5 table over title, text and the Sastrawi stems (``bm25`` with weights 5 : 1 : 0.5,
``snippet``/``highlight``). PostgreSQL: a generated ``tsvector`` (title A, text B, stems C) with
a GIN index, ``ts_rank`` with weights 1.0 : 0.2 : 0.1, ``ts_headline``. Both take the same query
syntax (:mod:`warta.store.fts`): a word matches as written in title/text or by its root in the
stems; a known actor's name also matches its other names.
"""

from __future__ import annotations

from typing import Any, Protocol

from warta.store.dialect import Tx
from warta.store.fts import FTS5, MARK_END, MARK_START, Aliases, QuerySyntax, build_query

__all__ = ["FTS5Index", "FullText", "TsVectorIndex", "ts_query"]

#: the columns of a result card (both dialects)
CARD = (
    "a.id, a.title, substr(a.text, 1, 90) AS lead, a.outlet, a.published, a.date, a.url, a.story, "
    "a.n_entities, a.n_quotes, a.n_events"
)


class FullText(Protocol):
    def match(self, text: str | None, aliases: Aliases) -> str | None:
        """The backend's query for ``text`` (None: no searchable word)."""
        ...

    def hits(self, tx: Tx, match: str, cond: str, params: list[Any]) -> list[tuple[int, float]]:
        """(article seq, score: higher is better) of every match passing ``cond``, best first."""
        ...

    def cards(self, tx: Tx, seqs: list[int], match: str) -> list[dict[str, Any]]:
        """Card rows for ``seqs`` (``rid`` = seq, ``title_marked``, ``snippet`` with markers)."""
        ...


def _stems_available() -> bool:
    from warta.store.stem import available

    return available()


def _stem(word: str) -> str:
    from warta.store.stem import stem_word

    return stem_word(word)


class FTS5Index:
    """SQLite FTS5 (``articles_fts``, content table ``articles``, rowid = seq)."""

    weights = "5.0, 1.0, 0.5"  # title, text as written, stemmed title + text

    def match(self, text: str | None, aliases: Aliases) -> str | None:
        plain = build_query(text, FTS5, aliases=aliases)
        if plain is None or not _stems_available():
            return plain if plain is None else "{title text} : (" + plain + ")"
        stemmed = build_query(text, FTS5, _stem, aliases)
        return "{title text} : (" + plain + ") OR stems : (" + str(stemmed) + ")"

    def hits(self, tx: Tx, match: str, cond: str, params: list[Any]) -> list[tuple[int, float]]:
        found = tx.tuples(
            f"SELECT rowid, bm25(articles_fts, {self.weights}) FROM articles_fts WHERE articles_fts MATCH ?",
            [match],
        )
        if cond:  # filters on their own indexes, intersected: cheaper than a row lookup per match
            allowed = {r[0] for r in tx.tuples(f"SELECT a.rowid FROM articles a WHERE TRUE{cond}", params)}
            found = [h for h in found if h[0] in allowed]
        found.sort(key=lambda h: (h[1], -h[0]))  # bm25: lower is better; ties newest stored first
        return [(int(rowid), -float(score)) for rowid, score in found]

    def cards(self, tx: Tx, seqs: list[int], match: str) -> list[dict[str, Any]]:
        return tx.q(
            f"SELECT a.rowid AS rid, {CARD}, "
            f"highlight(articles_fts, 0, '{MARK_START}', '{MARK_END}') AS title_marked, "
            f"snippet(articles_fts, 1, '{MARK_START}', '{MARK_END}', '…', 24) AS snippet "
            f"FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            f"WHERE articles_fts MATCH ? AND {tx.dialect.in_list('articles_fts.rowid')}",
            [match, tx.dialect.values(seqs)],
        )


def _lexeme(word: str, weights: str, prefix: bool = False) -> str:
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "':" + ("*" if prefix else "") + weights


def ts_query(
    text: str | None, word: Any = str, weights: str = "AB", aliases: Aliases | None = None
) -> str | None:
    """A ``to_tsquery`` expression from user input (words quoted: no syntax gets through)."""
    syntax = QuerySyntax(
        term=lambda w, prefix: _lexeme(w, weights, prefix),
        phrase=lambda ws: "(" + " <-> ".join(_lexeme(w, weights) for w in ws) + ")",
        or_=" | ",
        and_=" & ",
        not_=" & !",
    )
    return build_query(text, syntax, word, aliases)


class TsVectorIndex:
    """PostgreSQL: ``articles.fts`` tsvector in the text search configuration ``warta_id``."""

    weights = "'{0.0, 0.1, 0.2, 1.0}'"  # D, C (stems), B (text), A (title)
    headline = f"StartSel={MARK_START}, StopSel={MARK_END}"

    def match(self, text: str | None, aliases: Aliases) -> str | None:
        plain = ts_query(text, aliases=aliases)
        if plain is None or not _stems_available():
            return plain
        return f"({plain}) | ({ts_query(text, _stem, 'C', aliases)})"

    def hits(self, tx: Tx, match: str, cond: str, params: list[Any]) -> list[tuple[int, float]]:
        found = tx.tuples(
            f"SELECT a.seq, ts_rank({self.weights}, a.fts, q) AS score "
            f"FROM articles a, to_tsquery('warta_id', ?) q WHERE a.fts @@ q{cond} "
            f"ORDER BY score DESC, a.seq DESC",
            [match, *params],
        )
        return [(int(seq), float(score)) for seq, score in found]

    def cards(self, tx: Tx, seqs: list[int], match: str) -> list[dict[str, Any]]:
        return tx.q(
            f"SELECT a.seq AS rid, {CARD}, "
            f"ts_headline('warta_id', coalesce(a.title, ''), q, 'HighlightAll=true, {self.headline}') "
            f"AS title_marked, "
            f"ts_headline('warta_id', a.text, q, 'MaxWords=35, MinWords=15, MaxFragments=2, "
            f"FragmentDelimiter=…, {self.headline}') AS snippet "
            f"FROM articles a, to_tsquery('warta_id', ?) q WHERE {tx.dialect.in_list('a.seq')}",
            [match, tx.dialect.values(seqs)],
        )
