//! The statistical layer of NER: an averaged structured perceptron over
//! BILOU tags that decides the ORG/LOC/PER spans, with the rules as its
//! features.
//!
//! Per token, [`features`] hashes the evidence into `u32` ids: the word
//! (lower case, prefix, suffixes, shape, context words ±2), Russian
//! morphology (lemma, part of speech and case, Name/Surn/Patr/Geox/Orgn/
//! Abbr), gazetteer matches with their entry kind and BILU position, the
//! rule candidates that cover the token before `select` (kind, position,
//! rule id) and the rules' final mentions (kind, position, rule id, and
//! those of the neighbours), the zone kind, and document evidence (the same
//! word form tagged by the rules elsewhere in the document). Every feature
//! is conjoined with the language, so Russian and English share one table
//! but no weights.
//!
//! [`Model`] holds the weights (`data/ner/model.bin`, built by
//! `extract train-ner`, see `train.rs`; format below): `2^bits` hashed
//! rows of 16 `i16` (13 tags used), a 14×16 transition matrix (row 13 is
//! the start), a quantization scale and a temperature. Decoding is Viterbi
//! with the BILOU constraints; each span's `score` is its probability
//! under the tags' distribution (forward–backward with the scores divided
//! by the temperature fitted on held-out folds at training time).
//!
//! In the zones the model file names (contact blocks by default: lists
//! of offices, names and addresses, which the news corpora the model
//! learns from never show) the rules' reading is kept; elsewhere `prior_span`/`prior_o` (in the
//! file, 0 by default) can lean the model towards the rules.
//!
//! [`apply`] turns the decoded spans into candidates. Values are never
//! built here from scratch when the rules have one: a rule candidate with
//! the same span gives its value and rule id (of any type: its name is
//! kept). Otherwise the value is built as the rules build them: the
//! gazetteer's canonical name for an exact gazetteer match, the Russian
//! nominative (`words::nominative_phrase` for organisations, the word's own
//! nominative for names and places), else the text. The rules' LOC and PER
//! mentions nested inside a model ORG span are kept with their own score
//! (the model's tags are flat; the scorers and the record keep nesting).
//!
//! It does not decide overlaps with other extractors (`resolve`), and it
//! does not train (`train.rs`).
//!
//! File format (little endian): `PREXNER1`, `u32` version (1), `u32` hash
//! bits, `f32` scale (weight = stored / scale), `f32` temperature, `f32`
//! rule prior on spans, `f32` rule prior on O, `u32` zones where the rules
//! decide (bit `ZoneKind as u32`), 14×16 `f32` transitions, `u32` entry count, then per entry a LEB128 delta of
//! the key (`row * 16 + tag`, ascending) and an `i16` weight.

pub mod train;

use super::gazetteer::EntryKind;
use super::morph::{self, g};
use super::{Cand, Doc, words};
use crate::document::Lang;
use crate::extract::{Kind, LocValue, OrgValue, PerValue, Value};
use crate::segment::Segments;
use crate::span::Span;
use crate::token::flag;
use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

/// Tags: 0 = O, then `1 + 4 * kind + position` (B, I, L, U) for ORG, LOC,
/// PER.
pub const TAGS: usize = 13;
/// Weights per feature row (tags padded to 16 for aligned loads).
pub const ROW: usize = 16;
/// The start row of the transition matrix.
pub const START: usize = 13;
/// Facets (`organizations`, `locations`, `persons`) keep a model span
/// only at or above this score; `entities[]` keeps every span.
pub const FACET_THRESHOLD: f32 = 0.5;

const MAGIC: &[u8; 8] = b"PREXNER1";
/// Added to the rules' tag in the model's `rule_zones`: there the rules
/// decide.
const RULE_ZONE_TRUST: f32 = 1e4;
const KINDS: [Kind; 3] = [Kind::Org, Kind::Loc, Kind::Per];

#[inline]
fn kind_index(k: Kind) -> usize {
    match k {
        Kind::Org => 0,
        Kind::Loc => 1,
        _ => 2,
    }
}

/// The tag of `kind` at position `pos` (0 B, 1 I, 2 L, 3 U).
#[inline]
pub fn tag(kind: Kind, pos: usize) -> usize {
    1 + 4 * kind_index(kind) + pos
}

/// Whether tag `b` may follow tag `a` (`a == START` at the start).
pub fn allowed(a: usize, b: usize) -> bool {
    let open = |t: usize| t != 0 && t != START && (t - 1) % 4 <= 1; // B or I
    let kind = |t: usize| (t - 1) / 4;
    if open(a) {
        b != 0 && (b - 1) % 4 >= 1 && (b - 1) % 4 <= 2 && kind(a) == kind(b)
    } else {
        b == 0 || (b - 1).is_multiple_of(4) || (b - 1) % 4 == 3
    }
}

/// Whether a sequence may end on tag `t`.
fn may_end(t: usize) -> bool {
    t == 0 || (t - 1) % 4 >= 2
}

/// The spans `(start, end, kind)` of a tag sequence.
pub fn spans(tags: &[u8]) -> Vec<(usize, usize, Kind)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, &t) in tags.iter().enumerate() {
        let t = t as usize;
        if t == 0 {
            open = None;
            continue;
        }
        let (k, p) = ((t - 1) / 4, (t - 1) % 4);
        match p {
            0 => open = Some(i),
            3 => {
                out.push((i, i + 1, KINDS[k]));
                open = None;
            }
            2 => {
                if let Some(s) = open.take() {
                    out.push((s, i + 1, KINDS[k]));
                }
            }
            _ => {}
        }
    }
    out
}

/// The tags of spans over `n` tokens (spans must not overlap).
pub fn tags_of(n: usize, spans: &[(usize, usize, Kind)]) -> Vec<u8> {
    let mut tags = vec![0u8; n];
    for &(s, e, k) in spans {
        if e == s + 1 {
            tags[s] = tag(k, 3) as u8;
        } else {
            tags[s] = tag(k, 0) as u8;
            for t in &mut tags[s + 1..e - 1] {
                *t = tag(k, 1) as u8;
            }
            tags[e - 1] = tag(k, 2) as u8;
        }
    }
    tags
}

/// Feature ids of every token: token `i` has `ids[offs[i]..offs[i + 1]]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Feats {
    pub ids: Vec<u32>,
    pub offs: Vec<u32>,
}

impl Feats {
    pub fn len(&self) -> usize {
        self.offs.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn of(&self, i: usize) -> &[u32] {
        &self.ids[self.offs[i] as usize..self.offs[i + 1] as usize]
    }
}

/// Feature hashing: a template number, the language, then the parts.
struct F {
    h: super::fxhash::FxHasher,
}

impl F {
    #[inline]
    fn new(lang: u8, template: u8) -> F {
        let mut h = super::fxhash::FxHasher::default();
        h.write_u8(lang);
        h.write_u8(template);
        F { h }
    }
    #[inline]
    fn s(mut self, s: &str) -> F {
        self.h.write(s.as_bytes());
        self.h.write_u8(0xff);
        self
    }
    #[inline]
    fn u(mut self, x: u64) -> F {
        self.h.write_usize(x as usize);
        self
    }
    #[inline]
    fn id(self) -> u32 {
        let x = self.h.finish();
        (x ^ (x >> 32)) as u32
    }
}

/// Word shape: X upper, x lower, d digit, other characters as they are,
/// runs of the same class collapsed; at most 6 symbols.
fn shape(w: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s != last {
            out.push(s);
            last = s;
            if out.len() >= 6 {
                break;
            }
        }
    }
    out
}

/// The last `n` characters of `w` (all of it when shorter).
fn suffix(w: &str, n: usize) -> &str {
    match w.char_indices().rev().nth(n - 1) {
        Some((i, _)) => &w[i..],
        None => w,
    }
}

/// The first `n` characters of `w`.
fn prefix(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

/// BILU position of token `i` in `[s, e)`.
#[inline]
fn pos(i: usize, s: usize, e: usize) -> u64 {
    if e == s + 1 {
        3
    } else if i == s {
        0
    } else if i + 1 == e {
        2
    } else {
        1
    }
}

/// Per-token word facts computed once.
struct Word {
    lower: String,
    shape: String,
    /// Russian: lemma of the best parse; else the lower-case form.
    norm: String,
    /// Part of speech and case of the best parse.
    pos_case: u64,
    /// Union of the proper-name grammemes of all parses.
    names: u64,
}

const NAME_BITS: u64 = g::Name | g::Surn | g::Patr | g::Geox | g::Orgn | g::Abbr;
const POS_BITS: u64 = g::NOUN | g::ADJF | g::ADJS | g::VERB | g::INFN | g::PRTF | g::PREP | g::CONJ | g::NUMR;

fn words(doc: &Doc) -> Vec<Word> {
    doc.tokens
        .iter()
        .map(|t| {
            let w = t.text(doc.text);
            let lower = w.to_lowercase();
            let shape = shape(w);
            if doc.lang == Lang::Ru && t.is_word() && t.is(flag::CYR) {
                let a = morph::analyse(w);
                let names = a.parses.iter().fold(0, |m, p| m | (p.tag.0 & NAME_BITS));
                let (norm, pos_case) = match a.best() {
                    Some(p) => (p.lemma.to_string(), (p.tag.0 & POS_BITS) | p.tag.case()),
                    None => (lower.clone(), 0),
                };
                Word { lower, shape, norm, pos_case, names }
            } else {
                Word { norm: lower.clone(), lower, shape, pos_case: 0, names: 0 }
            }
        })
        .collect()
}

fn entry_code(k: &EntryKind) -> u64 {
    match k {
        EntryKind::Loc { kind, .. } => 1 + *kind as u64,
        EntryKind::Org { acronym } => 10 + acronym.is_some() as u64,
        EntryKind::First { ambiguous, .. } => 20 + *ambiguous as u64,
        EntryKind::Surname { ambiguous } => 30 + *ambiguous as u64,
    }
}

/// Hashed features of every token of `doc`. `raw`: the rule candidates
/// before `select`; `kept`: the rules' final mentions.
pub fn features(doc: &Doc, segments: &Segments, raw: &[Cand], kept: &[Cand]) -> Feats {
    let n = doc.tokens.len();
    let lang = doc.lang as u8;
    let ws = words(doc);
    // Rule evidence per token: (template, code) pairs.
    let mut ev: Vec<Vec<u64>> = vec![Vec::new(); n];
    let kcode = |c: &Cand| kind_index(c.kind) as u64;
    for c in raw {
        for i in c.start..c.end.min(n) {
            let p = pos(i, c.start, c.end);
            let mut h = super::fxhash::FxHasher::default();
            h.write(c.rule.as_bytes());
            let r = h.finish() & 0xffff_ffff;
            ev[i].push((1 << 40) | (kcode(c) << 8) | p);
            ev[i].push((2 << 40) | (r << 8) | p);
        }
    }
    let mut kept_at: Vec<u64> = vec![0; n]; // 1 + kind*4 + pos, 0 none (outermost wins)
    for c in kept {
        for i in c.start..c.end.min(n) {
            let p = pos(i, c.start, c.end);
            let mut h = super::fxhash::FxHasher::default();
            h.write(c.rule.as_bytes());
            let r = h.finish() & 0xffff_ffff;
            ev[i].push((3 << 40) | (kcode(c) << 8) | p);
            ev[i].push((4 << 40) | (r << 8) | (kcode(c) << 4) | p);
            if kept_at[i] == 0 {
                kept_at[i] = 1 + kcode(c) * 4 + p;
            }
        }
    }
    for m in &doc.gaz {
        for i in m.start..m.end.min(n) {
            let p = pos(i, m.start, m.end);
            for e in doc.gazetteer.entries_of(m) {
                ev[i].push((5 << 40) | (entry_code(&e.kind) << 8) | p);
            }
        }
    }
    // Document evidence: the kinds the rules gave each word form.
    let mut doc_kinds: super::fxhash::FxMap<&str, u64> = Default::default();
    for c in kept {
        for i in c.start..c.end.min(n) {
            if doc.tokens[i].is_word() && doc.tokens[i].is_capitalized() {
                *doc_kinds.entry(ws[i].norm.as_str()).or_default() |= 1 << kcode(c);
            }
        }
    }
    let empty = Word { lower: String::new(), shape: String::new(), norm: String::new(), pos_case: 0, names: 0 };
    let at = |j: isize| -> &Word { if j < 0 || j as usize >= n { &empty } else { &ws[j as usize] } };
    let mut f = Feats { ids: Vec::with_capacity(n * 40), offs: Vec::with_capacity(n + 1) };
    f.offs.push(0);
    for i in 0..n {
        let ids = &mut f.ids;
        let w = &ws[i];
        let ii = i as isize;
        let t = &doc.tokens[i];
        ids.push(F::new(lang, 0).id());
        ids.push(F::new(lang, 1).s(&w.lower).id());
        ids.push(F::new(lang, 2).s(suffix(&w.lower, 2)).id());
        ids.push(F::new(lang, 3).s(suffix(&w.lower, 3)).id());
        ids.push(F::new(lang, 4).s(suffix(&w.lower, 4)).id());
        ids.push(F::new(lang, 5).s(prefix(&w.lower, 3)).id());
        ids.push(F::new(lang, 6).s(&w.shape).id());
        let fl = (doc.initial[i] as u64) | (doc.caps_line[i] as u64) << 1 | ((t.flags & 0x1f) as u64) << 2;
        ids.push(F::new(lang, 7).u(fl).id());
        ids.push(F::new(lang, 8).s(&at(ii - 1).lower).id());
        ids.push(F::new(lang, 9).s(&at(ii + 1).lower).id());
        ids.push(F::new(lang, 10).s(&at(ii - 2).lower).id());
        ids.push(F::new(lang, 11).s(&at(ii + 2).lower).id());
        ids.push(F::new(lang, 12).s(&at(ii - 1).shape).s(&w.shape).id());
        ids.push(F::new(lang, 13).s(&w.shape).s(&at(ii + 1).shape).id());
        ids.push(F::new(lang, 14).s(&at(ii - 1).lower).s(&w.lower).id());
        ids.push(F::new(lang, 15).s(&w.lower).s(&at(ii + 1).lower).id());
        if doc.lang == Lang::Ru {
            ids.push(F::new(lang, 16).u(w.pos_case).id());
            ids.push(F::new(lang, 17).u(w.names).id());
            ids.push(F::new(lang, 18).s(&w.norm).id());
            ids.push(F::new(lang, 19).s(&at(ii - 1).norm).id());
            ids.push(F::new(lang, 20).u(at(ii - 1).pos_case).u(w.pos_case).id());
            ids.push(F::new(lang, 21).u(w.pos_case).u(at(ii + 1).pos_case).id());
            let mut b = 1;
            while b <= NAME_BITS {
                if w.names & b != 0 {
                    ids.push(F::new(lang, 22).u(b).id());
                }
                b <<= 1;
            }
        }
        let mut e = std::mem::take(&mut ev[i]);
        e.sort_unstable();
        e.dedup();
        if e.is_empty() {
            ids.push(F::new(lang, 23).id());
        }
        for &x in &e {
            ids.push(F::new(lang, 24).u(x).id());
        }
        ids.push(F::new(lang, 25).u(kept_at[i]).id());
        let prev = if i > 0 { kept_at[i - 1] } else { 99 };
        let next = if i + 1 < n { kept_at[i + 1] } else { 99 };
        ids.push(F::new(lang, 26).u(prev).u(kept_at[i]).id());
        ids.push(F::new(lang, 27).u(kept_at[i]).u(next).id());
        if t.is_word() && t.is_capitalized() {
            let mask = doc_kinds.get(w.norm.as_str()).copied().unwrap_or(0);
            ids.push(F::new(lang, 28).u(mask).id());
            ids.push(F::new(lang, 29).u(mask).u(kept_at[i]).id());
        }
        let zone = segments.zone_at(t.span.start).map_or(99, |z| z.kind as u64);
        ids.push(F::new(lang, 30).u(zone).id());
        ids.push(F::new(lang, 31).u(zone).s(&w.shape).id());
        f.offs.push(f.ids.len() as u32);
    }
    f
}

/// The weights.
pub struct Model {
    pub bits: u32,
    pub scale: f32,
    pub temperature: f32,
    /// Added at run time (not in training) to the score of the tag the
    /// rules' final mentions give a token ([`rule_prior`]) …
    pub prior_span: f32,
    /// … and to O where the rules found nothing.
    pub prior_o: f32,
    /// Zones (bit `1 << ZoneKind as u32`) where the rules' reading is
    /// kept.
    pub rule_zones: u32,
    /// `(START + 1) × ROW`, row = previous tag.
    pub trans: Vec<f32>,
    /// `2^bits × ROW`.
    pub weights: Vec<i16>,
}

impl Model {
    /// The model embedded in the binary (`data/ner/model.bin`); `None`
    /// when the file is empty or unreadable (then the rules decide).
    pub fn embedded() -> Option<std::sync::Arc<Model>> {
        static M: std::sync::OnceLock<Option<std::sync::Arc<Model>>> = std::sync::OnceLock::new();
        M.get_or_init(|| Model::parse(include_bytes!("../../../../data/ner/model.bin")).map(std::sync::Arc::new))
            .clone()
    }

    /// Parses the file format (see the module doc).
    pub fn parse(b: &[u8]) -> Option<Model> {
        let mut r = Reader { b, at: 0 };
        if r.take(8)? != MAGIC || r.u32()? != 1 {
            return None;
        }
        let bits = r.u32()?;
        if !(8..=24).contains(&bits) {
            return None;
        }
        let scale = r.f32()?;
        let temperature = r.f32()?;
        let prior_span = r.f32()?;
        let prior_o = r.f32()?;
        let rule_zones = r.u32()?;
        let trans = (0..(START + 1) * ROW).map(|_| r.f32()).collect::<Option<Vec<f32>>>()?;
        let count = r.u32()? as usize;
        let mut weights = vec![0i16; (1usize << bits) * ROW];
        let mut key = 0usize;
        for _ in 0..count {
            key += r.leb()? as usize;
            let w = i16::from_le_bytes(r.take(2)?.try_into().ok()?);
            *weights.get_mut(key)? = w;
        }
        Some(Model { bits, scale, temperature, prior_span, prior_o, rule_zones, trans, weights })
    }

    /// Emission scores of every token, in weight units.
    pub fn emissions(&self, f: &Feats) -> Vec<[f32; ROW]> {
        let mask = (1usize << self.bits) - 1;
        let inv = 1.0 / self.scale;
        (0..f.len())
            .map(|i| {
                let mut acc = [0i32; ROW];
                for &id in f.of(i) {
                    let row = (id as usize & mask) * ROW;
                    let w: &[i16; ROW] = self.weights[row..row + ROW].try_into().expect("row");
                    for t in 0..ROW {
                        acc[t] += w[t] as i32;
                    }
                }
                let mut out = [0f32; ROW];
                for t in 0..ROW {
                    out[t] = acc[t] as f32 * inv;
                }
                out
            })
            .collect()
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at + n)?;
        self.at += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn leb(&mut self) -> Option<u64> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.take(1)?.first()?;
            x |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(x);
            }
        }
        None
    }
}

/// No span continues across a line break: I and L are ruled out on a
/// token that starts a line.
pub fn constrain(em: &mut [[f32; ROW]], line: &[bool]) {
    for (row, &l) in em.iter_mut().zip(line) {
        if l {
            for k in 0..3 {
                row[1 + 4 * k + 1] = -1e9;
                row[1 + 4 * k + 2] = -1e9;
            }
        }
    }
}

/// The rules' final mentions as tags: outermost spans only.
pub fn rule_tags(n: usize, kept: &[Cand]) -> Vec<u8> {
    let mut outer: Vec<(usize, usize, Kind)> = Vec::new();
    let mut sorted: Vec<&Cand> = kept.iter().filter(|c| c.end <= n && c.start < c.end).collect();
    sorted.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    for c in sorted {
        if outer.last().is_none_or(|o| o.1 <= c.start) {
            outer.push((c.start, c.end, c.kind));
        }
    }
    tags_of(n, &outer)
}

/// Leans the scores towards the rules' reading: `span` more for the
/// rules' tag where they found a name, `o` more for O elsewhere.
pub fn rule_prior(em: &mut [[f32; ROW]], rules: &[u8], span: f32, o: f32) {
    for (row, &t) in em.iter_mut().zip(rules) {
        row[t as usize] += if t == 0 { o } else { span };
    }
}

/// The best tag sequence under the BILOU constraints.
pub fn viterbi(em: &[[f32; ROW]], trans: &[f32]) -> Vec<u8> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let mut back = vec![[0u8; ROW]; n];
    let mut score = [f32::NEG_INFINITY; ROW];
    for t in 0..TAGS {
        if allowed(START, t) {
            score[t] = trans[START * ROW + t] + em[0][t];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; ROW];
        for b in 0..TAGS {
            let (mut best, mut arg) = (f32::NEG_INFINITY, 0u8);
            for a in 0..TAGS {
                if score[a] == f32::NEG_INFINITY || !allowed(a, b) {
                    continue;
                }
                let s = score[a] + trans[a * ROW + b];
                if s > best {
                    best = s;
                    arg = a as u8;
                }
            }
            if best > f32::NEG_INFINITY {
                next[b] = best + em[i][b];
                back[i][b] = arg;
            }
        }
        score = next;
    }
    let mut last = 0;
    let mut best = f32::NEG_INFINITY;
    for t in 0..TAGS {
        if may_end(t) && score[t] > best {
            best = score[t];
            last = t;
        }
    }
    let mut tags = vec![0u8; n];
    tags[n - 1] = last as u8;
    for i in (1..n).rev() {
        tags[i - 1] = back[i][tags[i] as usize];
    }
    tags
}

/// The probability of each span (under `exp(score / temperature)`,
/// normalized over all valid tag sequences): forward–backward with
/// per-token rescaling.
pub fn span_probs(em: &[[f32; ROW]], trans: &[f32], temperature: f32, spans: &[(usize, usize, Kind)]) -> Vec<f32> {
    let n = em.len();
    if n == 0 || spans.is_empty() {
        return vec![0.0; spans.len()];
    }
    let inv = 1.0 / temperature.max(1e-6);
    let mut a = vec![[0f64; ROW]; START + 1];
    for p in 0..=START {
        for t in 0..TAGS {
            if allowed(p, t) {
                a[p][t] = f64::from(trans[p * ROW + t] * inv).exp();
            }
        }
    }
    // Emissions as probabilities, shifted by each token's maximum.
    let e: Vec<[f64; ROW]> = em
        .iter()
        .map(|row| {
            let m = row[..TAGS].iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let mut out = [0f64; ROW];
            for t in 0..TAGS {
                out[t] = f64::from((row[t] - m) * inv).exp();
            }
            out
        })
        .collect();
    let mut alpha = vec![[0f64; ROW]; n];
    let mut c = vec![1f64; n];
    for i in 0..n {
        let mut sum = 0.0;
        for t in 0..TAGS {
            let inflow = if i == 0 { a[START][t] } else { (0..TAGS).map(|p| alpha[i - 1][p] * a[p][t]).sum() };
            alpha[i][t] = inflow * e[i][t];
            sum += alpha[i][t];
        }
        let sum = if sum > 0.0 { sum } else { 1.0 };
        c[i] = sum;
        alpha[i].iter_mut().for_each(|x| *x /= sum);
    }
    let mut beta = vec![[0f64; ROW]; n];
    for t in 0..TAGS {
        beta[n - 1][t] = if may_end(t) { 1.0 } else { 0.0 };
    }
    for i in (0..n - 1).rev() {
        for p in 0..TAGS {
            beta[i][p] = (0..TAGS).map(|t| a[p][t] * e[i + 1][t] * beta[i + 1][t]).sum::<f64>() / c[i + 1];
        }
    }
    let z: f64 = (0..TAGS).map(|t| alpha[n - 1][t] * beta[n - 1][t]).sum();
    if z <= 0.0 {
        return vec![0.0; spans.len()];
    }
    spans
        .iter()
        .map(|&(s, end, k)| {
            let tags = tags_of(end - s, &[(0, end - s, k)]);
            let mut p = alpha[s][tags[0] as usize];
            for (j, i) in (s + 1..end).enumerate() {
                let (x, y) = (tags[j] as usize, tags[j + 1] as usize);
                p *= a[x][y] * e[i][y] / c[i];
            }
            p *= beta[end - 1][tags[end - 1 - s] as usize];
            ((p / z) as f32).clamp(0.0, 1.0)
        })
        .collect()
}

/// The model's decision for one document: spans with values and scores,
/// plus the rules' LOC/PER nested in model organisations.
pub fn apply(model: &Model, doc: &Doc, segments: &Segments, raw: &[Cand], kept: &[Cand]) -> Vec<Cand> {
    let f = features(doc, segments, raw, kept);
    let mut em = model.emissions(&f);
    let line: Vec<bool> = doc.tokens.iter().map(|t| t.is(flag::LINE_BEFORE)).collect();
    constrain(&mut em, &line);
    let rules = rule_tags(doc.tokens.len(), kept);
    if model.prior_span != 0.0 || model.prior_o != 0.0 {
        rule_prior(&mut em, &rules, model.prior_span, model.prior_o);
    }
    // Contact blocks are lists of names, offices and addresses the
    // training corpora (news prose) never show: the rules, written for
    // press releases, keep them.
    for span in trusted_zones(model, doc, segments) {
        let from = doc.tokens.partition_point(|t| t.span.start < span.start);
        for (i, t) in doc.tokens.iter().enumerate().skip(from) {
            if t.span.start >= span.end {
                break;
            }
            em[i][rules[i] as usize] += RULE_ZONE_TRUST;
        }
    }
    let tags = viterbi(&em, &model.trans);
    // The rule candidates by exact token span: every lookup below is one
    // hash probe, not a scan (a scan per span was quadratic on giant
    // one-line documents).
    let mut by_span: HashMap<(usize, usize), Vec<&Cand>> = HashMap::with_capacity(kept.len() + raw.len());
    for c in kept.iter().chain(raw) {
        by_span.entry((c.start, c.end)).or_default().push(c);
    }
    let kept_spans: HashSet<(usize, usize, Kind)> = kept.iter().map(|c| (c.start, c.end, c.kind)).collect();
    let decoded: Vec<(usize, usize, Kind)> = spans(&tags)
        .into_iter()
        .filter(|&(s, e, _)| !doc.is_blocked(s, e))
        .map(|(s, e, kind)| (s, close_quote(doc, s, e, kept_spans.contains(&(s, e + 1, kind)), false), kind))
        .collect();
    // A span whose unclosed guillemet is closed keeps the score of the
    // model's own span.
    let probs = span_probs(&em, &model.trans, model.temperature, &decoded);
    let found: Vec<(usize, usize, Kind)> =
        decoded.iter().map(|&(s, e, kind)| (s, close_quote(doc, s, e, false, true), kind)).collect();
    let (found, probs) = join_split_orgs(doc, kept, found, probs);
    let mut out: Vec<Cand> = Vec::with_capacity(found.len());
    for (&(s, e, kind), &p) in found.iter().zip(&probs) {
        let here = by_span.get(&(s, e)).map(Vec::as_slice).unwrap_or_default();
        let (value, rule) = match here.iter().find(|c| c.kind == kind) {
            Some(c) => (c.value.clone(), c.rule),
            None => match here.first().and_then(|c| name_of(&c.value)) {
                Some(name) => (value_of(kind, name), "model"),
                None => (build_value(doc, s, e, kind), "model"),
            },
        };
        out.push(Cand { kind, start: s, end: e, value, score: p, rule });
    }
    // `found` is in text order and its spans do not overlap: the one span
    // that can contain or start before a token range is found by binary
    // search.
    let before = |start: usize| found[..found.partition_point(|f| f.0 <= start)].last().copied();
    for c in kept {
        if c.kind != Kind::Org
            && before(c.start).is_some_and(|(s, e, k)| k == Kind::Org && c.end <= e && (s, e) != (c.start, c.end))
        {
            out.push(Cand { score: c.score.clamp(0.0, 1.0), ..c.clone() });
        }
    }
    // A surname alone, tagged by the rules, joins a person the model
    // accepted whose name ends with it ("Peter Novak … Novak said"); it
    // takes that person's score.
    let mut people: HashMap<String, f32> = HashMap::new();
    for (&(s, e, k), &p) in found.iter().zip(&probs) {
        if k == Kind::Per && e - s >= 2 {
            people.entry(doc.word(e - 1).to_lowercase()).or_insert(p);
        }
    }
    let overlaps_found = |start: usize, end: usize| {
        before(start).is_some_and(|(_, e, _)| e > start)
            || found.get(found.partition_point(|f| f.0 <= start)).is_some_and(|&(s, _, _)| s < end)
    };
    for c in kept {
        if c.kind == Kind::Per
            && c.end == c.start + 1
            && !people.is_empty()
            && !overlaps_found(c.start, c.end)
            && let Some(&p) = people.get(&doc.word(c.start).to_lowercase())
        {
            out.push(Cand { score: p, ..c.clone() });
        }
    }
    out.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    out
}

/// The zones where the rules' reading is kept: of a kind the model file
/// names (`rule_zones`) and holding contacts, that is an e-mail address or
/// URL, or a phone number in a block of at most 4 lines. The segmenter
/// also calls a news wire's dateline ("LONDON 1996-08-30") or a results
/// table (whose digit runs read as phone numbers) a contact block; there
/// the model reads better than the rules (5-fold CV, CoNLL ORG F1 0.678
/// with any zone, 0.712 with this check; see DESIGN.md).
fn trusted_zones(model: &Model, doc: &Doc, segments: &Segments) -> Vec<Span> {
    if model.rule_zones == 0 {
        return Vec::new();
    }
    segments
        .zones
        .iter()
        .filter(|z| model.rule_zones & (1 << z.kind as u32) != 0)
        .filter(|z| {
            let inside = |b: &Span| z.span.start <= b.start && b.start < z.span.end;
            let lines = doc.text[z.span.start..z.span.end].lines().filter(|l| !l.trim().is_empty()).count();
            doc.web.iter().any(inside) || (lines <= 4 && doc.blocked.iter().any(inside))
        })
        .map(|z| z.span)
        .collect()
}

/// A rules' organisation that the model cut into pieces at "of" / "of
/// the" ("Ministry of Health" + "Republic of Moldova" inside "Ministry of
/// Health of the Republic of Moldova") is taken whole: the pieces start
/// and end where it does and only such function words lie between them.
/// Its score is the least of the pieces'.
fn join_split_orgs(
    doc: &Doc,
    kept: &[Cand],
    found: Vec<(usize, usize, Kind)>,
    probs: Vec<f32>,
) -> (Vec<(usize, usize, Kind)>, Vec<f32>) {
    let mut org_end: HashMap<usize, usize> = HashMap::new();
    for c in kept.iter().filter(|c| c.kind == Kind::Org) {
        let e = org_end.entry(c.start).or_insert(c.end);
        *e = (*e).max(c.end);
    }
    if org_end.is_empty() {
        return (found, probs);
    }
    let glue = |k: usize| matches!(doc.word(k), "of" | "the" | "for" | "and" | "&");
    let (mut out, mut ps) = (Vec::with_capacity(found.len()), Vec::with_capacity(found.len()));
    let mut i = 0;
    while i < found.len() {
        let (s, e, k) = found[i];
        if k == Kind::Org
            && let Some(&end) = org_end.get(&s)
            && end > e
        {
            let mut j = i;
            let mut ok = false;
            while j + 1 < found.len() && found[j + 1].1 <= end {
                let gap = found[j].1..found[j + 1].0;
                if gap.is_empty() || !gap.clone().all(glue) {
                    break;
                }
                j += 1;
                if found[j].1 == end {
                    ok = true;
                    break;
                }
            }
            if ok {
                out.push((s, end, Kind::Org));
                ps.push(probs[i..=j].iter().copied().fold(1.0, f32::min));
                i = j + 1;
                continue;
            }
        }
        out.push(found[i]);
        ps.push(probs[i]);
        i += 1;
    }
    (out, ps)
}

/// The end of a model span, moved past a closing quote when the rules'
/// candidate of the same kind and start ends just after it (`rules_close`)
/// or, with `balance`, when the span opens a guillemet it does not close: a name opened
/// with a quote inside the span is closed inside it ("АО «Светлый путь»").
fn close_quote(doc: &Doc, s: usize, e: usize, rules_close: bool, balance: bool) -> usize {
    if e >= doc.tokens.len() {
        return e;
    }
    let next = doc.word(e);
    let quote = matches!(next, "»" | "\"" | "”" | "“");
    let unclosed = |open: &str, close: &str| {
        let (mut depth, mut any) = (0i32, false);
        for k in s..e {
            let w = doc.word(k);
            if w == open {
                depth += 1;
                any = true;
            } else if w == close {
                depth -= 1;
            }
        }
        any && depth > 0
    };
    let opened = balance && ((next == "»" && unclosed("«", "»")) || (next == "”" && unclosed("“", "”")));
    if quote && (rules_close || opened) { e + 1 } else { e }
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::Org(o) => Some(o.name.clone()),
        Value::Loc(l) => Some(l.name.clone()),
        Value::Per(p) => Some(p.name.clone()),
        _ => None,
    }
}

fn value_of(kind: Kind, name: String) -> Value {
    match kind {
        Kind::Org => Value::Org(OrgValue { name, acronym: None }),
        Kind::Loc => Value::Loc(LocValue { name, country: None, kind: None }),
        _ => Value::Per(PerValue { name, role: None }),
    }
}

/// A value for a span no rule proposed: a gazetteer entry with that exact
/// span, else the Russian nominative, else the text as written.
fn build_value(doc: &Doc, s: usize, e: usize, kind: Kind) -> Value {
    if kind == Kind::Loc {
        for m in doc.gaz_at(s).filter(|m| m.end == e) {
            if let Some(en) = doc.gazetteer.entries_of(m).find(|en| en.is_loc()) {
                let (lk, country) = match en.kind {
                    EntryKind::Loc { kind, country } => (Some(kind), country.map(str::to_owned)),
                    _ => (None, None),
                };
                return Value::Loc(LocValue { name: en.canonical.to_owned(), country, kind: lk });
            }
        }
    }
    if kind == Kind::Org {
        for m in doc.gaz_at(s).filter(|m| m.end == e) {
            if let Some(en) = doc.gazetteer.entries_of(m).find(|en| en.is_org()) {
                let acronym = match en.kind {
                    EntryKind::Org { acronym } => acronym.map(str::to_owned),
                    _ => None,
                };
                return Value::Org(OrgValue { name: en.canonical.to_owned(), acronym });
            }
        }
    }
    let name = if doc.lang != Lang::Ru {
        let text = doc.clean(s, e);
        if doc.caps_line[s] { super::title_case(&text) } else { text }
    } else if kind == Kind::Org {
        // The first noun is the head; words up to it agree with it.
        let head = (s..e)
            .find(|&k| {
                doc.tokens[k].is_word() && morph::analyse(doc.word(k)).best().is_some_and(|p| p.tag.has(g::NOUN))
            })
            .unwrap_or(s);
        words::nominative_phrase(doc, s, head, e, g::CASES)
    } else {
        nominative_words(doc, s, e)
    };
    value_of(kind, name)
}

/// Every Russian word of `[s, e)` in its own nominative (names and places
/// whose words do not agree with one head: "Сергея Лаврова").
fn nominative_words(doc: &Doc, s: usize, e: usize) -> String {
    let mut out = String::new();
    for k in s..e {
        if k > s && !doc.tokens[k].glued() {
            out.push(' ');
        }
        let w = doc.word(k);
        let a = morph::analyse(w);
        let p = a.parses.iter().find(|p| p.tag.has(NAME_BITS)).or_else(|| a.best());
        match p.filter(|_| doc.tokens[k].is_word()).and_then(|p| p.nomn()) {
            Some(n) => out.push_str(&morph::recase(&n, w)),
            None => out.push_str(w),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip() {
        let sp = vec![(0, 1, Kind::Per), (2, 5, Kind::Org), (5, 7, Kind::Loc)];
        let tags = tags_of(8, &sp);
        assert_eq!(spans(&tags), sp);
        for w in tags.windows(2) {
            assert!(allowed(w[0] as usize, w[1] as usize), "{w:?}");
        }
        assert!(!allowed(0, tag(Kind::Org, 1)));
        assert!(!allowed(tag(Kind::Org, 0), tag(Kind::Loc, 2)));
        assert!(allowed(START, tag(Kind::Per, 3)));
    }

    #[test]
    fn viterbi_follows_emissions_and_probs_sum_to_one() {
        let mut em = vec![[0f32; ROW]; 3];
        em[0][tag(Kind::Per, 0)] = 5.0;
        em[1][tag(Kind::Per, 2)] = 5.0;
        let trans = vec![0f32; (START + 1) * ROW];
        let tags = viterbi(&em, &trans);
        assert_eq!(spans(&tags), vec![(0, 2, Kind::Per)]);
        let p = span_probs(&em, &trans, 1.0, &[(0, 2, Kind::Per), (2, 3, Kind::Loc)]);
        assert!(p[0] > 0.9 && p[0] <= 1.0, "{p:?}");
        // The last token has no evidence: O or U of one of three kinds
        // (B and I cannot end a sequence), a quarter each.
        assert!((p[1] - 0.25).abs() < 0.01, "{p:?}");
    }

    #[test]
    fn suffixes_and_shapes() {
        assert_eq!(suffix("москвы", 3), "квы");
        assert_eq!(suffix("ab", 3), "ab");
        assert_eq!(prefix("москвы", 3), "мос");
        assert_eq!(shape("McDonald's"), "XxXx'x");
        assert_eq!(shape("2024"), "d");
    }
}
