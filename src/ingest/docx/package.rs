//! The package layer of a DOCX: the zip container, its parts and their
//! relationships (Open Packaging Conventions, ECMA-376 part 2).
//!
//! [`Package`] opens the zip, reads one part at a time as text under a
//! byte budget (the zip-bomb guard: declared sizes are checked before
//! inflating, and the inflated bytes are counted while reading, because a
//! declared size can lie), and parses `.rels` parts into [`Rels`].
//!
//! It never inflates a part nobody asked for (images, styles, fonts), and it
//! does not interpret WordprocessingML: that is `wml`.

use super::xml::{self, Ns};
use crate::error::{Error, Result};
use quick_xml::events::Event;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use zip::ZipArchive;
use zip::result::ZipError;

/// An open DOCX zip with the remaining budget of uncompressed bytes.
pub(super) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
    limit: u64,
    /// Lower-cased entry names, built on the first inexact lookup.
    folded: Option<HashMap<Vec<u8>, usize>>,
}

impl<'a> Package<'a> {
    /// Opens the zip container. `limit` caps the total uncompressed size of
    /// all parts read through this package.
    pub(super) fn open(bytes: &'a [u8], limit: u64) -> Result<Package<'a>> {
        // Every zip starts with a local file header (or, when empty, the
        // end-of-central-directory record). Checking it first answers
        // random bytes without asking the zip reader to search them.
        if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
            return Err(Error::BadDocx("not a zip archive".into()));
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| Error::BadDocx(format!("bad zip archive: {e}")))?;
        Ok(Package { zip, budget: limit, limit, folded: None })
    }

    /// The index of a part, matched case-insensitively when there is no
    /// exact match (part names are case-insensitive in OPC).
    pub(super) fn find(&mut self, name: &str) -> Option<usize> {
        if let Some(i) = self.zip.index_for_name_raw(name.as_bytes()) {
            return Some(i);
        }
        // Built once: a scan per missing part would be quadratic on a
        // hostile package with many entries and many references.
        let zip = &self.zip;
        let folded = self.folded.get_or_insert_with(|| {
            let mut m = HashMap::new();
            for (i, raw) in zip.file_names_raw().enumerate() {
                m.entry(raw.to_ascii_lowercase()).or_insert(i);
            }
            m
        });
        folded.get(&name.as_bytes().to_ascii_lowercase()).copied()
    }

    /// Whether the package has a part of that name.
    pub(super) fn has(&mut self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// Reads a part as text, or `None` when the package has no such part.
    pub(super) fn read(&mut self, name: &str) -> Result<Option<String>> {
        Ok(self.read_bytes(name)?.map(decode))
    }

    /// Reads a part's bytes, or `None` when the package has no such part.
    pub(super) fn read_bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(index) = self.find(name) else { return Ok(None) };
        let mut file = self.zip.by_index(index).map_err(|e| zip_error(name, e))?;
        let budget = self.budget;
        let declared = file.size();
        if declared > budget {
            return Err(too_big(name, self.limit));
        }
        // The declared size sizes the buffer, but never beyond the budget.
        let mut buf = Vec::with_capacity(declared as usize);
        (&mut file).take(budget + 1).read_to_end(&mut buf).map_err(|e| Error::BadDocx(format!("{name}: {e}")))?;
        if buf.len() as u64 > budget {
            return Err(too_big(name, self.limit));
        }
        self.budget -= buf.len() as u64;
        Ok(Some(buf))
    }

    /// The relationships of `part` (from `dir/_rels/name.rels`); empty when
    /// the part has none.
    pub(super) fn rels(&mut self, part: &str) -> Result<Rels> {
        let (dir, file) = split(part);
        let name = format!("{dir}_rels/{file}.rels");
        match self.read(&name)? {
            Some(xml) => Rels::parse(&xml, dir).map_err(|e| Error::BadDocx(format!("{name}: {e}"))),
            None => Ok(Rels::default()),
        }
    }
}

fn too_big(name: &str, limit: u64) -> Error {
    Error::BadDocx(format!("{name}: uncompressed parts exceed the limit of {limit} bytes (zip bomb?)"))
}

fn zip_error(name: &str, e: ZipError) -> Error {
    match e {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => Error::Encrypted,
        ZipError::CompressionMethodNotSupported(m) => {
            Error::BadDocx(format!("{name}: unsupported zip compression method {m}"))
        }
        e => Error::BadDocx(format!("{name}: {e}")),
    }
}

/// Part bytes as UTF-8 text: XML parts are UTF-8 or UTF-16 with a byte
/// order mark. Invalid UTF-8 becomes U+FFFD rather than an error, so one bad
/// byte does not cost the document.
fn decode(mut buf: Vec<u8>) -> String {
    if buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF]) {
        let enc = if buf[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (text, _) = enc.decode_with_bom_removal(&buf);
        return text.into_owned();
    }
    if buf.starts_with(b"\xEF\xBB\xBF") {
        buf.drain(..3);
    }
    match String::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// `("word/", "document.xml")` for `word/document.xml`.
fn split(part: &str) -> (&str, &str) {
    match part.rfind('/') {
        Some(i) => (&part[..=i], &part[i + 1..]),
        None => ("", part),
    }
}

/// Resolves a relationship target against the directory of its source
/// part: `../x`, `./x` and absolute `/x` targets become zip entry names.
pub(super) fn resolve(dir: &str, target: &str) -> String {
    let joined: Cow<str> = match target.strip_prefix('/') {
        Some(abs) => Cow::Borrowed(abs),
        None => Cow::Owned(format!("{dir}{target}")),
    };
    let mut segs: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

/// One relationship of a part.
#[derive(Clone, Debug)]
pub(super) struct Rel {
    pub id: String,
    /// The relationship type URI.
    pub kind: String,
    /// A zip entry name for internal targets, the target as written (a URL)
    /// for external ones.
    pub target: String,
    pub external: bool,
}

impl Rel {
    /// Whether the type URI ends in `/suffix` (transitional and strict
    /// OOXML differ only in the prefix).
    pub(super) fn is(&self, suffix: &str) -> bool {
        self.kind.strip_suffix(suffix).is_some_and(|k| k.ends_with('/'))
    }
}

/// The relationships of one part, in document order, indexed by id (a
/// document can have many thousands of hyperlinks: lookups must not scan).
#[derive(Clone, Debug, Default)]
pub(super) struct Rels {
    list: Vec<Rel>,
    by_id: HashMap<String, usize>,
}

impl Rels {
    pub(super) fn parse(xml: &str, dir: &str) -> std::result::Result<Rels, String> {
        let mut reader = xml::reader(xml);
        let mut names = xml::Names::default();
        let mut rels = Vec::new();
        let mut depth = 0usize;
        loop {
            let ev = reader.read_event().map_err(|e| xml::describe(&e))?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    names.open(e);
                    let (ns, local) = names.element(e);
                    if matches!(ev, Event::Start(_)) {
                        depth += 1;
                    } else {
                        names.close();
                    }
                    if ns != Ns::Rels || local != "Relationship" {
                        continue;
                    }
                    let (mut id, mut kind, mut target, mut external) = (None, None, None, false);
                    for (key, value) in xml::attrs(e) {
                        match key {
                            "Id" => id = Some(value.into_owned()),
                            "Type" => kind = Some(value.into_owned()),
                            "Target" => target = Some(value.into_owned()),
                            "TargetMode" => external = value.eq_ignore_ascii_case("external"),
                            _ => {}
                        }
                    }
                    if let (Some(id), Some(kind), Some(target)) = (id, kind, target) {
                        let target = if external { target } else { resolve(dir, &target) };
                        rels.push(Rel { id, kind, target, external });
                    }
                }
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    names.close();
                }
                Event::DocType(_) => return Err(xml::DOCTYPE.into()),
                Event::Eof if depth > 0 => return Err("truncated XML".into()),
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Rels::new(rels))
    }

    pub(super) fn new(list: Vec<Rel>) -> Rels {
        let mut by_id = HashMap::with_capacity(list.len());
        for (i, r) in list.iter().enumerate() {
            // Duplicate ids: the first one wins.
            by_id.entry(r.id.clone()).or_insert(i);
        }
        Rels { list, by_id }
    }

    pub(super) fn get(&self, id: &str) -> Option<&Rel> {
        self.by_id.get(id).map(|&i| &self.list[i])
    }

    /// The first relationship of a type (by suffix, see [`Rel::is`]).
    pub(super) fn first(&self, suffix: &str) -> Option<&Rel> {
        self.list.iter().find(|r| r.is(suffix))
    }

    pub(super) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_directory() {
        assert_eq!(resolve("word/", "footer1.xml"), "word/footer1.xml");
        assert_eq!(resolve("word/", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve("word/", "/word/htmlDoc.html"), "word/htmlDoc.html");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word/", "./../../../x.xml"), "x.xml");
    }

    #[test]
    fn rels_parse_internal_and_external_targets() {
        let xml = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:a@b.org?subject=x&amp;y" TargetMode="External"/>
            </Relationships>"#;
        let rels = Rels::parse(xml, "word/").unwrap();
        let f = rels.get("rId1").unwrap();
        assert!(f.is("footer") && !f.is("oter") && !f.external);
        assert_eq!(f.target, "word/footer1.xml");
        let h = rels.get("rId2").unwrap();
        assert!(h.external && h.is("hyperlink"));
        assert_eq!(h.target, "mailto:a@b.org?subject=x&y");
        assert!(Rels::parse(&xml[..xml.len() - 20], "").is_err());
    }

    #[test]
    fn decode_handles_boms_and_bad_utf8() {
        assert_eq!(decode(b"\xEF\xBB\xBF<a/>".to_vec()), "<a/>");
        assert_eq!(decode(b"\xFF\xFE<\0a\0/\0>\0".to_vec()), "<a/>");
        assert_eq!(decode(b"<a>\xFF</a>".to_vec()), "<a>\u{FFFD}</a>");
    }
}
