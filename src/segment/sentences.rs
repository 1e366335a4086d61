//! Sentences inside one paragraph.
//!
//! Candidate boundaries follow UAX #29 (the rules unicode-segmentation
//! implements) for the scripts we handle: a sentence can end after a run of
//! terminators (". ! ? …" and their full-width forms), optional closing
//! quotes and brackets, and white space. Like UAX #29 there is no candidate
//! without that white space ("3.5", "U.S", "word.Next"), and none before a
//! lower-case word, even behind an opening quote or bracket ("etc. and",
//! "«Why?» he asked"), or before a comma, colon or dash (`SContinue`). The
//! candidates are found by one byte scan, because unicode-segmentation's
//! iterator runs at about 12 MB/s, too slow for the pipeline; a test
//! (`same_as_unicode_segmentation`) checks that the two agree on the
//! fixtures and the corpus, apart from the deliberate differences below.
//!
//! Each candidate is then judged:
//!
//! - abbreviations from `data/abbrev/{en,ru}.txt`: `pre` ones never end a
//!   sentence ("Mr. Smith", "ул. Ленина", "т. е. Москва"), `num` ones not
//!   before a number ("No. 5", "Sept. 30, 2015, ACC"), `numend` ones only
//!   right after a number ("в 2017 г. Компания" ends, "г. Москва" does
//!   not), `weak` ones only before a word that commonly starts a sentence
//!   ("St. Louis" but "on Elm St. The vote"); a bracket right after an
//!   abbreviation continues the sentence ("Acme Inc. (NYSE: ACME) today");
//! - initials and dotted acronyms ("А. С. Пушкин", "John P. Cronan",
//!   "U.S. Attorney") end a sentence only before a word that commonly
//!   starts one ("in the U.S. The …").
//!
//! Deliberate differences from UAX #29: "…" (U+2026) ends a sentence like
//! "..."; a period before a number is a candidate ("…Азии. 13 сентября в
//! Бишкеке…", where UAX #29 looks ahead to the lower-case word and joins);
//! a dialogue dash after a sentence starts a new one ("…сказал он. — Это
//! лишь первый шаг."); a line break inside a paragraph is not a boundary
//! (the paragraph splitter decided the lines belong together).
//!
//! Both abbreviation lists are used whatever the document language: Russian
//! releases quote English company names ("Inc.") and the lists do not
//! conflict. List items are separate paragraphs (see `paragraphs`), so each
//! is its own sentence. Work is linear: one scan, and each candidate looks
//! at a few words on either side.

use super::paragraphs::is_closer;
use crate::span::Span;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Pre,
    Num,
    NumEnd,
    Weak,
    End,
}

struct Abbrevs {
    /// Lower-case, without spaces: "mr.", "т.е.".
    table: HashMap<String, Class>,
    /// Words that commonly start a sentence, as written ("The", "В").
    starters: HashSet<String>,
}

static ABBREVS: LazyLock<Abbrevs> = LazyLock::new(|| {
    let mut a = Abbrevs { table: HashMap::new(), starters: HashSet::new() };
    for src in [include_str!("../../data/abbrev/en.txt"), include_str!("../../data/abbrev/ru.txt")] {
        for line in crate::data::lines(src) {
            let Some((word, class)) = line.split_once('\t') else {
                continue;
            };
            let class = match class.trim() {
                "pre" => Class::Pre,
                "num" => Class::Num,
                "numend" => Class::NumEnd,
                "weak" => Class::Weak,
                "end" => Class::End,
                "start" => {
                    a.starters.insert(word.to_owned());
                    continue;
                }
                _ => continue,
            };
            a.table.insert(word.to_lowercase(), class);
        }
    }
    a
});

/// Appends the sentences of paragraph `para` to `out` (trimmed spans, in
/// order, covering every non-space character of the paragraph).
pub(super) fn split(text: &str, para: Span, out: &mut Vec<Span>) {
    let p = para.of(text);
    let mut start = 0;
    let emit = |from: usize, to: usize, out: &mut Vec<Span>| {
        let s = Span::new(para.start + from, para.start + to).trim(text);
        if !s.is_empty() {
            out.push(s);
        }
    };
    let mut buf = String::new();
    for b in candidates(p) {
        if keep(p, start, b, &mut buf) {
            emit(start, b, out);
            start = b;
        }
    }
    emit(start, p.len(), out);
}

/// Sentence terminators: UAX #29 `STerm` and `ATerm` characters of the
/// scripts we handle, plus "…".
pub(super) fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？' | '．')
}

/// The length of the terminator at byte `i` of `p`, if there is one. This
/// runs on every byte: only ASCII marks and the lead bytes of the others
/// are looked at closely.
#[inline]
fn terminator_at(p: &str, i: usize) -> Option<usize> {
    match p.as_bytes().get(i)? {
        b'.' | b'!' | b'?' => Some(1),
        0xE2 | 0xE3 | 0xEF => p[i..].chars().next().filter(|&c| is_terminator(c)).map(char::len_utf8),
        _ => None,
    }
}

/// Candidate sentence starts: after terminators, closers and white space.
fn candidates(p: &str) -> impl Iterator<Item = usize> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < p.len() {
            let Some(len) = terminator_at(p, i) else {
                i += 1;
                continue;
            };
            let mut j = i + len;
            while let Some(l) = terminator_at(p, j) {
                j += l;
            }
            let marks = j;
            while let Some(c) = p[j..].chars().next().filter(|&c| is_closer(c) || c == '“') {
                j += c.len_utf8();
            }
            let spaces = j;
            while let Some(c) = p[j..].chars().next().filter(|c| c.is_whitespace()) {
                j += c.len_utf8();
            }
            i = j.max(i + 1);
            let next = p[j..].chars().next()?;
            // ". . ." goes on (UAX #29 SB8a); without white space only a
            // closing mark before a capital ends a sentence ("».Далее", but
            // not "3.5", "U.S", "gov/?Id=").
            if terminator_at(p, j).is_some() || (j == spaces && !(spaces > marks && next.is_uppercase())) {
                continue;
            }
            return Some(j);
        }
        None
    })
}

/// Whether the candidate at `b` (the sentence so far starts at `start`) is
/// a real sentence end.
fn keep(p: &str, start: usize, b: usize, buf: &mut String) -> bool {
    let left = p[start..b].trim_end();
    let right = p[b..].trim_start();
    if left.is_empty() {
        return false;
    }
    // A list enumerator is not a sentence: "1. Revenue grew."
    if start == 0 && left.len() <= 4 && left.trim_end_matches(['.', ')']).bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if right.is_empty() {
        return true;
    }
    // A break that comes from a line break, not from punctuation.
    let core = left.trim_end_matches(is_closer);
    let Some(last) = core.chars().next_back() else {
        return true;
    };
    if !is_terminator(last) {
        return false;
    }
    let mut cs = right.chars();
    let first = cs.next().unwrap_or(' ');
    if first.is_lowercase() || matches!(first, ',' | ';' | ':' | ')' | ']') {
        return false;
    }
    // A dash continues the sentence (`SContinue`), except a dialogue dash
    // opening the next one: "— Это лишь первый шаг."
    if matches!(first, '-' | '–' | '—' | '‐' | '‑') {
        let dialogue = first != '-' && cs.next() == Some(' ') && cs.next().is_some_and(char::is_uppercase);
        if !dialogue {
            return false;
        }
    }
    // A lower-case word behind an opening quote or bracket continues the
    // sentence too (UAX #29 SB8).
    let opened = right.trim_start_matches(['"', '\'', '«', '“', '„', '‘', '(', '[']);
    if opened.len() < right.len() && opened.starts_with(char::is_lowercase) {
        return false;
    }
    // Abbreviations: only when the period is the very last character
    // (not "….)" and not an ellipsis "...").
    if core.len() != left.len() || !left.ends_with('.') || left.ends_with("..") {
        return true;
    }
    let abbr = Abbr::of(left);
    // "Acme Inc. (NYSE: ACME) today…": a bracket after an abbreviation
    // continues the sentence.
    let paren = right.starts_with('(');
    let starters = &ABBREVS.starters;
    // Capital letters are initials or acronyms ("А. С.", "U.S."), even
    // where the lower-case letter is an abbreviation ("с." = "село").
    if !abbr.shape
        && let Some((class, letters)) = abbr.class(buf)
    {
        return match class {
            Class::Pre => false,
            Class::Num => !starts_numeric(right) && !paren,
            Class::NumEnd => after_number(left, letters) && !paren,
            Class::Weak => starts_sentence(right, starters),
            Class::End => !paren,
        };
    }
    if abbr.shape {
        return !paren && starts_sentence(right, starters);
    }
    true
}

/// The "letters." segments ending `left` (which ends with "."): up to
/// four, allowing one space after each inner period ("т. е.", "А. С.").
/// Borrowed from `left`, so judging a candidate allocates nothing.
struct Abbr<'a> {
    /// Last segment first.
    segs: [&'a str; 4],
    n: usize,
    /// Joins without a space right before the last segment ("U.S.",
    /// "www.justice.gov."): such a run is one token and only matches as a
    /// whole ("gov." alone is not looked up there).
    glued: usize,
    /// The shape of an initial or a dotted acronym: the glued run is single
    /// capital letters ("P.", "U.S.", "А. С.").
    shape: bool,
}

impl<'a> Abbr<'a> {
    fn of(left: &'a str) -> Abbr<'a> {
        let mut a = Abbr { segs: [""; 4], n: 0, glued: 0, shape: false };
        let mut spaced = false;
        let mut dot = left.len() - 1;
        while a.n < 4 {
            let before = &left[..dot];
            let word_start = before.trim_end_matches(char::is_alphabetic).len();
            if word_start == dot {
                break;
            }
            let word = &left[word_start..dot];
            a.segs[a.n] = word;
            a.n += 1;
            // Long words do not combine with what precedes them.
            if word.chars().nth(4).is_some() && !left[..word_start].ends_with('.') {
                break;
            }
            let head = &left[..word_start];
            let (head, space) = match head.strip_suffix(' ') {
                Some(h) => (h, true),
                None => (head, false),
            };
            if !head.ends_with('.') || head.ends_with("..") {
                break;
            }
            spaced |= space;
            if !spaced {
                a.glued += 1;
            }
            dot = head.len() - 1;
        }
        let single_capital = |s: &&str| {
            let mut cs = s.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
        };
        a.shape = a.n > 0 && a.segs[..=a.glued.min(a.n - 1)].iter().all(single_capital);
        a
    }

    /// The lookup keys, longest first: lower case, no spaces ("т.е.").
    #[cfg(test)]
    fn keys<'b>(&'b self, buf: &'b mut String) -> impl Iterator<Item = String> + 'b {
        (self.glued..self.n).rev().map(move |upto| {
            buf.clear();
            for seg in self.segs[..=upto].iter().rev() {
                buf.extend(seg.chars().flat_map(char::to_lowercase));
                buf.push('.');
            }
            buf.clone()
        })
    }

    /// Looks the keys up, longest first, without allocating.
    fn class(&self, buf: &mut String) -> Option<(Class, usize)> {
        for upto in (self.glued..self.n).rev() {
            buf.clear();
            for seg in self.segs[..=upto].iter().rev() {
                buf.extend(seg.chars().flat_map(char::to_lowercase));
                buf.push('.');
            }
            if let Some(&c) = ABBREVS.table.get(buf.as_str()) {
                let letters = self.segs[..=upto].iter().map(|s| s.chars().count()).sum();
                return Some((c, letters));
            }
        }
        None
    }
}

/// `s` ends with a known abbreviation, an initial or a dotted acronym
/// ("… Company Inc.", "… Shannon County, S.D."): its final period does not
/// by itself make `s` a sentence.
pub(super) fn ends_with_abbreviation(s: &str) -> bool {
    let s = s.trim_end();
    if !s.ends_with('.') || s.ends_with("..") {
        return false;
    }
    let a = Abbr::of(s);
    a.shape || a.class(&mut String::new()).is_some()
}

fn starts_numeric(right: &str) -> bool {
    right.starts_with(|c: char| c.is_ascii_digit() || c == '#' || c == '№')
}

/// The abbreviation of `letters` letters ending `left` (before its final
/// period) follows a number, possibly with a short unit word between: "2017 г.",
/// "2010–2015 гг.", "5 млн.", "15,5 млрд руб.".
fn after_number(left: &str, letters: usize) -> bool {
    // Skip the abbreviation itself (letters, periods, spaces), then spaces.
    let mut seen = 0;
    let mut cut = left.len();
    for (i, c) in left.char_indices().rev() {
        if c.is_alphabetic() {
            seen += 1;
            if seen == letters {
                cut = i;
                break;
            }
        }
    }
    let before = left[..cut].trim_end_matches([' ', '\u{a0}']);
    if before.ends_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    // One short word between ("млрд", "тыс."): look past it.
    let word = before.trim_end_matches('.');
    let stem = word.trim_end_matches(char::is_alphabetic);
    let len = word[stem.len()..].chars().count();
    (1..=5).contains(&len)
        && stem.trim_end_matches([' ', '\u{a0}']).ends_with(|c: char| c.is_ascii_digit())
        && stem.ends_with([' ', '\u{a0}'])
}

/// The next word is one that commonly starts a sentence (and is not itself
/// an initial: "А. В. Иванов").
fn starts_sentence(right: &str, starters: &HashSet<String>) -> bool {
    let t = right.trim_start_matches(['"', '«', '“', '„', '(', '\'']);
    if t.len() != right.len() {
        // An opening quote or bracket starts a new sentence.
        return true;
    }
    let end = t.find(|c: char| !c.is_alphabetic()).unwrap_or(t.len());
    let word = &t[..end];
    if word.is_empty() {
        return false;
    }
    if t[end..].starts_with('.') && word.chars().count() == 1 {
        return false;
    }
    starters.contains(word)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The former implementation on unicode-segmentation's boundaries, kept
    /// as an oracle for the byte scanner.
    pub(crate) fn split_uax(p: &str) -> Vec<&str> {
        use unicode_segmentation::UnicodeSegmentation;
        let mut out = Vec::new();
        let mut start = 0;
        let mut forced = ellipsis_breaks(p).peekable();
        let mut extra = number_candidates(p).peekable();
        let mut uax = p.split_sentence_bound_indices().skip(1).map(|(b, _)| b).peekable();
        loop {
            let next_f = forced.peek().copied().unwrap_or(usize::MAX);
            let next_e = extra.peek().copied().unwrap_or(usize::MAX);
            let next_u = uax.peek().copied().unwrap_or(usize::MAX);
            let b = next_f.min(next_e).min(next_u);
            if b == usize::MAX {
                break;
            }
            let is_forced = b == next_f;
            while forced.peek() == Some(&b) {
                forced.next();
            }
            while extra.peek() == Some(&b) {
                extra.next();
            }
            while uax.peek() == Some(&b) {
                uax.next();
            }
            // Deliberate difference: no break without white space unless a
            // closing mark precedes ("gov/?Id=" is not a sentence end).
            let glued = !p[..b].ends_with(char::is_whitespace) && !p[..b].ends_with(is_closer);
            if b > start && !glued && (is_forced || keep(p, start, b, &mut String::new())) {
                out.push(p[start..b].trim());
                start = b;
            }
        }
        out.push(p[start..].trim());
        out.retain(|s| !s.is_empty());
        out
    }

    /// Candidates UAX #29 never offers: after ". " before a number when a
    /// lower-case word follows it ("…Азии. 13 сентября в Бишкеке…"), and
    /// after ". " / "! " / "? " before a dialogue dash and a capital ("…
    /// сказал он. — Это лишь первый шаг.": the dash is `SContinue`).
    fn number_candidates(p: &str) -> impl Iterator<Item = usize> + '_ {
        let b = p.as_bytes();
        memchr::memchr3_iter(b'.', b'!', b'?', b).filter_map(move |i| {
            let mut j = i + 1;
            while j < b.len() && (is_closer(b[j] as char) && b[j] < 0x80) {
                j += 1;
            }
            let closed = j;
            while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\n' | b'\r') {
                j += 1;
            }
            if p[j..].starts_with('\u{a0}') {
                j += 2;
            }
            if j == closed || j >= b.len() {
                return None;
            }
            if b[i] == b'.' && b[j].is_ascii_digit() {
                return Some(j);
            }
            // "—" or "–" (3 bytes each), a space, a capital.
            let rest = &p[j..];
            let dash = rest.strip_prefix('—').or_else(|| rest.strip_prefix('–'))?;
            let word = dash.strip_prefix(' ')?;
            word.starts_with(char::is_uppercase).then_some(j)
        })
    }

    /// Positions after "…" + spaces where an upper-case word begins.
    fn ellipsis_breaks(p: &str) -> impl Iterator<Item = usize> + '_ {
        memchr::memmem::find_iter(p.as_bytes(), "…".as_bytes()).filter_map(move |i| {
            let after = i + "…".len();
            let rest = &p[after..];
            let rest_closed = rest.trim_start_matches(is_closer);
            let t = rest_closed.trim_start();
            if t.len() == rest_closed.len() {
                return None;
            }
            let c = t.chars().next()?;
            (c.is_uppercase() || matches!(c, '«' | '“' | '"')).then_some(p.len() - t.len())
        })
    }

    fn sents(p: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split(p, Span::new(0, p.len()), &mut out);
        out.iter().map(|s| s.of(p)).collect()
    }

    fn abbrev_keys(left: &str) -> (Vec<String>, bool) {
        let a = Abbr::of(left);
        let mut buf = String::new();
        let mut keys: Vec<String> = a.keys(&mut buf).collect();
        keys.reverse();
        (keys, a.shape)
    }

    #[test]
    fn abbreviation_keys() {
        assert_eq!(abbrev_keys("т.е."), (vec!["т.е.".to_owned()], false));
        assert_eq!(abbrev_keys("это т. е."), (vec!["е.".to_owned(), "т.е.".to_owned()], false));
        assert_eq!(abbrev_keys("the U.S."), (vec!["u.s.".to_owned()], true));
        assert_eq!(abbrev_keys("John P."), (vec!["p.".to_owned()], true));
        assert_eq!(abbrev_keys("Acme Inc."), (vec!["inc.".to_owned()], false));
        assert_eq!(abbrev_keys("2017."), (vec![], false));
        assert_eq!(abbrev_keys("www.justice.gov."), (vec!["www.justice.gov.".to_owned()], false));
        assert_eq!(abbrev_keys("см. т."), (vec!["т.".to_owned(), "см.т.".to_owned()], false));
    }

    #[test]
    fn basic() {
        assert_eq!(sents("Он ушёл… Потом вернулся."), ["Он ушёл…", "Потом вернулся."]);
        assert_eq!(sents("Он ушёл… потом вернулся."), ["Он ушёл… потом вернулся."]);
        assert_eq!(
            sents("Рост в 2017 г. Это рекорд. В г. Москва тоже."),
            ["Рост в 2017 г.", "Это рекорд.", "В г. Москва тоже."]
        );
        assert_eq!(sents("Line one\nline two. Next."), ["Line one\nline two.", "Next."]);
        assert_eq!(sents("\"Why?\" he asked. Then left."), ["\"Why?\" he asked.", "Then left."]);
        assert_eq!(sents("Поэт А. С. Пушкин родился. Он писал."), ["Поэт А. С. Пушкин родился.", "Он писал."]);
        assert_eq!(sents("Jan. 3 was cold."), ["Jan. 3 was cold."]);
        assert_eq!(sents(""), Vec::<&str>::new());
        assert_eq!(sents(" . "), ["."]);
        assert_eq!(sents("в Азии. 13 сентября в Бишкеке."), ["в Азии.", "13 сентября в Бишкеке."]);
        assert_eq!(sents("See No. 5 here. Art. 12 says."), ["See No. 5 here.", "Art. 12 says."]);
        assert_eq!(
            sents("Выделено 15,5 млрд руб. Средства поступят."),
            ["Выделено 15,5 млрд руб.", "Средства поступят."]
        );
        assert_eq!(sents("Acme Inc. (NYSE: ACME) today said."), ["Acme Inc. (NYSE: ACME) today said."]);
        assert_eq!(
            sents("— Мы рады, — сказал он. — Это первый шаг."),
            ["— Мы рады, — сказал он.", "— Это первый шаг."]
        );
    }

    /// The byte scanner gives the same sentences as the former
    /// implementation on unicode-segmentation's boundaries, on every
    /// paragraph of the fixtures and (when present) the shared corpus.
    #[test]
    fn same_as_unicode_segmentation() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [
            root.join("fixtures/segment"),
            root.join("../shared/corpus/releases/en"),
            root.join("../shared/corpus/releases/ru"),
            root.join("../shared/corpus/seed"),
        ] {
            if let Ok(rd) = std::fs::read_dir(&dir) {
                files.extend(rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")));
            }
        }
        files.sort();
        let mut diffs = Vec::new();
        let mut paragraphs = 0;
        for f in &files {
            let Ok(text) = std::fs::read_to_string(f) else { continue };
            let seg = crate::segment::segment(&text, &Default::default(), crate::document::Lang::Und);
            for (pi, para) in seg.paragraphs.iter().enumerate() {
                if seg.zones[para.zone].kind == crate::segment::ZoneKind::Dateline {
                    continue;
                }
                paragraphs += 1;
                let p = para.span.of(&text);
                let mut ours = Vec::new();
                split(p, Span::new(0, p.len()), &mut ours);
                let ours: Vec<&str> = ours.iter().map(|s| s.of(p)).collect();
                let theirs = split_uax(p);
                if ours != theirs {
                    diffs.push(format!("{}#{pi}\n  scan: {ours:?}\n  uax:  {theirs:?}", f.display()));
                }
            }
        }
        assert!(paragraphs > 100, "too few paragraphs: {paragraphs}");
        assert!(diffs.is_empty(), "{} paragraph(s) differ:\n{}", diffs.len(), diffs.join("\n"));
    }
}
