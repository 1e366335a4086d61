#!/usr/bin/env python3
"""SQLite FTS5 on the same records as `extract index`, for DESIGN.md
"Why tantivy for the embedded index?". Standalone, not part of any build:
Python's standard sqlite3 module with the system SQLite (its FTS5).

    extract -j2 --no-progress CORPUS > records.jsonl
    benches/fts5-compare/fts5_compare.py records.jsonl /tmp/fts.db [RUNS]

Loads every record (id, title, text in one FTS5 table with the
`unicode61` tokenizer; organisations as folded keys in a side table;
release date in a column) in one transaction, then times, RUNS times each
(default 300, after a warm-up), top-10 queries with bm25 ranking and a
snippet, like `extract search`: a text query, text + organisation filter,
organisation only, release-date range. Prints documents, load time and
MB/s of records, database size, and p50/p99 per query; then what FTS5's
tokenizers do with Russian inflection ("мигрантов" vs "мигранты").
Query words come from the shared releases (Bank of Russia key-rate
releases); PREX_BENCH_QUERY / PREX_BENCH_ORG change them.
"""
import json
import os
import sqlite3
import statistics
import sys
import time


def fold(name):
    return " ".join(name.lower().replace("ё", "е").split())


def load(records, db):
    if os.path.exists(db):
        os.remove(db)
    c = sqlite3.connect(db)
    c.executescript(
        """
        PRAGMA journal_mode=WAL;
        CREATE TABLE doc(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, lang TEXT, date TEXT);
        CREATE VIRTUAL TABLE fts USING fts5(title, text, tokenize='unicode61 remove_diacritics 2');
        CREATE TABLE org(rowid INTEGER, key TEXT);
        INSERT INTO fts(fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
        """
    )
    n = size = 0
    t = time.perf_counter()
    with open(records, "rb") as f, c:
        for line in f:
            size += len(line)
            r = json.loads(line)
            n += 1
            c.execute("INSERT INTO doc VALUES (?,?,?,?)", (n, r["id"], r["lang"], r.get("date")))
            c.execute("INSERT INTO fts(rowid,title,text) VALUES (?,?,?)", (n, r.get("title") or "", r.get("text") or ""))
            keys = {fold(o) for o in r.get("organizations", [])}
            c.executemany("INSERT INTO org VALUES (?,?)", [(n, k) for k in keys])
    c.executescript("CREATE INDEX org_key ON org(key, rowid); CREATE INDEX doc_date ON doc(date); PRAGMA wal_checkpoint(TRUNCATE);")
    secs = time.perf_counter() - t
    c.close()
    return n, size, secs


def timed(c, sql, args, runs):
    c.execute(sql, args).fetchall()
    xs = []
    for _ in range(runs):
        t = time.perf_counter()
        hits = c.execute(sql, args).fetchall()
        xs.append((time.perf_counter() - t) * 1000)
    xs.sort()
    return len(hits), statistics.median(xs), xs[min(len(xs) - 1, int(len(xs) * 0.99))]


def main():
    records, db = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    n, size, secs = load(records, db)
    db_size = sum(os.path.getsize(p) for p in [db, db + "-wal"] if os.path.exists(p))
    print(f"loaded {n} documents, {size / 1e6:.1f} MB of records in {secs:.1f} s ({size / 1e6 / secs:.1f} MB/s); database {db_size / 1e6:.1f} MB")
    word = os.environ.get("PREX_BENCH_QUERY", "ключевой ставки")
    org = fold(os.environ.get("PREX_BENCH_ORG", "Совет директоров Банка России"))
    match = " ".join(f'"{w}"' for w in word.split())
    # The top 10 by rank (title weighs double, as in `extract search`)
    # first, then the id and a snippet of those ten only.
    def top(where):
        return (
            "SELECT doc.id, snippet(fts, 1, '[', ']', '…', 12) FROM fts JOIN doc ON doc.rowid = fts.rowid "
            "WHERE fts MATCH ?1 AND fts.rowid IN "
            f"(SELECT rowid FROM fts WHERE fts MATCH ?1 {where} ORDER BY rank LIMIT 10)"
        )

    c = sqlite3.connect(db)
    cases = [
        ("text", top(""), (match,)),
        ("text + org", top("AND rowid IN (SELECT rowid FROM org WHERE key = ?2)"), (match, org)),
        ("org only", "SELECT doc.id FROM doc JOIN org ON org.rowid = doc.rowid WHERE org.key = ? ORDER BY doc.date DESC LIMIT 10", (org,)),
        ("date range", "SELECT doc.id FROM doc WHERE date BETWEEN ? AND ? ORDER BY date DESC LIMIT 10", ("2017-01-01", "2018-12-31")),
    ]
    for name, sql, args in cases:
        hits, p50, p99 = timed(c, sql, args, runs)
        print(f"{name}: {hits} hits shown, p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    m = sqlite3.connect(":memory:")
    for tok in ["unicode61", "porter unicode61"]:
        m.execute("DROP TABLE IF EXISTS t")
        m.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{tok}')")
        m.execute("INSERT INTO t VALUES ('Мигранты прибыли')")
        found = {q: m.execute("SELECT count(*) FROM t WHERE t MATCH ?", (q,)).fetchone()[0] for q in ["мигранты", "мигрантов", "мигрант*"]}
        print(f"tokenize='{tok}' on 'Мигранты прибыли': {found}")
    print(f"SQLite {sqlite3.sqlite_version}")


if __name__ == "__main__":
    main()
