//! Segmentation: readable snapshots of whole documents
//! (`fixtures/segment/*.txt` → `*.snap`, re-written with `PREX_BLESS=1`),
//! hand-checked sentence-boundary cases (`sentences.{ru,en}.txt`), dateline
//! cases (`datelines.jsonl`), expected headers of corpus releases
//! (`releases.jsonl`, needs `../shared`), the seed release, structural
//! invariants on odd input, and speed.
//!
//! The file formats are described in `fixtures/segment/README.md`.

use crate::need_shared;
use crate::util::{fixtures, read};
use prex::document::{Block, Hints, Part};
use prex::lang;
use prex::segment::{Segments, ZoneKind, segment};
use prex::span::Span;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Snapshot lines longer than this keep their two ends.
const WIDTH: usize = 200;

fn seg(text: &str) -> Segments {
    segment(text, &Hints::default(), lang::detect(text))
}

fn dir() -> PathBuf {
    fixtures().join("segment")
}

/// Compares `got` with the snapshot file, or rewrites it under
/// `PREX_BLESS=1`. Returns a readable problem.
fn check_snapshot(snap: &Path, got: &str) -> Result<(), String> {
    if std::env::var_os("PREX_BLESS").is_some() {
        std::fs::write(snap, got).map_err(|e| format!("{}: {e}", snap.display()))?;
        return Ok(());
    }
    let want = std::fs::read_to_string(snap)
        .map_err(|_| format!("{}: missing (run with PREX_BLESS=1 and review it)", snap.display()))?;
    if want == got {
        return Ok(());
    }
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let line = w.iter().zip(&g).position(|(a, b)| a != b).unwrap_or(w.len().min(g.len()));
    Err(format!(
        "{}: differs at line {}\n  want: {}\n  got:  {}",
        snap.display(),
        line + 1,
        w.get(line).unwrap_or(&"<end>"),
        g.get(line).unwrap_or(&"<end>")
    ))
}

#[test]
fn snapshots() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with("sentences."))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "expected the snapshot fixtures in {}", dir().display());
    let mut problems = Vec::new();
    for p in &paths {
        let text = read(p);
        let got = seg(&text).render(&text, Some(WIDTH));
        if let Err(e) = check_snapshot(&p.with_extension("snap"), &got) {
            problems.push(e);
        }
    }
    assert!(problems.is_empty(), "{} snapshot(s) differ:\n{}", problems.len(), problems.join("\n"));
}

/// The seed release: its snapshot and the facts the issue asks for.
#[test]
fn seed_release() {
    let shared = need_shared!();
    let text = read(&shared.join("corpus/seed/bishkek-2017-09-13.txt"));
    let s = seg(&text);
    assert_eq!(s.title.as_deref(), Some("В Бишкеке обсуждают вопросы оказания помощи уязвимым мигрантам"));
    let d = s.dateline.as_ref().expect("a dateline");
    assert_eq!(d.span.of(&text).trim(), "Бишкек, 13 сентября 2017");
    assert_eq!(d.date.map(|x| x.of(&text)), Some("13 сентября 2017"));
    assert_eq!(s.location.as_deref(), Some("Бишкек"));
    let kind_of = |needle: &str| {
        let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in the seed"));
        s.zone_at(at).map(|z| z.kind)
    };
    for line in ["Бульвар Эркиндик 21", "Бишкек, 720040", "Телефон: +996", "факс: +996", "Email: delegation"]
    {
        let k = kind_of(line);
        assert!(matches!(k, Some(ZoneKind::Contact | ZoneKind::Footer)), "{line}: {k:?}");
    }
    assert_eq!(kind_of("Европейский Союз включает в себя 28"), Some(ZoneKind::About));
    assert_eq!(kind_of("Европейский Союз продолжает"), Some(ZoneKind::Lead));
    check_invariants(&text, &s);
    let got = s.render(&text, Some(WIDTH));
    if let Err(e) = check_snapshot(&dir().join("seed.snap"), &got) {
        panic!("{e}");
    }
}

/// One case per group of lines: each line is one expected sentence ("⏎"
/// stands for a line break inside it); the input is the lines joined by a
/// space (by a line break after `@nl`).
fn sentence_cases(path: &Path) -> Vec<(String, String, Vec<String>)> {
    let src = read(path);
    let mut cases = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut sep = " ";
    let mut start = 0;
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut flush = |lines: &mut Vec<String>, sep: &mut &str, start: usize| {
        if !lines.is_empty() {
            cases.push((format!("{name}:{start}"), lines.join(sep), std::mem::take(lines)));
        }
        *sep = " ";
    };
    for (i, line) in src.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut lines, &mut sep, start);
            continue;
        }
        if lines.is_empty() {
            start = i + 1;
        }
        if line == "@nl" {
            sep = "\n";
            continue;
        }
        lines.push(line.replace('⏎', "\n"));
    }
    flush(&mut lines, &mut sep, start);
    cases
}

#[test]
fn sentence_boundaries() {
    let mut problems = Vec::new();
    for lang in ["ru", "en"] {
        let cases = sentence_cases(&dir().join(format!("sentences.{lang}.txt")));
        assert!(cases.len() >= 40, "{lang}: only {} sentence cases", cases.len());
        for (name, input, want) in cases {
            let s = seg(&input);
            let got: Vec<&str> = s.sentences.iter().map(|x| x.span.of(&input)).collect();
            if got != want {
                problems.push(format!("{name}\n  want: {want:?}\n  got:  {got:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{} sentence case(s) fail:\n{}", problems.len(), problems.join("\n"));
}

/// Compares a header field: `want` is a JSON string or null.
fn field(problems: &mut Vec<String>, name: &str, key: &str, want: &Value, got: Option<&str>) {
    if want.get(key).is_none() {
        return;
    }
    let w = want[key].as_str();
    if w != got {
        problems.push(format!("{name}: {key}: want {w:?}, got {got:?}"));
    }
}

fn header_problems(name: &str, text: &str, want: &Value) -> Vec<String> {
    let s = seg(text);
    let d = s.dateline.as_ref();
    let mut p = Vec::new();
    field(&mut p, name, "title", want, s.title.as_deref());
    field(&mut p, name, "dateline", want, d.map(|d| d.span.of(text).trim()));
    field(&mut p, name, "date", want, d.and_then(|d| d.date).map(|x| x.of(text)));
    field(&mut p, name, "place", want, d.and_then(|d| d.place).map(|x| x.of(text)));
    field(&mut p, name, "location", want, s.location.as_deref());
    p
}

fn jsonl(path: &Path) -> Vec<Value> {
    read(path)
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("//"))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}: {l}", path.display())))
        .collect()
}

#[test]
fn datelines() {
    let cases = jsonl(&dir().join("datelines.jsonl"));
    let langs = |l: &str| cases.iter().filter(|c| c["lang"] == l).count();
    assert!(langs("ru") >= 10 && langs("en") >= 10, "need ten dateline cases per language");
    let mut problems = Vec::new();
    for c in &cases {
        let name = c["name"].as_str().unwrap_or("?");
        problems.extend(header_problems(name, c["text"].as_str().unwrap(), c));
    }
    assert!(problems.is_empty(), "{} dateline problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// Headlines hard-wrapped over two or three lines (`headlines.jsonl`, our
/// own headlines in the wrap shapes of the corpus releases).
#[test]
fn headline_wraps() {
    let cases = jsonl(&dir().join("headlines.jsonl"));
    assert!(cases.len() >= 8, "need the wrap shapes");
    let mut problems = Vec::new();
    for c in &cases {
        let name = c["name"].as_str().unwrap_or("?");
        problems.extend(header_problems(name, c["text"].as_str().unwrap(), c));
    }
    assert!(problems.is_empty(), "{} headline problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// Hand-checked headers of corpus releases. An entry with `xfail` names a
/// known miss: it must still fail (so that fixing it updates the file).
#[test]
fn corpus_release_headers() {
    let shared = need_shared!();
    let cases = jsonl(&dir().join("releases.jsonl"));
    let mut problems = Vec::new();
    let mut per_lang = [0, 0];
    for c in &cases {
        let id = c["id"].as_str().unwrap();
        let lang = if id.starts_with("cbr_") { "ru" } else { "en" };
        per_lang[(lang == "en") as usize] += 1;
        let text = read(&shared.join(format!("corpus/releases/{lang}/{id}.txt")));
        let p = header_problems(id, &text, c);
        match (c.get("xfail"), p.is_empty()) {
            (None, _) => problems.extend(p),
            (Some(why), true) => problems.push(format!("{id}: marked xfail ({why}) but passes: update the file")),
            (Some(_), false) => {}
        }
    }
    assert!(per_lang[0] >= 10 && per_lang[1] >= 10, "need ten releases per language, have {per_lang:?}");
    assert!(problems.is_empty(), "{} header problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// The structural contract: zones in order, non-overlapping; every
/// paragraph in exactly its zone; every sentence in its paragraph; all
/// spans trimmed, non-empty and on char boundaries.
fn check_invariants(text: &str, s: &Segments) {
    let ok = |sp: Span| {
        sp.start < sp.end
            && sp.end <= text.len()
            && text.is_char_boundary(sp.start)
            && text.is_char_boundary(sp.end)
            && sp.of(text).trim() == sp.of(text)
    };
    for w in s.zones.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "zones overlap or are out of order: {w:?}");
    }
    for z in &s.zones {
        assert!(ok(z.span), "bad zone span {z:?}");
    }
    for w in s.paragraphs.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "paragraphs overlap: {w:?}");
    }
    for (pi, p) in s.paragraphs.iter().enumerate() {
        assert!(ok(p.span), "bad paragraph span {p:?}");
        let z = &s.zones[p.zone];
        assert!(z.span.contains(p.span), "paragraph {pi} outside its zone");
        for (zi, other) in s.zones.iter().enumerate() {
            assert!(zi == p.zone || !other.span.overlaps(p.span), "paragraph {pi} in two zones");
        }
        assert!(s.sentences.iter().any(|x| x.paragraph == pi), "paragraph {pi} has no sentence");
    }
    for w in s.sentences.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "sentences overlap: {w:?}");
    }
    for x in &s.sentences {
        assert!(ok(x.span), "bad sentence span {x:?}");
        assert!(s.paragraphs[x.paragraph].span.contains(x.span), "sentence outside its paragraph");
    }
    if let Some(d) = &s.dateline {
        assert!(ok(d.span));
        for sp in [d.date, d.place].into_iter().flatten() {
            assert!(ok(sp));
            let in_dateline_zone = s.zones.iter().any(|z| z.kind == ZoneKind::Dateline && z.span.contains(sp));
            assert!(in_dateline_zone, "dateline part outside the dateline zones");
        }
    }
}

#[test]
fn invariants_on_fixtures_and_corpus() {
    let mut texts: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| read(&p))
        .collect();
    if let Some(shared) = crate::util::shared() {
        for sub in ["en", "ru"] {
            for e in std::fs::read_dir(shared.join("corpus/releases").join(sub)).unwrap().flatten() {
                texts.push(read(&e.path()));
            }
        }
    }
    for t in &texts {
        let s = seg(t);
        check_invariants(t, &s);
        // Prepending a line break shifts every span by one byte.
        let shifted = format!("\n{t}");
        let s2 = seg(&shifted);
        assert_eq!(s.title, s2.title);
        assert_eq!(s.location, s2.location);
        let starts = |s: &Segments| s.sentences.iter().map(|x| x.span.start).collect::<Vec<_>>();
        assert_eq!(starts(&s).iter().map(|x| x + 1).collect::<Vec<_>>(), starts(&s2));
    }
}

#[test]
fn odd_input() {
    let giant = "слово ".repeat(50_000);
    let blanks = format!("Заголовок{}Текст документа.", "\n".repeat(5000));
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("whitespace", " \n\t\n\u{a0}\r\n".into()),
        ("only title", "Только заголовок".into()),
        ("no newline", "WASHINGTON — The Department announced a settlement today. It takes effect now.".into()),
        ("giant line", giant),
        ("thousands of blank lines", blanks.clone()),
        ("mixed scripts", "Apple и Microsoft объявили. The deal closes soon. Сделка — в III кв. 2020 г.".into()),
        ("lone CR", "Title\rBody text here.\rMore.".into()),
        ("punctuation", "... !!! ??? ### -30- …… «»".into()),
        ("control", "\u{0}\u{1}\u{feff}Заголовок\u{200b}\n\nТекст.".into()),
    ];
    for (name, t) in &cases {
        let s = seg(t);
        check_invariants(t, &s);
        match *name {
            "empty" | "whitespace" => assert!(s.zones.is_empty(), "{name}"),
            "only title" => {
                assert_eq!(s.title.as_deref(), Some("Только заголовок"));
                assert_eq!(s.zones.len(), 1);
            }
            "no newline" => {
                assert_eq!(s.location.as_deref(), Some("Washington"));
                assert_eq!(s.title, None);
            }
            "thousands of blank lines" => {
                assert_eq!(s.title.as_deref(), Some("Заголовок"));
                assert_eq!(s.paragraphs.len(), 2);
            }
            _ => {}
        }
    }
}

/// A DOCX-like rendering: the parts joined by line breaks, one block each.
fn docx_like(parts: &[(&str, Part)]) -> (String, Vec<Block>) {
    let mut text = String::new();
    let mut blocks = Vec::new();
    for &(t, part) in parts {
        if !text.is_empty() {
            text.push('\n');
        }
        let start = text.len();
        text.push_str(t);
        blocks.push(Block { span: Span::new(start, text.len()), part });
    }
    (text, blocks)
}

#[test]
fn docx_page_footer_without_contact_lines_stays_footer() {
    let parts = [
        ("Acme opens a plant in Ohio", Part::Body),
        ("Acme Corp. opened a new plant in Dayton today. It employs 300 people.", Part::Body),
        ("Page 1 of 2", Part::Footer),
        ("© 2017 Acme Corp. All rights reserved.", Part::Footer),
    ];
    let (text, blocks) = docx_like(&parts);
    let hints = Hints { blocks, ..Hints::default() };
    let s = segment(&text, &hints, prex::document::Lang::En);
    check_invariants(&text, &s);
    let kinds: Vec<&str> = s.zones.iter().map(|z| z.kind.as_str()).collect();
    assert_eq!(kinds.last(), Some(&"footer"), "{kinds:?}");
    assert!(!kinds.contains(&"contact"), "{kinds:?}");
}

#[test]
fn docx_blocks_and_title_hint() {
    // A DOCX-like rendering: one block per paragraph, the address in the
    // page footer, a table row, and a core-properties title.
    let parts = [
        ("Европейский Союз", Part::Header),
        ("В Бишкеке обсуждают вопросы помощи мигрантам", Part::Body),
        ("Бишкек, 13 сентября 2017", Part::Body),
        ("Европейский Союз продолжает оказывать содействие. Миссия начала работу.", Part::Body),
        ("Программа\tФинансируется ЕС", Part::Table),
        ("Бульвар Эркиндик 21, Бишкек", Part::Footer),
        ("Телефон: +996 312 26 10 00", Part::Footer),
    ];
    let (text, blocks) = docx_like(&parts);
    let hints =
        Hints {
            blocks, title: Some("В Бишкеке обсуждают вопросы помощи мигрантам".into()), ..Hints::default()
        };
    let s = segment(&text, &hints, prex::document::Lang::Ru);
    check_invariants(&text, &s);
    let kinds: Vec<&str> = s.zones.iter().map(|z| z.kind.as_str()).collect();
    // The page footer holds a phone line: it is the contact block.
    assert_eq!(kinds, ["other", "title", "dateline", "lead", "body", "contact"]);
    assert_eq!(s.title.as_deref(), Some("В Бишкеке обсуждают вопросы помощи мигрантам"));
    assert_eq!(s.location.as_deref(), Some("Бишкек"));
    assert_eq!(s.paragraphs.len(), 7);
    // Malformed blocks are skipped, never trusted.
    let bad = Hints {
        blocks: vec![
            Block { span: Span::new(5, 1), part: Part::Body },
            Block { span: Span::new(0, 9999), part: Part::Body },
        ],
        ..Hints::default()
    };
    let s = segment(&text, &bad, prex::document::Lang::Ru);
    check_invariants(&text, &s);
}

/// Linear time: a 10 MB single line. Debug builds are slow, so the bound
/// here is generous; `cargo test --release -- --ignored speed` prints the
/// release figure (see DESIGN.md).
#[test]
fn speed_on_a_giant_line() {
    let unit = "Компания Acme Inc. сообщила, что в 2017 г. выручка выросла на 3,5%, т. е. до 10 млн руб. ";
    let text = unit.repeat(1_000_000 / unit.len() + 1);
    let t = std::time::Instant::now();
    let s = seg(&text);
    let took = t.elapsed();
    assert!(s.sentences.len() > 1000);
    assert!(took.as_secs_f64() < 10.0, "1 MB took {took:?}");
}

#[test]
#[ignore = "timing; run in release: cargo test --release --test it -- --ignored speed"]
fn speed_10mb_release() {
    let unit = "WASHINGTON The Department said today that U.S. Attorney John P. Doe filed No. 5 on Jan. 3, 2011. ";
    let text = unit.repeat(10_000_000 / unit.len() + 1);
    let t = std::time::Instant::now();
    let s = seg(&text);
    let took = t.elapsed();
    let mb = text.len() as f64 / 1e6;
    eprintln!(
        "{mb:.1} MB single line: {took:?} ({:.0} MB/s), {} sentences",
        mb / took.as_secs_f64(),
        s.sentences.len()
    );
    assert!(took.as_secs_f64() < 1.0, "10 MB took {took:?}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text built from the pieces that drive segmentation.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("\n".to_owned()),
            Just("\n\n".to_owned()),
            Just("\r\n".to_owned()),
            Just(" ".to_owned()),
            Just(". ".to_owned()),
            Just("… ".to_owned()),
            Just(" — ".to_owned()),
            Just("МОСКВА, 12 марта. /ТАСС/. ".to_owned()),
            Just("WASHINGTON - ".to_owned()),
            Just("Thursday, April 12, 2018".to_owned()),
            Just("г. ".to_owned()),
            Just("U.S. ".to_owned()),
            Just("А. С. ".to_owned()),
            Just("«".to_owned()),
            Just("»".to_owned()),
            Just("\"".to_owned()),
            Just("- ".to_owned()),
            Just("1) ".to_owned()),
            Just("Телефон: +996 312 26 10 00".to_owned()),
            Just("a@b.cd".to_owned()),
            Just("###".to_owned()),
            Just("About Acme".to_owned()),
            Just("Контакты для СМИ:".to_owned()),
            "[a-zA-Zа-яА-Я0-9]{1,12}",
            any::<char>().prop_map(|c| c.to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn never_panics_and_keeps_the_structure(pieces in prop::collection::vec(piece(), 0..60)) {
            let text: String = pieces.concat();
            let s = seg(&text);
            check_invariants(&text, &s);
        }
    }
}
