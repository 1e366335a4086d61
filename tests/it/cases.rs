//! Data-driven extractor cases: every `fixtures/cases/*.jsonl` file.
//!
//! One case per line:
//!
//! ```json
//! {"name": "ru-money-approx", "lang": "ru", "text": "почти 5 миллионов евро",
//!  "types": ["MONEY"], "reference_date": "2017-09-13", "region": "KG",
//!  "expect": [{"type": "MONEY", "text": "почти 5 миллионов евро",
//!              "value": {"amount": 5000000, "currency": "EUR", "qualifier": "approx"}}]}
//! ```
//!
//! Only entities whose type is in `types` are compared (all types when
//! absent). Every expected entity must be found with exactly that `text`
//! (and `start` when given), and its `value` must contain every key of the
//! expected `value` with an equal JSON value (keys not given are not
//! checked). With `"exact": true` (the default) no other entity of the
//! listed types may be found; `"expect": []` is a negative case. Lines
//! starting with `//` are comments. The runner reports every failing case
//! by file and name, and `PREX_CASES=substr` runs only matching cases.

use crate::util::fixtures;
use prex::document::Hints;
use prex::ingest;
use prex::pipeline::{Config, Pipeline};
use serde_json::Value;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(Config::default()))
}

/// Runs one case; `Err` says what is wrong.
fn run_case(case: &Value) -> Result<(), String> {
    let text = case["text"].as_str().ok_or("case has no text")?;
    let mut doc_line = serde_json::json!({"id": "case", "text": text});
    for key in ["lang", "reference_date", "region"] {
        if let Some(v) = case.get(key) {
            doc_line[key] = v.clone();
        }
    }
    let doc = ingest::from_jsonl_line(&doc_line.to_string(), "case", &Hints::default(), &Default::default())
        .map_err(|e| format!("ingest: {e}"))?;
    let record: Value = serde_json::from_str(&pipeline().record_json(&doc)).unwrap();
    crate::util::check_record(&record);
    let types: Option<Vec<&str>> =
        case.get("types").and_then(|t| t.as_array()).map(|a| a.iter().filter_map(|x| x.as_str()).collect());
    let wanted = |t: &str| types.as_ref().is_none_or(|ts| ts.contains(&t));
    let mut found: Vec<&Value> =
        record["entities"].as_array().unwrap().iter().filter(|e| wanted(e["type"].as_str().unwrap())).collect();
    let expect = case["expect"].as_array().ok_or("case has no expect array")?;
    let mut problems = Vec::new();
    for want in expect {
        let pos = found.iter().position(|got| {
            got["type"] == want["type"]
                && got["text"] == want["text"]
                && want.get("start").is_none_or(|s| got["start"] == *s)
        });
        match pos {
            None => problems.push(format!("missing {} {}", want["type"], want["text"])),
            Some(i) => {
                let got = found.remove(i);
                if let Some(wv) = want.get("value").and_then(|v| v.as_object()) {
                    for (k, v) in wv {
                        if got["value"].get(k) != Some(v) && !(v.is_null() && got["value"].get(k).is_none()) {
                            problems.push(format!(
                                "{} {}: value.{k} = {} (want {v})",
                                want["type"],
                                want["text"],
                                got["value"].get(k).unwrap_or(&Value::Null)
                            ));
                        }
                    }
                }
            }
        }
    }
    if case.get("exact").and_then(|e| e.as_bool()).unwrap_or(true) {
        for extra in found {
            problems.push(format!("unexpected {} {} {}", extra["type"], extra["text"], extra["value"]));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("; ")) }
}

#[test]
fn extractor_cases() {
    let dir = fixtures().join("cases");
    let filter = std::env::var("PREX_CASES").ok();
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "jsonl"));
    files.sort();
    let (mut total, mut failures) = (0, Vec::new());
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for (i, line) in std::fs::read_to_string(file).unwrap().lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            let case: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}:{}: {e}", i + 1));
            let case_name = case["name"].as_str().map(str::to_owned).unwrap_or_else(|| format!("line {}", i + 1));
            if filter.as_deref().is_some_and(|f| !case_name.contains(f) && !name.contains(f)) {
                continue;
            }
            total += 1;
            if let Err(why) = run_case(&case) {
                failures.push(format!("{name}:{} [{case_name}] {}\n    {why}", i + 1, case["text"]));
            }
        }
    }
    if !failures.is_empty() {
        panic!("{} of {total} extractor cases failed:\n{}", failures.len(), failures.join("\n"));
    }
    eprintln!("{total} extractor cases passed");
}
