//! ORG, LOC and PER mentions in Russian and English, with normalized
//! names.
//!
//! The rules live one family per file: `loc.rs` (gazetteer places,
//! dictionary place names, "Московская область"), `person.rs` (names with
//! initials and patronymics, titles kept out of the span), `org.rs`
//! (gazetteer organisations, heads with their genitive chains, quoted
//! names, legal forms), `acronym.rs` (all-caps tokens and the link
//! "long form (ACRONYM)"), `consistency.rs` (a name found once is tagged at
//! every mention). They all work on one [`Doc`]: the shared tokens plus
//! what NER adds per token (sentence starts, all-caps lines, gazetteer
//! matches). `gazetteer.rs` loads and matches `data/gazetteer/`;
//! `morph.rs` wraps the Russian dictionary.
//!
//! Each rule proposes [`Cand`]idates over token ranges with a score; this
//! module keeps a consistent subset (no same-type overlap, no crossing,
//! only ORG ⊃ LOC/PER nesting — the same policy as `resolve`, applied
//! first here so that the best-scored reading wins rather than the type
//! priority), runs the consistency pass, and emits [`Mention`]s.
//!
//! It does not handle facet arrays or record building (`record`), nor
//! overlaps with other extractors' kinds (`resolve`).

// Token loops index several parallel arrays (tokens, initial, caps_line).
#![allow(clippy::needless_range_loop)]

pub mod acronym;
pub mod consistency;
pub mod fxhash;
pub mod gazetteer;
pub mod ids;
pub mod loc;
pub mod model;
pub mod morph;
pub mod org;
pub mod person;
pub mod words;

use super::{Context, Extractor, Kind, Mention, Value};
use crate::data::lines;
use crate::document::Lang;
use crate::span::Span;
use crate::token::{Token, flag};
use fxhash::{FxMap, FxSet};
use gazetteer::{Gazetteer, Match};
use std::sync::OnceLock;

/// The NER word lists of `data/ner/`.
pub struct Lexicon {
    pub org_heads_ru: FxSet<&'static str>,
    /// First three letters of every Russian head (a cheap pre-filter).
    pub org_head_prefixes_ru: FxSet<String>,
    pub org_heads_en_of: FxSet<&'static str>,
    pub org_heads_en_end: FxSet<&'static str>,
    pub org_legal: FxSet<&'static str>,
    pub roles_ru: FxSet<&'static str>,
    /// English titles, each as its words.
    pub titles_en: Vec<Vec<&'static str>>,
    pub acronym_stop: FxSet<&'static str>,
    /// English capitalized words not found in persons' names.
    pub nonname_en: FxSet<&'static str>,
    /// Frequent lower-case English words (`data/ner/common.en.txt`).
    pub common_en: FxSet<&'static str>,
    /// English one-word titles ("President", "Senator", "coach").
    pub title_words_en: FxSet<&'static str>,
    /// Russian place adjective lemma → (place, country or "-", kind).
    pub demonyms_ru: FxMap<&'static str, (&'static str, &'static str, &'static str)>,
    /// First three letters of every demonym (a cheap pre-filter).
    pub demonym_prefixes_ru: FxSet<String>,
}

impl Lexicon {
    pub fn load() -> Lexicon {
        let mut of = FxSet::default();
        let mut end = FxSet::default();
        for l in lines(include_str!("../../../data/ner/org_heads.en.txt")) {
            if let Some(w) = l.strip_prefix("of:") {
                of.insert(w);
            } else if let Some(w) = l.strip_prefix("end:") {
                end.insert(w);
            } else {
                of.insert(l);
                end.insert(l);
            }
        }
        let mut titles: Vec<Vec<&'static str>> = lines(include_str!("../../../data/ner/titles.en.txt"))
            .map(|l| l.split([' ', '.']).filter(|w| !w.is_empty()).collect())
            .collect();
        // Longest first: "Assistant Attorney General" before "General".
        titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let org_heads_ru: FxSet<&'static str> = lines(include_str!("../../../data/ner/org_heads.ru.txt")).collect();
        let demonyms_ru: FxMap<_, _> = lines(include_str!("../../../data/ner/demonyms.ru.txt"))
            .filter_map(|l| {
                let mut c = l.split('\t');
                Some((c.next()?, (c.next()?, c.next()?, c.next()?)))
            })
            .collect();
        Lexicon {
            demonym_prefixes_ru: demonyms_ru.keys().map(|h| h.chars().take(3).collect()).collect(),
            demonyms_ru,
            org_head_prefixes_ru: org_heads_ru.iter().map(|h| h.chars().take(3).collect()).collect(),
            org_heads_ru,
            org_heads_en_of: of,
            org_heads_en_end: end,
            org_legal: lines(include_str!("../../../data/ner/org_legal.txt")).collect(),
            roles_ru: lines(include_str!("../../../data/ner/roles.ru.txt")).collect(),
            // Every word of a title ends a name run ("U.S. Attorney",
            // "Special Agent in Charge"), lower-case words aside.
            title_words_en: titles
                .iter()
                .flat_map(|t| t.iter().copied())
                .filter(|w| w.len() > 2 && w.chars().next().is_some_and(char::is_uppercase))
                .collect(),
            titles_en: titles,
            nonname_en: lines(include_str!("../../../data/ner/nonname.en.txt")).collect(),
            common_en: lines(include_str!("../../../data/ner/common.en.txt")).collect(),
            acronym_stop: lines(include_str!("../../../data/ner/acronym_stop.txt")).collect(),
        }
    }
}

/// A candidate mention over tokens `[start, end)`.
#[derive(Clone, Debug)]
pub struct Cand {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub value: Value,
    pub score: f32,
    pub rule: &'static str,
}

/// One document as NER sees it.
pub struct Doc<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub lang: Lang,
    /// Token starts a sentence or a line (its capital says nothing).
    pub initial: Vec<bool>,
    /// Token lies on a line written mostly in capitals (a headline or a
    /// dateline: capitals say nothing there either).
    pub caps_line: Vec<bool>,
    /// Gazetteer matches, by start token, longest first.
    pub gaz: Vec<Match>,
    pub gazetteer: &'a Gazetteer,
    pub lex: &'a Lexicon,
    /// Byte spans of the mentions of other extractors (emails, URLs…):
    /// no name is found inside them.
    pub blocked: Vec<Span>,
    /// E-mail addresses and URLs (set by the extractor; the model's
    /// contact zones need one).
    pub web: Vec<Span>,
}

impl<'a> Doc<'a> {
    pub fn new(ctx: &'a Context, gazetteer: &'a Gazetteer, lex: &'a Lexicon, blocked: Vec<Span>) -> Doc<'a> {
        let (text, tokens) = (ctx.text, ctx.tokens);
        let mut initial = vec![false; tokens.len()];
        // Sentence starts from the segmenter, plus line starts; a token
        // after an opening quote, dash or bullet at such a start is also
        // initial.
        for s in &ctx.segments.sentences {
            let i = crate::token::first_at_or_after(tokens, s.span.start);
            if i < tokens.len() && !after_abbreviation(text, tokens, i) {
                initial[i] = true;
            }
        }
        let mut after_start = true;
        for (i, t) in tokens.iter().enumerate() {
            if t.is(flag::LINE_BEFORE) || initial[i] {
                after_start = true;
            }
            if after_start {
                initial[i] = true;
                if t.is_word() || t.is_num() {
                    after_start = false;
                }
            }
        }
        let mut caps_line = vec![false; tokens.len()];
        let mut i = 0;
        while i < tokens.len() {
            let mut j = i + 1;
            while j < tokens.len() && !tokens[j].is(flag::LINE_BEFORE) {
                j += 1;
            }
            let (mut words, mut caps) = (0, 0);
            for t in &tokens[i..j] {
                if t.is_word() && t.span.len() > 1 {
                    words += 1;
                    if t.is(flag::UPPER) {
                        caps += 1;
                    }
                }
            }
            if words >= 2 && caps * 10 >= words * 6 {
                caps_line[i..j].iter_mut().for_each(|c| *c = true);
            }
            i = j;
        }
        let gaz = gazetteer.find(text, tokens);
        Doc { text, tokens, lang: ctx.lang, initial, caps_line, gaz, gazetteer, lex, blocked, web: Vec::new() }
    }

    #[inline]
    pub fn word(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// The token `i` when it is a word.
    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        i < self.tokens.len() && self.tokens[i].is_word()
    }

    /// Tokens `i` and `i + 1` are separated by spaces only (no line break).
    #[inline]
    pub fn same_line(&self, i: usize) -> bool {
        i + 1 < self.tokens.len() && !self.tokens[i + 1].is(flag::LINE_BEFORE)
    }

    /// Byte span of tokens `[s, e)`.
    pub fn span(&self, s: usize, e: usize) -> Span {
        Span::new(self.tokens[s].span.start, self.tokens[e - 1].span.end)
    }

    /// The text of tokens `[s, e)` with runs of white space collapsed.
    pub fn clean(&self, s: usize, e: usize) -> String {
        let mut out = String::new();
        for i in s..e {
            if i > s && !self.tokens[i].glued() {
                out.push(' ');
            }
            out.push_str(self.word(i));
        }
        out
    }

    /// A word token written with a capital in a place where that means
    /// something: not initial, not on an all-caps line.
    pub fn proper_cap(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.is_word() && t.is(flag::TITLE) && !self.initial[i] && !self.caps_line[i]
    }

    /// Whether tokens `[s, e)` touch a blocked span.
    pub fn is_blocked(&self, s: usize, e: usize) -> bool {
        let sp = self.span(s, e);
        self.blocked.iter().any(|b| b.start < sp.end && sp.start < b.end)
    }

    /// The gazetteer matches starting at token `i`, longest first.
    pub fn gaz_at(&self, i: usize) -> impl Iterator<Item = &Match> + '_ {
        let k = self.gaz.partition_point(|m| m.start < i);
        self.gaz[k..].iter().take_while(move |m| m.start == i)
    }
}

/// A sentence start right after "И." or "Mr." is the segmenter being
/// fooled by an initial or an abbreviation.
fn after_abbreviation(text: &str, tokens: &[Token], i: usize) -> bool {
    if i < 2 || !tokens[i - 1].is_punct(text, '.') || !tokens[i - 2].is_word() {
        return false;
    }
    let w = tokens[i - 2].text(text);
    w.chars().count() == 1
        || matches!(
            w,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Gen"
                | "Lt"
                | "Col"
                | "Prof"
                | "Jr"
                | "Sr"
                | "Inc"
                | "Co"
                | "Corp"
                | "Ltd"
                | "vs"
                | "No"
                | "г"
                | "гг"
                | "им"
                | "ул"
                | "пр"
                | "д"
                | "тов"
                | "проф"
                | "акад"
                | "ген"
                | "св"
                | "р"
                | "обл"
                | "пос"
                | "с"
        )
}

/// "Жером Ферарри (Jérôme Ferrari)": a Latin name in brackets right after
/// a person is that person's name in the original, not an organisation.
fn transliterations(doc: &Doc, kept: &mut [Cand]) {
    let per_ends: Vec<usize> = kept.iter().filter(|c| c.kind == Kind::Per).map(|c| c.end).collect();
    for c in kept.iter_mut() {
        if c.rule != "org-latin" || c.start < 2 || c.end >= doc.tokens.len() || c.end - c.start < 2 {
            continue;
        }
        if doc.tokens[c.start - 1].is_punct(doc.text, '(')
            && doc.tokens[c.end].is_punct(doc.text, ')')
            && per_ends.contains(&(c.start - 1))
        {
            c.kind = Kind::Per;
            c.value = Value::Per(crate::extract::PerValue { name: doc.clean(c.start, c.end), role: None });
            c.rule = "per-transliteration";
        }
    }
}

/// A town that is a team in a results table of the document is the team
/// wherever the document names it ("Liverpool 16 9 4 3 …" and "against
/// Liverpool on Saturday").
fn teams_everywhere(doc: &Doc, kept: &mut [Cand]) {
    let teams: Vec<String> =
        kept.iter().filter(|c| c.rule == "org-team").map(|c| doc.clean(c.start, c.end).to_lowercase()).collect();
    if teams.is_empty() {
        return;
    }
    for c in kept.iter_mut() {
        if c.kind != Kind::Loc || !town_value(&c.value) {
            continue;
        }
        let surface = doc.clean(c.start, c.end);
        if teams.contains(&surface.to_lowercase()) {
            let name = if doc.caps_line[c.start] { title_case(&surface) } else { surface };
            c.kind = Kind::Org;
            c.value = Value::Org(crate::extract::OrgValue { name, acronym: None });
            c.rule = "org-team";
        }
    }
}

/// A LOC value of a town (firms are named after towns: "Sterling
/// Partners LLC").
fn town_value(v: &Value) -> bool {
    matches!(v, Value::Loc(l) if l.kind == Some(crate::extract::LocKind::City))
}

/// Whether two token ranges may both be kept: disjoint, or an ORG
/// containing a LOC or PER (never two equal spans of different types).
fn compatible(a: &Cand, b: &Cand) -> bool {
    if a.end <= b.start || b.end <= a.start {
        return true;
    }
    if a.kind == b.kind || (a.start, a.end) == (b.start, b.end) {
        return false;
    }
    let a_in_b = b.start <= a.start && a.end <= b.end;
    let b_in_a = a.start <= b.start && b.end <= a.end;
    (a_in_b && b.kind == Kind::Org && a.kind != Kind::Org) || (b_in_a && a.kind == Kind::Org && b.kind != Kind::Org)
}

/// Keeps a consistent subset: best score first, then longer.
pub fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then((b.end - b.start).cmp(&(a.end - a.start))).then(a.start.cmp(&b.start))
    });
    // Only kept candidates that overlap `c` can be incompatible with it;
    // find them through an index by start (a candidate overlapping `c`
    // starts at most `longest` tokens before it), not by testing every
    // kept one: that was quadratic, minutes for a multi-megabyte document.
    let mut kept: Vec<Cand> = Vec::with_capacity(cands.len());
    let mut by_start = SpanIndex::default();
    for c in cands {
        if by_start.overlapping(c.start, c.end).all(|i| compatible(&kept[i], &c)) {
            by_start.insert(c.start, c.end, kept.len());
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    kept
}

/// Token ranges by start, to find those overlapping a range without a
/// scan of all of them.
#[derive(Default)]
struct SpanIndex {
    /// (start, index) → end.
    map: std::collections::BTreeMap<(usize, usize), usize>,
    longest: usize,
}

impl SpanIndex {
    fn insert(&mut self, start: usize, end: usize, index: usize) {
        self.map.insert((start, index), end);
        self.longest = self.longest.max(end - start);
    }

    /// Indices of the ranges that overlap `start..end` (share a token).
    fn overlapping(&self, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        let from = start.saturating_sub(self.longest);
        self.map.range((from, 0)..(end, 0)).filter(move |&(_, &e)| e > start).map(|(&(_, i), _)| i)
    }

    /// Indices of the ranges that contain `start..end`.
    fn containing(&self, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        let from = start.saturating_sub(self.longest);
        self.map.range((from, 0)..(start + 1, 0)).filter(move |&(_, &e)| e >= end).map(|(&(_, i), _)| i)
    }
}

pub struct NerExtractor {
    gazetteer: &'static Gazetteer,
    lex: &'static Lexicon,
    decider: Decider,
}

/// Who decides the spans: the rules alone, or the model over the rules
/// (`model/`); `Capture` records the model's features of each document
/// for training and emits the rules' mentions.
pub enum Decider {
    Rules,
    Model(std::sync::Arc<model::Model>),
    Capture(std::sync::Arc<std::sync::Mutex<Vec<model::train::Sample>>>),
}

/// The embedded gazetteers and word lists, parsed once per process.
fn shared() -> (&'static Gazetteer, &'static Lexicon) {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    static L: OnceLock<Lexicon> = OnceLock::new();
    (G.get_or_init(Gazetteer::embedded), L.get_or_init(Lexicon::load))
}

impl NerExtractor {
    /// The default extractor: the embedded model over the rules, or the
    /// rules alone when no model is embedded or `PREX_NER_MODEL=off`.
    /// `PREX_NER_MODEL=FILE` uses the model in FILE instead (a retrained
    /// model tried without a rebuild; the rules when it does not parse).
    pub fn new() -> NerExtractor {
        let decider = match std::env::var("PREX_NER_MODEL").ok().as_deref() {
            Some("off" | "0") => Decider::Rules,
            Some(path) if !path.is_empty() => std::fs::read(path)
                .ok()
                .and_then(|b| model::Model::parse(&b))
                .map_or(Decider::Rules, |m| Decider::Model(std::sync::Arc::new(m))),
            _ => model::Model::embedded().map_or(Decider::Rules, Decider::Model),
        };
        NerExtractor::with_decider(decider)
    }

    /// Whether the model decides the spans.
    pub fn uses_model(&self) -> bool {
        matches!(self.decider, Decider::Model(_))
    }

    /// An extractor with a chosen decider (training, evaluation).
    pub fn with_decider(decider: Decider) -> NerExtractor {
        let (gazetteer, lex) = shared();
        NerExtractor { gazetteer, lex, decider }
    }

    /// An extractor over other gazetteer data (tests); rules only.
    pub fn with_gazetteer(gazetteer: &'static Gazetteer) -> NerExtractor {
        NerExtractor { gazetteer, lex: shared().1, decider: Decider::Rules }
    }

    /// Every rule's candidates, before any selection.
    pub fn raw_candidates(&self, doc: &Doc) -> Vec<Cand> {
        let mut cands = Vec::new();
        loc::find(doc, &mut cands);
        person::find(doc, &mut cands);
        org::find(doc, &mut cands);
        acronym::find(doc, &mut cands);
        cands
    }

    /// The candidates kept for a document, before conversion (tests,
    /// debugging).
    pub fn candidates(&self, doc: &Doc, others: &[Mention]) -> Vec<Cand> {
        self.decide(doc, self.raw_candidates(doc), others)
    }

    /// The rules' consistent subset of `cands`.
    pub fn decide(&self, doc: &Doc, cands: Vec<Cand>, others: &[Mention]) -> Vec<Cand> {
        let mut kept = select(cands);
        loc::qualified_places(doc, &mut kept);
        // A quoted name is the organisation's name, not a place or a
        // person ("банка «Россия»").
        // Same for Latin names in Russian text ("Bank of America"); and an
        // adjective of a place inside an organisation's name is part of
        // the name ("Российский фонд …").
        let names: Vec<(usize, usize, bool)> = kept
            .iter()
            // "сербские власти": the place adjective stays a nested LOC.
            .filter(|c| c.kind == Kind::Org && c.rule != "org-authorities")
            .map(|c| {
                // Latin-script names in Russian text hide what they contain.
                let latin =
                    doc.lang == Lang::Ru && !doc.tokens[c.start].is(flag::CYR) && doc.tokens[c.start].is(flag::LAT);
                (c.start, c.end, matches!(c.rule, "org-quoted" | "org-latin") || latin)
            })
            .collect();
        let mut names_by_start = SpanIndex::default();
        for (i, &(s, e, _)) in names.iter().enumerate() {
            names_by_start.insert(s, e, i);
        }
        // A weak guess at a person inside an organisation's name is part
        // of the name ("Environmental Protection Agency").
        kept.retain(|c| {
            c.kind == Kind::Org
                || !names_by_start.containing(c.start, c.end).any(|i| {
                    let (s, e, quoted) = names[i];
                    s <= c.start
                        && c.end <= e
                        && (quoted
                            || c.rule == "loc-adjective"
                            || (c.kind == Kind::Per && c.score < 0.6)
                            || (doc.lang != Lang::Ru && c.start == s && c.end < e && town_value(&c.value)))
                })
        });
        transliterations(doc, &mut kept);
        teams_everywhere(doc, &mut kept);
        let mut kept = select(kept);
        acronym::link(doc, &mut kept, others);
        let more = consistency::spread(doc, &mut kept);
        if !more.is_empty() {
            kept.extend(more);
            kept = select(kept);
        }
        kept.retain(|c| !doc.is_blocked(c.start, c.end));
        kept
    }
}

impl Default for NerExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor for NerExtractor {
    fn name(&self) -> &'static str {
        "ner"
    }

    fn produces(&self) -> &'static [Kind] {
        &[Kind::Org, Kind::Loc, Kind::Per]
    }

    fn reads(&self) -> &'static [Kind] {
        &[Kind::Email, Kind::Url, Kind::Phone]
    }

    fn extract(&self, ctx: &Context, earlier: &[Mention], out: &mut Vec<Mention>) {
        if ctx.tokens.is_empty() {
            return;
        }
        let blocked = earlier.iter().map(|m| m.span).collect();
        let mut doc = Doc::new(ctx, self.gazetteer, self.lex, blocked);
        doc.web = earlier.iter().filter(|m| matches!(m.kind, Kind::Email | Kind::Url)).map(|m| m.span).collect();
        let mut raw = self.raw_candidates(&doc);
        let rules_only = matches!(self.decider, Decider::Rules);
        let kept = self.decide(&doc, if rules_only { std::mem::take(&mut raw) } else { raw.clone() }, earlier);
        let found = match &self.decider {
            Decider::Rules => kept,
            Decider::Model(m) => model::apply(m, &doc, ctx.segments, &raw, &kept),
            Decider::Capture(samples) => {
                let feats = model::features(&doc, ctx.segments, &raw, &kept);
                let spans = doc.tokens.iter().map(|t| t.span).collect();
                if let Ok(mut s) = samples.lock() {
                    s.push(model::train::Sample {
                        feats,
                        spans,
                        initial: doc.initial.clone(),
                        line: doc.tokens.iter().map(|t| t.is(flag::LINE_BEFORE)).collect(),
                        rules: model::rule_tags(doc.tokens.len(), &kept),
                        lang: doc.lang,
                    });
                }
                kept
            }
        };
        for c in found {
            let mut m = Mention::new(c.kind, doc.span(c.start, c.end), c.value, c.rule);
            m.confidence = c.score.clamp(0.0, 1.0);
            out.push(m);
        }
    }
}

/// Title case of an all-caps English name ("NEW YORK" → "New York",
/// "MCDONALD" → "Mcdonald").
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = c != '\'';
        }
    }
    out
}

/// Upper-cases the first letter.
pub fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}
