//! Exact decimals (`mant × 10^exp`) for amounts and number words.
//!
//! A leaf module: the lexicon (number words in `data/number_words.tsv`
//! carry their value as a `Dec`) and the number parser both use it, so it
//! lives apart from both and neither imports the other for it (issue 15:
//! `lexicon.rs` and `number.rs` used to import each other). It does not
//! parse text; `number.rs` does.

/// An exact decimal: `mant × 10^exp`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dec {
    pub mant: u64,
    pub exp: i8,
}

impl Dec {
    pub const fn int(n: u64) -> Dec {
        Dec { mant: n, exp: 0 }
    }

    /// Parses "40", "1.5", "0.25" (data files, tests).
    pub fn parse(s: &str) -> Option<Dec> {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut mant = 0u64;
        for b in int.bytes().chain(frac.bytes()) {
            mant = mant.checked_mul(10)?.checked_add((b - b'0') as u64)?;
        }
        Some(Dec { mant, exp: -(frac.len() as i8) }.norm())
    }

    /// Strips trailing zeros of a fraction ("20.0" → 20).
    fn norm(mut self) -> Dec {
        while self.exp < 0 && self.mant.is_multiple_of(10) && self.mant != 0 {
            self.mant /= 10;
            self.exp += 1;
        }
        if self.mant == 0 {
            self.exp = 0;
        }
        self
    }

    /// × 10^e.
    pub fn pow10(self, e: i8) -> Option<Dec> {
        let exp = self.exp.checked_add(e)?;
        if !(-18..=18).contains(&exp) {
            return None;
        }
        Some(Dec { mant: self.mant, exp }.norm())
    }

    /// The mantissa at exponent `exp` (≤ self.exp), if it fits.
    fn at_exp(self, exp: i8) -> Option<u64> {
        let shift = (self.exp - exp) as u32;
        self.mant.checked_mul(10u64.checked_pow(shift)?)
    }

    pub fn plus(self, o: Dec) -> Option<Dec> {
        let exp = self.exp.min(o.exp);
        Some(Dec { mant: self.at_exp(exp)?.checked_add(o.at_exp(exp)?)?, exp }.norm())
    }

    pub fn is_zero(self) -> bool {
        self.mant == 0
    }

    /// The value as an integer, when it is one.
    pub fn as_u64(self) -> Option<u64> {
        if self.exp >= 0 { self.at_exp(0) } else { None }
    }

    /// The nearest f64: an integer multiple or an exact integer divided by
    /// an exact power of ten, so 3.14 prints as 3.14.
    pub fn to_f64(self) -> f64 {
        if self.exp >= 0 {
            match self.at_exp(0) {
                Some(n) => n as f64,
                None => self.mant as f64 * 10f64.powi(self.exp as i32),
            }
        } else {
            self.mant as f64 / 10f64.powi(-(self.exp as i32))
        }
    }

    /// Orders two values (both are small enough to compare as f64 exactly
    /// for the magnitudes found in text).
    pub fn lt(self, o: Dec) -> bool {
        self.to_f64() < o.to_f64()
    }
}
