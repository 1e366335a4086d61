//! Ingest: input bytes → [`Document`].
//!
//! Reads a file (or stdin, or one JSONL line), checks the size limit, picks
//! the reader by extension and content (`.docx` and zip magic → DOCX, else
//! plain text), and fills `source` (path, format, encoding, size, SHA-256).
//! Every failure is an [`Error`] value for that one input.
//!
//! It does not analyse the text (language, segments and mentions come
//! later) and never walks directories: that is `corpus`.

pub mod docx;
pub mod text;

use crate::document::{Document, Format, Hints, Lang, Source};
use crate::error::{Error, Result};
use jiff::civil::Date;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// Resource limits for one input.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_bytes: u64,
    /// Largest total uncompressed size of the XML parts read from one DOCX.
    pub max_docx_xml: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_bytes: 256 << 20, max_docx_xml: 256 << 20 }
    }
}

/// Reads and decodes one file. `id` and `shown` (the path as the user sees
/// it, for `source.path`) come from the caller.
pub fn read_file(path: &Path, id: String, shown: String, limits: &Limits, hints: Hints) -> Result<Document> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(Error::Io(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
    }
    if meta.len() > limits.max_bytes {
        return Err(Error::TooLarge { bytes: meta.len(), limit: limits.max_bytes });
    }
    let bytes = read_capped(file, limits.max_bytes)?;
    let format = format_of(path, &bytes);
    from_bytes(&bytes, id, shown, format, limits, hints)
}

/// Reads all of `r`, failing once it passes `limit` bytes (a file that
/// grows while we read it, or stdin).
pub fn read_capped(r: impl Read, limit: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    r.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge { bytes: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// DOCX when the name says so or the bytes are a zip or OLE2 container;
/// plain text otherwise.
pub fn format_of(path: &Path, bytes: &[u8]) -> Format {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext == "docx" || (ext != "txt" && (bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(docx::OLE2_MAGIC))) {
        Format::Docx
    } else {
        Format::Txt
    }
}

/// Builds a document from raw bytes in a known format.
pub fn from_bytes(
    bytes: &[u8],
    id: String,
    shown: String,
    format: Format,
    limits: &Limits,
    mut hints: Hints,
) -> Result<Document> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    if bytes.len() as u64 > limits.max_bytes {
        return Err(Error::TooLarge { bytes: bytes.len() as u64, limit: limits.max_bytes });
    }
    let (text, encoding) = match format {
        Format::Docx => {
            let r = docx::render(bytes, limits)?;
            hints.title = hints.title.or(r.title);
            hints.created = hints.created.or(r.created);
            hints.blocks = r.blocks;
            hints.links = r.links;
            if r.text.trim().is_empty() {
                return Err(Error::Empty);
            }
            (r.text, "utf-8")
        }
        Format::Txt | Format::Jsonl => {
            let d = text::decode(bytes)?;
            (d.text, d.encoding)
        }
    };
    let source = Source {
        path: shown,
        format,
        encoding: encoding.to_owned(),
        bytes: bytes.len() as u64,
        sha256: sha256_hex(bytes),
    };
    Ok(Document { id, source, text, hints })
}

/// One line of `--from-jsonl` input: `{"id", "text", "lang"?,
/// "reference_date"?, "region"?}`. `defaults` are the command-line hints,
/// which the line's own keys override.
pub fn from_jsonl_line(line: &str, shown: &str, defaults: &Hints, limits: &Limits) -> Result<Document> {
    #[derive(serde::Deserialize)]
    struct Line {
        id: serde_json::Value,
        text: String,
        #[serde(default)]
        lang: Option<String>,
        #[serde(default)]
        reference_date: Option<String>,
        #[serde(default)]
        region: Option<String>,
    }
    let l: Line = serde_json::from_str(line).map_err(|e| Error::BadJsonl(e.to_string()))?;
    let id = match l.id {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        _ => return Err(Error::BadJsonl("\"id\" must be a string".into())),
    };
    let mut hints = defaults.clone();
    if let Some(lang) = l.lang.as_deref().filter(|s| !s.is_empty() && *s != "auto") {
        hints.lang = Some(Lang::parse(lang).ok_or_else(|| Error::BadJsonl(format!("unknown lang {lang:?}")))?);
    }
    if let Some(d) = l.reference_date {
        hints.reference_date = Some(parse_date(&d).map_err(Error::BadJsonl)?);
    }
    if let Some(r) = l.region {
        hints.region = Some(parse_region(&r).map_err(Error::BadJsonl)?);
    }
    from_text(l.text, id, shown.to_owned(), hints, limits)
}

/// A document from text the caller already holds (a JSONL line's `text`,
/// a Python `str`): no decoding; `source.format` is `jsonl`, as for
/// `--from-jsonl`. Fails only when the text is over the size limit.
pub fn from_text(text: String, id: String, shown: String, hints: Hints, limits: &Limits) -> Result<Document> {
    if text.len() as u64 > limits.max_bytes {
        return Err(Error::TooLarge { bytes: text.len() as u64, limit: limits.max_bytes });
    }
    let source = Source {
        path: shown,
        format: Format::Jsonl,
        encoding: "utf-8".into(),
        bytes: text.len() as u64,
        sha256: sha256_hex(text.as_bytes()),
    };
    Ok(Document { id, source, text, hints })
}

/// `YYYY-MM-DD` (a longer ISO timestamp is cut to its date).
pub fn parse_date(s: &str) -> std::result::Result<Date, String> {
    let day = s.get(..10).unwrap_or(s);
    day.parse::<Date>().map_err(|_| format!("invalid date {s:?} (want YYYY-MM-DD)"))
}

/// An ISO 3166-1 alpha-2 code, upper-cased.
pub fn parse_region(s: &str) -> std::result::Result<String, String> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(s.to_ascii_uppercase())
    } else {
        Err(format!("invalid region {s:?} (want a two-letter country code such as RU or US)"))
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
    }
    s
}
