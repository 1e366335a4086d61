//! Numbers in text: digits with every grouping, scale words, and numbers in
//! words, read from the shared tokens into exact decimals.
//!
//! - Digits: "1 500 000" (space, no-break space, thin space), "1,500,000",
//!   "1.500.000", "12,34,567.89", decimals "40,8" and "1.5", mixed
//!   "1.234,56" / "1,234.56". A lone separator followed by exactly three
//!   digits is ambiguous ("20.000", "1,500"): see [`digits`] for the rule.
//! - Scale words after a number: "тыс.", "млн", "миллионов", "million",
//!   "bn", and the glued abbreviations "5m", "5K", "5bn".
//! - Number words: "пять миллионов", "сорок восемь", "полтора", "two
//!   million", "twenty-five", "one hundred and twenty".
//! - Ordinal words that make a day of the month: "тридцать первое",
//!   "twenty-first".
//!
//! Values are [`Dec`] (mantissa × 10^exp), so "40,8 млн" is exactly
//! 40800000, not 40799999.99999999. This module does not decide what a
//! number means (an amount, a day, a year): the extractors do.

use crate::document::Lang;
pub use crate::extract::dec::Dec;
use crate::extract::lexicon::Lexicon;
use crate::token::{TokKind, Token};

/// A number written in digits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub value: Dec,
    /// Token index just past the number.
    pub end: usize,
    /// One plain run of digits (no separator).
    pub plain: bool,
    /// Digits before the decimal separator (all groups).
    pub int_digits: u32,
}

/// Whether the bytes between two tokens are exactly one group separator
/// space (space, no-break space, narrow no-break space, thin space).
fn group_space(text: &str, a: &Token, b: &Token) -> bool {
    matches!(text.get(a.span.end..b.span.start), Some(" " | "\u{a0}" | "\u{202f}" | "\u{2009}"))
}

/// Value of a run of ASCII digits (≤ 18 of them).
pub fn digits_value(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 18 {
        return None;
    }
    let mut n = 0u64;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + (b - b'0') as u64;
    }
    Some(n)
}

/// Reads a number in digits starting at token `i` (a `Num` token).
///
/// Grouping and decimals: both "," and "." present → the last one is the
/// decimal separator; the same separator repeated → grouping (groups of 3,
/// or 2 in Indian "12,34,567"); spaces → grouping (first group 1–3 digits,
/// then groups of 3). A lone separator is decimal unless exactly three
/// digits follow, then: "," groups thousands when `comma_groups` (English
/// text, or after "$"/"£"), else it is decimal (Russian "1,500 млн"); "."
/// groups thousands in Russian text ("20.000 руб.") unless a scale word
/// follows ("1.500 млн"), and is decimal otherwise.
pub fn digits(text: &str, toks: &[Token], i: usize, lang: Lang, comma_groups: bool) -> Option<Number> {
    let first = toks.get(i).filter(|t| t.kind == TokKind::Num)?;
    // (separator, token index of the group after it)
    let mut seps: [(u8, usize); 8] = [(0, 0); 8];
    let mut n = 0usize;
    let mut j = i;
    while n < seps.len() {
        let (Some(t1), Some(t2)) = (toks.get(j + 1), toks.get(j + 2)) else {
            // A space-grouped last group may be the very last token.
            if let Some(t1) = toks.get(j + 1)
                && t1.kind == TokKind::Num
                && t1.span.len() == 3
                && group_space(text, &toks[j], t1)
            {
                seps[n] = (b' ', j + 1);
                n += 1;
                j += 1;
                continue;
            }
            break;
        };
        let p = t1.text(text);
        if t1.kind == TokKind::Punct && (p == "," || p == ".") && t1.glued() && t2.kind == TokKind::Num && t2.glued() {
            seps[n] = (p.as_bytes()[0], j + 2);
            n += 1;
            j += 2;
        } else if t1.kind == TokKind::Num
            && t1.span.len() == 3
            && group_space(text, &toks[j], t1)
            && first.span.len() <= 3
            && seps[..n].iter().all(|s| s.0 == b' ')
        {
            seps[n] = (b' ', j + 1);
            n += 1;
            j += 1;
        } else {
            break;
        }
    }
    let seps = &seps[..n];
    let glen = |k: usize| toks[seps[k].1].span.len();
    let one = |end| {
        let v = digits_value(first.text(text))?;
        Some(Number { value: Dec::int(v), end, plain: true, int_digits: first.span.len() as u32 })
    };
    if seps.is_empty() {
        return one(i + 1);
    }
    // Which separator is decimal (index into seps), if any.
    let has = |c: u8| seps.iter().any(|s| s.0 == c);
    let last = seps[n - 1].0;
    let mut decimal: Option<usize> = None;
    let mut groups_end = n; // seps[..groups_end] are grouping separators
    if last != b' ' && (has(b' ') || (has(b',') && has(b'.'))) {
        // "1 500,5", "1,234.56", "1.234,56": the last separator is decimal.
        decimal = Some(n - 1);
        groups_end = n - 1;
    } else if last != b' ' && n == 1 {
        let after = toks.get(seps[0].1 + 1);
        let scale_follows =
            after.is_some_and(|t| scale_at(text, toks, Lexicon::get(), seps[0].1 + 1, false).is_some() && !t.glued());
        let grouping = glen(0) == 3
            && match last {
                b',' => comma_groups,
                _ => lang == Lang::Ru && !scale_follows,
            };
        if !grouping {
            decimal = Some(0);
            groups_end = 0;
        }
    } else if last != b' ' && seps.iter().any(|s| s.0 != last) {
        return one(i + 1);
    }
    // Validate the grouping: first group 1–3 digits, then 3 (Indian commas:
    // 2-digit groups followed by a final 3-digit group).
    if groups_end > 0 {
        if first.span.len() > 3 {
            return one(i + 1);
        }
        for (k, sep) in seps[..groups_end].iter().enumerate() {
            let l = toks[sep.1].span.len();
            let indian = sep.0 == b',' && l == 2 && k + 1 < groups_end;
            if l != 3 && !indian {
                return one(i + 1);
            }
        }
        if seps[..groups_end].iter().any(|s| s.0 != seps[0].0) {
            return one(i + 1);
        }
    }
    let mut mant = digits_value(first.text(text))?;
    let mut int_digits = first.span.len() as u32;
    for sep in &seps[..groups_end] {
        let g = toks[sep.1].text(text);
        mant = mant.checked_mul(10u64.checked_pow(g.len() as u32)?)?.checked_add(digits_value(g)?)?;
        int_digits += g.len() as u32;
    }
    let mut value = Dec::int(mant);
    if let Some(d) = decimal {
        let g = toks[seps[d].1].text(text);
        let frac = Dec { mant: digits_value(g)?, exp: -(g.len() as i8) };
        value = value.plus(frac)?;
    }
    Some(Number { value, end: j + 1, plain: false, int_digits })
}

/// A scale word or abbreviation at token `j`: its power of ten and the
/// token index past it. The "." of "тыс."/"млн." is not taken: it may end
/// the sentence ("$27 млн."); the caller takes it when the amount goes on
/// ("2,2 млн.руб."). The single letters "k", "m", "b" (and "K", "M",
/// "B") count only when `glued` (written right after the number: "5m",
/// "$5K").
pub fn scale_at(text: &str, toks: &[Token], lex: &Lexicon, j: usize, glued: bool) -> Option<(u8, usize)> {
    let t = toks.get(j).filter(|t| t.kind == TokKind::Word)?;
    let w = t.text(text);
    let scale = if let Some(e) = lex.lookup(w).filter(|e| e.scale != 0 && !e.half) {
        e.scale
    } else {
        match w {
            "mn" | "mln" | "MM" | "Mn" | "Mln" => 6,
            "bn" | "bln" | "Bn" | "BN" => 9,
            "tn" | "trn" | "Tn" => 12,
            // Latin or Cyrillic k: "$5k", "5К$", "50к руб."
            "k" | "K" | "к" | "К" if glued => 3,
            "m" | "M" if glued => 6,
            "b" | "B" if glued => 9,
            _ => return None,
        }
    };
    Some((scale, j + 1))
}

/// A number in words starting at token `i`: "пять миллионов", "сорок
/// восемь", "полтора", "two million", "twenty-five", "one hundred and
/// twenty", "a million" (when `i` is "a"). Returns the value, the token
/// index past it, and the power of ten of the last scale word (0: none).
pub fn words(text: &str, toks: &[Token], lex: &Lexicon, i: usize) -> Option<(Dec, usize, u8)> {
    #[derive(PartialEq, Clone, Copy)]
    enum Last {
        None,
        Unit,
        Teen,
        Ten,
        Hundred,
        Frac,
        Scale,
    }
    let mut total = Dec::int(0);
    let mut cur = 0u64;
    let mut frac: Option<Dec> = None;
    let mut last = Last::None;
    let mut last_scale = u8::MAX;
    let mut any = false;
    let mut end = i;
    let mut j = i;
    // "a million", "an hundred": the article stands for one.
    if let Some(t) = toks.get(j) {
        let w = t.text(text);
        if matches!(w, "a" | "A" | "an" | "An") {
            let next = toks.get(j + 1).and_then(|n| lex.lookup(n.text(text)));
            if next.is_some_and(|e| e.scale != 0 || e.hundred) {
                cur = 1;
                last = Last::Unit;
                j += 1;
            } else {
                return None;
            }
        }
    }
    // The words of tokens j, j+1, … equal `ws` (ASCII case-insensitive;
    // Russian words are matched as written in lower case).
    let words_at = |j: usize, ws: &[&str]| {
        ws.iter().enumerate().all(|(k, w)| {
            toks.get(j + k).is_some_and(|t| t.kind == TokKind::Word && t.text(text).eq_ignore_ascii_case(w))
        })
    };
    // "half a million": a half of the scale word that follows.
    if words_at(j, &["half", "a"])
        && toks.get(j + 2).and_then(|n| lex.lookup(n.text(text))).is_some_and(|e| e.scale != 0)
    {
        frac = Some(Dec { mant: 5, exp: -1 });
        last = Last::Frac;
        any = true;
        j += 2;
        end = j;
    }
    while let Some(t) = toks.get(j) {
        if t.kind == TokKind::Word {
            let w = t.text(text);
            // "два с половиной миллиона", "two and a half million": a half
            // added to the group before it.
            if cur != 0 && frac.is_none() && total.is_zero() {
                let n = if words_at(j, &["с", "половиной"]) {
                    2
                } else if words_at(j, &["and", "a", "half"]) {
                    3
                } else {
                    0
                };
                if n != 0 {
                    frac = Some(Dec::int(cur).plus(Dec { mant: 5, exp: -1 })?);
                    cur = 0;
                    last = Last::Frac;
                    j += n;
                    end = j;
                    continue;
                }
            }
            // "one hundred and twenty", "two thousand and fifteen"
            if w == "and" && matches!(last, Last::Hundred | Last::Scale) {
                let next = toks.get(j + 1).and_then(|n| lex.lookup(n.text(text)));
                if next.is_some_and(|e| e.card.is_some_and(|c| c.as_u64().is_some_and(|v| v < 100))) {
                    j += 1;
                    continue;
                }
                break;
            }
            let Some(e) = lex.lookup(w) else { break };
            if let Some(c) = e.card {
                let Some(v) = c.as_u64() else {
                    // полтора, quarter: a whole group of its own.
                    if cur != 0 || frac.is_some() {
                        break;
                    }
                    frac = Some(c);
                    last = Last::Frac;
                    any = true;
                    j += 1;
                    end = j;
                    continue;
                };
                if frac.is_some() {
                    break;
                }
                match v {
                    100..=900 => {
                        if cur != 0 {
                            break;
                        }
                        cur = v;
                        last = Last::Hundred;
                    }
                    20..=90 => {
                        if !cur.is_multiple_of(100) {
                            break;
                        }
                        cur += v;
                        last = Last::Ten;
                    }
                    10..=19 => {
                        if !cur.is_multiple_of(100) {
                            break;
                        }
                        cur += v;
                        last = Last::Teen;
                    }
                    _ => {
                        if matches!(last, Last::Unit | Last::Teen) {
                            break;
                        }
                        cur += v;
                        last = Last::Unit;
                    }
                }
                any = true;
            } else if e.hundred {
                if last == Last::Hundred || cur >= 100 {
                    break;
                }
                cur = cur.max(1) * 100;
                last = Last::Hundred;
                any = true;
            } else if e.scale != 0 {
                if e.scale >= last_scale || (e.half && (any || frac.is_some())) {
                    break;
                }
                let group = match frac {
                    // "полмиллиона": a half of the scale, a group of its own.
                    _ if e.half => Dec { mant: 5, exp: -1 },
                    Some(f) => f,
                    None if cur == 0 => {
                        // A bare scale word counts as one only in the singular
                        // ("миллион долларов"), not "миллионы долларов".
                        if !any && !is_singular_scale(w) && last == Last::None {
                            break;
                        }
                        Dec::int(1)
                    }
                    None => Dec::int(cur),
                };
                total = total.plus(group.pow10(e.scale as i8)?)?;
                cur = 0;
                frac = None;
                last = Last::Scale;
                last_scale = e.scale;
                any = true;
            } else {
                break;
            }
            j += 1;
            end = j;
        } else if t.kind == TokKind::Punct && last == Last::Ten && t.glued() && t.text(text) == "-" {
            // "twenty-five"
            let next = toks.get(j + 1).filter(|n| n.glued());
            let unit = next.and_then(|n| lex.lookup(n.text(text))).and_then(|e| e.card).and_then(|c| c.as_u64());
            if unit.is_some_and(|v| (1..10).contains(&v)) {
                j += 1;
                continue;
            }
            break;
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    let mut value = total.plus(Dec::int(cur))?;
    if let Some(f) = frac {
        value = value.plus(f)?;
    }
    let scale = if last_scale == u8::MAX { 0 } else { last_scale };
    Some((value, end, scale))
}

fn is_singular_scale(w: &str) -> bool {
    let l = w.to_lowercase();
    matches!(
        l.as_str(),
        "тысяча"
            | "тысячу"
            | "миллион"
            | "миллиона"
            | "миллиард"
            | "миллиарда"
            | "триллион"
            | "триллиона"
    )
}

/// An ordinal in words that can be a day of the month: "первое",
/// "тридцать первого", "третьему", "twenty-first", "twenty first",
/// "thirtieth". Returns the value (1–31) and the token index past it.
pub fn ordinal_words(text: &str, toks: &[Token], lex: &Lexicon, i: usize) -> Option<(u8, usize)> {
    let t = toks.get(i).filter(|t| t.kind == TokKind::Word)?;
    let e = lex.lookup(t.text(text))?;
    if e.ord != 0 && e.card.is_none() {
        return Some((e.ord, i + 1)).filter(|&(v, _)| v <= 31);
    }
    let tens = e.card.and_then(|c| c.as_u64()).filter(|v| *v == 20 || *v == 30)?;
    // "twenty-first" or "twenty first"
    let mut j = i + 1;
    if toks.get(j).is_some_and(|t| t.is_punct(text, '-') && t.glued()) {
        j += 1;
    }
    let u = toks.get(j).filter(|t| t.kind == TokKind::Word).and_then(|t| lex.lookup(t.text(text)))?;
    if (1..10).contains(&u.ord) && tens + u.ord as u64 <= 31 {
        return Some((tens as u8 + u.ord, j + 1));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn num(text: &str, lang: Lang, comma: bool) -> Option<(f64, String)> {
        let toks = tokenize(text);
        let n = digits(text, &toks, 0, lang, comma)?;
        let end = toks[n.end - 1].span.end;
        Some((n.value.to_f64(), text[..end].to_owned()))
    }

    #[test]
    fn groupings() {
        assert_eq!(num("1 500 000 руб", Lang::Ru, false), Some((1_500_000.0, "1 500 000".into())));
        assert_eq!(num("1\u{a0}500\u{a0}000", Lang::Ru, false), Some((1_500_000.0, "1\u{a0}500\u{a0}000".into())));
        assert_eq!(num("1\u{202f}500", Lang::Ru, false), Some((1500.0, "1\u{202f}500".into())));
        assert_eq!(num("1,500,000", Lang::En, true), Some((1_500_000.0, "1,500,000".into())));
        assert_eq!(num("1.500.000", Lang::Ru, false), Some((1_500_000.0, "1.500.000".into())));
        assert_eq!(num("40,8 млн", Lang::Ru, false), Some((40.8, "40,8".into())));
        assert_eq!(num("1.5 million", Lang::En, true), Some((1.5, "1.5".into())));
        assert_eq!(num("1,234.56", Lang::En, true), Some((1234.56, "1,234.56".into())));
        assert_eq!(num("1.234,56", Lang::Ru, false), Some((1234.56, "1.234,56".into())));
        assert_eq!(num("1 500,5", Lang::Ru, false), Some((1500.5, "1 500,5".into())));
        assert_eq!(num("12,34,567.89", Lang::En, true), Some((1234567.89, "12,34,567.89".into())));
        assert_eq!(num("20.000 руб.", Lang::Ru, false), Some((20000.0, "20.000".into())));
        assert_eq!(num("1.500 млн", Lang::Ru, false), Some((1.5, "1.500".into())));
        assert_eq!(num("1,500 млн", Lang::Ru, false), Some((1.5, "1,500".into())));
        assert_eq!(num("2017 150", Lang::Ru, false), Some((2017.0, "2017".into())));
        assert_eq!(num("13.09.2017", Lang::Ru, false), Some((13.0, "13".into())));
        assert_eq!(num("3.25", Lang::En, true), Some((3.25, "3.25".into())));
    }

    #[test]
    fn decimal_arithmetic_is_exact() {
        let v = Dec::parse("40.8").unwrap().pow10(6).unwrap();
        assert_eq!(v.as_u64(), Some(40_800_000));
        assert_eq!(v.to_f64(), 40_800_000.0);
        assert_eq!(Dec::parse("20.0").unwrap(), Dec::int(20));
        assert_eq!(Dec::int(20).plus(Dec::parse("0.43").unwrap()).unwrap().to_f64(), 20.43);
    }

    fn w(text: &str) -> Option<(f64, String)> {
        let toks = tokenize(text);
        let (v, end, _) = words(text, &toks, Lexicon::get(), 0)?;
        Some((v.to_f64(), text[..toks[end - 1].span.end].to_owned()))
    }

    #[test]
    fn number_words() {
        assert_eq!(w("пять миллионов рублей"), Some((5e6, "пять миллионов".into())));
        assert_eq!(w("сорок восемь"), Some((48.0, "сорок восемь".into())));
        assert_eq!(w("двести тридцать пять тысяч"), Some((235000.0, "двести тридцать пять тысяч".into())));
        assert_eq!(w("полтора миллиона долларов"), Some((1.5e6, "полтора миллиона".into())));
        assert_eq!(w("миллион долларов"), Some((1e6, "миллион".into())));
        assert_eq!(w("миллионы долларов"), None);
        assert_eq!(w("two million dollars"), Some((2e6, "two million".into())));
        assert_eq!(w("twenty-five"), Some((25.0, "twenty-five".into())));
        assert_eq!(w("one hundred and twenty"), Some((120.0, "one hundred and twenty".into())));
        assert_eq!(w("a million"), Some((1e6, "a million".into())));
        assert_eq!(w("quarter million"), Some((250000.0, "quarter million".into())));
        assert_eq!(w("two three"), Some((2.0, "two".into())));
        assert_eq!(w("five lakhs"), Some((500000.0, "five lakhs".into())));
    }

    #[test]
    fn ordinals() {
        let l = Lexicon::get();
        for (t, v) in
            [("тридцать первое", 31), ("третьего", 3), ("twenty-first", 21), ("twenty second", 22), ("first", 1)]
        {
            let toks = tokenize(t);
            let (got, end) = ordinal_words(t, &toks, l, 0).unwrap();
            assert_eq!((got, end), (v, toks.len()), "{t}");
        }
    }
}
