//! Segments: zones, paragraphs and sentences of a document, plus the
//! release title, dateline and location found in its header.
//!
//! [`segment`] runs three steps, each in its own module:
//!
//! 1. `paragraphs`: blank lines, DOCX blocks, and line breaks that are not
//!    wraps split the text into paragraphs;
//! 2. `zones` (with `dateline`): each paragraph gets a zone kind; the
//!    header gives the title and the dateline; a wire dateline opening the
//!    lead becomes its own paragraph;
//! 3. `sentences`: UAX #29 sentence bounds inside each paragraph, corrected
//!    for abbreviations, initials and line wraps (`data/abbrev/`).
//!
//! Consecutive paragraphs of one kind form one zone (the lead is always a
//! zone of its own), so zones never overlap, follow document order, and
//! every paragraph lies in exactly one zone; every sentence lies in one
//! paragraph. Nothing here parses dates (the dateline's date is a span,
//! read by the date extractor) or names (the place is only re-cased).
//! Every step is linear in the text.

mod dateline;
mod paragraphs;
mod sentences;
mod zones;

use crate::document::{Hints, Lang};
use crate::span::Span;
use serde::Serialize;

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
///
/// `span` is the first dateline zone. In the layout with a date header and
/// a wire place opening the lead ("Thursday, April 12, 2018" … "WASHINGTON
/// The Department…") there are two dateline zones: `date` lies in the
/// first and `place` in the second.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    pub span: Span,
    /// The date expression (weekday included, "13 сентября 2017 г."); its
    /// value is parsed by the date extractor.
    pub date: Option<Span>,
    /// The city part of the place ("WASHINGTON" in "WASHINGTON, D.C.").
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

/// Segments `text`. `hints.blocks` (DOCX) gives paragraph bounds and the
/// part each block came from; `hints.title` (DOCX core title) picks the
/// title paragraph when one matches it. The language is not needed: both
/// abbreviation lists apply to every text.
pub fn segment(text: &str, hints: &Hints, _lang: Lang) -> Segments {
    let paras = paragraphs::split(text, &hints.blocks);
    let layout = zones::classify(text, &paras, hints);
    let mut seg = Segments {
        zones: Vec::new(),
        paragraphs: Vec::with_capacity(layout.paras.len()),
        sentences: Vec::new(),
        title: layout.title,
        dateline: layout.dateline,
        location: layout.location,
    };
    let mut spans = Vec::new();
    for (span, kind) in layout.paras {
        let extend = seg.zones.last().is_some_and(|z| z.kind == kind && kind != ZoneKind::Lead);
        if extend {
            if let Some(z) = seg.zones.last_mut() {
                z.span.end = span.end;
            }
        } else {
            seg.zones.push(Zone { kind, span });
        }
        let pi = seg.paragraphs.len();
        seg.paragraphs.push(Paragraph { span, zone: seg.zones.len() - 1 });
        spans.clear();
        if kind == ZoneKind::Dateline {
            // "МОСКВА, 12 марта. /ТАСС/." is one unit, not two sentences.
            spans.push(span);
        } else {
            sentences::split(text, span, &mut spans);
        }
        seg.sentences.extend(spans.iter().map(|&s| Sentence { span: s, paragraph: pi }));
    }
    seg
}

impl Segments {
    /// A readable rendering, one line per zone, paragraph and sentence,
    /// for snapshot tests and debugging:
    ///
    /// ```text
    /// title: В Бишкеке обсуждают …
    /// dateline: Бишкек, 13 сентября 2017 | date: 13 сентября 2017 | place: Бишкек
    /// location: Бишкек
    ///
    /// [title]
    ///   ¶ В Бишкеке обсуждают …
    /// [lead]
    ///   ¶
    ///     · Европейский Союз продолжает …
    ///     · 13 сентября в Бишкеке …
    /// ```
    ///
    /// A paragraph that is one sentence is shown on its own line. Line
    /// breaks inside a paragraph show as "⏎", tabs as "⇥". With `width`,
    /// longer texts keep their first and last characters around " … ".
    pub fn render(&self, text: &str, width: Option<usize>) -> String {
        use std::fmt::Write;
        let show = |s: &str| -> String {
            let flat: String = s
                .chars()
                .map(|c| match c {
                    '\n' => '⏎',
                    '\r' => '␍',
                    '\t' => '⇥',
                    c => c,
                })
                .collect();
            let n = flat.chars().count();
            match width {
                Some(w) if n > w && w >= 20 => {
                    let head: String = flat.chars().take(w * 3 / 5).collect();
                    let tail: String = flat.chars().skip(n - (w * 2 / 5)).collect();
                    format!("{head} … {tail}")
                }
                _ => flat,
            }
        };
        let mut out = String::new();
        let _ = writeln!(out, "title: {}", self.title.as_deref().unwrap_or("-"));
        match &self.dateline {
            Some(d) => {
                let _ = writeln!(
                    out,
                    "dateline: {} | date: {} | place: {}",
                    show(d.span.of(text)),
                    d.date.map_or("-".into(), |s| show(s.of(text))),
                    d.place.map_or("-".into(), |s| show(s.of(text))),
                );
            }
            None => out.push_str("dateline: -\n"),
        }
        let _ = writeln!(out, "location: {}\n", self.location.as_deref().unwrap_or("-"));
        let mut si = 0;
        for (zi, z) in self.zones.iter().enumerate() {
            let _ = writeln!(out, "[{}]", z.kind.as_str());
            for (pi, p) in self.paragraphs.iter().enumerate().filter(|(_, p)| p.zone == zi) {
                let start = si;
                while si < self.sentences.len() && self.sentences[si].paragraph == pi {
                    si += 1;
                }
                let sents = &self.sentences[start..si];
                if sents.len() == 1 && sents[0].span == p.span {
                    let _ = writeln!(out, "  ¶ {}", show(p.span.of(text)));
                } else {
                    out.push_str("  ¶\n");
                    for s in sents {
                        let _ = writeln!(out, "    · {}", show(s.span.of(text)));
                    }
                }
            }
        }
        out
    }
}
