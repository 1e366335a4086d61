//! URL mentions: web addresses with a scheme, "www." addresses and bare
//! domains ("abc.com"), Cyrillic domains ("минэк.рф"), and DOCX hyperlink
//! targets.
//!
//! Candidates come from the linkify crate (scheme URLs, "www.", bare
//! domains) plus a small scan for domains under a Cyrillic top-level domain,
//! which linkify does not find. Every candidate is then checked here:
//! the scheme must be a web one (`http`, `https`, `ftp`, `ftps`, `sftp`),
//! the host must end in a real top-level domain (`data/tlds.txt`, from the
//! Public Suffix List) or be `localhost`/an IPv4 address after a scheme,
//! and trailing punctuation and unbalanced brackets are trimmed. Bare
//! domains are held to a stricter standard (see `bare_domain_ok`) because
//! running text has many "word.word" slips.
//!
//! The value is the absolute URL: scheme and host lower-cased, `http://`
//! added where the text has none, path kept as written.
//!
//! **Line-break joins.** Documents rendered to text sometimes break a long
//! URL across lines. A URL is joined with the next non-empty line when all
//! of these hold: the URL ends its line and ends with `/`, `-`, `_`, `?`,
//! `=` or `&` (a place where a URL cannot end meaningfully); at most one
//! blank line lies between; and that next line is one token of URL path
//! characters with no spaces, no scheme, no `@`, not ending in sentence
//! punctuation, and not a capitalized plain word (a heading). The mention
//! then spans both pieces, line break included.
//!
//! **Glued to a full stop.** "…today.www.x.org" and "…today.https://x.org"
//! (no space after the sentence) start at "www." / the scheme: the word
//! before the dot is not part of the host.
//!
//! It does not find e-mail addresses (`email`), resolve redirects, or
//! percent-decode paths.

use super::{Context, Extractor, Kind, Mention, UrlValue, Value};
use crate::span::Span;
use aho_corasick::AhoCorasick;
use linkify::{LinkFinder, LinkKind};
use std::collections::HashSet;
use std::sync::OnceLock;

static TLD_DATA: &str = include_str!("../../data/tlds.txt");

/// The top-level domain table, lower case (built once).
fn tlds() -> &'static HashSet<&'static str> {
    static T: OnceLock<HashSet<&'static str>> = OnceLock::new();
    T.get_or_init(|| TLD_DATA.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

/// Whether `label` (any case) is a top-level domain.
pub(crate) fn is_tld(label: &str) -> bool {
    if label.is_empty() || label.len() > 63 {
        return false;
    }
    if label.bytes().all(|b| b.is_ascii_lowercase()) {
        return tlds().contains(label);
    }
    tlds().contains(label.to_lowercase().as_str())
}

/// A character allowed in a domain label (letters of any script, digits,
/// hyphen).
#[inline]
pub(crate) fn is_label_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Whether `host` is a domain name whose last label is a top-level domain:
/// at least two labels, each 1–63 label characters, none starting or
/// ending with a hyphen.
pub(crate) fn valid_domain(host: &str) -> bool {
    let mut labels = 0;
    let mut last = "";
    for label in host.split('.') {
        if label.is_empty()
            || label.len() > 63
            || label.starts_with('-')
            || label.ends_with('-')
            || !label.chars().all(is_label_char)
        {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2 && !last.chars().all(|c| c.is_ascii_digit()) && is_tld(last)
}

fn is_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.iter().all(|p| p.parse::<u16>().is_ok_and(|n| n <= 255))
}

/// Top-level domains that are also frequent words: a bare "end.it" or
/// "million.in" is far more often a missing space than a domain, so bare
/// domains under these need a digit in the name or a path.
const WORDY_TLDS: &[&str] = &[
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "id", "if", "in", "is", "it", "la", "me", "mo", "my",
    "no", "nu", "of", "on", "or", "pm", "so", "to", "us", "we", "and", "are", "art", "day", "for", "how", "new", "now",
    "one", "the", "top", "was", "win", "you", "life", "live", "news", "page", "world",
];

const SCHEMES: &[&str] = &["http", "https", "ftp", "ftps", "sftp"];

/// Characters trimmed from the end of a URL candidate.
fn trailing_junk(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '»' | '”' | '’' | '“' | '"' | '\'' | '›' | '…' | '*' | '<' | '>')
}

/// Trims trailing punctuation and unbalanced closing brackets from `s`;
/// returns the kept length in bytes.
pub(crate) fn trim_url_end(s: &str) -> usize {
    let mut end = s.len();
    loop {
        let Some(c) = s[..end].chars().next_back() else { return end };
        let open = match c {
            ')' => Some('('),
            ']' => Some('['),
            '}' => Some('{'),
            _ => None,
        };
        if let Some(open) = open {
            let body = &s[..end];
            let opens = body.matches(open).count();
            let closes = body.matches(c).count();
            if closes > opens {
                end -= c.len_utf8();
                continue;
            }
            return end;
        }
        if trailing_junk(c) {
            end -= c.len_utf8();
            continue;
        }
        return end;
    }
}

/// Bytes to skip at the start of a candidate when a URL is glued to the
/// end of the sentence before it, with no space after the full stop:
/// "…today.https://x.org" (the scheme would read "today.https") and
/// "…today.www.x.org" (a host never has "www" after its first label).
/// Only a letter word before the dot counts: "v1.www.x" stays whole.
fn glued_prefix(s: &str) -> usize {
    let cut =
        if let Some(i) = s.find("://") {
            s[..i].rfind('.').map(|d| d + 1)
        } else {
            let host_end = s.find(['/', '?', '#', ':']).unwrap_or(s.len());
            let host = &s[..host_end];
            host.as_bytes().windows(5).position(|w| w.eq_ignore_ascii_case(b".www.")).map(|d| d + 1).filter(|&d| {
                host[..d - 1].chars().all(char::is_alphabetic) && !host[..d - 1].eq_ignore_ascii_case("www")
            })
        };
    match cut {
        Some(d) if d > 1 && s[..d - 1].chars().all(char::is_alphabetic) => d,
        _ => 0,
    }
}

/// A URL candidate split into parts: `scheme` (None when the text has
/// none), host, and the rest (port, path, query, fragment).
struct Parts<'a> {
    scheme: Option<&'a str>,
    host: &'a str,
    rest: &'a str,
}

fn split_url(s: &str) -> Option<Parts<'_>> {
    let (scheme, after) = match s.find("://") {
        Some(i) => (Some(&s[..i]), &s[i + 3..]),
        None => (None, s),
    };
    let host_end = after.find(['/', '?', '#', ':']).unwrap_or(after.len());
    let (host, rest) = after.split_at(host_end);
    if host.contains('@') {
        return None;
    }
    Some(Parts { scheme, host, rest })
}

/// Normalized form: scheme and host lower case, `http://` when absent.
fn normalize(p: &Parts) -> String {
    let scheme = p.scheme.map(|s| s.to_ascii_lowercase()).unwrap_or_else(|| "http".to_owned());
    format!("{scheme}://{}{}", p.host.to_lowercase(), p.rest)
}

/// Whether a URL (after a scheme check) has an acceptable host.
fn host_ok(p: &Parts) -> bool {
    if p.scheme.is_some() && (p.host.eq_ignore_ascii_case("localhost") || is_ipv4(p.host)) {
        return true;
    }
    valid_domain(p.host)
}

/// The stricter test for a domain written without scheme or "www.".
fn bare_domain_ok(text: &str, span: Span, p: &Parts) -> bool {
    let before = text[..span.start].chars().next_back();
    // Part of a longer token: "x.y@z", "/path/a.com", "v1.2.com".
    if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '@' | '.' | '/' | '\\' | '_' | '-' | '=')) {
        return false;
    }
    let Some(tld) = p.host.rsplit('.').next() else { return false };
    // "investigation.The": a sentence with a missing space. A host in
    // capitals throughout ("ПРЕЗИДЕНТ.РФ") is a style, not a slip.
    let host_caps = p.host.chars().all(|c| !c.is_lowercase());
    if tld.chars().any(char::is_uppercase) && !host_caps {
        return false;
    }
    let labels: Vec<&str> = p.host.split('.').collect();
    // "U.S.Army", "e.g.com": one-letter labels are abbreviations.
    if labels.iter().any(|l| l.chars().count() < 2) {
        return false;
    }
    if WORDY_TLDS.contains(&tld) {
        let has_digit = labels[..labels.len() - 1].iter().any(|l| l.bytes().any(|b| b.is_ascii_digit()));
        return has_digit || p.rest.starts_with('/');
    }
    true
}

/// Ends of the line containing `byte`.
fn line_end(text: &str, byte: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[byte..]).map_or(text.len(), |i| byte + i)
}

/// The continuation of a URL broken across lines (see the module doc):
/// the span of the continuation token, if any.
fn continuation(text: &str, url_end: usize, url: &str) -> Option<Span> {
    if !url.ends_with(['/', '-', '_', '?', '=', '&']) {
        return None;
    }
    let eol = line_end(text, url_end);
    if !text[url_end..eol].trim().is_empty() || eol >= text.len() {
        return None;
    }
    // Skip at most one blank line.
    let mut pos = eol + 1;
    let mut breaks = 1;
    loop {
        let le = line_end(text, pos);
        if !text[pos..le].trim().is_empty() {
            break;
        }
        breaks += 1;
        if breaks > 2 || le >= text.len() {
            return None;
        }
        pos = le + 1;
    }
    let le = line_end(text, pos);
    let tok = Span::new(pos, le).trim(text);
    let t = tok.of(text);
    if t.is_empty()
        || t.len() > 120
        || t.contains("://")
        || t.contains('@')
        || t.to_ascii_lowercase().starts_with("www.")
    {
        return None;
    }
    if !t.chars().all(|c| c.is_ascii_alphanumeric() || "-._~%/?=&#+".contains(c)) {
        return None;
    }
    if t.ends_with(['.', ',', ';', '!', '?']) {
        return None;
    }
    let first = t.chars().next()?;
    // "Contacts" on its own line is a heading, not a path segment.
    if first.is_uppercase() && t.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(tok)
}

pub struct UrlExtractor {
    finder: LinkFinder,
    /// ".рф", ".рус", …: every top-level domain written in Cyrillic.
    cyrillic_tlds: AhoCorasick,
}

impl UrlExtractor {
    pub fn new() -> UrlExtractor {
        let mut finder = LinkFinder::new();
        finder.kinds(&[LinkKind::Url]).url_must_have_scheme(false).url_can_be_iri(true);
        let cyr: Vec<String> = tlds()
            .iter()
            .filter(|t| t.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)))
            .flat_map(|t| [format!(".{t}"), format!(".{}", t.to_uppercase())])
            .collect();
        let cyrillic_tlds = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&cyr)
            .expect("static patterns");
        UrlExtractor { finder, cyrillic_tlds }
    }

    /// Checks one candidate span; pushes a mention when it is a URL.
    fn accept(&self, text: &str, span: Span, rule: &'static str, out: &mut Vec<Mention>) -> bool {
        let span = Span::new(span.start + glued_prefix(span.of(text)), span.end);
        let raw = span.of(text);
        let keep = trim_url_end(raw);
        if keep == 0 {
            return false;
        }
        let span = Span::new(span.start, span.start + keep);
        let s = span.of(text);
        let Some(p) = split_url(s) else { return false };
        match p.scheme {
            Some(sch) => {
                if !SCHEMES.iter().any(|k| sch.eq_ignore_ascii_case(k)) {
                    return false;
                }
            }
            None => {
                let www = p.host.len() > 4 && p.host.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("www."));
                if !www && !bare_domain_ok(text, span, &p) {
                    return false;
                }
            }
        }
        if !host_ok(&p) {
            return false;
        }
        let mut url = normalize(&p);
        let mut span = span;
        if let Some(cont) = continuation(text, span.end, s) {
            url.push_str(cont.of(text));
            span = Span::new(span.start, cont.end);
        }
        out.push(Mention::new(Kind::Url, span, Value::Url(UrlValue { url }), rule));
        true
    }

    /// Scheme URLs glued to the full stop before them ("…on
    /// Monday.https://x.org"), which linkify skips: it reads the scheme as
    /// "Monday.https" and gives up. The URL starts after the last dot.
    fn glued_schemes(&self, text: &str, found: &mut Vec<Span>, out: &mut Vec<Mention>) {
        for i in memchr::memmem::find_iter(text.as_bytes(), b"://") {
            let head = &text[..i];
            let run = head.len()
                - head.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-')).len();
            let Some(dot) = text[i - run..i].rfind('.').map(|d| i - run + d) else { continue };
            if !text[..dot].chars().next_back().is_some_and(char::is_alphabetic) {
                continue;
            }
            let end = text[i..].find(char::is_whitespace).map_or(text.len(), |e| i + e);
            let span = Span::new(dot + 1, end);
            if found.iter().any(|f| f.overlaps(span)) {
                continue;
            }
            let before = out.len();
            if self.accept(text, span, "url-scheme", out) {
                found.push(out[before].span);
            }
        }
    }

    /// Domains under a Cyrillic TLD ("минэк.рф", "http://минэк.рф/путь").
    fn cyrillic(&self, text: &str, found: &mut Vec<Span>, out: &mut Vec<Mention>) {
        for m in self.cyrillic_tlds.find_iter(text) {
            let tld_end = m.end();
            if text[tld_end..].chars().next().is_some_and(is_label_char) {
                continue;
            }
            // Host start: back over label characters and dots.
            let mut start = m.start();
            for (i, c) in text[..m.start()].char_indices().rev() {
                if is_label_char(c) || c == '.' {
                    start = i;
                } else {
                    break;
                }
            }
            if start == m.start() {
                continue;
            }
            let before = text[..start].chars().next_back();
            if before == Some('@') {
                continue; // an e-mail address
            }
            // A scheme right before the host.
            let mut s = start;
            for sch in SCHEMES {
                let pre = format!("{sch}://");
                if text[..start].len() >= pre.len()
                    && text.is_char_boundary(start - pre.len())
                    && text[start - pre.len()..start].eq_ignore_ascii_case(&pre)
                {
                    s = start - pre.len();
                }
            }
            // The path: up to white space or a closing quote/bracket.
            let mut end = tld_end;
            if text[end..].starts_with(['/', '?', '#']) {
                for (i, c) in text[end..].char_indices() {
                    if c.is_whitespace() || matches!(c, '"' | '«' | '»' | '<' | '>' | '“' | '”') {
                        break;
                    }
                    end = tld_end + i + c.len_utf8();
                }
            }
            let span = Span::new(s, end);
            if found.iter().any(|f| f.overlaps(span)) {
                continue;
            }
            if self.accept(text, span, "url-cyrillic", out) {
                found.push(span);
            }
        }
    }
}

impl Default for UrlExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor for UrlExtractor {
    fn name(&self) -> &'static str {
        "url"
    }

    fn produces(&self) -> &'static [Kind] {
        &[Kind::Url]
    }

    fn extract(&self, ctx: &Context, _earlier: &[Mention], out: &mut Vec<Mention>) {
        let text = ctx.text;
        let mut found: Vec<Span> = Vec::new();
        for link in self.finder.links(text) {
            let mut span = Span::new(link.start(), link.end());
            // linkify treats non-ASCII white space (no-break, thin, ideographic
            // spaces) as part of a URL; a URL never contains white space.
            if let Some(ws) = link.as_str().find(char::is_whitespace) {
                span.end = span.start + ws;
            }
            // linkify stops before a fragment right after a port
            // ("http://localhost:8080#123"): take it along.
            if text[span.end..].starts_with('#') {
                let frag = text[span.end..].find(char::is_whitespace).unwrap_or(text.len() - span.end);
                span.end += frag;
            }
            let rule = if link.as_str().contains("://") { "url-scheme" } else { "url-bare" };
            let before = out.len();
            if self.accept(text, span, rule, out) {
                found.push(out[before].span);
            }
        }
        self.glued_schemes(text, &mut found, out);
        if !text.is_ascii() {
            self.cyrillic(text, &mut found, out);
        }
        // DOCX hyperlinks whose visible text is not itself a URL ("сайт",
        // "our website"): the target is the URL, on the visible span.
        for link in ctx.links {
            let target = link.target.trim();
            let lower = target.to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.")) {
                continue;
            }
            let span = link.span.trim(text);
            if span.is_empty() || found.iter().any(|f| f.overlaps(span)) {
                continue;
            }
            let Some(p) = split_url(target) else { continue };
            if !host_ok(&p) {
                continue;
            }
            out.push(Mention::new(Kind::Url, span, Value::Url(UrlValue { url: normalize(&p) }), "docx-link"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tld_table() {
        assert!(is_tld("com") && is_tld("COM") && is_tld("рф") && is_tld("РФ") && is_tld("io"));
        assert!(!is_tld("png") && !is_tld("") && !is_tld("pdf"));
    }

    #[test]
    fn unicode_space_ends_a_url() {
        let text = "See www.opm.gov/forms\u{a0}or http://x.org/a.pdf\u{2009}now";
        let e = UrlExtractor::new();
        let toks = crate::token::tokenize(text);
        let seg = crate::segment::Segments::default();
        let ctx = Context {
            text,
            tokens: &toks,
            segments: &seg,
            lang: crate::document::Lang::En,
            anchor: None,
            region: "US",
            links: &[],
            trigger_scan: Default::default(),
        };
        let mut out = Vec::new();
        e.extract(&ctx, &[], &mut out);
        let got: Vec<&str> = out.iter().map(|m| m.span.of(text)).collect();
        assert_eq!(got, ["www.opm.gov/forms", "http://x.org/a.pdf"]);
    }

    #[test]
    fn trims() {
        let s = "http://ex.com/a»,";
        assert_eq!(&s[..trim_url_end(s)], "http://ex.com/a");
        let s = "https://en.wikipedia.org/wiki/A_(b))";
        assert_eq!(&s[..trim_url_end(s)], "https://en.wikipedia.org/wiki/A_(b)");
    }

    #[test]
    fn continuation_rules() {
        let t = "Website:http://eeas.europa.eu/delegations/\n\nkyrgyzstan\n\nFacebook";
        let end = t.find("/\n").unwrap() + 1;
        let c = continuation(t, end, "http://eeas.europa.eu/delegations/").unwrap();
        assert_eq!(c.of(t), "kyrgyzstan");
        // A heading, a sentence, two blank lines: no join.
        for t in ["http://a.com/\nContacts\n", "http://a.com/\nsee below.\n", "http://a.com/\n\n\nx\n"] {
            assert!(continuation(t, t.find('\n').unwrap(), "http://a.com/").is_none(), "{t:?}");
        }
        // Not at a line end, or not ending in a joiner.
        assert!(continuation("http://a.com\nx", 12, "http://a.com").is_none());
    }
}
