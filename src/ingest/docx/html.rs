//! Imported chunks (`w:altChunk`): HTML, MHTML and plain text that Word
//! merges into the document when it opens it. HTML-to-DOCX converters
//! produce documents whose whole content is one such chunk.
//!
//! The HTML rendering is deliberately small: text with white space
//! collapsed, one line per block element (`p`, `div`, `h1`…, `li`, `tr`,
//! `br`…), table cells separated by `\t`, `<a href>` kept as links,
//! `script`/`style`/`head` content and comments dropped, character
//! references decoded. It does not apply CSS (hidden elements show), nor
//! render lists' markers, images or forms. RTF and nested DOCX chunks are
//! not read.

use super::wml::Out;
use crate::document::{Block, Link, Part};
use crate::span::Span;
use memchr::memmem;

/// Renders a chunk by its part name and bytes; `None` for kinds not read.
pub(super) fn render_chunk(name: &str, bytes: &[u8], part: Part) -> Option<Out> {
    let lower = name.to_ascii_lowercase();
    let head = &bytes[..bytes.len().min(4096)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle));
    if lower.ends_with(".mht") || lower.ends_with(".mhtml") || has(b"multipart/related") {
        let (html, charset) = mhtml_html(bytes)?;
        return Some(html_to_text(&decode(&html, charset.as_deref()), part));
    }
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") || has(b"<html") {
        return Some(html_to_text(&decode(bytes, None), part));
    }
    if lower.ends_with(".txt") {
        return Some(plain_to_text(&decode(bytes, None), part));
    }
    None
}

/// Bytes to text: a BOM, else a `charset` label (given, or declared in the
/// first bytes of the HTML), else UTF-8 when valid, else detection.
fn decode(bytes: &[u8], charset: Option<&str>) -> String {
    if encoding_rs::Encoding::for_bom(bytes).is_none() {
        let declared = charset.map(str::to_owned).or_else(|| meta_charset(bytes));
        if let Some(enc) = declared.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes())) {
            return enc.decode_with_bom_removal(bytes).0.into_owned();
        }
    }
    crate::ingest::text::decode(bytes).map(|d| d.text).unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
}

fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower = head.to_ascii_lowercase();
    let at = memmem::find(&lower, b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b))).unwrap_or(rest.len());
    (end > 0).then(|| String::from_utf8_lossy(&rest[..end]).into_owned())
}

/// The first `text/html` part of an MHTML (MIME multipart) file, decoded
/// from its transfer encoding, with its charset.
fn mhtml_html(bytes: &[u8]) -> Option<(Vec<u8>, Option<String>)> {
    let text = String::from_utf8_lossy(bytes);
    let b = find_ci(&text, "boundary=")? + 9;
    let rest = &text[b..];
    let boundary = match rest.strip_prefix('"') {
        Some(q) => &q[..q.find('"')?],
        None => rest.split(|c: char| c.is_whitespace() || c == ';').next()?,
    };
    let delim = format!("--{boundary}");
    for part in text.split(delim.as_str()).skip(1) {
        let part = part.trim_start_matches(['\r', '\n']);
        let Some(split) = part.find("\r\n\r\n").map(|i| (i, 4)).or_else(|| part.find("\n\n").map(|i| (i, 2))) else {
            continue;
        };
        let (headers, body) = (&part[..split.0], &part[split.0 + split.1..]);
        if find_ci(headers, "text/html").is_none() {
            continue;
        }
        let charset = find_ci(headers, "charset=").map(|i| {
            let v = headers[i + 8..].trim_start_matches('"');
            v.split(|c: char| c == '"' || c == ';' || c.is_whitespace()).next().unwrap_or("").to_owned()
        });
        let body = if find_ci(headers, "quoted-printable").is_some() {
            quoted_printable(body.as_bytes())
        } else if find_ci(headers, "base64").is_some() {
            base64(body.as_bytes())
        } else {
            body.as_bytes().to_vec()
        };
        return Some((body, charset));
    }
    None
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn quoted_printable(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'=' {
            let hex = |b: u8| (b as char).to_digit(16);
            match (s.get(i + 1), s.get(i + 2)) {
                (Some(b'\r'), Some(b'\n')) => i += 3,
                (Some(b'\n'), _) => i += 2,
                (Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                    out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                    i += 3;
                }
                _ => {
                    out.push(b'=');
                    i += 1;
                }
            }
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

fn base64(s: &[u8]) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for &c in s {
        let Some(v) = val(c) else { continue };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn plain_to_text(s: &str, part: Part) -> Out {
    let mut w = Writer::new(part);
    for line in s.lines() {
        w.text(line, true);
        w.break_block();
    }
    w.finish()
}

/// Builds the chunk's text: lines of collapsed text, one block each.
struct Writer {
    out: Out,
    part: Part,
    /// Start of the current line, if it has text.
    line: Option<usize>,
    space: bool,
    /// Cells seen in the current table row.
    cells: usize,
    links: Vec<(usize, String)>,
}

impl Writer {
    fn new(part: Part) -> Writer {
        Writer { out: Out::default(), part, line: None, space: false, cells: 0, links: Vec::new() }
    }

    /// Appends text; white space collapses to one space unless `pre`.
    fn text(&mut self, s: &str, pre: bool) {
        for c in s.chars() {
            if pre && c == '\n' {
                self.break_block();
                continue;
            }
            if !pre && c.is_whitespace() && c != '\u{a0}' {
                self.space = self.line.is_some();
                continue;
            }
            if (c as u32) < 0x20 && c != '\t' {
                continue;
            }
            self.open_line();
            if self.space {
                self.out.text.push(' ');
                self.space = false;
            }
            self.out.text.push(c);
        }
    }

    fn open_line(&mut self) {
        if self.line.is_none() {
            if !self.out.text.is_empty() {
                self.out.text.push('\n');
            }
            self.line = Some(self.out.text.len());
        }
    }

    fn break_block(&mut self) {
        self.space = false;
        if let Some(start) = self.line.take() {
            let end = self.out.text.trim_end().len().max(start);
            self.out.text.truncate(end);
            if end > start {
                self.out.blocks.push(Block { span: Span::new(start, end), part: self.part });
            }
        }
    }

    fn cell(&mut self) {
        if self.cells > 0 {
            self.open_line();
            self.out.text.push('\t');
            self.space = false;
        }
        self.cells += 1;
    }

    fn finish(mut self) -> Out {
        self.break_block();
        self.out
    }
}

const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Renders HTML as text (see the module doc).
pub(super) fn html_to_text(html: &str, part: Part) -> Out {
    let mut w = Writer::new(part);
    let bytes = html.as_bytes();
    let mut pre = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let next = memchr::memchr(b'<', &bytes[i..]).map_or(bytes.len(), |j| i + j);
        if next > i {
            w.text(&entities(&html[i..next]), pre > 0);
        }
        if next >= bytes.len() {
            break;
        }
        i = next;
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |j| i + j + 3);
            continue;
        }
        let Some(end) = tag_end(rest) else { break };
        let tag = &rest[1..end];
        i += end + 1;
        let closing = tag.starts_with('/');
        let name: String =
            tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>();
        let name = name.to_ascii_lowercase();
        if name.is_empty() {
            continue; // `<!DOCTYPE>`, `<?xml?>`, a stray `<`
        }
        if !closing && matches!(name.as_str(), "script" | "style" | "head" | "title" | "template") {
            // Skip to the matching end tag.
            let close = format!("</{name}");
            i = find_ci(&html[i..], &close).map_or(bytes.len(), |j| i + j);
            continue;
        }
        match name.as_str() {
            "td" | "th" if !closing => w.cell(),
            "a" if !closing => {
                let href = attr(tag, "href").unwrap_or_default();
                // The span is trimmed at the end: a separator or space
                // written before the link text is not part of it.
                w.links.push((w.out.text.len(), entities(href.trim()).into_owned()));
            }
            "a" => {
                if let Some((start, href)) = w.links.pop() {
                    let lower = href.to_ascii_lowercase();
                    let external =
                        ["http://", "https://", "ftp://", "mailto:", "www."].iter().any(|p| lower.starts_with(p));
                    let span = Span::new(start.min(w.out.text.len()), w.out.text.len()).trim(&w.out.text);
                    if external && !span.is_empty() {
                        w.out.links.push(Link { span, target: href });
                    }
                }
            }
            "pre" if !closing => pre += 1,
            "pre" => pre = pre.saturating_sub(1),
            _ => {}
        }
        if name == "tr" {
            w.cells = 0;
        }
        if BLOCKS.contains(&name.as_str()) {
            w.break_block();
        }
    }
    w.finish()
}

/// The index of the `>` closing a tag that starts at `s[0] == '<'`, quotes
/// respected.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` inside a tag's text.
fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut rest = tag;
    while let Some(at) = find_ci(rest, name) {
        let before_ok = at > 0 && rest.as_bytes()[at - 1].is_ascii_whitespace();
        let after = rest[at + name.len()..].trim_start();
        if before_ok && let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            return Some(match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                _ => v.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
            });
        }
        rest = &rest[at + name.len()..];
    }
    None
}

/// Decodes character references; unknown named ones stay as written.
fn entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let ch = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                n.and_then(char::from_u32)
            } else {
                named(name)
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "deg" => '°',
        "times" => '×',
        "sect" => '§',
        "numero" => '№',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        html_to_text(html, Part::Body).text
    }

    #[test]
    fn blocks_lines_cells_and_white_space() {
        let html = "<!DOCTYPE html><html><head><title>T</title><style>p {x}</style></head><body>\n\
            <p>Simple paragraph with a \n    <strong>emphasized</strong> word.</p><!-- <p>hidden</p> -->\
            <script>var a = '<p>';</script><p>Table:</p><table><tr><th>Col 1</th><th>Col 2</th></tr>\
            <tr><td>R1 &amp; C1</td><td>R1&nbsp;C2</td></tr></table>Line<br>break<pre>a  b</pre></body></html>";
        let out = html_to_text(html, Part::Body);
        assert_eq!(
            out.text,
            "Simple paragraph with a emphasized word.\nTable:\nCol 1\tCol 2\nR1 & C1\tR1\u{a0}C2\nLine\nbreak\na  b"
        );
        let blocks: Vec<&str> = out.blocks.iter().map(|b| b.span.of(&out.text)).collect();
        assert_eq!(
            blocks,
            [
                "Simple paragraph with a emphasized word.",
                "Table:",
                "Col 1\tCol 2",
                "R1 & C1\tR1\u{a0}C2",
                "Line",
                "break",
                "a  b"
            ]
        );
    }

    #[test]
    fn links_and_references() {
        let out = html_to_text(
            r##"<p>Write to <a href="mailto:a@b.org">a@b.org</a> or see <a class=x href='https://x.org/?a=1&amp;b=2'> x.org </a>, <a href="#top">top</a> &#8470;&#x41;&bogus; &</p>"##,
            Part::Body,
        );
        assert_eq!(out.text, "Write to a@b.org or see x.org , top №A&bogus; &");
        let links: Vec<(&str, &str)> = out.links.iter().map(|l| (l.span.of(&out.text), l.target.as_str())).collect();
        assert_eq!(links, [("a@b.org", "mailto:a@b.org"), ("x.org", "https://x.org/?a=1&b=2")]);
    }

    #[test]
    fn broken_html_does_not_panic() {
        for s in ["<", "<p", "<a href=\"x", "&#xFFFFFFFF;", "&#0;x", "<script>never closed", "</p></p>", "<<>>"] {
            let _ = text(s);
        }
        assert_eq!(text("a <b"), "a");
    }

    #[test]
    fn mhtml_with_quoted_printable_html() {
        let mht = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart\"\r\n\r\n\
            ------=_NextPart\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
            <html><body><p>=D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82, long line =\r\ncontinued</p></body></html>\r\n\
            ------=_NextPart--\r\n";
        let out = render_chunk("word/afchunk.mht", mht.as_bytes(), Part::Body).unwrap();
        assert_eq!(out.text, "Привет, long line continued");
        assert_eq!(base64(b"0J/RgNC40LLQtdGC"), "Привет".as_bytes());
    }

    #[test]
    fn charsets_plain_text_and_unknown_kinds() {
        let html =
            b"<html><head><meta charset=\"windows-1251\"></head><body><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></body></html>";
        assert_eq!(render_chunk("chunk.html", html, Part::Body).unwrap().text, "Привет");
        let out = render_chunk("chunk.txt", "One\r\n\r\nTwo  spaces".as_bytes(), Part::Table).unwrap();
        assert_eq!(out.text, "One\nTwo  spaces");
        assert!(out.blocks.iter().all(|b| b.part == Part::Table));
        assert!(render_chunk("chunk.rtf", b"{\\rtf1 x}", Part::Body).is_none());
    }
}
