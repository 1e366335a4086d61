//! NER throughput over a directory of plain-text releases (default
//! `../shared/corpus/releases`): `cargo run --release --example ner_bench
//! [DIR]`. Runs language detection, segmentation and tokenization once,
//! then times the NER extractor alone over all documents, five times on
//! one thread, and prints every run and the median in MB/s. The Russian
//! dictionary is loaded (and timed) before the runs.

use prex::document::Hints;
use prex::extract::{Context, Extractor, ner::NerExtractor};
use std::time::Instant;

fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut v: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

/// CPU time of this process in seconds (Linux `/proc/self/schedstat`;
/// the machine may be shared, so wall time alone would mislead).
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../shared/corpus/releases".into());
    let mut paths = Vec::new();
    files(std::path::Path::new(&dir), &mut paths);
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let t = Instant::now();
    let ner = NerExtractor::new();
    eprintln!("gazetteers and lists: {:?}", t.elapsed());
    let t = Instant::now();
    let loaded = prex::extract::ner::morph::get().is_some();
    eprintln!("Russian dictionary (loaded: {loaded}): {:?}", t.elapsed());
    // Per-word cost of the dictionary: distinct Cyrillic words, analysed
    // cold (first time, in a fresh thread) and then from the cache.
    let mut words: Vec<&str> = texts
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().next().is_some_and(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))))
        .collect();
    words.sort_unstable();
    words.dedup();
    words.truncate(20_000);
    let n = words.len();
    std::thread::scope(|s| {
        s.spawn(|| {
            let t = Instant::now();
            for w in &words {
                let _ = prex::extract::ner::morph::analyse(w);
            }
            let cold = t.elapsed();
            let t = Instant::now();
            for w in &words {
                let _ = prex::extract::ner::morph::analyse(w);
            }
            let warm = t.elapsed();
            eprintln!(
                "morphology: {n} distinct words, {:.1} µs/word cold, {:.2} µs/word cached",
                cold.as_secs_f64() * 1e6 / n as f64,
                warm.as_secs_f64() * 1e6 / n as f64
            );
        });
    });
    let hints = Hints::default();
    let prepared: Vec<_> = texts
        .iter()
        .map(|text| {
            let lang = prex::lang::detect(text);
            let seg = prex::segment::segment(text, &hints, lang);
            let toks = prex::token::tokenize(text);
            (text, lang, seg, toks)
        })
        .collect();
    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    let mut found = 0;
    for run in 0..6 {
        let t = Instant::now();
        let c = cpu_secs();
        found = 0;
        for (text, lang, seg, toks) in &prepared {
            let ctx = Context {
                text,
                tokens: toks,
                segments: seg,
                lang: *lang,
                anchor: None,
                region: "US",
                links: &[],
                trigger_scan: Default::default(),
            };
            let mut out = Vec::new();
            ner.extract(&ctx, &[], &mut out);
            found += out.len();
        }
        let secs = t.elapsed().as_secs_f64();
        let cpu = cpu_secs() - c;
        // The first run fills the per-thread word cache: reported, not
        // counted.
        if run == 0 {
            eprintln!("warm-up: {:.1} MB/s", bytes as f64 / secs / 1e6);
            continue;
        }
        rates.push(bytes as f64 / secs / 1e6);
        cpu_rates.push(bytes as f64 / cpu / 1e6);
        eprintln!("run {run}: {:.1} MB/s wall, {:.1} MB/s CPU", rates.last().unwrap(), cpu_rates.last().unwrap());
    }
    rates.sort_by(f64::total_cmp);
    cpu_rates.sort_by(f64::total_cmp);
    println!(
        "{} documents, {:.2} MB, {found} mentions; NER median of 5: {:.1} MB/s wall, {:.1} MB/s per CPU second",
        texts.len(),
        bytes as f64 / 1e6,
        rates[2],
        cpu_rates[2]
    );
}
