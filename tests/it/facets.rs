//! The press-release facet test set (`fixtures/facets/releases.jsonl`):
//! micro precision and recall of the `organizations`, `locations` and
//! `persons` facets against hand-written expectations, with a floor per
//! facet (issue 11 item 4). Also checks `entity_ids` on them: every id is
//! one of an ORG/LOC entity's `value.id`.
//!
//! `cargo test --test it facet_set -- --nocapture` prints the table.

use crate::util::fixtures;
use prex::document::Hints;
use prex::ingest;
use prex::pipeline::{Config, Pipeline};
use serde_json::Value;
use std::collections::HashSet;

/// Floors (precision, recall) per facet: the figures reached, rounded
/// down, so a regression fails. Reached: organizations 0.769/0.909,
/// locations 0.900/0.964, persons 0.950/1.000 (before the facet work:
/// 0.436/0.773, 0.897/0.929, 0.800/0.842).
// Organizations: the rules alone reached P 0.769 / R 0.909 here; with the
// NER model (the default since issue 11) and the higher facet threshold
// for model-only spans, P 0.818 / R 0.818: precision is the floor raised,
// recall the floor lowered (the names the model cuts short are listed by
// this test's output). Then contact zones trusted only with contacts in
// them, a batch of goods no party, and a rules' organisation the model
// split at "of" taken whole: P 0.864 / R 0.864 (locations 0.931/0.964,
// persons 1.000/1.000), so the floors rise again, recall still below the
// rules' 0.90.
const FLOORS: [(&str, f64, f64); 3] =
    [("organizations", 0.86, 0.86), ("locations", 0.93, 0.96), ("persons", 0.99, 0.99)];

#[test]
fn facet_set() {
    let pipeline = Pipeline::new(Config::default());
    let text = std::fs::read_to_string(fixtures().join("facets/releases.jsonl")).unwrap();
    let mut counts = [(0usize, 0usize, 0usize); 3]; // (tp, predicted, expected)
    let mut misses = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).unwrap();
        let doc_line = serde_json::json!({"id": case["id"], "text": case["text"], "lang": case["lang"]});
        let doc =
            ingest::from_jsonl_line(&doc_line.to_string(), "facets", &Hints::default(), &Default::default()).unwrap();
        let record: Value = serde_json::from_str(&pipeline.record_json(&doc)).unwrap();
        crate::util::check_record(&record);
        for (k, (facet, _, _)) in FLOORS.iter().enumerate() {
            let set = |v: &Value| -> HashSet<String> {
                v[facet].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_owned()).collect()
            };
            let (got, want) = (set(&record), set(&case));
            counts[k].0 += got.intersection(&want).count();
            counts[k].1 += got.len();
            counts[k].2 += want.len();
            for x in got.difference(&want) {
                misses.push(format!("{} {facet}: extra {x:?}", case["id"]));
            }
            for x in want.difference(&got) {
                misses.push(format!("{} {facet}: missing {x:?}", case["id"]));
            }
        }
        let ids: HashSet<&str> =
            record["entities"].as_array().unwrap().iter().filter_map(|e| e["value"]["id"].as_str()).collect();
        for id in record["entity_ids"].as_array().unwrap() {
            assert!(ids.contains(id.as_str().unwrap()), "{}: entity_ids {id} is no entity's value.id", case["id"]);
        }
        assert_eq!(
            ids.len(),
            record["entity_ids"].as_array().unwrap().len(),
            "{}: entity_ids not distinct ids",
            case["id"]
        );
    }
    let mut failed = Vec::new();
    eprintln!("facet           P      R      F1   (tp/pred/gold)");
    for (k, (facet, pmin, rmin)) in FLOORS.iter().enumerate() {
        let (tp, pred, gold) = counts[k];
        let p = if pred == 0 { 1.0 } else { tp as f64 / pred as f64 };
        let r = if gold == 0 { 1.0 } else { tp as f64 / gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        eprintln!("{facet:<14} {p:.3}  {r:.3}  {f:.3}  ({tp}/{pred}/{gold})");
        if p < *pmin || r < *rmin {
            failed.push(format!("{facet}: P {p:.3} (floor {pmin}), R {r:.3} (floor {rmin})"));
        }
    }
    for m in &misses {
        eprintln!("  {m}");
    }
    assert!(failed.is_empty(), "facet floors not reached: {}", failed.join("; "));
}
