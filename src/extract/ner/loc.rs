//! LOC candidates: gazetteer places, Russian dictionary place names
//! (OpenCorpora `Geox`), and Russian "adjective + region noun" names
//! ("Московской области" → "Московская область").
//!
//! Values are `{name, country, kind}`: from the gazetteer entry when there
//! is one, else the nominative of the words and no country. It does not
//! decide between a place and a person of the same name ("Владимир"): a
//! place that is also a given name gets a lower score and `person.rs`
//! competes for it.

use super::fxhash::FxSet;
use super::gazetteer::{EntryKind, GLang};
use super::morph::{self, g};
use super::{Cand, Doc};
use crate::document::Lang;
use crate::extract::{Kind, LocKind, LocValue, Value};
use crate::token::flag;

/// Russian nouns that make a region name with a capitalized adjective.
const REGION_NOUNS: &[&str] = &[
    "область",
    "край",
    "округ",
    "район",
    "республика",
    "губерния",
    "уезд",
    "волость",
    "штат",
    "провинция",
    "графство",
    "остров",
    "полуостров",
    "море",
    "океан",
    "залив",
    "пролив",
    "озеро",
    "река",
];

/// Stems of [`REGION_NOUNS`] (every case form starts with one).
const REGION_STEMS: &[&str] = &[
    "област",
    "кра",
    "округ",
    "район",
    "республик",
    "губерни",
    "уезд",
    "волост",
    "штат",
    "провинци",
    "графств",
    "остров",
    "полуостров",
    "мор",
    "океан",
    "залив",
    "пролив",
    "озер",
    "озёр",
    "рек",
    "рек",
];

pub fn find(doc: &Doc, out: &mut Vec<Cand>) {
    gazetteer(doc, out);
    if doc.lang == Lang::Ru {
        dictionary(doc, out);
        regions(doc, out);
        demonyms(doc, out);
    }
}

/// "Columbus, Ohio", "Bishkek, Kyrgyzstan": a place followed by a comma and
/// a region or country lies in that country, whatever other place of the
/// same name the gazetteer knows.
pub fn qualified_places(doc: &Doc, kept: &mut [Cand]) {
    let locs: Vec<usize> = (0..kept.len()).filter(|&k| kept[k].kind == Kind::Loc).collect();
    for w in locs.windows(2) {
        let (a, b) = (w[0], w[1]);
        if kept[a].end + 1 != kept[b].start || !doc.tokens[kept[a].end].is_punct(doc.text, ',') {
            continue;
        }
        let (Value::Loc(outer), Value::Loc(_)) = (&kept[b].value, &kept[a].value) else { continue };
        if !matches!(outer.kind, Some(LocKind::Region | LocKind::Country)) || outer.country.is_none() {
            continue;
        }
        let country = outer.country.clone();
        if let Value::Loc(inner) = &mut kept[a].value
            && inner.country != country
            && inner.kind != Some(LocKind::Country)
        {
            inner.country = country;
            inner.kind = Some(LocKind::City);
        }
    }
}

/// Nouns that make a preceding place adjective stand for the place.
const ACTORS: &[&str] = &[
    "сми",
    "телевидение",
    "законодательство",
    "гражданство",
    "конституция",
    "солдат",
    "ветеран",
    "агент",
    "провинция",
    "больница",
    "политолог",
    "оккупант",
    "экипаж",
    "батальон",
    "компартия",
    "космонавт",
    "астронавт",
    "военнослужащий",
    "министр",
    "премьер",
    "президент",
    "посол",
    "пограничник",
    "полиция",
    "флот",
    "армия",
    "власть",
    "военный",
    "войско",
    "сила",
    "гражданин",
    "житель",
    "народ",
    "сторона",
    "лидер",
    "дипломат",
    "официальный",
    "чиновник",
    "государство",
    "страна",
    "город",
    "столица",
    "регион",
    "посольство",
    "сборная",
    "спецслужба",
    "разведка",
    "журналист",
    "пресса",
    "издание",
    "эксперт",
    "учёный",
    "ученый",
    "врач",
    "судья",
    "следователь",
    "полицейский",
    "силовик",
    "оппозиция",
    "депутат",
    "политик",
    "бизнесмен",
    "инвестор",
    "турист",
    "болельщик",
    "спортсмен",
    "футболист",
    "хоккеист",
    "теннисист",
    "писатель",
    "режиссёр",
    "режиссер",
    "актёр",
    "актер",
    "художник",
    "музыкант",
    "компания",
    "рынок",
    "экономика",
    "территория",
    "граница",
    "рубеж",
];

fn actor_after(doc: &Doc, i: usize) -> bool {
    // Skip one more adjective ("российских государственных компаний") or a
    // coordinated one ("российские и американские военные").
    let mut k = i + 1;
    while k < (i + 5).min(doc.tokens.len()) {
        if !doc.tokens[k].is_word() || !doc.same_line(k - 1) {
            return false;
        }
        if doc.word(k) == "и" {
            k += 1;
            continue;
        }
        let a = morph::analyse(doc.word(k));
        if a.parses.iter().any(|p| {
            p.tag.has(g::NOUN | g::ADJF)
                && (ACTORS.contains(&&*p.lemma)
                    || doc.lex.org_heads_ru.contains(&*p.lemma)
                    || doc.lex.roles_ru.contains(&*p.lemma))
        }) {
            return true;
        }
        if !a.parses.iter().any(|p| p.tag.has(g::ADJF | g::PRTF)) {
            return false;
        }
        k += 1;
    }
    false
}

/// "российский президент", "американских военных": adjectives of places
/// stand for the place (a location acting as an actor). Lower score than
/// any name: inside an organisation name they nest as LOC.
fn demonyms(doc: &Doc, out: &mut Vec<Cand>) {
    let mut buf = String::new();
    for (i, t) in doc.tokens.iter().enumerate() {
        if !t.is_word() || !t.is(flag::CYR) || t.is(flag::UPPER) || t.span.len() < 8 {
            continue;
        }
        let w = doc.word(i);
        buf.clear();
        buf.extend(w.chars().take(3).flat_map(char::to_lowercase));
        if !doc.lex.demonym_prefixes_ru.contains(buf.as_str()) {
            continue;
        }
        let a = morph::analyse(w);
        let Some((place, country, kind)) =
            a.parses.iter().filter(|p| p.tag.has(g::ADJF)).find_map(|p| doc.lex.demonyms_ru.get(&*p.lemma))
        else {
            continue;
        };
        // Only before an actor: an organisation head, a role, the
        // authorities, the military ("российский президент", "украинским
        // властям"); "русский язык", "европейские ценности" are not places.
        if !actor_after(doc, i) {
            continue;
        }
        let kind = match *kind {
            "country" => LocKind::Country,
            "region" => LocKind::Region,
            "city" => LocKind::City,
            _ => LocKind::Other,
        };
        out.push(Cand {
            kind: Kind::Loc,
            start: i,
            end: i + 1,
            value: Value::Loc(LocValue {
                name: (*place).to_owned(),
                country: (*country != "-").then(|| (*country).to_owned()),
                kind: Some(kind),
            }),
            score: 0.5,
            rule: "loc-adjective",
        });
    }
}

fn lang_of(doc: &Doc) -> GLang {
    match doc.lang {
        Lang::Ru => GLang::Ru,
        _ => GLang::En,
    }
}

fn gazetteer(doc: &Doc, out: &mut Vec<Cand>) {
    let want = lang_of(doc);
    // All-caps words the text uses as acronyms, found on first need (one
    // pass over the tokens per document).
    let mut acronyms: Option<FxSet<&str>> = None;
    for m in &doc.gaz {
        let first = &doc.tokens[m.start];
        if !first.is_capitalized() {
            continue;
        }
        let mut best: Option<(u8, &super::gazetteer::Entry)> = None;
        let (mut person, mut org) = (false, false);
        for e in doc.gazetteer.entries_of(m) {
            match e.kind {
                EntryKind::Loc { kind, .. } => {
                    let rank = u8::from(e.lang == want) * 8
                        + match kind {
                            LocKind::Country => 3,
                            LocKind::City => 2,
                            LocKind::Region => 1,
                            LocKind::Other => 2,
                        };
                    if best.is_none_or(|(r, _)| rank > r) {
                        best = Some((rank, e));
                    }
                }
                EntryKind::First { .. } | EntryKind::Surname { .. } => person = true,
                EntryKind::Org { .. } => org = true,
            }
        }
        let Some((_, e)) = best else { continue };
        // On an all-caps line a short word looked up in title case is most
        // often a plain word ("CLOSE TO …" is not Togo).
        if m.upper
            && m.end - m.start == 1
            && (doc.word(m.start).chars().count() < 3
                || super::words::EN_FUNCTION.iter().any(|f| f.eq_ignore_ascii_case(doc.word(m.start))))
        {
            continue;
        }
        // A title abbreviation is not a place ("Sens. Dorgan" is not Sens).
        if m.end - m.start == 1
            && doc.tokens.get(m.end).is_some_and(|t| t.is_punct(doc.text, '.'))
            && doc.lex.title_words_en.contains(doc.word(m.start))
        {
            continue;
        }
        // Words of institution names are not places on their own ("Bank").
        if m.end - m.start == 1 && doc.lex.nonname_en.contains(doc.word(m.start)) && first.is(flag::TITLE) {
            continue;
        }
        let EntryKind::Loc { kind, country } = e.kind else { continue };
        // An all-caps word after "the" or in brackets after a name is an
        // acronym, not the town spelled like it ("the ADA" is not Ada,
        // "Immigration and Nationality Act (INA)" not Ina).
        // Once the text uses a word so, every occurrence is the acronym
        // ("Resolve ADA Violations", "an ADA coordinator").
        if m.upper
            && m.end - m.start == 1
            && matches!(kind, LocKind::City | LocKind::Other)
            && acronyms.get_or_insert_with(|| acronym_uses(doc)).contains(&doc.word(m.start))
        {
            continue;
        }
        // Latin words in Russian text are names of firms and people far
        // more often than towns ("David", "Bank"): only countries.
        if doc.lang == Lang::Ru && !first.is(flag::CYR) && kind != LocKind::Country {
            continue;
        }
        // A sentence-initial word that is a common Russian word ("Пару
        // раз") is not the town of that name.
        if doc.lang == Lang::Ru && m.end - m.start == 1 && doc.initial[m.start] && first.is(flag::CYR) {
            let a = morph::analyse(doc.word(m.start));
            if a.best().is_some_and(|p| p.known && !p.tag.has(g::Geox | g::Name | g::Surn)) {
                continue;
            }
        }
        let n = m.end - m.start;
        let mut score = if n > 1 { 0.85 } else { 0.8 };
        if person || org {
            score -= 0.15;
        }
        // A one-word English place at a sentence start that is also a
        // common capitalized word is still a place ("Jordan said" is
        // rare): keep, but weaker.
        if doc.initial[m.start] && n == 1 && !m.upper {
            score -= 0.05;
        }
        out.push(Cand {
            kind: Kind::Loc,
            start: m.start,
            end: m.end,
            value: Value::Loc(LocValue {
                name: e.canonical.to_owned(),
                country: country.map(str::to_owned),
                kind: Some(kind),
            }),
            score,
            rule: "loc-gazetteer",
        });
    }
}

/// Capitalized Cyrillic words the dictionary marks as place names.
fn dictionary(doc: &Doc, out: &mut Vec<Cand>) {
    for (i, t) in doc.tokens.iter().enumerate() {
        if !t.is_word() || !t.is(flag::TITLE) || !t.is(flag::CYR) || t.span.len() < 4 {
            continue;
        }
        let a = morph::analyse(doc.word(i));
        let Some(best) = a.best() else { continue };
        let Some(geo) = a.with(g::Geox) else { continue };
        // The place reading must be the dictionary's main one, or close.
        if !geo.known || geo.score < best.score * 0.5 || best.tag.has(g::Name | g::Surn | g::Patr) {
            continue;
        }
        if doc.initial[i] && !best.tag.has(g::Geox) {
            continue;
        }
        // "Нижнего Новгорода": a capitalized agreeing adjective before.
        let mut start = i;
        let mut words = vec![(i, geo.nomn().unwrap_or_else(|| geo.lemma.to_string()))];
        if i >= 1 && doc.tokens[i - 1].is(flag::TITLE) && doc.same_line(i - 1) {
            let aa = morph::analyse(doc.word(i - 1));
            if let Some(adj) = aa.parses.iter().find(|p| {
                p.tag.has(g::ADJF) && p.tag.case() & geo.tag.case() != 0 && p.tag.number() & geo.tag.number() != 0
            }) && let Some(n) = adj.nomn()
            {
                start = i - 1;
                words.insert(0, (i - 1, n));
            }
        }
        let name = words.iter().map(|(k, w)| morph::recase(w, doc.word(*k))).collect::<Vec<_>>().join(" ");
        out.push(Cand {
            kind: Kind::Loc,
            start,
            end: i + 1,
            value: Value::Loc(LocValue { name, country: None, kind: None }),
            score: 0.6,
            rule: "loc-dictionary",
        });
    }
}

/// "Московская область", "Краснодарского края": a capitalized adjective
/// agreeing with a region noun.
fn regions(doc: &Doc, out: &mut Vec<Cand>) {
    for i in 1..doc.tokens.len() {
        let t = &doc.tokens[i];
        if !t.is_word() || t.is(flag::UPPER) || !t.is(flag::CYR) || !doc.same_line(i - 1) {
            continue;
        }
        // Cheap filters before any dictionary look-up: the word starts
        // like a region noun, and a capitalized word is close before it.
        let w = doc.word(i);
        let lw: std::borrow::Cow<str> = if t.is(flag::TITLE) { w.to_lowercase().into() } else { w.into() };
        if !REGION_STEMS.iter().any(|s| lw.starts_with(s))
            || !(i.saturating_sub(3)..i).any(|k| doc.tokens[k].is(flag::TITLE))
        {
            continue;
        }
        let a = morph::analyse(doc.word(i));
        let Some(head) = a.parses.iter().find(|p| p.tag.has(g::NOUN) && REGION_NOUNS.contains(&&*p.lemma)) else {
            continue;
        };
        // Adjectives before the noun, at least one capitalized.
        let mut start = i;
        let mut words = Vec::new();
        while start >= 1 && words.len() < 3 {
            let k = start - 1;
            if !doc.tokens[k].is_word() || !doc.same_line(k) {
                break;
            }
            let aa = morph::analyse(doc.word(k));
            let Some(adj) = aa.parses.iter().find(|p| {
                p.tag.has(g::ADJF)
                    && p.tag.case() & head.tag.case() != 0
                    && p.tag.number() & head.tag.number() != 0
                    && (head.tag.has(g::plur) || p.tag.gender() & head.tag.gender() != 0)
            }) else {
                break;
            };
            let Some(n) = adj.nomn() else { break };
            words.insert(0, (k, n));
            start = k;
        }
        // The first (outermost) adjective must be a capitalized name part.
        while let Some(&(k, _)) = words.first() {
            if doc.tokens[k].is(flag::TITLE) {
                break;
            }
            words.remove(0);
            start = k + 1;
        }
        if words.is_empty() || doc.initial[start] && words.len() == 1 && !doc.tokens[start].is(flag::TITLE) {
            continue;
        }
        let head_n = morph::recase(&head.nomn().unwrap_or_else(|| head.lemma.to_string()), doc.word(i));
        let mut name: Vec<String> = words.iter().map(|(k, w)| morph::recase(w, doc.word(*k))).collect();
        name.push(head_n);
        let kind = match &*head.lemma {
            "море" | "океан" | "залив" | "пролив" | "озеро" | "река" | "остров" | "полуостров" => {
                LocKind::Other
            }
            _ => LocKind::Region,
        };
        out.push(Cand {
            kind: Kind::Loc,
            start,
            end: i + 1,
            value: Value::Loc(LocValue { name: name.join(" "), country: None, kind: Some(kind) }),
            score: 0.75,
            rule: "loc-region",
        });
    }
}

/// All-caps words that appear after "the" or in brackets after a word
/// anywhere in the document ("the ADA", "… Act (INA)"), in one pass.
fn acronym_uses<'a>(doc: &Doc<'a>) -> FxSet<&'a str> {
    let toks = &doc.tokens;
    let mut out = FxSet::default();
    for i in 1..toks.len() {
        if !toks[i].is_word() || !toks[i].is(flag::UPPER) {
            continue;
        }
        let the = matches!(toks[i - 1].text(doc.text), "the" | "The");
        let bracketed = toks[i - 1].is_punct(doc.text, '(')
            && toks.get(i + 1).is_some_and(|t| t.is_punct(doc.text, ')'))
            && i >= 2
            && toks[i - 2].is_word();
        if the || bracketed {
            out.insert(doc.word(i));
        }
    }
    out
}
