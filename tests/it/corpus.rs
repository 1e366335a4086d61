//! Whole-corpus properties over `../shared/corpus` (skipped when absent)
//! and the schema's strictness.

use crate::util::{check_record, extract, records};
use std::time::{Duration, Instant};

#[test]
fn schema_rejects_drift() {
    let o = extract(&["fixtures/docs/seed/bishkek-2017-09-13.txt"], None);
    let mut r = records(&o.stdout).remove(0);
    r["unexpected_key"] = serde_json::json!(1);
    let caught = std::panic::catch_unwind(|| check_record(&r));
    assert!(caught.is_err(), "an unknown top-level key must fail validation");
    let mut r = records(&o.stdout).remove(0);
    r.as_object_mut().unwrap().remove("zones");
    assert!(std::panic::catch_unwind(|| check_record(&r)).is_err(), "a missing key must fail validation");
}

#[test]
fn releases_all_give_valid_records() {
    let shared = crate::need_shared!();
    let dir = shared.join("corpus/releases");
    let o = extract(&["-j2", dir.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let recs = records(&o.stdout);
    let inputs = walk_count(&dir);
    assert_eq!(recs.len(), inputs, "one record per release");
}

#[test]
fn docx_corpus_records_or_errors_each_within_a_second() {
    let shared = crate::need_shared!();
    let dir = shared.join("corpus/docx");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "docx"));
    files.sort();
    for f in files {
        let t = Instant::now();
        let o = extract(&[f.to_str().unwrap()], None);
        let took = t.elapsed();
        // A guard against hangs, not a benchmark: a debug build loading
        // the NER dictionaries on a busy 2-core machine needs several
        // seconds; the one-second bar is checked in release builds by
        // `scripts/bench` (see the README).
        assert!(took < Duration::from_secs(30), "{}: took {took:?}", f.display());
        let recs = records(&o.stdout);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(recs.len() + err.lines().count(), 1, "{}: records + errors = 1\n{err}", f.display());
        if f.file_name().unwrap().to_string_lossy().contains("protected") {
            assert!(err.contains("encrypted"), "{err}");
        } else {
            assert_eq!(recs.len(), 1, "{}: {err}", f.display());
        }
    }
}

fn walk_count(dir: &std::path::Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
        let p = e.path();
        if p.is_dir() {
            n += walk_count(&p);
        } else if prex::corpus::is_input_name(&p) {
            n += 1;
        }
    }
    n
}
