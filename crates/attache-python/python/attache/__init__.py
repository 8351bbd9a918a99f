"""Attaché: who did what to whom, when, where, according to whom.

News articles in, structured and source-attributed political events out (CAMEO, PLOVER),
from the same Rust engine as the ``attache`` command:

    import attache
    doc = attache.analyze("Russia's foreign minister met India's prime minister in New Delhi on Monday.", date="2023-03-02")
    doc["events"][0]["cameo"]                      # '040'
    store = attache.Store("attache.db")
    store.ingest(paths=["archive/"])
    store.events(actor="Lavrov", with_="Blinken")  # a pandas DataFrame
"""

from __future__ import annotations

import json
from itertools import islice
from os import PathLike
from typing import Any, Iterable, Iterator, Mapping, Optional, Union

from ._attache import AttacheError, NativeStore, analyze_json, analyze_records

__all__ = ["AttacheError", "Store", "analyze", "analyze_many"]

Document = Union[str, Mapping[str, Any]]


def _record(document: Document, number: int) -> str:
    """A JSON Lines record for a text or a dict ({"text", "id"?, "date"?, "title"?, "source"?, "byline"?})."""
    if isinstance(document, str):
        return json.dumps({"id": f"doc{number}", "text": document})
    record = dict(document)
    record.setdefault("id", f"doc{number}")
    return json.dumps(record)


def analyze(text: str, date: Optional[str] = None, title: Optional[str] = None, source: Optional[str] = None,
            id: Optional[str] = None, tokens: bool = False) -> dict:
    """Analyses one article and returns the JSON object of ``attache analyze`` as a dict.

    Without date, title, source or id, ``text`` is read as ``attache analyze`` reads a text
    file (a first line `` date YYYY-MM-DD By AUTHORS, OUTLET`` gives them). ``date``
    (YYYY-MM-DD) anchors relative dates. Raises AttacheError on unreadable input.
    """
    fields = {"date": date, "title": title, "source": source, "id": id}
    if any(value is not None for value in fields.values()):
        record = {"text": text, **{k: v for k, v in fields.items() if v is not None}}
        return json.loads(analyze_json(text, json.dumps(record), tokens))
    return json.loads(analyze_json(text, None, tokens))


def analyze_many(documents: Iterable[Document], threads: Optional[int] = None, chunk: int = 64,
                 tokens: bool = False) -> Iterator[dict]:
    """Analyses texts or dicts on ``threads`` threads (all cores by default), yielding each
    result in input order; ``chunk`` documents are read at a time, so any iterable is
    streamed in bounded memory. The GIL is released while Rust works."""
    numbered = iter(documents)
    start = 0
    while True:
        batch = [_record(document, start + n) for n, document in enumerate(islice(numbered, chunk))]
        if not batch:
            return
        start += len(batch)
        for result in analyze_records(batch, threads, tokens):
            yield json.loads(result)


def _frame(rows: list, columns: list):
    try:
        import pandas
    except ImportError as missing:  # pragma: no cover - depends on the environment
        raise ImportError("Store queries return pandas DataFrames: pip install pandas") from missing
    return pandas.DataFrame(rows, columns=columns)


_EVENT_COLUMNS = ["id", "date", "cameo", "description", "plover", "goldstein", "quad_class", "source_code",
                  "source_name", "target_code", "target_name", "place", "place_country", "latitude", "longitude",
                  "mentions", "num_sources", "num_articles", "conflict", "accounts"]


def _event_row(event: dict) -> dict:
    source, target, place = event.get("source") or {}, event.get("target") or {}, event.get("place") or {}
    latitude, longitude = place.get("coordinates") or (None, None)
    return {
        "id": event["id"], "date": event["date"], "cameo": event["cameo"], "description": event["description"],
        "plover": event["plover"], "goldstein": event["goldstein"], "quad_class": event["quad_class"],
        "source_code": source.get("code"), "source_name": source.get("name"),
        "target_code": target.get("code"), "target_name": target.get("name"),
        "place": place.get("name"), "place_country": place.get("country"), "latitude": latitude, "longitude": longitude,
        "mentions": event["mentions"], "num_sources": event["num_sources"], "num_articles": event["num_articles"],
        "conflict": event["conflict"], "accounts": event["accounts"],
    }


class Store:
    """An Attaché event store (an SQLite file), as ``attache ingest`` and ``attache query`` use it."""

    def __init__(self, path: Union[str, PathLike]):
        self.path = str(path)
        self._native = NativeStore(self.path)

    def ingest(self, documents: Iterable[Document] = (), paths: Iterable[Union[str, PathLike]] = (),
               threads: Optional[int] = None) -> dict:
        """Analyses and stores texts or dicts and files or folders (text, HTML, JSON Lines,
        WARC); documents stored before are skipped. Returns {stored, already, reports, problems}."""
        records = [_record(document, n) for n, document in enumerate(documents)]
        stored, already, reports, problems = self._native.ingest([str(p) for p in paths], records, threads)
        return {"stored": stored, "already": already, "reports": reports, "problems": problems}

    def events(self, actor: Optional[str] = None, with_: Optional[str] = None, code: Optional[str] = None,
               since: Optional[str] = None, until: Optional[str] = None, place: Optional[str] = None,
               conflicting: bool = False, limit: Optional[int] = None, offset: int = 0):
        """Deduplicated events in date order, as a DataFrame (``accounts`` holds each event's reports)."""
        rows = [_event_row(json.loads(e)) for e in
                self._native.events(actor, with_, code, since, until, place, conflicting, limit, offset)]
        return _frame(rows, _EVENT_COLUMNS)

    def timeline(self, actor: Optional[str] = None, with_: Optional[str] = None, code: Optional[str] = None,
                 since: Optional[str] = None, until: Optional[str] = None, place: Optional[str] = None,
                 conflicting: bool = False, by: str = "month"):
        """Events counted by period (day, month or year) and dyad, with their mean Goldstein score."""
        rows = [json.loads(p) for p in
                self._native.timeline(actor, with_, code, since, until, place, conflicting, by)]
        return _frame(rows, ["period", "dyad", "events", "reports", "goldstein", "conflicting"])

    def quotes(self, speaker: Optional[str] = None, limit: Optional[int] = None, offset: int = 0):
        """Quotations with their speakers and articles."""
        rows = [json.loads(q) for q in self._native.quotes(speaker, limit, offset)]
        return _frame(rows, ["document", "outlet", "article_date", "speaker", "speaker_actor", "text", "start", "end"])

    def stats(self) -> dict:
        """Counts of documents, quotations, reports, events and conflicts; events by class and month."""
        return json.loads(self._native.stats())

    def to_arrow(self, **filters):
        """The events of ``events(**filters)`` as a pyarrow Table (accounts as JSON text)."""
        import pyarrow
        frame = self.events(**filters)
        frame["accounts"] = frame["accounts"].map(json.dumps)
        return pyarrow.Table.from_pandas(frame, preserve_index=False)
