"""Typed response bodies of the REST API (pydantic), so that OpenAPI documents every answer.

Rows keep any column the store adds later (``extra="allow"``): the fields listed are the
documented ones; docs/api.md and docs/store.md describe them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ArticleCard",
    "ArticlePage",
    "EntityDetail",
    "EntityPage",
    "ErrorBody",
    "EventPage",
    "Links",
    "NewMatches",
    "Record",
    "SavedSearch",
    "SavedSearchIn",
    "SavedSearchList",
    "Stored",
    "StoryEventDetail",
    "StoryEventPage",
    "Summary",
]


class _Row(BaseModel):
    model_config = ConfigDict(extra="allow")


# -- errors --------------------------------------------------------------------------------------
class ErrorItem(BaseModel):
    where: str = Field(description="the parameter or body field, dotted (query.size, body.text)")
    message: str


class ErrorInfo(BaseModel):
    status: int = Field(description="the HTTP status, repeated")
    type: str = Field(description="error class: NotFoundError, ValidationError, InputError, …")
    message: str = Field(description="what is wrong, in one line")
    details: list[ErrorItem] | None = Field(None, description="every problem (validation errors only)")


class ErrorBody(BaseModel):
    """The body of every error answer (4xx and 5xx) under /api."""

    error: ErrorInfo


# -- paging --------------------------------------------------------------------------------------
class Links(BaseModel):
    """Page links (also sent as an RFC 8288 ``Link`` header): null where there is no such page."""

    self: str
    first: str
    last: str
    prev: str | None = None
    next: str | None = None


class _Page(BaseModel):
    total: int = Field(description="items matching, over every page")
    page: int
    size: int
    pages: int
    links: Links


class Facet(_Row):
    value: str | None
    count: int
    name: str | None = Field(None, description="entities and stories: the display name")


class SearchFacets(_Row):
    outlets: list[Facet] = []
    months: list[Facet] = []
    entities: list[Facet] = []
    event_types: list[Facet] = []
    stories: list[Facet] = []


class ArticleCard(_Row):
    id: str
    title: str | None = None
    lead: str | None = Field(None, description="the first 90 characters of the text")
    outlet: str | None = None
    published: str | None = None
    date: str | None = Field(None, description="YYYY-MM-DD of published")
    url: str | None = None
    story: str | None = None
    n_entities: int = 0
    n_quotes: int = 0
    n_events: int = 0
    title_html: str = Field("", description="the title, HTML-escaped, matches in <mark>")
    snippet_html: str = Field("", description="a passage, HTML-escaped, matches in <mark>")
    score: float | None = Field(None, description="relevance (higher is better); null without words")


class ArticlePage(_Page):
    items: list[ArticleCard]
    facets: SearchFacets | None = None
    facets_from: int | None = Field(None, description="facets count the best this-many results")


class EntityRow(_Row):
    id: str
    key: str | None = None
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    articles: int = Field(0, description="articles mentioning it")


class EntityPage(_Page):
    items: list[EntityRow]


class EventRow(_Row):
    article_id: str
    local_id: str | None = None
    type: str
    mode: str | None = None
    source_id: str | None = None
    source: str | None = None
    source_country: str | None = None
    source_sector: str | None = None
    source_key: str | None = None
    target_id: str | None = None
    target: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    target_key: str | None = None
    date: str | None = None
    date_source: str | None = None
    location_id: str | None = None
    location: str | None = None
    status: str | None = None
    reported: int | None = None
    trigger: str | None = None
    sentence: int | None = None
    sentence_text: str | None = None
    num: int | None = None
    mentions: int | None = None
    story_event: str | None = None
    article_title: str | None = None
    article_date: str | None = None
    outlet: str | None = None


class EventFacets(_Row):
    months: list[Facet] = []
    types: list[Facet] = []
    statuses: list[Facet] = []


class EventPage(_Page):
    items: list[EventRow]
    facets: EventFacets | None = None


class StoryEventRow(_Row):
    id: str
    story: str | None = None
    type: str
    mode: str | None = None
    status: str | None = None
    source: str | None = None
    source_country: str | None = None
    target: str | None = None
    target_country: str | None = None
    date: str | None = None
    date_source: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    articles: int
    events: int
    mentions: int
    article_id: str | None = Field(None, description="the representative report's article")


class StoryEventPage(_Page):
    items: list[StoryEventRow]
    facets: EventFacets | None = None


class StoryEventDetail(StoryEventRow):
    sources: list[EventRow] = Field(description="every event row reporting this act")


class NameCount(_Row):
    name: str
    articles: int


class TimelinePoint(_Row):
    month: str
    articles: int
    mentions: int


class EntityDetail(EntityRow):
    mentions: int = 0
    names: list[NameCount] = []
    titles: list[str] = []
    timeline: list[TimelinePoint] = []
    cooccurring: list[EntityRow] = []
    quotes: list[dict[str, Any]] = Field([], description="quote rows (table quotes) with article_title")
    events: list[EventRow] = []
    recent_articles: list[dict[str, Any]] = []


class Record(_Row):
    """A warta/1 record (docs/output.md; JSON Schema: src/warta/resources/schema/)."""

    schema_: str = Field("warta/1", alias="schema")
    document: dict[str, Any]
    sentences: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    times: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    amounts: list[dict[str, Any]]
    summary: list[int]
    keywords: list[str]


class Summary(BaseModel):
    articles: int
    entities: int
    events: int
    quotes: int
    migrations: list[str]
    read_only: bool


class Stored(BaseModel):
    id: str
    stored: bool


# -- saved searches ------------------------------------------------------------------------------
class SavedFilters(BaseModel):
    """The article filters a saved search keeps (the same as /api/search takes)."""

    model_config = ConfigDict(extra="forbid")

    date_from: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    date_to: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    outlet: str | None = Field(None, max_length=200)
    entity: str | None = Field(None, max_length=200)
    country: str | None = Field(None, pattern=r"^[A-Za-z]{3}$")
    event_type: str | None = Field(None, max_length=20)
    speaker: str | None = Field(None, max_length=200)
    story: str | None = Field(None, max_length=200)


class SavedSearchIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    q: str | None = Field(None, max_length=500, description="search words, as /api/search's q")
    filters: SavedFilters | None = None


class SavedSearchLinks(BaseModel):
    self: str
    new: str = Field(description="articles stored since the last run that match")
    feed: str = Field(description="Atom feed of the latest matches")


class SavedSearch(BaseModel):
    id: str
    name: str
    q: str | None
    filters: dict[str, str]
    created: str
    mark: int = Field(description="high-water mark: insertion order of the last article reported")
    last_run: str | None
    links: SavedSearchLinks


class SavedSearchList(BaseModel):
    total: int
    items: list[SavedSearch]


class NewMatches(BaseModel):
    saved_search: SavedSearch
    since: int = Field(description="the mark before this run")
    upto: int = Field(description="the newest article considered (the mark after a run)")
    total: int
    items: list[ArticleCard]


# -- stories (the workbench's JSON, warta/api/workbench.py) -----------------------------------------
class TopStory(_Row):
    id: str
    articles: int
    outlets: int | None = None
    first_date: str | None = None
    last_date: str | None = None
    events: int | None = None


class StoryDetail(_Row):
    id: str
    articles: list[dict[str, Any]]
    outlets: list[str] = []
    first_date: str | None = None
    last_date: str | None = None
    entities: list[dict[str, Any]] = []
    story_events: list[StoryEventRow] = []
    events: list[EventRow] = []
    timeline: dict[str, Any] | None = None
