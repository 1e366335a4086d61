"""prex on Apache Spark: records for corpora that outgrow one machine.

The recipe (``README.md``, "Run on Spark"): read documents into a
DataFrame, apply prex per partition with ``rdd.mapPartitions`` and the
Python package (each Spark task calls the Rust library in its Python
worker; the dictionary loads once per worker process), and write the
records as JSONL or Parquet.

- :func:`read_folder`: a folder (any Hadoop file system) of ``.txt`` /
  ``.docx`` files, walked recursively, as ``(id, path, content)`` rows from
  Spark's ``binaryFile`` source -- the bytes travel, so executors need no
  shared disk. ``id`` is the path relative to the folder, as the CLI's.
- :func:`read_jsonl`: a JSONL of ``{"id", "text", ...}`` documents, as
  ``extract --from-jsonl`` reads it.
- :func:`extract_files` / :func:`extract_texts`: those DataFrames ->
  ``(id, record)`` rows, ``record`` being the CLI's JSON line (``error``
  holds the message of an input that failed, as the CLI's stderr line).
- :func:`write_jsonl` / :func:`write_parquet`.

Why not ``rdd.pipe("extract --from-jsonl -")``: it needs the binary on
every executor, starts one process per partition, can only carry texts
(no DOCX bytes), and loses per-document errors into the executor's stderr.

It needs ``pyspark`` (``pip install pyspark``); ``import prex`` does not.
"""

from __future__ import annotations

import posixpath
from typing import Any, Dict, Iterator, Optional, Tuple
from urllib.parse import urlparse

from . import _prex

_RECORD_SCHEMA = "id string, record string, error string"


def _path_of(uri: str) -> str:
    """The path part of a Hadoop URI or a local path, absolute."""
    parsed = urlparse(uri)
    if parsed.scheme and len(parsed.scheme) > 1:  # not a Windows drive
        return parsed.path
    return posixpath.abspath(uri)


def read_folder(spark: Any, folder: str) -> Any:
    """All ``.txt`` and ``.docx`` files (any case) under ``folder`` as a
    DataFrame ``(id, path, content)``: ``id`` the path relative to
    ``folder`` with ``/`` separators, ``path`` as the CLI shows it
    (``folder/id``), ``content`` the bytes."""
    from pyspark.sql import functions as F

    root = _path_of(folder).rstrip("/")
    # A local path is made absolute here: the JVM's working directory need
    # not be Python's.
    uri = folder if urlparse(folder).scheme and len(urlparse(folder).scheme) > 1 else root
    df = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(uri)
        .select("path", "content")
    )
    lower = F.lower(F.col("path"))
    df = df.where(lower.endswith(".txt") | lower.endswith(".docx"))
    # The id is computed in the JVM (no Python stage, the bytes cross to
    # Python once, in extract_files): the part of the file's URI after the
    # folder's path, whatever scheme Spark qualified it with.
    rel = F.regexp_extract(F.col("path"), "^.*?\\Q" + root + "\\E/(.*)$", 1)
    shown_root = folder.rstrip("/")
    return df.select(
        rel.alias("id"),
        F.concat(F.lit(shown_root + "/"), rel).alias("path"),
        F.col("content"),
    )


def read_jsonl(spark: Any, path: str) -> Any:
    """A JSONL of documents (``{"id", "text", "lang"?, "reference_date"?,
    "region"?}`` per line) as a DataFrame with those columns (missing
    optional columns are added as nulls)."""
    from pyspark.sql import functions as F

    df = spark.read.json(path)
    for col in ("lang", "reference_date", "region"):
        if col not in df.columns:
            df = df.withColumn(col, F.lit(None).cast("string"))
    return df.select(F.col("id").cast("string"), "text", "lang", "reference_date", "region")


def _options(kwargs: Dict[str, Any]) -> Dict[str, Any]:
    allowed = {"lang", "reference_date", "region", "include_text", "max_bytes"}
    unknown = set(kwargs) - allowed
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    return kwargs


def extract_files(df: Any, **options: Any) -> Any:
    """``(id, path, content)`` rows (see :func:`read_folder`) -> ``(id,
    record, error)`` rows. ``options`` are :func:`prex.extract_file`'s
    keyword arguments (``lang``, ``reference_date``, ``region``,
    ``include_text``, ``max_bytes``)."""
    opts = _options(options)

    def run(rows: Iterator[Any]) -> Iterator[Tuple[str, Optional[str], Optional[str]]]:
        for row in rows:
            try:
                yield row.id, _prex.extract_bytes_json(bytes(row.content), row.path, row.id, opts), None
            except _prex.ExtractError as e:
                yield row.id, None, str(e)

    return df.rdd.mapPartitions(run).toDF(_RECORD_SCHEMA)


def extract_texts(df: Any, **options: Any) -> Any:
    """``(id, text, lang?, reference_date?, region?)`` rows (see
    :func:`read_jsonl`) -> ``(id, record, error)`` rows; a row's own
    ``lang``/``reference_date``/``region`` override ``options``."""
    opts = _options(options)

    def run(rows: Iterator[Any]) -> Iterator[Tuple[str, Optional[str], Optional[str]]]:
        # threads=1: Spark runs the partitions in parallel. Chunks keep a
        # big partition from being held in memory at once.
        items = []
        for row in rows:
            items.append({k: v for k, v in row.asDict().items() if v is not None})
            if len(items) == 256:
                yield from _texts_chunk(items, opts)
                items = []
        yield from _texts_chunk(items, opts)

    return df.rdd.mapPartitions(run).toDF(_RECORD_SCHEMA)


def _texts_chunk(items: list, opts: Dict[str, Any]) -> Iterator[Tuple[str, Optional[str], Optional[str]]]:
    if not items:
        return
    for item, r in zip(items, _prex.extract_many_json(items, 1, 0, opts)):
        if isinstance(r, str):
            yield item.get("id"), r, None
        else:
            yield item.get("id"), None, str(r)


def write_jsonl(records: Any, path: str, mode: str = "error") -> None:
    """Writes the records (not the failed rows) as JSONL part files under
    ``path``, one CLI line per document."""
    records.where("record IS NOT NULL").select("record").write.mode(mode).text(path)


def write_parquet(spark: Any, jsonl_path: str, path: str, mode: str = "error") -> None:
    """Converts records written by :func:`write_jsonl` to Parquet, with the
    nested record schema inferred by Spark's JSON reader."""
    spark.read.json(jsonl_path).write.mode(mode).parquet(path)
