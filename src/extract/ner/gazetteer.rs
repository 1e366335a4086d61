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
//! case.
//!
//! Nothing is parsed at run time: `build.rs` compiles the files with
//! `crate::data::gazetteer::compile` into a hash table over the embedded
//! text ([`Gazetteer::embedded`] reads it in place; only the entry list,
//! ~10^5 small records, is decoded). [`Gazetteer::load`] compiles other
//! texts (tests) at run time with the same function.
//!
//! It does not decide which of several entries a form means, nor whether a
//! match is a name in context ("Роза" the place or the person): the NER
//! rules do.

use crate::data::gazetteer::{ENTRY_WORDS, MAX_TOKENS, VERSION, compile, header, starts_lower};
use crate::data::table::{Table, word};
use crate::extract::LocKind;
use crate::token::{TokKind, Token};

/// Language of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GLang {
    Ru,
    En,
    Other,
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

/// The gazetteer files' texts (tests; the embedded data is compiled by
/// `build.rs`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Sources {
    pub loc: &'static str,
    pub org: &'static str,
    pub per_first: &'static str,
    pub per_surname: &'static str,
    pub per_first_ambiguous: &'static str,
    pub per_surname_ambiguous: &'static str,
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
    /// The compiled blob (`crate::data::gazetteer`).
    blob: &'static [u8],
    /// Word index of the entry ids grouped by form.
    ids_at: usize,
    /// Form or first word of a form → [ids start, ids end, the token
    /// counts of the forms it starts (bit n-1 set for n tokens)].
    table: Table<'static>,
    /// Some first word starts with a lower-case letter. When none does (the
    /// embedded data: names are capitalized), lower-case word tokens, most
    /// of running text, skip the look-up altogether.
    lower_heads: bool,
}

/// What the table holds for a first word of some form.
#[derive(Clone, Copy, Default)]
struct Head {
    /// Token counts of the forms it starts (bit n-1 set for n tokens).
    lens: u32,
    /// Id range of the word as a one-word form.
    one: (u32, u32),
}

impl Gazetteer {
    pub fn empty() -> Gazetteer {
        Gazetteer::load(Sources::default())
    }

    /// The gazetteers embedded in the binary, compiled by `build.rs`
    /// (empty when `data/gazetteer/` is absent).
    pub fn embedded() -> Gazetteer {
        static STRINGS: &str = include_str!(concat!(env!("OUT_DIR"), "/gazetteer/strings.txt"));
        static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer/table.bin"));
        Gazetteer::read(STRINGS, BLOB)
    }

    /// Compiles other texts at run time (tests; the memory is leaked, as
    /// the embedded data lives for the whole run).
    pub fn load(src: Sources) -> Gazetteer {
        let c = compile([
            src.loc,
            src.org,
            src.per_first,
            src.per_surname,
            src.per_first_ambiguous,
            src.per_surname_ambiguous,
        ]);
        Gazetteer::read(Box::leak(c.strings.into_boxed_str()), Box::leak(c.blob.into_boxed_slice()))
    }

    /// Reads a compiled blob in place; a blob of another layout version
    /// reads as an empty gazetteer.
    fn read(strings: &'static str, blob: &'static [u8]) -> Gazetteer {
        let h = |i| word(blob, i) as usize;
        let ok = word(blob, header::VERSION) == VERSION;
        let n = if ok { h(header::NENTRIES) } else { 0 };
        let str_at = |i: usize| {
            let (off, len) = (word(blob, i) as usize, word(blob, i + 1) as usize);
            strings.get(off..off.saturating_add(len)).unwrap_or_default()
        };
        let lang = |code: u32| match code & 0xf {
            0 => GLang::Ru,
            1 => GLang::En,
            _ => GLang::Other,
        };
        let entries = (0..n)
            .map(|e| {
                let at = h(header::ENTRIES_AT) + e * ENTRY_WORDS;
                let code = word(blob, at + 2);
                let aux = (word(blob, at + 4) > 0).then(|| str_at(at + 3));
                let ambiguous = code >> 24 & 1 == 1;
                let kind = match code >> 4 & 0xf {
                    0 => {
                        let kind = match code >> 8 & 0xf {
                            0 => LocKind::Country,
                            1 => LocKind::Region,
                            2 => LocKind::City,
                            _ => LocKind::Other,
                        };
                        EntryKind::Loc { kind, country: aux }
                    }
                    1 => EntryKind::Org { acronym: aux },
                    2 => EntryKind::First { gender: (code >> 16) as u8, ambiguous },
                    _ => EntryKind::Surname { ambiguous },
                };
                Entry { canonical: str_at(at), lang: lang(code), kind }
            })
            .collect();
        let table = if ok { Table::at(blob, h(header::TABLE_AT), strings) } else { Table::at(&[], 0, "") };
        Gazetteer { entries, blob, ids_at: h(header::IDS_AT), table, lower_heads: h(header::LOWER_HEADS) != 0 }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries of the id range `r`.
    fn ids(&self, r: (u32, u32)) -> impl Iterator<Item = &Entry> + '_ {
        (r.0..r.1).filter_map(|i| self.entries.get(word(self.blob, self.ids_at + i as usize) as usize))
    }

    /// The entries of a match.
    pub fn entries_of(&self, m: &Match) -> impl Iterator<Item = &Entry> + '_ {
        self.ids(m.ids)
    }

    /// The entries whose form is exactly `form`.
    pub fn lookup(&self, form: &str) -> impl Iterator<Item = &Entry> + '_ {
        self.ids(self.table.get(form).map_or((0, 0), |r| (r.value(0), r.value(1))))
    }

    /// The token counts of the forms starting with the word `w` and the id
    /// range of `w` as a one-word form.
    #[inline]
    fn head(&self, w: &str) -> Option<Head> {
        let r = self.table.get(w)?;
        let lens = r.value(2);
        (lens != 0).then(|| Head { lens, one: (r.value(0), r.value(1)) })
    }

    /// Every match in `tokens`, longest first at each start; matches may
    /// overlap (a shorter one inside a longer one is reported too, so the
    /// rules can choose).
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<Match> {
        let mut out = Vec::new();
        if self.table.is_empty() {
            return out;
        }
        let mut buf = String::new();
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != TokKind::Word {
                continue;
            }
            let w = t.text(text);
            let upper = t.is(crate::token::flag::UPPER);
            let exact = if !self.lower_heads && starts_lower(w) { None } else { self.head(w) };
            let titled = if upper {
                title_case_into(w, &mut buf);
                self.head(buf.as_str())
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
                    if let Some(r) = self.table.get(key.as_ref()).map(|r| (r.value(0), r.value(1)))
                        && r.0 < r.1
                    {
                        out.push(Match { start: i, end: i + n, ids: r, upper: up });
                    }
                }
            }
        }
        out
    }
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
    fn embedded_data_is_the_compiled_data_files() {
        // What build.rs embedded is what compiling data/gazetteer gives
        // now, and reads back to the same entries and look-ups.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/gazetteer");
        let texts = crate::data::gazetteer::FILES.map(|f| std::fs::read_to_string(dir.join(f)).unwrap_or_default());
        let c = compile(texts.each_ref().map(String::as_str));
        assert_eq!(c.strings, include_str!(concat!(env!("OUT_DIR"), "/gazetteer/strings.txt")));
        assert!(c.blob == include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer/table.bin")));
        let g = Gazetteer::embedded();
        let rows = texts.iter().map(|t| crate::data::lines(t).count()).sum::<usize>();
        assert!(g.len() <= rows && g.is_empty() == (rows == 0));
        if !g.is_empty() {
            let e = g.lookup("Латвии").next().expect("Латвия is in loc.tsv");
            assert_eq!(e.kind, EntryKind::Loc { kind: LocKind::Country, country: Some("LV") });
        }
    }
}
