//! Mentions: the extractors and the values they produce.
//!
//! Every extractor implements [`Extractor`]: it is built once (regexes,
//! automata and tables compiled up front), then called per document with a
//! [`Context`] (text, shared tokens, segments, language, anchor date,
//! region) and appends [`Mention`]s. Extractors never fail and never panic
//! on odd text: they find fewer mentions. They run in the order of
//! [`Extractors::standard`]; an extractor that needs earlier mentions
//! declares their kinds ([`Extractor::reads`]: NER reads e-mails, URLs and
//! phones, the address extractor reads LOC) and receives just those,
//! read-only; the order is checked against the declarations.
//!
//! Extractors may produce overlapping candidates; deciding between them is
//! not their job but `resolve`'s.

pub mod address;
pub mod date;
pub mod dec;
pub mod email;
pub mod lexicon;
pub mod money;
pub mod ner;
pub mod number;
pub mod phone;
pub mod places;
pub mod url;

use crate::document::{Lang, Link};
use crate::segment::Segments;
use crate::span::Span;
use crate::token::Token;
use jiff::civil::Date;
use serde::{Serialize, Serializer};
use std::sync::OnceLock;

/// Entity type, as written in `entities[].type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Kind {
    Date,
    Money,
    Phone,
    Email,
    Url,
    Org,
    Loc,
    Per,
    Address,
}

impl Kind {
    pub const ALL: [Kind; 9] =
        [Kind::Date, Kind::Money, Kind::Phone, Kind::Email, Kind::Url, Kind::Org, Kind::Loc, Kind::Per, Kind::Address];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Date => "DATE",
            Kind::Money => "MONEY",
            Kind::Phone => "PHONE",
            Kind::Email => "EMAIL",
            Kind::Url => "URL",
            Kind::Org => "ORG",
            Kind::Loc => "LOC",
            Kind::Per => "PER",
            Kind::Address => "ADDRESS",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(s))
    }
}

/// One mention found in a document: a byte span, its type and its
/// normalized value. `rule` names the rule that found it (for debugging
/// and the `rule` key of the record).
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub kind: Kind,
    pub span: Span,
    pub value: Value,
    pub rule: &'static str,
    /// 0.0–1.0; the resolver prefers higher confidence among equals.
    pub confidence: f32,
}

impl Mention {
    pub fn new(kind: Kind, span: Span, value: Value, rule: &'static str) -> Mention {
        Mention { kind, span, value, rule, confidence: 1.0 }
    }
}

/// The normalized value of a mention, serialized as the `value` object of
/// the record.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Date(DateValue),
    Money(MoneyValue),
    Phone(PhoneValue),
    Email(EmailValue),
    Url(UrlValue),
    Org(OrgValue),
    Loc(LocValue),
    Per(PerValue),
    Address(AddressValue),
}

/// Grain of a DATE value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// `{iso, gte, lte, grain}` (+ `relative` when the expression is relative
/// to the release/reference date).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct DateValue {
    pub iso: Option<String>,
    pub gte: Option<String>,
    pub lte: Option<String>,
    pub grain: Grain,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub relative: bool,
}

/// Qualifier of a money amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Approx,
    Over,
    Under,
    UpTo,
    From,
}

/// `{amount, currency, qualifier}`, with `min`/`max` for ranges.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoneyValue {
    #[serde(serialize_with = "number")]
    pub amount: Option<f64>,
    pub currency: Option<&'static str>,
    pub qualifier: Option<Qualifier>,
    #[serde(serialize_with = "number", skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(serialize_with = "number", skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// Whole amounts as JSON integers (`40800000`, not `40800000.0`).
fn number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match *v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(x as i64),
        Some(x) if x.is_finite() => s.serialize_f64(x),
        _ => s.serialize_none(),
    }
}

/// Kind of a phone number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhoneKind {
    Phone,
    Fax,
    Mobile,
    Tollfree,
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct PhoneValue {
    pub e164: String,
    pub kind: PhoneKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct EmailValue {
    pub address: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct UrlValue {
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct OrgValue {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
}

/// Kind of a location.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LocKind {
    Country,
    Region,
    City,
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct LocValue {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<LocKind>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct PerValue {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct AddressValue {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// Everything an extractor may read about the document.
pub struct Context<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub segments: &'a Segments,
    pub lang: Lang,
    /// The release date, else the user's reference date: the anchor for
    /// relative and year-less dates. `None`: relative dates stay unresolved.
    pub anchor: Option<Date>,
    /// Default region for national phone numbers (ISO 3166-1 alpha-2).
    pub region: &'a str,
    /// Hyperlinks of a DOCX document (visible text span + target).
    pub links: &'a [Link],
    /// The DATE/MONEY trigger scan, filled on first use by
    /// [`Context::triggers`]; build it with `Default::default()`.
    pub trigger_scan: OnceLock<lexicon::Triggers>,
}

impl Context<'_> {
    /// The words that can start a date or an amount: scanned once per
    /// document, on first use, and shared by the DATE and MONEY
    /// extractors (one lookup per word token instead of two).
    pub fn triggers(&self) -> &lexicon::Triggers {
        self.trigger_scan.get_or_init(|| lexicon::Lexicon::get().scan(self.text, self.tokens))
    }
}

/// One extractor. Implementations are built once and shared by all
/// threads.
///
/// The inputs of an extractor are explicit: besides the [`Context`] it
/// sees only the earlier mentions of the kinds it [`reads`](Extractor::reads),
/// read-only, and [`Extractors`] checks that an extractor producing each
/// of those kinds runs before it.
pub trait Extractor: Send + Sync {
    /// Short name, used in profiles ("date", "money", …).
    fn name(&self) -> &'static str;
    /// The kinds of mention this extractor appends.
    fn produces(&self) -> &'static [Kind];
    /// The kinds of earlier mention this extractor needs (none by default).
    fn reads(&self) -> &'static [Kind] {
        &[]
    }
    /// Appends the mentions found in `ctx` to `out`. `earlier` holds the
    /// mentions of the kinds in [`reads`](Extractor::reads) found by the
    /// extractors that ran before this one (in no particular order).
    fn extract(&self, ctx: &Context, earlier: &[Mention], out: &mut Vec<Mention>);
}

/// The extractors, in the order they run, and which of them emit their
/// mentions (an extractor kept only because another one reads its kinds
/// does not).
pub struct Extractors {
    pub list: Vec<Box<dyn Extractor>>,
    emit: Vec<bool>,
}

impl Extractors {
    /// Every extractor, in dependency order.
    pub fn standard() -> Extractors {
        Extractors::new(vec![
            Box::new(email::EmailExtractor::new()),
            Box::new(url::UrlExtractor::new()),
            Box::new(phone::PhoneExtractor::new()),
            Box::new(date::DateExtractor::new()),
            Box::new(money::MoneyExtractor::new()),
            Box::new(ner::NerExtractor::new()),
            Box::new(address::AddressExtractor::new()),
        ])
    }

    /// `list`, in this order, every extractor emitting.
    ///
    /// # Panics
    /// When an extractor reads a kind that no earlier extractor produces:
    /// a wrong order is a programming error, found by the first test.
    pub fn new(list: Vec<Box<dyn Extractor>>) -> Extractors {
        for (i, e) in list.iter().enumerate() {
            for k in e.reads() {
                assert!(
                    list[..i].iter().any(|p| p.produces().contains(k)),
                    "extractor {} reads {} but no earlier extractor produces it",
                    e.name(),
                    k.as_str()
                );
            }
        }
        let emit = vec![true; list.len()];
        Extractors { list, emit }
    }

    /// The extractors whose names are in `names`, plus (without emitting
    /// their mentions) those producing what the named ones read.
    pub fn only(names: &[&str]) -> Extractors {
        let all = Extractors::standard();
        let mut keep: Vec<bool> = all.list.iter().map(|e| names.contains(&e.name())).collect();
        let emit = keep.clone();
        // Dependencies run earlier, so one backward pass closes the set.
        for i in (0..all.list.len()).rev() {
            if keep[i] {
                for k in all.list[i].reads() {
                    for (j, p) in all.list[..i].iter().enumerate() {
                        keep[j] |= p.produces().contains(k);
                    }
                }
            }
        }
        let mut list = Vec::new();
        let mut emits = Vec::new();
        for ((e, k), m) in all.list.into_iter().zip(keep).zip(emit) {
            if k {
                list.push(e);
                emits.push(m);
            }
        }
        Extractors { list, emit: emits }
    }

    /// Runs every extractor in order; the result is unsorted and may hold
    /// overlapping candidates (see `resolve`).
    pub fn run(&self, ctx: &Context) -> Vec<Mention> {
        self.run_profiled(ctx, None)
    }

    /// [`Extractors::run`], adding each extractor's time to `profile`.
    pub fn run_profiled(&self, ctx: &Context, profile: Option<&crate::profile::Profile>) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        // The mentions of extractors that run only as another's input.
        let mut hidden = Vec::new();
        for (e, &emit) in self.list.iter().zip(&self.emit) {
            let reads = e.reads();
            let earlier: Vec<Mention> = if reads.is_empty() {
                Vec::new()
            } else {
                out.iter().chain(&hidden).filter(|m| reads.contains(&m.kind)).cloned().collect()
            };
            let mut found = Vec::new();
            match profile {
                None => e.extract(ctx, &earlier, &mut found),
                Some(p) => p.time(e.name(), || e.extract(ctx, &earlier, &mut found)),
            }
            if emit { out.append(&mut found) } else { hidden.append(&mut found) }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_order_satisfies_every_declared_input() {
        // `Extractors::new` panics when an extractor reads a kind no
        // earlier one produces.
        let all = Extractors::standard();
        assert!(all.emit.iter().all(|&e| e));
        let names: Vec<_> = all.list.iter().map(|e| e.name()).collect();
        assert_eq!(names, ["email", "url", "phone", "date", "money", "ner", "address"]);
    }

    #[test]
    fn only_keeps_the_inputs_of_what_it_runs_without_emitting_them() {
        let ner = Extractors::only(&["ner"]);
        let names: Vec<_> = ner.list.iter().map(|e| e.name()).collect();
        assert_eq!(names, ["email", "url", "phone", "ner"]);
        assert_eq!(ner.emit, [false, false, false, true]);
        let address = Extractors::only(&["address", "date"]);
        let names: Vec<_> = address.list.iter().map(|e| e.name()).collect();
        assert_eq!(names, ["email", "url", "phone", "date", "ner", "address"]);
        assert_eq!(address.emit, [false, false, false, true, false, true]);
    }

    #[test]
    #[should_panic(expected = "reads LOC")]
    fn a_reader_before_its_producer_is_refused() {
        Extractors::new(vec![Box::new(address::AddressExtractor::new()), Box::new(ner::NerExtractor::new())]);
    }
}
