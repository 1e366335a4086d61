//! `extract index` / `extract search` on a real tantivy index on disk:
//! exact hits for text, facet and date queries, incremental re-indexing,
//! the writer lock, foreign directories, SIGKILL mid-run, bad inputs.

use crate::util::{extract, fixtures, tempdir};
use prex::index::PrexIndex;
use prex::index::search::Request;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A corpus of the fixture releases (seed UTF-8 text, ru, en) in `dir`.
fn corpus(dir: &Path) -> PathBuf {
    let c = dir.join("corpus");
    for (sub, names) in [
        ("seed", vec!["bishkek-2017-09-13.txt"]),
        ("ru", vec!["cbr_2013-12-13.txt", "cbr_2014-03-03.txt", "cbr_2022-04-08.txt", "cbr_2023-08-15.txt"]),
        ("en", vec!["doj_release_00128.txt", "doj_release_00736.txt", "doj_release_04255.txt"]),
    ] {
        std::fs::create_dir_all(c.join(sub)).unwrap();
        for n in names {
            std::fs::copy(fixtures().join("docs").join(sub).join(n), c.join(sub).join(n)).unwrap();
        }
    }
    c
}

fn index(idx: &Path, args: &[&str]) -> Output {
    let mut a = vec!["index", "--no-progress", idx.to_str().unwrap()];
    a.extend_from_slice(args);
    extract(&a, None)
}

/// The ids of `extract search` JSON lines (hits only).
fn search(idx: &Path, args: &[&str]) -> Vec<String> {
    let mut a = vec!["search", "--output", "json", idx.to_str().unwrap()];
    a.extend_from_slice(args);
    let o = extract(&a, None);
    assert!(o.status.success(), "search {args:?} failed: {}", stderr(&o));
    let mut ids: Vec<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v.get("facets").is_none())
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

/// Every document in the index, through the library.
fn all_ids(idx: &Path) -> Vec<String> {
    let ix = PrexIndex::open(idx).unwrap();
    let a = ix.search(&Request { limit: 100_000, ..Request::default() }).unwrap();
    let mut ids: Vec<String> = a.hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    ids
}

#[test]
fn index_then_search_exact_hits() {
    let dir = tempdir("index-search");
    let c = corpus(&dir);
    let idx = dir.join("idx");
    let o = index(&idx, &[c.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("8 added, 0 updated, 0 unchanged, 0 deleted, 0 failed"), "{}", stderr(&o));

    // Russian stemming: the text has "мигрантам", "мигрантов", never "мигранты".
    assert_eq!(search(&idx, &["мигранты"]), ["seed/bishkek-2017-09-13.txt"]);
    // English stemming: "settle" finds "Settles" and "settlement agreement".
    let settle = search(&idx, &["settle", "--lang", "en"]);
    assert!(settle.contains(&"en/doj_release_00736.txt".to_owned()), "{settle:?}");
    // Facet filter on the normalized name, any letter case, plus a date range.
    assert_eq!(
        search(
            &idx,
            &[
                "",
                "--org",
                "международный центр по развитию миграционной политики",
                "--from",
                "2017-01-01",
                "--to",
                "2018-12-31"
            ]
        ),
        ["seed/bishkek-2017-09-13.txt"]
    );
    assert_eq!(
        search(&idx, &["", "--org", "Department of Justice", "--from", "2017-01-01", "--to", "2018-12-31"]),
        ["en/doj_release_00128.txt", "en/doj_release_00736.txt"]
    );
    assert_eq!(
        search(&idx, &["", "--org", "Department of Justice", "--to", "2016-12-31"]),
        ["en/doj_release_04255.txt"]
    );
    // An organisation's acronym, in another letter case.
    assert_eq!(search(&idx, &["", "--org", "бомка"]), ["seed/bishkek-2017-09-13.txt"]);
    assert_eq!(search(&idx, &["", "--person", "Жанна Ташиева"]), ["seed/bishkek-2017-09-13.txt"]);
    assert_eq!(search(&idx, &["", "--location", "бишкек"]), ["seed/bishkek-2017-09-13.txt"]);
    assert_eq!(search(&idx, &["ключевой ставке", "--lang", "ru"]).len(), 4);
    assert!(search(&idx, &["мигранты", "--lang", "en"]).is_empty());

    // Facets: counts over all hits, JSON line after the hits.
    let o = extract(&["search", "--output", "json", idx.to_str().unwrap(), "", "--lang", "ru", "--facets"], None);
    let out = String::from_utf8(o.stdout).unwrap();
    let last: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(last["facets"]["total"], 5);
    let orgs = last["facets"]["organizations"].as_array().unwrap();
    assert!(orgs.iter().any(|o| o["name"] == "Центральный банк Российской Федерации" && o["count"] == 4), "{orgs:?}");
    // A hit line: id, score, title, date, highlighted snippet.
    let o = extract(&["search", "--output", "json", idx.to_str().unwrap(), "мигранты"], None);
    let hit: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(hit["date"], "2017-09-13");
    assert!(hit["title"].as_str().unwrap().starts_with("В Бишкеке"));
    assert!(hit["snippet"].as_str().unwrap().contains("<b>мигрант"), "{hit}");
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    // The table.
    let o = extract(&["search", "--output", "table", idx.to_str().unwrap(), "мигранты", "--facets"], None);
    let table = String::from_utf8(o.stdout).unwrap();
    assert!(table.starts_with("1 documents match"), "{table}");
    assert!(table.contains("persons:"), "{table}");
}

#[test]
fn reindex_is_a_noop_a_changed_file_is_replaced_a_missing_one_dropped() {
    let dir = tempdir("index-incremental");
    let c = corpus(&dir);
    let idx = dir.join("idx");
    let arg = c.to_str().unwrap();
    assert!(index(&idx, &[arg]).status.success());
    let before = all_ids(&idx);
    assert_eq!(before.len(), 8);
    for _ in 0..2 {
        let o = index(&idx, &[arg]);
        assert!(o.status.success());
        assert!(stderr(&o).contains("0 added, 0 updated, 8 unchanged"), "{}", stderr(&o));
        assert_eq!(all_ids(&idx), before, "no duplicates after re-indexing");
    }

    let changed = c.join("en/doj_release_00128.txt");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nThe word quuxplorer appears only after the change.\n");
    std::fs::write(&changed, text).unwrap();
    assert!(search(&idx, &["quuxplorer"]).is_empty());
    let o = index(&idx, &[arg]);
    assert!(stderr(&o).contains("0 added, 1 updated, 7 unchanged"), "{}", stderr(&o));
    assert_eq!(search(&idx, &["quuxplorer"]), ["en/doj_release_00128.txt"]);
    assert_eq!(all_ids(&idx), before);

    std::fs::remove_file(c.join("ru/cbr_2013-12-13.txt")).unwrap();
    let o = index(&idx, &[arg]);
    assert!(stderr(&o).contains("0 deleted"), "without the flag nothing is dropped: {}", stderr(&o));
    assert_eq!(all_ids(&idx).len(), 8);
    let o = index(&idx, &["--delete-missing", arg]);
    assert!(stderr(&o).contains("0 added, 0 updated, 7 unchanged, 1 deleted"), "{}", stderr(&o));
    let after = all_ids(&idx);
    assert_eq!(after.len(), 7);
    assert!(!after.contains(&"ru/cbr_2013-12-13.txt".to_owned()));
}

#[test]
fn second_writer_gets_a_lock_error_and_exit_2() {
    let dir = tempdir("index-lock");
    let idx = dir.join("idx");
    let doc = fixtures().join("docs/seed/bishkek-2017-09-13.txt");
    assert!(index(&idx, &[doc.to_str().unwrap()]).status.success());
    let ix = PrexIndex::create_or_open(&idx).unwrap();
    let writer = ix.writer().unwrap();
    let o = index(&idx, &[doc.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("index is locked by another writer"), "{}", stderr(&o));
    drop(writer);
    assert!(index(&idx, &[doc.to_str().unwrap()]).status.success());
}

#[test]
fn foreign_or_other_version_directories_are_refused_untouched() {
    let dir = tempdir("index-foreign");
    let doc = fixtures().join("docs/seed/bishkek-2017-09-13.txt");
    let foreign = dir.join("photos");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("cat.jpg"), b"not an index").unwrap();
    let o = index(&foreign, &[doc.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a prex index"), "{}", stderr(&o));
    let names: Vec<_> = std::fs::read_dir(&foreign).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["cat.jpg"], "nothing written into a foreign directory");
    let o = extract(&["search", foreign.to_str().unwrap(), "x"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a prex index"), "{}", stderr(&o));

    let old = dir.join("old");
    assert!(index(&old, &[doc.to_str().unwrap()]).status.success());
    std::fs::write(old.join(prex::index::MARKER), r#"{"format": "prex-index", "schema_version": 99}"#).unwrap();
    let meta = std::fs::read(old.join("meta.json")).unwrap();
    let o = index(&old, &[doc.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("schema version 99"), "{}", stderr(&o));
    assert_eq!(std::fs::read(old.join("meta.json")).unwrap(), meta);
}

#[test]
fn bad_inputs_are_reported_and_indexing_goes_on() {
    let dir = tempdir("index-bad");
    let c = dir.join("corpus");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::copy(fixtures().join("docs/seed/bishkek-2017-09-13.txt"), c.join("a.txt")).unwrap();
    std::fs::write(c.join("b.docx"), b"PK\x03\x04 this is no zip").unwrap();
    std::fs::write(c.join("c.txt"), "x".repeat(20_000)).unwrap();
    let idx = dir.join("idx");
    let o = index(&idx, &["--max-bytes", "10000", c.to_str().unwrap(), dir.join("missing.txt").to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    // The same error lines as `extract` gives for the same inputs.
    let plain =
        extract(&["--max-bytes", "10000", c.to_str().unwrap(), dir.join("missing.txt").to_str().unwrap()], None);
    for line in stderr(&plain).lines() {
        assert!(err.contains(line), "missing {line:?} in {err}");
    }
    // records + errors = inputs.
    assert!(err.contains("1 added, 0 updated, 0 unchanged, 0 deleted, 3 failed"), "{err}");
    assert_eq!(all_ids(&idx), ["a.txt"]);
}

#[cfg(unix)]
#[test]
fn sigkill_mid_run_keeps_the_last_commit_searchable() {
    use std::io::Write;
    let dir = tempdir("index-kill");
    let jsonl = dir.join("docs.jsonl");
    let n = 4000;
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&jsonl).unwrap());
        for i in 0..n {
            let text = format!(
                "Bishkek, 13 September 2017\nRelease number {i} on border management in Central Asia. \
                 The European Union funds the programme with 5 million euros. Contact: press{i}@example.org"
            );
            writeln!(f, "{}", serde_json::json!({"id": format!("doc-{i:05}"), "text": text})).unwrap();
        }
    }
    let idx = dir.join("idx");
    let args = ["index", "--no-progress", "-j1", "--commit-every", "100", idx.to_str().unwrap(), "--from-jsonl"];
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_extract"))
        .args(args)
        .arg(&jsonl)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait for a few commits, then SIGKILL (Child::kill on Unix).
    let start = std::time::Instant::now();
    let mut seen = 0;
    while seen < 300 && start.elapsed() < std::time::Duration::from_secs(120) {
        std::thread::sleep(std::time::Duration::from_millis(20));
        if let Ok(ix) = PrexIndex::open(&idx)
            && let Ok(a) = ix.search(&Request { limit: 1, ..Request::default() })
        {
            seen = a.total;
        }
    }
    assert!(child.try_wait().unwrap().is_none(), "the run ended before it could be killed: make the input bigger");
    child.kill().unwrap();
    child.wait().unwrap();

    let ids = all_ids(&idx);
    assert!(ids.len() >= seen, "lost committed documents: {} < {seen}", ids.len());
    assert!(ids.len() < n, "the run was killed before the end");
    assert!(ids.len().is_multiple_of(100), "only whole commits are visible");
    assert_eq!(search(&idx, &["border", "--limit", "100000"]).len(), ids.len());

    // The lock died with the process; a rerun completes without duplicates.
    let o = extract(&["index", "--no-progress", idx.to_str().unwrap(), "--from-jsonl", jsonl.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let ids = all_ids(&idx);
    assert_eq!(ids.len(), n);
    ids.windows(2).for_each(|w| assert_ne!(w[0], w[1]));
}

/// Each subcommand's help lists only the options it accepts, and the
/// output options of a plain run are refused by `index` as unknown.
#[test]
fn subcommand_help_lists_only_accepted_options() {
    let help = |args: &[&str]| {
        let o = extract(args, None);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    let index_help = help(&["index", "--help"]);
    for want in ["--delete-missing", "--commit-every", "--from-jsonl", "--threads", "--lang", "--max-bytes"] {
        assert!(index_help.contains(want), "index --help lacks {want}");
    }
    for unwanted in ["--output", "--no-text", "--format", "--index-name"] {
        assert!(!index_help.contains(unwanted), "index --help lists {unwanted}");
    }
    let search_help = help(&["search", "--help"]);
    for want in ["--org", "--person", "--location", "--from", "--to", "--lang", "--limit", "--facets", "--output"] {
        assert!(search_help.contains(want), "search --help lacks {want}");
    }
    for unwanted in ["--no-text", "--format", "--threads", "--from-jsonl", "--delete-missing"] {
        assert!(!search_help.contains(unwanted), "search --help lists {unwanted}");
    }
    let run_help = help(&["--help"]);
    for want in ["--output", "--no-text", "--format", "--index-name", "--from-jsonl"] {
        assert!(run_help.contains(want), "--help lacks {want}");
    }
    let tmp = tempdir("index-help");
    for refused in [&["-o", "x.jsonl"][..], &["--no-text"], &["--format", "es-bulk"]] {
        let idx = tmp.join("idx");
        let mut args = vec!["index", idx.to_str().unwrap()];
        args.extend_from_slice(refused);
        args.push("fixtures/docs");
        let o = extract(&args, None);
        assert_eq!(o.status.code(), Some(2), "index {refused:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("unexpected argument"), "index {refused:?}: {}", stderr(&o));
        assert!(!idx.exists(), "index {refused:?} created the index");
    }
}
