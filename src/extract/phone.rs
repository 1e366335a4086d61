//! PHONE mentions: telephone numbers in running text, normalized to E.164
//! with a kind (phone, fax, mobile, toll-free) and an extension.
//!
//! Two steps. A cheap byte scan finds *runs*: a digit, `+` or `(` followed
//! by digits and phone separators (space, no-break and thin spaces, `-`,
//! `–`, `.`, `/`, brackets). Only runs with enough digits, clean
//! boundaries and a plausible shape reach libphonenumber (the
//! `rlibphonenumber` crate), which parses them with the document's default
//! region and must call the number **valid** (`is_valid_number`): a number
//! that merely has the right length is not enough.
//!
//! What is never a phone (checked before parsing): a run glued to letters
//! ("E-151673398", "1:18-cr-00123"), a formula ("45+31-339"), dates
//! ("13.09.2017", "2017-09-13", "2003-2018"), decimals and coordinates
//! ("42.8746"), thousands groupings ("1 234 567") and US ZIP+4
//! ("20530-0001") unless a phone label says otherwise, amounts (a currency
//! sign before, a unit word after), separator-less digit strings (IDs,
//! account numbers) without a label, and numbers after an identifier label
//! ("ИНН", "ISBN", "Case No.", "account", "№").
//!
//! The kind comes from the nearest label before the number on the same
//! line ("Телефон:", "факс", "моб.", "Tel", "Fax", "Mobile", "Cell",
//! "toll-free", "T:"/"F:"); a fax, mobile or toll-free label decides. With
//! a generic phone label or none, libphonenumber's numbering plan decides:
//! toll-free → `tollfree`, mobile → `mobile`, fixed line / fixed-or-mobile
//! / VoIP / personal → `phone`, anything else (premium, shared cost, UAN,
//! pager, voicemail) → `unknown`.
//!
//! Short numbers: a national number (no `+`) needs 7 digits, or 5 when a
//! phone label precedes it or it stands alone on its line.
//!
//! It does not find vanity numbers ("1-800-FLOWERS"), numbers split across
//! lines, or numbers whose country differs from the default region and
//! that are written without `+`.

use super::{Context, Extractor, Kind, Mention, PhoneKind, PhoneValue, Value};
use crate::span::Span;
use aho_corasick::AhoCorasick;
use rlibphonenumber::{PHONE_NUMBER_UTIL, PhoneNumberFormat, PhoneNumberType, Region};
use std::sync::OnceLock;

/// What a label before a number says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Kind(PhoneKind),
    /// An identifier label: the number is not a phone.
    NotPhone,
    /// "No.", "№", "#", "number": not a phone unless a phone label comes
    /// right before it ("Phone No.", "тел. №").
    WeakNotPhone,
}

/// Label words, lower case. One-letter labels ("t", "f") count only when
/// a colon or dot follows them.
const LABELS: &[(&str, Label)] = &[
    ("телефакс", Label::Kind(PhoneKind::Fax)),
    ("telefax", Label::Kind(PhoneKind::Fax)),
    ("факс", Label::Kind(PhoneKind::Fax)),
    ("fax", Label::Kind(PhoneKind::Fax)),
    ("f", Label::Kind(PhoneKind::Fax)),
    ("ф", Label::Kind(PhoneKind::Fax)),
    ("мобильн", Label::Kind(PhoneKind::Mobile)),
    ("моб", Label::Kind(PhoneKind::Mobile)),
    ("сотов", Label::Kind(PhoneKind::Mobile)),
    ("сот.", Label::Kind(PhoneKind::Mobile)),
    ("mobile", Label::Kind(PhoneKind::Mobile)),
    ("mob", Label::Kind(PhoneKind::Mobile)),
    ("cellular", Label::Kind(PhoneKind::Mobile)),
    ("cell", Label::Kind(PhoneKind::Mobile)),
    ("m", Label::Kind(PhoneKind::Mobile)),
    ("м", Label::Kind(PhoneKind::Mobile)),
    ("toll-free", Label::Kind(PhoneKind::Tollfree)),
    ("toll free", Label::Kind(PhoneKind::Tollfree)),
    ("tollfree", Label::Kind(PhoneKind::Tollfree)),
    ("бесплатн", Label::Kind(PhoneKind::Tollfree)),
    ("телефон", Label::Kind(PhoneKind::Phone)),
    ("тел", Label::Kind(PhoneKind::Phone)),
    ("т", Label::Kind(PhoneKind::Phone)),
    ("telephone", Label::Kind(PhoneKind::Phone)),
    ("phone", Label::Kind(PhoneKind::Phone)),
    ("tel", Label::Kind(PhoneKind::Phone)),
    ("ph", Label::Kind(PhoneKind::Phone)),
    ("t", Label::Kind(PhoneKind::Phone)),
    ("p", Label::Kind(PhoneKind::Phone)),
    ("call", Label::Kind(PhoneKind::Phone)),
    ("hotline", Label::Kind(PhoneKind::Phone)),
    ("горячей линии", Label::Kind(PhoneKind::Phone)),
    ("горячая линия", Label::Kind(PhoneKind::Phone)),
    ("звоните", Label::Kind(PhoneKind::Phone)),
    ("позвонив", Label::Kind(PhoneKind::Phone)),
    ("office", Label::Kind(PhoneKind::Phone)),
    ("isbn", Label::NotPhone),
    ("issn", Label::NotPhone),
    ("инн", Label::NotPhone),
    ("огрн", Label::NotPhone),
    ("кпп", Label::NotPhone),
    ("бик", Label::NotPhone),
    ("окпо", Label::NotPhone),
    ("октмо", Label::NotPhone),
    ("оквэд", Label::NotPhone),
    ("р/с", Label::NotPhone),
    ("к/с", Label::NotPhone),
    ("л/с", Label::NotPhone),
    ("счет", Label::NotPhone),
    ("счёт", Label::NotPhone),
    ("паспорт", Label::NotPhone),
    ("серия", Label::NotPhone),
    ("account", Label::NotPhone),
    ("acct", Label::NotPhone),
    ("card", Label::NotPhone),
    ("case", Label::NotPhone),
    ("docket", Label::NotPhone),
    ("invoice", Label::NotPhone),
    ("iban", Label::NotPhone),
    ("swift", Label::NotPhone),
    ("patent", Label::NotPhone),
    ("omb", Label::NotPhone),
    ("no.", Label::WeakNotPhone),
    ("no", Label::WeakNotPhone),
    ("nos.", Label::WeakNotPhone),
    ("№", Label::WeakNotPhone),
    ("#", Label::WeakNotPhone),
    ("number", Label::WeakNotPhone),
    ("номер", Label::WeakNotPhone),
];

/// Words after a number that make it an amount or a measure.
const UNIT_WORDS: &[&str] = &[
    "руб",
    "рубл",
    "долл",
    "евро",
    "сом",
    "тенге",
    "тыс",
    "млн",
    "млрд",
    "трлн",
    "процент",
    "человек",
    "чел",
    "км",
    "кг",
    "тонн",
    "га",
    "лет",
    "год",
    "million",
    "billion",
    "thousand",
    "dollar",
    "euro",
    "percent",
    "people",
    "usd",
    "eur",
    "rub",
    "kgs",
    "kzt",
    "%",
];

/// A separator inside a phone run.
#[inline]
fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '/' | '(' | ')' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2011}' | '\u{2013}')
}

/// One run of digits and separators.
#[derive(Debug)]
struct Run {
    span: Span,
    /// A '+' glued to a digit inside: a formula, never a phone.
    formula: bool,
}

/// The run starting at `start` (a digit, '+' or '(').
fn scan_run(text: &str, start: usize) -> Run {
    let mut end = start;
    let mut formula = false;
    let mut prev = '\0';
    for (i, c) in text[start..].char_indices() {
        let at = start + i;
        if c.is_ascii_digit() || is_sep(c) {
            end = at + c.len_utf8();
        } else if c == '+' {
            if at == start || prev == '(' {
                end = at + 1;
            } else if prev.is_ascii_digit() {
                formula = true;
                end = at + 1;
            } else {
                break; // "+996 … +996 …": a second number starts here.
            }
        } else {
            break;
        }
        prev = c;
    }
    // Trailing separators belong to the sentence, except a ')' closing a
    // '(' inside the run.
    let mut s = &text[start..end];
    while let Some(c) = s.chars().next_back() {
        let balanced_close = c == ')' && s.matches('(').count() >= s.matches(')').count();
        if c.is_ascii_digit() || balanced_close {
            break;
        }
        s = &s[..s.len() - c.len_utf8()];
    }
    let mut start = start;
    // "(202-514-1412)": brackets around the whole number are the
    // sentence's too.
    if s.starts_with('(') && s.ends_with(')') && s.matches(')').count() == 1 && s.matches('(').count() == 1 {
        s = &s[1..s.len() - 1];
        start += 1;
    }
    // "(1-800-237-2515, TTY": an opening bracket that closes nowhere in
    // the run belongs to the sentence.
    if s.starts_with('(') && !s.contains(')') {
        let skip = s.len() - s.trim_start_matches(['(', ' ']).len();
        s = &s[skip..];
        start += skip;
    }
    Run { span: Span::new(start, start + s.len()), formula }
}

fn digits(s: &str) -> usize {
    s.bytes().filter(|b| b.is_ascii_digit()).count()
}

/// Digit groups of `s` split at any separator.
fn groups(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect()
}

/// "13.09.2017", "2017-09-13", "09/13/2017", "2003-2018".
fn looks_like_date(s: &str) -> bool {
    let g = groups(s);
    let seps: String = s.chars().filter(|c| !c.is_ascii_digit()).collect();
    let year = |x: &str| x.len() == 4 && (x.starts_with("19") || x.starts_with("20"));
    match g.as_slice() {
        [a, b, c] if !seps.contains(['+', ' ', '(']) || seps.chars().all(|c| c == '.' || c == '/') => {
            (a.len() <= 2 && b.len() <= 2 && (c.len() == 2 || year(c))) || (year(a) && b.len() <= 2 && c.len() <= 2)
        }
        [a, b] => year(a) && year(b),
        _ => false,
    }
}

/// "1 234 567", "12.345.678": a number grouped by thousands.
fn thousands(s: &str) -> bool {
    let g = groups(s);
    let sep_kinds: Vec<char> = s.chars().filter(|c| !c.is_ascii_digit()).collect();
    g.len() >= 2
        && g[0].len() <= 3
        && g[1..].iter().all(|x| x.len() == 3)
        && !sep_kinds.is_empty()
        && sep_kinds.iter().all(|&c| c == sep_kinds[0] && matches!(c, ' ' | '.' | '\u{a0}' | '\u{2009}' | '\u{202f}'))
}

/// Lower-cased window of the line before `start` (at most ~60 bytes).
fn window_before(text: &str, start: usize) -> String {
    let mut from = text.ceil_char_boundary(start.saturating_sub(60));
    // Only the window is searched for the line start: a search back to
    // the line's start would be quadratic on a one-line document.
    if let Some(i) = text[from..start].rfind('\n') {
        from += i + 1;
    }
    text[from..start].to_lowercase()
}

/// Whether only spaces (no newline) separate `at` from the start of its
/// line, looking no further back than those spaces.
fn line_blank_before(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
    before.is_empty() || before.ends_with('\n')
}

/// Whether only spaces (no newline) separate `at` from the end of its line.
fn line_blank_after(text: &str, at: usize) -> bool {
    let after = text[at..].trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
    after.is_empty() || after.starts_with('\n')
}

/// The nearest label in `w` (a lower-cased window ending at the number).
fn nearest_label(w: &str) -> Option<(usize, usize, Label)> {
    // One automaton over every label word, built once.
    static LABEL_AC: OnceLock<AhoCorasick> = OnceLock::new();
    let ac = LABEL_AC.get_or_init(|| AhoCorasick::new(LABELS.iter().map(|(w, _)| *w)).expect("static patterns"));
    let mut best: Option<(usize, usize, Label)> = None; // (end, start, label)
    for m in ac.find_overlapping_iter(w) {
        let (word, label) = LABELS[m.pattern().as_usize()];
        let i = m.start();
        {
            let end = m.end();
            let left_ok = w[..i].chars().next_back().is_none_or(|c| !c.is_alphabetic());
            let next = w[end..].chars().next();
            let short = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
            let right_ok = if short {
                matches!(next, Some(':') | Some('.'))
            } else if word.ends_with('.') || !word.chars().all(char::is_alphabetic) {
                true
            } else if matches!(word, "no" | "tel" | "тел" | "ph" | "mob" | "моб" | "fax" | "факс" | "инн" | "card")
            {
                // Whole words (or their abbreviation dot), not prefixes.
                next.is_none_or(|c| !c.is_alphabetic())
            } else {
                true
            };
            if !left_ok || !right_ok {
                continue;
            }
            if best.is_none_or(|(e, s, _)| end > e || (end == e && i < s)) {
                best = Some((end, i, label));
            }
        }
    }
    let (end, start, label) = best?;
    if label == Label::WeakNotPhone {
        // "Phone No.:", "тел. №", "звоните по номеру": a phone label
        // earlier on the line decides.
        if let Some((_, _, Label::Kind(k))) = nearest_label(&w[..start]) {
            return Some((start, end, Label::Kind(k)));
        }
    }
    if label == Label::Kind(PhoneKind::Fax) {
        // "Тел./факс:", "Tel/Fax": both; call it a phone.
        let before = w[..start].trim_end();
        if let Some(b) = before.strip_suffix('/')
            && let Some((_, e, Label::Kind(PhoneKind::Phone))) = nearest_label(b)
            && b.len() - e <= 1
        {
            return Some((start, end, Label::Kind(PhoneKind::Phone)));
        }
    }
    Some((start, end, label))
}

/// An extension right after a number ("доб. 123", "ext. 45", "x123"):
/// its digits and the end of the extension text.
fn extension(text: &str, end: usize) -> Option<(String, usize)> {
    let rest = &text[end..];
    let mut i = 0;
    let b = rest.as_bytes();
    while i < b.len() && matches!(b[i], b' ' | b',' | b'(' | b';') && i < 4 {
        i += 1;
    }
    let low = rest[i..].chars().take(12).collect::<String>().to_lowercase();
    let labels = ["доб.", "доб", "добавочный", "вн.", "внутр.", "ext.", "ext", "extension", "x"];
    let label = labels.iter().filter(|l| low.starts_with(**l)).max_by_key(|l| l.len())?;
    i += label.len();
    let b2 = rest.as_bytes();
    while i < b2.len() && matches!(b2[i], b' ' | b':' | b'.') {
        i += 1;
    }
    let ds = i;
    while i < b2.len() && b2[i].is_ascii_digit() {
        i += 1;
    }
    if i == ds || i - ds > 6 || b2.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let digits = rest[ds..i].to_owned();
    if rest[..ds].contains('(') && b2.get(i) == Some(&b')') {
        i += 1;
    }
    Some((digits, end + i))
}

pub struct PhoneExtractor {}

impl PhoneExtractor {
    pub fn new() -> PhoneExtractor {
        // Build libphonenumber's tables now, not on the first document.
        let _ = PHONE_NUMBER_UTIL.get_country_code_for_region(Region::US);
        PhoneExtractor {}
    }

    /// Checks one candidate string `span` of a run; returns the mention.
    fn candidate(&self, text: &str, span: Span, region: Option<Region>) -> Option<Mention> {
        let s = span.of(text);
        let nd = digits(s);
        if !(5..=17).contains(&nd) {
            return None;
        }
        let intl = s.trim_start_matches('(').starts_with('+');
        let window = window_before(text, span.start);
        let label = nearest_label(&window).map(|(_, _, l)| l);
        if matches!(label, Some(Label::NotPhone) | Some(Label::WeakNotPhone)) {
            return None;
        }
        let labelled = matches!(label, Some(Label::Kind(_)));
        let ext = extension(text, span.end);
        let full_end = ext.as_ref().map_or(span.end, |e| e.1);
        // Alone on its line.
        let alone = line_blank_before(text, span.start) && line_blank_after(text, full_end);
        let trusted = labelled || alone;
        if !intl {
            if nd < 7 && !trusted {
                return None;
            }
            let has_sep = s.chars().any(|c| !c.is_ascii_digit());
            if !has_sep && !trusted {
                return None;
            }
            if (thousands(s) || zip4(s) || decimal(s)) && !trusted {
                return None;
            }
        }
        if looks_like_date(s) {
            return None;
        }
        // An amount or a measure: a unit word right after.
        if !labelled {
            // A short prefix: lower-casing the whole rest of the text for
            // every number was quadratic.
            let after: String = text[full_end..].trim_start().chars().take(16).flat_map(char::to_lowercase).collect();
            if UNIT_WORDS.iter().any(|u| after.starts_with(u)) {
                return None;
            }
        }
        // "+44 (0) 20 …", "+971 (0) 4 …": the trunk zero in brackets is
        // not dialled from abroad; not every country's metadata strips it.
        let number = if intl && s.contains("(0)") {
            PHONE_NUMBER_UTIL.parse(s.replacen("(0)", "", 1), region).ok()?
        } else {
            PHONE_NUMBER_UTIL.parse(s, region).ok()?
        };
        if !number.is_valid() {
            return None;
        }
        let e164 = number.format_as(PhoneNumberFormat::E164).into_owned();
        let plan = match number.get_type() {
            PhoneNumberType::TollFree => PhoneKind::Tollfree,
            PhoneNumberType::Mobile => PhoneKind::Mobile,
            PhoneNumberType::FixedLine
            | PhoneNumberType::FixedLineOrMobile
            | PhoneNumberType::VoIP
            | PhoneNumberType::PersonalNumber => PhoneKind::Phone,
            _ => PhoneKind::Unknown,
        };
        // Toll-free is a property of the numbering plan: a "toll free"
        // label on the line does not make "202-307-2767" free to call.
        let kind = match label {
            Some(Label::Kind(PhoneKind::Tollfree)) if plan != PhoneKind::Tollfree => plan,
            Some(Label::Kind(k)) if k != PhoneKind::Phone => k,
            _ => plan,
        };
        let (extension, end) = match ext {
            Some((d, e)) => (Some(d), e),
            None => (number.extension.clone().filter(|e| !e.is_empty()), span.end),
        };
        let rule = if labelled { "phone-labelled" } else { "phone" };
        let mut m = Mention::new(
            Kind::Phone,
            Span::new(span.start, end),
            Value::Phone(PhoneValue { e164, kind, extension }),
            rule,
        );
        m.confidence = if labelled || intl { 1.0 } else { 0.8 };
        Some(m)
    }
}

/// "20530-0001": a US ZIP+4 code.
fn zip4(s: &str) -> bool {
    let g = groups(s);
    g.len() == 2 && g[0].len() == 5 && g[1].len() == 4 && s.contains('-')
}

/// "42.8746": one dot between two digit groups.
fn decimal(s: &str) -> bool {
    groups(s).len() == 2 && s.chars().filter(|c| !c.is_ascii_digit()).all(|c| c == '.' || c == ',')
}

/// Whether the run may start here: what precedes it is not part of a
/// longer token (a letter, "-", "/", ".", ",", "#", "№", a currency sign).
fn start_ok(text: &str, start: usize) -> bool {
    let mut prev = text[..start].chars().rev();
    match prev.next() {
        None => true,
        Some(c) if c.is_whitespace() || matches!(c, ':' | '(' | '[' | '«' | '"' | '“' | '\'' | ';' | '>' | '—') => {
            // "$ 1 234 567", "€ 40 800 000".
            let before_space = text[..start].trim_end().chars().next_back();
            !matches!(before_space, Some('$' | '€' | '£' | '¥' | '₽' | '₸' | '-' | '−')) || c == ':' || c == '('
        }
        Some('-' | '–') => {
            // "Tel.-+49 …" is rare; "E-151…", "x -77.03" are not phones.
            false
        }
        _ => false,
    }
}

/// Whether what follows the run ends a token cleanly.
fn end_ok(text: &str, end: usize) -> bool {
    let mut next = text[end..].chars();
    match next.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => extension(text, end).is_some(),
        Some('%' | '°' | '$' | '€' | '£' | '@' | '_' | '+') => false,
        // "1:18-cr-00123", "12-45a": the run continues as an identifier.
        Some('-' | '/' | '.' | ',' | ':') => !next.next().is_some_and(|c| c.is_alphanumeric()),
        Some(_) => true,
    }
}

impl Default for PhoneExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor for PhoneExtractor {
    fn name(&self) -> &'static str {
        "phone"
    }

    fn produces(&self) -> &'static [Kind] {
        &[Kind::Phone]
    }

    fn extract(&self, ctx: &Context, _earlier: &[Mention], out: &mut Vec<Mention>) {
        let text = ctx.text;
        let bytes = text.as_bytes();
        let region = Region::from_code(ctx.region).ok();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let starts = b.is_ascii_digit()
                || ((b == b'+' || b == b'(') && bytes.get(i + 1).is_some_and(|c| c.is_ascii_digit() || *c == b'+'));
            if !starts {
                i += 1;
                continue;
            }
            let run = scan_run(text, i);
            let next = run.span.end.max(i + 1);
            if run.formula || !start_ok(text, i) || digits(run.span.of(text)) < 5 {
                // Skip the whole digit block so its tail is not retried.
                i = skip_token(text, next);
                continue;
            }
            // Try the whole run, then shorter prefixes at white space where
            // the dropped tail is clearly something else (a date, a year,
            // a second number).
            let cuts = prefix_cuts(text, run.span);
            let mut done = run.span.end;
            for (k, &cut) in cuts.iter().enumerate() {
                let span = Span::new(run.span.start, cut);
                if digits(span.of(text)) > 17 {
                    continue;
                }
                if k == 0 && !end_ok(text, cut) {
                    continue;
                }
                if k > 0 && !tail_is_separate(text, Span::new(cut, run.span.end), region) {
                    continue;
                }
                if let Some(m) = self.candidate(text, span, region) {
                    done = m.span.end.max(cut);
                    out.push(m);
                    break;
                }
            }
            // A tail after an accepted prefix may hold a second number.
            i = if done < run.span.end { done } else { skip_token(text, run.span.end.max(i + 1)) };
        }
    }
}

/// Past the current alphanumeric token (so "12345abc678" is not retried
/// from its middle).
fn skip_token(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    text.ceil_char_boundary(i)
}

/// End offsets to try for a run: its end, then each white space inside
/// it, longest first.
fn prefix_cuts(text: &str, run: Span) -> Vec<usize> {
    let s = run.of(text);
    let mut cuts = vec![run.end];
    let mut spaces: Vec<usize> = s
        .char_indices()
        .filter(|&(i, c)| c.is_whitespace() && i > 0 && s[..i].chars().next_back().is_some_and(|p| !p.is_whitespace()))
        .map(|(i, _)| run.start + i)
        .collect();
    spaces.reverse();
    // Bounded: a long table row of numbers is not worth many parses.
    cuts.extend(spaces.into_iter().take(8));
    cuts
}

/// Whether the tail of a run after a cut is clearly not part of the same
/// number: a date or time, a year, or a valid number of its own.
fn tail_is_separate(text: &str, tail: Span, region: Option<Region>) -> bool {
    let t = tail.of(text).trim();
    let first = t.split_whitespace().next().unwrap_or("");
    if first.contains('/') || looks_like_date(first) {
        return true;
    }
    if first.len() == 4 && (first.starts_with("19") || first.starts_with("20")) && t.len() == 4 {
        return true;
    }
    (7..=17).contains(&digits(t)) && PHONE_NUMBER_UTIL.parse(t, region).is_ok_and(|n| n.is_valid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let l = |w: &str| nearest_label(w).map(|x| x.2);
        assert_eq!(l("телефон: "), Some(Label::Kind(PhoneKind::Phone)));
        assert_eq!(l("телефон: +996 312 26 10 00, факс: "), Some(Label::Kind(PhoneKind::Fax)));
        assert_eq!(l("тел./факс: "), Some(Label::Kind(PhoneKind::Phone)));
        assert_eq!(l("phone no.: "), Some(Label::Kind(PhoneKind::Phone)));
        assert_eq!(l("case no. "), Some(Label::WeakNotPhone));
        assert_eq!(l("f: "), Some(Label::Kind(PhoneKind::Fax)));
        assert_eq!(l("of "), None);
        assert_eq!(l("инн "), Some(Label::NotPhone));
    }

    #[test]
    fn shapes() {
        assert!(looks_like_date("13.09.2017") && looks_like_date("2017-09-13") && looks_like_date("2003-2018"));
        assert!(!looks_like_date("495 123-45-67"));
        assert!(thousands("1 234 567") && !thousands("312 26 10 00"));
        assert!(zip4("20530-0001") && decimal("42.8746"));
    }

    #[test]
    fn extensions() {
        let t = "+7 495 123-45-67 доб. 123, next";
        let end = t.find(" доб").unwrap();
        let (d, e) = extension(t, end).unwrap();
        assert_eq!((d.as_str(), &t[end..e]), ("123", " доб. 123"));
        assert!(extension("123 express", 3).is_none());
    }
}
