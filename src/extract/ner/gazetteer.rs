//! Gazetteers: the loader of `data/gazetteer/*.tsv` and the matcher that
//! finds their surface forms in a document's tokens.
//!
//! The format is `prompts/gazetteer-format.md` (TAB-separated, `#`
//! comments): `loc.tsv` (canonical, lang, kind, country, forms),
//! `org.tsv` (canonical, lang, acronym, forms), `per_first.tsv`
//! (canonical, lang, gender, forms), `per_surname.tsv` (canonical, lang,
//! forms); forms are `|`-separated. Malformed lines are skipped.
//!
//! Matching works on the shared tokens, not on raw bytes: every form is
//! keyed by its exact text, and a map from a form's first word to the
//! longest form starting with it tells how many tokens to try at each word
//! token. So a match always starts and ends on token boundaries ("Мали" is
//! never found inside "Малибу") and costs one hash lookup per word token.
//! Runs of all-caps words ("LONDON", "БИШКЕК") are also tried in title
//! case. The data file text is borrowed, not copied.
//!
//! It does not decide which of several entries a form means, nor whether a
//! match is a name in context ("Роза" the place or the person): the NER
//! rules do.

use super::fxhash::FxMap;
use crate::extract::LocKind;
use crate::token::{TokKind, Token};

/// Language of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GLang {
    Ru,
    En,
    Other,
}

impl GLang {
    fn parse(s: &str) -> GLang {
        match s {
            "ru" => GLang::Ru,
            "en" => GLang::En,
            _ => GLang::Other,
        }
    }
}

/// What an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Loc {
        kind: LocKind,
        country: Option<&'static str>,
    },
    Org {
        acronym: Option<&'static str>,
    },
    /// A given name; gender `m`, `f` or `u`. `ambiguous`: also an
    /// ordinary word ("Вера", "Will"): a name only next to other name
    /// parts.
    First {
        gender: u8,
        ambiguous: bool,
    },
    Surname {
        ambiguous: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub canonical: &'static str,
    pub lang: GLang,
    pub kind: EntryKind,
}

impl Entry {
    pub fn is_loc(&self) -> bool {
        matches!(self.kind, EntryKind::Loc { .. })
    }
    pub fn is_org(&self) -> bool {
        matches!(self.kind, EntryKind::Org { .. })
    }
    pub fn is_first(&self) -> bool {
        matches!(self.kind, EntryKind::First { .. })
    }
    pub fn is_surname(&self) -> bool {
        matches!(self.kind, EntryKind::Surname { .. })
    }
}

/// The four gazetteer files' texts.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sources {
    pub loc: &'static str,
    pub org: &'static str,
    pub per_first: &'static str,
    pub per_surname: &'static str,
    pub per_first_ambiguous: &'static str,
    pub per_surname_ambiguous: &'static str,
}

impl Sources {
    /// The gazetteers embedded in the binary (staged by `build.rs`; empty
    /// files when `data/gazetteer/` is absent).
    pub fn embedded() -> Sources {
        Sources {
            loc: include_str!(concat!(env!("OUT_DIR"), "/gazetteer/loc.tsv")),
            org: include_str!(concat!(env!("OUT_DIR"), "/gazetteer/org.tsv")),
            per_first: include_str!(concat!(env!("OUT_DIR"), "/gazetteer/per_first.tsv")),
            per_surname: include_str!(concat!(env!("OUT_DIR"), "/gazetteer/per_surname.tsv")),
            per_first_ambiguous: include_str!(concat!(env!("OUT_DIR"), "/gazetteer/per_first_ambiguous.tsv")),
            per_surname_ambiguous: include_str!(concat!(env!("OUT_DIR"), "/gazetteer/per_surname_ambiguous.tsv")),
        }
    }
}

/// A gazetteer match: tokens `[start, end)` and the entries of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    /// Range into [`Gazetteer::ids`].
    ids: (u32, u32),
    /// Matched via the title-case form of an all-caps run.
    pub upper: bool,
}

pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Entry ids grouped by form; `forms` maps a form to its range.
    ids: Vec<u32>,
    forms: FxMap<&'static str, (u32, u32)>,
    /// First word of a form → the token counts of the forms starting with
    /// it (bit n-1 set for n tokens) and the id range of the one-word form
    /// (saves a second lookup for the most common match).
    first: FxMap<&'static str, Head>,
    /// Some first word starts with a lower-case letter. When none does (the
    /// embedded data: names are capitalized), lower-case word tokens, most
    /// of running text, skip the look-up altogether.
    lower_heads: bool,
}

#[derive(Clone, Copy, Default)]
struct Head {
    lens: u16,
    one: (u32, u32),
}

/// At most this many tokens in one form ("Государственная пограничная
/// охрана Латвийской Республики" is 5 words; hyphens and dots are tokens).
const MAX_TOKENS: usize = 16;

impl Gazetteer {
    pub fn empty() -> Gazetteer {
        Gazetteer::load(Sources::default())
    }

    /// Parses the four files. Malformed lines are skipped silently: the
    /// data is checked by its own build script and by tests.
    pub fn load(src: Sources) -> Gazetteer {
        let mut entries = Vec::new();
        let mut pairs: Vec<(&'static str, u32)> = Vec::new();
        let mut add = |entry: Entry, forms: &'static str| {
            let id = entries.len() as u32;
            entries.push(entry);
            for f in forms.split('|').map(str::trim).filter(|f| !f.is_empty()) {
                pairs.push((f, id));
            }
            if !forms.split('|').any(|f| f.trim() == entry.canonical) {
                pairs.push((entry.canonical, id));
            }
        };
        for cols in rows(src.loc) {
            if let [canonical, lang, kind, country, forms] = cols[..] {
                let kind = match kind {
                    "country" => LocKind::Country,
                    "region" => LocKind::Region,
                    "city" => LocKind::City,
                    _ => LocKind::Other,
                };
                let country =
                    (country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase())).then_some(country);
                add(Entry { canonical, lang: GLang::parse(lang), kind: EntryKind::Loc { kind, country } }, forms);
            }
        }
        for cols in rows(src.org) {
            if let [canonical, lang, acronym, forms] = cols[..] {
                let acronym = (acronym != "-" && !acronym.is_empty()).then_some(acronym);
                add(Entry { canonical, lang: GLang::parse(lang), kind: EntryKind::Org { acronym } }, forms);
            }
        }
        for (text, ambiguous) in [(src.per_first, false), (src.per_first_ambiguous, true)] {
            for cols in rows(text) {
                if let [canonical, lang, gender, forms] = cols[..] {
                    let gender = gender.bytes().next().unwrap_or(b'u');
                    add(
                        Entry { canonical, lang: GLang::parse(lang), kind: EntryKind::First { gender, ambiguous } },
                        forms,
                    );
                }
            }
        }
        for (text, ambiguous) in [(src.per_surname, false), (src.per_surname_ambiguous, true)] {
            for cols in rows(text) {
                if let [canonical, lang, forms] = cols[..] {
                    add(Entry { canonical, lang: GLang::parse(lang), kind: EntryKind::Surname { ambiguous } }, forms);
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut ids = Vec::with_capacity(pairs.len());
        let mut forms = FxMap::with_capacity_and_hasher(pairs.len(), Default::default());
        // Sized up front: growing these maps (rehashing every key) was a
        // tenth of the start-up time.
        let mut first: FxMap<&'static str, Head> = FxMap::with_capacity_and_hasher(pairs.len(), Default::default());
        let mut lower_heads = false;
        let mut i = 0;
        while i < pairs.len() {
            let form = pairs[i].0;
            let start = ids.len() as u32;
            while i < pairs.len() && pairs[i].0 == form {
                ids.push(pairs[i].1);
                i += 1;
            }
            let Some((head, ntok)) = shape(form) else { continue };
            forms.insert(form, (start, ids.len() as u32));
            lower_heads |= starts_lower(head);
            let h = first.entry(head).or_default();
            h.lens |= 1 << (ntok - 1);
            if ntok == 1 {
                h.one = (start, ids.len() as u32);
            }
        }
        Gazetteer { entries, ids, forms, first, lower_heads }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries of a match.
    pub fn entries_of(&self, m: &Match) -> impl Iterator<Item = &Entry> + '_ {
        self.ids[m.ids.0 as usize..m.ids.1 as usize].iter().map(|&i| &self.entries[i as usize])
    }

    /// The entries whose form is exactly `form`.
    pub fn lookup(&self, form: &str) -> impl Iterator<Item = &Entry> + '_ {
        let r = self.forms.get(form).copied().unwrap_or((0, 0));
        self.ids[r.0 as usize..r.1 as usize].iter().map(|&i| &self.entries[i as usize])
    }

    /// Every match in `tokens`, longest first at each start; matches may
    /// overlap (a shorter one inside a longer one is reported too, so the
    /// rules can choose).
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<Match> {
        let mut out = Vec::new();
        if self.forms.is_empty() {
            return out;
        }
        let mut buf = String::new();
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != TokKind::Word {
                continue;
            }
            let w = t.text(text);
            let upper = t.is(crate::token::flag::UPPER);
            let exact = if !self.lower_heads && starts_lower(w) { None } else { self.first.get(w).copied() };
            let titled = if upper {
                title_case_into(w, &mut buf);
                self.first.get(buf.as_str()).copied()
            } else {
                None
            };
            for (head, up) in [(exact, false), (titled, true)] {
                let Some(Head { lens, one }) = head else { continue };
                // Longest first; only the lengths some form has.
                for n in (1..=MAX_TOKENS.min(tokens.len() - i)).rev() {
                    if lens & (1 << (n - 1)) == 0 {
                        continue;
                    }
                    if n == 1 {
                        // The one-word form's key is the word (title-cased
                        // when `up`): the key `first` was looked up with.
                        out.push(Match { start: i, end: i + 1, ids: one, upper: up });
                        continue;
                    }
                    let last = &tokens[i + n - 1];
                    if n > 1 && (last.is(crate::token::flag::BLANK_BEFORE) || !sane_gap(text, tokens, i, n)) {
                        continue;
                    }
                    let key = window_key(text, &tokens[i..i + n], up, &mut buf);
                    let Some(key) = key else { continue };
                    if let Some(&r) = self.forms.get(key.as_ref()) {
                        out.push(Match { start: i, end: i + n, ids: r, upper: up });
                    }
                }
            }
        }
        out
    }
}

/// The data lines of a file, split on TABs.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// The first word of a form and its token count; `None` for forms that
/// cannot match (no leading letter, too long).
fn shape(form: &'static str) -> Option<(&'static str, usize)> {
    let toks = crate::token::tokenize(form);
    let first = toks.first()?;
    if first.kind != TokKind::Word || toks.len() > MAX_TOKENS {
        return None;
    }
    Some((first.text(form), toks.len()))
}

/// Only spaces (one line break at most) between the tokens of a window.
fn sane_gap(text: &str, tokens: &[Token], i: usize, n: usize) -> bool {
    let gap_ok = |a: &Token, b: &Token| {
        let gap = &text[a.span.end..b.span.start];
        gap.len() <= 3 && gap.bytes().filter(|&c| c == b'\n').count() <= 1
    };
    tokens[i..i + n].windows(2).all(|w| gap_ok(&w[0], &w[1]))
}

/// The lookup key of a token window: the text itself when its gaps are
/// single spaces or nothing (no allocation), else the tokens joined the
/// way forms are written (gaps become one space). `upper`: title-case
/// every word.
fn window_key<'t>(text: &'t str, toks: &[Token], upper: bool, buf: &mut String) -> Option<std::borrow::Cow<'t, str>> {
    let (first, last) = (toks.first()?, toks.last()?);
    let raw = &text[first.span.start..last.span.end];
    let plain = toks.windows(2).all(|w| {
        let gap = &text[w[0].span.end..w[1].span.start];
        gap.is_empty() || gap == " "
    });
    if plain && !upper {
        return Some(std::borrow::Cow::Borrowed(raw));
    }
    let mut s = String::with_capacity(raw.len());
    for (k, t) in toks.iter().enumerate() {
        if k > 0 && t.span.start > toks[k - 1].span.end {
            s.push(' ');
        }
        let w = t.text(text);
        if upper && t.kind == TokKind::Word {
            title_case_into(w, buf);
            s.push_str(buf);
        } else {
            s.push_str(w);
        }
    }
    Some(std::borrow::Cow::Owned(s))
}

/// The word's first character is a lower-case letter.
#[inline]
fn starts_lower(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(&b) if b < 0x80 => b.is_ascii_lowercase(),
        _ => w.chars().next().is_some_and(char::is_lowercase),
    }
}

/// "LONDON" → "London" into `buf`.
pub fn title_case_into(w: &str, buf: &mut String) {
    buf.clear();
    let mut cs = w.chars();
    if let Some(f) = cs.next() {
        buf.extend(f.to_uppercase());
        for c in cs {
            buf.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    const LOC: &str = "# sample\nЛатвия\tru\tcountry\tLV\tЛатвия|Латвии|Латвию|Латвией\n\
        Кыргызская Республика\tru\tcountry\tKG\tКыргызская Республика|Кыргызской Республики|Кыргызской Республике\n\
        London\ten\tcity\tGB\tLondon\nНью-Йорк\tru\tcity\tUS\tНью-Йорк|Нью-Йорке\nbroken line\n";
    const ORG: &str = "Европейский союз\tru\tЕС\tЕвропейский союз|Европейского союза|ЕС\n";
    const FIRST: &str = "Жанна\tru\tf\tЖанна|Жанны|Жанной\n";

    fn gaz() -> Gazetteer {
        Gazetteer::load(Sources { loc: LOC, org: ORG, per_first: FIRST, ..Default::default() })
    }

    fn found(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        let toks = tokenize(text);
        g.find(text, &toks)
            .iter()
            .map(|m| {
                let s = &text[toks[m.start].span.start..toks[m.end - 1].span.end];
                (s.to_owned(), g.entries_of(m).map(|e| e.canonical).collect::<Vec<_>>().join(","))
            })
            .collect()
    }

    #[test]
    fn loads_and_skips_bad_lines() {
        let g = gaz();
        assert_eq!(g.len(), 6);
        let e = g.lookup("Латвии").next().unwrap();
        assert_eq!(e.kind, EntryKind::Loc { kind: LocKind::Country, country: Some("LV") });
        assert_eq!(g.lookup("ЕС").next().unwrap().kind, EntryKind::Org { acronym: Some("ЕС") });
    }

    #[test]
    fn matches_on_token_boundaries() {
        let g = gaz();
        assert_eq!(
            found(&g, "В Кыргызской  Республике и Латвии, ЕС. Латвиия"),
            vec![
                ("Кыргызской  Республике".into(), "Кыргызская Республика".into()),
                ("Латвии".into(), "Латвия".into()),
                ("ЕС".into(), "Европейский союз".into()),
            ]
        );
        assert_eq!(found(&g, "в Нью-Йорке"), vec![("Нью-Йорке".into(), "Нью-Йорк".into())]);
        assert!(found(&g, "Латви ЕСЛИ").is_empty());
    }

    #[test]
    fn all_caps_in_title_case() {
        let g = gaz();
        assert_eq!(found(&g, "LONDON 1996-08-30"), vec![("LONDON".into(), "London".into())]);
        assert_eq!(found(&g, "ЛАТВИИ"), vec![("ЛАТВИИ".into(), "Латвия".into())]);
    }

    #[test]
    fn embedded_data_loads() {
        // Whatever is embedded (possibly nothing yet) must parse.
        let g = Gazetteer::load(Sources::embedded());
        let _ = g.len();
    }
}
