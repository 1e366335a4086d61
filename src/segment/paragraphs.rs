//! Paragraphs: where a document's text breaks into paragraphs.
//!
//! Each DOCX block ends a paragraph (the DOCX reader gives one block per
//! paragraph or table row). Inside the text, a line break — or a run of
//! blank lines — is a paragraph break unless the line was *wrapped*:
//!
//! - the next line starts in lower case and the previous line does not end
//!   a sentence (". ! ? … : ;"), as in a sentence wrapped by hand
//!   ("принял решение сохранить\nключевую ставку"); this also holds across
//!   blank lines after a line of five words or more (not a short heading)
//!   unless the next line is a dateline, where text extracted from PDF or
//!   HTML often breaks;
//! - or, with no blank line between, the text is hard-wrapped at a fixed
//!   width (most lines end near the same column, [`wrap_width`]) and the
//!   next line's first word would not have fitted on the previous line: a
//!   deliberate break leaves room.
//!
//! Lines that are list items ("- …", "1) …", "• …"), labelled fields
//! ("Телефон: …", "Email: …") or short contact lines (an email or a phone
//! number) are never joined to their neighbours, so address and contact
//! blocks keep one paragraph per line.
//!
//! This module does not decide what a paragraph *is* (title, contact, …):
//! that is `zones`. Each line is looked at once and only in a bounded
//! prefix and suffix, so the cost is linear in the text.

use super::dateline;
use crate::document::{Block, Part};
use crate::span::Span;
use crate::text::{prefix, suffix};
use memchr::memchr2;

/// One paragraph, before zoning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Para {
    /// Trimmed: starts and ends with a non-space character.
    pub span: Span,
    /// The DOCX part the paragraph came from; `None` for plain text.
    pub part: Option<Part>,
    /// A blank line (or a block boundary, or the start of the text)
    /// precedes it.
    pub blank_before: bool,
}

/// Splits `text` into paragraphs, using `blocks` (DOCX) when given.
pub(super) fn split(text: &str, blocks: &[Block]) -> Vec<Para> {
    let mut out = Vec::new();
    if blocks.is_empty() {
        let width = wrap_width(text);
        split_region(text, Span::new(0, text.len()), None, width, &mut out);
        return out;
    }
    // Blocks from another stage: use only well-formed ones, in order.
    let mut last_end = 0;
    for b in blocks {
        let s = b.span;
        if s.start < last_end || s.end > text.len() || s.start > s.end {
            continue;
        }
        if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            continue;
        }
        last_end = s.end;
        split_region(text, s, Some(b.part), None, &mut out);
    }
    out
}

/// What the joining rule needs to know about one non-blank line.
#[derive(Clone, Copy, Debug)]
struct Line {
    content: Span,
    /// Width of the leading white space (a tab counts 4).
    indent: usize,
    /// Length of the content in chars, capped at [`CAP`].
    chars: usize,
    first_word_chars: usize,
    /// Words, capped at 16.
    words: usize,
    ends_sentence: bool,
    starts_lower: bool,
    /// List item, labelled field or contact line: never joined.
    standalone: bool,
    contact: bool,
}

/// Line lengths are counted up to this many chars.
const CAP: usize = 512;

impl Line {
    fn new(text: &str, raw: Span, content: Span) -> Line {
        let lead = &text[raw.start..content.start];
        let indent = lead.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
        let s = content.of(text);
        let head = prefix(s, 160);
        let chars = prefix(s, CAP * 4).chars().take(CAP).count();
        let first_word_chars = s.chars().take_while(|c| !c.is_whitespace()).take(CAP).count();
        let first = s.chars().next().unwrap_or(' ');
        let contact = chars <= 120 && is_contact_line(s);
        Line {
            content,
            indent,
            chars,
            first_word_chars,
            words: head.split_whitespace().take(16).count(),
            ends_sentence: ends_sentence(s),
            starts_lower: first.is_lowercase(),
            standalone: is_item(head) || is_field(head) || contact,
            contact,
        }
    }
}

/// What separates two lines.
#[derive(Clone, Copy, Debug)]
enum Gap {
    /// One line break; the text's wrap width, if it is hard-wrapped.
    Line(Option<usize>),
    /// Blank lines.
    Blank,
}

/// Whether the break between `prev` and `cur` is a wrap (join them). Across
/// blank lines only a sentence that visibly goes on is joined (text
/// extracted from PDF or HTML often breaks a paragraph there: "принял
/// решение сохранить\n\nключевую ставку").
fn joins(text: &str, prev: &Line, cur: &Line, gap: Gap) -> bool {
    if cur.standalone || prev.contact {
        return false;
    }
    let Gap::Line(width) = gap else {
        // Across blank lines only running text goes on: not after a short
        // heading, and not into a dateline ("Итоги года" / "г. Москва,
        // 12.03.2020").
        return cur.starts_lower
            && !prev.ends_sentence
            && prev.words >= 5
            && dateline::whole(text, cur.content).is_none();
    };
    if cur.starts_lower && !prev.ends_sentence {
        return true;
    }
    match width {
        // Hard-wrapped: the previous line is full when the next word would
        // not have fitted; a line far longer than the width was not wrapped.
        Some(w) => prev.chars <= w + 10 && prev.chars + 1 + cur.first_word_chars > w && cur.indent <= prev.indent,
        None => false,
    }
}

fn split_region(text: &str, region: Span, part: Option<Part>, width: Option<usize>, out: &mut Vec<Para>) {
    let mut blank = true;
    let mut cur: Option<(Span, Line, bool)> = None;
    for raw in lines(text, region) {
        let content = raw.trim(text);
        if content.is_empty() {
            blank = true;
            continue;
        }
        let line = Line::new(text, raw, content);
        match cur.as_mut() {
            Some((span, last, _)) if joins(text, last, &line, if blank { Gap::Blank } else { Gap::Line(width) }) => {
                span.end = line.content.end;
                *last = line;
            }
            _ => {
                if let Some((span, _, b)) = cur.take() {
                    out.push(Para { span, part, blank_before: b });
                }
                cur = Some((line.content, line, blank));
            }
        }
        blank = false;
    }
    if let Some((span, _, b)) = cur {
        out.push(Para { span, part, blank_before: b });
    }
}

/// The lines of `region` (without their terminators): a line ends at
/// "\n", "\r\n" or a lone "\r".
fn lines(text: &str, region: Span) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut pos = region.start;
    std::iter::from_fn(move || {
        if pos >= region.end {
            return None;
        }
        let nl = memchr2(b'\n', b'\r', &bytes[pos..region.end]).map_or(region.end, |i| pos + i);
        let line = Span::new(pos, nl);
        pos = if nl >= region.end {
            region.end
        } else if bytes[nl] == b'\r' && nl + 1 < region.end && bytes[nl + 1] == b'\n' {
            nl + 2
        } else {
            nl + 1
        };
        Some(line)
    })
}

/// The column at which the text is hard-wrapped, if it is. Only *inner*
/// lines (those followed by another non-blank line) are looked at, since
/// only they can have been wrapped: at least three of them, 95 % no longer
/// than some width between 30 and 100 chars, and at least 40 % within a
/// quarter of that width.
pub(super) fn wrap_width(text: &str) -> Option<usize> {
    const MAX: usize = 100;
    let mut hist = [0u32; MAX + 2];
    let mut n = 0u32;
    let mut prev: Option<usize> = None;
    for line in lines(text, Span::new(0, text.len())) {
        let t = line.of(text).trim();
        if t.is_empty() {
            prev = None;
            continue;
        }
        if let Some(len) = prev {
            hist[len] += 1;
            n += 1;
        }
        prev = Some(prefix(t, (MAX + 1) * 4).chars().take(MAX + 1).count());
    }
    if n < 3 {
        return None;
    }
    let mut cum = 0;
    let mut width = MAX + 1;
    for (len, &c) in hist.iter().enumerate() {
        cum += c;
        if cum * 20 >= n * 19 {
            width = len;
            break;
        }
    }
    if !(30..=MAX).contains(&width) {
        return None;
    }
    let near: u32 = hist[width * 3 / 4..].iter().sum();
    (near * 5 >= n * 2).then_some(width)
}

/// Closing quotes and brackets that may follow a sentence's last mark.
pub(super) fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '}' | '›')
}

/// The line ends with sentence punctuation (a colon or semicolon too: what
/// follows is a list or a new clause, not a wrapped word).
pub(super) fn ends_sentence(s: &str) -> bool {
    let tail = suffix(s, 16);
    let last = tail.trim_end_matches(is_closer).chars().next_back();
    matches!(last, Some('.' | '!' | '?' | '…' | ':' | ';'))
}

/// "- item", "• item", "1) item", "2. item", "a) item", "(3) item".
pub(super) fn is_item(head: &str) -> bool {
    let mut it = head.chars();
    let Some(c0) = it.next() else {
        return false;
    };
    let spaced = |rest: &str| rest.starts_with(char::is_whitespace);
    if matches!(
        c0,
        '-' | '–'
            | '—'
            | '•'
            | '·'
            | '*'
            | '▪'
            | '►'
            | '◦'
            | '‣'
            | '⁃'
            | '●'
            | '○'
            | '■'
            | '□'
            | '✓'
            | '✔'
            | '➢'
    ) {
        return spaced(it.as_str());
    }
    let rest = head.trim_start_matches('(');
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let after = &rest[digits..];
        if let Some(r) = after.strip_prefix(['.', ')']) {
            return spaced(r) && !(after.starts_with('.') && r.trim_start().starts_with(char::is_numeric));
        }
        return false;
    }
    let mut cs = rest.chars();
    if let (Some(l), Some(')')) = (cs.next(), cs.next())
        && l.is_lowercase()
    {
        return spaced(cs.as_str());
    }
    false
}

/// "Телефон: …", "Email: …", "Website:http…": a label of at most three
/// words and 30 chars, then a colon.
pub(super) fn is_field(head: &str) -> bool {
    let Some(colon) = head.find(':') else {
        return false;
    };
    let label = &head[..colon];
    if label.is_empty() || label.chars().count() > 30 || !label.starts_with(char::is_alphabetic) {
        return false;
    }
    let lower = label.to_lowercase();
    if lower == "http" || lower == "https" || lower == "mailto" {
        return false;
    }
    label.split_whitespace().count() <= 3
        && label.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '/' | '(' | ')' | '\''))
}

/// A short line carrying an email address or a phone number.
pub(super) fn is_contact_line(s: &str) -> bool {
    has_email(s) || has_phone(s)
}

/// `x@y.z`.
pub(super) fn has_email(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'@', b).any(|i| {
        i > 0
            && (b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'.' | b'_' | b'-' | b'+'))
            && b[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'))
                .any(|&c| c == b'.')
    })
}

/// A run of 7 to 15 digits written like a phone number: with a leading
/// "+", or at least ten digits, or at least three groups ("+996 312 26 10
/// 00", "202/224-6830", "(800) 514-0301", "771-91-00"); a date
/// ("13.09.2017") or a year range ("2003-2018") is not one.
pub(super) fn has_phone(s: &str) -> bool {
    #[derive(Default)]
    struct Run {
        digits: usize,
        groups: usize,
        in_group: bool,
        plus: bool,
        dots_only: bool,
        group_lens: [usize; 4],
    }
    impl Run {
        fn is_phone(&self) -> bool {
            let date = self.groups == 3
                && self.dots_only
                && self.group_lens[0] <= 2
                && self.group_lens[1] <= 2
                && matches!(self.group_lens[2], 2 | 4);
            (7..=15).contains(&self.digits) && (self.plus || self.digits >= 10 || self.groups >= 3) && !date
        }
    }
    let mut r = Run { dots_only: true, ..Run::default() };
    let mut gap_other = false;
    for c in s.chars() {
        match c {
            '0'..='9' => {
                if !r.in_group {
                    // Only separators between two groups count.
                    if r.groups > 0 && gap_other {
                        r.dots_only = false;
                    }
                    r.groups += 1;
                    r.in_group = true;
                    gap_other = false;
                }
                r.digits += 1;
                if let Some(l) = r.group_lens.get_mut(r.groups - 1) {
                    *l += 1;
                }
            }
            '+' if r.digits == 0 => r.plus = true,
            ' ' | '\u{a0}' | '-' | '(' | ')' | '.' | '/' => {
                r.in_group = false;
                gap_other |= !matches!(c, '.' | '/');
            }
            _ => {
                if r.is_phone() {
                    return true;
                }
                r = Run { dots_only: true, ..Run::default() };
                gap_other = false;
            }
        }
    }
    r.is_phone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<&str> {
        split(text, &[]).iter().map(|p| p.span.of(text)).collect()
    }

    #[test]
    fn blank_lines_and_wrapped_lines() {
        assert_eq!(paras("A.\n\nB."), ["A.", "B."]);
        assert_eq!(paras("A\n\nB"), ["A", "B"]);
        assert_eq!(
            paras("Совет директоров Банка России принял решение сохранить\n\nключевую ставку."),
            ["Совет директоров Банка России принял решение сохранить\n\nключевую ставку."]
        );
        assert_eq!(paras("Итоги года\n\nг. Москва, 12.03.2020"), ["Итоги года", "г. Москва, 12.03.2020"]);
        assert_eq!(
            paras("Решение сохранить \nключевую ставку.\nДалее."),
            ["Решение сохранить \nключевую ставку.", "Далее."]
        );
        assert_eq!(
            paras("Title line\nБишкек, 13 сентября 2017\nText."),
            ["Title line", "Бишкек, 13 сентября 2017", "Text."]
        );
        assert_eq!(
            paras("Телефон: +996 312 26 10 00\nфакс: +996 312 26 10 07"),
            ["Телефон: +996 312 26 10 00", "факс: +996 312 26 10 07"]
        );
        assert_eq!(paras("Решение:\n- снизить ставку;\n- сохранить"), ["Решение:", "- снизить ставку;", "- сохранить"]);
        assert_eq!(paras("A\r\n\r\nB\rC"), ["A", "B", "C"]);
        assert_eq!(paras("\n\n\n   \n\t\n"), Vec::<&str>::new());
    }

    #[test]
    fn hard_wrapped_text() {
        let text = "The Department of Justice announced today that the defendant pleaded\n\
                    guilty. The plea was entered in federal court in Washington, D.C.\n\
                    Sentencing is set for June 5.\n\
                    The second paragraph starts here and it is long enough to wrap at the\n\
                    same column as the first one did, which is what a mail client does.\n\
                    \n\
                    Jane Doe\n\
                    Office of Public Affairs\n\
                    202-514-2007";
        assert_eq!(wrap_width(text), Some(69));
        assert_eq!(
            paras(text),
            [
                "The Department of Justice announced today that the defendant pleaded\nguilty. The plea was entered in federal court in Washington, D.C.\nSentencing is set for June 5.",
                "The second paragraph starts here and it is long enough to wrap at the\nsame column as the first one did, which is what a mail client does.",
                "Jane Doe",
                "Office of Public Affairs",
                "202-514-2007"
            ]
        );
    }

    #[test]
    fn line_kinds() {
        assert!(is_item("- снизить"));
        assert!(is_item("1) first"));
        assert!(is_item("2. second"));
        assert!(is_item("а) первое"));
        assert!(!is_item("2.5 percent"));
        assert!(!is_item("-30-"));
        assert!(is_field("Телефон: +996"));
        assert!(is_field("Website:http://x"));
        assert!(!is_field("http://x.org"));
        assert!(!is_field("The decision was made in the following way: first"));
        assert!(has_phone("Contact: Jennifer O'Shea, 202/224-6830."));
        assert!(has_phone("факс: +996 312 26 10 07"));
        assert!(!has_phone("13.09.2017"));
        assert!(!has_phone("в 2017 году 2500 человек"));
        assert!(!has_phone("4 Значение ставки с 01.01.2016 года"));
        assert!(!has_phone("За период 2003-2018 гг."));
        assert!(has_phone("тел. 771-91-00"));
        assert!(has_phone("(800) 514-0301"));
        assert!(has_email("Email: delegation-kyrgyzstan@eeas.europa.eu "));
        assert!(!has_email("@user and x@y"));
    }
}
