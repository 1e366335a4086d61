//! The text analyzer of the index: one tokenizer doing what tantivy's
//! `SimpleTokenizer → RemoveLongFilter(40) → LowerCaser → Stemmer` chain
//! does, token for token (same text, offsets and positions; the test
//! below compares them), but cheaper, because indexing time is what
//! `extract index -j2` loses to plain `extract` on two cores:
//!
//! - word characters are tested with a fast path for ASCII and the
//!   Russian alphabet before `char::is_alphanumeric` (whose table search
//!   was 7 % of the indexing thread on Russian text);
//! - lower-casing and stemming go through a cache keyed by the raw word:
//!   words repeat (Zipf), and the Snowball stemmer plus the lower-caser
//!   were a third of the indexing thread. The cache lives as long as the
//!   analyzer (one per segment writer) and is cleared when it reaches
//!   [`CACHE_MAX`] entries.
//!
//! Because the terms are identical, an index built with the old chain is
//! read and updated by this one without a schema version bump.

use std::collections::HashMap;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer};

/// Tokens of this many bytes or more are dropped (as `RemoveLongFilter::limit(40)`).
pub const LONG: usize = 40;
/// Cached raw words per analyzer before the cache is cleared.
pub const CACHE_MAX: usize = 1 << 18;

/// Words of `text` lower-cased and, for ru / en, stemmed.
#[derive(Clone)]
pub struct PrexTokenizer {
    /// Stems one lower-cased word (raw tokenizer + tantivy's stemmer);
    /// `None`: no stemming.
    stemmer: Option<TextAnalyzer>,
    cache: HashMap<Box<str>, Box<str>>,
    token: Token,
}

impl PrexTokenizer {
    /// The tokenizer of a record language ("ru", "en"; anything else: no stemming).
    pub fn new(lang: &str) -> PrexTokenizer {
        let stem = |l| TextAnalyzer::builder(RawTokenizer::default()).filter(Stemmer::new(l)).build();
        let stemmer = match lang {
            "ru" => Some(stem(Language::Russian)),
            "en" => Some(stem(Language::English)),
            _ => None,
        };
        PrexTokenizer { stemmer, cache: HashMap::new(), token: Token::default() }
    }
}

/// `char::is_alphanumeric`, with the common cases first.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c, 'А'..='я' | 'Ё' | 'ё') || c.is_alphanumeric()
}

/// Lower case as tantivy's `LowerCaser` does it (char by char, no final
/// sigma rule).
fn lower(raw: &str, out: &mut String) {
    out.clear();
    if raw.is_ascii() {
        out.push_str(raw);
        out.make_ascii_lowercase();
    } else {
        for c in raw.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

impl Tokenizer for PrexTokenizer {
    type TokenStream<'a> = PrexTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PrexTokenStream<'a> {
        self.token.reset();
        if self.cache.len() >= CACHE_MAX {
            self.cache.clear();
        }
        PrexTokenStream {
            text,
            at: 0,
            token: &mut self.token,
            cache: &mut self.cache,
            stemmer: self.stemmer.as_mut(),
            lowered: String::new(),
        }
    }
}

pub struct PrexTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    at: usize,
    token: &'a mut Token,
    cache: &'a mut HashMap<Box<str>, Box<str>>,
    stemmer: Option<&'a mut TextAnalyzer>,
    lowered: String,
}

impl PrexTokenStream<'_> {
    /// The next run of word characters as a byte range, if any.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let rest = &self.text[self.at..];
        let start = self.at + rest.char_indices().find(|(_, c)| is_word_char(*c))?.0;
        let end = self.text[start..]
            .char_indices()
            .find(|(_, c)| !is_word_char(*c))
            .map_or(self.text.len(), |(i, _)| start + i);
        self.at = end;
        Some((start, end))
    }

    /// The indexed term of a raw word, from the cache or computed.
    fn term(&mut self, raw: &str) {
        self.token.text.clear();
        if let Some(t) = self.cache.get(raw) {
            self.token.text.push_str(t);
            return;
        }
        lower(raw, &mut self.lowered);
        match self.stemmer.as_deref_mut() {
            Some(stemmer) => {
                let mut s = stemmer.token_stream(&self.lowered);
                if s.advance() {
                    self.token.text.push_str(&s.token().text);
                }
            }
            None => self.token.text.push_str(&self.lowered),
        }
        self.cache.insert(raw.into(), self.token.text.as_str().into());
    }
}

impl TokenStream for PrexTokenStream<'_> {
    fn advance(&mut self) -> bool {
        // Every word counts a position, long ones too (as the filter chain).
        while let Some((from, to)) = self.next_word() {
            self.token.position = self.token.position.wrapping_add(1);
            if to - from >= LONG {
                continue;
            }
            self.token.offset_from = from;
            self.token.offset_to = to;
            let text = self.text;
            self.term(&text[from..to]);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer};

    /// The chain this tokenizer replaces.
    fn reference(lang: &str) -> TextAnalyzer {
        let base =
            TextAnalyzer::builder(SimpleTokenizer::default()).filter(RemoveLongFilter::limit(LONG)).filter(LowerCaser);
        match lang {
            "ru" => base.filter(Stemmer::new(Language::Russian)).build(),
            "en" => base.filter(Stemmer::new(Language::English)).build(),
            _ => base.build(),
        }
    }

    fn tokens(a: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut s = a.token_stream(text);
        while s.advance() {
            let t = s.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn same_tokens_as_the_tantivy_chain() {
        let long = "а".repeat(25);
        let texts = [
            "Мигранты и мигрантов; МИГРАНТАМИ, Ёлка ёлки — «Банк России» снизил ключевую ставку до 7,25%.",
            "The Justice Department announced 93-count indictments; running RUNS ran.",
            "Σίσυφος ΣΟΦΟΣ İstanbul straße ǅemal ﬁne ½ ٣ 第二 x²",
            &format!("{long} short {long}b x{}y end", "z".repeat(39)),
            "",
            "   ... !!! ",
            "mixed Кириллица and Latin123 4567 ёЁ",
            "\u{0483}а\u{0482}б ҂в Ґґ Її Ўў",
        ];
        for lang in ["ru", "en", "und"] {
            let mut ours = TextAnalyzer::from(PrexTokenizer::new(lang));
            let mut theirs = reference(lang);
            // Twice: the second pass runs from the cache.
            for _ in 0..2 {
                for t in texts {
                    assert_eq!(tokens(&mut ours, t), tokens(&mut theirs, t), "{lang}: {t}");
                }
            }
        }
    }

    #[test]
    fn word_chars_agree_with_std() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
