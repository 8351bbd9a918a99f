"""The Python package against the command: the same analyses, the same store.

Run by crates/attache-cli/tests/python_package.rs in a fresh virtual environment with the
built wheel installed; ATTACHE_BIN is the `attache` binary and ATTACHE_REPO the repository.
"""

import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

import attache

REPO = Path(os.environ["ATTACHE_REPO"])
BINARY = os.environ["ATTACHE_BIN"]
ARTICLE = REPO / "examples" / "ministers-meet.txt"
ARCHIVE = REPO / "examples" / "archive"


def command(*args: str) -> str:
    return subprocess.run([BINARY, *args], check=True, capture_output=True, text=True).stdout


def without_id(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "id"}


def test_analyze_gives_what_the_command_writes():
    expected = json.loads(command("analyze", str(ARTICLE)))
    got = attache.analyze(ARTICLE.read_text())
    assert without_id(got) == without_id(expected)
    assert got["events"] and got["entities"]


def test_records_and_dates_are_read_as_the_command_reads_json_lines(tmp_path):
    record = {"id": "r1", "text": "Russia's foreign minister met India's prime minister in New Delhi on Monday.",
              "date": "2023-03-02", "title": "Talks", "source": "Test Wire"}
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record) + "\n")
    expected = json.loads(command("analyze", str(feed)))
    got = attache.analyze(record["text"], date="2023-03-02", title="Talks", source="Test Wire", id="r1")
    assert got == expected
    assert got["events"][0]["date"]["value"] == "2023-02-27"


def test_analyze_many_streams_in_input_order_on_threads():
    texts = [f"Kenya's president visited Uganda on Friday, report {n} said." for n in range(40)]
    texts[7] = ARTICLE.read_text()
    results = list(attache.analyze_many(iter(texts), threads=2, chunk=16))
    assert [r["id"] for r in results] == [f"doc{n}" for n in range(40)]
    # A text in a stream is a record's text: the same as one analysed with its id.
    assert results == [attache.analyze(text, id=f"doc{n}") for n, text in enumerate(texts)]
    assert results[7]["events"]


def test_analysis_releases_the_gil():
    # A Python thread keeps counting while Rust analyses: it could not with the GIL held.
    ticks = []
    done = threading.Event()

    def count():
        while not done.is_set():
            ticks.append(1)

    counter = threading.Thread(target=count)
    counter.start()
    list(attache.analyze_many([ARTICLE.read_text()] * 8, threads=1))
    done.set()
    counter.join()
    assert len(ticks) > 1000


def test_errors_are_python_exceptions_with_the_message():
    with pytest.raises(attache.AttacheError, match="not a valid YYYY-MM-DD date"):
        attache.analyze("Talks.", date="2023-13-40")
    with pytest.raises(attache.AttacheError, match="empty"):
        attache.analyze("   ")


def test_the_store_answers_as_the_command_does(tmp_path):
    db = tmp_path / "archive.db"
    store = attache.Store(db)
    summary = store.ingest(paths=[ARCHIVE])
    assert summary["stored"] == 4 and summary["problems"] == []
    assert store.ingest(paths=[ARCHIVE])["already"] == 4
    lines = command("query", "--db", str(db), "--format", "json", "events", "--actor", "Lavrov").splitlines()
    expected = [json.loads(line)["id"] for line in lines]
    events = store.events(actor="Lavrov")
    assert list(events["id"]) == expected and expected
    assert list(events.columns[:4]) == ["id", "date", "cameo", "description"]
    conflicting = store.events(conflicting=True)
    assert len(conflicting) == 1
    stances = {account["stance"] for account in conflicting["accounts"][0]}
    assert stances == {"asserts", "denies"}
    dyad = store.events(actor="Blinken", with_="Lavrov")
    assert set(dyad["id"]) <= set(events["id"]) and len(dyad) > 0
    assert set(store.events(since="2023-01-01")["date"].str[:4]) == {"2023"}
    timeline = store.timeline(actor="Lavrov", by="year")
    assert timeline["events"].sum() == events["date"].notna().sum()
    assert len(store.quotes(speaker="Zakharova")) > 0
    assert store.stats()["documents"] == 4
    with pytest.raises(attache.AttacheError, match="not a date"):
        store.events(since="yesterday")
    with pytest.raises(attache.AttacheError, match="blank"):
        store.events(actor=" ")


def test_documents_can_be_stored_from_python(tmp_path):
    store = attache.Store(tmp_path / "new.db")
    summary = store.ingest([{"id": "a", "text": "Kenya's president visited Uganda on Friday.", "date": "2024-05-10"},
                            "Protesters marched in Nairobi on Tuesday."])
    assert summary["stored"] == 2
    assert store.stats()["documents"] == 2


def test_events_go_to_arrow(tmp_path):
    pyarrow = pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    store = attache.Store(tmp_path / "archive.db")
    store.ingest(paths=[ARCHIVE])
    table = store.to_arrow(actor="Lavrov")
    assert isinstance(table, pyarrow.Table)
    assert table.num_rows == len(store.events(actor="Lavrov")) > 0
    assert json.loads(table.column("accounts")[0].as_py())[0]["stance"] in {"asserts", "denies", "expects", "supposes"}
