//! The DOCX reader (`ingest::docx`) on real documents and on hostile
//! packages built at test time.
//!
//! Expected strings were read by hand from each file's XML (`unzip -p FILE
//! word/document.xml`), not copied from the reader's output. Every render
//! runs under a deadline, so a hang fails the test instead of stalling it.

use crate::need_shared;
use crate::util::fixtures;
use prex::document::{Hints, Part};
use prex::error::Error;
use prex::ingest::docx::{self, Rendered};
use prex::ingest::{self, Limits};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

const SECOND: Duration = Duration::from_secs(1);

/// Deadline for the large generated inputs (10^5 paragraphs, a 16 MB
/// bomb): 1 s in release builds, where they take 30-150 ms; unoptimized
/// test builds are ~10x slower and the shared test machine is loaded.
const HEAVY: Duration = Duration::from_secs(if cfg!(debug_assertions) { 5 } else { 1 });

/// Runs `f` on another thread and fails if it takes longer than `limit`.
fn within<T: Send + 'static>(limit: Duration, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(v) => v,
        Err(_) => panic!("{what}: no answer within {limit:?} (hang?), {:?} so far", start.elapsed()),
    }
}

fn render_bytes(bytes: Vec<u8>, limits: Limits, what: &str) -> Result<Rendered, Error> {
    render_within(SECOND, bytes, limits, what)
}

fn render_within(limit: Duration, bytes: Vec<u8>, limits: Limits, what: &str) -> Result<Rendered, Error> {
    within(limit, what, move || docx::render(&bytes, &limits))
}

/// A test document: `fixtures/docx/`, else the golden inputs in
/// `fixtures/docs/`.
fn fixture(name: &str) -> PathBuf {
    let f = fixtures();
    [f.join("docx").join(name), f.join("docs/docx").join(name), f.join("docs/seed").join(name)]
        .into_iter()
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

fn render_path(path: &Path) -> Rendered {
    let bytes = std::fs::read(path).unwrap();
    render_bytes(bytes, Limits::default(), &path.display().to_string())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn render(name: &str) -> Rendered {
    render_path(&fixture(name))
}

fn count(r: &Rendered, needle: &str) -> usize {
    r.text.matches(needle).count()
}

/// The part of the block that contains `needle` (which must occur once).
fn part_of(r: &Rendered, needle: &str) -> Part {
    assert_eq!(count(r, needle), 1, "{needle:?} in {:?}", r.text);
    let at = r.text.find(needle).unwrap();
    let b = r.blocks.iter().find(|b| b.span.start <= at && at + needle.len() <= b.span.end);
    b.unwrap_or_else(|| panic!("no block holds {needle:?}")).part
}

fn links(r: &Rendered) -> Vec<(&str, &str)> {
    r.links.iter().map(|l| (l.span.of(&r.text), l.target.as_str())).collect()
}

/// Blocks and links lie on char boundaries inside the text, in order.
fn check_spans(r: &Rendered) {
    let mut last = 0;
    for b in &r.blocks {
        assert!(b.span.start >= last && b.span.end <= r.text.len(), "{b:?}");
        assert!(r.text.is_char_boundary(b.span.start) && r.text.is_char_boundary(b.span.end));
        assert!(!b.span.of(&r.text).trim().is_empty());
        last = b.span.end;
    }
    for l in &r.links {
        assert!(r.text.get(l.span.start..l.span.end).is_some_and(|s| !s.trim().is_empty()), "{l:?}");
    }
}

// ---- the corpus --------------------------------------------------------

#[test]
fn every_corpus_file_gives_a_record_or_a_clean_error_within_a_second() {
    let shared = need_shared!();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus/docx"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    paths.sort();
    paths.push(shared.join("corpus/seed/bishkek-2017-09-13.docx"));
    assert!(paths.len() >= 30, "{} files", paths.len());
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let p = path.clone();
        let got = within(SECOND, &name, move || {
            ingest::read_file(&p, "x".into(), "x".into(), &Limits::default(), Hints::default())
        });
        match (name.as_str(), got) {
            ("tika__testWORD_protected_passtika.docx", Err(Error::Encrypted)) => {}
            (_, Ok(doc)) => {
                assert!(!doc.text.trim().is_empty(), "{name}");
                assert!(!doc.hints.blocks.is_empty(), "{name}");
            }
            (_, Err(e)) => panic!("{name}: {e}"),
        }
    }
}

#[test]
fn every_corpus_file_has_consistent_spans() {
    let shared = need_shared!();
    for e in std::fs::read_dir(shared.join("corpus/docx")).unwrap() {
        let path = e.unwrap().path();
        let Ok(bytes) = std::fs::read(&path) else { continue };
        if let Ok(r) = docx::render(&bytes, &Limits::default()) {
            check_spans(&r);
        }
    }
}

// ---- the seed release --------------------------------------------------

#[test]
fn seed_contains_every_sentence_of_its_text_rendering() {
    let r = render("bishkek-2017-09-13.docx");
    check_spans(&r);
    let txt = std::fs::read_to_string(fixture("bishkek-2017-09-13.txt")).unwrap();
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let have = squash(&r.text);
    // The .txt marks images as `[image: name]`; the reader renders none.
    let txt = regex::Regex::new(r"\[image: [^\]]*\]").unwrap().replace_all(&txt, "");
    let mut checked = 0;
    for line in txt.lines() {
        for sentence in line.split_inclusive(". ") {
            let s = squash(sentence);
            if s.chars().any(char::is_alphanumeric) {
                assert!(have.contains(&s), "missing: {sentence:?}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 25, "{checked} sentences");
}

#[test]
fn seed_structure_links_and_hints() {
    let r = render("bishkek-2017-09-13.docx");
    // The headline and dateline are the first two lines.
    assert!(
        r.text
            .starts_with("В Бишкеке обсуждают вопросы оказания помощи уязвимым мигрантам\nБишкек, 13 сентября 2017\n")
    );
    // "БОМ" + "КА" are two bold runs: one word.
    assert!(r.text.contains("Центральной Азии (БОМКА), финансируемой"));
    // The two-column table: one row, cells separated by a tab.
    assert!(r.text.contains("State Border Guard\tПрограмма финансируется Европейским Союзом"));
    assert_eq!(part_of(&r, "Программа финансируется"), Part::Table);
    // The page footer: address, phone and fax (one paragraph with a line
    // break), email, website.
    for s in [
        "Представительство Европейского Союза в Кыргызской Республике",
        "Бульвар Эркиндик 21, Бизнес центр \"Орион\", 5й этаж",
        "Бишкек, 720040, Кыргызская Республика",
        "Телефон: +996 312 26 10 00\nфакс: +996 312 26 10 07",
        "Email: delegation-kyrgyzstan@eeas.europa.eu",
        "Website:http://eeas.europa.eu/delegations/kyrgyzstan",
    ] {
        assert_eq!(part_of(&r, s), Part::Footer, "{s}");
    }
    // The footer comes last, after the italic closing paragraph.
    assert!(r.text.ends_with("Facebook:http://www.facebook.com/eudelkg"));
    assert_eq!(
        links(&r),
        [
            ("janna.tashieva@icmpd.org", "mailto:janna.tashieva@icmpd.org"),
            ("delegation-kyrgyzstan@eeas.europa.eu", "mailto:delegation-kyrgyzstan@eeas.europa.eu"),
            ("http://eeas.europa.eu/delegations/kyrgyzstan", "http://eeas.europa.eu/delegations/kyrgyzstan"),
            ("http://www.facebook.com/eudelkg", "http://www.facebook.com/eudelkg"),
        ]
    );
    assert_eq!(r.title.as_deref(), Some("В Бишкеке обсуждают вопросы оказания помощи уязвимым мигрантам"));
    assert_eq!(r.created, Some(jiff::civil::date(2013, 12, 23)));
}

// ---- features, on the files that have them ------------------------------

#[test]
fn text_boxes_in_header_body_and_footer_appear_once() {
    // Each text box is in both branches of an mc:AlternateContent.
    let r = render("tika__testWORD_text_box.docx");
    check_spans(&r);
    assert_eq!(part_of(&r, "This text is inside of a text box in the header of the document."), Part::Header);
    assert_eq!(part_of(&r, "This text is directly in the body of the document."), Part::Body);
    assert_eq!(part_of(&r, "This text is inside of a text box in the body of the document."), Part::TextBox);
    assert_eq!(part_of(&r, "This text is inside of a text box in the footer of the document."), Part::Footer);
    // The box is anchored at the start of the body paragraph: it follows it.
    assert!(r.text.contains("directly in the body of the document.\nThis text is inside of a text box in the body"));
}

#[test]
fn alternate_content_takes_the_first_branch_only() {
    // mc:Choice says "A text box"; the contrived mc:Fallback says "v:textbox".
    let r = render("docx4j__textbox_alternates_contrived.docx");
    assert_eq!(part_of(&r, "A text box"), Part::TextBox);
    assert_eq!(count(&r, "v:textbox"), 0);
    // Content controls inside both branches of a text box: once.
    let r = render("tika__testWORD_template.docx");
    assert_eq!(count(&r, "James Hetfield"), 1);
    assert_eq!(count(&r, "867-5309"), 1);
    assert_eq!(part_of(&r, "Neverneverland"), Part::TextBox);
}

#[test]
fn vml_text_boxes_and_tables_inside_text_boxes() {
    let r = render("tika__testHoverAndVml.docx");
    assert_eq!(part_of(&r, "Click me"), Part::TextBox);
    let r = render("tika__testWORD_tableInRunInsideParagraph.docx");
    assert!(r.text.contains("accusam et justo duo\tAAAA\ntakimata sanctus\taliquyam\n"));
    assert_eq!(part_of(&r, "AAAA"), Part::TextBox);
}

#[test]
fn headers_footers_footnotes_hyperlinks_and_fields() {
    let r = render("tika__testWORD_various.docx");
    check_spans(&r);
    assert_eq!(part_of(&r, "This is the header text."), Part::Header);
    assert_eq!(part_of(&r, "This is the footer text."), Part::Footer);
    assert_eq!(part_of(&r, "This is a footnote."), Part::Footnote);
    assert_eq!(part_of(&r, "Here is a text box"), Part::TextBox);
    assert!(r.text.starts_with("This is the header text."));
    assert!(r.text.trim_end().ends_with("This is the footer text."));
    assert_eq!(links(&r), [("This is a hyperlink", "http://tika.apache.org/")]);
    assert!(r.text.contains("\nRow 1 Col 1\tRow 1 Col 2\tRow 1 Col 3\nRow 2 Col 1\tRow 2 Col 2\tRow 2 Col 3\n"));
    // SEQ field: its result "1" is shown, its instruction is not.
    assert!(r.text.contains("Figure 1 This is a caption for Figure 1"));
    assert_eq!(count(&r, "SEQ"), 0);
    assert!(r.text.contains("ゾルゲと尾崎、淡々と最期") && r.text.contains("𐌲𐌿𐍄𐌹𐍃𐌺"));
}

#[test]
fn headers_referenced_by_several_sections_appear_once() {
    // Sections 1 and 2 share header2.xml and footer2.xml ("Footer for
    // section " + "1" in two runs); the other header and footer parts are empty.
    let r = render("pydocx__hdr-header-footer.docx");
    assert_eq!(
        r.text,
        "Header for section-1\n\nsection with header\n\nsection without header of its own.\n\nFooter for section 1"
    );
    // A default and a first-page header, both before the body.
    let r = render("pydocx__sct-first-page-hdrftr.docx");
    assert!(r.text.starts_with("Default (odd, primary) Header\n\nFirst Page Header (section 2)\n\nFirst page.\n"));
    assert_eq!(part_of(&r, "First Page Header (section 2)"), Part::Header);
}

#[test]
fn tables_nested_and_in_headers_and_footers() {
    // Body: a table whose one cell holds "Text before", a nested table
    // (rows "Table", "Between") and "Text after". Header and footer are
    // two-cell tables.
    let r = render("pydocx__blk-paras-and-tables.docx");
    assert!(r.text.starts_with("Left-side\tRight-side\n"));
    assert!(
        r.text.contains("\nText before\nTable\nBetween\nText after\nDonec semper facilisis metus finibus malesuada.")
    );
    assert_eq!(part_of(&r, "Between"), Part::Table);
    assert_eq!(part_of(&r, "Left-side"), Part::Header);
    assert_eq!(part_of(&r, "Page-number"), Part::Footer);
    assert!(r.text.contains("Copyright\tPage-number"));
}

#[test]
fn hyperlink_fields_and_links_split_across_runs() {
    let r = render("tika__testInstrLink.docx");
    assert_eq!(links(&r), [("Access Document(s)", "https://exmaple.com/file")]);
    assert_eq!(count(&r, "HYPERLINK"), 0);
    // "hy" + "per" + "  " + "link" inside one w:hyperlink, twice.
    let r = render("tika__testWORD_boldHyperlink.docx");
    assert_eq!(r.text, "This is a bold hyper  link; bold, I say. hyper  link; bold, I say.");
    assert_eq!(links(&r), [("hyper  link", "http://tika.apache.org/"), ("hyper  link", "http://tika.apache.org/")]);
}

#[test]
fn deletions_comments_and_content_controls() {
    let r = render("tika__testWORD_embedded_pics.docx");
    check_spans(&r);
    // Deleted runs ("This is a" + " deleted pic ") are gone; the comment's
    // own text (comments.xml) is not document text.
    assert_eq!(count(&r, "deleted pic"), 0);
    assert_eq!(count(&r, "Here is a comment"), 0);
    assert!(r.text.contains("This is a paragraph with an image"));
    // A rich-text content control ("This is a " + "rich text " + "sdt").
    assert!(r.text.contains("This is a rich text sdt"));
    assert_eq!(part_of(&r, "Deeply embedded"), Part::Table);
    let r = render("tika__testComment.docx");
    assert_eq!(r.text, "Here is some text.");
}

#[test]
fn content_controls_in_the_body() {
    // Every article of this declaration is inside a w:sdt.
    let r = render("docx4j__decracdiscrim1.docx");
    assert!(r.text.contains("\nArticle 1 \nDiscrimination between human beings on the ground of race"));
    assert!(r.title.as_deref().is_some_and(|t| t.starts_with("United Nations Declaration on the Elimination")));
}

#[test]
fn an_imported_html_chunk_is_rendered() {
    // The body is one w:altChunk of word/htmlDoc.html: two paragraphs and
    // a 3x2 table ("Col 1"/"Col 2" header cells).
    let r = render("tika__testAltChunkHTML.docx");
    assert_eq!(
        r.text,
        "Simple paragraph with a emphasized word.\nExample of a table:\nCol 1\tCol 2\nROW 1\tROW 1\nROW 2\tROW 2"
    );
    assert_eq!(r.blocks.len(), 5);
}

#[test]
fn an_encrypted_document_is_encrypted() {
    let bytes = std::fs::read(fixture("tika__testWORD_protected_passtika.docx")).unwrap();
    assert!(matches!(render_bytes(bytes, Limits::default(), "protected"), Err(Error::Encrypted)));
}

/// pandoc's test documents are GPL: read from `../shared`, never copied.
fn pandoc(name: &str) -> Option<Rendered> {
    let p = crate::util::shared()?.join("corpus/docx").join(format!("pandoc__{name}.docx"));
    Some(render_path(&p))
}

#[test]
fn pandoc_tracked_changes() {
    let _ = need_shared!();
    let r = pandoc("track_changes_deletion").unwrap();
    assert_eq!(r.text, "This is a text with a deletion.");
    let r = pandoc("track_changes_insertion").unwrap();
    assert_eq!(r.text, "This is a text with two exciting insertions.");
    // The moved paragraph's old place is an empty paragraph.
    let r = pandoc("golden_track_changes_move").unwrap();
    assert_eq!(r.text, "Here is some text.\nHere is the text to be moved.\nHere is some more text.\n");
}

#[test]
fn pandoc_links_content_controls_comments() {
    let _ = need_shared!();
    let r = pandoc("links").unwrap();
    // Two external links; the two in-document links are not links.
    assert_eq!(
        links(&r),
        [("external link", "http://google.com"), ("external link", "http://pandoc.org/README.html#synopsis")]
    );
    let r = pandoc("sdt_elements").unwrap();
    assert!(r.text.contains("col1 content\tBody copy\tcol3 content"));
    let r = pandoc("comments").unwrap();
    assert!(r.text.contains("I want some text to have a comment on it."));
    for c in ["I left a comment.", "A comment across paragraphs.", "See?"] {
        assert_eq!(count(&r, c), 0, "{c}");
    }
}

// ---- hostile input -------------------------------------------------------

fn build(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut z = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in parts {
        z.start_file(*name, SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)).unwrap();
        z.write_all(body).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The seed's parts, with `word/document.xml` replaced (or dropped when
/// `None`) and parts whose name contains `drop` left out.
fn seed_with(document: Option<&[u8]>, drop: &str) -> Vec<u8> {
    let bytes = std::fs::read(fixture("bishkek-2017-09-13.docx")).unwrap();
    let mut zip = ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut body = Vec::new();
        f.read_to_end(&mut body).unwrap();
        if name == "word/document.xml" {
            match document {
                Some(d) => body = d.to_vec(),
                None => continue,
            }
        }
        if !drop.is_empty() && name.contains(drop) {
            continue;
        }
        parts.push((name, body));
    }
    let parts: Vec<(&str, Vec<u8>)> = parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    build(&parts)
}

fn seed_document() -> Vec<u8> {
    let bytes = std::fs::read(fixture("bishkek-2017-09-13.docx")).unwrap();
    let mut zip = ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut body = Vec::new();
    zip.by_name("word/document.xml").unwrap().read_to_end(&mut body).unwrap();
    body
}

fn bad(bytes: Vec<u8>, what: &str) -> String {
    match render_bytes(bytes, Limits::default(), what) {
        Err(Error::BadDocx(m)) => m,
        other => panic!("{what}: expected BadDocx, got {:?}", other.map(|r| r.text)),
    }
}

#[test]
fn truncated_document_xml_mid_tag_and_mid_attribute() {
    let doc = seed_document();
    let s = String::from_utf8(doc.clone()).unwrap();
    let mid_tag = s.find("<w:tbl>").unwrap() + 4;
    let mid_attr = s.find("w:val=\"04A0\"").unwrap() + 8;
    let mid_text = s.find("БОМ").unwrap();
    for (what, cut) in
        [("mid-tag", mid_tag), ("mid-attribute", mid_attr), ("mid-text", mid_text), ("end", doc.len() - 3)]
    {
        let m = bad(seed_with(Some(&doc[..cut]), ""), what);
        assert!(m.starts_with("word/document.xml: "), "{what}: {m}");
    }
    // Truncated inside a multi-byte character: bad UTF-8 is replaced, the
    // missing end tags are the error.
    let m = bad(seed_with(Some(&doc[..mid_text + 1]), ""), "mid-char");
    assert!(m.contains("word/document.xml"), "{m}");
}

#[test]
fn a_spreadsheet_renamed_docx_is_not_docx() {
    let xlsx = build(&[
        ("[Content_Types].xml", b"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".to_vec()),
        ("_rels/.rels", br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec()),
        ("xl/workbook.xml", br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>"#.to_vec()),
        ("xl/worksheets/sheet1.xml", b"<worksheet/>".to_vec()),
    ]);
    let got = render_bytes(xlsx, Limits::default(), "xlsx");
    assert!(matches!(&got, Err(Error::NotDocx(m)) if m.contains("Excel")), "{:?}", got.map(|r| r.text));
}

#[test]
fn a_zip_bomb_is_refused() {
    // 64 MB of one paragraph's text deflates to ~64 KB.
    let mut doc = seed_document();
    let at = String::from_utf8_lossy(&doc).find("БОМ").unwrap();
    doc.splice(at..at, std::iter::repeat_n(b'a', 64 << 20));
    let bomb = seed_with(Some(&doc), "");
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let limits = Limits { max_docx_xml: 16 << 20, ..Limits::default() };
    match render_within(HEAVY, bomb, limits, "bomb") {
        Err(Error::BadDocx(m)) => assert!(m.contains("zip bomb"), "{m}"),
        other => panic!("{:?}", other.map(|r| r.text.len())),
    }
}

#[test]
fn many_empty_paragraphs_finish_fast() {
    let n = 100_000;
    // Half bare, half the way Word writes them (properties, an empty run).
    let body = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}{}</w:body></w:document>"#,
        "<w:p/>".repeat(n / 2),
        r#"<w:p w:rsidR="00A1"><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:t></w:t></w:r></w:p>"#.repeat(n / 2)
    );
    let bytes = build(&[("word/document.xml", body.into_bytes())]);
    let r = render_within(HEAVY, bytes.clone(), Limits::default(), "empty paragraphs").unwrap();
    // A part without text is left out of the rendering: nothing remains.
    assert_eq!((r.text.as_str(), r.blocks.len()), ("", 0));
    // Through ingest: a document with no text is an error, not a record.
    let got = within(HEAVY, "ingest", move || {
        ingest::from_bytes(
            &bytes,
            "x".into(),
            "x".into(),
            prex::document::Format::Docx,
            &Limits::default(),
            Hints::default(),
        )
    });
    assert!(matches!(got, Err(Error::Empty)));
    // And 10^5 short paragraphs make 10^5 blocks.
    let body = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}</w:body></w:document>"#,
        "<w:p><w:r><w:t>word</w:t></w:r></w:p>".repeat(n)
    );
    let r = render_within(HEAVY, build(&[("word/document.xml", body.into_bytes())]), Limits::default(), "paragraphs")
        .unwrap();
    assert_eq!(r.blocks.len(), n);
    assert_eq!(r.text.len(), 5 * n - 1, "one line per paragraph");
}

#[test]
fn many_links_and_header_parts_stay_linear() {
    // 20 000 hyperlinks with a relationship each, and 2 000 sections each
    // with its own header part (all saying the same thing).
    let (links, sections) = (20_000, 2_000);
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let mut body = String::new();
    let mut rels =
        String::from(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
    for i in 0..links {
        body += &format!(r#"<w:p><w:hyperlink r:id="L{i}"><w:r><w:t>link {i}</w:t></w:r></w:hyperlink></w:p>"#);
        rels += &format!(
            r#"<Relationship Id="L{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.org/{i}" TargetMode="External"/>"#
        );
    }
    let mut parts = Vec::new();
    for i in 0..sections {
        body += &format!(
            r#"<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="H{i}"/></w:sectPr></w:pPr></w:p>"#
        );
        rels += &format!(
            r#"<Relationship Id="H{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header{i}.xml"/>"#
        );
        let header = format!(r#"<w:hdr {w}><w:p><w:r><w:t>Agency</w:t></w:r></w:p></w:hdr>"#);
        parts.push((format!("word/header{i}.xml"), header.into_bytes()));
    }
    rels += "</Relationships>";
    parts.push((
        "word/document.xml".into(),
        format!("<w:document {w}><w:body>{body}</w:body></w:document>").into_bytes(),
    ));
    parts.push(("word/_rels/document.xml.rels".into(), rels.into_bytes()));
    let parts: Vec<(&str, Vec<u8>)> = parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let r = render_within(HEAVY, build(&parts), Limits::default(), "many parts").unwrap();
    assert_eq!(r.links.len(), links);
    assert_eq!(r.links[links - 1].target, format!("http://example.org/{}", links - 1));
    assert_eq!(count(&r, "Agency"), 1);
}

#[test]
fn random_bytes_are_bad_docx() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for len in [0usize, 1, 4, 100, 5000, 1 << 20] {
        for prefix in [&b""[..], b"PK\x03\x04", b"PK\x05\x06"] {
            let mut bytes = prefix.to_vec();
            bytes.extend((0..len).map(|_| next() as u8));
            let what = format!("{len} random bytes after {prefix:?}");
            match render_within(HEAVY, bytes, Limits::default(), &what) {
                Err(Error::BadDocx(_)) | Err(Error::NotDocx(_)) => {}
                other => panic!("{what}: {:?}", other.map(|r| r.text)),
            }
        }
    }
    // A valid zip with random bytes as its document part.
    let noise: Vec<u8> = (0..10_000).map(|_| next() as u8).collect();
    bad(build(&[("word/document.xml", noise)]), "random document.xml");
}

#[test]
fn unsupported_compression_method_is_bad_docx() {
    let mut bytes = seed_with(None, "");
    bytes = {
        // Re-add document.xml stored, then mark it as bzip2 (method 12).
        let mut z = ZipWriter::new_append(std::io::Cursor::new(bytes)).unwrap();
        z.start_file("word/document.xml", SimpleFileOptions::default().compression_method(CompressionMethod::Stored))
            .unwrap();
        z.write_all(&seed_document()).unwrap();
        z.finish().unwrap().into_inner()
    };
    let name = b"word/document.xml";
    for i in 0..bytes.len().saturating_sub(46) {
        if bytes[i..].starts_with(b"PK\x03\x04") && bytes[i + 30..].starts_with(name) {
            bytes[i + 8] = 12;
        } else if bytes[i..].starts_with(b"PK\x01\x02") && bytes[i + 46..].starts_with(name) {
            bytes[i + 10] = 12;
        }
    }
    let m = bad(bytes, "bzip2");
    assert!(m.contains("compression method") && m.contains("12"), "{m}");
}

#[test]
fn missing_relationships_still_give_the_body() {
    // No word/_rels/document.xml.rels: no hyperlink targets, no footer.
    let r = render_bytes(seed_with(Some(&seed_document()), "document.xml.rels"), Limits::default(), "no rels").unwrap();
    assert!(r.text.contains("Центральной Азии (БОМКА)"));
    assert!(r.links.is_empty());
    assert_eq!(count(&r, "Бульвар Эркиндик"), 0);
    // No package relationships and no core properties either.
    let r = render_bytes(seed_with(Some(&seed_document()), "rels"), Limits::default(), "no rels at all").unwrap();
    assert!(r.text.contains("БОМКА"));
    let r = render_bytes(seed_with(Some(&seed_document()), "docProps"), Limits::default(), "no props").unwrap();
    assert_eq!((r.title, r.created), (None, None));
    // No document part at all.
    let got = render_bytes(seed_with(None, ""), Limits::default(), "no document");
    assert!(matches!(got, Err(Error::NotDocx(_))));
}

#[test]
fn doctype_and_entities_are_refused_unexpanded() {
    // A billion-laughs document: ten levels of ten-fold expansion.
    let mut dtd = String::from("<!ENTITY l0 \"lol\">");
    for i in 1..10 {
        dtd += &format!("<!ENTITY l{i} \"{}\">", format!("&l{};", i - 1).repeat(10));
    }
    let doc = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [{dtd}]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let m = bad(seed_with(Some(doc.as_bytes()), ""), "billion laughs");
    assert!(m.contains("DOCTYPE"), "{m}");
    // An external entity without a DTD is an undefined entity.
    let s = String::from_utf8(seed_document()).unwrap().replacen("БОМ", "&xxe;", 1);
    let m = bad(seed_with(Some(s.as_bytes()), ""), "undefined entity");
    assert!(m.contains("&xxe;"), "{m}");
}

#[test]
fn mutated_documents_never_panic() {
    // Random edits of the seed's document.xml (bytes replaced by XML
    // metacharacters or random bytes, slices dropped or doubled): every
    // result is a record with consistent spans or a clean error, never
    // `Internal` (a caught panic). PREX_DOCX_MUTATIONS=N runs N rounds
    // (default 300) with a different seed per run of N.
    let doc = seed_document();
    // The text-bearing parts only: deflating the seed's 800 KB of styles
    // 300 times would be most of the test's time.
    let bytes = std::fs::read(fixture("bishkek-2017-09-13.docx")).unwrap();
    let mut zip = ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut keep = Vec::new();
    for name in ["_rels/.rels", "word/_rels/document.xml.rels", "word/footer1.xml", "word/_rels/footer1.xml.rels"] {
        let mut body = Vec::new();
        zip.by_name(name).unwrap().read_to_end(&mut body).unwrap();
        keep.push((name, body));
    }
    let rounds: u64 = std::env::var("PREX_DOCX_MUTATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    let mut state = 0x2545_F491_4F6C_DD1Du64 ^ rounds.wrapping_mul(0x9E37_79B9);
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let alphabet = b"<>/=\"':&;# \n\t\xD0\xFFwpr";
    let mut outcomes = [0usize; 2];
    for round in 0..rounds {
        let mut d = doc.clone();
        for _ in 0..1 + next(4) {
            let at = next(d.len());
            match next(4) {
                0 => d[at] = alphabet[next(alphabet.len())],
                1 => d[at] = next(256) as u8,
                2 => {
                    let end = (at + next(40)).min(d.len());
                    d.drain(at..end);
                }
                _ => {
                    let end = (at + next(40)).min(d.len());
                    let copy = d[at..end].to_vec();
                    d.splice(at..at, copy);
                }
            }
        }
        let mut parts = keep.clone();
        parts.push(("word/document.xml", d));
        match render_bytes(build(&parts), Limits::default(), &format!("round {round}")) {
            Ok(r) => {
                check_spans(&r);
                outcomes[0] += 1;
            }
            Err(Error::Internal(m)) => panic!("round {round}: {m}"),
            Err(_) => outcomes[1] += 1,
        }
    }
    // Both outcomes occur: the edits reach the parser and the renderer.
    assert!(outcomes[0] > 10 && outcomes[1] > 10, "{outcomes:?}");
}
