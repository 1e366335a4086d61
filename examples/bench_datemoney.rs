//! Throughput of DATE + MONEY extraction (tokenize + both extractors) over
//! a directory of plain-text releases, in MB/s: the median of 5 runs.
//!
//! ```text
//! cargo run --release --example bench_datemoney [DIR]   # default ../shared/corpus/releases
//! ```
//!
//! One thread; the files are read into memory first, so disk speed is not
//! measured. It measures only these two extractors, not the pipeline.

use prex::document::Lang;
use prex::extract::date::DateExtractor;
use prex::extract::money::MoneyExtractor;
use prex::extract::{Context, Extractor};
use prex::segment::Segments;
use prex::token::tokenize;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared/corpus/releases"));
    let mut paths = Vec::new();
    collect(&dir, &mut paths);
    let docs: Vec<(String, Lang)> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let lang = if p.components().any(|c| c.as_os_str() == "ru") { Lang::Ru } else { Lang::En };
            Some((text, lang))
        })
        .collect();
    if docs.is_empty() {
        eprintln!("no .txt files under {}", dir.display());
        std::process::exit(2);
    }
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let dates = DateExtractor::new();
    let money = MoneyExtractor::new();
    let seg = Segments::default();
    let anchor = Some(jiff::civil::Date::constant(2017, 9, 13));
    // Whole: tokenize + both extractors, per document.
    let mut whole = Vec::new();
    let (mut n_dates, mut n_money) = (0usize, 0usize);
    for _ in 0..5 {
        let start = Instant::now();
        let mut out = Vec::new();
        let (mut d, mut m) = (0, 0);
        for (text, lang) in &docs {
            let toks = tokenize(text);
            let ctx = Context {
                text,
                tokens: &toks,
                segments: &seg,
                lang: *lang,
                anchor,
                region: "US",
                links: &[],
                trigger_scan: Default::default(),
            };
            out.clear();
            dates.extract(&ctx, &[], &mut out);
            d += out.len();
            let before = out.len();
            money.extract(&ctx, &[], &mut out);
            m += out.len() - before;
        }
        whole.push(start.elapsed().as_secs_f64());
        (n_dates, n_money) = (d, m);
    }
    // The extractors alone, on tokens made beforehand (the pipeline
    // tokenizes once for every extractor).
    let tokens: Vec<_> = docs.iter().map(|(t, _)| tokenize(t)).collect();
    let mut date_only = Vec::new();
    let mut money_only = Vec::new();
    for _ in 0..5 {
        for (which, times) in [(0, &mut date_only), (1, &mut money_only)] {
            let start = Instant::now();
            let mut out = Vec::new();
            for ((text, lang), toks) in docs.iter().zip(&tokens) {
                let ctx = Context {
                    text,
                    tokens: toks,
                    segments: &seg,
                    lang: *lang,
                    anchor,
                    region: "US",
                    links: &[],
                    trigger_scan: Default::default(),
                };
                out.clear();
                if which == 0 {
                    dates.extract(&ctx, &[], &mut out);
                } else {
                    money.extract(&ctx, &[], &mut out);
                }
            }
            times.push(start.elapsed().as_secs_f64());
        }
    }
    let mb = bytes as f64 / 1e6;
    let median = |t: &mut Vec<f64>| {
        t.sort_by(f64::total_cmp);
        mb / t[t.len() / 2]
    };
    println!(
        "{} files, {:.2} MB; {} dates, {} amounts (median of 5 runs, one thread)",
        docs.len(),
        mb,
        n_dates,
        n_money
    );
    println!("tokenize + date + money: {:.1} MB/s", median(&mut whole));
    println!("date alone (tokens given): {:.1} MB/s", median(&mut date_only));
    println!("money alone (tokens given): {:.1} MB/s", median(&mut money_only));
}
