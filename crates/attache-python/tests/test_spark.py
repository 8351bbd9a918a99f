"""Attaché on Spark, as the README's recipe runs it: a partitioned JSON Lines corpus coded
in a real local Spark, once with the Python package inside ``mapInPandas`` and once with
``rdd.pipe("attache analyze -")``; both write events as Parquet, and the union of the
partitions must equal what one ``attache analyze`` process finds. Skips, saying why,
without pyspark or Java."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")
if shutil.which("java") is None:
    pytest.skip("Java is missing: Spark needs a JVM", allow_module_level=True)

import pandas  # noqa: E402
from pyspark import cloudpickle  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.types import IntegerType, StringType, StructField, StructType  # noqa: E402

import attache  # noqa: E402

REPO = Path(os.environ["ATTACHE_REPO"])
BINARY = os.environ["ATTACHE_BIN"]

EVENT_SCHEMA = StructType([StructField(name, kind, True) for name, kind in [
    ("document", StringType()), ("index", IntegerType()), ("cameo", StringType()), ("source", StringType()),
    ("target", StringType()), ("date", StringType()), ("trigger_start", IntegerType()),
    ("trigger_end", IntegerType())]])
COLUMNS = [field.name for field in EVENT_SCHEMA.fields]

# Short articles written for this test, beside the repository's example article.
ARTICLES = [
    ("Kenya's president visited Uganda on Friday to discuss trade, officials said.", "2024-05-10"),
    ("Protesters marched in Nairobi on Tuesday, demanding lower food prices.", "2024-05-14"),
    ("Russia's foreign minister met India's prime minister in New Delhi on Monday.", "2023-03-02"),
    ("The United Nations called on both sides to release their prisoners.", "2023-06-01"),
    ("France and Germany signed an agreement on energy cooperation in Berlin on Wednesday.", "2023-09-13"),
    ("Police arrested forty demonstrators in Santiago on Saturday, witnesses said.", "2022-11-05"),
    ("Japan's prime minister criticised North Korea's missile launch on Sunday.", "2023-02-19"),
    ("Brazil's president will visit China next month, his office said on Thursday.", "2023-03-16"),
    ("Turkey threatened to impose sanctions on Sweden, a minister said on Monday.", "2023-01-23"),
]


def event_rows(document: dict) -> list:
    """The events of an analysed document, one tuple each in COLUMNS order."""
    return [(document["id"], n, e["cameo"], (e["source"] or {}).get("code"), (e["target"] or {}).get("code"),
             (e["date"] or {}).get("value"), e["trigger"]["start"], e["trigger"]["end"])
            for n, e in enumerate(document["events"])]


def clean(record: dict) -> dict:
    """A record as Spark gives it, without the missing fields it fills with nulls."""
    return {key: value for key, value in record.items() if value is not None and value == value}


def analyse_partition(batches):
    """mapInPandas: each batch of records through the Python package, one row per event."""
    for batch in batches:
        records = [clean(record) for record in batch.to_dict("records")]
        rows = [row for document in attache.analyze_many(records, threads=1) for row in event_rows(document)]
        yield pandas.DataFrame(rows, columns=COLUMNS)


# Spark's Python workers cannot import this test module: its functions travel by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("attache-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    yield session
    session.stop()


def test_spark_partitions_code_what_one_process_codes(spark, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = [{"id": "ministers-meet", "text": (REPO / "examples" / "ministers-meet.txt").read_text()}]
    records += [{"id": f"a{n}", "text": text, "date": date} for n, (text, date) in enumerate(ARTICLES)]
    for part in range(3):
        lines = [json.dumps(record) for record in records[part::3]]
        (corpus / f"part-{part:05}.jsonl").write_text("\n".join(lines) + "\n")

    single = subprocess.run([BINARY, "analyze", str(corpus)], check=True, capture_output=True, text=True).stdout
    expected = sorted(row for line in single.splitlines() for row in event_rows(json.loads(line)))
    assert len(expected) >= len(ARTICLES)

    # The package inside mapInPandas.
    frame = spark.read.json(str(corpus)).select("id", "text", "date")
    assert frame.rdd.getNumPartitions() >= 1
    frame.mapInPandas(analyse_partition, schema=EVENT_SCHEMA).write.parquet(str(tmp_path / "by-package"))
    # The binary as a filter through rdd.pipe.
    lines = spark.sparkContext.textFile(str(corpus), minPartitions=3)
    piped = lines.pipe(f"{BINARY} analyze -").flatMap(lambda line: event_rows(json.loads(line)))
    spark.createDataFrame(piped, EVENT_SCHEMA).write.parquet(str(tmp_path / "by-pipe"))

    for name in ["by-package", "by-pipe"]:
        written = pandas.read_parquet(tmp_path / name)
        got = sorted(tuple(None if pandas.isna(v) else v for v in row) for row in written[COLUMNS].itertuples(index=False))
        assert got == expected, name
