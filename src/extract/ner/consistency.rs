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
//! One name per entity: a later Russian mention whose words are case forms
//! of an earlier full name takes that name ("Станислава Жукова" →
//! "Станислав Жуков"), and "ООО «Ромашка»" takes the bare quoted name when
//! the document also uses it.
//!
//! It does not link different names of one entity (aliases) beyond
//! acronyms and these.

use super::morph::{self, g};
use super::words::SURNAME_CASE_ENDINGS;
use super::{Cand, Doc, acronym};
use crate::document::Lang;
use crate::extract::{Kind, Value};
use crate::token::flag;
use std::collections::HashMap;

pub fn spread(doc: &Doc, kept: &mut [Cand]) -> Vec<Cand> {
    same_person(doc, kept);
    same_quoted_org(kept);
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
            // A case ending on a known surname ("Карасиным" for
            // "Карасин"), which the dictionary may read otherwise.
            hit = SURNAME_CASE_ENDINGS.iter().find_map(|e| {
                let stem = buf.strip_suffix(e)?;
                keys.get(stem).filter(|(k, _)| *k == Kind::Per)
            });
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

/// One person, one name: a later multi-word mention whose words are, one
/// by one, case forms of an earlier full name's words ("Владислава
/// Кузнецова" after "Владислав Кузнецов") takes that name, whatever its
/// own normalization guessed (the genitive read as a feminine nominative).
/// `kept` is in document order.
fn same_person(doc: &Doc, kept: &mut [Cand]) {
    if doc.lang != Lang::Ru {
        return;
    }
    let mut names: Vec<String> = Vec::new();
    for c in kept.iter_mut() {
        if c.kind != Kind::Per {
            continue;
        }
        let Value::Per(v) = &mut c.value else { continue };
        if !v.name.contains(' ') {
            continue;
        }
        if names.contains(&v.name) {
            continue;
        }
        let words: Vec<&str> = (c.start..c.end).filter(|&k| doc.tokens[k].is_word()).map(|k| doc.word(k)).collect();
        let earlier = names.iter().find(|n| {
            let full: Vec<&str> = n.split(' ').collect();
            full.len() == words.len() && full.iter().zip(&words).all(|(f, w)| form_of(w, f))
        });
        match earlier {
            Some(n) => v.name = n.clone(),
            None => names.push(v.name.clone()),
        }
    }
}

/// `w` as written is `name` or one of its case forms (by the dictionary,
/// or by a case ending added to an unknown name's stem).
fn form_of(w: &str, name: &str) -> bool {
    if w == name {
        return true;
    }
    if !w.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let a = morph::analyse(w);
    if a.parses.iter().any(|p| p.tag.has(g::NOUN) && p.nomn().is_some_and(|n| morph::recase(&n, w) == name)) {
        return true;
    }
    // Unknown surnames: "Жумабаева" for "Жумабаев", "Ветрова" for "Ветров".
    w.strip_prefix(name).is_some_and(|end| SURNAME_CASE_ENDINGS.contains(&end))
        && !a
            .parses
            .iter()
            .any(|p| p.known && p.tag.has(g::Name | g::Surn) && p.tag.has(g::femn) && p.tag.case() == g::nomn)
}

/// One organisation, one name: "ООО «Ромашка»" in a document that also
/// names it "компания «Ромашка»" (value "Ромашка") takes the bare name.
fn same_quoted_org(kept: &mut [Cand]) {
    let bare: Vec<String> = kept
        .iter()
        .filter_map(|c| match &c.value {
            Value::Org(v) if c.rule == "org-quoted" && !v.name.contains('«') => Some(v.name.clone()),
            _ => None,
        })
        .collect();
    if bare.is_empty() {
        return;
    }
    for c in kept.iter_mut().filter(|c| c.rule == "org-quoted") {
        let Value::Org(v) = &mut c.value else { continue };
        if let Some((_, inner)) = v.name.split_once(" «")
            && let Some(inner) = inner.strip_suffix('»')
            && bare.iter().any(|b| b == inner)
        {
            v.name = inner.to_owned();
        }
    }
}
