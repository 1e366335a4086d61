//! Byte spans into a document's text, and the one conversion to code points.
//!
//! Internally every stage works with half-open **byte** ranges into the
//! UTF-8 text (`Span`); records carry **code point** offsets, as the contract
//! says. [`CharMap`] performs that conversion once per document, when the
//! record is built. It does not validate that spans fall on char
//! boundaries: the extractors guarantee that, and the record builder checks
//! it in debug builds.

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    #[inline]
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies entirely inside `self`.
    #[inline]
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    #[inline]
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers. Panics on a span outside `text` or off a
    /// char boundary, which is a bug in whoever built the span.
    #[inline]
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The span shrunk past leading and trailing white space of `text`.
    pub fn trim(&self, text: &str) -> Span {
        let s = self.of(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }
}

/// Converts byte offsets of one text into code point offsets.
///
/// Keeps a checkpoint every `CharMap::STRIDE` bytes (the code point count
/// before it), so a lookup counts at most `STRIDE` bytes; memory is 1/16 of
/// the text in the worst case. Pure-ASCII texts need no table at all.
pub struct CharMap<'t> {
    text: &'t str,
    ascii: bool,
    checkpoints: Vec<u32>,
}

impl<'t> CharMap<'t> {
    const STRIDE: usize = 64;

    pub fn new(text: &'t str) -> CharMap<'t> {
        if text.is_ascii() {
            return CharMap { text, ascii: true, checkpoints: Vec::new() };
        }
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / Self::STRIDE + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(Self::STRIDE) {
            checkpoints.push(count);
            count += chunk.iter().filter(|&&b| !is_continuation(b)).count() as u32;
        }
        CharMap { text, ascii: false, checkpoints }
    }

    /// The code point offset of byte offset `byte` (which must be a char
    /// boundary or `text.len()`).
    pub fn cp(&self, byte: usize) -> usize {
        debug_assert!(self.text.is_char_boundary(byte), "offset {byte} is not a char boundary");
        if self.ascii {
            return byte;
        }
        let slot = byte / Self::STRIDE;
        let base = slot * Self::STRIDE;
        let Some(&before) = self.checkpoints.get(slot) else {
            // byte == text.len() on an exact multiple of STRIDE.
            return self.text.chars().count();
        };
        let tail = &self.text.as_bytes()[base..byte];
        before as usize + tail.iter().filter(|&&b| !is_continuation(b)).count()
    }

    /// Code point `[start, end)` of a byte span.
    pub fn span(&self, span: Span) -> (usize, usize) {
        (self.cp(span.start), self.cp(span.end))
    }
}

#[inline]
fn is_continuation(b: u8) -> bool {
    (b as i8) < -0x40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charmap_matches_char_indices() {
        let text = "Бишкек, 13 сентября 2017 — €40,8 млн 🇰🇬 ok".repeat(9);
        let map = CharMap::new(&text);
        let mut cp = 0;
        for (byte, _) in text.char_indices() {
            assert_eq!(map.cp(byte), cp, "byte {byte}");
            cp += 1;
        }
        assert_eq!(map.cp(text.len()), cp);
    }

    #[test]
    fn charmap_end_on_stride_multiple() {
        let text = "é".repeat(CharMap::STRIDE); // 128 bytes, a multiple of the stride
        let map = CharMap::new(&text);
        assert_eq!(map.cp(text.len()), CharMap::STRIDE);
        assert_eq!(map.cp(0), 0);
    }

    #[test]
    fn trim_span() {
        let t = "  ab  ";
        assert_eq!(Span::new(0, 6).trim(t), Span::new(2, 4));
        assert!(Span::new(0, 2).trim(t).is_empty());
    }
}
