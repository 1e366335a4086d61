//! Bad input that must give a clear per-file error or a sensible record,
//! never a panic, a hang or a lost document: damaged encodings, UTF-16
//! without a BOM, a huge one-line text (behind `PREX_SLOW=1`), an
//! unreadable file and a file deleted between the walk and the read.
//! Inputs are generated at test time. (DOCX damage is in `docx.rs`,
//! walking and exit codes in `cli.rs`.)

use crate::util::{extract, records, tempdir};
use prex::corpus::{self, Input};
use prex::pipeline::{Config, Job, Pipeline};
use std::fs;

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const RU: &str = "Москва, 12 марта 2024 года. Банк России сообщил о снижении ключевой ставки.\n";
const EN: &str = "Washington, May 3, 2011 - The Department of Justice announced charges today.\n";

#[test]
fn damaged_utf8_is_decoded_as_utf8_with_replacement_characters() {
    let dir = tempdir("badutf8");
    // A stray 0xFF between two sentences and a letter cut in half at the end.
    let mut bytes = RU.repeat(3).into_bytes();
    let at = RU.len();
    bytes.insert(at, 0xFF);
    bytes.extend_from_slice(&"Банк".as_bytes()[..3]);
    fs::write(dir.join("damaged.txt"), &bytes).unwrap();
    let o = extract(&[dir.join("damaged.txt").to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = &records(&o.stdout)[0];
    assert_eq!(r["source"]["encoding"], "utf-8");
    let text = r["text"].as_str().unwrap();
    assert_eq!(text, format!("{RU}\u{fffd}{RU}{RU}Б\u{fffd}"), "each bad sequence is one U+FFFD, the rest intact");
    assert_eq!(r["lang"], "ru");
}

#[test]
fn invalid_utf8_without_multibyte_text_is_a_legacy_encoding() {
    // No valid UTF-8 sequence at all: windows-1251 bytes (Russian) are
    // recognised as such, not turned into U+FFFD.
    let dir = tempdir("cp1251");
    let text = RU.repeat(3);
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
    fs::write(dir.join("legacy.txt"), &bytes).unwrap();
    let o = extract(&[dir.join("legacy.txt").to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = &records(&o.stdout)[0];
    assert_eq!(r["source"]["encoding"], "windows-1251");
    assert_eq!(r["text"], RU.repeat(3));
}

#[test]
fn utf16_without_bom_is_detected_in_both_byte_orders() {
    let dir = tempdir("utf16");
    for (name, text) in [("ru", RU.repeat(4)), ("en", EN.repeat(4))] {
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        fs::write(dir.join(format!("{name}-le.txt")), le).unwrap();
        fs::write(dir.join(format!("{name}-be.txt")), be).unwrap();
    }
    let o = extract(&[dir.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&o.stdout);
    let got: Vec<(&str, &str)> =
        recs.iter().map(|r| (r["id"].as_str().unwrap(), r["source"]["encoding"].as_str().unwrap())).collect();
    assert_eq!(
        got,
        [("en-be.txt", "utf-16be"), ("en-le.txt", "utf-16le"), ("ru-be.txt", "utf-16be"), ("ru-le.txt", "utf-16le")]
    );
    assert_eq!(recs[0]["text"], EN.repeat(4));
    assert_eq!(recs[2]["text"], RU.repeat(4));
    assert_eq!(recs[2]["lang"], "ru");
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_one_error_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir("unreadable");
    fs::write(dir.join("a.txt"), EN).unwrap();
    fs::write(dir.join("b.txt"), EN).unwrap();
    fs::write(dir.join("c.txt"), RU).unwrap();
    fs::set_permissions(dir.join("b.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    // Root (and CAP_DAC_OVERRIDE) reads it anyway: then it is a record.
    let readable_anyway = fs::File::open(dir.join("b.txt")).is_ok();
    let o = extract(&[dir.to_str().unwrap()], None);
    let recs = records(&o.stdout);
    let err = stderr(&o);
    assert_eq!(recs.len() + err.lines().count(), 3, "records + errors = inputs:\n{err}");
    if readable_anyway {
        eprintln!("note: running with permission to read a mode-000 file; the error case is not exercised");
        assert!(o.status.success(), "{err}");
    } else {
        assert_eq!(o.status.code(), Some(1));
        let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["a.txt", "c.txt"]);
        assert!(err.trim_end().ends_with("b.txt: permission denied"), "{err}");
    }
    fs::set_permissions(dir.join("b.txt"), fs::Permissions::from_mode(0o644)).unwrap();
}

/// The walk lists the files; one is deleted before its turn comes (what
/// happens when another process cleans the folder during a long run).
#[test]
fn file_deleted_after_the_walk_is_one_error_and_the_run_goes_on() {
    let dir = tempdir("deleted");
    for i in 0..40 {
        fs::write(dir.join(format!("{i:02}.txt")), format!("Release {i}. {EN}")).unwrap();
    }
    let mut inputs = Vec::new();
    corpus::walk(std::slice::from_ref(&dir), |i| inputs.push(i));
    assert_eq!(inputs.len(), 40);
    let victim = dir.join("17.txt");
    let jobs = inputs.into_iter().enumerate().map(|(k, input)| {
        // Delete while earlier documents are already being processed.
        if k == 10 {
            fs::remove_file(&victim).unwrap();
        }
        match input {
            Input::File { path, id, shown } => Job::File { path, id, shown },
            other => panic!("{other:?}"),
        }
    });
    let pipeline = Pipeline::new(Config::default());
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let summary = pipeline
        .run(jobs, 2, &mut out, &mut |shown, e| errors.push((shown.to_owned(), e.to_string())), &mut |_| {})
        .unwrap();
    assert_eq!((summary.records, summary.errors), (39, 1));
    assert_eq!(errors.len(), 1);
    assert!(errors[0].0.ends_with("17.txt") && errors[0].1 == "no such file or directory", "{errors:?}");
    let recs = records(&out);
    assert_eq!(recs.len(), 39);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(!ids.contains(&"17.txt") && ids.contains(&"16.txt") && ids.contains(&"18.txt"));
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "order kept around the failure");
}

/// A 200 MB text with no line break. The default limit (256 MiB) admits
/// it; a lower `--max-bytes` refuses it at once, without reading it.
#[test]
fn huge_one_line_text_is_refused_by_the_size_limit() {
    let dir = tempdir("huge-refused");
    let path = dir.join("huge.txt");
    // A sparse file: 200 MB long, no disk used, never read.
    let f = fs::File::create(&path).unwrap();
    f.set_len(200_000_000).unwrap();
    let t = std::time::Instant::now();
    let o = extract(&["--max-bytes", "100000000", path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("huge.txt: file too large (200000000 bytes, limit 100000000; see --max-bytes)"),
        "{}",
        stderr(&o)
    );
    assert!(t.elapsed().as_secs() < 10, "refused without reading");
    assert!(o.stdout.is_empty());
}

/// `PREX_SLOW=1`: the same 200 MB line of real words, processed with the
/// default limits by the release binary (`target/release/extract`, built
/// beforehand), in bounded time and memory.
#[test]
fn huge_one_line_text_is_processed_in_bounded_time_and_memory() {
    if std::env::var_os("PREX_SLOW").is_none() {
        eprintln!("skipped: set PREX_SLOW=1 (and build --release first)");
        return;
    }
    let bin = crate::util::root().join("target/release/extract");
    assert!(bin.exists(), "build the release binary first: cargo build --release");
    let dir = tempdir("huge");
    let path = dir.join("huge.txt");
    {
        use std::io::Write;
        let unit = format!("{} {} ", EN.trim_end(), RU.trim_end());
        let mut w = std::io::BufWriter::new(fs::File::create(&path).unwrap());
        let mut n = 0;
        while n + unit.len() <= 200_000_000 {
            w.write_all(unit.as_bytes()).unwrap();
            n += unit.len();
        }
    }
    let t = std::time::Instant::now();
    let child = std::process::Command::new(bin)
        .args(["--no-text", path.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Peak resident memory, sampled from /proc while it runs.
    let pid = child.id();
    let peak = std::thread::spawn(move || {
        let mut peak_kb = 0u64;
        while let Ok(s) = fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(kb) = s.lines().find_map(|l| l.strip_prefix("VmHWM:")) {
                peak_kb = peak_kb.max(kb.trim().trim_end_matches(" kB").trim().parse().unwrap_or(0));
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        peak_kb
    });
    let o = child.wait_with_output().unwrap();
    let secs = t.elapsed().as_secs_f64();
    let peak_mb = peak.join().unwrap() / 1024;
    eprintln!("200 MB one-line text: {secs:.1} s, peak RSS {peak_mb} MB");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(records(&o.stdout).len(), 1);
    assert!(secs < 600.0, "took {secs:.0} s");
    // The bound: at most 5x the largest document.
    assert!(peak_mb <= 5 * 200, "peak RSS {peak_mb} MB");
}

/// A document of at least `pipeline::STREAM_BYTES` is serialized by the
/// writer straight into the output instead of into one `String` by the
/// worker: the line is the same as `record_json`'s, and in job order.
#[test]
fn big_document_record_is_streamed_by_the_writer_unchanged() {
    let unit = format!("{} {} ", EN.trim_end(), RU.trim_end());
    let big = unit.repeat(prex::pipeline::STREAM_BYTES / unit.len() + 1);
    assert!(big.len() >= prex::pipeline::STREAM_BYTES);
    let pipeline = Pipeline::new(Config { include_text: false, ..Config::default() });
    let line = |text: &str, id: &str| serde_json::json!({ "id": id, "text": text }).to_string();
    let jobs = vec![
        Job::Jsonl { line: line(EN, "small-1"), shown: "small-1".into() },
        Job::Jsonl { line: line(&big, "big"), shown: "big".into() },
        Job::Jsonl { line: line(RU, "small-2"), shown: "small-2".into() },
    ];
    let expected: Vec<String> = jobs
        .iter()
        .map(|j| match j {
            Job::Jsonl { line, shown } => {
                pipeline.process(Job::Jsonl { line: line.clone(), shown: shown.clone() }).unwrap()
            }
            _ => unreachable!(),
        })
        .collect();
    let mut out = Vec::new();
    let summary = pipeline.run(jobs.into_iter(), 2, &mut out, &mut |s, e| panic!("{s}: {e}"), &mut |_| {}).unwrap();
    assert_eq!((summary.records, summary.errors), (3, 0));
    let got: Vec<&str> = std::str::from_utf8(&out).unwrap().lines().collect();
    assert_eq!(got, expected);
}

/// Every input under `fuzz/regressions/` (what the fuzzers found) goes
/// through the whole pipeline: a record or a clear error, never an
/// internal error (a panic) for any of them.
#[test]
fn fuzz_regressions_replay() {
    let dir = crate::util::root().join("fuzz/regressions");
    let pipeline = Pipeline::new(Config::default());
    let mut paths: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let shown = path.display().to_string();
        let job = Job::File { path, id: shown.clone(), shown: shown.clone() };
        match pipeline.process(job) {
            Ok(line) => crate::util::check_record(&serde_json::from_str(&line).unwrap()),
            Err(e) => assert!(!matches!(e, prex::error::Error::Internal(_)), "{shown}: {e}"),
        }
    }
}
