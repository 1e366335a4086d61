//! Query latency of an `extract index` index: a text query, a
//! facet-filtered query and a date-range query, each run N times (default
//! 300) after one warm-up, through `PrexIndex::search` (the whole
//! `extract search` path: parse, search, top 10, stored fields, snippets;
//! not process start-up). Prints the hit count and p50/p99 per query.
//!
//! With `load`, it instead times the index side alone: records JSONL
//! (`extract` output) fed to a fresh index through `index::Sink`, no
//! extraction, to compare with other engines on the same records.
//!
//! ```text
//! cargo run --release --example search_bench -- INDEX_DIR [N]
//! cargo run --release --example search_bench -- load RECORDS.jsonl NEW_INDEX_DIR
//! ```
//!
//! The queries name words and organisations of the shared releases
//! (Bank of Russia key-rate releases, US DOJ releases); on another corpus
//! give your own with PREX_BENCH_QUERY / PREX_BENCH_ORG.

use prex::index::PrexIndex;
use prex::index::search::Request;
use std::time::Instant;

fn load(records: &str, dir: &str) {
    use std::io::{BufRead, Write};
    let ix = PrexIndex::create_or_open(std::path::Path::new(dir)).unwrap_or_else(|e| panic!("{e}"));
    let writer = ix.writer().unwrap_or_else(|e| panic!("{e}"));
    let mut sink = prex::index::Sink::new(writer, ix.fields, Default::default(), 1_000_000);
    let lines: Vec<String> =
        std::io::BufReader::new(std::fs::File::open(records).unwrap()).lines().map(Result::unwrap).collect();
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    let t = Instant::now();
    for l in &lines {
        sink.write_all(l.as_bytes()).unwrap();
        sink.write_all(b"\n").unwrap();
    }
    let counts = sink.finish().unwrap_or_else(|e| panic!("{e}"));
    let s = t.elapsed().as_secs_f64();
    println!(
        "{} documents, {:.1} MB of records in {s:.2} s: {:.1} MB/s",
        counts.added,
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / s
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: search_bench INDEX_DIR [N] | load RECORDS NEW_INDEX_DIR");
    if dir == "load" {
        let records = args.next().expect("records file");
        return load(&records, &args.next().expect("index dir"));
    }
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(300);
    let ix = PrexIndex::open(std::path::Path::new(&dir)).unwrap_or_else(|e| panic!("{e}"));
    let word = std::env::var("PREX_BENCH_QUERY").unwrap_or_else(|_| "ключевой ставки".into());
    let org = std::env::var("PREX_BENCH_ORG").unwrap_or_else(|_| "Совет директоров Банка России".into());
    let base = Request { limit: 10, ..Request::default() };
    let cases = [
        ("text", Request { query: word.clone(), ..base.clone() }),
        ("text+facet", Request { query: "инфляция".into(), orgs: vec![org.clone()], ..base.clone() }),
        ("facet only", Request { orgs: vec![org], ..base.clone() }),
        (
            "text+date range",
            Request { query: word, from: Some("2015-01-01".into()), to: Some("2016-12-31".into()), ..base.clone() },
        ),
        ("date range only", Request { from: Some("2015-01-01".into()), to: Some("2016-12-31".into()), ..base }),
    ];
    let docs = ix.search(&Request { limit: 1, ..Request::default() }).map(|a| a.total).unwrap_or(0);
    println!("index {dir}: {docs} documents, {n} runs per query");
    for (name, req) in cases {
        let total = ix.search(&req).map(|a| a.total).unwrap_or(0);
        let mut ms: Vec<f64> = (0..n)
            .map(|_| {
                let t = Instant::now();
                let a = ix.search(&req).expect("search");
                std::hint::black_box(a);
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        let p = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
        println!("{name:>16}: {total:>7} hits  p50 {:>7.2} ms  p99 {:>7.2} ms", p(0.5), p(0.99));
    }
}
