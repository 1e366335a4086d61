//! Acronyms: all-caps tokens as ORG candidates, and the links that give
//! them a long form.
//!
//! `find` proposes every all-caps Cyrillic or Latin word of 2–10 letters
//! ("ОБСЕ", "ICMPD", "МИДа" with its case ending) that is not a known
//! non-organisation abbreviation (`data/ner/acronym_stop.txt`), not a Roman
//! numeral, not on an all-caps line, and not defined in the text for a law
//! or treaty ("Americans with Disabilities Act (ADA)"). `link` then ties acronyms to long
//! forms written "long form (ACRONYM)" or "ACRONYM (long form)", and an
//! organisation whose gazetteer acronym is the domain of an e-mail address
//! in the document ("…@icmpd.org") gets that acronym. Every mention of a
//! linked acronym then carries the long form as its name.
//!
//! Places written in capitals ("США") are the gazetteer's business: their
//! LOC candidates outscore these.

use super::gazetteer::EntryKind;
use super::{Cand, Doc};
use crate::extract::{Kind, Mention, OrgValue, Value};
use crate::token::flag;
use std::collections::HashMap;

/// The acronym part of a token: all of it when all-caps, or the capitals
/// before a short lower-case case ending ("МИДа" → "МИД").
pub fn acronym_of<'a>(doc: &Doc<'a>, i: usize) -> Option<&'a str> {
    let t = &doc.tokens[i];
    if !t.is_word() || !(t.is(flag::UPPER) || (t.is(flag::TITLE) && t.is(flag::CYR))) {
        return None;
    }
    let w = doc.word(i);
    // Cheap test first: a second capital letter.
    if !t.is(flag::UPPER) && !w.chars().nth(1).is_some_and(char::is_uppercase) {
        return None;
    }
    let caps = w.chars().take_while(|c| c.is_uppercase()).count();
    let total = w.chars().count();
    if t.is(flag::UPPER) {
        return (2..=10).contains(&total).then_some(w);
    }
    // A case ending of 1–3 lower-case letters on a Cyrillic acronym.
    if t.is(flag::CYR) && caps >= 2 && total - caps <= 3 && total > caps {
        let cut = w.char_indices().nth(caps).map_or(w.len(), |(b, _)| b);
        return Some(&w[..cut]);
    }
    None
}

pub fn roman(w: &str) -> bool {
    w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// Words that end the name of a law or treaty: an acronym defined after
/// one ("Americans with Disabilities Act (ADA)") names a document, not an
/// organisation.
const LAW_WORDS: &[&str] = &[
    "Act",
    "Law",
    "Code",
    "Treaty",
    "Convention",
    "Agreement",
    "Accord",
    "Protocol",
    "Directive",
    "Regulation",
    "закон",
    "закона",
    "закону",
    "законом",
    "законе",
    "кодекс",
    "кодекса",
    "договор",
    "договора",
    "конвенция",
    "конвенции",
    "соглашение",
    "соглашения",
    "директива",
    "директивы",
];

pub fn find(doc: &Doc, out: &mut Vec<Cand>) {
    let toks = &doc.tokens;
    // Acronyms the text defines for laws and treaties.
    let mut laws: Vec<&str> = Vec::new();
    for i in 2..toks.len().saturating_sub(1) {
        if toks[i - 1].is_punct(doc.text, '(')
            && toks[i + 1].is_punct(doc.text, ')')
            && toks[i - 2].is_word()
            && LAW_WORDS.contains(&doc.word(i - 2))
            && let Some(a) = acronym_of(doc, i)
        {
            laws.push(a);
        }
    }
    for i in 0..toks.len() {
        let Some(a) = acronym_of(doc, i) else { continue };
        if doc.caps_line[i] || roman(a) || doc.lex.acronym_stop.contains(a) || laws.contains(&a) {
            continue;
        }
        // Glued to digits or hyphens: model numbers, codes ("Ту-154").
        let next_glued = doc.tokens.get(i + 1).is_some_and(|t| t.glued() && (t.is_num() || t.is_punct(doc.text, '-')));
        let prev_glued =
            i > 0 && doc.tokens[i].glued() && (doc.tokens[i - 1].is_num() || doc.tokens[i - 1].is_punct(doc.text, '-'));
        if next_glued || prev_glued {
            continue;
        }
        out.push(Cand {
            kind: Kind::Org,
            start: i,
            end: i + 1,
            value: Value::Org(OrgValue { name: a.to_owned(), acronym: None }),
            score: 0.55,
            rule: "org-acronym",
        });
    }
}

/// Links long forms and acronyms among the kept candidates (in place).
pub fn link(doc: &Doc, kept: &mut [Cand], others: &[Mention]) {
    let mut long: HashMap<String, String> = HashMap::new();
    let n = doc.tokens.len();
    for c in kept.iter_mut() {
        if c.kind != Kind::Org || c.end - c.start < 2 {
            continue;
        }
        // "long form (ACR)"
        let e = c.end;
        if e + 2 < n
            && doc.tokens[e].is_punct(doc.text, '(')
            && doc.tokens[e + 2].is_punct(doc.text, ')')
            && let Some(a) = acronym_of(doc, e + 1).filter(|a| plausible(a, doc, c))
        {
            let a = a.to_owned();
            if let Value::Org(v) = &mut c.value {
                v.acronym = Some(a.clone());
                long.insert(a, v.name.clone());
            }
        }
    }
    // "ACR (long form)"
    for k in 0..kept.len() {
        let c = &kept[k];
        if c.kind != Kind::Org || c.end - c.start < 2 || c.start < 2 {
            continue;
        }
        let s = c.start;
        if doc.tokens[s - 1].is_punct(doc.text, '(')
            && c.end < n
            && doc.tokens[c.end].is_punct(doc.text, ')')
            && let Some(a) = acronym_of(doc, s - 2)
        {
            let a = a.to_owned();
            if let Value::Org(v) = &mut kept[k].value {
                v.acronym = Some(a.clone());
                long.entry(a).or_insert_with(|| v.name.clone());
            }
        }
    }
    // E-mail domains: "@icmpd.org" names the organisation whose
    // gazetteer acronym is ICMPD.
    let domains: Vec<String> = others
        .iter()
        .filter(|m| m.kind == Kind::Email)
        .filter_map(|m| {
            let addr = m.span.of(doc.text);
            let host = addr.rsplit('@').next()?;
            let mut labels: Vec<&str> = host.split('.').collect();
            labels.pop();
            labels.pop().map(|l| l.to_uppercase())
        })
        .collect();
    if !domains.is_empty() {
        for c in kept.iter_mut() {
            if c.kind != Kind::Org {
                continue;
            }
            let Value::Org(v) = &mut c.value else { continue };
            if v.acronym.is_some() {
                continue;
            }
            let gaz_acr = doc.gazetteer.lookup(&v.name).find_map(|e| match e.kind {
                EntryKind::Org { acronym: Some(a) } => Some(a),
                _ => None,
            });
            if let Some(a) = gaz_acr.filter(|a| domains.iter().any(|d| d == a)) {
                v.acronym = Some(a.to_owned());
            }
        }
    }
    if long.is_empty() {
        return;
    }
    // Every mention of a linked acronym, alone or after a head noun
    // ("программы БОМКА"), names the long form.
    for c in kept.iter_mut() {
        if c.kind != Kind::Org || c.end - c.start > 2 {
            continue;
        }
        let Some(a) = acronym_of(doc, c.end - 1) else { continue };
        if let Some(name) = long.get(a) {
            c.value = Value::Org(OrgValue { name: name.clone(), acronym: Some(a.to_owned()) });
        }
    }
}

/// An acronym in brackets after a long form: at least as long as the
/// letters suggest (2+) and not longer than the long form's words × 3.
fn plausible(a: &str, _doc: &Doc, c: &Cand) -> bool {
    let n = a.chars().count();
    n >= 2 && n <= (c.end - c.start) * 3 + 2
}

/// The acronyms linked in `kept`, with their values (for consistency).
pub fn linked(kept: &[Cand]) -> HashMap<String, OrgValue> {
    let mut out = HashMap::new();
    for c in kept {
        if let Value::Org(v) = &c.value
            && let Some(a) = &v.acronym
        {
            out.entry(a.clone()).or_insert_with(|| v.clone());
        }
    }
    out
}
