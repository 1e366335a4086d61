//! Holidays: names from `data/holidays.tsv` and the date each falls on in a
//! given year (fixed days, n-th weekdays, Western and Orthodox Easter, and
//! lunar and lunisolar holidays looked up in `data/lunar_holidays.tsv`);
//! multi-day holidays ("Passover", "Ramadan", "Lent") are ranges of days.
//!
//! Matching is word by word on the shared tokens, case-insensitive, with an
//! apostrophe-s optional ("new years eve"), a "." after "st" allowed and a
//! hyphen between words skipped ("Eid al-Fitr", "Ураза-байрам"). A name
//! marked weak ("lent" is also a verb) needs a capital or a year.
//! Choosing the year (explicit, "next", or the anchor's) is the parser's
//! job; this module only says which holiday a phrase names and when it is.

use crate::extract::lexicon::{FnvMap, HOLIDAYS, expand_braces, lower_into, normalize};
use crate::token::{TokKind, Token};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use std::sync::OnceLock;

const LUNAR: &str = include_str!("../../../data/lunar_holidays.tsv");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Base {
    Fixed(i8, i8),
    /// A fixed day moved to the Saturday before when it is a Sunday
    /// (King's Day).
    FixedNotSunday(i8, i8),
    /// Month, weekday (1 = Monday), n (-1 = last).
    Nth(i8, u8, i8),
    Easter,
    Orthodox,
    /// Index of a table of `data/lunar_holidays.tsv`.
    Table(u16),
    /// Every 365 days from this date (the Shahenshahi Parsi New Year).
    Cycle365(Date),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    base: Base,
    offset: i16,
    /// The last day of a multi-day holiday.
    last: Option<(Base, i16)>,
}

/// The dates of the lunar tables, by table index.
fn tables() -> &'static (Vec<&'static str>, Vec<Vec<Date>>) {
    static T: OnceLock<(Vec<&'static str>, Vec<Vec<Date>>)> = OnceLock::new();
    T.get_or_init(|| {
        let (mut keys, mut dates) = (Vec::new(), Vec::new());
        for line in LUNAR.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let mut cols = line.split_whitespace();
            let Some(key) = cols.next() else { continue };
            let list: Vec<Date> = cols
                .filter_map(|d| {
                    let (y, m, dd) =
                        (d.get(..4)?.parse().ok()?, d.get(4..6)?.parse().ok()?, d.get(6..8)?.parse().ok()?);
                    Date::new(y, m, dd).ok()
                })
                .collect();
            keys.push(key);
            dates.push(list);
        }
        (keys, dates)
    })
}

fn base_date(base: Base, y: i16) -> Option<Date> {
    Some(match base {
        Base::Fixed(m, d) => Date::new(y, m, d).ok()?,
        Base::FixedNotSunday(m, d) => {
            let day = Date::new(y, m, d).ok()?;
            if day.weekday() == Weekday::Sunday { day.yesterday().ok()? } else { day }
        }
        Base::Nth(m, wd, n) => {
            Date::new(y, m, 1).ok()?.nth_weekday_of_month(n, Weekday::from_monday_one_offset(wd as i8).ok()?).ok()?
        }
        Base::Easter => western_easter(y)?,
        Base::Orthodox => orthodox_easter(y)?,
        Base::Table(t) => *tables().1.get(t as usize)?.iter().find(|d| d.year() == y)?,
        Base::Cycle365(d0) => {
            // The first date of the 365-day cycle that falls in year `y`.
            let days = Date::new(y, 1, 1).ok()?.since(d0).ok()?.get_days() as i64;
            let k = days.div_euclid(365) + i64::from(days.rem_euclid(365) != 0);
            let d = d0.checked_add((365 * k).days()).ok()?;
            if d.year() == y { d } else { return None }
        }
    })
}

impl Rule {
    /// The holiday's (first) date in year `y`.
    pub fn date(&self, y: i16) -> Option<Date> {
        base_date(self.base, y)?.checked_add((self.offset as i64).days()).ok()
    }

    /// The last day of a multi-day holiday that starts in year `y`.
    pub fn last(&self, y: i16) -> Option<Date> {
        let first = self.date(y)?;
        let Some((base, off)) = self.last else { return Some(first) };
        // The end rule may fall in the next year (a table's next entry).
        [y, y + 1]
            .into_iter()
            .filter_map(|yy| base_date(base, yy)?.checked_add((off as i64).days()).ok())
            .find(|d| *d >= first)
    }

    pub fn is_range(&self) -> bool {
        self.last.is_some()
    }
}

struct Holiday {
    words: Vec<String>,
    rule: Rule,
    /// Also a common word ("lent"): needs a capital or a year.
    weak: bool,
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
                let (weak, phrase) = match phrase.strip_prefix('!') {
                    Some(p) => (true, p.to_owned()),
                    None => (false, phrase),
                };
                let words: Vec<String> = phrase
                    .split_whitespace()
                    .map(|w| normalize(&w.replace(['\'', '’', '.'], "")))
                    .filter(|w| !w.is_empty())
                    .collect();
                let Some(first) = words.first() else { continue };
                by_first.entry(first.clone()).or_default().push(list.len());
                list.push(Holiday { words, rule, weak });
            }
        }
        Holidays { list, by_first }
    }

    /// The longest holiday name starting at token `i`: its rule, the
    /// token index past it and whether it is weak (see [`Holiday`]) and
    /// written in lower case.
    pub fn at(&self, text: &str, toks: &[Token], i: usize) -> Option<(Rule, usize, bool)> {
        let mut buf = [0u8; 64];
        let first = word_at(text, toks, i, &mut buf)?.0;
        let cands = self.by_first.get(first)?;
        let mut best: Option<(Rule, usize, bool)> = None;
        'h: for &hi in cands {
            let h = &self.list[hi];
            let mut k = i;
            for (n, w) in h.words.iter().enumerate() {
                // "al-Fitr", "Ураза-байрам": a hyphen between the words.
                if n > 0
                    && toks.get(k).is_some_and(|t| t.glued() && t.kind == TokKind::Punct && t.text(text) == "-")
                    && toks.get(k + 1).is_some_and(|t| t.glued())
                {
                    k += 1;
                }
                let mut b = [0u8; 64];
                let Some((got, next)) = word_at(text, toks, k, &mut b) else { continue 'h };
                if got != w.as_str() {
                    continue 'h;
                }
                k = next;
            }
            if best.is_none_or(|(_, e, _)| k > e) {
                let lower = h.weak && !toks[i].is_capitalized();
                best = Some((h.rule, k, lower));
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
    } else if apos(end)
        && let Some(n) = toks.get(end + 1).filter(|n| n.glued() && n.kind == TokKind::Word)
    {
        // "Mi'raj", "Jumu'atul", "b'Omer": the list writes them without it.
        end += 2;
        folded = format!("{w}{}", n.text(text));
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

/// A rule: `BASE[±K][..BASE[±K]]` (see the header of `data/holidays.tsv`).
fn parse_rule(s: &str) -> Option<Rule> {
    let (first, last) = match s.split_once("..") {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let (base, offset) = parse_base(first, None)?;
    let last = match last {
        Some(l) => Some(parse_base(l, Some(base))?),
        None => None,
    };
    Some(Rule { base, offset, last })
}

/// `kind:spec[±K]`; in a range end, a bare `±K` or `easter±K` reuses or
/// names the base.
fn parse_base(s: &str, start: Option<Base>) -> Option<(Base, i16)> {
    // A trailing offset: the last '+' or '-' after the spec's own dashes.
    let split = |rest: &str, dashes: usize| -> Option<(String, i16)> {
        let mut seen = 0;
        for (p, c) in rest.char_indices() {
            if c == '+'
                || (c == '-' && {
                    seen += 1;
                    seen > dashes
                })
            {
                return Some((rest[..p].to_owned(), rest[p..].trim_start_matches('+').parse().ok()?));
            }
        }
        Some((rest.to_owned(), 0))
    };
    let Some((kind, rest)) = s.split_once(':') else {
        // A range end relative to the start base: "..+7".
        return Some((start?, s.trim_start_matches('+').parse().ok()?));
    };
    Some(match kind {
        "fixed" | "fixednotsun" => {
            let (spec, k) = split(rest, 1)?;
            let (m, d) = spec.split_once('-')?;
            let (m, d) = (m.parse().ok()?, d.parse().ok()?);
            (if kind == "fixed" { Base::Fixed(m, d) } else { Base::FixedNotSunday(m, d) }, k)
        }
        "nth" => {
            // "nth:5-1--1": month, weekday, n (may be negative).
            let (spec, k) = match rest.rfind('+') {
                Some(p) => (&rest[..p], rest[p + 1..].parse().ok()?),
                None => (rest, 0),
            };
            let mut it = spec.splitn(3, '-');
            let m = it.next()?.parse().ok()?;
            let wd = it.next()?.parse().ok()?;
            let n = it.next()?.parse().ok()?;
            (Base::Nth(m, wd, n), k)
        }
        "easter" => (Base::Easter, rest.trim_start_matches('+').parse().ok()?),
        "orthodox" => (Base::Orthodox, rest.trim_start_matches('+').parse().ok()?),
        "table" => {
            let (key, k) = split(rest, 0)?;
            let idx = tables().0.iter().position(|x| *x == key)?;
            (Base::Table(idx as u16), k)
        }
        "cycle365" => {
            let (spec, k) = split(rest, 2)?;
            (Base::Cycle365(spec.parse().ok()?), k)
        }
        _ => return None,
    })
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
        let (rule, end, _) = Holidays::get().at(name, &toks, 0)?;
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
        // Lunar tables, offsets, hyphens, the 365-day cycle, Sunday rule.
        assert_eq!(date_of("Eid al-Fitr", 2018).as_deref(), Some("2018-06-15"));
        assert_eq!(date_of("Курбан-байрам", 2017).as_deref(), Some("2017-09-01"));
        assert_eq!(date_of("Diwali", 2019).as_deref(), Some("2019-10-27"));
        assert_eq!(date_of("chinese new year", 2018).as_deref(), Some("2018-02-16"));
        assert_eq!(date_of("Shushan Purim", 2013).as_deref(), Some("2013-02-25"));
        assert_eq!(date_of("parsi new year", 2018).as_deref(), Some("2018-08-17"));
        assert_eq!(date_of("parsi new year", 2020).as_deref(), Some("2020-08-16"));
        assert_eq!(date_of("koningsdag", 2014).as_deref(), Some("2014-04-26"));
        assert_eq!(date_of("koningsdag", 2018).as_deref(), Some("2018-04-27"));
    }

    #[test]
    fn ranges() {
        let span = |name: &str, y: i16| {
            let toks = tokenize(name);
            let (rule, _, _) = Holidays::get().at(name, &toks, 0).unwrap();
            assert!(rule.is_range(), "{name}");
            format!("{}..{}", rule.date(y).unwrap(), rule.last(y).unwrap())
        };
        assert_eq!(span("Passover", 2018), "2018-03-31..2018-04-07");
        assert_eq!(span("Ramadan", 2018), "2018-05-16..2018-06-14");
        assert_eq!(span("Lent", 2018), "2018-02-14..2018-03-31");
        assert_eq!(span("Великий пост", 2018), "2018-02-19..2018-04-07");
        assert_eq!(span("Hanukkah", 2018), "2018-12-03..2018-12-10");
    }
}
