"""What a person types into ``q`` never errors or leaks (issue 16 item 5, store part): FTS5 and
tsquery syntax are only words, and a query or page over the limits gets a clear 4xx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _server import live_server
from conftest import BACKENDS
from store_records import ent, record
from warta.api import create_app
from warta.errors import InputError
from warta.settings import load_settings
from warta.store import EntityFilter, EventFilter, Query, Store, open_store
from warta.store.fts import MAX_QUERY_CHARS, MAX_QUERY_WORDS, fts_query
from warta.store.fulltext import ts_query

HOSTILE = [
    "", "   ", "!", "&|", "a:* & !b", "'", "''", "\\", '"', '"unclosed', '""', '" "', "-", "--", "-x", "- x",
    "OR", "x OR", "OR x", "OR OR OR", "AND", "NOT", "a NOT b", "a AND NOT b", "NEAR(a b)", "NEAR(a b, 2)",
    "NEAR/3", "a NEAR b", "*", "**", "x*", "*x", "-*", "x*y", "(", ")", "(((", ")))", "(a OR b", "a) OR (b",
    "title:x", "text:banjir", "{title text}:x", "stems:x", "^banjir", "+banjir", "a <-> b", "a <2> b",
    "x:AB", "x:*", "!x", "a | b", "a & b", "1.5e3", "_", "%", "%s %(x)s", "?", "$1", ";",
    "'; DROP TABLE articles; --", "ünïcödé ẞ", "Jokowi\u200b", "\u202eKPK", "a\x00b", "\x00", "a\ud83db",
    "\ud83d", "日本語 テスト", "🙂 banjir",
    "<script>alert(1)</script>", "a" * 499, "banjir " * 32,
]  # fmt: skip


def _corpus() -> list[dict]:  # type: ignore[type-arg]
    return [
        record(
            "k1", "KPK menahan bupati Sorong setelah banjir.", [ent("KPK", "ORGANIZATION", "IDN", "kb:kpk")]
        ),
        record("k2", 'Banjir merendam Bekasi; warga (dan "relawan") mengungsi.', []),
    ]


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One filled store per backend for the whole module (queries do not change it)."""
    if request.param == "sqlite":
        s = open_store(tmp_path_factory.mktemp("q") / "q.db")
        s.upsert(_corpus())
        yield s
        s.close()
        return
    from _pg import pg_schema

    with pg_schema() as dsn:
        s = open_store(dsn)
        s.upsert(_corpus())
        yield s
        s.close()


@pytest.mark.parametrize("text", HOSTILE)
def test_query_syntax_is_only_words(store: Store, text: str) -> None:
    page = store.search(Query(text=text))  # never a syntax error from FTS5 or to_tsquery
    assert page.total >= 0
    assert store.search(Query(text=text, entity=text, speaker=text, outlet=text, story=text)).total >= 0
    assert store.entities(EntityFilter(q=text)).total >= 0
    assert store.events(EventFilter(entity=text)).total >= 0
    for built in (fts_query(text), ts_query(text)):
        assert built is None or built.strip()


def test_syntax_characters_match_as_words(store: Store) -> None:
    as_phrase = store.search(Query(text='"title banjir"')).total
    assert store.search(Query(text="title:banjir")).total == as_phrase == 0  # no column filter
    assert store.search(Query(text="NEAR KPK bupati")).total == 0  # "near" is a word here too
    assert store.search(Query(text="KPK (bupati)")).total == 1  # parentheses do not group
    assert store.search(Query(text='"relawan"')).total == 1
    assert store.search(Query(text="(banjir")).total == 2


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(
        alphabet=st.one_of(st.sampled_from(list("\"*-():^+{}[]<>!&|\\'% _:.,;")), st.characters()),
        max_size=80,
    )
)
def test_any_query_text_is_safe(store: Store, text: str) -> None:
    if len(text.split()) > MAX_QUERY_WORDS:
        return
    store.search(Query(text=text, facets=False))


def test_limits_are_clear_errors(store: Store) -> None:
    with pytest.raises(InputError, match=f"at most {MAX_QUERY_CHARS}"):
        store.search(Query(text="a" * (MAX_QUERY_CHARS + 1)))
    with pytest.raises(InputError, match=f"at most {MAX_QUERY_WORDS}"):
        store.search(Query(text="kata " * (MAX_QUERY_WORDS + 1)))
    store.search(Query(text="kata " * MAX_QUERY_WORDS))


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[httpx.Client]:
    app = create_app(load_settings({"db": store.location}, environ={}), store=store)
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as c:
        yield c


def _sendable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate cannot be put in a URL (the raw-URL test sends one)
        return False
    return True


@pytest.mark.parametrize("text", [t for t in HOSTILE if _sendable(t)])
def test_the_api_answers_hostile_queries_without_leaking(client: httpx.Client, text: str) -> None:
    for path in ("/api/search", "/"):
        resp = client.get(path, params={"q": text})
        assert resp.status_code == 200, (path, resp.text[:300])
        low = resp.text.lower()
        for leak in ("sqlite", "fts5", "syntax error", "tsquery", "traceback", "psycopg"):
            assert leak not in low, (path, leak)


def test_the_api_refuses_queries_and_pages_over_the_limits(client: httpx.Client) -> None:
    long = client.get("/api/search", params={"q": "x" * (MAX_QUERY_CHARS + 1)})
    assert long.status_code == 422
    assert "at most 500 characters" in long.json()["error"]["message"]
    wordy = client.get("/api/search", params={"q": "kata " * 40})
    assert wordy.status_code == 422
    assert wordy.json()["error"]["message"] == "q: the query has 40 words; at most 32"
    big = client.get("/api/search", params={"q": "banjir", "size": 201})
    assert big.status_code == 422
    assert "over the limit of 200" in big.json()["error"]["message"]
    assert client.get("/api/events", params={"size": 10_000}).status_code == 422
    assert client.get("/api/search", params={"page": 0}).status_code == 422
    page = client.get("/", params={"q": "kata " * 40}, headers={"accept": "text/html"})
    assert page.status_code == 422
    assert "at most 32" in page.text
    raw = client.get("/api/search?q=%ED%A0%BD%00banjir")  # invalid UTF-8 and a NUL in the URL
    assert raw.status_code in (200, 422)


def test_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    from warta.errors import StoreError

    with pytest.raises(StoreError, match="no such database"):
        open_store(tmp_path / "none.db", readonly=True)
