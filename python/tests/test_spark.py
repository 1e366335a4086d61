"""The Spark recipe (prex.spark) in local[2] mode: same records as the CLI.

Needs pyspark and Java 17; CI installs pyspark into the test venv. A
missing pyspark is a failure, not a skip, when PREX_REQUIRE_SPARK=1 (as in
.ci/run).
"""

import json
import os
import sys

import pytest

from conftest import DOCS, ROOT, by_id

if os.environ.get("PREX_REQUIRE_SPARK") == "1":
    import pyspark  # noqa: F401  (fails the module loudly when missing)
else:
    pytest.importorskip("pyspark")

import prex.spark  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The workers run this interpreter, where prex is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    s = (
        SparkSession.builder.master("local[2]")
        .appName("prex-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # Many small files: do not charge 4 MB per file when packing
        # partitions, so both cores get work.
        .config("spark.sql.files.openCostInBytes", "8192")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def read_jsonl_dir(path):
    lines = []
    for part in sorted(path.glob("part-*")):
        lines += [l for l in part.read_text(encoding="utf-8").splitlines() if l]
    return lines


def test_folder_records_equal_the_cli(spark, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, lines, err = cli("-j2", "fixtures/docs")
    assert code == 0, err
    want = by_id(lines)
    assert len(want) >= 16

    docs = prex.spark.read_folder(spark, "fixtures/docs")
    records = prex.spark.extract_files(docs)
    assert records.rdd.getNumPartitions() >= 2
    out = tmp_path / "records"
    prex.spark.write_jsonl(records, str(out))
    got = by_id(read_jsonl_dir(out))
    assert got.keys() == want.keys()
    for id_ in want:
        assert got[id_] == want[id_], id_
    assert records.where("error IS NOT NULL").count() == 0

    pq = tmp_path / "records.parquet"
    prex.spark.write_parquet(spark, str(out), str(pq))
    back = spark.read.parquet(str(pq))
    assert back.count() == len(want)
    assert sorted(r.id for r in back.select("id").collect()) == sorted(want)


def test_jsonl_records_equal_the_cli(spark, cli, tmp_path):
    docs = []
    for i, p in enumerate(sorted(DOCS.glob("*/*.txt"))):
        if "cp1251" in p.name:
            continue
        d = {"id": p.stem, "text": p.read_text(encoding="utf-8")}
        if i % 3 == 0:
            d["reference_date"] = "2015-06-30"
        docs.append(d)
    docs.append({"id": "bad", "text": "x", "lang": "fr"})
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    code, lines, err = cli("--from-jsonl", str(src), "--no-text")
    assert code == 1  # the bad line
    assert "bad JSONL document" in err or "unknown lang" in err
    want = by_id(lines)

    df = prex.spark.read_jsonl(spark, str(src)).repartition(2)
    records = prex.spark.extract_texts(df, include_text=False)
    rows = records.collect()
    got = {r.id: json.loads(r.record) for r in rows if r.record}
    errors = {r.id: r.error for r in rows if r.error}
    assert errors.keys() == {"bad"}
    assert got.keys() == want.keys()
    for id_, rec in want.items():
        # source.path aside: the CLI shows FILE:LINE, the package the id.
        rec["source"]["path"] = got[id_]["source"]["path"]
        assert got[id_] == rec, id_
