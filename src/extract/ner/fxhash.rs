//! A small, fast, non-cryptographic hasher for the NER look-up tables.
//!
//! The gazetteer and the word cache hash short strings millions of times
//! per corpus; the standard SipHash is built to resist hash flooding, which
//! these tables (filled from our own data and from the text's own words,
//! and bounded) do not need. This is the multiply-rotate scheme of rustc's
//! `FxHasher`, processing 8 bytes at a time.

use std::hash::{BuildHasherDefault, Hasher};

#[derive(Clone, Copy, Default)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.hash = crate::data::table::fx_words(self.hash, bytes);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxMap<K, V> = std::collections::HashMap<K, V, FxBuild>;
pub type FxSet<K> = std::collections::HashSet<K, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work() {
        let mut m: FxMap<&str, u32> = FxMap::default();
        for (i, w) in ["a", "bb", "Латвии", "Кыргызской Республике", ""].iter().enumerate() {
            m.insert(w, i as u32);
        }
        assert_eq!(m.get("Латвии"), Some(&2));
        assert_eq!(m.get(""), Some(&4));
        assert_eq!(m.get("Латвия"), None);
    }
}
