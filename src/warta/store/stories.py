"""Stories across a store: new articles join the stories of the articles already stored.

:class:`StoreStories` wraps a :class:`~warta.stories.StoryIndex` seeded (lazily, on the first new
article) from the store's records in insertion order: a stored article keeps its story id, and a
stored article that has none yet (ingested before stories existed, or with stories off) gets one
and is written back with :meth:`Store.set_stories`. New records are matched against everything
seen so far; a record whose article id is already stored keeps that article's story, so re-running
an ingest or updating an article never renames a story.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from warta.store.base import Store

if TYPE_CHECKING:  # numpy (MinHash) is imported only when stories are used
    from warta.stories import StoryIndex

__all__ = ["StoreStories"]


class StoreStories:
    """Assign ``document.story`` to records about to be stored in ``store`` (not thread-safe)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._index: StoryIndex | None = None
        #: stored articles that had no story when the index was seeded, with the one they got
        self.backfilled: dict[str, str] = {}

    def index(self) -> StoryIndex:
        if self._index is None:
            from warta.stories import StoryIndex

            index = StoryIndex()
            missing: dict[str, str] = {}
            for record in self.store.rows("records"):
                document = record.get("document") or {}
                had = document.get("story")
                story = index.assign_record(record, keep=True)
                if not had and document.get("id"):
                    missing[str(document["id"])] = story
            if missing:
                self.store.set_stories(missing)
            self.backfilled = missing
            self._index = index
        return self._index

    def assign(self, record: dict[str, Any]) -> str:
        """Set and return ``record["document"]["story"]`` against the stored stories.

        A story the record brings with it (e.g. from ``warta analyze``) is replaced: story ids are
        the store's own, so articles ingested at different times still meet.
        """
        return self.index().assign_record(record, keep=False)
