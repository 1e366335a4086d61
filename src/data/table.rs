//! A read-only string-keyed hash table laid out in a byte blob: written by
//! `build.rs` (through [`write()`]) and read in place at run time, so a
//! table of 10^5–10^6 keys costs nothing to "load".
//!
//! Layout, every number a little-endian `u32` word:
//!
//! ```text
//! [nslots, nkeys, width]
//! slots: nslots × [key index + 1 (0 = empty), hash fragment]
//! keys:  nkeys  × [string offset, string length, value_0 .. value_width-1]
//! ```
//!
//! Keys are byte ranges of one string blob kept beside the table (so they
//! borrow the embedded text); open addressing with linear probing at a
//! load factor below 1/2; the 32-bit hash fragment in the slot rejects most
//! misses without touching the key. [`hash`] is fixed here (not `std`'s
//! `Hasher`, which may change between builds of the standard library).
//!
//! It does not grow, delete or check its input beyond bounds: a damaged
//! blob reads as missing keys or zero values, never as a panic.

/// rustc's FxHash steps (multiply-rotate) over the 8-byte words of
/// `bytes` (the last one zero-padded), from state `h`: the one copy of the
/// scheme, also behind `extract::ner::fxhash` and `extract::lexicon`.
#[inline]
pub fn fx_words(mut h: u64, bytes: &[u8]) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(SEED);
    }
    h
}

/// The hash of a key: [`fx_words`] from its length, then a splitmix
/// finalizer so the low bits (the slot) are well mixed.
#[inline]
pub fn hash(key: &[u8]) -> u64 {
    let mut h = fx_words(key.len() as u64, key);
    h ^= h >> 31;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// Appends a table to `out`: `keys` are `(offset, length)` ranges of
/// `strings`, all distinct, each with `width` values (`values` holds them
/// key after key).
pub fn write(out: &mut Vec<u8>, strings: &str, keys: &[(u32, u32)], width: usize, values: &[u32]) {
    assert_eq!(keys.len() * width, values.len(), "table: one row of values per key");
    let nslots = (keys.len() * 2).next_power_of_two().max(2);
    let mut slots = vec![[0u32; 2]; nslots];
    for (i, &(off, len)) in keys.iter().enumerate() {
        let h = hash(&strings.as_bytes()[off as usize..(off + len) as usize]);
        let mut s = h as usize & (nslots - 1);
        while slots[s][0] != 0 {
            s = (s + 1) & (nslots - 1);
        }
        slots[s] = [i as u32 + 1, (h >> 32) as u32];
    }
    let mut push = |w: u32| out.extend_from_slice(&w.to_le_bytes());
    push(nslots as u32);
    push(keys.len() as u32);
    push(width as u32);
    for s in &slots {
        push(s[0]);
        push(s[1]);
    }
    for (i, &(off, len)) in keys.iter().enumerate() {
        push(off);
        push(len);
        for &v in &values[i * width..(i + 1) * width] {
            push(v);
        }
    }
}

/// The `i`-th word of `blob`, 0 past its end.
#[inline]
pub fn word(blob: &[u8], i: usize) -> u32 {
    match i.checked_mul(4).and_then(|s| blob.get(s..s.checked_add(4)?)) {
        Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
        None => 0,
    }
}

/// A table read in place from a blob written by [`write()`].
#[derive(Clone, Copy, Debug)]
pub struct Table<'a> {
    blob: &'a [u8],
    strings: &'a str,
    mask: usize,
    width: usize,
    /// Word index of the first key row.
    keys: usize,
    /// Words in the blob taken by this table.
    len: usize,
}

impl<'a> Table<'a> {
    /// The table at word `at` of `blob`, its keys in `strings`.
    pub fn at(blob: &'a [u8], at: usize, strings: &'a str) -> Table<'a> {
        let blob = blob.get(at * 4..).unwrap_or_default();
        let nslots = (word(blob, 0) as usize).max(1);
        let (nkeys, width) = (word(blob, 1) as usize, word(blob, 2) as usize);
        let keys = 3 + 2 * nslots;
        // A power of two from `write`; anything else reads as one slot.
        let mask = if nslots.is_power_of_two() { nslots - 1 } else { 0 };
        Table { blob, strings, mask, width, keys, len: keys.saturating_add(nkeys.saturating_mul(2 + width)) }
    }

    /// Words taken by the table (the next section of a blob starts after).
    pub fn words(&self) -> usize {
        self.len
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        word(self.blob, 1) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The row of `key`, if present.
    #[inline]
    pub fn get(&self, key: &str) -> Option<Row<'a>> {
        let h = hash(key.as_bytes());
        let (frag, mut s) = ((h >> 32) as u32, h as usize & self.mask);
        // At most every slot once: a damaged blob cannot loop forever.
        for _ in 0..=self.mask {
            let k = word(self.blob, 3 + 2 * s) as usize;
            if k == 0 {
                return None;
            }
            if word(self.blob, 4 + 2 * s) == frag {
                let row = self.row(k - 1);
                if row.key() == key {
                    return Some(row);
                }
            }
            s = (s + 1) & self.mask;
        }
        None
    }

    /// The `i`-th key's row (in the order given to [`write()`]).
    #[inline]
    pub fn row(&self, i: usize) -> Row<'a> {
        Row { blob: self.blob, strings: self.strings, at: self.keys.saturating_add(i.saturating_mul(2 + self.width)) }
    }
}

/// One key and its values.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    blob: &'a [u8],
    strings: &'a str,
    at: usize,
}

impl<'a> Row<'a> {
    /// The key ("" when its range is damaged).
    #[inline]
    pub fn key(&self) -> &'a str {
        let (off, len) = (word(self.blob, self.at) as usize, word(self.blob, self.at.saturating_add(1)) as usize);
        self.strings.get(off..off.saturating_add(len)).unwrap_or_default()
    }

    /// The `j`-th value.
    #[inline]
    pub fn value(&self, j: usize) -> u32 {
        word(self.blob, self.at.saturating_add(2 + j))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_tables_read_back() {
        let strings = "ЛатвияLondonНью-Йорк";
        let keys = [(0, 12), (12, 6), (18, 15)];
        let mut blob = vec![0xAA; 8]; // a table need not start the blob
        write(&mut blob, strings, &keys, 2, &[1, 2, 3, 4, 5, 6]);
        let t = Table::at(&blob, 2, strings);
        assert_eq!(t.len(), 3);
        assert_eq!(2 + t.words(), blob.len() / 4);
        let r = t.get("London").expect("London is a key");
        assert_eq!((r.key(), r.value(0), r.value(1)), ("London", 3, 4));
        assert_eq!(t.get("Нью-Йорк").map(|r| r.value(1)), Some(6));
        assert_eq!(t.get("Латвия").map(|r| r.value(0)), Some(1));
        assert!(t.get("Латви").is_none());
        assert!(t.get("").is_none());
    }

    #[test]
    fn empty_and_damaged_tables_find_nothing() {
        let mut blob = Vec::new();
        write(&mut blob, "", &[], 3, &[]);
        assert!(Table::at(&blob, 0, "").get("x").is_none());
        assert!(Table::at(&[], 0, "").get("x").is_none());
        let full = [u8::MAX; 64];
        assert!(Table::at(&full, 0, "abc").get("abc").is_none());
    }
}
