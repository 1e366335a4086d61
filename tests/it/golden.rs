//! Golden records: `extract -j2 --no-text fixtures/docs` must reproduce
//! `fixtures/golden/*.json` exactly (one pretty-printed record per input).
//!
//! `scripts/bless` (PREX_BLESS=1) rewrites the goldens from the current
//! output; review them in `git diff` value by value before committing.

use crate::util::{extract, fixtures, records};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;

fn golden_name(id: &str) -> String {
    format!("{}.json", id.replace('/', "__"))
}

/// Paths where two JSON values differ (readable, capped).
fn diff(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    if out.len() > 40 {
        return;
    }
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            let keys: BTreeSet<&String> = w.keys().chain(g.keys()).collect();
            for k in keys {
                diff(&format!("{path}.{k}"), w.get(k).unwrap_or(&Value::Null), g.get(k).unwrap_or(&Value::Null), out);
            }
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
            for (i, (a, b)) in w.iter().zip(g).enumerate() {
                diff(&format!("{path}[{i}]"), a, b, out);
            }
        }
        _ if want != got => {
            let short = |v: &Value| {
                let s = v.to_string();
                if s.len() > 300 { format!("{}…", &s[..s.floor_char_boundary(300)]) } else { s }
            };
            out.push(format!("  {path}:\n    want {}\n    got  {}", short(want), short(got)));
        }
        _ => {}
    }
}

#[test]
fn golden_records() {
    let o = extract(&["-j2", "--no-text", "fixtures/docs"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let recs = records(&o.stdout);
    let dir = fixtures().join("golden");
    let bless = std::env::var_os("PREX_BLESS").is_some();
    let mut problems = Vec::new();
    let mut expected: BTreeSet<String> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    expected.retain(|n| n.ends_with(".json"));
    for r in &recs {
        let name = golden_name(r["id"].as_str().unwrap());
        expected.remove(&name);
        let path = dir.join(&name);
        let pretty = serde_json::to_string_pretty(r).unwrap() + "\n";
        if bless {
            fs::create_dir_all(&dir).unwrap();
            fs::write(&path, pretty).unwrap();
            continue;
        }
        match fs::read_to_string(&path) {
            Err(_) => problems.push(format!("{name}: no golden file (run scripts/bless)")),
            Ok(want) => {
                let want: Value = serde_json::from_str(&want).unwrap();
                let mut d = Vec::new();
                diff("", &want, r, &mut d);
                if !d.is_empty() {
                    problems.push(format!("{name} differs:\n{}", d.join("\n")));
                }
            }
        }
    }
    if bless {
        for stale in expected {
            fs::remove_file(dir.join(stale)).unwrap();
        }
        return;
    }
    for stale in expected {
        problems.push(format!("{stale}: golden without an input document"));
    }
    assert!(problems.is_empty(), "{} golden problems:\n{}", problems.len(), problems.join("\n"));
}
