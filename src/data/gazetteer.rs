//! The gazetteers compiled into their run-time form: `build.rs` calls
//! [`compile`] on `data/gazetteer/*.tsv` and embeds the result, so start-up
//! parses, sorts and hashes nothing (it was ~0.7·10⁹ instructions, 85 % of
//! an English one-file run).
//!
//! Input: the six files of [`FILES`] (format: `data/gazetteer/README.md`;
//! malformed lines are skipped). Output: [`Compiled`], the six texts
//! concatenated (every string of the gazetteer is a range of it) and a blob
//! of little-endian `u32` words:
//!
//! ```text
//! header:  [VERSION, nentries, nids, lower_heads, entries at, ids at, table at]
//! entries: nentries × [canonical off, len, code, aux off, aux len]
//! ids:     entry ids grouped by form, ascending within a form
//! table:   `data::table` keyed by form and by first word of a form:
//!          [ids start, ids end, token counts of the forms it starts]
//! ```
//!
//! `code` packs the entry: lang (bits 0-3: 0 ru, 1 en, 2 other), kind
//! (4-7: 0 LOC, 1 ORG, 2 first name, 3 surname), LOC kind (8-11: 0
//! country, 1 region, 2 city, 3 other), gender byte (16-23), ambiguous
//! (bit 24). `aux` is a LOC's country code or an ORG's acronym (length 0:
//! none). The same function builds the tables of test data at run time.
//!
//! It does not match anything: `extract/ner/gazetteer.rs` reads the blob
//! and matches it against tokens.

use super::{rows, table};
use crate::token::{TokKind, tokenize};

/// Bumped when the layout changes.
pub const VERSION: u32 = 1;

/// The source files, in the order they are concatenated.
pub const FILES: [&str; 6] =
    ["loc.tsv", "org.tsv", "per_first.tsv", "per_surname.tsv", "per_first_ambiguous.tsv", "per_surname_ambiguous.tsv"];

/// At most this many tokens in one form ("Государственная пограничная
/// охрана Латвийской Республики" is 5 words; hyphens and dots are tokens).
pub const MAX_TOKENS: usize = 16;

/// Header word indices.
pub mod header {
    pub const VERSION: usize = 0;
    pub const NENTRIES: usize = 1;
    pub const NIDS: usize = 2;
    pub const LOWER_HEADS: usize = 3;
    pub const ENTRIES_AT: usize = 4;
    pub const IDS_AT: usize = 5;
    pub const TABLE_AT: usize = 6;
    pub const LEN: usize = 7;
}

/// Words per entry.
pub const ENTRY_WORDS: usize = 5;

pub struct Compiled {
    pub strings: String,
    pub blob: Vec<u8>,
}

/// Compiles the texts of [`FILES`] (in that order).
pub fn compile(texts: [&str; 6]) -> Compiled {
    let strings: String = texts.concat();
    let s = strings.as_str();
    let mut parts = [""; 6];
    let mut at = 0;
    for (part, t) in parts.iter_mut().zip(&texts) {
        *part = &s[at..at + t.len()];
        at += t.len();
    }
    let blob = compile_parts(s, parts);
    Compiled { strings, blob }
}

/// [`compile`] over the six `parts` of `s`.
fn compile_parts<'s>(s: &'s str, parts: [&'s str; 6]) -> Vec<u8> {
    let [loc, org, per_first, per_surname, per_first_ambiguous, per_surname_ambiguous] = parts;
    // The offset of a slice of `s` in `s`.
    let off = |x: &str| (x.as_ptr() as usize - s.as_ptr() as usize) as u32;
    let mut entries: Vec<[u32; ENTRY_WORDS]> = Vec::new();
    let mut pairs: Vec<(&'s str, u32)> = Vec::new();
    let mut add = |canonical: &'s str, code: u32, aux: Option<&'s str>, forms: &'s str| {
        let id = entries.len() as u32;
        let (aoff, alen) = aux.map_or((0, 0), |a| (off(a), a.len() as u32));
        entries.push([off(canonical), canonical.len() as u32, code, aoff, alen]);
        for f in forms.split('|').map(str::trim).filter(|f| !f.is_empty()) {
            pairs.push((f, id));
        }
        if !forms.split('|').any(|f| f.trim() == canonical) {
            pairs.push((canonical, id));
        }
    };
    let lang = |l: &str| match l {
        "ru" => 0,
        "en" => 1,
        _ => 2,
    };
    for cols in rows(loc) {
        if let [canonical, l, kind, country, forms] = cols[..] {
            let kind = match kind {
                "country" => 0,
                "region" => 1,
                "city" => 2,
                _ => 3,
            };
            let country = (country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase())).then_some(country);
            add(canonical, lang(l) | kind << 8, country, forms);
        }
    }
    for cols in rows(org) {
        if let [canonical, l, acronym, forms] = cols[..] {
            let acronym = (acronym != "-" && !acronym.is_empty()).then_some(acronym);
            add(canonical, lang(l) | 1 << 4, acronym, forms);
        }
    }
    for (text, ambiguous) in [(per_first, 0), (per_first_ambiguous, 1)] {
        for cols in rows(text) {
            if let [canonical, l, gender, forms] = cols[..] {
                let gender = u32::from(gender.bytes().next().unwrap_or(b'u'));
                add(canonical, lang(l) | 2 << 4 | gender << 16 | ambiguous << 24, None, forms);
            }
        }
    }
    for (text, ambiguous) in [(per_surname, 0), (per_surname_ambiguous, 1)] {
        for cols in rows(text) {
            if let [canonical, l, forms] = cols[..] {
                add(canonical, lang(l) | 3 << 4 | ambiguous << 24, None, forms);
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();

    // Keys: every form (its ids) and every first word of a form (the
    // token counts of the forms it starts); a one-word form is both.
    let mut ids: Vec<u32> = Vec::with_capacity(pairs.len());
    let mut keys: Vec<(u32, u32)> = Vec::new();
    let mut values: Vec<[u32; 3]> = Vec::new();
    let mut index: std::collections::HashMap<&'s str, usize> = std::collections::HashMap::new();
    let mut key = |k: &'s str, keys: &mut Vec<(u32, u32)>, values: &mut Vec<[u32; 3]>| {
        *index.entry(k).or_insert_with(|| {
            keys.push((off(k), k.len() as u32));
            values.push([0; 3]);
            keys.len() - 1
        })
    };
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
        let f = key(form, &mut keys, &mut values);
        values[f][0] = start;
        values[f][1] = ids.len() as u32;
        lower_heads |= starts_lower(head);
        let h = key(head, &mut keys, &mut values);
        values[h][2] |= 1 << (ntok - 1);
    }

    let mut blob = Vec::new();
    let push = |blob: &mut Vec<u8>, w: u32| blob.extend_from_slice(&w.to_le_bytes());
    let entries_at = header::LEN;
    let ids_at = entries_at + entries.len() * ENTRY_WORDS;
    let table_at = ids_at + ids.len();
    for w in [
        VERSION,
        entries.len() as u32,
        ids.len() as u32,
        u32::from(lower_heads),
        entries_at as u32,
        ids_at as u32,
        table_at as u32,
    ] {
        push(&mut blob, w);
    }
    for w in entries.iter().flatten().chain(&ids) {
        push(&mut blob, *w);
    }
    let flat: Vec<u32> = values.iter().flatten().copied().collect();
    table::write(&mut blob, s, &keys, 3, &flat);
    blob
}

/// The first word of a form and its token count; `None` for forms that
/// cannot match (no leading letter, too long).
fn shape(form: &str) -> Option<(&str, usize)> {
    let toks = tokenize(form);
    let first = toks.first()?;
    if first.kind != TokKind::Word || toks.len() > MAX_TOKENS {
        return None;
    }
    Some((first.text(form), toks.len()))
}

/// The word's first character is a lower-case letter.
#[inline]
pub fn starts_lower(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(&b) if b < 0x80 => b.is_ascii_lowercase(),
        _ => w.chars().next().is_some_and(char::is_lowercase),
    }
}
