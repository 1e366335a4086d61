//! Plain-text decoding: bytes in some encoding → a Rust `String`.
//!
//! Order of decisions: a byte-order mark wins (UTF-8, UTF-16 LE/BE); then
//! valid UTF-8 is taken as UTF-8; then UTF-16 without a BOM is recognised
//! by its pattern of zero bytes; then UTF-8 with a few invalid bytes (a
//! file cut mid-character, a stray byte pasted from another encoding) is
//! still UTF-8, decoded with U+FFFD for each invalid sequence and named
//! `utf-8`: re-guessing a whole UTF-8 file as windows-125x over one bad
//! byte would turn every other letter into mojibake. Everything else goes
//! to chardetng, which
//! tells the Cyrillic single-byte encodings apart (windows-1251, KOI8-R,
//! IBM866) and falls back to windows-1252. The BOM is not part of the text.
//! Line endings are kept as they are: offsets refer to the decoded text.
//!
//! It does not guess a language, and it rejects rather than repairs input
//! that decodes to control-character soup (random bytes, executables).

use crate::error::{Error, Result};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text and the name of the encoding it was in (lower case, as in
/// `source.encoding`).
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, _) = enc.decode_without_bom_handling(body);
        return finish(text.into_owned(), name(enc));
    }
    let has_nul = memchr::memchr(0, bytes).is_some();
    if !has_nul && let Ok(s) = std::str::from_utf8(bytes) {
        return finish(s.to_owned(), "utf-8");
    }
    if let Some(enc) = sniff_utf16(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return finish(text.into_owned(), name(enc));
    }
    if has_nul {
        return Err(Error::Binary);
    }
    if mostly_utf8(bytes) {
        return finish(String::from_utf8_lossy(bytes).into_owned(), "utf-8");
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, _) = enc.decode(bytes);
    // chardetng does not tell KOI8-R from its superset KOI8-U (same bytes
    // for Russian letters); name it KOI8-R unless a Ukrainian-only letter
    // decoded.
    let name = match name(enc) {
        "koi8-u" if !text.contains(['є', 'і', 'ї', 'ґ', 'Є', 'І', 'Ї', 'Ґ']) => "koi8-r",
        n => n,
    };
    finish(text.into_owned(), name)
}

/// Invalid UTF-8 that is nevertheless UTF-8 text with a few damaged
/// bytes: at least one valid multi-byte character per invalid sequence,
/// four times over. Legacy single-byte text fails this by a wide margin:
/// its high bytes rarely form valid UTF-8 sequences (windows-1251 would
/// need an upper-case letter followed by punctuation from 0x80–0xBF), and
/// plain ASCII with a stray high byte ("café" in windows-1252) has no
/// valid multi-byte character at all, so it goes to the detector.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    // Each chunk is a valid run followed by at most one invalid sequence.
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += !chunk.invalid().is_empty() as usize;
    }
    invalid > 0 && valid >= 4 * invalid
}

fn name(enc: &'static Encoding) -> &'static str {
    match enc.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "windows-1251" => "windows-1251",
        "windows-1252" => "windows-1252",
        "KOI8-R" => "koi8-r",
        "KOI8-U" => "koi8-u",
        "IBM866" => "ibm866",
        "ISO-8859-5" => "iso-8859-5",
        "x-mac-cyrillic" => "x-mac-cyrillic",
        // Every other encoding_rs name is already the WHATWG label; lower
        // case it once and keep it for the life of the process.
        other => leak_lower(other),
    }
}

fn leak_lower(s: &str) -> &'static str {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let mut map = NAMES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    let lower = s.to_ascii_lowercase();
    map.entry(lower.clone()).or_insert_with(|| Box::leak(lower.into_boxed_str()))
}

/// UTF-16 without a BOM: in text made mostly of one script, one byte of
/// each pair is (nearly) constant, and for Latin text it is zero.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let pairs = sample.len() / 2;
    let (mut even0, mut odd0) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even0 += (pair[0] == 0) as usize;
        odd0 += (pair[1] == 0) as usize;
    }
    // ≥ 40% zeros on one side, almost none on the other.
    let strong = |z: usize| z * 10 >= pairs * 4;
    let weak = |z: usize| z * 50 <= pairs;
    let enc = if strong(odd0) && weak(even0) {
        UTF_16LE
    } else if strong(even0) && weak(odd0) {
        UTF_16BE
    } else {
        cyrillic_utf16(sample)?
    };
    // The decoded text must itself look like text.
    let (text, malformed) = enc.decode_without_bom_handling(bytes);
    (!malformed && !looks_binary(&text)).then_some(enc)
}

/// Cyrillic UTF-16 has 0x04 as the high byte of most letters.
fn cyrillic_utf16(sample: &[u8]) -> Option<&'static Encoding> {
    let pairs = sample.len() / 2;
    let (mut even4, mut odd4) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even4 += (pair[0] == 0x04 || pair[0] == 0) as usize;
        odd4 += (pair[1] == 0x04 || pair[1] == 0) as usize;
    }
    if odd4 * 10 >= pairs * 9 && even4 * 10 < pairs * 3 {
        Some(UTF_16LE)
    } else if even4 * 10 >= pairs * 9 && odd4 * 10 < pairs * 3 {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn finish(text: String, encoding: &'static str) -> Result<Decoded> {
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    if looks_binary(&text) {
        return Err(Error::Binary);
    }
    // Force the UTF-8 decoder's name for encoding_rs's aliasing of UTF-8.
    let encoding = if encoding == UTF_8.name() { "utf-8" } else { encoding };
    Ok(Decoded { text, encoding })
}

/// More than 1% control characters (other than tab, newlines, form feed)
/// or replacement characters, or any NUL, in the first 64 KiB: not text.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        match c {
            '\0' => return true,
            '\t' | '\n' | '\r' | '\x0c' => {}
            '\u{fffd}' => bad += 1,
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => bad += 1,
            _ => {}
        }
    }
    bad * 100 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    const RU: &str = "Бишкек, 13 сентября 2017. Европейский Союз продолжает оказывать содействие.\r\n";

    fn enc(name: &str, s: &str) -> Vec<u8> {
        let e = Encoding::for_label(name.as_bytes()).unwrap();
        e.encode(s).0.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(RU.as_bytes()).unwrap();
        assert_eq!((plain.text.as_str(), plain.encoding), (RU, "utf-8"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(RU.as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (RU, "utf-8"));
    }

    #[test]
    fn utf16_with_bom() {
        for (bom, le) in [(&b"\xFF\xFE"[..], true), (&b"\xFE\xFF"[..], false)] {
            let mut bytes = bom.to_vec();
            for u in RU.encode_utf16() {
                bytes.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, RU);
            assert_eq!(d.encoding, if le { "utf-16le" } else { "utf-16be" });
        }
    }

    #[test]
    fn utf16_without_bom() {
        for s in [RU, "Washington, May 3, 2011 - The Department of Justice said.\n"] {
            let bytes: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (s, "utf-16le"));
            let bytes: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (s, "utf-16be"));
        }
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        // A stray byte mid-text and a character cut at the end. (Long
        // enough that two U+FFFD stay under looks_binary's 1%.)
        let long = RU.repeat(4);
        let mut bytes = long.as_bytes().to_vec();
        bytes.insert(17, 0xFF);
        bytes.extend_from_slice(&"Бишкек".as_bytes()[..3]);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "utf-8");
        let want = format!("{}\u{fffd}{}Б\u{fffd}", &long[..17], &long[17..]);
        assert_eq!(d.text, want);
        // ASCII with one windows-1252 letter is not damaged UTF-8.
        let d =
            decode(b"The Caf\xE9 de la Paix opened a new hall in Paris today, the owners said. It seats 200.").unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.starts_with("The Café de la Paix"));
    }

    #[test]
    fn cyrillic_single_byte() {
        let long = RU.repeat(3);
        for (label, want) in [("windows-1251", "windows-1251"), ("koi8-r", "koi8-r"), ("ibm866", "ibm866")] {
            let d = decode(&enc(label, &long)).unwrap();
            assert_eq!(d.encoding, want, "{label}");
            assert_eq!(d.text, long, "{label}");
        }
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert!(matches!(decode(b""), Err(Error::Empty)));
        assert!(matches!(decode(b" \n\t\r\n"), Err(Error::Empty)));
        assert!(matches!(decode(b"ab\0cd\x01\x02\x03"), Err(Error::Binary)));
        // Pseudo-random bytes.
        let mut x = 0x2545F4914F6CDD1Du64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        assert!(matches!(decode(&noise), Err(Error::Binary)));
    }
}
