//! EMAIL mentions: plain addresses (ASCII or Cyrillic, "почта@минэк.рф"),
//! IPv4-literal domains ("j_9@[129.126.118.1]"), obfuscated forms
//! ("name \[at\] domain \[dot\] org", "name(at)domain.org", "name at
//! domain.org" at the start of a line or after an e-mail label, "name at
//! domain dot com" and "имя собака домен точка ru" anywhere), and DOCX
//! `mailto:` hyperlinks. A Latin address glued to a non-Latin word
//! ("почтаivan@x.com") starts after that word.
//!
//! Why not linkify for e-mails (it finds the URLs)? Its e-mail finder is
//! ASCII-only and, on an invalid local part ("a..bc@outlook.com"), returns
//! the valid tail ("bc@outlook.com"); a scan from each `@` that reads the
//! whole token and rejects it whole is shorter than patching that up.
//!
//! An address needs a domain whose last label is a real top-level domain
//! (`data/tlds.txt`), and a local part without leading, trailing or
//! doubled dots. The value is the address with its domain lower-cased (the
//! local part is kept: it may be case-sensitive). `mailto:` is not part of
//! the span.
//!
//! It does not validate quoted local parts or IPv6 literals, and does not
//! check that a domain exists.

use super::url::{is_label_char, valid_domain};
use super::{Context, EmailValue, Extractor, Kind, Mention, Value};
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Characters of a local part (RFC 5322 atoms without the rare symbols
/// that are mostly punctuation in running text), plus letters of any
/// script for internationalized addresses.
#[inline]
fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn local_ok(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().any(|c| c.is_alphanumeric())
}

/// The local part ending at `at` (exclusive): its start.
fn local_start(text: &str, at: usize) -> usize {
    let mut start = at;
    for (i, c) in text[..at].char_indices().rev() {
        if is_local_char(c) {
            start = i;
        } else {
            break;
        }
    }
    start
}

/// The domain starting at `from`: its end (exclusive), read as labels and
/// single dots; a trailing dot is left out.
fn domain_end(text: &str, from: usize) -> usize {
    let mut end = from;
    let mut prev_dot = true;
    for (i, c) in text[from..].char_indices() {
        if is_label_char(c) {
            prev_dot = false;
            end = from + i + c.len_utf8();
        } else if c == '.' && !prev_dot {
            prev_dot = true;
        } else {
            break;
        }
    }
    end
}

/// Where a Latin local part begins when non-Latin letters are glued in
/// front of it ("почтаivan@example.com": a label written without a space):
/// after the last non-ASCII letter, if ASCII letters or digits follow it.
/// An all-Cyrillic local part ("почта@минэк.рф") is kept whole.
fn latin_tail(text: &str, start: usize, at: usize) -> usize {
    let local = &text[start..at];
    if local.is_ascii() || !local.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        return start;
    }
    let Some((i, c)) = local.char_indices().rev().find(|(_, c)| !c.is_ascii()) else { return start };
    let tail = start + i + c.len_utf8();
    if c.is_alphabetic() && text[tail..at].starts_with(|c: char| c.is_ascii_alphanumeric()) { tail } else { start }
}

/// An IPv4 literal "[1.2.3.4]" at `from`: its end.
fn ip_literal_end(text: &str, from: usize) -> Option<usize> {
    let rest = text[from..].strip_prefix('[')?;
    let close = rest.find(']')?;
    let inner = &rest[..close];
    let parts: Vec<&str> = inner.split('.').collect();
    let ok = parts.len() == 4 && parts.iter().all(|p| p.parse::<u8>().is_ok() && !p.is_empty() && p.len() <= 3);
    ok.then_some(from + 1 + close + 1)
}

fn push(out: &mut Vec<Mention>, span: Span, local: &str, domain: &str, rule: &'static str) {
    let address = format!("{local}@{}", domain.to_lowercase());
    out.push(Mention::new(Kind::Email, span, Value::Email(EmailValue { address }), rule));
}

/// The words that, right before an address, say "this is an e-mail".
const LABELS: &[&str] = &["email", "e-mail", "mail", "почта", "e-mail адрес", "эл.почта", "эл. почта", "адрес"];

pub struct EmailExtractor {
    /// Bracketed "at" markers: "[at]", "(at)", "[собака]", …
    at_markers: AhoCorasick,
    /// [`WORD_AT`], ASCII case-insensitive.
    word_at: AhoCorasick,
}

/// Obfuscated "@" markers in brackets (the plain " at " is looked for
/// separately, only where an address is expected).
const AT_MARKERS: &[&str] = &["[at]", "(at)", "{at}", "<at>", "[ at ]", "( at )", "[@]", "(@)", "[собака]", "(собака)"];
/// Obfuscated "." markers inside a domain.
const DOT_MARKERS: &[&str] =
    &["[dot]", "(dot)", "{dot}", "<dot>", "[ dot ]", "( dot )", "[.]", "(.)", "dot ", "[точка]", "(точка)", "точка "];
/// Generic top-level domains that a spelt-out address in prose may end
/// with (any two-letter country domain is accepted as well).
const COMMON_TLDS: &[&str] = &["com", "org", "net", "edu", "gov", "int", "mil", "info", "biz", "рф"];
/// The "@" spelt as a plain word between spaces: "name at domain dot com",
/// "имя собака домен точка ru".
const WORD_AT: &[&str] = &[" at ", " собака ", " Собака ", " СОБАКА "];

impl EmailExtractor {
    pub fn new() -> EmailExtractor {
        let at_markers = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(AT_MARKERS)
            .expect("static patterns");
        let word_at = AhoCorasickBuilder::new().ascii_case_insensitive(true).build(WORD_AT).expect("static patterns");
        EmailExtractor { at_markers, word_at }
    }

    /// Plain addresses: every '@'.
    fn plain(&self, text: &str, out: &mut Vec<Mention>) {
        let bytes = text.as_bytes();
        let mut last_end = 0;
        for at in memchr::memchr_iter(b'@', bytes) {
            if at < last_end {
                continue;
            }
            let start = latin_tail(text, local_start(text, at), at);
            let local = &text[start..at];
            // "http://user@host" and "a/b@c" are not addresses.
            if text[..start].ends_with(['/', '\\', '@']) || !local_ok(local) {
                continue;
            }
            let (end, domain) = match ip_literal_end(text, at + 1) {
                Some(end) => (end, &text[at + 1..end]),
                None => {
                    let end = domain_end(text, at + 1);
                    let domain = &text[at + 1..end];
                    if !valid_domain(domain) {
                        continue;
                    }
                    (end, domain)
                }
            };
            // "a@b.com@c": a longer, odd token.
            if text[end..].starts_with('@') {
                continue;
            }
            push(out, Span::new(start, end), local, domain, "email");
            last_end = end;
        }
    }

    /// Obfuscated addresses: "name [at] domain [dot] org", "name(at)x.org".
    fn obfuscated(&self, text: &str, out: &mut Vec<Mention>) {
        for m in self.at_markers.find_iter(text) {
            self.at_marker(text, m.start(), m.end(), false, out);
        }
        // The plain word " at " / " собака ": an address where one is
        // expected (see `plain_at_allowed`), or anywhere when the domain
        // spells its dots too ("name at domain dot com"): prose has "at" but
        // never "at x dot com".
        for m in self.word_at.find_iter(text) {
            self.at_marker(text, m.start(), m.end(), true, out);
        }
    }

    /// An obfuscated address around the "at" marker `[mstart, mend)`.
    fn at_marker(&self, text: &str, mstart: usize, mend: usize, plain_at: bool, out: &mut Vec<Mention>) {
        {
            // The local part: right before the marker, maybe after spaces.
            let mut lend = mstart;
            while lend > 0 && text.as_bytes()[lend - 1] == b' ' && !plain_at {
                lend -= 1;
            }
            let lstart = local_start(text, lend);
            let local = &text[lstart..lend];
            if !local_ok(local) || text[..lstart].ends_with(['/', '@', '.']) {
                return;
            }
            // The domain: labels joined by "." or a dot marker.
            let mut pos = mend;
            while !plain_at && text[pos..].starts_with(' ') {
                pos += 1;
            }
            let mut domain = String::new();
            let mut end = pos;
            let mut spelt_dot = false;
            loop {
                let lab_end = {
                    let mut e = pos;
                    for (i, c) in text[pos..].char_indices() {
                        if is_label_char(c) {
                            e = pos + i + c.len_utf8();
                        } else {
                            break;
                        }
                    }
                    e
                };
                if lab_end == pos {
                    break;
                }
                domain.push_str(&text[pos..lab_end]);
                end = lab_end;
                let rest = &text[lab_end..];
                let dot_len = if rest.starts_with('.') && rest[1..].chars().next().is_some_and(is_label_char) {
                    Some(1)
                } else {
                    // "domain [dot] org": spaces around a bracketed marker.
                    let pad = rest.len() - rest.trim_start_matches(' ').len();
                    let r = &rest[pad..];
                    DOT_MARKERS.iter().find(|d| starts_with_ci(r, d)).map(|d| {
                        let after = &r[d.len()..];
                        pad + d.len() + (after.len() - after.trim_start_matches(' ').len())
                    })
                };
                match dot_len {
                    Some(n) if n <= 12 => {
                        spelt_dot |= n > 1;
                        domain.push('.');
                        pos = lab_end + n;
                    }
                    _ => break,
                }
            }
            // A spelt-out address has a Latin local part when its domain is
            // Latin: "ivan собака mail точка ru", not prose before "собака".
            // In prose, also a common top-level domain: "Sam at home dot
            // party" is a sentence, "ana at press dot gov dot uk" an address.
            let odd_local = plain_at && !local.is_ascii() && domain.is_ascii();
            let tld = domain.rsplit('.').next().unwrap_or("");
            let common_tld = tld.chars().count() == 2 || COMMON_TLDS.iter().any(|t| tld.eq_ignore_ascii_case(t));
            let odd_local = odd_local || (plain_at && !common_tld);
            if !valid_domain(&domain) || odd_local || (plain_at && !spelt_dot && !plain_at_allowed(text, lstart)) {
                return;
            }
            push(out, Span::new(lstart, end), local, &domain, "email-obfuscated");
        }
    }
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.is_char_boundary(prefix.len()) && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// "name at domain.org" with a plain "at" is an address only where an
/// address is expected: at the start of a line, or after a colon or an
/// e-mail label ("Email: name at x.org"). In running text "available at
/// justice.gov" is a sentence.
fn plain_at_allowed(text: &str, local_start: usize) -> bool {
    let line_start = text[..local_start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..local_start].trim_end();
    if before.is_empty() || before.ends_with(':') {
        return true;
    }
    let lower = before.to_lowercase();
    LABELS.iter().any(|l| lower.ends_with(l))
}

impl Default for EmailExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor for EmailExtractor {
    fn name(&self) -> &'static str {
        "email"
    }

    fn produces(&self) -> &'static [Kind] {
        &[Kind::Email]
    }

    fn extract(&self, ctx: &Context, _earlier: &[Mention], out: &mut Vec<Mention>) {
        let text = ctx.text;
        let first = out.len();
        if memchr::memchr(b'@', text.as_bytes()).is_some() {
            self.plain(text, out);
        }
        self.obfuscated(text, out);
        // DOCX mailto: links whose visible text is not an address ("write
        // to us"): the target's address on the visible span.
        for link in ctx.links {
            let target = link.target.trim();
            let Some(addr) = target.get(..7).filter(|p| p.eq_ignore_ascii_case("mailto:")).map(|_| &target[7..]) else {
                continue;
            };
            let addr = addr.split('?').next().unwrap_or("");
            let span = link.span.trim(text);
            if span.is_empty() || out[first..].iter().any(|m| m.span.overlaps(span)) {
                continue;
            }
            let Some((local, domain)) = addr.rsplit_once('@') else { continue };
            if local_ok(local) && valid_domain(domain) {
                push(out, span, local, domain, "docx-link");
            }
        }
    }
}
