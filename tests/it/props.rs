//! Property test: random text mixed from the gold dev texts (slices and
//! concatenations, with inserted newlines, punctuation and junk bytes)
//! goes through ingest and the whole pipeline. Whatever the text, spans
//! lie on char boundaries inside it, every mention's text is
//! `text[start..end]`, sentences lie in their paragraphs and paragraphs in
//! their zones (the record contract), and the same input gives the same
//! record twice. Skips cleanly when `../shared` is absent.
//!
//! The gold texts are only raw material here: no expected values are
//! taken from them. Case count is kept small so it runs in seconds in a
//! debug build; `PROPTEST_CASES=N` raises it.

use crate::util::check_record;
use prex::document::{Format, Hints};
use prex::ingest::{self, Limits};
use prex::pipeline::{Config, Pipeline};
use proptest::prelude::*;
use proptest::test_runner::{Config as PtConfig, TestRunner};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(Config::default()))
}

/// The texts of `../shared/corpus/gold/*.dev.jsonl`.
fn gold_texts(shared: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(shared.join("corpus/gold"))
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for f in files.iter().filter(|p| p.to_string_lossy().ends_with(".dev.jsonl")) {
        for line in crate::util::read(f).lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
                && let Some(t) = v["text"].as_str()
            {
                out.push(t.to_owned());
            }
        }
    }
    out
}

/// One piece of the mixed input.
#[derive(Clone, Debug)]
enum Piece {
    /// A slice of gold text `doc`, from `at` (fraction of its length),
    /// `len` bytes long (both moved to char boundaries).
    Slice { doc: usize, at: f64, len: usize },
    /// Separators and punctuation that move segment boundaries.
    Sep(&'static str),
    /// Arbitrary bytes (may make the input invalid UTF-8).
    Junk(Vec<u8>),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        6 => (any::<usize>(), 0.0..1.0f64, 1usize..1500).prop_map(|(doc, at, len)| Piece::Slice { doc, at, len }),
        3 => prop::sample::select(vec![
            "\n", "\n\n", "\r\n", " ", ". ", "? ", "!\n", "«", "»", "\"", "(", ")", "—", " - ", ":", ";", ",",
            "\t", "\u{a0}", "...", "###", "\u{2028}", "\u{feff}", "\u{301}", "@", "+7 (495) ", "$", "№",
        ])
        .prop_map(Piece::Sep),
        1 => prop::collection::vec(any::<u8>(), 1..8).prop_map(Piece::Junk),
    ]
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn assemble(gold: &[String], pieces: &[Piece]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in pieces {
        match p {
            Piece::Slice { doc, at, len } => {
                let t = &gold[doc % gold.len()];
                let s = floor_boundary(t, (t.len() as f64 * at) as usize);
                let e = floor_boundary(t, s + len);
                out.extend_from_slice(&t.as_bytes()[s..e]);
            }
            Piece::Sep(s) => out.extend_from_slice(s.as_bytes()),
            Piece::Junk(b) => out.extend_from_slice(b),
        }
    }
    out
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let doc = match ingest::from_bytes(bytes, "p".into(), "p".into(), Format::Txt, &Limits::default(), Hints::default())
    {
        Ok(d) => d,
        // Refusing (binary-looking, empty) is a fine answer for junk.
        Err(_) => return Ok(()),
    };
    let text = doc.text.as_str();
    let a = pipeline().analyse(&doc);
    let ok = |s: prex::span::Span| {
        s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
    };
    for m in &a.mentions {
        prop_assert!(ok(m.span) && m.span.start < m.span.end, "mention {:?} {:?}", m.kind, m.span);
    }
    let seg = &a.segments;
    for z in &seg.zones {
        prop_assert!(ok(z.span), "zone {:?}", z.span);
    }
    for p in &seg.paragraphs {
        prop_assert!(ok(p.span));
        let z = seg.zones.get(p.zone).map(|z| z.span);
        prop_assert!(
            z.is_some_and(|z| z.start <= p.span.start && p.span.end <= z.end),
            "paragraph {:?} not in zone {:?}",
            p.span,
            z
        );
    }
    for s in &seg.sentences {
        prop_assert!(ok(s.span));
        let p = seg.paragraphs.get(s.paragraph).map(|p| p.span);
        prop_assert!(
            p.is_some_and(|p| p.start <= s.span.start && s.span.end <= p.end),
            "sentence {:?} not in paragraph {:?}",
            s.span,
            p
        );
    }
    // The record: schema, code-point offsets, mention texts, nesting
    // (util::check_record), and determinism.
    let first = pipeline().record_json(&doc);
    let second = pipeline().record_json(&doc);
    prop_assert_eq!(&first, &second, "same input, different record");
    let v: serde_json::Value = serde_json::from_str(&first).map_err(|e| TestCaseError::fail(e.to_string()))?;
    check_record(&v);
    Ok(())
}

#[test]
fn mixed_gold_text_keeps_offsets_nesting_and_determinism() {
    let shared = crate::need_shared!();
    let gold = gold_texts(&shared);
    if gold.is_empty() {
        eprintln!("skipped: no gold dev texts");
        return;
    }
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(40);
    let mut runner = TestRunner::new(PtConfig { cases, failure_persistence: None, ..PtConfig::default() });
    let result = runner.run(&prop::collection::vec(piece(), 1..12), |pieces| check(&assemble(&gold, &pieces)));
    if let Err(e) = result {
        panic!("{e}");
    }
}
