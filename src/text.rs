//! Small string helpers shared by every stage: cuts on char boundaries
//! and the allocation-free lower-casers.
//!
//! A leaf module (it imports nothing from the crate), so the segmenter,
//! the extractors and the pipeline can all use it without an import cycle.

/// At most `max` bytes of `s`, cut on a char boundary.
#[inline]
pub fn prefix(s: &str, max: usize) -> &str {
    &s[..s.floor_char_boundary(max)]
}

/// At most `max` bytes from the end of `s`, cut on a char boundary.
#[inline]
pub fn suffix(s: &str, max: usize) -> &str {
    &s[s.ceil_char_boundary(s.len().saturating_sub(max))..]
}

/// `char::to_lowercase`, with the ASCII and Russian letters (nearly all of
/// the text) mapped directly instead of through the Unicode tables.
#[inline]
pub fn lower_char(c: char, mut f: impl FnMut(char)) {
    match c {
        'A'..='Z' => f(c.to_ascii_lowercase()),
        // U+0410..U+042F → U+0430..U+044F.
        'А'..='Я' => f(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        'Ё' => f('ё'),
        '\0'..='\x7f' | 'а'..='я' | 'ё' => f(c),
        _ => c.to_lowercase().for_each(f),
    }
}

/// `s` lower-cased char by char through [`lower_char`], each lower-case
/// char passed through `map`, written into `buf`; `None` when it takes more
/// than 64 bytes.
#[inline]
fn lower_mapped<'b>(s: &str, buf: &'b mut [u8; 64], map: impl Fn(char) -> char) -> Option<&'b str> {
    let mut n = 0;
    let mut full = false;
    for c in s.chars() {
        lower_char(c, |l| {
            let l = map(l);
            let len = l.len_utf8();
            if n + len > buf.len() {
                full = true;
            } else if !full {
                l.encode_utf8(&mut buf[n..n + len]);
                n += len;
            }
        });
        if full {
            return None;
        }
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// `s.to_lowercase()` written into `buf`, without allocating; `None` when
/// it takes more than 64 bytes. (`str::to_lowercase` differs from
/// per-character lower-casing only for a word-final Greek capital sigma.)
pub fn lower_buf<'b>(s: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    lower_mapped(s, buf, |c| c)
}

/// Writes the lower-cased (ё → е) form of `s` into `buf` without
/// allocating; `None` when it does not fit.
pub fn lower_into<'b>(s: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    lower_mapped(s, buf, |c| if c == 'ё' { 'е' } else { c })
}

/// `s.to_lowercase()` (but for the final-sigma rule), through
/// [`lower_char`].
pub fn lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        lower_char(c, |l| out.push(l));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_on_char_boundaries() {
        assert_eq!(prefix("Москва", 3), "М");
        assert_eq!(prefix("Москва", 100), "Москва");
        assert_eq!(prefix("", 5), "");
        assert_eq!(suffix("Москва", 3), "а");
        assert_eq!(suffix("abc", 2), "bc");
        assert_eq!(suffix("abc", 9), "abc");
    }

    #[test]
    fn lower_casers_agree_with_std() {
        for w in ["Москва", "ЁЛКА", "Straße", "İstanbul", "ΣΟΦΙΑ", "ABC-12", "Ärzte"] {
            let mut b = [0u8; 64];
            assert_eq!(lower_buf(w, &mut b), Some(w.chars().flat_map(char::to_lowercase).collect::<String>().as_str()));
            assert_eq!(lowercase(w), w.chars().flat_map(char::to_lowercase).collect::<String>());
        }
        let mut b = [0u8; 64];
        assert_eq!(lower_into("ЁЛКА", &mut b), Some("елка"));
        assert_eq!(lower_into(&"Я".repeat(33), &mut b), None);
        assert_eq!(lower_into(&"Я".repeat(32), &mut b).map(str::len), Some(64));
    }
}
