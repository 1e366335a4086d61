//! Whole-package tests: part order and joining, relationships, core
//! properties, and the package-level errors, on zips built here.

use super::*;
use crate::document::Part;
use std::io::Write;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

pub(super) fn zip(parts: &[(&str, &str)], method: CompressionMethod) -> Vec<u8> {
    let mut z = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in parts {
        z.start_file(*name, SimpleFileOptions::default().compression_method(method)).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn p(s: &str) -> String {
    format!("<w:p><w:r><w:t>{s}</w:t></w:r></w:p>")
}

fn document(body: &str) -> String {
    format!("<w:document {W}><w:body>{body}</w:body></w:document>")
}

fn story(root: &str, body: &str) -> String {
    format!("<w:{root} {W}>{body}</w:{root}>")
}

fn rels(list: &[(&str, &str, &str)]) -> String {
    let mut s = String::from(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
    for (id, kind, target) in list {
        let mode = if target.contains(':') { r#" TargetMode="External""# } else { "" };
        s += &format!(r#"<Relationship Id="{id}" Type="{kind}" Target="{target}"{mode}/>"#);
    }
    s + "</Relationships>"
}

const ROOT_RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

fn limits() -> Limits {
    Limits::default()
}

/// A release with two sections: section 1 has header1 + footer1, section 2
/// header2 (same text as header1) + footer1 again + a first-page header3.
fn full() -> Vec<u8> {
    let body = format!(
        r#"{}<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rH1"/><w:footerReference w:type="default" r:id="rF1"/></w:sectPr></w:pPr></w:p>{}<w:p><w:r><w:t>Note</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> and end</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r><w:r><w:t>.</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rH2"/><w:footerReference w:type="default" r:id="rF1"/><w:headerReference w:type="first" r:id="rH3"/></w:sectPr>"#,
        p("Title"),
        p("Body text.")
    );
    let doc_rels = rels(&[
        ("rH1", &format!("{REL}/header"), "header1.xml"),
        ("rH2", &format!("{REL}/header"), "header2.xml"),
        ("rH3", &format!("{REL}/header"), "header3.xml"),
        ("rF1", &format!("{REL}/footer"), "footer1.xml"),
        ("rN", &format!("{REL}/footnotes"), "footnotes.xml"),
        ("rE", &format!("{REL}/endnotes"), "endnotes.xml"),
    ]);
    let footer = story(
        "ftr",
        &format!(
            r#"{}<w:p><w:hyperlink r:id="rL"><w:r><w:t>www.example.org</w:t></w:r></w:hyperlink></w:p>"#,
            p("Press office")
        ),
    );
    let footer_rels = rels(&[("rL", &format!("{REL}/hyperlink"), "http://www.example.org/")]);
    let notes = |root: &str, el: &str, text: &str| {
        story(
            root,
            &format!(
                r#"<w:{el} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{el}><w:{el} w:id="1">{}</w:{el}>"#,
                p(text)
            ),
        )
    };
    zip(
        &[
            ("[Content_Types].xml", "<Types/>"),
            ("_rels/.rels", ROOT_RELS),
            ("word/document.xml", &document(&body)),
            ("word/_rels/document.xml.rels", &doc_rels),
            ("word/header1.xml", &story("hdr", &p("Agency"))),
            ("word/header2.xml", &story("hdr", &p("Agency"))),
            ("word/header3.xml", &story("hdr", &p("First page"))),
            ("word/footer1.xml", &footer),
            ("word/_rels/footer1.xml.rels", &footer_rels),
            ("word/footnotes.xml", &notes("footnotes", "footnote", "A footnote.")),
            ("word/endnotes.xml", &notes("endnotes", "endnote", "An endnote.")),
            (
                "docProps/core.xml",
                r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>The title</dc:title><dcterms:created>2017-09-13T08:00:00Z</dcterms:created></cp:coreProperties>"#,
            ),
            ("word/media/image1.png", "not an image: never read"),
        ],
        CompressionMethod::Deflated,
    )
}

#[test]
fn parts_come_in_order_joined_by_a_blank_line() {
    let r = render(&full(), &limits()).unwrap();
    assert_eq!(
        r.text,
        "Agency\n\nFirst page\n\nTitle\n\nBody text.\nNote and end.\n\nA footnote.\n\nAn endnote.\n\nPress office\nwww.example.org"
    );
    let blocks: Vec<(Part, &str)> = r.blocks.iter().map(|b| (b.part, b.span.of(&r.text))).collect();
    assert_eq!(
        blocks,
        [
            (Part::Header, "Agency"),
            (Part::Header, "First page"),
            (Part::Body, "Title"),
            (Part::Body, "Body text."),
            (Part::Body, "Note and end."),
            (Part::Footnote, "A footnote."),
            (Part::Endnote, "An endnote."),
            (Part::Footer, "Press office"),
            (Part::Footer, "www.example.org"),
        ]
    );
    let links: Vec<(&str, &str)> = r.links.iter().map(|l| (l.span.of(&r.text), l.target.as_str())).collect();
    assert_eq!(links, [("www.example.org", "http://www.example.org/")]);
    assert_eq!(r.title.as_deref(), Some("The title"));
    assert_eq!(r.created, Some(jiff::civil::date(2017, 9, 13)));
}

#[test]
fn without_relationships_the_body_and_notes_are_still_read() {
    let notes = story("footnotes", &format!(r#"<w:footnote w:id="1">{}</w:footnote>"#, p("Note.")));
    let bytes = zip(
        &[("word/document.xml", &document(&p("Body."))), ("word/footnotes.xml", &notes)],
        CompressionMethod::Stored,
    );
    let r = render(&bytes, &limits()).unwrap();
    assert_eq!(r.text, "Body.\n\nNote.");
    assert_eq!((r.title, r.created), (None, None));
}

#[test]
fn the_main_part_is_found_by_relationship() {
    let root = ROOT_RELS.replace("word/document.xml", "/doc/main.xml");
    let bytes = zip(&[("_rels/.rels", &root), ("doc/main.xml", &document(&p("Moved.")))], CompressionMethod::Deflated);
    assert_eq!(render(&bytes, &limits()).unwrap().text, "Moved.");
}

#[test]
fn other_office_files_are_not_docx() {
    let xlsx =
        zip(&[("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")], CompressionMethod::Deflated);
    let e = render(&xlsx, &limits()).unwrap_err();
    assert!(matches!(&e, Error::NotDocx(m) if m.contains("Excel")), "{e}");
    // With package relationships naming the workbook as the main part.
    let root = ROOT_RELS.replace("word/document.xml", "xl/workbook.xml");
    let wb = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#;
    let xlsx = zip(&[("_rels/.rels", &root), ("xl/workbook.xml", wb)], CompressionMethod::Deflated);
    let e = render(&xlsx, &limits()).unwrap_err();
    assert!(matches!(&e, Error::NotDocx(m) if m.contains("workbook")), "{e}");
    let empty = zip(&[], CompressionMethod::Deflated);
    assert!(matches!(render(&empty, &limits()), Err(Error::NotDocx(_))));
}

#[test]
fn ole2_files_are_encrypted_packages_or_legacy_documents() {
    let mut ole = OLE2_MAGIC.to_vec();
    ole.resize(2048, 0);
    assert!(matches!(render(&ole, &limits()), Err(Error::NotDocx(m)) if m.contains("OLE2")));
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    ole[1024..1024 + name.len()].copy_from_slice(&name);
    assert!(matches!(render(&ole, &limits()), Err(Error::Encrypted)));
}

#[test]
fn damaged_zips_are_bad_docx() {
    for bytes in [&b"random bytes, not a zip"[..], b"PK\x03\x04 but then nothing", b""] {
        assert!(matches!(render(bytes, &limits()), Err(Error::BadDocx(_))), "{bytes:?}");
    }
    let good = full();
    for cut in [good.len() / 2, good.len() - 10] {
        assert!(matches!(render(&good[..cut], &limits()), Err(Error::BadDocx(_))), "cut at {cut}");
    }
}

#[test]
fn a_damaged_secondary_part_names_the_part() {
    let doc_rels = rels(&[("rN", &format!("{REL}/footnotes"), "footnotes.xml")]);
    let bytes = zip(
        &[
            ("word/document.xml", &document(&p("Body."))),
            ("word/_rels/document.xml.rels", &doc_rels),
            ("word/footnotes.xml", "<w:footnotes xmlns:w=\"x\"><w:footnote"),
        ],
        CompressionMethod::Deflated,
    );
    let e = render(&bytes, &limits()).unwrap_err();
    assert!(matches!(&e, Error::BadDocx(m) if m.starts_with("word/footnotes.xml: ")), "{e}");
}

/// Sets the uncompressed size of every entry, in the local headers and the
/// central directory, to `size`.
fn patch_sizes(bytes: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 30 < bytes.len() {
        if bytes[i..].starts_with(b"PK\x03\x04") {
            bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
        } else if bytes[i..].starts_with(b"PK\x01\x02") {
            bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
}

#[test]
fn zip_bombs_are_stopped_by_declared_and_by_counted_size() {
    let small = Limits { max_docx_xml: 1 << 20, ..Limits::default() };
    let big = document(&format!("{}{}", p("x"), " ".repeat(4 << 20)));
    let bytes = zip(&[("word/document.xml", &big)], CompressionMethod::Deflated);
    assert!(bytes.len() < 64 << 10, "the bomb is small: {}", bytes.len());
    let e = render(&bytes, &small).unwrap_err();
    assert!(matches!(&e, Error::BadDocx(m) if m.contains("zip bomb")), "{e}");
    // The same bomb lying about its size: the zip reader stops at the
    // declared size ("larger than its declared uncompressed size"); our own
    // count while inflating is the second guard.
    let mut lying = bytes.clone();
    patch_sizes(&mut lying, 1000);
    let e = render(&lying, &small).unwrap_err();
    assert!(matches!(&e, Error::BadDocx(m) if m.contains("declared")), "{e}");
}

#[test]
fn unsupported_compression_is_bad_docx() {
    let mut bytes = zip(&[("word/document.xml", &document(&p("x")))], CompressionMethod::Stored);
    // Compression method 12 (bzip2), in the local and central headers.
    let mut i = 0;
    while i + 12 < bytes.len() {
        if bytes[i..].starts_with(b"PK\x03\x04") {
            bytes[i + 8] = 12;
        } else if bytes[i..].starts_with(b"PK\x01\x02") {
            bytes[i + 10] = 12;
        }
        i += 1;
    }
    let e = render(&bytes, &limits()).unwrap_err();
    assert!(matches!(&e, Error::BadDocx(m) if m.contains("compression")), "{e}");
}

#[test]
fn imported_chunks_are_block_items_where_they_stand() {
    let body = format!(
        r#"{}<w:altChunk r:id="rC"/><w:tbl><w:tr><w:tc><w:altChunk r:id="rT"/></w:tc><w:tc>{}</w:tc></w:tr></w:tbl><w:altChunk r:id="rX"/>{}"#,
        p("Before."),
        p("cell"),
        p("After.")
    );
    let doc_rels = rels(&[
        ("rC", &format!("{REL}/aFChunk"), "chunk.html"),
        ("rT", &format!("{REL}/aFChunk"), "/word/chunk.txt"),
        ("rX", &format!("{REL}/aFChunk"), "chunk.rtf"),
    ]);
    let bytes = zip(
        &[
            ("word/document.xml", &document(&body)),
            ("word/_rels/document.xml.rels", &doc_rels),
            (
                "word/chunk.html",
                r#"<html><body><h1>Head</h1><p>See <a href="http://x.org/">x.org</a></p></body></html>"#,
            ),
            ("word/chunk.txt", "Plain"),
            ("word/chunk.rtf", r"{\rtf1 not read}"),
        ],
        CompressionMethod::Deflated,
    );
    let r = render(&bytes, &limits()).unwrap();
    assert_eq!(r.text, "Before.\nHead\nSee x.org\nPlain\tcell\nAfter.");
    let blocks: Vec<(Part, &str)> = r.blocks.iter().map(|b| (b.part, b.span.of(&r.text))).collect();
    assert_eq!(
        blocks,
        [
            (Part::Body, "Before."),
            (Part::Body, "Head"),
            (Part::Body, "See x.org"),
            (Part::Table, "Plain"),
            (Part::Table, "cell"),
            (Part::Body, "After."),
        ]
    );
    let links: Vec<(&str, &str)> = r.links.iter().map(|l| (l.span.of(&r.text), l.target.as_str())).collect();
    assert_eq!(links, [("x.org", "http://x.org/")]);
}

#[test]
fn a_chunk_over_the_budget_fails_the_document() {
    let doc_rels = rels(&[("rC", &format!("{REL}/aFChunk"), "chunk.html")]);
    let big = format!("<html><body><p>{}</p></body></html>", "a".repeat(2 << 20));
    let bytes = zip(
        &[
            ("word/document.xml", &document(&format!(r#"{}<w:altChunk r:id="rC"/>"#, p("x")))),
            ("word/_rels/document.xml.rels", &doc_rels),
            ("word/chunk.html", &big),
        ],
        CompressionMethod::Deflated,
    );
    let small = Limits { max_docx_xml: 1 << 20, ..Limits::default() };
    let e = render(&bytes, &small).unwrap_err();
    assert!(matches!(&e, Error::BadDocx(m) if m.starts_with("word/chunk.html")), "{e}");
}
