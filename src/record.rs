//! Record: the serde types of one output line, i.e. the contract of
//! `spec/record.md` (mirrored by `schemas/record.schema.json`).
//!
//! `Record::build` is the one place where byte spans become code point
//! offsets and where the facet arrays (`organizations`, `dates`, …) are
//! derived from the entities (with `entity_ids` and `value.id` from the
//! gazetteer's id table). It adds nothing the stages did not find.

use crate::contacts::Contact;
use crate::document::{Document, Lang, Source};
use crate::extract::ner::ids;
use crate::extract::ner::model::FACET_THRESHOLD;
use crate::extract::{DateValue, Kind, Mention, MoneyValue, PhoneValue, Value};
use crate::segment::{Segments, ZoneKind};
use crate::span::CharMap;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Serialize)]
pub struct Record<'a> {
    pub id: &'a str,
    pub source: &'a Source,
    pub lang: Lang,
    pub title: Option<String>,
    pub date: Option<String>,
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
    pub zones: Vec<ZoneOut>,
    pub paragraphs: Vec<ParagraphOut>,
    pub sentences: Vec<SentenceOut>,
    pub entities: Vec<EntityOut<'a>>,
    pub organizations: Vec<String>,
    pub locations: Vec<String>,
    pub persons: Vec<String>,
    /// Entity ids of the ORG/LOC values that have one (`value.id`), in
    /// order of first mention: the facet that groups across languages.
    pub entity_ids: Vec<String>,
    pub dates: Vec<DateValue>,
    pub amounts: Vec<MoneyValue>,
    pub emails: Vec<String>,
    pub urls: Vec<String>,
    pub phones: Vec<PhoneValue>,
    pub addresses: Vec<String>,
    pub contacts: Vec<Contact>,
}

#[derive(Serialize)]
pub struct ZoneOut {
    pub kind: ZoneKind,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct ParagraphOut {
    pub start: usize,
    pub end: usize,
    pub zone: usize,
}

#[derive(Serialize)]
pub struct SentenceOut {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

#[derive(Serialize)]
pub struct EntityOut<'a> {
    #[serde(rename = "type")]
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// The value, with `id` when the entity has one.
    #[serde(serialize_with = "value_with_id")]
    pub value: (&'a Value, Option<String>),
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<usize>,
    pub rule: &'static str,
    /// ORG/LOC/PER only: the probability that the span and type are right
    /// (see `extract::ner::model`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
}

/// The value object, with `id` when the entity has one
/// (`extract::ner::ids`).
/// `(value, id)`: the id is computed once per mention, when the record is
/// built, and shared by `entities[]` and `entity_ids`.
fn value_with_id<S: serde::Serializer>(v: &(&Value, Option<String>), s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct WithId<'v> {
        #[serde(flatten)]
        value: &'v Value,
        id: &'v str,
    }
    match &v.1 {
        Some(id) => WithId { value: v.0, id }.serialize(s),
        None => v.0.serialize(s),
    }
}

/// The score a NER mention needs to enter the facets: `FACET_THRESHOLD`,
/// higher for a span only the model proposed (no rule candidate behind it,
/// rule `model`): such spans are where the model, trained on news prose,
/// errs on press-release furniture (list bullets, column labels).
fn facet_threshold(rule: &str) -> f32 {
    if rule == "model" { MODEL_ONLY_FACET_THRESHOLD } else { FACET_THRESHOLD }
}

/// See [`facet_threshold`].
const MODEL_ONLY_FACET_THRESHOLD: f32 = 0.8;

/// What the analysis of one document found, ready to become a record.
pub struct Analysis {
    pub lang: Lang,
    pub segments: Segments,
    pub release_date: Option<jiff::civil::Date>,
    pub mentions: Vec<Mention>,
    pub contacts: Vec<Contact>,
}

impl<'a> Record<'a> {
    pub fn build(doc: &'a Document, a: &'a Analysis, include_text: bool) -> Record<'a> {
        let text = doc.text.as_str();
        let map = CharMap::new(text);
        let seg = &a.segments;
        let zones = seg
            .zones
            .iter()
            .map(|z| {
                let (start, end) = map.span(z.span);
                ZoneOut { kind: z.kind, start, end }
            })
            .collect();
        let paragraphs = seg
            .paragraphs
            .iter()
            .map(|p| {
                let (start, end) = map.span(p.span);
                ParagraphOut { start, end, zone: p.zone }
            })
            .collect();
        let sentences = seg
            .sentences
            .iter()
            .map(|s| {
                let (start, end) = map.span(s.span);
                SentenceOut { start, end, paragraph: s.paragraph }
            })
            .collect();
        let entities = a
            .mentions
            .iter()
            .map(|m| {
                let (start, end) = map.span(m.span);
                let zone = seg.zones.partition_point(|z| z.span.end <= m.span.start);
                let zone = seg.zones.get(zone).filter(|z| z.span.contains(m.span)).map(|_| zone);
                let sent = seg.sentences.partition_point(|s| s.span.end <= m.span.start);
                let sentence = seg.sentences.get(sent).filter(|s| s.span.contains(m.span)).map(|_| sent);
                EntityOut {
                    kind: m.kind,
                    start,
                    end,
                    text: m.span.of(text),
                    value: (
                        &m.value,
                        if matches!(m.kind, Kind::Org | Kind::Loc) { ids::id_of(&m.value) } else { None },
                    ),
                    zone,
                    sentence,
                    rule: m.rule,
                    score: matches!(m.kind, Kind::Org | Kind::Loc | Kind::Per).then_some(score(m.confidence)),
                }
            })
            .collect();

        let mut r = Record {
            id: &doc.id,
            source: &doc.source,
            lang: a.lang,
            title: seg.title.clone(),
            date: a.release_date.map(|d| d.to_string()),
            location: seg.location.clone(),
            text: include_text.then_some(text),
            zones,
            paragraphs,
            sentences,
            entities,
            organizations: Vec::new(),
            locations: Vec::new(),
            persons: Vec::new(),
            entity_ids: Vec::new(),
            dates: Vec::new(),
            amounts: Vec::new(),
            emails: Vec::new(),
            urls: Vec::new(),
            phones: Vec::new(),
            addresses: Vec::new(),
            contacts: a.contacts.clone(),
        };
        r.fill_facets(&a.mentions);
        r
    }

    /// Distinct normalized values per type, in order of first mention;
    /// ORG/LOC/PER only from mentions scored at least
    /// [`FACET_THRESHOLD`].
    fn fill_facets(&mut self, mentions: &[Mention]) {
        let mut seen: HashSet<(Kind, String)> = HashSet::new();
        for (i, m) in mentions.iter().enumerate() {
            // `entity_ids`: the ids of all entities (as `entities[]`
            // shows them); facets keep the confident mentions only.
            if let Some(id) = &self.entities[i].value.1
                && !self.entity_ids.contains(id)
            {
                self.entity_ids.push(id.clone());
            }
            if matches!(m.kind, Kind::Org | Kind::Loc | Kind::Per) && m.confidence < facet_threshold(m.rule) {
                continue;
            }
            let key = match &m.value {
                Value::Org(v) => v.name.clone(),
                Value::Loc(v) => v.name.clone(),
                Value::Per(v) => v.name.clone(),
                Value::Email(v) => v.address.clone(),
                Value::Url(v) => v.url.clone(),
                Value::Address(v) => v.name.clone(),
                Value::Phone(v) => format!("{}|{:?}|{:?}", v.e164, v.kind, v.extension),
                Value::Date(v) => serde_json::to_string(v).unwrap_or_default(),
                Value::Money(v) => serde_json::to_string(v).unwrap_or_default(),
            };
            if !seen.insert((m.kind, key.clone())) {
                continue;
            }
            match &m.value {
                Value::Org(_) => self.organizations.push(key),
                Value::Loc(_) => self.locations.push(key),
                Value::Per(_) => self.persons.push(key),
                Value::Email(_) => self.emails.push(key),
                Value::Url(_) => self.urls.push(key),
                Value::Address(_) => self.addresses.push(key),
                Value::Phone(v) => self.phones.push(v.clone()),
                Value::Date(v) => self.dates.push(v.clone()),
                Value::Money(v) => self.amounts.push(v.clone()),
            }
        }
    }
}

/// A score rounded to 3 decimals (stable output, no float noise).
fn score(x: f32) -> f32 {
    ((x.clamp(0.0, 1.0) * 1000.0).round() / 1000.0).clamp(0.0, 1.0)
}
