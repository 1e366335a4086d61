//! Fuzz target: arbitrary bytes as a plain-text document through the whole
//! pipeline. Ingest may refuse the bytes (binary, empty); anything it
//! accepts must analyse without panicking, with every span on char
//! boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prex::document::{Format, Hints};
use prex::pipeline::{Config, Pipeline};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        // rsmorphy 0.4 asserts on some short unknown words (kp.rs); prex
        // catches those panics around every call (src/extract/ner/morph.rs),
        // but libfuzzer's hook aborts on any panic, caught or not. Panics
        // raised inside rsmorphy are therefore let through to our
        // catch_unwind; any other panic still aborts and is a finding.
        std::panic::set_hook(Box::new(|info| {
            if info.location().is_some_and(|l| l.file().contains("rsmorphy")) {
                return;
            }
            eprintln!("{info}");
            std::process::abort();
        }));
        Pipeline::new(Config::default())
    })
}

fuzz_target!(
    init: {
        // Build every lazy table (regexes, gazetteers, the Russian
        // dictionary) before the clock starts: under ASan that takes
        // longer than libFuzzer's per-input timeout.
        let p = pipeline();
        for text in ["Бишкек, 13 сентября 2017\nЕвропейский Союз выделил 5 млн евро. Тел.: +996 312 26 10 00",
                     "WASHINGTON, May 3, 2011 - The Department of Justice said John Smith paid $5 million."] {
            if let Ok(doc) = prex::ingest::from_bytes(text.as_bytes(), "w".into(), "w".into(), Format::Txt, &Default::default(), Hints::default()) {
                let _ = p.record_json(&doc);
            }
        }
    },
    |data: &[u8]| {
    let Ok(doc) = prex::ingest::from_bytes(data, "f".into(), "f".into(), Format::Txt, &Default::default(), Hints::default())
    else {
        return;
    };
    let a = pipeline().analyse(&doc);
    for m in &a.mentions {
        assert!(m.span.start < m.span.end && m.span.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(m.span.start) && doc.text.is_char_boundary(m.span.end));
    }
    for s in &a.segments.sentences {
        assert!(doc.text.is_char_boundary(s.span.start) && doc.text.is_char_boundary(s.span.end));
    }
    let _ = pipeline().record_json(&doc);
    }
);
