//! `Document`: one input after ingest, the value every later stage reads.
//!
//! A document is its id, where it came from (`Source`), the plain text that
//! every offset refers to, and `Hints`: what the input format or the user
//! told us beyond the text (DOCX core properties, paragraph blocks and
//! hyperlink targets, `--lang`, `--reference-date`, `--region`). It holds no
//! analysis results: segments and mentions are computed from it, never
//! stored back into it.

use crate::span::Span;
use jiff::civil::Date;
use serde::Serialize;

/// Input format, as named in `source.format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Docx,
    Jsonl,
}

/// Provenance of a document (`source` in the record).
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub path: String,
    pub format: Format,
    pub encoding: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Document language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ru,
    En,
    Und,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
            Lang::Und => "und",
        }
    }

    /// Parses `ru`, `en`, `und` (case-insensitive); `auto` and anything
    /// else give `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "ru" | "rus" | "russian" => Some(Lang::Ru),
            "en" | "eng" | "english" => Some(Lang::En),
            "und" => Some(Lang::Und),
            _ => None,
        }
    }
}

/// Which part of a DOCX package a block of rendered text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Body,
    Table,
    TextBox,
    Header,
    Footer,
    Footnote,
    Endnote,
}

/// One rendered block of a structured input (a DOCX paragraph or table
/// row): segmentation uses these as paragraph bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub part: Part,
}

/// A hyperlink: the span of its visible text and its target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub span: Span,
    pub target: String,
}

/// What the input or the user says about a document beyond its text.
#[derive(Clone, Debug, Default)]
pub struct Hints {
    /// `--lang` or the JSONL `lang`: wins over detection.
    pub lang: Option<Lang>,
    /// `--reference-date` or the JSONL `reference_date`: the anchor for
    /// relative dates when the text has no release date.
    pub reference_date: Option<Date>,
    /// `--region` or the JSONL `region` (ISO 3166-1 alpha-2, upper case).
    pub region: Option<String>,
    /// DOCX core property `dc:title`.
    pub title: Option<String>,
    /// DOCX core property `dcterms:created` (date part).
    pub created: Option<Date>,
    /// DOCX rendering blocks in text order; empty for plain text.
    pub blocks: Vec<Block>,
    /// DOCX hyperlinks in text order; empty for plain text.
    pub links: Vec<Link>,
}

/// One input document, decoded.
#[derive(Clone, Debug)]
pub struct Document {
    pub id: String,
    pub source: Source,
    pub text: String,
    pub hints: Hints,
}
