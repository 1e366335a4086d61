//! The `extract` command line: inputs, ordering, options, bad input and
//! exit codes.

use crate::util::{extract, fixtures, records, tempdir};
use std::fs;

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn seed_txt_gives_one_valid_record() {
    let o = extract(&["fixtures/docs/seed/bishkek-2017-09-13.txt"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&o.stdout);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    assert_eq!(r["id"], "fixtures/docs/seed/bishkek-2017-09-13.txt");
    assert_eq!(r["lang"], "ru");
    assert_eq!(r["source"]["format"], "txt");
    assert_eq!(r["source"]["encoding"], "utf-8");
    assert_eq!(r["source"]["bytes"], 5092);
    assert!(r["text"].as_str().unwrap().contains("Европейский Союз продолжает оказывать содействие"));
}

#[test]
fn cp1251_decodes_to_the_same_text() {
    let o = extract(
        &["fixtures/docs/seed/bishkek-2017-09-13.txt", "fixtures/docs/seed/bishkek-2017-09-13.cp1251.txt"],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&o.stdout);
    assert_eq!(recs[1]["source"]["encoding"], "windows-1251");
    assert_eq!(recs[0]["text"], recs[1]["text"]);
    // Same text, same analysis: everything but id and source agrees.
    for key in ["lang", "title", "date", "location", "zones", "sentences", "entities"] {
        assert_eq!(recs[0][key], recs[1][key], "{key}");
    }
}

#[test]
fn directories_are_walked_in_sorted_order_with_relative_ids() {
    let o = extract(&["fixtures/docs"], None);
    let recs = records(&o.stdout);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert!(ids.contains(&"seed/bishkek-2017-09-13.txt"), "{ids:?}");
    assert!(ids.iter().all(|i| !i.ends_with(".md")), "non-inputs are skipped: {ids:?}");
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn output_is_identical_with_one_and_two_threads() {
    let a = extract(&["-j1", "fixtures/docs"], None);
    let b = extract(&["-j2", "fixtures/docs"], None);
    assert!(a.status.success() && b.status.success());
    assert!(!a.stdout.is_empty());
    assert!(a.stdout == b.stdout, "-j1 and -j2 outputs differ");
}

#[test]
fn stdin_document() {
    let o = extract(&["-", "--no-text"], Some("Москва, 12 марта 2024\nБанк России сообщает.".as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&o.stdout);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "-");
    assert!(recs[0].get("text").is_none(), "--no-text drops text");
}

#[test]
fn jsonl_input_keeps_order_and_ids_and_reports_bad_lines() {
    let dir = tempdir("jsonl");
    let f = dir.join("docs.jsonl");
    fs::write(
        &f,
        concat!(
            "{\"id\": \"b\", \"text\": \"The Department of Justice said on Monday.\", \"lang\": \"en\"}\n",
            "not json\n",
            "\n",
            "{\"id\": \"a\", \"text\": \"Банк России сообщает.\", \"reference_date\": \"2024-03-12\", \"region\": \"ru\"}\n",
            "{\"id\": \"c\", \"text\": \"x\", \"reference_date\": \"12.03.2024\"}\n",
        ),
    )
    .unwrap();
    let o = extract(&["--from-jsonl", f.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1), "a bad line makes the exit code 1");
    let recs = records(&o.stdout);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["b", "a"]);
    assert_eq!(recs[0]["lang"], "en");
    assert_eq!(recs[0]["source"]["format"], "jsonl");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.contains("docs.jsonl:2: bad JSONL document"), "{err}");
    assert!(err.contains("docs.jsonl:5: bad JSONL document: invalid date"), "{err}");
}

#[test]
fn jsonl_from_stdin() {
    let o = extract(&["--from-jsonl", "-"], Some(b"{\"id\": 7, \"text\": \"Hello from Washington.\"}\n"));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(records(&o.stdout)[0]["id"], "7");
}

#[test]
fn bad_inputs_are_reported_and_the_run_goes_on() {
    let dir = tempdir("bad");
    fs::write(dir.join("a-good.txt"), "Washington, May 3, 2011 - The Department of Justice announced today.").unwrap();
    fs::write(dir.join("b-empty.txt"), "").unwrap();
    fs::write(dir.join("c-binary.txt"), b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0").unwrap();
    fs::write(dir.join("d-broken.docx"), b"PK\x03\x04 this is not a zip").unwrap();
    fs::write(dir.join("e-random.docx"), [7u8, 13, 200, 1, 0, 99, 42, 250].repeat(64)).unwrap();
    fs::write(dir.join("f-good.txt"), "Бишкек, 13 сентября 2017\nТекст.").unwrap();
    fs::write(dir.join("g-notes.md"), "skipped").unwrap();
    let missing = dir.join("missing.txt");
    let o = extract(&[dir.to_str().unwrap(), missing.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let recs = records(&o.stdout);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a-good.txt", "f-good.txt"]);
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "one line per failed input:\n{err}");
    assert!(lines[0].starts_with("extract: ") && lines[0].ends_with("b-empty.txt: empty document"), "{err}");
    assert!(lines[1].ends_with("c-binary.txt: binary file, not text"), "{err}");
    assert!(lines[2].contains("d-broken.docx: "), "{err}");
    assert!(lines[3].contains("e-random.docx: "), "{err}");
    assert!(lines[4].ends_with("missing.txt: no such file or directory"), "{err}");
    // records + errors = inputs
    assert_eq!(recs.len() + lines.len(), 7);
}

#[test]
fn oversized_files_are_refused() {
    let dir = tempdir("big");
    fs::write(dir.join("big.txt"), "word ".repeat(1000)).unwrap();
    let o = extract(&["--max-bytes", "100", dir.join("big.txt").to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("file too large (5000 bytes, limit 100"), "{}", stderr(&o));
}

#[test]
fn output_file_option() {
    let dir = tempdir("out");
    let out = dir.join("records.jsonl");
    let o = extract(&["-o", out.to_str().unwrap(), "fixtures/docs/en"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "nothing else on stdout");
    let recs = records(&fs::read(&out).unwrap());
    assert_eq!(recs.len(), fs::read_dir(fixtures().join("docs/en")).unwrap().count());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--region", "RUS", "x.txt"][..],
        &["--lang", "fr", "x.txt"],
        &["--reference-date", "13.09.2017", "x.txt"],
        &["-j", "0", "x.txt"],
        &[],
        &["-", "--from-jsonl", "-"],
    ] {
        let o = extract(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("extract: ") || stderr(&o).contains("Usage"), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn help_explains_usage() {
    let o = extract(&["--help"], None);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    for want in ["--from-jsonl", "--reference-date", "--region", "--no-text", "Exit codes", "eval"] {
        assert!(out.contains(want), "--help lacks {want}");
    }
}

#[cfg(unix)]
#[test]
fn broken_pipe_exits_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let dir = tempdir("pipe");
    for i in 0..300 {
        fs::write(dir.join(format!("{i:04}.txt")), format!("Release number {i}. The Department said so.\n")).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_extract"))
        .args(["-j2", dir.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader is dropped here: the pipe is closed after one line.
    let o = child.wait_with_output().unwrap();
    assert!(first.starts_with("{\"id\":\"0000.txt\""));
    assert!(o.status.success(), "exit {:?}", o.status);
    assert!(o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_survived() {
    let dir = tempdir("loop");
    fs::create_dir_all(dir.join("a/b")).unwrap();
    fs::write(dir.join("a/b/doc.txt"), "Hello from Washington.").unwrap();
    std::os::unix::fs::symlink(dir.join("a"), dir.join("a/b/up")).unwrap();
    let o = extract(&[dir.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(records(&o.stdout).len(), 1);
}
