//! Language of a document: `ru`, `en` or `und`.
//!
//! Text with too few letters is `und`. When one script clearly dominates
//! (≥ 90% Cyrillic letters → ru, ≥ 95% Latin → en) the script decides.
//! Mixed text goes to whatlang, restricted to the languages we support,
//! when it says its guess is reliable; otherwise the majority script
//! decides. A user's `--lang` (or JSONL `lang`) always wins; that choice is
//! made by the caller, not here. Only a prefix of the text is examined, so
//! the cost does not grow with the document.

use crate::document::Lang;

/// How much of the text is examined (bytes, cut on a char boundary).
const SAMPLE: usize = 16 * 1024;

pub fn detect(text: &str) -> Lang {
    let sample = crate::text::prefix(text, SAMPLE);
    let (cyr, lat) = script_counts(sample);
    if cyr + lat < 20 {
        return Lang::Und;
    }
    // One script dominating decides without the (slower) trigram model:
    // between Russian and English the script is the language.
    if cyr * 10 >= (cyr + lat) * 9 {
        return Lang::Ru;
    }
    if lat * 20 >= (cyr + lat) * 19 {
        return Lang::En;
    }
    let detector = whatlang::Detector::with_allowlist(vec![whatlang::Lang::Rus, whatlang::Lang::Eng]);
    if let Some(info) = detector.detect(sample)
        && info.is_reliable()
    {
        match info.lang() {
            whatlang::Lang::Rus if cyr > 0 => return Lang::Ru,
            whatlang::Lang::Eng if lat > 0 => return Lang::En,
            _ => {}
        }
    }
    if cyr * 2 >= cyr + lat { Lang::Ru } else { Lang::En }
}

fn script_counts(s: &str) -> (usize, usize) {
    let (mut cyr, mut lat) = (0, 0);
    for c in s.chars() {
        if c.is_ascii_alphabetic() {
            lat += 1;
        } else if ('\u{400}'..='\u{4ff}').contains(&c) {
            cyr += 1;
        }
    }
    (cyr, lat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects() {
        assert_eq!(detect("Европейский Союз продолжает оказывать содействие в вопросах безопасности."), Lang::Ru);
        assert_eq!(detect("The Department of Justice announced today that the defendant pleaded guilty."), Lang::En);
        assert_eq!(detect("12 34 -- !!"), Lang::Und);
        assert_eq!(detect(""), Lang::Und);
        // Mostly Russian with English names.
        assert_eq!(detect("Компания Apple и Microsoft объявили о сотрудничестве в области ИИ сегодня."), Lang::Ru);
    }
}
