//! Micro-benchmarks of the hot paths (divan): the tokenizer, the NER
//! extractor and the whole pipeline (text → JSON record), each over the
//! checked-in release fixtures (`fixtures/docs/{ru,en,seed}`), so they run
//! without `../shared`. Run with `cargo bench --bench hot`; divan prints
//! the time per call and the throughput in bytes of input.
//!
//! It does not measure reading files, threading or output: the end-to-end
//! figures come from `scripts/bench` (MB/s, docs/s, RSS) and
//! `extract --profile` (per stage).

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use prex::document::{Format, Hints};
use prex::extract::{Context, Extractor, ner::NerExtractor};
use prex::pipeline::{Config, Pipeline};

fn main() {
    divan::main();
}

/// A Russian and an English release, and the multilingual seed.
const DOCS: &[(&str, &str)] = &[
    ("ru", include_str!("../fixtures/docs/ru/cbr_2013-12-13.txt")),
    ("en", include_str!("../fixtures/docs/en/doj_release_00736.txt")),
    ("seed", include_str!("../fixtures/docs/seed/bishkek-2017-09-13.txt")),
];

fn text(name: &str) -> &'static str {
    DOCS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t).unwrap_or("")
}

#[divan::bench(args = ["ru", "en", "seed"])]
fn tokenize(b: Bencher, doc: &str) {
    let t = text(doc);
    b.counter(BytesCount::of_str(t)).bench(|| prex::token::tokenize(black_box(t)));
}

#[divan::bench(args = ["ru", "en", "seed"])]
fn ner(b: Bencher, doc: &str) {
    let t = text(doc);
    let ner = NerExtractor::new();
    let lang = prex::lang::detect(t);
    let hints = Hints::default();
    let seg = prex::segment::segment(t, &hints, lang);
    let toks = prex::token::tokenize(t);
    let ctx = Context {
        text: t,
        tokens: &toks,
        segments: &seg,
        lang,
        anchor: None,
        region: "US",
        links: &[],
        trigger_scan: Default::default(),
    };
    // Fill the per-thread word cache (as a long run does) before timing.
    ner.extract(&ctx, &[], &mut Vec::new());
    b.counter(BytesCount::of_str(t)).bench_local(|| {
        let mut out = Vec::new();
        ner.extract(black_box(&ctx), &[], &mut out);
        out
    });
}

#[divan::bench(args = ["ru", "en", "seed"])]
fn pipeline(b: Bencher, doc: &str) {
    let t = text(doc);
    let p = Pipeline::new(Config::default());
    let limits = prex::ingest::Limits::default();
    let d = prex::ingest::from_bytes(t.as_bytes(), doc.into(), doc.into(), Format::Txt, &limits, Hints::default())
        .expect("fixture reads");
    let _ = p.record_json(&d);
    b.counter(BytesCount::of_str(t)).bench_local(|| p.record_json(black_box(&d)));
}
