//! Lexicon: the words dates and amounts are made of, shared by the DATE and
//! MONEY extractors and the number parser.
//!
//! It loads `data/number_words.tsv` and `data/date_words.tsv` once (on
//! first use) into one table of [`Entry`]s, each saying what a word form can
//! be: a month, a weekday, a cardinal or ordinal number word, a scale word,
//! a calendar unit, a deictic ("прошлый", "next"), a relative day, a season,
//! a part of a period. One form may have several roles ("second" is an
//! ordinal and a unit; "may" a month and a verb): callers decide by context.
//!
//! Lookups are exact-text hash lookups of a token's text: every form is
//! stored as written, lower-cased, Title-cased and UPPER-cased (and with ё
//! read as е), so a lookup never lower-cases or allocates.
//! [`Lexicon::triggers`] is the candidate scan: the word tokens that can
//! *start* a date or an amount, found with one such lookup per word token.
//!
//! It does not know currencies (`money.rs` has its own table) and it does not
//! parse: `number.rs` and `date/` do.

use crate::extract::dec::Dec;
use crate::token::{TokKind, Token};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

const NUMBER_WORDS: &str = include_str!("../../data/number_words.tsv");
const DATE_WORDS: &str = include_str!("../../data/date_words.tsv");
pub const HOLIDAYS: &str = include_str!("../../data/holidays.tsv");

/// A calendar unit word ("неделя", "quarter").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

/// A part of a period ("в начале", "mid-", "late").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Begin,
    Mid,
    End,
}

/// Everything one word form can be. Zero / `None` / `false`: not that role.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Entry {
    /// Month 1–12.
    pub month: u8,
    /// The month form is an abbreviation ("сент", "Sept"): may take a ".".
    pub month_abbr: bool,
    /// Weekday 1 (Monday) – 7.
    pub weekday: u8,
    /// The weekday form is a weekday only next to a date.
    pub weekday_weak: bool,
    /// Cardinal number word.
    pub card: Option<Dec>,
    /// English "hundred": multiplies.
    pub hundred: bool,
    /// Scale word: × 10^scale.
    pub scale: u8,
    /// The scale word is a half of it ("полмиллиона" = 0.5 × 10^6): it
    /// stands alone, no number before it.
    pub half: bool,
    /// Ordinal number word.
    pub ord: u8,
    pub unit: Option<Unit>,
    pub deictic: Option<i8>,
    pub relday: Option<i8>,
    /// Season 1 spring … 4 winter.
    pub season: u8,
    pub part: Option<Part>,
    /// "назад", "ago".
    pub ago: bool,
    /// "через", "спустя".
    pub after: bool,
    /// "последние", "ближайшие": N units before (-1) or after (1) the anchor.
    pub recent: Option<i8>,
    /// The first word of a holiday name (`data/holidays.tsv`).
    pub holiday: bool,
}

impl Entry {
    /// Whether a word with this entry can start a date or an amount.
    fn is_trigger(&self) -> bool {
        self.month != 0
            || self.weekday != 0
            || self.card.is_some()
            || self.scale != 0
            || self.ord != 0
            || self.deictic.is_some()
            || self.relday.is_some()
            || self.season != 0
            || self.part.is_some()
            || self.after
            || self.recent.is_some()
            || self.holiday
    }
}

/// A fast hash for short word keys (the Fx multiply-rotate scheme over
/// 8-byte chunks): SipHash's DoS resistance buys nothing for tables built
/// from our own data, and every word token of a document is looked up.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0 = crate::data::table::fx_words(self.0, bytes);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

pub type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

pub struct Lexicon {
    entries: Vec<Entry>,
    /// Every written variant of every form → index into `entries`.
    map: FnvMap<Box<str>, u32>,
    /// One bit per [`quick_key`] of every key: most words of a text are not
    /// in the lexicon and are rejected here without hashing them in full.
    bloom: Vec<u64>,
}

const BLOOM_BITS: u32 = 18;

/// A cheap 18-bit key of a word: its length, first 8 and last 2 bytes.
#[inline]
fn quick_key(w: &[u8]) -> u32 {
    let n = w.len();
    let mut b = [0u8; 8];
    let k = n.min(8);
    b[..k].copy_from_slice(&w[..k]);
    let tail = if n >= 2 { (w[n - 1] as u64) << 8 | w[n - 2] as u64 } else { 0 };
    let v = u64::from_le_bytes(b) ^ (tail << 40) ^ ((n as u64) << 58);
    (v.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BLOOM_BITS)) as u32
}

impl Lexicon {
    /// The lexicon, built on first use.
    pub fn get() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        // Normalized form (lower case, ё → е) → entry, merged across rows.
        let mut norm: FnvMap<String, Entry> = FnvMap::default();
        // Normalized form → the forms as written in the data (with ё).
        let mut written: FnvMap<String, Vec<String>> = FnvMap::default();
        for (file, data) in [("number_words.tsv", NUMBER_WORDS), ("date_words.tsv", DATE_WORDS)] {
            for (n, line) in data.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let cols: Vec<&str> = line.split_whitespace().collect();
                assert!(cols.len() >= 4, "{file}:{}: want role value lang forms", n + 1);
                let (role, value) = (cols[0], cols[1]);
                let forms = cols[3..].join(" ");
                for form in forms.split('|').flat_map(expand_paradigm) {
                    let key = normalize(&form);
                    let e = norm.entry(key.clone()).or_default();
                    apply_role(e, role, value).unwrap_or_else(|why| panic!("{file}:{}: {why}", n + 1));
                    let w = written.entry(key).or_default();
                    if !w.contains(&form) {
                        w.push(form);
                    }
                }
            }
        }
        // The first word of every holiday name triggers the holiday parser.
        for line in HOLIDAYS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let phrases = line.split_whitespace().skip(2).collect::<Vec<_>>().join(" ");
            for phrase in expand_braces(&phrases) {
                if let Some(first) = phrase.split_whitespace().next() {
                    let first = first.trim_start_matches('!').trim_end_matches(['\'', '.']);
                    let first = first.split('\'').next().unwrap_or(first);
                    let key = normalize(first);
                    norm.entry(key.clone()).or_default().holiday = true;
                    let w = written.entry(key).or_default();
                    if !w.iter().any(|x| x == first) {
                        w.push(first.to_owned());
                    }
                }
            }
        }
        let mut entries = Vec::with_capacity(norm.len());
        let mut map: FnvMap<Box<str>, u32> = FnvMap::default();
        let mut keys: Vec<_> = norm.into_iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, entry) in keys {
            let id = entries.len() as u32;
            entries.push(entry);
            let mut forms = written.remove(&key).unwrap_or_default();
            if !forms.contains(&key) {
                forms.push(key.clone());
            }
            for form in &forms {
                for v in case_variants(form) {
                    map.entry(v.into_boxed_str()).or_insert(id);
                }
            }
        }
        let mut bloom = vec![0u64; 1 << (BLOOM_BITS - 6)];
        for k in map.keys() {
            let q = quick_key(k.as_bytes());
            bloom[(q >> 6) as usize] |= 1 << (q & 63);
        }
        Lexicon { entries, map, bloom }
    }

    /// The entry of a word token's text, if it is in the lexicon.
    #[inline]
    pub fn lookup(&self, word: &str) -> Option<&Entry> {
        self.id(word).map(|i| &self.entries[i as usize])
    }

    #[inline]
    fn id(&self, word: &str) -> Option<u32> {
        if word.len() > 64 {
            return None;
        }
        let q = quick_key(word.as_bytes());
        if self.bloom[(q >> 6) as usize] & (1 << (q & 63)) == 0 {
            return None;
        }
        self.map.get(word).copied()
    }

    /// The trigger words of a document for both DATE and MONEY, in one
    /// pass: one lookup per word token (see [`Lexicon::triggers`]).
    pub fn scan(&self, text: &str, tokens: &[Token]) -> Triggers {
        let mut t = Triggers::default();
        for (i, tok) in tokens.iter().enumerate() {
            if tok.kind == TokKind::Word
                && tok.span.len() <= 40
                && let Some(id) = self.id(tok.text(text))
            {
                let e = &self.entries[id as usize];
                if e.is_trigger() {
                    t.all.push(i as u32);
                    if e.card.is_some() || e.scale != 0 {
                        t.money.push(i as u32);
                    }
                }
            }
        }
        t
    }

    /// Indexes of the word tokens that are trigger words (months, weekdays,
    /// number words, deictics, …), in order. One exact-text lookup per word
    /// token (no lower-casing: every case variant is a key; most words stop
    /// at the bloom filter). On the release corpus this took about half the
    /// time of an Aho-Corasick pass over the text with the same words,
    /// which has to walk every byte and then align matches to tokens.
    pub fn triggers(&self, text: &str, tokens: &[Token], out: &mut Vec<u32>) {
        for (i, t) in tokens.iter().enumerate() {
            if t.kind == TokKind::Word
                && t.span.len() <= 40
                && let Some(id) = self.id(t.text(text))
                && self.entries[id as usize].is_trigger()
            {
                out.push(i as u32);
            }
        }
    }
}

/// The trigger words of one document ([`Lexicon::scan`]): token indexes,
/// in order. The DATE and MONEY extractors share one scan through
/// [`crate::extract::Context::triggers`] instead of each walking every
/// token.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Triggers {
    /// Every word that can start a date or an amount.
    pub all: Vec<u32>,
    /// The number and scale words among them: those that can start an
    /// amount.
    pub money: Vec<u32>,
}

/// Expands "|"-separated phrases whose words may be "{a|b}" into every
/// phrase: "{день|дня} победы|пасха" → "день победы", "дня победы",
/// "пасха" (several groups multiply).
pub fn expand_braces(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = list;
    while !rest.is_empty() {
        // The next phrase ends at a "|" outside braces.
        let mut depth = 0;
        let mut cut = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                '|' if depth == 0 => {
                    cut = i;
                    break;
                }
                _ => {}
            }
        }
        let phrase = rest[..cut].trim();
        rest = rest.get(cut + 1..).unwrap_or("");
        // Every "{…}" group of the phrase, one after another.
        let mut todo = vec![phrase.to_owned()];
        while let Some(p) = todo.pop() {
            if let (Some(a), Some(b)) = (p.find('{'), p.find('}')) {
                for alt in p[a + 1..b].split('|').rev() {
                    todo.push(format!("{}{}{}", &p[..a], alt, &p[b + 1..]).trim().to_owned());
                }
            } else if !p.is_empty() {
                out.push(p);
            }
        }
    }
    out
}

/// Whether token text `s` equals `lower` (a lower-case word, ё written as
/// е) ignoring case, without allocating. Lower-casing keeps the byte
/// length of Latin and Cyrillic letters, so most words fail on length.
#[inline]
pub fn word_eq(s: &str, lower: &str) -> bool {
    if s.len() != lower.len() {
        return false;
    }
    if s.is_ascii() {
        return s.eq_ignore_ascii_case(lower);
    }
    let mut a = s.chars();
    let mut b = lower.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                let x = x.to_lowercase().next().unwrap_or(x);
                let x = if x == 'ё' { 'е' } else { x };
                if x != y {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// Lives in the leaf module [`crate::text`] with the other lower-casers;
/// re-exported here for the date and money grammars.
pub use crate::text::lower_into;

/// Lower case with ё read as е: the key every form is merged under.
pub fn normalize(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).map(|c| if c == 'ё' { 'е' } else { c }).collect()
}

/// The variants a form is looked up by: as written, lower, Title, UPPER,
/// each also with ё → е.
fn case_variants(form: &str) -> Vec<String> {
    let lower: String = form.chars().flat_map(char::to_lowercase).collect();
    let upper: String = form.chars().flat_map(char::to_uppercase).collect();
    let mut title = String::with_capacity(lower.len());
    let mut first = true;
    for c in lower.chars() {
        if first && c.is_alphabetic() {
            title.extend(c.to_uppercase());
            first = false;
        } else {
            title.push(c);
        }
    }
    let mut out = vec![form.to_owned(), lower, title, upper];
    let plain: Vec<String> = out.iter().map(|s| s.replace('ё', "е").replace('Ё', "Е")).collect();
    out.extend(plain);
    out.sort();
    out.dedup();
    out
}

/// Expands "stem+ый" (and "+ой", "+ий", "+кий") into the 12 forms of that
/// Russian adjective paradigm; any other form is returned as is.
pub fn expand_paradigm(form: &str) -> Vec<String> {
    const HARD: [&str; 12] = ["ый", "ая", "ое", "ые", "ого", "ой", "ому", "ым", "ую", "ых", "ыми", "ом"];
    const STRESSED: [&str; 12] = ["ой", "ая", "ое", "ые", "ого", "ой", "ому", "ым", "ую", "ых", "ыми", "ом"];
    // Stems in ш/щ/ж/ч: unstressed endings take е.
    const SIBILANT: [&str; 12] = ["ий", "ая", "ее", "ие", "его", "ей", "ему", "им", "ую", "их", "ими", "ем"];
    // Stems in к/г/х: и after the velar, о in the stressed-like endings.
    const VELAR: [&str; 12] = ["ий", "ая", "ое", "ие", "ого", "ой", "ому", "им", "ую", "их", "ими", "ом"];
    let form = form.trim();
    let Some((stem, par)) = form.split_once('+') else {
        return vec![form.to_owned()];
    };
    let endings = match par {
        "ый" => HARD,
        "ой" => STRESSED,
        "ий" => SIBILANT,
        "кий" => VELAR,
        _ => return vec![form.to_owned()],
    };
    endings.iter().map(|e| format!("{stem}{e}")).collect()
}

fn apply_role(e: &mut Entry, role: &str, value: &str) -> Result<(), String> {
    let int = |v: &str| v.parse::<i64>().map_err(|_| format!("bad value {v:?}"));
    match role {
        "month" | "month.abbr" => {
            e.month = int(value)? as u8;
            e.month_abbr = role == "month.abbr";
        }
        "wd" | "wd.weak" => {
            e.weekday = int(value)? as u8;
            e.weekday_weak = role == "wd.weak";
        }
        "card" => e.card = Some(Dec::parse(value).ok_or_else(|| format!("bad number {value:?}"))?),
        "hundred" => e.hundred = true,
        "scale" => e.scale = int(value)? as u8,
        "scale.half" => {
            e.scale = int(value)? as u8;
            e.half = true;
        }
        "ord" => e.ord = int(value)? as u8,
        "unit" => {
            e.unit = Some(match value {
                "day" => Unit::Day,
                "week" => Unit::Week,
                "fortnight" => Unit::Fortnight,
                "month" => Unit::Month,
                "quarter" => Unit::Quarter,
                "half" => Unit::Half,
                "year" => Unit::Year,
                "decade" => Unit::Decade,
                "century" => Unit::Century,
                _ => return Err(format!("bad unit {value:?}")),
            })
        }
        "deictic" => e.deictic = Some(int(value)? as i8),
        "relday" => e.relday = Some(int(value)? as i8),
        "season" => e.season = int(value)? as u8,
        "part" => {
            e.part = Some(match value {
                "begin" => Part::Begin,
                "mid" => Part::Mid,
                "end" => Part::End,
                _ => return Err(format!("bad part {value:?}")),
            })
        }
        "ago" => e.ago = true,
        "recent" => e.recent = Some(int(value)? as i8),
        "in" => e.after = true,
        _ => return Err(format!("unknown role {role:?}")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    #[test]
    fn lookup_every_case_form() {
        let l = Lexicon::get();
        assert_eq!(l.lookup("сентября").unwrap().month, 9);
        assert_eq!(l.lookup("Сентябре").unwrap().month, 9);
        assert_eq!(l.lookup("СЕНТЯБРЯ").unwrap().month, 9);
        assert_eq!(l.lookup("январём").unwrap().month, 1);
        assert_eq!(l.lookup("январем").unwrap().month, 1);
        assert_eq!(l.lookup("Sept").unwrap().month, 9);
        assert!(l.lookup("Sept").unwrap().month_abbr);
        assert_eq!(l.lookup("миллионов").unwrap().scale, 6);
        assert_eq!(l.lookup("трёх").unwrap().card, Some(Dec::int(3)));
        assert_eq!(l.lookup("трех").unwrap().card, Some(Dec::int(3)));
        assert_eq!(l.lookup("третьего").unwrap().ord, 3);
        assert_eq!(l.lookup("четвёртом").unwrap().ord, 4);
        assert_eq!(l.lookup("прошлом").unwrap().deictic, Some(-1));
        assert_eq!(l.lookup("следующей").unwrap().deictic, Some(1));
        assert_eq!(l.lookup("году").unwrap().unit, Some(Unit::Year));
        let second = l.lookup("second").unwrap();
        assert_eq!(second.ord, 2);
        assert!(l.lookup("сентябряx").is_none());
    }

    #[test]
    fn triggers_are_whole_tokens() {
        let l = Lexicon::get();
        let text = "Маяк открыли 13 мая, ВЧЕРА и в прошлом году; Mayday may March";
        let toks = tokenize(text);
        let mut out = Vec::new();
        l.triggers(text, &toks, &mut out);
        let words: Vec<&str> = out.iter().map(|&i| toks[i as usize].text(text)).collect();
        assert_eq!(words, vec!["мая", "ВЧЕРА", "прошлом", "may", "March"]);
    }
}
