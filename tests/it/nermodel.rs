//! The NER model as the default path: every ORG/LOC/PER entity carries a
//! `score` in [0, 1], facets keep only mentions at or above the threshold,
//! and `PREX_NER_MODEL=off` falls back to the rules.

use crate::util::{extract, records};
use prex::extract::ner::model::{FACET_THRESHOLD, Model};
use serde_json::Value;

const DOCS: &str = concat!(
    r#"{"id": "ru", "lang": "ru", "text": "Министр сельского хозяйства Ольга Лебедева посетила Тверь. В мэрии Твери она обсудила с Ольгой Лебедевой новый рынок, сообщила пресс-служба ведомства."}"#,
    "\n",
    r#"{"id": "en", "lang": "en", "text": "DENVER - Governor Mark Ellison and the Colorado Department of Transportation opened a new bridge on Friday. Ellison thanked the crews from Pueblo."}"#,
    "\n"
);

fn run(env_off: bool) -> Vec<Value> {
    let out = if env_off {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_extract"));
        cmd.args(["--from-jsonl", "-"]).env("PREX_NER_MODEL", "off");
        cmd.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(DOCS.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    } else {
        extract(&["--from-jsonl", "-"], Some(DOCS.as_bytes()))
    };
    assert!(out.status.success());
    records(&out.stdout)
}

#[test]
fn model_is_embedded_and_the_default() {
    let m = Model::embedded().expect("data/ner/model.bin is a model");
    assert!(m.scale > 0.0 && m.temperature > 0.0);
    // (The test process does not set PREX_NER_MODEL.)
    assert!(prex::extract::ner::NerExtractor::new().uses_model());
}

#[test]
fn entities_carry_scores_and_facets_keep_the_confident() {
    for r in run(false) {
        let mut confident: Vec<(String, String)> = Vec::new();
        let mut any = 0;
        for e in r["entities"].as_array().unwrap() {
            let ty = e["type"].as_str().unwrap();
            if !matches!(ty, "ORG" | "LOC" | "PER") {
                assert!(e.get("score").is_none(), "{ty} has no score");
                continue;
            }
            any += 1;
            let s = e["score"].as_f64().unwrap_or_else(|| panic!("{e} has no score"));
            assert!((0.0..=1.0).contains(&s), "{e}");
            if s >= f64::from(FACET_THRESHOLD) {
                confident.push((ty.to_owned(), e["value"]["name"].as_str().unwrap().to_owned()));
            }
        }
        assert!(any >= 3, "{}: too few names found", r["id"]);
        for (facet, ty) in [("organizations", "ORG"), ("locations", "LOC"), ("persons", "PER")] {
            let got: Vec<&str> = r[facet].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            let mut want: Vec<&str> = Vec::new();
            for (t, n) in &confident {
                if t == ty && !want.contains(&n.as_str()) {
                    want.push(n);
                }
            }
            assert_eq!(got, want, "{} {facet}", r["id"]);
        }
    }
}

#[test]
fn the_rules_alone_on_request() {
    let recs = run(true);
    assert!(recs.iter().flat_map(|r| r["entities"].as_array().unwrap()).all(|e| e["rule"] != "model"));
    let names: Vec<&str> =
        recs.iter().flat_map(|r| r["persons"].as_array().unwrap()).filter_map(|v| v.as_str()).collect();
    assert!(names.contains(&"Mark Ellison"), "{names:?}");
}
