//! Helpers shared by the integration tests.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` (the team's shared material), or `None` when it is absent:
/// tests that need it skip cleanly.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.join("corpus").is_dir().then_some(p)
}

/// Skips the calling test (returns from it) when `../shared` is absent.
#[macro_export]
macro_rules! need_shared {
    () => {
        match $crate::util::shared() {
            Some(p) => p,
            None => {
                eprintln!("skipped: ../shared is absent");
                return;
            }
        }
    };
}

pub fn fixtures() -> PathBuf {
    root().join("fixtures")
}

#[allow(dead_code)]
pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A fresh, empty temporary directory for one test.
pub fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("prex-it-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs the `extract` binary with `args` and optional stdin bytes.
pub fn extract(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_extract"));
    cmd.args(args).current_dir(root()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = cmd.spawn().expect("spawn extract");
    if let Some(bytes) = stdin {
        use std::io::Write;
        let mut s = child.stdin.take().unwrap();
        s.write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

/// Parses JSONL output, validating every record against the schema and
/// the span invariants.
pub fn records(stdout: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(stdout).expect("stdout is UTF-8");
    text.lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line: {e}: {l:.200}"));
            check_record(&v);
            v
        })
        .collect()
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value = serde_json::from_str(&read(&root().join("schemas/record.schema.json"))).unwrap();
        jsonschema::draft202012::new(&schema).expect("schema compiles")
    })
}

/// Every record a test produces goes through here: schema validity, and
/// for every span `text[start:end] == span.text` in code points, spans
/// inside the text, zones/paragraphs/sentences ordered and indexed
/// consistently, same-type entities never overlapping.
pub fn check_record(r: &Value) {
    let errors: Vec<String> = validator().iter_errors(r).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "record {} violates the schema:\n{}", r["id"], errors.join("\n"));
    let Some(text) = r["text"].as_str() else { return };
    let chars: Vec<char> = text.chars().collect();
    let span = |v: &Value| -> (usize, usize) {
        let (s, e) = (v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize);
        assert!(s <= e && e <= chars.len(), "span {s}..{e} outside text of {} chars in {}", chars.len(), r["id"]);
        (s, e)
    };
    let sub = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    let mut prev_end = 0;
    let zones = r["zones"].as_array().unwrap();
    for z in zones {
        let (s, e) = span(z);
        assert!(s >= prev_end, "zones overlap or are out of order in {}", r["id"]);
        prev_end = e;
    }
    let paragraphs = r["paragraphs"].as_array().unwrap();
    for p in paragraphs {
        let (s, e) = span(p);
        let z = &zones[p["zone"].as_u64().unwrap() as usize];
        let (zs, ze) = span(z);
        assert!(zs <= s && e <= ze, "paragraph {s}..{e} outside its zone {zs}..{ze} in {}", r["id"]);
    }
    for st in r["sentences"].as_array().unwrap() {
        let (s, e) = span(st);
        let p = &paragraphs[st["paragraph"].as_u64().unwrap() as usize];
        let (ps, pe) = span(p);
        assert!(ps <= s && e <= pe, "sentence {s}..{e} outside its paragraph {ps}..{pe} in {}", r["id"]);
    }
    let entities = r["entities"].as_array().unwrap();
    let mut last_start = 0;
    for (i, ent) in entities.iter().enumerate() {
        let (s, e) = span(ent);
        assert!(s >= last_start, "entities not sorted by start in {}", r["id"]);
        last_start = s;
        assert_eq!(sub(s, e), ent["text"].as_str().unwrap(), "entity text differs from text[start:end] in {}", r["id"]);
        for other in &entities[i + 1..] {
            let (os, oe) = span(other);
            if os >= e {
                break;
            }
            assert!(
                other["type"] != ent["type"] || oe <= s,
                "two {} entities overlap in {}: {} / {}",
                ent["type"],
                r["id"],
                ent["text"],
                other["text"]
            );
        }
    }
}
