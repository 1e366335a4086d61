//! Holidays: names from `data/holidays.tsv` and the date each falls on in a
//! given year (fixed days, n-th weekdays, Western and Orthodox Easter).
//!
//! Matching is word by word on the shared tokens, case-insensitive, with an
//! apostrophe-s optional ("new years eve") and a "." after "st" allowed.
//! Choosing the year (explicit, "next", or the anchor's) is the parser's
//! job; this module only says which holiday a phrase names and when it is.

use crate::extract::lexicon::{FnvMap, HOLIDAYS, expand_braces, lower_into, normalize};
use crate::token::{TokKind, Token};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Base {
    Fixed(i8, i8),
    /// Month, weekday (1 = Monday), n (-1 = last).
    Nth(i8, u8, i8),
    Easter,
    Orthodox,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    base: Base,
    offset: i16,
}

impl Rule {
    /// The holiday's date in year `y`.
    pub fn date(&self, y: i16) -> Option<Date> {
        let d = match self.base {
            Base::Fixed(m, d) => Date::new(y, m, d).ok()?,
            Base::Nth(m, wd, n) => Date::new(y, m, 1)
                .ok()?
                .nth_weekday_of_month(n, Weekday::from_monday_one_offset(wd as i8).ok()?)
                .ok()?,
            Base::Easter => western_easter(y)?,
            Base::Orthodox => orthodox_easter(y)?,
        };
        d.checked_add((self.offset as i64).days()).ok()
    }
}

struct Holiday {
    words: Vec<String>,
    rule: Rule,
}

pub struct Holidays {
    list: Vec<Holiday>,
    by_first: FnvMap<String, Vec<usize>>,
}

impl Holidays {
    pub fn get() -> &'static Holidays {
        static H: OnceLock<Holidays> = OnceLock::new();
        H.get_or_init(Holidays::load)
    }

    fn load() -> Holidays {
        let mut list = Vec::new();
        let mut by_first: FnvMap<String, Vec<usize>> = FnvMap::default();
        for (n, line) in HOLIDAYS.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split_whitespace();
            let rule = cols.next().and_then(parse_rule).unwrap_or_else(|| panic!("holidays.tsv:{}: bad rule", n + 1));
            let phrases = cols.skip(1).collect::<Vec<_>>().join(" ");
            for phrase in expand_braces(&phrases) {
                let words: Vec<String> = phrase
                    .split_whitespace()
                    .map(|w| normalize(&w.replace(['\'', '’', '.'], "")))
                    .filter(|w| !w.is_empty())
                    .collect();
                let Some(first) = words.first() else { continue };
                by_first.entry(first.clone()).or_default().push(list.len());
                list.push(Holiday { words, rule });
            }
        }
        Holidays { list, by_first }
    }

    /// The longest holiday name starting at token `i`: its rule and the
    /// token index past it.
    pub fn at(&self, text: &str, toks: &[Token], i: usize) -> Option<(Rule, usize)> {
        let mut buf = [0u8; 64];
        let first = word_at(text, toks, i, &mut buf)?.0;
        let cands = self.by_first.get(first)?;
        let mut best: Option<(Rule, usize)> = None;
        'h: for &hi in cands {
            let h = &self.list[hi];
            let mut k = i;
            for w in &h.words {
                let mut b = [0u8; 64];
                let Some((got, next)) = word_at(text, toks, k, &mut b) else { continue 'h };
                if got != w.as_str() {
                    continue 'h;
                }
                k = next;
            }
            if best.is_none_or(|(_, e)| k > e) {
                best = Some((h.rule, k));
            }
        }
        best
    }
}

/// The word at token `i`, lower-cased, with a glued "'s" folded in
/// ("year's" → "years") and a glued "." skipped; and the index past it.
fn word_at<'b>(text: &str, toks: &[Token], i: usize, buf: &'b mut [u8; 64]) -> Option<(&'b str, usize)> {
    let t = toks.get(i).filter(|t| t.kind == TokKind::Word)?;
    let mut end = i + 1;
    let apos = |k: usize| toks.get(k).is_some_and(|a| a.glued() && matches!(a.text(text), "'" | "’"));
    let s_tok = |k: usize| toks.get(k).is_some_and(|a| a.glued() && a.text(text) == "s");
    let w = t.text(text);
    let folded;
    let word = if apos(end) && s_tok(end + 1) {
        end += 2;
        folded = format!("{w}s");
        folded.as_str()
    } else {
        w
    };
    if toks.get(end).is_some_and(|d| d.glued() && d.text(text) == ".")
        && matches!(word, "st" | "St" | "ST" | "jr" | "Jr")
    {
        end += 1;
    }
    // Hyphenated names ("x-mas") are not listed; "'" alone after a plural
    // ("presidents' day") is skipped.
    if apos(end) && !s_tok(end + 1) && word.ends_with(['s', 'S']) {
        end += 1;
    }
    let l = lower_into(word, buf)?;
    Some((l, end))
}

fn parse_rule(s: &str) -> Option<Rule> {
    let (kind, rest) = s.split_once(':')?;
    // A trailing "+K" offset ("nth:11-4-4+1").
    let (spec, extra) = match rest.rfind('+') {
        Some(p) if kind != "easter" && kind != "orthodox" => (&rest[..p], rest[p + 1..].parse::<i16>().ok()?),
        _ => (rest, 0),
    };
    let base = match kind {
        "fixed" => {
            let (m, d) = spec.split_once('-')?;
            Base::Fixed(m.parse().ok()?, d.parse().ok()?)
        }
        "nth" => {
            let mut it = spec.splitn(3, '-');
            let m = it.next()?.parse().ok()?;
            let wd = it.next()?.parse().ok()?;
            let n = it.next()?.parse().ok()?;
            Base::Nth(m, wd, n)
        }
        "easter" => return Some(Rule { base: Base::Easter, offset: rest.parse().ok()? }),
        "orthodox" => return Some(Rule { base: Base::Orthodox, offset: rest.parse().ok()? }),
        _ => return None,
    };
    Some(Rule { base, offset: extra })
}

/// Gregorian Easter Sunday (the anonymous Gregorian computus).
fn western_easter(y: i16) -> Option<Date> {
    let y32 = y as i32;
    let a = y32 % 19;
    let b = y32 / 100;
    let c = y32 % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(y, month as i8, day as i8).ok()
}

/// Orthodox Easter Sunday: the Julian computus, moved to the Gregorian
/// calendar (13 days in 1900–2099, the years press releases talk about).
fn orthodox_easter(y: i16) -> Option<Date> {
    let y32 = y as i32;
    let a = y32 % 4;
    let b = y32 % 7;
    let c = y32 % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let shift = if (1900..2100).contains(&y) { 13 } else { (y32 / 100 - y32 / 400 - 2) as i64 };
    Date::new(y, month as i8, day as i8).ok()?.checked_add(shift.days()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn date_of(name: &str, y: i16) -> Option<String> {
        let toks = tokenize(name);
        let (rule, end) = Holidays::get().at(name, &toks, 0)?;
        assert_eq!(end, toks.len(), "{name}");
        rule.date(y).map(|d| d.to_string())
    }

    #[test]
    fn computed_dates() {
        assert_eq!(western_easter(2013).unwrap().to_string(), "2013-03-31");
        assert_eq!(western_easter(2018).unwrap().to_string(), "2018-04-01");
        assert_eq!(orthodox_easter(2017).unwrap().to_string(), "2017-04-16");
        assert_eq!(orthodox_easter(2013).unwrap().to_string(), "2013-05-05");
        assert_eq!(date_of("Thanksgiving", 2016).as_deref(), Some("2016-11-24"));
        assert_eq!(date_of("black friday", 2017).as_deref(), Some("2017-11-24"));
        assert_eq!(date_of("MLK day", 2013).as_deref(), Some("2013-01-21"));
        assert_eq!(date_of("Memorial Day", 2017).as_deref(), Some("2017-05-29"));
        assert_eq!(date_of("new years eve", 2013).as_deref(), Some("2013-12-31"));
        assert_eq!(date_of("New Year's Eve", 2013).as_deref(), Some("2013-12-31"));
        assert_eq!(date_of("St. Patrick's Day", 2013).as_deref(), Some("2013-03-17"));
        assert_eq!(date_of("whit monday", 2013).as_deref(), Some("2013-05-20"));
        assert_eq!(date_of("Днём Победы", 2017).as_deref(), Some("2017-05-09"));
        assert_eq!(date_of("Пасху", 2017).as_deref(), Some("2017-04-16"));
        assert_eq!(date_of("presidents' day", 2013).as_deref(), Some("2013-02-18"));
    }
}
