//! Word-level helpers that several NER rule families share: English
//! function words, the common-English-word test, Russian agreement and
//! the nominative of a head phrase.
//!
//! A leaf module (it uses only `Doc`, `morph` and the word lists), so that
//! `org.rs` and `person.rs` (and `loc.rs`) need not import each other. It
//! holds no rule of its own.

use super::Doc;
use super::morph::{self, Parse, g};

/// Endings a masculine Russian surname in -ов/-ев/-ин takes in the
/// oblique cases ("Карасиным", "Сомова").
pub const SURNAME_CASE_ENDINGS: &[&str] = &["ым", "ом", "а", "у", "е"];

/// The nominative of a masculine surname in -ов/-ев/-ин/-ын written in an
/// oblique case, by its ending alone (for surnames the dictionary does not
/// know): "Сомова" → "Сомов".
pub fn masc_surname_nomn(w: &str) -> Option<&str> {
    SURNAME_CASE_ENDINGS.iter().find_map(|e| {
        let stem = w.strip_suffix(e)?;
        ["ов", "ев", "ёв", "ин", "ын"].iter().any(|s| stem.ends_with(s)).then_some(stem)
    })
}

/// Capitalized English words that start sentences or headlines without
/// being names.
pub const EN_FUNCTION: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "Or",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "Your",
    "When",
    "After",
    "Before",
    "If",
    "As",
    "By",
    "With",
    "From",
    "To",
    "Of",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "There",
    "Here",
    "While",
    "Although",
    "Since",
    "Under",
    "Over",
    "During",
    "According",
    "Meanwhile",
    "However",
    "Also",
    "Both",
    "All",
    "Some",
    "Many",
    "Most",
    "New",
    "Former",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Today",
    "Yesterday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Is a capitalized Latin word a frequent English word, or an inflection
/// of one ("Cards", "Reaches", "Charged", "Housing")?
pub fn common_en(doc: &Doc, w: &str) -> bool {
    const MAX: usize = 24;
    if w.len() > MAX || !w.is_ascii() {
        return false;
    }
    // Lower-cased into a stack buffer with one spare byte for a restored
    // "e"/"y" ending: no allocation per word.
    let mut buf = [0u8; MAX + 1];
    buf[..w.len()].copy_from_slice(w.as_bytes());
    buf[..w.len()].make_ascii_lowercase();
    let set = &doc.lex.common_en;
    let mut has = |len: usize, extra: Option<u8>| {
        let Some(c) = extra else {
            return len > 0 && std::str::from_utf8(&buf[..len]).is_ok_and(|x| set.contains(x));
        };
        let old = std::mem::replace(&mut buf[len], c);
        let found = std::str::from_utf8(&buf[..=len]).is_ok_and(|x| set.contains(x));
        buf[len] = old;
        found
    };
    let n = w.len();
    let ends = |suffix: &str| n > suffix.len() && w[n - suffix.len()..].eq_ignore_ascii_case(suffix);
    has(n, None)
        || (ends("s") && has(n - 1, None))
        || (ends("es") && has(n - 2, None))
        || (ends("ies") && has(n - 3, Some(b'y')))
        || (ends("ed") && (has(n - 2, None) || has(n - 2, Some(b'e'))))
        || (ends("ing") && (has(n - 3, None) || has(n - 3, Some(b'e'))))
}

/// Adjective reading `p` agrees with head reading `h` in case, number and
/// gender.
pub fn agrees(p: &Parse, h: &Parse) -> bool {
    p.tag.case() & h.tag.case() != 0
        && p.tag.number() & h.tag.number() != 0
        && (h.tag.has(g::plur) || p.tag.gender() == 0 || p.tag.gender() & h.tag.gender() != 0)
}

/// Tokens `[s, e)` as a name: the words `s..=head` in the nominative
/// (agreeing with the head's `case` reading), the rest as written.
pub fn nominative_phrase(doc: &Doc, s: usize, head: usize, e: usize, case: u64) -> String {
    let mut out = String::new();
    let ha = morph::analyse(doc.word(head));
    let hp = ha
        .parses
        .iter()
        .find(|p| p.tag.has(g::NOUN) && p.tag.case() & case != 0 && doc.lex.org_heads_ru.contains(&*p.lemma))
        .or_else(|| ha.parses.iter().find(|p| p.tag.has(g::NOUN) && p.tag.case() & case != 0))
        .or_else(|| ha.best());
    for k in s..e {
        if k > s && !doc.tokens[k].glued() {
            out.push(' ');
        }
        let w = doc.word(k);
        if k > head || !doc.tokens[k].is_word() {
            out.push_str(w);
            continue;
        }
        let a = morph::analyse(w);
        let p = if k == head {
            hp
        } else {
            hp.and_then(|h| a.parses.iter().find(|p| p.tag.has(g::ADJF | g::PRTF) && agrees(p, h)))
        };
        match p.and_then(|p| p.nomn()) {
            Some(n) => out.push_str(&morph::recase(&n, w)),
            None => out.push_str(w),
        }
    }
    out
}
