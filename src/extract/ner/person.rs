//! PER candidates: runs of capitalized words that read as a person's name.
//!
//! A run is split into units (a word, a hyphenated word, an initial "И.")
//! and each unit is classed: given name, patronymic, surname, initial, or
//! other. Russian classes come from the dictionary (OpenCorpora
//! `Name`/`Patr`/`Surn`, and unknown capitalized words as likely
//! surnames) and the gazetteers; English ones from the gazetteers and
//! from titles ("Mr.", "Attorney General", "coach"). Accepted shapes:
//! given name (+ patronymic) (+ surname), surname + given name (+
//! patronymic), initials + surname, surname + initials, a title followed
//! by any capitalized words, and a lone given name or known surname with
//! a lower score. Titles and roles stay out of the span; a role the text
//! gives ("министр иностранных дел Сергей Лавров", "Жанной Ташиевой,
//! национальным координатором БОМКА") becomes `value.role`.
//!
//! Russian names are normalized to the nominative, the case chosen so that
//! all words agree ("Жанной Ташиевой" → "Жанна Ташиева"). It does not
//! resolve a later "Ташиева" to the full name: `consistency.rs` does.

use super::gazetteer::{EntryKind, GLang};
use super::morph::{self, Analysis, g};
use super::words::common_en;
use super::{Cand, Doc, words};
use crate::document::Lang;
use crate::extract::{Kind, PerValue, Value};
use crate::token::{TokKind, flag};
use std::rc::Rc;

/// Lower-case (or capitalized) particles inside names.
const PARTICLES: &[&str] = &[
    "де", "ван", "фон", "дер", "да", "ди", "дель", "ла", "ле", "бин", "ибн", "аль", "эль", "van", "von", "de", "da",
    "di", "del", "der", "la", "le", "bin", "ibn", "al", "el", "du", "dos",
];

const MONTHS: &[&str] = &["January", "February", "March", "April", "May", "June", "July", "August"];

/// Unit classes (bit flags: a word can be several).
const FIRST: u8 = 1;
const PATR: u8 = 2;
const SURN: u8 = 4;
const INIT: u8 = 8;
/// A common word (known to the dictionary without a name reading).
const COMMON: u8 = 16;
/// Part of a gazetteer place or organisation.
const PLACE: u8 = 32;
/// An English word of event/institution names ("Cup", "Daily").
const NONNAME: u8 = 64;
/// A given name that is also an ordinary word ("Will", "Вера"): a given
/// name only before another name part.
const FIRST_AMB: u8 = 128;

#[derive(Clone)]
struct Unit {
    start: usize,
    end: usize,
    class: u8,
    /// The dictionary analysis (Russian words only).
    an: Option<Rc<Analysis>>,
}

pub fn find(doc: &Doc, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        let units = run_at(doc, i);
        if units.is_empty() {
            i += 1;
            continue;
        }
        let next = units.last().map_or(i + 1, |u| u.end);
        // A quoted title ("«Евгений Онегин»") is a work, not a person.
        let opens = i > 0 && doc.tokens[i].glued() && matches!(doc.word(i - 1), "«" | "\"" | "“" | "„");
        let closes =
            doc.tokens.get(next).is_some_and(|t| t.glued() && matches!(t.text(doc.text), "»" | "\"" | "”" | "“"));
        if opens && closes {
            i = next;
            continue;
        }
        // "офис в Алматы Ерлан …", "office in Nairobi David …": a place
        // after "в"/"in" that opens a longer run is the office's, not part
        // of the name that follows.
        let mut k = usize::from(
            units.len() >= 3
                && units[0].class & PLACE != 0
                && units[0].class & INIT == 0
                && i > 0
                && doc.same_line(i - 1)
                && matches!(doc.word(i - 1), "в" | "во" | "in" | "at")
                && (units[1].class & PLACE == 0 || units[1].class & FIRST != 0),
        );
        while k < units.len() {
            let title = title_before(doc, units[k].start);
            if let Some((len, score, rule)) = accept(doc, &units[k..], title.is_some()) {
                let us = &units[k..k + len];
                let (start, mut end) = (us[0].start, us[len - 1].end);
                // Monarchs and popes: "Елизавета II", "Иоанн Павел II".
                if end < doc.tokens.len()
                    && doc.same_line(end - 1)
                    && doc.tokens[end].is(flag::UPPER)
                    && doc.word(end).chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
                {
                    end += 1;
                }
                if !doc.is_blocked(start, end) {
                    let mut name = normalize(doc, us, title.as_ref().map_or(0, |t| t.2));
                    if end > us[len - 1].end {
                        name.push(' ');
                        name.push_str(doc.word(end - 1));
                    }
                    let role = role_of(doc, &title, end, us);
                    out.push(Cand {
                        kind: Kind::Per,
                        start,
                        end,
                        value: Value::Per(PerValue { name, role }),
                        score,
                        rule,
                    });
                }
                k += len;
            } else {
                k += 1;
            }
        }
        i = next;
    }
}

/// The units of the capitalized run starting at token `i` (empty when
/// token `i` cannot start one). At most 5 units; a line break ends a run.
fn run_at(doc: &Doc, i: usize) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut j = i;
    while units.len() < 5 && j < doc.tokens.len() {
        // Glued only after an initial: "М.С. Горбачев".
        let after_init = units.last().is_some_and(|u: &Unit| u.class & INIT != 0);
        if j > i && (!doc.same_line(j - 1) || (doc.tokens[j].glued() && !after_init)) {
            break;
        }
        // A particle between name words joins the next word: "Роберт Де
        // Ниро", "Ludwig van Beethoven", "Усама бин Ладен".
        if !units.is_empty()
            && PARTICLES.contains(&doc.word(j).to_lowercase().as_str())
            && doc.same_line(j)
            && !doc.tokens.get(j + 1).is_some_and(|t| t.glued())
            && let Some(mut u) = unit_at(doc, j + 1)
        {
            u.start = j;
            u.class = (u.class | SURN) & !(FIRST | FIRST_AMB | PLACE);
            j = u.end;
            units.push(u);
            continue;
        }
        let Some(u) = unit_at(doc, j) else { break };
        // English function words, titles and organisation heads end a
        // name.
        // A month after a name word is a surname ("Theresa May") unless a
        // number follows ("May 5").
        let month_name =
            !units.is_empty() && MONTHS.contains(&doc.word(j)) && !doc.tokens.get(j + 1).is_some_and(|t| t.is_num());
        if doc.lang != Lang::Ru
            && !month_name
            && (super::words::EN_FUNCTION.contains(&doc.word(j))
                || doc.lex.title_words_en.contains(doc.word(j))
                || doc.lex.org_heads_en_of.contains(doc.word(j))
                || doc.lex.org_heads_en_end.contains(doc.word(j)))
        {
            break;
        }
        j = u.end;
        units.push(u);
    }
    // Particles inside English names ("Ludwig van Beethoven") are handled
    // by `unit_at` only between capitalized words.
    units
}

fn unit_at(doc: &Doc, j: usize) -> Option<Unit> {
    let t = &doc.tokens[j];
    if !t.is_word() || !(t.is(flag::TITLE) || (t.is(flag::UPPER) && doc.caps_line[j])) {
        return None;
    }
    let w = doc.word(j);
    let letters = w.chars().count();
    // Irish and Italian surnames: "O'Shea", "D’Angelo".
    if letters == 1
        && matches!(w, "O" | "D")
        && doc.tokens.get(j + 1).is_some_and(|a| a.glued() && matches!(a.text(doc.text), "'" | "’"))
        && doc.tokens.get(j + 2).is_some_and(|n| n.glued() && n.is_word() && n.is_capitalized())
    {
        return Some(Unit { start: j, end: j + 3, class: SURN, an: None });
    }
    // An initial: one capital letter and a glued dot ("И.", "J.").
    if letters == 1 {
        if doc.tokens.get(j + 1).is_some_and(|d| d.glued() && d.is_punct(doc.text, '.')) {
            return Some(Unit { start: j, end: j + 2, class: INIT, an: None });
        }
        return None;
    }
    // Hyphenated names: "Салтыков-Щедрин", "Jean-Pierre".
    let mut end = j + 1;
    while end + 1 < doc.tokens.len()
        && doc.tokens[end].glued()
        && doc.tokens[end].is_punct(doc.text, '-')
        && doc.tokens[end + 1].glued()
        && doc.tokens[end + 1].is_word()
        && (doc.tokens[end + 1].is_capitalized() || (!t.is(flag::CYR) && doc.lang != Lang::Ru))
    {
        end += 2;
    }
    let mut class = 0;
    let mut an = None;
    let cyr = t.is(flag::CYR);
    if cyr && doc.lang == Lang::Ru && end == j + 1 {
        let a = morph::analyse(w);
        class |= classes(&a, w);
        an = Some(a);
    } else if cyr && end > j + 1 {
        // Hyphenated Russian: class by the last part ("Римского-Корсакова").
        let a = morph::analyse(doc.word(end - 1));
        class |= classes(&a, doc.word(end - 1)) & (SURN | FIRST);
        if class == 0 {
            class = SURN;
        }
        an = Some(a);
    }
    let want = if doc.lang == Lang::Ru { GLang::Ru } else { GLang::En };
    let mut amb_surname = false;
    for m in doc.gaz_at(j) {
        for e in doc.gazetteer.entries_of(m) {
            match e.kind {
                EntryKind::First { ambiguous: false, .. } if m.end == end && (e.lang == want || !cyr) => class |= FIRST,
                EntryKind::First { ambiguous: true, .. } if m.end == end && (e.lang == want || !cyr) => {
                    class |= FIRST_AMB
                }
                EntryKind::Surname { ambiguous: false } if m.end == end => class |= SURN,
                EntryKind::Surname { ambiguous: true } if m.end == end => amb_surname = true,
                EntryKind::Loc { .. } | EntryKind::Org { .. } if m.end == end => class |= PLACE,
                // The first word of a longer place or organisation name
                // ("Environmental Protection Agency") is not a name part.
                EntryKind::Loc { .. } | EntryKind::Org { .. } if m.end > end => class |= NONNAME,
                _ => {}
            }
        }
    }
    // A country is not a person's name ("министра обороны Израиля").
    if class & PLACE != 0 && country_at(doc, j) {
        class &= !(FIRST | SURN);
    }
    if !cyr && class & (FIRST | SURN) == 0 && t.is(flag::LAT) {
        // Unknown capitalized Latin words may be surnames ("Shearer"),
        // unless they are words of event and institution names or frequent
        // English words ("Bill That Could", "Fair Housing") that are not
        // known surnames ("Gore", "Bush").
        class |= COMMON;
        // Before a hyphenated given name ("Ban Ki-moon") a common word is a
        // family name all the same.
        let hyphen_name_next = doc.tokens.get(end).is_some_and(|t| t.is_word() && t.is_capitalized())
            && doc.tokens.get(end + 1).is_some_and(|t| t.glued() && t.is_punct(doc.text, '-'))
            && doc.tokens.get(end + 2).is_some_and(|t| t.glued() && t.is_word());
        if !doc.lex.nonname_en.contains(w) && (amb_surname || hyphen_name_next || !common_en(doc, w)) {
            class |= SURN;
        } else {
            class |= NONNAME;
        }
    }
    Some(Unit { start: j, end, class, an })
}

/// Endings of Russian surnames in any case ("Токаев" is also a plural of
/// "токай"; the capital and the ending make it a surname).
const SURNAME_ENDINGS: &[&str] = &[
    "ов",
    "ев",
    "ёв",
    "ин",
    "ына",
    "ова",
    "ева",
    "ёва",
    "ина",
    "ову",
    "еву",
    "ину",
    "овым",
    "евым",
    "иным",
    "овой",
    "евой",
    "иной",
    "ове",
    "еве",
    "ине",
    "ского",
    "цкого",
    "ская",
    "цкая",
    "ский",
    "цкий",
    "енко",
    "швили",
    "дзе",
    "ян",
    "янц",
    "ук",
    "юк",
    "ич",
];

/// Classes of a Russian word from its parses.
fn classes(a: &Analysis, w: &str) -> u8 {
    let Some(best) = a.best() else { return SURN };
    let mut c = 0;
    if w.chars().count() > 4 && SURNAME_ENDINGS.iter().any(|e| w.ends_with(e)) && !a.any(g::Orgn | g::Geox) {
        c |= SURN;
    }
    if a.parses.iter().any(|p| p.tag.has(g::Name) && p.known) {
        c |= FIRST;
    }
    if a.parses.iter().any(|p| p.tag.has(g::Patr)) {
        c |= PATR;
    }
    if a.parses.iter().any(|p| p.tag.has(g::Surn) && p.known) {
        c |= SURN;
    }
    if !a.known() {
        // Guessed from the ending: a capitalized unknown word is most often
        // a surname or a foreign name.
        c |= SURN;
    } else if !best.tag.has(g::Name | g::Surn | g::Patr) {
        c |= COMMON;
    }
    c
}

/// What [`accept`] found: how many units, the score, and the rule id of
/// the pattern (the record's `rule` field, a model feature).
type Accepted = Option<(usize, f32, &'static str)>;

// Scores of the name patterns: how often each is a person's name.
/// Given name, patronymic and surname ("Иван Сергеевич Петров").
const FULL_NAME: f32 = 0.95;
/// Surname, given name, patronymic ("Петров Иван Сергеевич").
const SURNAME_FULL: f32 = 0.92;
/// Given name and patronymic; a given name and a strong surname.
const GIVEN_PATRONYMIC: f32 = 0.9;
const GIVEN_SURNAME: f32 = 0.9;
/// English given name, initial, surname ("John F. Kennedy").
const GIVEN_INITIAL_SURNAME: f32 = 0.9;
/// Two given names and a surname; three-part foreign names.
const THREE_PARTS: f32 = 0.88;
/// Initials and a name ("И. И. Иванов", "Иванов И. И.").
const INITIALS: f32 = 0.85;
/// English given, middle and surname ("John Fitzgerald Kennedy").
const GIVEN_MIDDLE_SURNAME: f32 = 0.85;
/// Capitalized words after a title ("Mr. Hoddle", "министр Лавров").
const AFTER_TITLE: f32 = 0.85;
/// A given name and a town's name as the surname ("Роберт Дадли").
const GIVEN_TOWN: f32 = 0.82;
/// A given name and a word that is not a strong surname.
const GIVEN_WEAK: f32 = 0.75;
/// Two or three words the dictionary does not know, mid-sentence.
const UNKNOWN_PAIR: f32 = 0.6;
/// A lone word next to a verb of speech ("сообщил Урин").
const SPEECH_LONE: f32 = 0.6;
/// A lone given name.
const LONE_GIVEN: f32 = 0.55;
/// A lone known surname.
const LONE_SURNAME: f32 = 0.5;
/// English: "Name ( Country )" in results lists; a name next to "said"
/// (with a town's name among its words, or not).
const EN_RESULTS: f32 = 0.85;
const EN_SPEECH_TOWN: f32 = 0.85;
const EN_SPEECH: f32 = 0.7;
/// English: two or three capitalized words mid-sentence (with a town's
/// name among them, or not).
const EN_PAIR_TOWN: f32 = 0.82;
const EN_PAIR: f32 = 0.45;

/// Checks the units from the first: `Some((how many, score, rule))` for
/// the longest acceptable name starting there.
fn accept(doc: &Doc, us: &[Unit], titled: bool) -> Accepted {
    let c = |k: usize| us.get(k).map_or(0, |u| u.class);
    let strong = |x: u8| x & COMMON == 0 && x & PLACE == 0;
    let surn = |x: u8| x & SURN != 0 || (x & COMMON != 0 && x & PLACE == 0 && x & (FIRST | PATR) == 0);
    let ru = doc.lang == Lang::Ru;
    // Initials: "И. И. Иванов", "J. R. Smith", "Иванов И. И.".
    if c(0) & INIT != 0 {
        let mut k = 0;
        while c(k) & INIT != 0 && k < 2 {
            k += 1;
        }
        if c(k) != 0 && c(k) & INIT == 0 && !us.get(k).is_some_and(|u| country_at(doc, u.start)) {
            return Some((k + 1, INITIALS, "per-initials"));
        }
        return None;
    }
    // Surname and initials ("Иванов И. И."), unless the initials belong to
    // the next word ("Госстроя В.Токарева").
    let init_then_name = |k: usize| {
        let mut k = k;
        while c(k) & INIT != 0 {
            k += 1;
        }
        us.get(k).is_some_and(|u| u.class & (SURN | FIRST) != 0 && u.class & INIT == 0)
    };
    if surn(c(0)) && c(1) & INIT != 0 && ru && !init_then_name(1) {
        let k = if c(2) & INIT != 0 { 3 } else { 2 };
        return Some((k, INITIALS, "per-surname-initials"));
    }
    // Surname, given name, patronymic: "Петров Иван Сергеевич".
    if ru && c(0) & SURN != 0 && c(1) & FIRST != 0 && c(2) & PATR != 0 {
        return Some((3, SURNAME_FULL, "per-surname-full"));
    }
    // "знакомый Марины Дмитрий Туркин": a given name before a full name
    // belongs elsewhere.
    // Unless both given names can share a case ("Джордж Уокер Буш").
    let cases_of = |k: usize| us[k].an.as_ref().map_or(!0u64, |a| a.parses.iter().fold(0, |m, p| m | p.tag.case()));
    let share_case = us.len() > 1 && cases_of(0) & cases_of(1) != 0;
    if ru && c(0) & FIRST != 0 && c(1) & FIRST != 0 && c(1) & PATR == 0 && c(2) & SURN != 0 && c(2) & FIRST == 0 {
        if !share_case {
            return None;
        }
        return Some((3, THREE_PARTS, "per-given-given-surname"));
    }
    // Given name first (an ambiguous one only before a real surname).
    let amb_ok = c(0) & FIRST_AMB != 0 && c(0) & FIRST == 0 && (c(1) & (SURN | PATR) != 0 && c(1) & NONNAME == 0);
    if c(0) & FIRST != 0 || amb_ok {
        if c(1) & PATR != 0 && surn(c(2)) && c(2) & INIT == 0 {
            return Some((3, FULL_NAME, "per-full"));
        }
        if c(1) & PATR != 0 {
            return Some((2, GIVEN_PATRONYMIC, "per-given-patronymic"));
        }
        // Three-part foreign names: "Тоомас Хендрик Ильвес", "Агнес Гондже
        // Бояджиу": a given name, a middle word the dictionary does not
        // know or that is a given name, and a surname.
        let plain_name = |k: usize| {
            c(k) & (INIT | PLACE | COMMON) == 0
                && (c(k) & (FIRST | SURN) != 0 || us.get(k).is_some_and(|u| u.an.as_ref().is_some_and(|a| !a.known())))
        };
        if ru && us.len() >= 3 && plain_name(1) && plain_name(2) && c(2) & FIRST == 0 && share_case {
            return Some((3, THREE_PARTS, "per-three-foreign"));
        }
        if c(1) != 0
            && c(1) & INIT == 0
            && (surn(c(1)) || c(1) & FIRST != 0)
            && !(c(1) & PLACE != 0 && c(1) & SURN == 0)
        {
            // "Alan Shearer"; an English middle name: "John Fitzgerald Kennedy".
            if !ru && c(2) != 0 && surn(c(2)) && c(2) & PLACE == 0 && c(2) & INIT == 0 {
                return Some((3, GIVEN_MIDDLE_SURNAME, "per-given-middle-surname"));
            }
            // A known surname or an unknown word that is also a town's name
            // ("Иванова", "Леви") after a given name is the surname.
            let strong_surname =
                strong(c(1)) || (c(1) & SURN != 0 && c(1) & PLACE != 0 && !country_at(doc, us[1].start));
            return Some(if strong_surname {
                (2, GIVEN_SURNAME, "per-given-surname")
            } else {
                (2, GIVEN_WEAK, "per-given-weak")
            });
        }
        // A town name as a surname after a given name ("Роберт Дадли",
        // "Льюис Торренс"); countries are not surnames.
        if c(1) & PLACE != 0 && c(1) & INIT == 0 && !country_at(doc, us[1].start) {
            return Some((2, GIVEN_TOWN, "per-given-town"));
        }
        if c(1) & INIT != 0 && !ru && surn(c(2)) {
            return Some((3, GIVEN_INITIAL_SURNAME, "per-given-initial-surname"));
        }
    }
    if titled {
        // Capitalized words after a title: "Mr. Hoddle", "министр Лавров";
        // not common words ("руководитель Театра").
        // After a title even a town's or region's name is a person's
        // ("Ms. Rivera", "President Obama"); a country is not.
        let town = |k: usize| c(k) & PLACE != 0 && !country_at(doc, us[k].start);
        // In Russian text: not Latin words (firms: "гендиректора Google"),
        // not adjectives ("начальник полиции Иерусалимского округа").
        let ru_ok = |k: usize| {
            let u = &us[k];
            doc.tokens[u.start].is(flag::CYR)
                && !u.an.as_ref().and_then(|a| a.best()).is_some_and(|p| p.known && p.tag.has(g::ADJF))
        };
        // "представитель Роскомнадзора Вадим Ампелонский": the name starts
        // at the given name.
        if ru && c(0) & (FIRST | FIRST_AMB) == 0 && c(1) & FIRST != 0 {
            return None;
        }
        let mut k = 0;
        while k < us.len()
            && k < 3
            && (c(k) & PLACE == 0 || town(k))
            && c(k) & INIT == 0
            && (!ru || (c(k) & (COMMON | SURN) != COMMON && ru_ok(k)))
        {
            k += 1;
        }
        if k > 0 {
            return Some((k, AFTER_TITLE, "per-title"));
        }
    }
    // Two words the dictionary does not know, mid-sentence: a foreign
    // name ("Карлос Амарилья"); Latin words are left to the organisation
    // rules unless a gazetteer says given name.
    let u = &us[0];
    let unknown =
        |k: usize| us.get(k).is_some_and(|u| u.an.as_ref().is_some_and(|a| !a.known())) && c(k) & (PLACE | INIT) == 0;
    if ru
        && unknown(0)
        && (unknown(1) || c(1) & SURN != 0 && c(1) & (COMMON | PLACE | INIT) == 0)
        && !doc.initial[u.start]
        && !doc.caps_line[u.start]
    {
        let n = if unknown(2) { 3 } else { 2 };
        return Some((n, UNKNOWN_PAIR, "per-unknown-pair"));
    }
    if !ru && let Some(r) = english_context(doc, us) {
        return Some(r);
    }
    // A lone given name or surname.
    // Not sentence-initial, not in capitals, not a quoted title ("«Орион»").
    let quoted = u.start > 0 && doc.tokens[u.start].glued() && doc.tokens[u.start - 1].kind == TokKind::Punct;
    // After "в", "из", "на" a lone capitalized word is a place far more
    // often than a person ("в Джалал-Абаде").
    let after_place_prep =
        u.start > 0 && matches!(doc.word(u.start - 1), "в" | "во" | "из" | "на" | "под" | "in" | "at" | "from");
    let lone_ok =
        !doc.initial[u.start] && !doc.caps_line[u.start] && !quoted && !after_place_prep && u.end == u.start + 1;
    let common_reading =
        u.an.as_ref().is_some_and(|a| a.parses.iter().any(|p| p.known && !p.tag.has(g::Name | g::Surn | g::Patr)));
    if c(0) & FIRST != 0
        && c(0) & PLACE == 0
        && !quoted
        && !after_place_prep
        && u.end == u.start + 1
        && (lone_ok || (best_is(u, g::Name) && !common_reading))
    {
        return Some((1, LONE_GIVEN, "per-lone-given"));
    }
    // A lone word next to a verb of speech: "Камменос также отметил",
    // "сообщил Урин".
    if ru
        && u.end == u.start + 1
        && c(0) & (PLACE | INIT) == 0
        && !quoted
        && !after_place_prep
        && (c(0) & (SURN | FIRST) != 0 || !u.an.as_ref().is_some_and(|a| a.known()))
        && speech_next_to(doc, u)
    {
        return Some((1, SPEECH_LONE, "per-speech-lone"));
    }
    // A known surname alone (at a sentence start too: "Путин также …").
    let surname_ok = (lone_ok || (doc.initial[u.start] && !quoted && !doc.caps_line[u.start])) && u.end == u.start + 1;
    if ru
        && c(0) & SURN != 0
        && c(0) & PLACE == 0
        && c(0) & COMMON == 0
        && surname_ok
        && best_is(u, g::Surn)
        && u.end == u.start + 1
    {
        return Some((1, LONE_SURNAME, "per-lone-surname"));
    }
    None
}

/// English names without a gazetteer given name, from their context:
/// "Name ( Country )" in results, "Name said", "said Name", and a weak
/// guess for two capitalized words mid-sentence.
fn english_context(doc: &Doc, us: &[Unit]) -> Accepted {
    // Towns are common surnames and given names ("Clayton", "Kyle");
    // countries, regions and words of institution names are not.
    let town = |u: &Unit| u.class & PLACE != 0 && !country_at(doc, u.start) && !region_at(doc, u.start);
    let plain = |u: &Unit| {
        u.class & (INIT | NONNAME) == 0 && doc.tokens[u.start].is(flag::LAT) && (u.class & PLACE == 0 || town(u))
    };
    let mut n = 0;
    while n < us.len() && n < 3 && plain(&us[n]) {
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let (s, e) = (us[0].start, us[n - 1].end);
    let next = |k: usize| doc.tokens.get(e + k).map(|t| t.text(doc.text));
    // "Name ( Country )" in results lists.
    if n >= 2 && next(0) == Some("(") && country_at(doc, e + 1) {
        return Some((n, EN_RESULTS, "per-en-results"));
    }
    let speech = |w: Option<&str>| matches!(w, Some("said" | "says" | "told" | "added" | "stated"));
    let places = us[..n].iter().filter(|u| u.class & PLACE != 0).count();
    if speech(next(0)) || (s > 0 && matches!(doc.word(s - 1), "said" | "says")) {
        return Some(if places > 0 {
            (n, EN_SPEECH_TOWN, "per-en-speech-town")
        } else {
            (n, EN_SPEECH, "per-en-speech")
        });
    }
    if n < 2 || doc.caps_line[s] || places == n {
        return None;
    }
    // Two or three capitalized words: mid-sentence, or at a sentence start
    // when a lower-case word or a comma follows ("Peter Novak joined").
    let then_lower = doc.tokens.get(e).is_some_and(|t| (t.is_word() && t.is(flag::LOWER)) || t.is_punct(doc.text, ','));
    if !doc.initial[s] || then_lower {
        // A town among them ("Kyle Reese", "Anna Schmidt") is a name when
        // the other word is not a place: it must outscore the town.
        return Some(if places > 0 {
            (n.min(3), EN_PAIR_TOWN, "per-en-pair-town")
        } else {
            (n.min(3), EN_PAIR, "per-en-pair")
        });
    }
    None
}

/// A gazetteer first-level region starts at token `i`.
fn region_at(doc: &Doc, i: usize) -> bool {
    doc.gaz_at(i).any(|m| {
        doc.gazetteer
            .entries_of(m)
            .any(|e| matches!(e.kind, EntryKind::Loc { kind: crate::extract::LocKind::Region, .. }))
    })
}

/// Russian verbs of speech (lemmas) that take a person as subject.
const SPEECH_RU: &[&str] = &[
    "сказать",
    "заявить",
    "отметить",
    "сообщить",
    "подчеркнуть",
    "добавить",
    "пояснить",
    "рассказать",
    "уточнить",
    "ответить",
    "объявить",
    "признаться",
    "напомнить",
    "считать",
    "говорить",
    "написать",
    "назвать",
    "выступить",
    "предложить",
    "призвать",
    "заметить",
    "признать",
];

/// A verb of speech right after the unit (an adverb like "также" may
/// come between), or right before it.
fn speech_next_to(doc: &Doc, u: &Unit) -> bool {
    let speech = |k: usize| {
        doc.tokens.get(k).is_some_and(|t| t.is_word() && t.is(flag::LOWER) && t.is(flag::CYR)) && {
            let a = morph::analyse(doc.word(k));
            a.parses.iter().any(|p| p.tag.has(g::VERB) && SPEECH_RU.contains(&&*p.lemma))
        }
    };
    let after = u.end;
    let adverb = |k: usize| {
        doc.tokens.get(k).is_some_and(|t| t.is_word())
            && matches!(doc.word(k), "также" | "тоже" | "уже" | "ранее" | "позже" | "затем" | "вновь" | "лишь" | "не")
    };
    speech(after) || (adverb(after) && speech(after + 1)) || (u.start > 0 && speech(u.start - 1))
}

/// A gazetteer country starts at token `i`.
fn country_at(doc: &Doc, i: usize) -> bool {
    doc.gaz_at(i).any(|m| {
        doc.gazetteer.entries_of(m).any(|e| {
            matches!(
                e.kind,
                EntryKind::Loc { kind: crate::extract::LocKind::Country | crate::extract::LocKind::Other, .. }
            )
        })
    })
}

fn best_is(u: &Unit, bits: u64) -> bool {
    u.an.as_ref().and_then(|a| a.best()).is_some_and(|p| p.tag.has(bits) && p.known)
}

/// The normalized name of the units. `gov` holds the cases of a role noun
/// the name stands in apposition to ("губернатора Романа Копина"): among
/// equally good readings, one in such a case wins.
fn normalize(doc: &Doc, us: &[Unit], gov: u64) -> String {
    if doc.lang != Lang::Ru || us.iter().all(|u| u.an.is_none()) {
        let s = doc.clean(us[0].start, us[us.len() - 1].end);
        return if us.iter().any(|u| doc.caps_line[u.start]) { super::title_case(&s) } else { s };
    }
    // Pick the case every name word can take; the given name sets the
    // gender. Order: nominative first, it wins ties.
    let cases = [g::nomn, g::gent, g::datv, g::accs, g::ablt, g::loct];
    let name_bits = g::Name | g::Surn | g::Patr;
    let fits = |u: &Unit, case: u64, gender: u64| -> bool {
        u.an.as_ref().is_none_or(|a| {
            a.parses.iter().any(|p| {
                p.tag.case() & case != 0
                    && (p.tag.has(name_bits) || !p.known)
                    && (gender == 0 || p.tag.gender() == 0 || p.tag.gender() & gender != 0)
            }) || a.parses.iter().all(|p| p.tag.has(g::Fixd))
        })
    };
    // The governing role noun's case breaks ties only when the given name
    // is a dictionary name that can be in that case ("губернатора Романа
    // …"); an unknown foreign name says nothing about its case.
    let gov = if us.iter().any(|u| {
        u.class & FIRST != 0
            && u.an
                .as_ref()
                .is_some_and(|a| a.parses.iter().any(|p| p.known && p.tag.has(g::Name) && p.tag.case() & gov != 0))
    }) {
        gov
    } else {
        0
    };
    // Case and gender together: "Дмитрию Медведеву" is masculine dative
    // though "Дмитрию" alone could be read as feminine.
    let mut best = (0usize, g::nomn, 0u64);
    for &case in &cases {
        for gender in [g::masc, g::femn] {
            // The given name decides: it counts double.
            let n: usize =
                us.iter().filter(|u| fits(u, case, gender)).map(|u| if u.class & FIRST != 0 { 2 } else { 1 }).sum();
            let strict = us
                .iter()
                .filter_map(|u| u.an.as_ref())
                .filter(|a| {
                    a.parses
                        .iter()
                        .any(|p| p.tag.case() & case != 0 && p.tag.has(name_bits) && p.tag.gender() & gender != 0)
                })
                .count();
            let key = (n * 16 + strict) * 2 + usize::from(case & gov != 0);
            if key > best.0 {
                best = (key, case, gender);
            }
        }
    }
    let (_, case, gender) = best;
    let mut words = Vec::with_capacity(us.len());
    for u in us {
        let surface = doc.clean(u.start, u.end);
        let Some(a) = &u.an else {
            words.push(surface);
            continue;
        };
        let pick = a
            .parses
            .iter()
            .filter(|p| {
                p.tag.case() & case != 0
                    && (gender == 0 || p.tag.gender() == 0 || p.tag.gender() & gender != 0)
                    && p.tag.has(g::NOUN)
                    // One person: "Саидов" is not the plural of "Саид".
                    && !(p.tag.has(g::plur) && p.tag.has(g::Name))
            })
            .max_by(|x, y| {
                let rank = |p: &morph::Parse| {
                    (p.tag.has(name_bits) as u8) * 4 + (p.tag.has(g::sing) as u8) * 2 + p.known as u8
                };
                rank(x).cmp(&rank(y)).then(x.score.total_cmp(&y.score))
            });
        // A hyphenated name inflects its last part: "Касым-Жомарту" →
        // "Касым-Жомарт".
        let (prefix, last) = if u.end - u.start > 1 {
            let cut = doc.tokens[u.end - 1].span.start;
            (&doc.text[doc.tokens[u.start].span.start..cut], doc.word(u.end - 1))
        } else {
            ("", surface.as_str())
        };
        match pick.and_then(|p| p.nomn()) {
            Some(n) => words.push(format!("{prefix}{}", morph::recase(&n, last))),
            // An unknown masculine surname in an oblique case the
            // dictionary's guess missed ("губернатора Игоря Сомова").
            None if gender == g::masc && case != g::nomn && u.class & SURN != 0 => {
                match words::masc_surname_nomn(&surface) {
                    Some(stem) => words.push(stem.to_owned()),
                    None => words.push(surface),
                }
            }
            None => words.push(surface),
        }
    }
    words.join(" ")
}

/// A title right before token `i`: `(first token of the title, its
/// text)`. English titles from the list; Russian role nouns by lemma.
fn title_before(doc: &Doc, i: usize) -> Option<(usize, String, u64)> {
    if i == 0 {
        return None;
    }
    match doc.lang {
        Lang::Ru => {
            // The role noun right before the name, or a few words before
            // it with its complement between: "министр иностранных дел
            // России Сергей Лавров".
            // "46-летний Деуэйн Джонсон": an age is as good as a title.
            let w = doc.word(i - 1);
            if w.starts_with("летн")
                && i >= 3
                && doc.tokens[i - 2].is_punct(doc.text, '-')
                && doc.tokens[i - 3].is_num()
            {
                return Some((i - 3, String::new(), 0));
            }
            let mut k = i;
            while k > 0 && i - k < 6 {
                k -= 1;
                let t = &doc.tokens[k];
                if !t.is_word() || !t.is(flag::CYR) || !doc.same_line(k) {
                    return None;
                }
                let a = morph::analyse(doc.word(k));
                if let Some(p) = a.parses.iter().find(|p| p.tag.has(g::NOUN) && doc.lex.roles_ru.contains(&*p.lemma)) {
                    let mut head = p.nomn().unwrap_or_else(|| p.lemma.to_string());
                    let mut case = a
                        .parses
                        .iter()
                        .filter(|p| p.tag.has(g::NOUN) && doc.lex.roles_ru.contains(&*p.lemma))
                        .fold(0, |c, p| c | p.tag.case());
                    // "Пресс-секретарь": the compound's first part.
                    let mut s = k;
                    if k >= 2 && t.glued() && doc.tokens[k - 1].is_punct(doc.text, '-') && doc.tokens[k - 2].is_word() {
                        s = k - 2;
                        head = format!("{}-{head}", doc.word(k - 2).to_lowercase());
                    }
                    let mut tail = if k + 1 < i { format!(" {}", doc.clean(k + 1, i)) } else { String::new() };
                    // A role noun governing this one keeps its place:
                    // "заместитель Председателя Правительства", "советнику
                    // министра"; the name agrees with the outer noun.
                    if s > 0 && doc.same_line(s - 1) && doc.tokens[s - 1].is(flag::CYR) && doc.tokens[s - 1].is_word() {
                        let b = morph::analyse(doc.word(s - 1));
                        let outer: Vec<_> = b
                            .parses
                            .iter()
                            .filter(|p| p.tag.has(g::NOUN) && doc.lex.roles_ru.contains(&*p.lemma))
                            .collect();
                        if let Some(o) = outer.first()
                            && (a.parses.iter().any(|p| p.tag.case() & g::gent != 0 && p.tag.has(g::NOUN)))
                        {
                            tail = format!(" {}", doc.clean(s, i));
                            head = o.nomn().unwrap_or_else(|| o.lemma.to_string());
                            case = outer.iter().fold(0, |c, p| c | p.tag.case());
                            s -= 1;
                        }
                    }
                    let head = if doc.tokens[s].is(flag::TITLE) { head.to_lowercase() } else { head };
                    return Some((s, format!("{head}{tail}"), case));
                }
                // Between the role and the name: genitive words, names of
                // places and organisations.
                let gent = a.parses.iter().any(|p| p.tag.case() & g::gent != 0 && p.tag.has(g::NOUN | g::ADJF));
                if !(gent || t.is(flag::UPPER)) {
                    return None;
                }
            }
            None
        }
        _ => {
            // Words before `i`, dots skipped, compared with each title.
            let mut words: Vec<(usize, &str)> = Vec::new();
            let mut k = i;
            while k > 0 && words.len() < 5 {
                k -= 1;
                let t = &doc.tokens[k];
                if t.is_punct(doc.text, '.') && t.glued() {
                    continue;
                }
                if !t.is_word() || !doc.same_line(k) {
                    break;
                }
                words.push((k, doc.word(k)));
            }
            words.reverse();
            for title in &doc.lex.titles_en {
                if title.len() > words.len() {
                    continue;
                }
                let tail = &words[words.len() - title.len()..];
                if tail.iter().zip(title).all(|((_, w), t)| w == t) {
                    let s = tail[0].0;
                    return Some((s, doc.clean(s, i).trim_end_matches('.').to_owned(), 0));
                }
            }
            None
        }
    }
}

/// The role the text gives for a name at `[start, end)`: the title before
/// it, or an apposition after a comma whose head is a role noun in the
/// name's case ("Жанной Ташиевой, национальным координатором …").
fn role_of(doc: &Doc, title: &Option<(usize, String, u64)>, end: usize, us: &[Unit]) -> Option<String> {
    if let Some((_, t, _)) = title {
        // Abbreviated English titles are spelled out ("Sens." → Senator).
        let full = match t.as_str() {
            "Sen" | "Sens" => "Senator",
            "Rep" | "Reps" => "Representative",
            "Gov" | "Govs" => "Governor",
            "Lt. Gov" | "Lt Gov" => "Lieutenant Governor",
            "Atty. Gen" | "Atty Gen" => "Attorney General",
            t => t,
        };
        return (!full.is_empty()).then(|| full.to_owned());
    }
    if doc.lang != Lang::Ru || end + 2 >= doc.tokens.len() || !doc.tokens[end].is_punct(doc.text, ',') {
        return None;
    }
    // The name's case, from its last word.
    let case = us.last().and_then(|u| u.an.as_ref()).map(|a| a.parses.iter().fold(0, |c, p| c | p.tag.case()))?;
    // Up to 2 adjectives, then a role noun in that case.
    let mut j = end + 1;
    let mut head = None;
    while j < doc.tokens.len() && j < end + 5 {
        let t = &doc.tokens[j];
        if !t.is_word() || !t.is(flag::CYR) {
            break;
        }
        // "пресс-секретарь": judge the compound by its last part.
        let mut last = j;
        if j + 2 < doc.tokens.len()
            && doc.tokens[j + 1].glued()
            && doc.tokens[j + 1].is_punct(doc.text, '-')
            && doc.tokens[j + 2].glued()
            && doc.tokens[j + 2].is_word()
        {
            last = j + 2;
        }
        let a = morph::analyse(doc.word(last));
        // Nominative too: an apposition is often left in it ("Мария
        // Кузнецова, пресс-секретарь фонда").
        let cases = case | g::nomn;
        if a.parses
            .iter()
            .any(|p| p.tag.has(g::NOUN) && p.tag.case() & cases != 0 && doc.lex.roles_ru.contains(&*p.lemma))
        {
            head = Some(last);
            break;
        }
        if !a.parses.iter().any(|p| p.tag.has(g::ADJF) && p.tag.case() & case != 0) {
            break;
        }
        j += 1;
    }
    let head = head?;
    // The role runs to the end of the clause.
    let mut e = head + 1;
    while e < doc.tokens.len() && doc.same_line(e - 1) {
        let t = &doc.tokens[e];
        if t.kind == TokKind::Punct && !matches!(t.text(doc.text), "-" | "«" | "»" | "\"") {
            break;
        }
        if t.is_word() && t.is(flag::LOWER) && !doc.tokens[e - 1].is_word() {
            // lower-case word after punctuation: a new clause.
        }
        e += 1;
    }
    let phrase = words::nominative_phrase(doc, end + 1, head, e, case | g::nomn);
    Some(phrase)
}
