//! Tokens: the one tokenization of a document, shared by every extractor.
//!
//! A token is a maximal run of letters (a `Word`, combining marks and the
//! soft hyphen included), a maximal run of decimal digits (a `Num`), or one
//! other non-space character (`Punct`). White space is not a token; instead
//! each token records whether space, a line break or a blank line precedes
//! it. "5-й" is three tokens `5` `-` `й` with no space between them; joining
//! them is the job of the extractor that cares.
//!
//! Tokenizing is a single pass over the bytes with an ASCII fast path. It
//! does not lowercase, stem or classify words beyond case and script.

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Punct,
}

/// Flag bits of a [`Token`].
pub mod flag {
    /// Every letter is upper case (and there are at least two letters, or
    /// one letter that is a whole word in caps like "I" is not: see TITLE).
    pub const UPPER: u16 = 1;
    /// First letter upper case, not all upper (or a single capital letter).
    pub const TITLE: u16 = 1 << 1;
    /// First letter lower case.
    pub const LOWER: u16 = 1 << 2;
    /// Has Cyrillic letters.
    pub const CYR: u16 = 1 << 3;
    /// Has Latin letters.
    pub const LAT: u16 = 1 << 4;
    /// Preceded by white space (or at the start of the text).
    pub const SPACE_BEFORE: u16 = 1 << 5;
    /// A line break lies between this token and the previous one.
    pub const LINE_BEFORE: u16 = 1 << 6;
    /// A blank line (two or more line breaks) lies before this token.
    pub const BLANK_BEFORE: u16 = 1 << 7;
    /// Word: all ASCII.
    pub const ASCII: u16 = 1 << 8;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokKind,
    pub flags: u16,
}

impl Token {
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.of(text)
    }
    #[inline]
    pub fn is(&self, f: u16) -> bool {
        self.flags & f != 0
    }
    #[inline]
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    #[inline]
    pub fn is_num(&self) -> bool {
        self.kind == TokKind::Num
    }
    /// A punctuation token that is exactly `c`.
    #[inline]
    pub fn is_punct(&self, text: &str, c: char) -> bool {
        self.kind == TokKind::Punct && self.text(text).starts_with(c)
    }
    /// Whether the token touches the previous one (no space in between).
    #[inline]
    pub fn glued(&self) -> bool {
        self.flags & flag::SPACE_BEFORE == 0
    }
    #[inline]
    pub fn is_capitalized(&self) -> bool {
        self.flags & (flag::UPPER | flag::TITLE) != 0
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '\u{ad}' || is_mark(c)
}

/// Combining marks that show up inside words (stress accents in Russian
/// texts, decomposed diacritics).
#[inline]
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36f | 0x1ab0..=0x1aff | 0x20d0..=0x20ff)
}

/// Tokenizes `text` in one pass.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    let mut space = true;
    let mut newlines = 0u8;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII white space.
        if b == b' ' || b == b'\t' || b == b'\r' || b == 0x0c || b == 0x0b {
            space = true;
            i += 1;
            continue;
        }
        if b == b'\n' {
            space = true;
            newlines = newlines.saturating_add(1);
            i += 1;
            continue;
        }
        let start = i;
        let (c, len) = decode_at(text, i);
        if c.is_whitespace() {
            space = true;
            if c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' {
                newlines = newlines.saturating_add(1);
            }
            i += len;
            continue;
        }
        let mut flags = 0u16;
        if space {
            flags |= flag::SPACE_BEFORE;
        }
        if newlines >= 1 {
            flags |= flag::LINE_BEFORE;
        }
        if newlines >= 2 {
            flags |= flag::BLANK_BEFORE;
        }
        space = false;
        newlines = 0;
        let kind;
        if c.is_ascii_digit() {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            kind = TokKind::Num;
        } else if is_word_char(c) && c != '\u{ad}' && !is_mark(c) {
            // Scan the word, tracking case and script.
            let (mut upper, mut lower, mut first_upper, mut first) = (0u32, 0u32, false, true);
            let mut ascii = true;
            let mut j = i;
            while j < bytes.len() {
                let b = bytes[j];
                // Fast paths: ASCII letters and two-byte Cyrillic letters
                // (U+0400–U+04FF) are the bulk of our texts.
                if b < 0x80 {
                    if !b.is_ascii_alphabetic() {
                        break;
                    }
                    if b.is_ascii_uppercase() {
                        upper += 1;
                        first_upper |= first;
                    } else {
                        lower += 1;
                    }
                    flags |= flag::LAT;
                    first = false;
                    j += 1;
                    continue;
                }
                if (b == 0xD0 || b == 0xD1 || b == 0xD2 || b == 0xD3) && j + 1 < bytes.len() {
                    let cp = ((b as u32 & 0x1F) << 6) | (bytes[j + 1] as u32 & 0x3F);
                    // U+0482–U+0489: a sign and combining marks, still part
                    // of the word; everything else in the block is a letter.
                    let is_upper = match cp {
                        0x400..=0x42F => true,
                        0x430..=0x45F => false,
                        0x482..=0x489 => {
                            j += 2;
                            first = false;
                            ascii = false;
                            continue;
                        }
                        0x4C0 => true,
                        0x4C1..=0x4CE => !cp.is_multiple_of(2),
                        0x4CF => false,
                        _ => cp.is_multiple_of(2), // U+0460–U+04FF: upper/lower pairs
                    };
                    if is_upper {
                        upper += 1;
                        first_upper |= first;
                    } else {
                        lower += 1;
                    }
                    flags |= flag::CYR;
                    ascii = false;
                    first = false;
                    j += 2;
                    continue;
                }
                let (c, l) = decode_at(text, j);
                if !is_word_char(c) {
                    break;
                }
                if c.is_uppercase() {
                    upper += 1;
                    first_upper |= first;
                } else if c.is_lowercase() {
                    lower += 1;
                }
                ascii = false;
                if ('\u{400}'..='\u{52f}').contains(&c) {
                    flags |= flag::CYR;
                } else if c.is_alphabetic() && (c as u32) < 0x250 {
                    flags |= flag::LAT;
                }
                first = false;
                j += l;
            }
            i = j;
            if ascii {
                flags |= flag::ASCII;
            }
            if upper >= 2 && lower == 0 {
                flags |= flag::UPPER;
            } else if first_upper {
                flags |= flag::TITLE;
            } else if lower > 0 {
                flags |= flag::LOWER;
            }
            kind = TokKind::Word;
        } else {
            i += len;
            kind = TokKind::Punct;
        }
        out.push(Token { span: Span::new(start, i), kind, flags });
    }
    out
}

#[inline]
fn decode_at(text: &str, i: usize) -> (char, usize) {
    // SAFETY-free: `i` is always a char boundary here.
    let c = text[i..].chars().next().unwrap_or('\u{fffd}');
    (c, c.len_utf8())
}

/// Index of the first token whose start is ≥ `byte` (binary search).
pub fn first_at_or_after(tokens: &[Token], byte: usize) -> usize {
    tokens.partition_point(|t| t.span.start < byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<(String, TokKind)> {
        tokenize(text).iter().map(|t| (t.text(text).to_owned(), t.kind)).collect()
    }

    #[test]
    fn words_numbers_punct() {
        use TokKind::*;
        let t = "9-ой фазы (2015-2018 гг).";
        assert_eq!(
            show(t),
            vec![
                ("9".into(), Num),
                ("-".into(), Punct),
                ("ой".into(), Word),
                ("фазы".into(), Word),
                ("(".into(), Punct),
                ("2015".into(), Num),
                ("-".into(), Punct),
                ("2018".into(), Num),
                ("гг".into(), Word),
                (")".into(), Punct),
                (".".into(), Punct),
            ]
        );
    }

    #[test]
    fn flags() {
        let t = "ЕС Бишкек ok\n\nUSA x";
        let toks = tokenize(t);
        assert!(toks[0].is(flag::UPPER) && toks[0].is(flag::CYR));
        assert!(toks[1].is(flag::TITLE) && toks[1].is(flag::SPACE_BEFORE));
        assert!(toks[2].is(flag::LOWER) && toks[2].is(flag::LAT) && toks[2].is(flag::ASCII));
        assert!(toks[3].is(flag::BLANK_BEFORE) && toks[3].is(flag::UPPER));
        assert!(!toks[4].is(flag::LINE_BEFORE));
    }

    #[test]
    fn cyrillic_fast_path_agrees_with_unicode() {
        for cp in 0x400u32..=0x4FF {
            let c = char::from_u32(cp).unwrap();
            if (0x482..=0x489).contains(&cp) {
                continue;
            }
            let word = format!("{c}{c}");
            let t = tokenize(&word);
            assert_eq!(t.len(), 1, "U+{cp:04X}");
            let want = if c.is_uppercase() { flag::UPPER } else { flag::LOWER };
            assert!(t[0].is(want), "U+{cp:04X} {c}");
            let single = tokenize(&c.to_string());
            assert_eq!(single[0].is(flag::TITLE), c.is_uppercase(), "U+{cp:04X} {c}");
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for t in ["", " ", "\u{301}", "\u{ad}ab", "a\u{301}b", "🇰🇬", "\r\n\r\n", "١٢٣"] {
            let toks = tokenize(t);
            for tok in toks {
                assert!(t.is_char_boundary(tok.span.start) && t.is_char_boundary(tok.span.end));
            }
        }
    }
}
