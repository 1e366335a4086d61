//! ADDRESS mentions: postal addresses in Russian/CIS ("ул. Неглинная, д. 12,
//! Москва, 107016"), US ("950 Pennsylvania Avenue NW, Washington, DC
//! 20530", "P.O. Box 1948, Faribault, MN 55021") and European styles
//! ("Rue de la Loi 200, 1049 Brussels, Belgium"), one span each, with
//! `{name, postcode?, city?, country?}`.
//!
//! How. An address is a run of comma-separated *parts* that are each
//! address-like: a street (a street-type word such as "ул.", "проспект",
//! "бульвар", "Street", "Ave.", "Rue", "-straße" with its name and
//! number), a house/unit part ("д. 12", "5й этаж", "Suite 300"), a
//! building ("Бизнес центр "Орион""), a postcode (six digits; a US state
//! and ZIP; a UK postcode; "1049 Brussels"), a city or country
//! (`data/places.tsv`, "г. X", a LOC mention already found, or a
//! capitalized name right before a postcode or state), a US state, a P.O.
//! box. Each line is cut into parts; runs of address parts are grown from
//! anchors (street, P.O. box, postcode); a line that is address parts from
//! start to end is joined with the next such line (at most one blank line
//! between), which is how contact blocks write addresses. A run becomes an
//! ADDRESS only when it is strong: a street with a number, a P.O. box with
//! a city or postcode, or a postcode with a city, country, state or street.
//! Precision comes first: a street name without a number, a postcode, a
//! city or a house number alone are not addresses, and prose around an
//! address never joins it (runs stop at a part that is not address-like,
//! at a colon, a semicolon, or a sentence end).
//!
//! The value: `name` is the parts joined on one line with ", " (white
//! space collapsed); `postcode` as written; `city` as written ("г." left
//! out); `country` the ISO 3166-1 alpha-2 code of the stated country, else
//! of the state (US) or of a gazetteer city.
//!
//! It does not parse addresses without any number (a street name alone),
//! Chinese/Japanese order, or addresses spread over prose ("on the corner
//! of…").

use super::places::{self, PlaceKind};
use super::{AddressValue, Context, Extractor, Kind, Mention, Value};
use crate::span::Span;
use crate::text::{lower_buf, lowercase};
use aho_corasick::AhoCorasick;

/// Russian street types written before or after the name.
const RU_STREET: &[&str] = &[
    "ул.",
    "ул",
    "улица",
    "проспект",
    "просп.",
    "пр-т",
    "пр-кт",
    "пр.",
    "бульвар",
    "б-р",
    "бул.",
    "пер.",
    "переулок",
    "шоссе",
    "ш.",
    "пл.",
    "площадь",
    "наб.",
    "набережная",
    "проезд",
    "пр-д",
    "мкр.",
    "мкр",
    "микрорайон",
    "тупик",
    "аллея",
    "тракт",
];
/// English/European street types written after the name.
const EN_STREET_AFTER: &[&str] = &[
    "Street",
    "St.",
    "St",
    "Avenue",
    "Ave.",
    "Ave",
    "Road",
    "Rd.",
    "Rd",
    "Boulevard",
    "Blvd.",
    "Blvd",
    "Lane",
    "Ln.",
    "Drive",
    "Dr.",
    "Way",
    "Place",
    "Pl.",
    "Court",
    "Ct.",
    "Highway",
    "Hwy.",
    "Parkway",
    "Pkwy.",
    "Square",
    "Sq.",
    "Terrace",
    "Circle",
    "Plaza",
    "Pike",
    "Turnpike",
];
/// Street types that also mean something else ("Supreme Court", "St.
/// Petersburg"): they need another address part to count.
const EN_AMBIGUOUS: &[&str] =
    &["St", "Way", "Place", "Pl.", "Court", "Ct.", "Square", "Sq.", "Circle", "Plaza", "Dr.", "Drive"];
/// European street types written before the name, number after.
const EU_STREET_BEFORE: &[&str] = &[
    "Rue",
    "Avenue",
    "Boulevard",
    "Bd",
    "Via",
    "Viale",
    "Piazza",
    "Calle",
    "Plaza",
    "Place",
    "Square",
    "Chaussée",
    "Quai",
    "Strada",
];
/// German/Dutch street suffixes, number after ("Hauptstraße 5").
const EU_SUFFIX: &[&str] =
    &["straße", "strasse", "str.", "weg", "platz", "allee", "gasse", "ring", "straat", "laan", "plein"];
const DIRECTIONS: &[&str] = &["NW", "NE", "SW", "SE", "N", "S", "E", "W", "N.W.", "N.E.", "S.W.", "S.E."];
/// Prefixes of house / unit parts.
const HOUSE_WORDS: &[&str] = &[
    "д.",
    "д",
    "дом",
    "корп.",
    "корпус",
    "к.",
    "стр.",
    "строение",
    "офис",
    "оф.",
    "кв.",
    "каб.",
    "кабинет",
    "пом.",
    "помещение",
    "эт.",
    "этаж",
    "литера",
    "лит.",
    "suite",
    "ste.",
    "ste",
    "floor",
    "fl.",
    "room",
    "rm.",
    "unit",
    "apt.",
    "apt",
    "apartment",
    "bldg.",
    "building",
    "office",
];
const BUILDING_WORDS: &[&str] = &[
    "бизнес центр",
    "бизнес-центр",
    "бц ",
    "торговый центр",
    "тц ",
    "здание",
    "business center",
    "business centre",
    "building",
    "tower",
    "house",
    "centre",
    "center",
];

/// What one comma-separated part of a line is.
#[derive(Clone, Debug, Default)]
struct Part {
    /// The span kept for the address (trimmed; for a street, from the
    /// street's first word).
    span: Span,
    street: bool,
    /// The street word is unambiguous ("Street", "ул.", not "Court").
    street_sure: bool,
    /// A house number is in this part.
    number: bool,
    house: bool,
    building: bool,
    postcode: Option<String>,
    city: Option<String>,
    country: Option<String>,
    state: bool,
    pobox: bool,
    /// A capitalized name without digits (a city when a postcode follows).
    caps: bool,
    /// Text before the kept span that is not address (only allowed on the
    /// first part of a run).
    prose_before: bool,
    /// Text after the kept span that is not address (only allowed on the
    /// last part of a run).
    prose_after: bool,
}

impl Part {
    fn is_address(&self) -> bool {
        self.street
            || self.house
            || self.building
            || self.postcode.is_some()
            || self.city.is_some()
            || self.country.is_some()
            || self.state
            || self.pobox
    }
}

fn is_house_number(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']);
    let mut chars = w.chars();
    let Some(first) = chars.next() else { return false };
    if !first.is_ascii_digit() {
        return false;
    }
    let digits = w.bytes().take_while(|c| c.is_ascii_digit()).count();
    let rest = &w[digits..];
    digits <= 5
        && (rest.is_empty()
            || rest.chars().count() == 1 && rest.chars().all(char::is_alphabetic)
            || rest.starts_with(['/', '-']) && rest[1..].chars().all(|c| c.is_alphanumeric()) && rest.len() <= 6)
}

fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whitespace-separated words of `s` with their byte offsets.
fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// `w` lower-cased is one of `list` (lower-case entries, all shorter
/// than 64 bytes). Lower-cases into a stack buffer: this runs on every
/// word of every line worth parsing.
fn lower_in(w: &str, list: &[&str]) -> bool {
    let mut buf = [0u8; 64];
    lower_buf(w, &mut buf).is_some_and(|l| list.contains(&l))
}

/// `w.to_lowercase().ends_with(suffix)` and the lower-cased word is longer
/// than the suffix by more than `extra` bytes, without the allocation.
fn lower_ends_with(w: &str, suffix: &str, extra: usize) -> bool {
    // Per-character lower-casing of the tail, compared backwards; the
    // total lower-cased length is only needed when the tail matches.
    let mut tail = w.chars().rev().flat_map(|c| c.to_lowercase().rev());
    if !suffix.chars().rev().all(|s| tail.next() == Some(s)) {
        return false;
    }
    w.chars().flat_map(char::to_lowercase).map(char::len_utf8).sum::<usize>() > suffix.len() + extra
}

/// "ул.Неглинная" → ("ул.", "Неглинная").
fn split_glued_abbrev(w: &str) -> Option<(&str, &str)> {
    let dot = w.find('.')?;
    let (a, b) = w.split_at(dot + 1);
    (!b.is_empty() && lower_in(a, RU_STREET) && capitalized(b)).then_some((a, b))
}

/// The LOC mention with exactly `span`, from `locs` sorted by span (a
/// linear scan per part was quadratic in long documents).
fn loc_at(locs: &[(Span, Option<String>)], span: Span) -> Option<&(Span, Option<String>)> {
    let i = locs.partition_point(|(s, _)| (s.start, s.end) < (span.start, span.end));
    locs.get(i).filter(|(s, _)| *s == span)
}

/// Classifies `part` (a trimmed piece of a line at `base`).
fn classify(text: &str, span: Span, locs: &[(Span, Option<String>)]) -> Part {
    let s = span.of(text);
    let mut p = Part { span, ..Part::default() };
    // A trailing dot is the sentence's, unless it ends an abbreviation
    // ("Неглинная ул.", "1 Main Ave.").
    let mut core = s.trim_end_matches(['.', ';']).trim();
    let last_word = s.trim_end_matches(';').split_whitespace().next_back().unwrap_or("");
    if last_word.ends_with('.')
        && !last_word.ends_with("..")
        && (lower_in(last_word, RU_STREET) || EN_STREET_AFTER.contains(&last_word) || lower_in(last_word, HOUSE_WORDS))
    {
        core = s.trim_end_matches(';').trim();
    }
    let core_span = Span::new(span.start, span.start + core.len());
    p.span = core_span;
    // "Ky.", "D.C.": abbreviations keep their dot.
    let with_dot = s.trim_end_matches(';').trim();
    if with_dot.ends_with('.')
        && with_dot.len() <= 12
        && let Some(place) = places::lookup(with_dot).into_iter().next()
    {
        p.span = Span::new(span.start, span.start + with_dot.len());
        p.state = place.kind == PlaceKind::State;
        p.country = Some(place.country().to_owned());
        if place.kind == PlaceKind::City {
            p.city = Some(with_dot.to_owned());
        }
        return p;
    }
    let ws = words(core);
    if ws.is_empty() {
        return p;
    }
    let lower = lowercase(core);

    // Postcodes.
    let all_digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    if ws.len() == 1 && all_digits(core) && core.len() == 6 {
        p.postcode = Some(core.to_owned());
        return p;
    }
    // "DC 20530", "MN 55021-6091", "Minnesota 55021-2661".
    if ws.len() >= 2 {
        let (zi, zip) = ws[ws.len() - 1];
        let zip5 = zip.len() == 5 && all_digits(zip)
            || zip.is_ascii() && zip.len() == 10 && all_digits(&zip[..5]) && &zip[5..6] == "-" && all_digits(&zip[6..]);
        let state_name = core[..zi].trim();
        if zip5 && places::find(state_name, PlaceKind::State).is_some() {
            p.postcode = Some(zip.to_owned());
            p.state = true;
            p.country = Some("US".to_owned());
            return p;
        }
        // "1049 Brussels", "10117 Berlin", "720040 Бишкек": the city must
        // be known (gazetteer or a LOC mention), else "2017 Annual Report"
        // would be a postcode and a city.
        let (_, first) = ws[0];
        if all_digits(first) && (4..=6).contains(&first.len()) && ws.len() <= 4 {
            let city = core[ws[1].0..].trim();
            let city_span = Span::new(span.start + ws[1].0, core_span.end);
            let known = places::find(city, PlaceKind::City).map(|c| Some(c.country().to_owned()));
            let loc = loc_at(locs, city_span).map(|(_, c)| c.clone());
            if let Some(country) = known.or(loc) {
                p.postcode = Some(first.to_owned());
                p.city = Some(city.to_owned());
                p.country = country;
                return p;
            }
        }
        // "London SW1A 2AA".
        if ws.len() >= 3 && uk_postcode(ws[ws.len() - 2].1, ws[ws.len() - 1].1) {
            let city = core[..ws[ws.len() - 2].0].trim();
            if ws[..ws.len() - 2].iter().all(|(_, w)| capitalized(w)) {
                p.postcode = Some(format!("{} {}", ws[ws.len() - 2].1, ws[ws.len() - 1].1));
                p.city = Some(city.to_owned());
                // The postcode's shape is British.
                p.country = Some("GB".to_owned());
                return p;
            }
        }
        if ws.len() == 2 && uk_postcode(ws[0].1, ws[1].1) {
            p.postcode = Some(core.to_owned());
            return p;
        }
    }

    // P.O. boxes.
    // Every pattern holds an 'x' or a 'я' (a cheap pre-check).
    let boxes: &[&str] = if lower.contains(['x', 'я']) {
        &["p.o. box", "po box", "p. o. box", "post office box", "а/я", "абонентский ящик"]
    } else {
        &[]
    };
    for pre in boxes {
        if let Some(i) = lower.find(pre)
            && lower[i + pre.len()..].trim_start().starts_with(|c: char| c.is_ascii_digit())
            && text.is_char_boundary(span.start + i)
        {
            p.pobox = true;
            p.number = true;
            p.span = Span::new(span.start + i, core_span.end);
            p.prose_before = !core[..i].trim().is_empty();
            return p;
        }
    }

    // Places.
    let name = core.strip_prefix("г.").or_else(|| core.strip_prefix("город ")).map(str::trim);
    if let Some(n) = name
        && capitalized(n)
        && words(n).len() <= 3
    {
        p.city = Some(n.to_owned());
        p.country = places::find(n, PlaceKind::City).map(|c| c.country().to_owned());
        return p;
    }
    for place in places::lookup(core) {
        match place.kind {
            PlaceKind::Country => {
                p.country = Some(place.code.to_owned());
                return p;
            }
            PlaceKind::City => {
                p.city = Some(core.to_owned());
                p.country = Some(place.country().to_owned());
            }
            PlaceKind::State => {
                p.state = true;
                p.country = Some("US".to_owned());
            }
        }
    }
    if p.city.is_some() || p.state {
        return p;
    }
    if let Some((_, c)) = loc_at(locs, core_span) {
        p.city = Some(core.to_owned());
        p.country = c.clone();
        return p;
    }

    // Houses, units, floors.
    let (_, w0) = ws[0];
    let w0l = lowercase(w0);
    let has_num_after = ws.len() >= 2 && ws[1].1.starts_with(|c: char| c.is_ascii_digit());
    if (HOUSE_WORDS.contains(&w0l.as_str()) && has_num_after && ws.len() <= 4)
        || (ws.len() == 1 && is_house_number(w0))
        || (ws.len() <= 3 && w0.starts_with(|c: char| c.is_ascii_digit()) && floor_word(&lower))
        || glued_house(&w0l)
    {
        p.house = true;
        p.number = true;
        return p;
    }
    // Buildings: "Бизнес центр "Орион"", "Hart Building".
    // "516 Hart Senate Office Building": a numbered building.
    let numbered = ws.len() >= 2 && is_house_number(w0) && ws[1..].iter().all(|(_, w)| capitalized(w));
    if ws.len() <= 6 && (capitalized(w0) || numbered) && BUILDING_WORDS.iter().any(|b| lower.contains(b)) {
        p.building = true;
        p.number = numbered;
        return p;
    }

    // Streets.
    if let Some(st) = street(&ws) {
        p.street = true;
        p.street_sure = st.sure;
        p.number = st.number;
        p.span = Span::new(span.start + st.start, span.start + st.end);
        p.prose_before = st.start > 0;
        p.prose_after = !core[st.end..].trim().is_empty();
        return p;
    }

    if ws.len() <= 3 && ws.iter().all(|(_, w)| capitalized(w) && !w.bytes().any(|b| b.is_ascii_digit())) {
        p.caps = true;
    }
    p
}

fn floor_word(lower: &str) -> bool {
    ["этаж", "floor", "fl."].iter().any(|f| lower.ends_with(f))
}

/// "д.12", "оф.5".
fn glued_house(w: &str) -> bool {
    ["д.", "оф.", "корп.", "стр.", "кв."]
        .iter()
        .any(|p| w.strip_prefix(p).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())))
}

fn uk_postcode(outward: &str, inward: &str) -> bool {
    let o = outward.as_bytes();
    let i = inward.as_bytes();
    (2..=4).contains(&o.len())
        && o[0].is_ascii_uppercase()
        && o.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && o.iter().any(|b| b.is_ascii_digit())
        && i.len() == 3
        && i[0].is_ascii_digit()
        && i[1].is_ascii_uppercase()
        && i[2].is_ascii_uppercase()
}

struct Street {
    /// Byte range inside the part.
    start: usize,
    end: usize,
    sure: bool,
    number: bool,
}

/// Finds a street inside `core` (its words `ws`).
fn street(ws: &[(usize, &str)]) -> Option<Street> {
    let n = ws.len();
    let end_of = |k: usize| ws[k].0 + ws[k].1.len();
    for k in 0..n {
        let (off, w) = ws[k];
        // Russian, type first: "ул. Неглинная", "Бульвар Эркиндик 21",
        // "ул.Неглинная 12".
        let glued = split_glued_abbrev(w);
        if lower_in(w, RU_STREET) || glued.is_some() {
            let ambiguous = lower_in(w, &["пр.", "ш.", "пл."]);
            let name_ok = glued.is_some()
                || ws.get(k + 1).is_some_and(|(_, x)| capitalized(x) || x.starts_with(|c: char| c.is_ascii_digit()));
            if name_ok {
                // The first word after the name ("ул.Тверская" holds both).
                let mut j = if glued.is_some() { k + 1 } else { k + 2 };
                // Further name words and the number.
                let mut number = false;
                let mut end = end_of(j - 1);
                while j < n && j < k + 6 {
                    let x = ws[j].1;
                    if is_house_number(x) {
                        number = true;
                        end = end_of(j);
                        j += 1;
                        break;
                    }
                    if capitalized(x) || x.starts_with(|c: char| c.is_ascii_digit()) {
                        end = end_of(j);
                        j += 1;
                    } else {
                        break;
                    }
                }
                if !number && ws.get(j - 1).is_some_and(|(_, x)| is_house_number(x)) {
                    number = true;
                }
                return Some(Street { start: off, end, sure: !ambiguous, number });
            }
            // Type after the name: "Неглинная ул.", "Тверская улица, 5".
            if k > 0 && capitalized(ws[k - 1].1) && !ambiguous {
                let mut number = false;
                let mut end = end_of(k);
                if ws.get(k + 1).is_some_and(|(_, x)| is_house_number(x)) {
                    number = true;
                    end = end_of(k + 1);
                }
                return Some(Street { start: ws[k - 1].0, end, sure: true, number });
            }
        }
        // US/UK: "950 Pennsylvania Avenue NW", "200 East Patrick Street".
        let bare = w.trim_end_matches(',');
        if EN_STREET_AFTER.contains(&bare) && k >= 2 {
            let mut s = k;
            while s > 0 && k - s < 5 && (capitalized(ws[s - 1].1) || is_ordinal(ws[s - 1].1)) {
                s -= 1;
            }
            if s < k && s > 0 && is_house_number(ws[s - 1].1) {
                let mut end = end_of(k);
                if ws.get(k + 1).is_some_and(|(_, x)| DIRECTIONS.contains(&x.trim_end_matches(','))) {
                    end = end_of(k + 1);
                }
                let sure = !EN_AMBIGUOUS.contains(&bare);
                return Some(Street { start: ws[s - 1].0, end, sure, number: true });
            }
        }
        // European, type first, number last: "Rue de la Loi 200".
        if EU_STREET_BEFORE.contains(&w) && k + 2 <= n {
            let mut j = k + 1;
            while j < n && j < k + 6 && !is_house_number(ws[j].1) {
                j += 1;
            }
            if j < n && j > k + 1 && is_house_number(ws[j].1) && capitalized(ws[j - 1].1) {
                return Some(Street { start: off, end: end_of(j), sure: true, number: true });
            }
        }
        // "Hauptstraße 5", "Keizersgracht 123" (suffix list).
        if capitalized(w)
            && ws.get(k + 1).is_some_and(|(_, x)| is_house_number(x))
            && EU_SUFFIX.iter().any(|s| lower_ends_with(w, s, 2))
        {
            return Some(Street { start: off, end: end_of(k + 1), sure: true, number: true });
        }
    }
    None
}

fn is_ordinal(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    l.starts_with(|c: char| c.is_ascii_digit()) && ["st", "nd", "rd", "th"].iter().any(|s| l.ends_with(s))
}

/// A run of address parts on one line.
#[derive(Clone, Debug)]
struct Run {
    parts: Vec<Part>,
    /// The run starts where the line starts / ends where it ends.
    at_line_start: bool,
    at_line_end: bool,
}

/// Sentence ends inside a line: ". " before a capital, after a number or
/// a word of five or more letters ("107016. Приходите", "Москва. Офис"),
/// not after an abbreviation ("ул. Неглинная", "Ky. The", "P.O. Box").
fn sentence_chunks(text: &str, line: Span) -> Vec<Span> {
    let s = line.of(text);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        // "Офисы: ул. …; пр. …": a colon or a semicolon ends a chunk.
        if c == ';' || (c == ':' && s[i + 1..].starts_with(' ')) {
            out.push(Span::new(line.start + start, line.start + i));
            start = i + 1;
            continue;
        }
        if c != '.' {
            continue;
        }
        let after = &s[i + 1..];
        if !after.starts_with(' ') || !after.trim_start().starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let word = &s[s[..i].trim_end_matches(char::is_alphanumeric).len()..i];
        let digits = !word.is_empty() && word.chars().all(|c| c.is_ascii_digit());
        let long_word = word.chars().count() >= 5 && word.chars().all(char::is_alphabetic);
        if digits || long_word {
            out.push(Span::new(line.start + start, line.start + i));
            start = i + 1;
        } else if !word.is_empty() && places::find(&s[i - word.len()..=i], PlaceKind::State).is_some() {
            // An AP state abbreviation ("Irvington, Ky. The …") keeps its
            // dot and ends the chunk.
            out.push(Span::new(line.start + start, line.start + i + 1));
            start = i + 1;
        }
    }
    out.push(Span::new(line.start + start, line.end));
    out
}

/// Cuts a line into sentence chunks and those into comma-separated parts,
/// and finds the address runs.
fn line_runs(text: &str, line: Span, locs: &[(Span, Option<String>)]) -> Vec<Run> {
    let chunks = sentence_chunks(text, line);
    let last_chunk = chunks.len() - 1;
    let mut runs = Vec::new();
    for (ci, chunk) in chunks.into_iter().enumerate() {
        chunk_runs(text, chunk, locs, ci == 0, ci == last_chunk, &mut runs);
    }
    runs
}

fn chunk_runs(
    text: &str,
    line: Span,
    locs: &[(Span, Option<String>)],
    first_chunk: bool,
    last_chunk: bool,
    runs: &mut Vec<Run>,
) {
    let s = line.of(text);
    let mut parts = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth <= 0 => {
                parts.push(Span::new(line.start + start, line.start + i));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(Span::new(line.start + start, line.end));
    let mut parts: Vec<Part> = parts
        .into_iter()
        .map(|p| {
            let t = p.trim(text);
            if t.is_empty() { Part { span: t, ..Part::default() } } else { classify(text, t, locs) }
        })
        .collect();
    // A capitalized name right before a postcode or state is a city.
    for i in 0..parts.len() {
        if parts[i].caps && parts.get(i + 1).is_some_and(|n| n.postcode.is_some() || n.state || n.country.is_some()) {
            parts[i].city = Some(parts[i].span.of(text).trim_end_matches('.').to_owned());
        }
    }
    let mut i = 0;
    while i < parts.len() {
        if !parts[i].is_address() {
            i += 1;
            continue;
        }
        // Grow a run of address parts: inner parts must be whole.
        let mut j = i;
        while j + 1 < parts.len() && !parts[j].prose_after && parts[j + 1].is_address() && !parts[j + 1].prose_before {
            j += 1;
        }
        let run_parts: Vec<Part> = parts[i..=j].to_vec();
        let first = &run_parts[0];
        let last = &run_parts[run_parts.len() - 1];
        let at_line_start = first_chunk && i == 0 && !first.prose_before;
        let at_line_end = last_chunk && j == parts.len() - 1 && !last.prose_after;
        runs.push(Run { parts: run_parts, at_line_start, at_line_end });
        i = j + 1;
    }
}

/// Whether the parts make a postal address on their own.
fn strong(parts: &[Part]) -> bool {
    let has = |f: fn(&Part) -> bool| parts.iter().any(f);
    let street_num = parts
        .iter()
        .enumerate()
        .any(|(i, p)| p.street && (p.number || parts.get(i + 1).is_some_and(|n| n.house && n.number)));
    let sure_street = parts.iter().any(|p| p.street && p.street_sure);
    let place = has(|p| p.city.is_some() || p.country.is_some() || p.state);
    let postcode = has(|p| p.postcode.is_some());
    (street_num && (sure_street || parts.len() >= 2))
        || (has(|p| p.pobox) && (place || postcode))
        || (postcode && (place || has(|p| p.street)))
}

pub struct AddressExtractor {
    /// Street, house and box words (and their capitalized forms), to skip
    /// long prose lines without any.
    anchors: AhoCorasick,
}

impl AddressExtractor {
    pub fn new() -> AddressExtractor {
        let _ = places::lookup("init");
        let mut words: Vec<String> = Vec::new();
        // A prefilter only: a word found inside another word costs a
        // useless parse of that line, nothing more.
        for w in RU_STREET.iter().chain(HOUSE_WORDS).filter(|w| w.chars().count() >= 3) {
            words.push((*w).to_owned());
            let mut c = w.chars();
            if let Some(f) = c.next() {
                words.push(format!("{}{}", f.to_uppercase(), c.as_str()));
            }
        }
        for w in EN_STREET_AFTER.iter().chain(EU_STREET_BEFORE).filter(|w| w.len() >= 3) {
            words.push((*w).to_owned());
        }
        for w in EU_SUFFIX {
            words.push((*w).to_owned());
        }
        words.extend(["Box ".to_owned(), "BOX ".to_owned(), "а/я".to_owned()]);
        // A DFA: a few hundred patterns make a small table, and it runs
        // over every long line of every document.
        let anchors = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&words)
            .expect("static patterns");
        AddressExtractor { anchors }
    }
}

impl Default for AddressExtractor {
    fn default() -> Self {
        Self::new()
    }
}

/// Lines of `text` as spans (without the line break).
fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        out.push(Span::new(start, i));
        start = i + 1;
    }
    out.push(Span::new(start, text.len()));
    out
}

/// Whether a line is worth cutting into parts: a short line (a city,
/// country or street line of a contact block), or a longer one holding an
/// anchor: a street/house/box word or a five- or six-digit number
/// (postcode, ZIP). Long prose lines have neither and are skipped cheaply.
fn worth(line: &str, anchors: &AhoCorasick) -> bool {
    if line.trim().len() < 120 {
        return true;
    }
    let b = line.as_bytes();
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            run += 1;
        } else {
            if run == 5 || run == 6 {
                return true;
            }
            run = 0;
        }
        if i + 1 == b.len() && (run == 5 || run == 6) {
            return true;
        }
    }
    anchors.is_match(line)
}

fn value(text: &str, parts: &[&Part]) -> AddressValue {
    let mut name = String::new();
    for p in parts {
        let t = p.span.of(text);
        let t: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
        let t = t.trim_end_matches([',', ';']);
        if t.is_empty() {
            continue;
        }
        if !name.is_empty() {
            name.push_str(", ");
        }
        name.push_str(t);
    }
    // A sentence's full stop is not part of the address, an abbreviation's
    // dot is ("…, Irvington, Ky.").
    let abbrev_end = parts.last().is_some_and(|p| p.state && p.span.of(text).ends_with('.'));
    let name = if abbrev_end { name } else { name.trim_end_matches('.').to_owned() };
    let postcode = parts.iter().find_map(|p| p.postcode.clone());
    let city = parts.iter().find_map(|p| p.city.clone());
    let country = parts
        .iter()
        .find_map(|p| p.country.clone().filter(|_| p.city.is_none() && !p.state))
        .or_else(|| parts.iter().find_map(|p| p.country.clone()));
    AddressValue { name, postcode, city, country }
}

impl Extractor for AddressExtractor {
    fn name(&self) -> &'static str {
        "address"
    }

    fn produces(&self) -> &'static [Kind] {
        &[Kind::Address]
    }

    fn reads(&self) -> &'static [Kind] {
        &[Kind::Loc]
    }

    fn extract(&self, ctx: &Context, earlier: &[Mention], out: &mut Vec<Mention>) {
        let text = ctx.text;
        let locs: Vec<(Span, Option<String>)> = earlier
            .iter()
            .filter_map(|m| match &m.value {
                Value::Loc(l) if m.kind == Kind::Loc => Some((m.span, l.country.clone())),
                _ => None,
            })
            .collect();
        // Sorted, for `loc_at`'s binary search (the earlier mentions come
        // from several extractors, in no common order).
        let mut locs = locs;
        locs.sort_by_key(|(s, _)| (s.start, s.end));
        let lines = lines(text);
        // Runs per line, in order; blank lines remembered for joining.
        let mut pending: Vec<Part> = Vec::new(); // parts of a multi-line run
        let mut pending_open = false; // the last run ended at its line end
        let mut blank_gap = 0;
        let emit = |parts: &mut Vec<Part>, out: &mut Vec<Mention>| {
            if !parts.is_empty() && strong(parts) {
                let refs: Vec<&Part> = parts.iter().collect();
                let v = value(text, &refs);
                let span = Span::new(parts[0].span.start, parts[parts.len() - 1].span.end);
                out.push(Mention::new(Kind::Address, span, Value::Address(v), "address"));
            }
            parts.clear();
        };
        for line in lines {
            let lt = line.of(text);
            if lt.trim().is_empty() {
                blank_gap += 1;
                if blank_gap > 1 {
                    emit(&mut pending, out);
                    pending_open = false;
                }
                continue;
            }
            let runs = if worth(lt, &self.anchors) { line_runs(text, line, &locs) } else { Vec::new() };
            let gap = blank_gap;
            blank_gap = 0;
            if runs.is_empty() {
                emit(&mut pending, out);
                pending_open = false;
                continue;
            }
            for (k, run) in runs.iter().enumerate() {
                let joins = k == 0 && pending_open && run.at_line_start && gap <= 1;
                if !joins {
                    emit(&mut pending, out);
                }
                pending.extend(run.parts.iter().cloned());
                pending_open = run.at_line_end;
                if !run.at_line_end {
                    emit(&mut pending, out);
                }
            }
        }
        emit(&mut pending, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(String, AddressValue)> {
        let tokens = crate::token::tokenize(text);
        let segments = crate::segment::Segments::default();
        let ctx = Context {
            text,
            tokens: &tokens,
            segments: &segments,
            lang: crate::document::Lang::Ru,
            anchor: None,
            region: "RU",
            links: &[],
            trigger_scan: Default::default(),
        };
        let mut out = Vec::new();
        AddressExtractor::new().extract(&ctx, &[], &mut out);
        out.into_iter()
            .map(|m| match m.value {
                Value::Address(v) => (m.span.of(text).to_owned(), v),
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn seed_block() {
        let t = "Представительство\n\nБульвар Эркиндик 21, Бизнес центр \"Орион\", 5й этаж\n\nБишкек, 720040, Кыргызская Республика\n\nТелефон: +996 312 26 10 00\n";
        let got = find(t);
        assert_eq!(got.len(), 1, "{got:?}");
        let (span, v) = &got[0];
        assert_eq!(
            span,
            "Бульвар Эркиндик 21, Бизнес центр \"Орион\", 5й этаж\n\nБишкек, 720040, Кыргызская Республика"
        );
        assert_eq!(
            v.name,
            "Бульвар Эркиндик 21, Бизнес центр \"Орион\", 5й этаж, Бишкек, 720040, Кыргызская Республика"
        );
        assert_eq!(v.postcode.as_deref(), Some("720040"));
        assert_eq!(v.city.as_deref(), Some("Бишкек"));
        assert_eq!(v.country.as_deref(), Some("KG"));
    }

    #[test]
    fn in_running_text() {
        let got = find("Офис находится по адресу: ул. Неглинная, д. 12, Москва, 107016. Приходите.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "ул. Неглинная, д. 12, Москва, 107016");
        let got = find("The office is at 950 Pennsylvania Avenue NW, Washington, DC 20530.");
        assert_eq!(got[0].0, "950 Pennsylvania Avenue NW, Washington, DC 20530");
        assert_eq!(got[0].1.postcode.as_deref(), Some("20530"));
        assert_eq!(got[0].1.city.as_deref(), Some("Washington"));
    }

    #[test]
    fn not_addresses() {
        for t in ["The Supreme Court ruled on 12 May.", "St. Petersburg, 2017", "в 2017 году на улице было 5 человек"]
        {
            assert!(find(t).is_empty(), "{t}: {:?}", find(t));
        }
    }
}
