//! Russian morphology for NER: rsmorphy with the OpenCorpora dictionary,
//! embedded in the binary, loaded lazily, with a per-thread word cache.
//!
//! The dictionary's `.gz` files (staged by `build.rs` from the
//! `rsmorphy-dict-ru` crate) are embedded with `include_bytes!`, and on
//! first use decompressed in memory and parsed into rsmorphy's public
//! `Dictionary` type by [`load`] (rsmorphy's own loader wants a directory
//! and reads through an unbuffered gzip stream). Loading happens at most
//! once per process, and only when a Russian document needs it.
//!
//! [`analyse`] returns the parses of one word as compact tags ([`Tag`]),
//! lemmas and nominative forms, cached per thread: NER asks about the same
//! capitalized words again and again.
//!
//! It does not decide what is a name: that is `person.rs`, `loc.rs` and
//! `org.rs`. If the dictionary cannot be loaded, [`get`] is `None` and NER
//! works without morphology (fewer and less normalized Russian mentions),
//! it never fails.

use super::fxhash::FxMap;
use rsmorphy::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

macro_rules! dict_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!(env!("OUT_DIR"), "/morph/", $name)) as &[u8])),*]
    };
}

/// The embedded dictionary: file name → gzip bytes.
static DICT_FILES: &[(&str, &[u8])] = dict_files!(
    "grammemes.json.gz",
    "gramtab-opencorpora-int.json.gz",
    "meta.json.gz",
    "p_t_given_w.intdawg.gz",
    "paradigms.array.gz",
    "prediction-prefixes.dawg.gz",
    "prediction-suffixes-0.dawg.gz",
    "prediction-suffixes-1.dawg.gz",
    "prediction-suffixes-2.dawg.gz",
    "suffixes.json.gz",
    "words.dawg.gz",
);

/// The loaded analyzer, or `None` if it could not be loaded.
pub fn get() -> Option<&'static MorphAnalyzer> {
    static MORPH: OnceLock<Option<MorphAnalyzer>> = OnceLock::new();
    MORPH
        .get_or_init(|| {
            // rsmorphy unwraps on format errors: a damaged dictionary must
            // not take the whole run down.
            let prev = std::panic::take_hook();
            std::panic::set_hook(Box::new(|_| {}));
            let r = std::panic::catch_unwind(|| load().map(MorphAnalyzer::new)).ok().flatten();
            std::panic::set_hook(prev);
            if r.is_none() {
                eprintln!("prex: could not load the embedded Russian dictionary");
            }
            r
        })
        .as_ref()
}

/// The embedded file `name`, decompressed.
fn file(name: &str) -> Option<Vec<u8>> {
    use std::io::Read;
    let (_, gz) = DICT_FILES.iter().find(|(n, _)| *n == name)?;
    let mut out = Vec::with_capacity(gz.len() * 3);
    flate2::read::GzDecoder::new(*gz).read_to_end(&mut out).ok()?;
    Some(out)
}

fn json<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_slice(&file(name)?).ok()
}

/// Builds rsmorphy's `Dictionary` from the embedded files in memory, as
/// `Dictionary::from_file` does from a directory. Its own loader reads
/// every 4-byte unit through an unbuffered gzip stream (≈ 0.6 s); parsing
/// decompressed bytes from a slice takes a fraction of that, and nothing
/// is written to disk.
fn load() -> Option<rsmorphy::opencorpora::Dictionary> {
    use rsmorphy::dawg::{CompletionDawg, Dawg};
    use rsmorphy::opencorpora::dictionary::GrammemeMeta;
    use rsmorphy::opencorpora::grammeme::GrammemeReg;
    use rsmorphy::opencorpora::paradigm::ParadigmEntry;
    use rsmorphy::opencorpora::{Grammeme, OpencorporaTagReg};
    use serde_json::Value;
    use std::collections::{BTreeMap, HashMap, HashSet};

    let meta: Vec<(String, Value)> = json("meta.json.gz")?;
    let meta: HashMap<String, Value> = meta.into_iter().collect();
    let paradigm_prefixes: Vec<String> = meta
        .get("compile_options")?
        .get("paradigm_prefixes")?
        .as_array()?
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let max_suffix_length =
        meta.get("prediction_options").or_else(|| meta.get("compile_options"))?.get("max_suffix_length")?.as_u64()?
            as usize;
    let prediction_splits = (1..=max_suffix_length).rev().collect();
    let paradigm_prefixes_rev =
        paradigm_prefixes.iter().enumerate().rev().map(|(i, v)| (i as u16, v.clone())).collect();
    let suffixes: Vec<String> = json("suffixes.json.gz")?;
    let gramtab: Vec<String> = json("gramtab-opencorpora-int.json.gz")?;
    let gramtab = gramtab.into_iter().map(OpencorporaTagReg::new).collect();
    let grammemes: Vec<Vec<Value>> = json("grammemes.json.gz")?;
    let grammemes: HashMap<Grammeme, GrammemeReg> =
        grammemes.into_iter().map(GrammemeReg::from_json).map(|g| (g.name.clone(), g)).collect();
    // As rsmorphy: every grammeme's children, and "plur" incompatible
    // with the genders.
    let mut grammeme_metas: HashMap<Grammeme, GrammemeMeta> = HashMap::new();
    for (index, g) in grammemes.keys().enumerate() {
        grammeme_metas.entry(g.clone()).or_insert_with(|| GrammemeMeta { index, ..GrammemeMeta::default() });
    }
    for (g, reg) in &grammemes {
        if let Some(parent) = &reg.parent {
            grammeme_metas.get_mut(parent)?.children.insert(g.clone());
        }
    }
    let (plur, gndr) = (Grammeme::new("plur"), Grammeme::new("GNdr"));
    let mut extra: HashSet<Grammeme> = grammeme_metas.get(&gndr)?.children.clone();
    extra.insert(gndr);
    for g in grammemes.keys() {
        let gm = grammeme_metas.get_mut(g)?;
        if g == &plur {
            gm.incompatible.extend(extra.iter().filter(|v| *v != g).cloned());
        }
        let children: Vec<Grammeme> = gm.children.iter().filter(|v| *v != g).cloned().collect();
        gm.incompatible.extend(children);
    }

    let paradigms = {
        let bytes = file("paradigms.array.gz")?;
        let words: Vec<u16> = bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        let mut it = words.into_iter();
        let count = it.next()?;
        let mut out = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let len = it.next()? as usize;
            let p: Vec<u16> = it.by_ref().take(len).collect();
            if p.len() != len {
                return None;
            }
            out.push(ParadigmEntry::build(p));
        }
        out
    };
    let words = CompletionDawg::from_reader(&mut file("words.dawg.gz")?.as_slice());
    let p_t_given_w = CompletionDawg::from_reader(&mut file("p_t_given_w.intdawg.gz")?.as_slice());
    let prediction_prefixes = Dawg::from_reader(&mut file("prediction-prefixes.dawg.gz")?.as_slice());
    let mut prediction_suffixes_dawgs = Vec::new();
    for i in 0..paradigm_prefixes.len() {
        let name = format!("prediction-suffixes-{i}.dawg.gz");
        prediction_suffixes_dawgs.push(CompletionDawg::from_reader(&mut file(&name)?.as_slice()));
    }
    let char_substitutes: BTreeMap<String, String> = [("е".to_owned(), "ё".to_owned())].into_iter().collect();
    Some(rsmorphy::opencorpora::Dictionary {
        meta,
        grammemes,
        grammeme_metas,
        gramtab,
        suffixes,
        paradigms,
        words,
        p_t_given_w,
        prediction_prefixes,
        prediction_suffixes_dawgs,
        paradigm_prefixes,
        paradigm_prefixes_rev,
        prediction_splits,
        char_substitutes,
    })
}

/// Grammemes of one parse as bit flags.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Tag(pub u64);

impl std::fmt::Debug for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let names = [
            "NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "NUMR", "ADVB", "NPRO", "PRED",
            "PREP", "CONJ", "PRCL", "INTJ", "nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2",
            "loc2", "masc", "femn", "neut", "ms-f", "sing", "plur", "anim", "inan", "Name", "Surn", "Patr", "Geox",
            "Orgn", "Abbr", "Init", "Fixd", "Pltm", "Sgtm", "UNKN", "LATN", "Trad", "Apro",
        ];
        let set: Vec<&str> =
            names.iter().enumerate().filter(|(i, _)| self.0 & (1 << i) != 0).map(|(_, n)| *n).collect();
        write!(f, "{}", set.join(","))
    }
}

/// Bit flags of [`Tag`], named after the OpenCorpora grammemes.
#[allow(non_upper_case_globals)]
pub mod g {
    macro_rules! bits {
        ($($name:ident = $bit:literal),* $(,)?) => {
            $(pub const $name: u64 = 1 << $bit;)*
            /// OpenCorpora grammeme name → bit.
            pub fn of(name: &str) -> u64 {
                match name { $(stringify!($name) => $name,)* _ => 0 }
            }
        };
    }
    bits! {
        NOUN = 0, ADJF = 1, ADJS = 2, COMP = 3, VERB = 4, INFN = 5, PRTF = 6, PRTS = 7,
        GRND = 8, NUMR = 9, ADVB = 10, NPRO = 11, PRED = 12, PREP = 13, CONJ = 14,
        PRCL = 15, INTJ = 16,
        nomn = 17, gent = 18, datv = 19, accs = 20, ablt = 21, loct = 22, voct = 23,
        gen2 = 24, acc2 = 25, loc2 = 26,
        masc = 27, femn = 28, neut = 29, msf = 30,
        sing = 31, plur = 32,
        anim = 33, inan = 34,
        Name = 35, Surn = 36, Patr = 37, Geox = 38, Orgn = 39, Abbr = 40, Init = 41,
        Fixd = 42, Pltm = 43, Sgtm = 44, UNKN = 45, LATN = 46, Trad = 47, Apro = 48,
    }
    /// All case bits (the second genitive/accusative/locative folded in
    /// by [`super::Tag::case`]).
    pub const CASES: u64 = nomn | gent | datv | accs | ablt | loct | voct | gen2 | acc2 | loc2;
    pub const GENDERS: u64 = masc | femn | neut | msf;
    pub const NUMBERS: u64 = sing | plur;
}

impl Tag {
    /// Parses an OpenCorpora tag string ("NOUN,anim,femn,Name sing,ablt").
    pub fn parse(s: &str) -> Tag {
        let mut bits = 0;
        for part in s.split([',', ' ']) {
            bits |= if part == "ms-f" { g::msf } else { g::of(part) };
        }
        Tag(bits)
    }
    #[inline]
    pub fn has(self, bits: u64) -> bool {
        self.0 & bits != 0
    }
    #[inline]
    pub fn all(self, bits: u64) -> bool {
        self.0 & bits == bits
    }
    /// The case bits, with gen2/acc2/loc2 folded into gent/accs/loct.
    pub fn case(self) -> u64 {
        let mut c = self.0 & g::CASES;
        if c & g::gen2 != 0 {
            c = (c & !g::gen2) | g::gent;
        }
        if c & g::acc2 != 0 {
            c = (c & !g::acc2) | g::accs;
        }
        if c & g::loc2 != 0 {
            c = (c & !g::loc2) | g::loct;
        }
        c
    }
    pub fn gender(self) -> u64 {
        self.0 & g::GENDERS
    }
    pub fn number(self) -> u64 {
        self.0 & g::NUMBERS
    }
}

/// One parse of a word.
#[derive(Clone)]
pub struct Parse {
    pub tag: Tag,
    pub score: f32,
    /// Dictionary form, lower case. For surnames and adjectives it is the
    /// masculine form; use `nomn` to keep the gender.
    pub lemma: Box<str>,
    /// Found in the dictionary (not guessed from the word's ending).
    pub known: bool,
    lex: Lex,
    /// `nomn()`, once computed (the word cache keeps it per thread).
    nomn_cache: std::cell::OnceCell<Option<String>>,
}

impl Parse {
    /// The same word in the nominative, keeping gender and number
    /// ("ташиевой" femn ablt → "ташиева"), lower case; `None` when the
    /// lexeme has no such form. Computed on demand: only accepted names
    /// need it.
    pub fn nomn(&self) -> Option<String> {
        self.nomn_cache.get_or_init(|| self.compute_nomn()).clone()
    }

    fn compute_nomn(&self) -> Option<String> {
        if self.tag.has(g::nomn) {
            return Some(self.lex.get_word().into_owned());
        }
        if self.tag.has(g::Fixd) {
            return Some(self.lex.get_word().into_owned());
        }
        let m = get()?;
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| nominative(m, &self.lex, self.tag))).ok().flatten()
    }
}

/// All parses of a word, best first.
#[derive(Default)]
pub struct Analysis {
    pub parses: Vec<Parse>,
}

impl Analysis {
    /// Whether any parse has one of `bits`.
    pub fn any(&self, bits: u64) -> bool {
        self.parses.iter().any(|p| p.tag.has(bits))
    }
    /// The best parse, if any.
    pub fn best(&self) -> Option<&Parse> {
        self.parses.first()
    }
    /// The best parse having all of `bits`.
    pub fn with(&self, bits: u64) -> Option<&Parse> {
        self.parses.iter().find(|p| p.tag.all(bits))
    }
    /// Whether the word is in the dictionary (not guessed).
    pub fn known(&self) -> bool {
        self.parses.iter().any(|p| p.known)
    }
    /// The best parse having all of `all` and a case in `case`.
    pub fn with_case(&self, all: u64, case: u64) -> Option<&Parse> {
        self.parses.iter().find(|p| p.tag.all(all) && p.tag.case() & case != 0)
    }
}

/// Entries kept per thread before the cache is cleared (memory bound:
/// ≈ 300 bytes an entry).
const CACHE_MAX: usize = 200_000;

thread_local! {
    static CACHE: RefCell<FxMap<Box<str>, Rc<Analysis>>> = RefCell::new(FxMap::default());
}

/// The parses of `word` (any case; the dictionary is lower case), cached
/// per thread. Empty when the dictionary is unavailable.
pub fn analyse(word: &str) -> Rc<Analysis> {
    if let Some(a) = CACHE.with(|c| c.borrow().get(word).cloned()) {
        return a;
    }
    let a = Rc::new(match get() {
        Some(m) => compute(m, word),
        None => Analysis::default(),
    });
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(word.into(), a.clone());
    });
    a
}

/// Parses of `word` that make sense for NER (no punctuation/number units).
fn compute(m: &MorphAnalyzer, word: &str) -> Analysis {
    let lower = word.to_lowercase();
    // rsmorphy may panic on odd input (it unwraps internally); such a word
    // simply has no analysis.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut out = Vec::new();
        for p in m.parse(&lower).into_iter().take(24) {
            let tag = Tag::parse(&p.lex.get_tag(m).string);
            let lemma: Box<str> = p.lex.get_normal_form(m).into();
            out.push(Parse {
                tag,
                score: p.score.value() as f32,
                lemma,
                known: p.lex.is_known(),
                lex: p.lex,
                nomn_cache: Default::default(),
            });
        }
        out
    }));
    Analysis { parses: parsed.unwrap_or_default() }
}

/// The nominative form of `lex` with the same gender and number.
///
/// `rsmorphy`'s own `Lex::inflect` does not drop the old case (its
/// grammeme incompatibility table lists children, not siblings), so the
/// lexeme is searched here: the form that has `nomn` and shares most other
/// grammemes with `tag`, spelling variants (`V-oy`…) last.
fn nominative(m: &MorphAnalyzer, lex: &Lex, tag: Tag) -> Option<String> {
    let want = (tag.0 & !g::CASES) | g::nomn;
    let mut best: Option<(i32, Lex)> = None;
    for form in lex.iter_lexeme(m) {
        let reg = form.get_tag(m);
        let t = Tag::parse(&reg.string);
        if !t.has(g::nomn) {
            continue;
        }
        let mut score = (t.0 & want).count_ones() as i32 * 2 - (t.0 & !want).count_ones() as i32;
        if reg.string.contains("V-") {
            score -= 1;
        }
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, form));
        }
    }
    best.map(|(_, l)| l.get_word().into_owned())
}

/// Applies the capitalization of `model` to `lower` (a lower-case form of
/// the same word): Title, UPPER, or Title-Title across hyphens.
pub fn recase(lower: &str, model: &str) -> String {
    let letters = model.chars().filter(|c| c.is_alphabetic());
    let (mut up, mut total) = (0, 0);
    for c in letters {
        total += 1;
        if c.is_uppercase() {
            up += 1;
        }
    }
    if total > 1 && up == total {
        return lower.to_uppercase();
    }
    let model_parts: Vec<&str> = model.split('-').collect();
    let mut out = String::with_capacity(lower.len());
    for (i, part) in lower.split('-').enumerate() {
        if i > 0 {
            out.push('-');
        }
        let cap =
            model_parts.get(i).or(model_parts.last()).is_some_and(|p| p.chars().next().is_some_and(char::is_uppercase));
        let mut cs = part.chars();
        if cap {
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_bits() {
        let t = Tag::parse("NOUN,anim,femn,Name sing,ablt");
        assert!(t.all(g::NOUN | g::Name | g::femn | g::sing | g::ablt));
        assert!(!t.has(g::Surn));
        assert_eq!(t.case(), g::ablt);
        assert_eq!(Tag::parse("NOUN,inan,masc sing,gen2").case(), g::gent);
    }

    #[test]
    fn recase_follows_model() {
        assert_eq!(recase("латвия", "Латвии"), "Латвия");
        assert_eq!(recase("санкт-петербург", "Санкт-Петербурга"), "Санкт-Петербург");
        assert_eq!(recase("мид", "МИДа"), "Мид");
        assert_eq!(recase("оон", "ООН"), "ООН");
        assert_eq!(recase("центр", "центра"), "центр");
    }

    #[test]
    fn names_and_normal_forms() {
        let a = analyse("Жанной");
        let p = a.with(g::Name).expect("Жанной is a first name");
        assert_eq!(p.nomn().as_deref(), Some("жанна"));
        let a = analyse("Латвии");
        let p = a.with(g::Geox).expect("Латвии is a place");
        assert_eq!(p.nomn().as_deref(), Some("латвия"));
        let a = analyse("государственной");
        let p = a.with(g::ADJF | g::femn | g::gent).expect("adjective");
        assert_eq!(p.nomn().as_deref(), Some("государственная"));
        let a = analyse("Ташиевой");
        let p = a.with(g::Surn | g::femn).expect("surname");
        assert_eq!(p.nomn().as_deref(), Some("ташиева"));
    }
}
