//! Document-level consistency: a name found once is found at every
//! mention.
//!
//! After the rules, the kept candidates give keys: a person's surname
//! (and the full name as value: a later "Ташиевой" is "Жанна Ташиева"),
//! single-word organisations and places, and linked acronyms ("БОМКА"
//! introduced as "Программа … (БОМКА)"). Every other capitalized token
//! with a key — compared in lower case, and for Russian also through the
//! nominative of its readings, so inflected forms match — becomes a
//! candidate of the same value, with a lower score than any rule so that
//! it only fills gaps.
//!
//! It does not link different names of one entity (aliases) beyond
//! acronyms.

use super::morph::{self, g};
use super::{Cand, Doc, acronym};
use crate::document::Lang;
use crate::extract::{Kind, Value};
use crate::token::flag;
use std::collections::HashMap;

pub fn spread(doc: &Doc, kept: &mut [Cand]) -> Vec<Cand> {
    let mut keys: HashMap<String, (Kind, Value)> = HashMap::new();
    for c in kept.iter() {
        match c.kind {
            Kind::Per => {
                // The last word of a multi-word name that is not an initial.
                if c.end - c.start < 2 {
                    continue;
                }
                let Value::Per(v) = &c.value else { continue };
                if let Some(last) = v.name.split(' ').next_back().filter(|w| w.chars().count() > 2 && !w.ends_with('.'))
                {
                    keys.entry(last.to_lowercase()).or_insert((Kind::Per, c.value.clone()));
                }
            }
            Kind::Org | Kind::Loc if c.end - c.start == 1 && doc.tokens[c.start].is_capitalized() => {
                keys.entry(doc.word(c.start).to_lowercase()).or_insert((c.kind, c.value.clone()));
            }
            _ => {}
        }
    }
    for (a, v) in acronym::linked(kept) {
        keys.insert(a.to_lowercase(), (Kind::Org, Value::Org(v)));
    }
    let mut out = Vec::new();
    if keys.is_empty() {
        return out;
    }
    // A lone surname found by the rules names the full name it shares
    // with another mention ("Смирновой" → "Анна Смирнова").
    for c in kept.iter_mut() {
        if c.kind != Kind::Per || c.end - c.start != 1 {
            continue;
        }
        let Value::Per(v) = &c.value else { continue };
        if v.name.contains(' ') {
            continue;
        }
        if let Some((Kind::Per, full)) = keys.get(&v.name.to_lowercase()) {
            c.value = full.clone();
        }
    }
    let mut covered = vec![false; doc.tokens.len()];
    for c in kept {
        covered[c.start..c.end].iter_mut().for_each(|x| *x = true);
    }
    let mut buf = String::new();
    for i in 0..doc.tokens.len() {
        let t = &doc.tokens[i];
        if covered[i] || !t.is_word() || !t.is_capitalized() || doc.is_blocked(i, i + 1) {
            continue;
        }
        let w = doc.word(i);
        buf.clear();
        buf.extend(w.chars().flat_map(char::to_lowercase));
        let mut hit = keys.get(buf.as_str());
        if hit.is_none()
            && let Some(a) = acronym::acronym_of(doc, i)
        {
            hit = keys.get(&a.to_lowercase());
        }
        if hit.is_none() && doc.lang == Lang::Ru && t.is(flag::CYR) && t.is(flag::TITLE) {
            // Inflected forms: "Ташиевой" for "Ташиева".
            let a = morph::analyse(w);
            for p in a.parses.iter().filter(|p| p.tag.has(g::NOUN) || !p.known) {
                if let Some(n) = p.nomn()
                    && let Some(h) = keys.get(n.as_str()).filter(|(k, _)| *k != Kind::Loc || p.tag.has(g::Geox))
                {
                    hit = Some(h);
                    break;
                }
            }
        }
        if let Some((kind, value)) = hit {
            out.push(Cand {
                kind: *kind,
                start: i,
                end: i + 1,
                value: value.clone(),
                score: 0.45,
                rule: "consistency",
            });
        }
    }
    out
}
