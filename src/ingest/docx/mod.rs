//! DOCX reader: bytes of a WordprocessingML package → plain text with
//! blocks (paragraph bounds), hyperlinks and the core-property hints.
//!
//! Our own zip + quick-xml reader (see DESIGN.md, "Why not docx-rs?"): it
//! inflates only the parts that hold text (main document, referenced
//! headers and footers, footnotes, endnotes, their relationships, core
//! properties), streams each once, and is safe on hostile input: a byte
//! budget on inflated XML (zip bombs), no DTDs (entity bombs), truncated or
//! malformed XML is an error, no recursion, and a panic is caught and
//! becomes this document's error.
//!
//! The rendering (how parts, paragraphs, rows and cells are joined) is
//! specified in DESIGN.md, "DOCX rendering": every offset refers to it.
//! Imported `w:altChunk` parts are rendered when they are HTML, MHTML or
//! plain text (`html`). Not rendered: comments, list numbers, images and
//! their alternative text, charts, SmartArt, equations, embedded objects,
//! RTF and DOCX chunks, the glossary document.

mod html;
mod package;
mod props;
mod wml;
mod xml;

use crate::document::{Block, Link};
use crate::error::{Error, Result};
use crate::ingest::Limits;
use jiff::civil::Date;
use package::{Package, Rels};
use std::collections::HashSet;
use wml::{Kind, Out, PartError};

/// First bytes of an OLE2 compound file: what an encrypted DOCX is.
pub const OLE2_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// A DOCX package rendered as text.
#[derive(Debug, Default)]
pub struct Rendered {
    pub text: String,
    /// One per non-blank paragraph, in text order (see DESIGN.md).
    pub blocks: Vec<Block>,
    /// Hyperlinks with a target outside the document, in text order of
    /// their part.
    pub links: Vec<Link>,
    /// `dc:title` of the core properties.
    pub title: Option<String>,
    /// `dcterms:created` of the core properties (date part).
    pub created: Option<Date>,
}

/// Renders a DOCX package. Errors: `Encrypted` (a password-protected
/// document: OLE2 container with an encrypted package), `NotDocx` (another
/// kind of file: a legacy .doc, a spreadsheet, a zip without a Word
/// document), `BadDocx` (damaged zip or XML, inflated parts over
/// `limits.max_docx_xml`), `Internal` (a bug: the reader panicked).
pub fn render(bytes: &[u8], limits: &Limits) -> Result<Rendered> {
    if bytes.starts_with(OLE2_MAGIC) {
        return Err(ole2(bytes));
    }
    match std::panic::catch_unwind(|| render_package(bytes, limits)) {
        Ok(r) => r,
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Error::Internal(format!("DOCX reader panicked: {why}")))
        }
    }
}

/// An OLE2 compound file: Office stores an encrypted OOXML package as an
/// `EncryptedPackage` stream inside one; anything else is a legacy binary
/// document (e.g. a .doc renamed .docx).
fn ole2(bytes: &[u8]) -> Error {
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    if memchr::memmem::find(bytes, &name).is_some() {
        Error::Encrypted
    } else {
        Error::NotDocx("an OLE2 compound file (a legacy .doc?), not an Office Open XML package".into())
    }
}

fn render_package(bytes: &[u8], limits: &Limits) -> Result<Rendered> {
    let mut pkg = Package::open(bytes, limits.max_docx_xml)?;
    let root_rels = pkg.rels("")?;
    let main = main_part(&mut pkg, &root_rels)?;
    let main_rels = pkg.rels(&main)?;
    let (body, refs) = render_part(&mut pkg, &main, Kind::Main, &main_rels)?;

    // Headers and footers in the order the sections reference them; a part
    // referenced by several sections, or two parts with the same text,
    // appear once.
    // (Sets, not scans: a hostile document can reference 10^5 parts.)
    let (mut headers, mut footers): (Vec<Out>, Vec<Out>) = (Vec::new(), Vec::new());
    let mut done: HashSet<&str> = HashSet::new();
    let mut texts: HashSet<(bool, String)> = HashSet::new();
    for r in &refs {
        let Some(rel) = main_rels.get(&r.rid).filter(|rel| !rel.external) else { continue };
        if !done.insert(&rel.target) {
            continue;
        }
        let (kind, list) = if r.footer { (Kind::Footer, &mut footers) } else { (Kind::Header, &mut headers) };
        let rels = pkg.rels(&rel.target)?;
        let (out, _) = render_part(&mut pkg, &rel.target, kind, &rels)?;
        if !out.is_blank() && texts.insert((r.footer, out.text.clone())) {
            list.push(out);
        }
    }

    let footnotes = notes(&mut pkg, &main_rels, "footnotes", Kind::Footnotes)?;
    let endnotes = notes(&mut pkg, &main_rels, "endnotes", Kind::Endnotes)?;

    // Core properties are hints: a missing or broken part costs nothing.
    let core = root_rels.first("core-properties").map(|r| r.target.as_str()).unwrap_or("docProps/core.xml");
    let props = match pkg.read(core) {
        Ok(Some(xml)) => props::parse(&xml),
        _ => props::Props::default(),
    };

    let mut out = Out::default();
    let parts = headers.into_iter().chain([body]).chain(footnotes).chain(endnotes).chain(footers);
    for part in parts {
        if part.is_blank() {
            continue;
        }
        if !out.text.is_empty() {
            out.text.push_str("\n\n");
        }
        out.append(part);
    }
    Ok(Rendered { text: out.text, blocks: out.blocks, links: out.links, title: props.title, created: props.created })
}

/// The main document part: the package's `officeDocument` relationship,
/// else `word/document.xml`.
fn main_part(pkg: &mut Package<'_>, root_rels: &Rels) -> Result<String> {
    if let Some(rel) = root_rels.first("officeDocument").filter(|r| !r.external && pkg.has(&r.target)) {
        return Ok(rel.target.clone());
    }
    let fallback = "word/document.xml";
    if pkg.has(fallback) {
        return Ok(fallback.into());
    }
    Err(Error::NotDocx(format!("no word/document.xml in the zip archive{}", what_else(pkg, None))))
}

/// A guess at what a zip that is not a DOCX is, for the error message.
fn what_else(pkg: &mut Package<'_>, main: Option<&str>) -> &'static str {
    let is = |p: &str| main.is_some_and(|m| m.starts_with(p));
    if is("xl/") || pkg.has("xl/workbook.xml") {
        " (an Excel workbook?)"
    } else if is("ppt/") || pkg.has("ppt/presentation.xml") {
        " (a PowerPoint presentation?)"
    } else if pkg.has("content.xml") && pkg.has("mimetype") {
        " (an OpenDocument file?)"
    } else {
        ""
    }
}

fn render_part(pkg: &mut Package<'_>, name: &str, kind: Kind, rels: &Rels) -> Result<(Out, Vec<wml::HdrFtrRef>)> {
    let Some(xml) = pkg.read(name)? else {
        return Ok((Out::default(), Vec::new()));
    };
    // Imported chunks are read when the renderer meets them; a package
    // error while reading one (a zip bomb) is this document's error.
    let mut failed = None;
    let mut chunks = |rid: &str, part| {
        let rel = rels.get(rid).filter(|r| !r.external && r.is("aFChunk"))?;
        match pkg.read_bytes(&rel.target) {
            Ok(bytes) => html::render_chunk(&rel.target, &bytes?, part),
            Err(e) => {
                failed.get_or_insert(e);
                None
            }
        }
    };
    let rendered = wml::render(&xml, kind, rels, &mut chunks);
    if let Some(e) = failed {
        return Err(e);
    }
    rendered.map_err(|e| match e {
        PartError::Bad(why) => Error::BadDocx(format!("{name}: {why}")),
        PartError::NotWml(root) if kind == Kind::Main => {
            Error::NotDocx(format!("{name} is a <{root}>, not a Word document{}", what_else(pkg, Some(name))))
        }
        PartError::NotWml(root) => Error::BadDocx(format!("{name}: unexpected root element <{root}>")),
    })
}

/// The footnotes or endnotes part: by relationship, or by its usual name
/// when the main part has no relationships at all.
fn notes(pkg: &mut Package<'_>, main_rels: &Rels, rel: &str, kind: Kind) -> Result<Option<Out>> {
    let name = match main_rels.first(rel) {
        Some(r) if !r.external => r.target.clone(),
        Some(_) => return Ok(None),
        None if main_rels.is_empty() => format!("word/{rel}.xml"),
        None => return Ok(None),
    };
    if !pkg.has(&name) {
        return Ok(None);
    }
    let rels = pkg.rels(&name)?;
    Ok(Some(render_part(pkg, &name, kind, &rels)?.0))
}

#[cfg(test)]
mod tests;
