//! ORG candidates: gazetteer organisations, Russian head nouns with their
//! adjectives and genitive chains, English "X of Y" / "Y Inc." heads,
//! quoted names after a descriptor or legal form, and Latin-script names
//! in Russian text.
//!
//! Russian: a head noun from `data/ner/org_heads.ru.txt` takes the
//! adjectives that agree with it before it ("Государственной пограничной
//! охраны") and a chain after it: genitive words, "по/при/для/имени …"
//! phrases, "в" + a place, places and organisations ("Программы
//! содействия управлению границами в Центральной Азии", "Представительство
//! Европейского Союза в Кыргызской Республике"). Such a phrase is an
//! organisation only when something marks it as a name: a capital not due
//! to the sentence start, or a place/organisation/acronym in its chain
//! ("мэрии Москвы"). The name is the nominative of the words up to the
//! head and the chain as written ("Международного центра по развитию
//! миграционной политики" → "Международный центр по развитию миграционной
//! политики").
//!
//! It does not find bare acronyms (`acronym.rs`) nor link them.

use super::gazetteer::EntryKind;
use super::morph::{self, Analysis, Parse, g};
use super::words::{EN_FUNCTION, agrees, nominative_phrase};
use super::{Cand, Doc, capitalize};
use crate::document::Lang;
use crate::extract::{Kind, OrgValue, Value};
use crate::token::{TokKind, flag};
use std::rc::Rc;

/// Heads that are ordinary words as often as names: a sentence-initial
/// capital does not make them names, and in lower case they need an
/// organisation (not just a place) in their chain.
const AMBIGUOUS_RU: &[&str] = &[
    "центр",
    "группа",
    "дом",
    "программа",
    "союз",
    "орган",
    "отдел",
    "отделение",
    "общество",
    "команда",
    "корпус",
    "блок",
    "палата",
    "кабинет",
    "офис",
    "студия",
    "радио",
    "школа",
    "лига",
    "сообщество",
    "подразделение",
    "бюро",
    "миссия",
    "делегация",
    "служба",
    "управление",
    "совет",
    "организация",
    "компания",
    "объединение",
    "движение",
    "фронт",
    "фонд",
    "банк",
    "клуб",
    "предприятие",
    "журнал",
    "газета",
    "театр",
    "музей",
    "суд",
    "партия",
    "армия",
    "флот",
    "войска",
    "штаб",
    "собрание",
    "бригада",
    "дивизия",
    "полк",
    "лаборатория",
    "библиотека",
    "больница",
    "завод",
    "фабрика",
];

pub fn find(doc: &Doc, out: &mut Vec<Cand>) {
    gazetteer(doc, out);
    quoted(doc, out);
    match doc.lang {
        Lang::Ru => {
            authorities(doc, out);
            heads_ru(doc, out);
            latin_in_ru(doc, out);
            dictionary(doc, out);
        }
        _ => {
            heads_en(doc, out);
            teams(doc, out);
        }
    }
}

/// A town followed by a row of numbers is a team in a results table
/// ("Wigan 21 12 4 5 39 24 40"): an organisation, not the place.
fn teams(doc: &Doc, out: &mut Vec<Cand>) {
    for m in &doc.gaz {
        // Countries stay places: national teams are written as the country.
        let loc_kinds: Vec<_> = doc
            .gazetteer
            .entries_of(m)
            .filter_map(|e| match e.kind {
                EntryKind::Loc { kind, .. } => Some(kind),
                _ => None,
            })
            .collect();
        if loc_kinds.is_empty()
            || loc_kinds.iter().any(|k| matches!(k, crate::extract::LocKind::Country | crate::extract::LocKind::Other))
            || !doc.tokens[m.start].is_capitalized()
        {
            continue;
        }
        // The club's name may go on: "Nottingham Forest", "Queens Park
        // Rangers", "Sheffield Wednesday".
        let n = doc.tokens.len();
        let mut end = m.end;
        while end < n
            && end < m.end + 2
            && doc.same_line(end - 1)
            && !doc.tokens[end].glued()
            && doc.tokens[end].is_word()
        {
            let t = &doc.tokens[end];
            if !(t.is(flag::TITLE) || (t.is(flag::UPPER) && doc.caps_line[end])) || doc.word(end) == "AT" {
                break;
            }
            end += 1;
        }
        let mut k = end;
        let mut nums = 0;
        // Space-separated numbers (a date "1996-08-31" is one item).
        while k < doc.tokens.len() && doc.same_line(k - 1) && nums < 3 {
            let t = &doc.tokens[k];
            if t.is_num() && !t.glued() {
                nums += 1;
                while k + 1 < doc.tokens.len() && doc.tokens[k + 1].glued() {
                    k += 1;
                }
            } else {
                break;
            }
            k += 1;
        }
        // A fixture list in capitals: "KANSAS CITY AT DETROIT", a place on
        // both sides of "AT" ("… SYSTEMS AT GRAND FORKS" is a headline).
        // The other side is a place or a team name, not a common word.
        let place_at = |j: usize| {
            doc.gaz_at(j).any(|mm| doc.gazetteer.entries_of(mm).any(|e| e.is_loc()))
                || !super::words::common_en(doc, doc.word(j))
        };
        let place_ending_at = |j: usize| {
            (j.saturating_sub(3)..=j)
                .any(|s| doc.gaz_at(s).any(|mm| mm.end == j + 1 && doc.gazetteer.entries_of(mm).any(|e| e.is_loc())))
                || !super::words::common_en(doc, doc.word(j))
        };
        let fixture = doc.caps_line[m.start]
            && ((end + 1 < n && doc.word(end) == "AT" && place_at(end + 1))
                || (m.start >= 2 && doc.word(m.start - 1) == "AT" && place_ending_at(m.start - 2)));
        // A score line: "Blackburn 1 Wimbledon 2", "Bayern Munich 3 Hansa Rostock 0".
        let score_line = || {
            let k = end;
            if k + 2 >= n || !doc.tokens[k].is_num() || doc.tokens[k].glued() || !doc.same_line(k) {
                return false;
            }
            let next_team = |j: usize| {
                doc.gaz_at(j).any(|mm| {
                    mm.end < n
                        && doc.tokens[mm.end].is_num()
                        && doc.same_line(mm.end - 1)
                        && doc.gazetteer.entries_of(mm).any(|e| e.is_loc())
                })
            };
            let prev_score = m.start >= 1 && doc.tokens[m.start - 1].is_num() && doc.same_line(m.start - 1);
            next_team(k + 1) || prev_score
        };
        if nums < 3 && !fixture && !score_line() {
            continue;
        }
        // Without numbers right after the longer name, keep the town alone.
        let end = if nums >= 3 || score_line() || fixture { end } else { m.end };
        let name = doc.clean(m.start, end);
        let name = if doc.caps_line[m.start] { super::title_case(&name) } else { name };
        out.push(Cand {
            kind: Kind::Org,
            start: m.start,
            end,
            value: Value::Org(OrgValue { name, acronym: None }),
            score: 0.86,
            rule: "org-team",
        });
    }
}

fn gazetteer(doc: &Doc, out: &mut Vec<Cand>) {
    for m in &doc.gaz {
        if !doc.tokens[m.start].is_capitalized() {
            continue;
        }
        let mut org = None;
        let mut other = false;
        for e in doc.gazetteer.entries_of(m) {
            match e.kind {
                EntryKind::Org { acronym } => {
                    if org.is_none() {
                        org = Some((e, acronym));
                    }
                }
                _ => other = true,
            }
        }
        let Some((e, acronym)) = org else { continue };
        // "Facebook:", "Email:" before a link or an address are labels.
        if doc.tokens.get(m.end).is_some_and(|t| t.glued() && t.is_punct(doc.text, ':')) && m.end - m.start == 1 {
            continue;
        }
        let surface = doc.clean(m.start, m.end);
        let is_acr = acronym.is_some_and(|a| a == surface);
        let n = m.end - m.start;
        let mut score = if n > 1 { 0.9 } else { 0.8 };
        if other {
            score -= 0.25;
        }
        out.push(Cand {
            kind: Kind::Org,
            start: m.start,
            end: m.end,
            value: Value::Org(OrgValue {
                name: e.canonical.to_owned(),
                acronym: if is_acr { acronym.map(str::to_owned) } else { None },
            }),
            score,
            rule: "org-gazetteer",
        });
        let _ = acronym;
    }
}

/// "московские власти", "черногорским властям": the authorities of a
/// place named by its adjective act as an organisation.
fn authorities(doc: &Doc, out: &mut Vec<Cand>) {
    for i in 1..doc.tokens.len() {
        let w = doc.word(i);
        if !matches!(w, "власти" | "властей" | "властям" | "властями" | "властях") || !doc.same_line(i - 1)
        {
            continue;
        }
        let a = morph::analyse(doc.word(i - 1));
        let Some(adj) = a
            .parses
            .iter()
            .find(|p| p.tag.has(g::ADJF) && p.tag.has(g::plur) && doc.lex.demonyms_ru.contains_key(&*p.lemma))
        else {
            continue;
        };
        let adj_n = adj.nomn().unwrap_or_else(|| adj.lemma.to_string());
        let name = capitalize(&format!("{adj_n} власти"));
        out.push(Cand {
            kind: Kind::Org,
            start: i - 1,
            end: i + 1,
            value: Value::Org(OrgValue { name, acronym: None }),
            score: 0.75,
            rule: "org-authorities",
        });
    }
}

/// Capitalized words the dictionary marks as organisation names
/// ("Газпрома" → "Газпром").
fn dictionary(doc: &Doc, out: &mut Vec<Cand>) {
    for (i, t) in doc.tokens.iter().enumerate() {
        if !t.is_word() || !t.is(flag::TITLE) || !t.is(flag::CYR) || doc.caps_line[i] {
            continue;
        }
        let a = morph::analyse(doc.word(i));
        let Some(p) = a.best().filter(|p| p.tag.has(g::Orgn) && p.known) else { continue };
        let name = morph::recase(&p.nomn().unwrap_or_else(|| p.lemma.to_string()), doc.word(i));
        out.push(Cand {
            kind: Kind::Org,
            start: i,
            end: i + 1,
            value: Value::Org(OrgValue { name, acronym: None }),
            score: 0.7,
            rule: "org-dictionary",
        });
    }
}

/// Whether `lemma` is a Russian head noun.
fn is_head_ru(doc: &Doc, p: &Parse) -> bool {
    p.tag.has(g::NOUN) && doc.lex.org_heads_ru.contains(&*p.lemma)
}

/// Cheap filter: a head's case forms all start with its first three
/// letters (lower case).
fn head_prefix(doc: &Doc, w: &str) -> bool {
    let mut buf = [0u8; 16];
    let mut n = 0;
    for c in w.chars().take(3) {
        for l in c.to_lowercase() {
            if n + l.len_utf8() > buf.len() {
                return false;
            }
            n += l.encode_utf8(&mut buf[n..]).len();
        }
    }
    std::str::from_utf8(&buf[..n]).is_ok_and(|p| doc.lex.org_head_prefixes_ru.contains(p))
}

fn heads_ru(doc: &Doc, out: &mut Vec<Cand>) {
    for i in 0..doc.tokens.len() {
        let t = &doc.tokens[i];
        if !t.is_word() || !t.is(flag::CYR) || t.is(flag::UPPER) || !head_prefix(doc, doc.word(i)) {
            continue;
        }
        let a = morph::analyse(doc.word(i));
        let heads: Vec<&Parse> = a.parses.iter().filter(|p| is_head_ru(doc, p)).collect();
        if heads.is_empty() {
            continue;
        }
        if let Some(c) = phrase_ru(doc, i, &a, &heads) {
            out.push(c);
        }
    }
}

fn phrase_ru(doc: &Doc, i: usize, _a: &Rc<Analysis>, heads: &[&Parse]) -> Option<Cand> {
    let lemma = &*heads[0].lemma;
    // "Пресс-служба Министерства …", "пресс-центр компании …": the span
    // stays (corpora annotate it so), but its name is the organisation
    // whose press office it is: a press office is no facet value of its
    // own.
    let press_word = |k: usize| {
        let w = doc.word(k).to_lowercase();
        w.starts_with("пресс-") || w == "пресс"
    };
    let press = press_word(i) || (i >= 2 && doc.tokens[i].glued() && doc.tokens[i - 1].glued() && press_word(i - 2));
    let ambiguous = AMBIGUOUS_RU.contains(&lemma);
    // "получила партию аппаратов МРТ": a lower-case "партия" before a
    // lower-case noun in the genitive plural is a batch of goods, not a
    // party.
    if lemma == "партия" && batch_of_goods(doc, i) {
        return None;
    }
    // Adjectives before the head.
    let mut start = i;
    let mut head_parse: Option<&Parse> = None;
    let mut adj_an: Vec<Rc<Analysis>> = Vec::new();
    while start >= 1 && i - start < 4 {
        let k = start - 1;
        let t = &doc.tokens[k];
        if !t.is_word() || !t.is(flag::CYR) || t.is(flag::UPPER) || !doc.same_line(k) {
            break;
        }
        let aa = morph::analyse(doc.word(k));
        let cands: Vec<&&Parse> = heads
            .iter()
            .filter(|h| head_parse.is_none_or(|hp| std::ptr::eq(**h, hp)))
            .filter(|h| aa.parses.iter().any(|p| p.tag.has(g::ADJF | g::PRTF) && !p.tag.has(g::Apro) && agrees(p, h)))
            .collect();
        if cands.is_empty() {
            break;
        }
        // A word that is more often a noun or verb is not taken.
        if aa.best().is_some_and(|b| !b.tag.has(g::ADJF | g::PRTF) && b.score > 0.5) {
            break;
        }
        head_parse = Some(cands[0]);
        adj_an.insert(0, aa);
        start = k;
    }
    let hp: &Parse = head_parse.unwrap_or(heads[0]);
    // "Пресс-служба", "Вице-президент": a glued prefix belongs to the head.
    if start == i
        && i >= 2
        && doc.tokens[i].glued()
        && doc.tokens[i - 1].is_punct(doc.text, '-')
        && doc.tokens[i - 1].glued()
        && doc.tokens[i - 2].is_word()
    {
        start = i - 2;
    }
    // What marks the phrase as a name?
    let first_cap = doc.tokens[start].is(flag::TITLE) && !doc.caps_line[start];
    // The chain after the head; a capitalized name may take complements
    // in other cases too ("содействия управлению границами").
    let end = chain_ru(doc, i + 1, first_cap);
    // At a sentence start the capital proves little: it counts for an
    // unambiguous head with more words, or after two adjectives or an
    // adjective of a place ("Федеральная налоговая служба", "Европейский
    // союз").
    let place_adj = start < i && {
        let a = morph::analyse(doc.word(start));
        a.parses.iter().any(|p| p.tag.has(g::ADJF) && doc.lex.demonyms_ru.contains_key(&*p.lemma))
    };
    let proper_start =
        first_cap && (!doc.initial[start] || (!ambiguous && (start < i || end > i + 1)) || i - start >= 2 || place_adj);
    let inner_cap =
        (start + 1..=i).any(|k| doc.tokens[k].is(flag::TITLE) && doc.tokens[k].is_word() && !doc.tokens[k].glued());
    let (mut has_place, mut has_org) = (false, false);
    for k in i + 1..end {
        for m in doc.gaz_at(k) {
            if m.end <= end {
                for e in doc.gazetteer.entries_of(m) {
                    has_place |= e.is_loc();
                    has_org |= e.is_org();
                }
            }
        }
        let t = &doc.tokens[k];
        if t.is_word() && t.is(flag::UPPER) {
            has_org = true;
        }
        if t.is_word() && t.is(flag::TITLE) && !has_place {
            // A capitalized word in the chain: a place or a name.
            let aa = morph::analyse(doc.word(k));
            if aa.any(g::Geox) {
                has_place = true;
            } else {
                has_org = true;
            }
        }
    }
    let score;
    if proper_start || inner_cap {
        score = 0.8;
    } else if heads.iter().all(|h| h.tag.has(g::plur)) && hp.tag.has(g::plur) {
        // A lower-case plural head names several organisations
        // ("с правительствами стран Центральной Азии"), not one.
        return None;
    } else if has_org || (has_place && !ambiguous) || (has_place && start < i) {
        score = 0.7;
    } else {
        return None;
    }
    // A lone capitalized head with nothing after it ("Центр", "Совет")
    // is too vague unless it is mid-sentence and unambiguous.
    if start == i && end == i + 1 && (ambiguous || doc.initial[i]) {
        return None;
    }
    let case = hp.tag.case();
    let mut name = nominative_phrase(doc, start, i, end, case);
    name = capitalize(&name);
    // A descriptor before one known organisation ("компании Apple",
    // "программы БОМКА") names that organisation.
    if gazetteer_org_exactly(doc, start, end) {
        return None;
    }
    let inner = inner_orgs(doc, start, end);
    let mut acronym = None;
    if (start == i || press) && inner.len() == 1 && inner[0].0 == i + 1 && inner[0].1 == end {
        name = inner[0].2.name.clone();
        acronym = inner[0].2.acronym.clone();
    } else if press {
        name = capitalize(&press_owner(doc, i + 1, end)?);
    }
    // A name that contains a known organisation and more ("Представительство
    // Европейского Союза в …") outranks the inner one.
    let score = if inner.is_empty() { score + 0.01 * (end - start).min(8) as f32 } else { 0.93 };
    Some(Cand { kind: Kind::Org, start, end, value: Value::Org(OrgValue { name, acronym }), score, rule: "org-head" })
}

/// "партию аппаратов", "партия товаров": the head word in lower case,
/// no adjective before it, and a lower-case noun in the genitive plural
/// after it.
fn batch_of_goods(doc: &Doc, i: usize) -> bool {
    let lower = |k: usize| doc.tokens.get(k).is_some_and(|t| t.is_word() && t.is(flag::LOWER));
    let adjective_before = i > 0
        && lower(i - 1)
        && doc.same_line(i - 1)
        && morph::analyse(doc.word(i - 1)).best().is_some_and(|p| p.tag.has(g::ADJF));
    lower(i)
        && !adjective_before
        && lower(i + 1)
        && morph::analyse(doc.word(i + 1))
            .best()
            .is_some_and(|p| p.tag.has(g::NOUN) && p.tag.has(g::gent) && p.tag.has(g::plur))
}

/// The name of the organisation whose press office is named by tokens
/// `[s, e)` after "пресс-служба": the words up to the first noun in the
/// nominative, the rest as written ("американской военной базы" →
/// "американская военная база"); `None` for nothing, or for a person's
/// press office ("пресс-служба Януковича").
fn press_owner(doc: &Doc, s: usize, e: usize) -> Option<String> {
    if s >= e {
        return None;
    }
    let mut head = None;
    for k in s..e {
        let t = &doc.tokens[k];
        if t.is(flag::UPPER) {
            break;
        }
        if !t.is_word() || !t.is(flag::CYR) {
            continue;
        }
        let a = morph::analyse(doc.word(k));
        if a.parses.iter().any(|p| p.known && p.tag.has(g::Name | g::Surn)) {
            return None;
        }
        if a.parses.iter().any(|p| p.tag.has(g::NOUN) && p.tag.case() & g::gent != 0) {
            head = Some(k);
            break;
        }
    }
    Some(match head {
        Some(h) => nominative_phrase(doc, s, h, e, g::gent),
        None => doc.clean(s, e),
    })
}

/// Gazetteer organisations strictly inside tokens `[s, e)`: (start, end,
/// canonical).
fn inner_orgs(doc: &Doc, s: usize, e: usize) -> Vec<(usize, usize, OrgValue)> {
    let mut out = Vec::new();
    // `doc.gaz` is sorted by start: only the matches starting in `s..e`
    // (a scan of all of them per candidate was quadratic).
    let from = doc.gaz.partition_point(|m| m.start < s);
    for m in doc.gaz[from..].iter().take_while(|m| m.start < e) {
        if m.start < s || m.end > e || (m.start == s && m.end == e) {
            continue;
        }
        if let Some(en) = doc.gazetteer.entries_of(m).find(|en| en.is_org()) {
            let EntryKind::Org { acronym } = en.kind else { continue };
            let surface = doc.clean(m.start, m.end);
            let acronym = acronym.filter(|a| *a == surface).map(str::to_owned);
            out.push((m.start, m.end, OrgValue { name: en.canonical.to_owned(), acronym }));
        }
    }
    out
}

/// A gazetteer organisation spans exactly tokens `[s, e)`: its candidate
/// (with the canonical name) stands, no pattern needs to repeat it.
fn gazetteer_org_exactly(doc: &Doc, s: usize, e: usize) -> bool {
    doc.gaz_at(s).any(|m| m.end == e && doc.gazetteer.entries_of(m).any(|en| en.is_org()))
}

/// The end (exclusive) of the chain after a head at `j - 1`.
fn chain_ru(doc: &Doc, mut j: usize, loose: bool) -> usize {
    let n = doc.tokens.len();
    let mut end = j;
    let mut steps = 0;
    let mut gents = 0;
    let mut others = 0;
    // The last step took a gazetteer place or organisation.
    let mut after_gaz = false;
    while j < n && steps < 12 && doc.same_line(j - 1) && !doc.tokens[j].glued() {
        steps += 1;
        // A place or organisation from the gazetteer, whole.
        if let Some(m) = doc.gaz_at(j).find(|m| doc.gazetteer.entries_of(m).any(|e| e.is_loc() || e.is_org()))
            && (doc.tokens[m.end - 1].is(flag::UPPER)
                || is_gent(doc, m.end - 1)
                || !doc.tokens[m.end - 1].is(flag::CYR))
        {
            j = m.end;
            end = j;
            after_gaz = true;
            continue;
        }
        let was_gaz = std::mem::replace(&mut after_gaz, false);
        let t = &doc.tokens[j];
        if !t.is_word() {
            break;
        }
        // An initial of a following name ("… США М. Шапиро") ends it.
        if doc.word(j).chars().count() == 1 && t.is_capitalized() {
            break;
        }
        // So does a person's given name not in the genitive: the head of
        // the body named in apposition ("Правительства Олег Ветров",
        // "офиса в Душанбе Павел Ветров"); "фонда Владимира Потанина"
        // stays a name after a person.
        if person_name_not_gent(doc, j) {
            break;
        }
        if t.is(flag::UPPER) {
            // A legal form alone is not part of a name ("Компания ООО").
            if doc.lex.org_legal.contains(doc.word(j)) {
                break;
            }
            // An acronym in the chain: "пресс-служба МВД".
            j += 1;
            end = j;
            continue;
        }
        if !t.is(flag::CYR) {
            break;
        }
        let w = doc.word(j);
        let lw = w.to_lowercase();
        match lw.as_str() {
            "имени" | "им" => {
                // "имени М. В. Ломоносова", "им. Хруничева": initials and
                // capitalized words.
                let mut k = j + 1;
                if lw == "им" && doc.tokens.get(k).is_some_and(|t| t.is_punct(doc.text, '.')) {
                    k += 1;
                }
                let mut last = None;
                while k < n
                    && doc.tokens[k].is_word()
                    && doc.tokens[k].is_capitalized()
                    && last.is_none_or(|l| k < l + 4)
                {
                    let single = doc.word(k).chars().count() == 1;
                    k += 1;
                    if single && k < n && doc.tokens[k].is_punct(doc.text, '.') {
                        k += 1;
                        continue;
                    }
                    last = Some(k);
                    break;
                }
                match last {
                    Some(l) => {
                        j = l;
                        end = j;
                        continue;
                    }
                    None => break,
                }
            }
            "по" | "при" | "для" => {
                // A preposition must lead to more chain.
                let mut k = j + 1;
                if lw == "им" && doc.tokens.get(k).is_some_and(|t| t.is_punct(doc.text, '.')) {
                    k += 1;
                }
                if k < n && doc.tokens[k].is_word() && doc.same_line(k - 1) {
                    let after = chain_any(doc, k);
                    if after > k {
                        j = after;
                        end = j;
                        continue;
                    }
                }
                break;
            }
            "в" | "во" => {
                // Only "в" + a place: "Представительство … в Кыргызской
                // Республике".
                if let Some(e) = place_at(doc, j + 1)
                    && loc_case(doc, e - 1)
                {
                    j = e;
                    end = j;
                    // A capitalized word right after the place is the name
                    // of the office's head ("… в Алматы Ерлан Жумабаев"),
                    // not more of the office's name.
                    if j < n
                        && doc.same_line(j - 1)
                        && doc.tokens[j].is_word()
                        && doc.tokens[j].is(flag::TITLE)
                        && place_at(doc, j).is_none()
                        && !doc.gaz_at(j).any(|m| doc.gazetteer.entries_of(m).any(|e| e.is_org()))
                    {
                        break;
                    }
                    continue;
                }
                break;
            }
            "и" => {
                // "Министерство науки и высшего образования": "и" between
                // common genitives; after a named place or organisation it
                // coordinates something else ("решении Совета директоров
                // Банка России и среднесрочного прогноза").
                if !was_gaz && j + 1 < n && is_gent(doc, j + 1) && doc.tokens[j + 1].is(flag::LOWER) {
                    j += 1;
                    continue;
                }
                break;
            }
            _ => {}
        }
        // A hyphenated compound, judged by its last part
        // ("денежно-кредитной политики").
        if j + 2 < n
            && doc.tokens[j + 1].glued()
            && doc.tokens[j + 1].is_punct(doc.text, '-')
            && doc.tokens[j + 2].glued()
            && doc.tokens[j + 2].is_word()
            && doc.tokens[j + 2].is(flag::LOWER)
            && is_gent(doc, j + 2)
        {
            let a = morph::analyse(doc.word(j + 2));
            j += 3;
            gents += 1;
            if a.any(g::NOUN | g::NPRO) {
                end = j;
            }
            continue;
        }
        if is_gent(doc, j) {
            let a = morph::analyse(w);
            j += 1;
            gents += 1;
            if a.any(g::NOUN | g::NPRO) || t.is(flag::TITLE) {
                end = j;
            }
            // "Республики Казахстан", "Королевства Нидерландов": a state
            // word takes the country's name after it, in any case.
            if t.is(flag::TITLE) && STATE_WORDS.contains(&lw.as_str()) && j < n && doc.same_line(j - 1) {
                if let Some(e) = place_at(doc, j) {
                    j = e;
                    end = j;
                } else if doc.tokens[j].is_word()
                    && doc.tokens[j].is(flag::TITLE)
                    && doc.tokens[j].is(flag::CYR)
                    && !person_name_not_gent(doc, j)
                {
                    j += 1;
                    end = j;
                }
            }
            continue;
        }
        if loose && gents > 0 && others < 2 && t.is(flag::LOWER) {
            let a = morph::analyse(w);
            let oblique = g::datv | g::ablt;
            if a.parses.iter().any(|p| p.tag.has(g::NOUN | g::ADJF) && p.tag.case() & oblique != 0)
                && !a
                    .best()
                    .is_some_and(|b| b.tag.has(g::VERB | g::INFN | g::PREP | g::CONJ | g::ADVB | g::GRND | g::PRTS))
            {
                j += 1;
                others += 1;
                if a.any(g::NOUN) {
                    end = j;
                }
                continue;
            }
        }
        break;
    }
    end
}

/// Genitive forms of the words that precede a state's name ("Республики
/// Казахстан").
const STATE_WORDS: &[&str] = &["республики", "федерации", "королевства", "княжества", "султаната", "эмирата"];

/// Token `j` is a capitalized given name (dictionary `Name` or the
/// given-name gazetteer) with no genitive reading: a person named after a
/// body, not part of its name.
fn person_name_not_gent(doc: &Doc, j: usize) -> bool {
    let t = &doc.tokens[j];
    if !t.is_word() || !t.is(flag::TITLE) || !t.is(flag::CYR) {
        return false;
    }
    let a = morph::analyse(doc.word(j));
    let named = a.parses.iter().any(|p| p.known && p.tag.has(g::Name))
        || doc.gaz_at(j).any(|m| m.end == j + 1 && doc.gazetteer.entries_of(m).any(|e| e.is_first()));
    named
        && !a.parses.iter().any(|p| p.tag.has(g::Name) && p.tag.case() & g::gent != 0)
        && !a.any(g::Geox)
        && doc.tokens.get(j + 1).is_some_and(|u| u.is_word() && u.is(flag::TITLE))
}

/// A place starting at token `j`: a gazetteer place, a capitalized place
/// word of the dictionary, possibly after a capitalized adjective
/// ("Центральной Азии"), or "Кыргызской Республике". Returns its end.
pub fn place_at(doc: &Doc, j: usize) -> Option<usize> {
    let t = doc.tokens.get(j)?;
    if !t.is_word() || !t.is_capitalized() {
        return None;
    }
    if let Some(m) = doc.gaz_at(j).find(|m| doc.gazetteer.entries_of(m).any(|e| e.is_loc())) {
        return Some(m.end);
    }
    if !t.is(flag::CYR) {
        return None;
    }
    let a = morph::analyse(doc.word(j));
    if a.with(g::Geox).is_some_and(|p| p.known) {
        return Some(j + 1);
    }
    let next = doc.tokens.get(j + 1)?;
    if a.any(g::ADJF) && next.is_word() && next.is(flag::TITLE) && doc.same_line(j) {
        let b = morph::analyse(doc.word(j + 1));
        if b.any(g::Geox) || b.parses.iter().any(|p| p.tag.has(g::NOUN) && &*p.lemma == "республика") {
            return Some(j + 2);
        }
    }
    None
}

/// After "по"/"при"/"имени": a noun phrase in any case, then genitives.
fn chain_any(doc: &Doc, mut j: usize) -> usize {
    let n = doc.tokens.len();
    let mut end = j;
    // Adjectives then one noun (or a name).
    let mut k = 0;
    while j < n && k < 4 && doc.tokens[j].is_word() && doc.same_line(j - 1) {
        let a = morph::analyse(doc.word(j));
        let Some(b) = a.best() else { break };
        if b.tag.has(g::NOUN) || doc.tokens[j].is_capitalized() {
            j += 1;
            end = j;
            break;
        }
        if !b.tag.has(g::ADJF | g::PRTF) {
            break;
        }
        j += 1;
        k += 1;
    }
    if end == j && j > 0 { chain_ru(doc, j, false).max(end) } else { end }
}

fn is_gent(doc: &Doc, j: usize) -> bool {
    let t = &doc.tokens[j];
    if !t.is_word() || !t.is(flag::CYR) {
        return false;
    }
    let a = morph::analyse(doc.word(j));
    a.parses.iter().any(|p| p.tag.has(g::NOUN | g::ADJF | g::PRTF | g::NUMR) && p.tag.case() & g::gent != 0)
        && !a
            .best()
            .is_some_and(|b| b.tag.has(g::VERB | g::INFN | g::PREP | g::CONJ | g::ADVB | g::GRND) && b.score > 0.5)
}

/// The place at `j` can be in the locative/prepositional case.
fn loc_case(doc: &Doc, j: usize) -> bool {
    let a = morph::analyse(doc.word(j));
    a.parses.is_empty() || a.parses.iter().any(|p| p.tag.case() & (g::loct | g::accs) != 0 || p.tag.has(g::Fixd))
}

/// Quotation marks that open and close names.
fn closing(open: &str) -> Option<&'static [&'static str]> {
    match open {
        "«" => Some(&["»"]),
        "\"" => Some(&["\""]),
        "“" => Some(&["”", "“"]),
        "„" => Some(&["“", "”"]),
        _ => None,
    }
}

/// `descriptor «Name»`: a legal form ("ООО «Ромашка»") or a head noun
/// ("банка «Россия»", "компании «Газпром»") before a quoted name.
fn quoted(doc: &Doc, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    for q in 1..n {
        let t = &doc.tokens[q];
        if t.kind != TokKind::Punct {
            continue;
        }
        let Some(close) = closing(t.text(doc.text)) else { continue };
        // The quoted name: capitalized or Latin first word, ≤ 8 tokens.
        let Some(first) = doc.tokens.get(q + 1) else { continue };
        if !(first.is_word() && first.is_capitalized() || first.is_num()) || !first.glued() {
            continue;
        }
        let mut c = q + 1;
        while c < n && c <= q + 10 && !close.contains(&doc.tokens[c].text(doc.text)) {
            if !doc.same_line(c - 1) {
                break;
            }
            c += 1;
        }
        if c >= n || c > q + 10 || !close.contains(&doc.tokens[c].text(doc.text)) || c == q + 1 {
            continue;
        }
        // The descriptor before the quote.
        let d = q - 1;
        let dt = &doc.tokens[d];
        if !dt.is_word() || !doc.same_line(d) {
            continue;
        }
        let dw = doc.word(d);
        if is_building(doc, d) {
            continue;
        }
        let inner = doc.clean(q + 1, c);
        let acr = dt.is(flag::UPPER) && !doc.lex.acronym_stop.contains(dw) && dw.chars().count() <= 6;
        let (start, name) = if doc.lex.org_legal.contains(dw) || acr {
            (d, format!("{dw} «{inner}»"))
        } else if doc.lang == Lang::Ru && dt.is(flag::CYR) && head_prefix(doc, dw) && {
            let a = morph::analyse(dw);
            a.parses.iter().any(|p| is_head_ru(doc, p))
        } {
            (d, inner)
        } else {
            continue;
        };
        out.push(Cand {
            kind: Kind::Org,
            start,
            end: c + 1,
            value: Value::Org(OrgValue { name, acronym: None }),
            score: 0.88,
            rule: "org-quoted",
        });
    }
}

/// Is token `d` the descriptor of a building rather than an organisation
/// (бизнес-центр «Орион», ТЦ «Европа», ЖК «Солнечный»)? Such names sit in
/// addresses; the company that runs the building is rarely meant.
fn is_building(doc: &Doc, d: usize) -> bool {
    const ACRONYMS: &[&str] = &["БЦ", "ТЦ", "ТРЦ", "ТРК", "ЖК", "МФК"];
    const CENTRE: &[&str] = &[
        "центр",
        "центра",
        "центру",
        "центром",
        "центре",
        "комплекс",
        "комплекса",
        "комплексу",
        "комплексом",
        "комплексе",
    ];
    // Stems of the words that make a centre a building, in any case form.
    const BEFORE_CENTRE: &[&str] = &["бизнес", "торгов", "офисн", "делов", "жил"];
    let dw = doc.word(d);
    if ACRONYMS.contains(&dw) {
        return true;
    }
    if !CENTRE.contains(&dw.to_lowercase().as_str()) {
        return false;
    }
    // "бизнес центр", "в бизнес-центре", "торгово-развлекательном центре".
    let mut k = d;
    while k >= 1 && d - k < 4 {
        k -= 1;
        let t = &doc.tokens[k];
        if t.is_word() {
            let w = doc.word(k).to_lowercase();
            if BEFORE_CENTRE.iter().any(|b| w.starts_with(b)) {
                return true;
            }
            // Only adjectives may stand between ("торгово-развлекательный").
            if !["ый", "ой", "ий", "ом", "ем", "ого", "его"].iter().any(|e| w.ends_with(e)) {
                return false;
            }
        } else if !t.is_punct(doc.text, '-') {
            return false;
        }
    }
    false
}

/// Latin-script capitalized words in Russian text are mostly company,
/// media and product names ("Apple", "Bank of America", "BBC").
fn latin_in_ru(doc: &Doc, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        let t = &doc.tokens[i];
        if !(t.is_word() && t.is(flag::LAT) && !t.is(flag::CYR) && t.is_capitalized())
            || doc.caps_line[i]
            || super::acronym::roman(doc.word(i))
        {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        let mut j = i + 1;
        while j < n && doc.same_line(j - 1) && j < i + 8 {
            let u = &doc.tokens[j];
            // Digits glued to a name: "Tele2", "G-20" (handled below).
            if u.is_num() && u.glued() {
                j += 1;
                end = j;
                continue;
            }
            if u.is_word() && u.is(flag::LAT) && !u.is(flag::CYR) {
                if u.is_capitalized() {
                    j += 1;
                    end = j;
                    continue;
                }
                if matches!(
                    doc.word(j),
                    "of" | "and" | "de" | "della" | "del" | "di" | "du" | "la" | "le" | "for" | "the"
                ) {
                    j += 1;
                    continue;
                }
                break;
            }
            if (u.is_punct(doc.text, '&')
                || u.is_punct(doc.text, '!')
                || u.is_punct(doc.text, '-')
                || u.is_punct(doc.text, '.'))
                && j + 1 < n
                && doc.tokens[j + 1].is_word()
                && doc.tokens[j + 1].is(flag::LAT)
            {
                j += 1;
                continue;
            }
            if u.is_punct(doc.text, '!') && u.glued() {
                j += 1;
                end = j;
            }
            break;
        }
        // "Email:", "Website:" are labels; a lone letter is a label or part
        // of a word ("E-mail", "T:"), never a name.
        let label = doc.tokens.get(end).is_some_and(|t| t.glued() && t.is_punct(doc.text, ':'))
            || (end == i + 1 && doc.word(i).chars().count() < 2)
            // Business and medical abbreviations ("EBITDA", "KPI", "MRI").
            || (end == i + 1 && doc.lex.acronym_stop.contains(doc.word(i)));
        // A legal form at the end makes it certain: "Cleary Gottlieb Steen &
        // Hamilton LLP".
        let legal = doc.lex.org_legal.contains(doc.word(end - 1)) && end > i + 1;
        if !doc.is_blocked(i, end) && !label {
            out.push(Cand {
                kind: Kind::Org,
                start: i,
                end,
                value: Value::Org(OrgValue { name: doc.clean(i, end), acronym: None }),
                // Several words outrank a lone acronym inside them ("RTL Group").
                score: if legal {
                    0.9
                } else if end > i + 1 {
                    0.6
                } else {
                    0.5
                },
                rule: "org-latin",
            });
        }
        i = end;
    }
}

/// English heads: "Department of Justice", "University of Oxford",
/// "Harvard University", "Acme Inc.".
fn heads_en(doc: &Doc, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let cap = |k: usize| {
        let t = &doc.tokens[k];
        t.is_word() && t.is_capitalized() && !(doc.initial[k] && EN_FUNCTION.contains(&doc.word(k)))
    };
    for i in 0..n {
        let t = &doc.tokens[i];
        let w = doc.word(i);
        if !t.is_word()
            || doc.caps_line[i]
            || !(t.is(flag::TITLE) || (t.is(flag::UPPER) && doc.lex.org_legal.contains(w)))
        {
            continue;
        }
        let of_head = doc.lex.org_heads_en_of.contains(w);
        let end_head = doc.lex.org_heads_en_end.contains(w) || doc.lex.org_legal.contains(w);
        if !of_head && !end_head {
            continue;
        }
        // Capitalized words before the head ("U.S. Department", "Harvard").
        let mut s = i;
        while s >= 1 && doc.same_line(s - 1) {
            let k = s - 1;
            if cap(k) && !doc.tokens[s].glued() {
                s = k;
                continue;
            }
            // "U.S.": dots glued between capitals.
            if doc.tokens[k].is_punct(doc.text, '.') && k >= 1 && cap(k - 1) && doc.tokens[k].glued() {
                s = k - 1;
                continue;
            }
            // "Securities and Exchange", "Bank of America Corp.": "of" only
            // after a head that takes it.
            let bridge = doc.tokens[k].is_punct(doc.text, '&')
                || doc.word(k) == "and"
                || (doc.word(k) == "of" && k >= 1 && doc.lex.org_heads_en_of.contains(doc.word(k - 1)));
            if bridge && k >= 1 && cap(k - 1) && s > k {
                s = k - 1;
                continue;
            }
            break;
        }
        // "The Department of Justice" → "Department of Justice".
        while s < i && (EN_FUNCTION.contains(&doc.word(s)) || !doc.tokens[s].is_word()) {
            s += 1;
        }
        let mut e = i + 1;
        // Legal-form abbreviations keep their dot: "Corp.".
        if doc.lex.org_legal.contains(w)
            && t.is(flag::TITLE)
            && e < n
            && doc.tokens[e].glued()
            && doc.tokens[e].is_punct(doc.text, '.')
        {
            e += 1;
        }
        // "of (the) Capitalized …".
        if of_head && e + 1 < n && doc.word(e) == "of" && doc.same_line(e - 1) {
            let mut k = e + 1;
            if k < n && doc.word(k) == "the" {
                k += 1;
            }
            let mut last = None;
            while k < n && doc.same_line(k - 1) && k < e + 10 {
                if doc.tokens[k].is_word() && doc.tokens[k].is_capitalized() {
                    k += 1;
                    last = Some(k);
                    continue;
                }
                // "… of Investigation and the SBA Office …": "and the"
                // coordinates a second organisation.
                if doc.word(k) == "and" && doc.tokens.get(k + 1).is_some_and(|_| doc.word(k + 1) == "the") {
                    break;
                }
                if matches!(doc.word(k), "and" | "of" | "for" | "&" | "the") && last.is_some() {
                    k += 1;
                    continue;
                }
                break;
            }
            if let Some(l) = last {
                e = l;
            }
        }
        // A name needs more than the head alone.
        if s == i && e == i + 1 {
            continue;
        }
        if e == i + 1 && !end_head {
            continue;
        }
        if s == i && !of_head {
            continue;
        }
        if doc.is_blocked(s, e) {
            continue;
        }
        if gazetteer_org_exactly(doc, s, e) {
            continue;
        }
        let score = if inner_orgs(doc, s, e).is_empty() { 0.8 + 0.01 * (e - s).min(8) as f32 } else { 0.93 };
        out.push(Cand {
            kind: Kind::Org,
            start: s,
            end: e,
            value: Value::Org(OrgValue { name: doc.clean(s, e), acronym: None }),
            score,
            rule: "org-head",
        });
    }
}
