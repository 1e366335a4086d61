//! Segments: zones, paragraphs and sentences of a document, plus the
//! release title, dateline and location found in its header.
//!
//! (Placeholder: one body zone, paragraphs at blank lines or DOCX blocks,
//! sentences from unicode-segmentation.)

use crate::document::{Hints, Lang};
use crate::span::Span;
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

/// Kind of a zone, as in `zones[].kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ZoneKind {
    Title,
    Subtitle,
    Dateline,
    Lead,
    Body,
    Quote,
    Contact,
    About,
    Footer,
    Other,
}

impl ZoneKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ZoneKind::Title => "title",
            ZoneKind::Subtitle => "subtitle",
            ZoneKind::Dateline => "dateline",
            ZoneKind::Lead => "lead",
            ZoneKind::Body => "body",
            ZoneKind::Quote => "quote",
            ZoneKind::Contact => "contact",
            ZoneKind::About => "about",
            ZoneKind::Footer => "footer",
            ZoneKind::Other => "other",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone {
    pub kind: ZoneKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// Index into `Segments::zones`.
    pub zone: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Segments::paragraphs`.
    pub paragraph: usize,
}

/// The dateline: its span, and inside it the date and the place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    pub span: Span,
    pub date: Option<Span>,
    pub place: Option<Span>,
}

#[derive(Clone, Debug, Default)]
pub struct Segments {
    /// Non-overlapping, in document order; every paragraph lies in one.
    pub zones: Vec<Zone>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// The release headline, cleaned (white space collapsed).
    pub title: Option<String>,
    pub dateline: Option<Dateline>,
    /// The dateline place, normalized (nominative, title case).
    pub location: Option<String>,
}

impl Segments {
    /// The zone a byte offset falls in.
    pub fn zone_at(&self, byte: usize) -> Option<&Zone> {
        let i = self.zones.partition_point(|z| z.span.end <= byte);
        self.zones.get(i).filter(|z| z.span.start <= byte)
    }
}

/// Segments `text`.
pub fn segment(text: &str, _hints: &Hints, _lang: Lang) -> Segments {
    let mut seg = Segments::default();
    let whole = Span::new(0, text.len()).trim(text);
    if whole.is_empty() {
        return seg;
    }
    seg.zones.push(Zone { kind: ZoneKind::Body, span: whole });
    let mut start = 0;
    for (i, _) in text.match_indices("\n\n").chain(std::iter::once((text.len(), ""))) {
        let p = Span::new(start, i).trim(text);
        start = i;
        if p.is_empty() {
            continue;
        }
        let pi = seg.paragraphs.len();
        seg.paragraphs.push(Paragraph { span: p, zone: 0 });
        for (off, s) in p.of(text).split_sentence_bound_indices() {
            let s = Span::new(p.start + off, p.start + off + s.len()).trim(text);
            if !s.is_empty() {
                seg.sentences.push(Sentence { span: s, paragraph: pi });
            }
        }
    }
    seg
}
