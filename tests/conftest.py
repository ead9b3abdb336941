"""Shared fixtures: the pipeline (built once per session), fixture paths, ../shared access."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from warta import Pipeline
from warta._devdata import shared_dir
from warta.model import Document, Entity

FIXTURES = Path(__file__).parent / "fixtures"
#: ../shared next to the repository (or above a git worktree); WARTA_SHARED points elsewhere
SHARED = shared_dir(Path(__file__).resolve().parents[1])
SEED = FIXTURES / "seed.txt"
SEED_PUBLISHED = "2021-11-24"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def ents() -> Pipeline:
    """The stages an entity test needs (clean, segment, entities), built once per session."""
    return Pipeline(stages=["clean", "segment", "entities"])


def owner(doc: Document, mention: str) -> Entity:
    """The one entity one of whose mentions is exactly ``mention`` (fails naming every entity otherwise)."""
    found = [e for e in doc.entities if any(m.text == mention for m in e.mentions)]
    assert len(found) == 1, (
        f"{mention!r} in {[(e.name, e.type, [m.text for m in e.mentions]) for e in doc.entities]}"
    )
    return found[0]


@pytest.fixture(scope="session")
def seed_doc(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    return pipeline.analyze(SEED.read_text("utf-8"), published=SEED_PUBLISHED, id="seed")


@pytest.fixture(scope="session")
def seed_record(seed_doc) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return seed_doc.to_dict()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared not available ({path} missing)")
    return path


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture
def pg_dsn() -> Iterator[str]:
    """A PostgreSQL DSN with a schema of its own (skips with the reason when there is no server)."""
    from _pg import pg_schema

    with pg_schema() as dsn:
        yield dsn


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a fresh store goes, once per backend: a SQLite file, a PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    from _pg import pg_schema

    with pg_schema() as dsn:
        yield dsn
