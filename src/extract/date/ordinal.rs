//! Ordinal-of-period: the Nth day of a (relative) month (`the 5th day of
//! next month`, `десятого числа следующего месяца`, `the 15th`), the Nth or
//! Nth-from-last weekday or weekend of a month (`the second Tuesday of
//! May`, `the second-to-last Friday of April`, `первые выходные июня`), the
//! Nth or Nth-from-last week of a month or year (`the second week of
//! April`, `в последнюю неделю мая`, `the last week of the year`), and
//! numbered weeks (`week 12 of 2019`).
//!
//! A month without a year here takes the year by the same rule as a
//! year-less date (see `grammar.rs`, [`P::to_cal`]). Counted spans ("the
//! first 3 weeks of May") are `offset.rs`'s `first_units`.

use super::grammar::*;
use super::value::{Cal, infer_year, months_add};
use crate::extract::Grain;
use crate::extract::lexicon::Unit;
use crate::token::TokKind;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

impl<'a> P<'a> {
    /// "the 15th", "on the 18th": a day of the anchor's month (English).
    pub(super) fn day_of_month(&self, i: usize) -> Option<Atom> {
        if !self.en() || i == 0 || !self.is(i - 1, &["the"]) {
            return None;
        }
        let (d, end, ord) = self.day_num(i)?;
        // "the 15th"; ordinal words only as "on the first".
        if !ord || (self.num(i).is_none() && !(i >= 2 && self.is(i - 2, &["on"]))) {
            return None;
        }
        if self.is(end, &["of"]) || self.entry(end).is_some_and(|e| e.month != 0 || e.unit.is_some()) {
            return None;
        }
        let after_ok = self.toks.get(end).is_none_or(|t| t.kind == TokKind::Punct || self.is(end, AFTER_YEAR));
        if !after_ok {
            return None;
        }
        let strong = i >= 2 && self.is(i - 2, &["on", "by", "until", "since", "from"]);
        let Some(a) = self.anchor else {
            return Some(Atom { strong, ..Atom::rel(i, end, E::Unresolved(Grain::Day)) });
        };
        // This month's, or the month before (past tense) or after (else)
        // when that day is already past or still to come.
        let (y, m) = match self.tense(i) {
            Tense::Past if d > a.day() => months_add(a.year(), a.month(), -1),
            Tense::Past => (a.year(), a.month()),
            _ if d < a.day() => months_add(a.year(), a.month(), 1),
            _ => (a.year(), a.month()),
        };
        let date = Date::new(y, m, d).ok()?;
        Some(Atom { strong, ..Atom::rel(i, end, E::Cal(Cal::Day(date))) })
    }

    /// "week 31", "week 27 of last year", "week 10 of 2019": an ISO week.
    pub(super) fn week_number(&self, i: usize) -> Option<Atom> {
        if !self.en() || i == 0 || !self.is(i - 1, &["week", "wk"]) {
            return None;
        }
        let (n, len) = self.num(i)?;
        if len > 2 || !(1..=53).contains(&n) {
            return None;
        }
        let mut end = i + 1;
        let mut y = self.anchor.map(|a| a.year());
        let mut relative = true;
        if let Some((r, e)) = self.year_after(end) {
            y = self.yref(r);
            relative = matches!(r, YRef::Rel(_));
            end = e;
        } else if self.is(end, &["of"])
            && let Some(d) = self.entry(end + 1).and_then(|x| x.deictic)
            && self.entry(end + 2).is_some_and(|x| x.unit == Some(Unit::Year))
        {
            y = self.anchor.map(|a| a.year() + d as i16);
            end += 3;
        }
        let start = i - 1;
        let Some(y) = y else { return Some(Atom::rel(start, end, E::Unresolved(Grain::Week))) };
        let wd = jiff::civil::ISOWeekDate::new(y, n as i8, Weekday::Monday).ok()?;
        Some(Atom { relative, ..Atom::new(start, end, E::Cal(Cal::Week(wd.date())), true) })
    }

    /// "first Tuesday of October", "last Friday in October 2013", "в
    /// первый понедельник сентября", "в последнюю пятницу марта".
    pub(super) fn nth_weekday(&self, i: usize) -> Option<Atom> {
        let (n, j) = self.ordinal_of(i)?;
        // "the first weekend of June", "в последние выходные мая": the
        // Nth Saturday of the month and the Sunday after it.
        let weekend = self.is(j, &["weekend", "выходные", "выходных"]);
        let wd = if weekend { 6 } else { self.entry(j).map(|x| x.weekday).filter(|w| *w != 0)? };
        let unit =
            |d: Date| -> Option<Cal> { Some(if weekend { Cal::Days(d, d.tomorrow().ok()?) } else { Cal::Day(d) }) };
        let mut k = j + 1;
        if self.en() {
            if !self.is(k, &["of", "in"]) {
                return None;
            }
            k += 1;
        }
        let weekday = Weekday::from_monday_one_offset(wd as i8).ok()?;
        let nth = |y: i16, m: i8| Date::new(y, m, 1).ok()?.nth_weekday_of_month(n, weekday).ok();
        // "of last month", "of next month"
        if let Some(d) = self.entry(k).and_then(|x| x.deictic)
            && self.entry(k + 1).is_some_and(|x| x.unit == Some(Unit::Month))
        {
            let Some(a) = self.anchor else { return Some(Atom::rel(i, k + 2, E::Unresolved(Grain::Day))) };
            let (y, m) = months_add(a.year(), a.month(), d as i32);
            return Some(Atom::rel(i, k + 2, E::Cal(unit(nth(y, m)?)?)));
        }
        let (m, y, end) = self.month_year(k)?;
        let date = match (y, self.anchor) {
            (Some(y), _) => nth(y, m)?,
            // The year by the anchor-window rule, on the actual day.
            (None, Some(a)) => {
                let d0 = nth(a.year(), m)?;
                nth(infer_year(a, d0.month(), Some(d0.day())), m)?
            }
            (None, None) => return Some(Atom::new(i, end, E::Unresolved(Grain::Day), true)),
        };
        Some(Atom::new(i, end, E::Cal(unit(date)?), true))
    }

    /// "the 5th day of next month", "the 20th of last month", "десятого
    /// числа следующего месяца", "5-го числа прошлого месяца": a day of a
    /// month named relative to the anchor's.
    pub(super) fn nth_day_of_month(&self, i: usize) -> Option<Atom> {
        let (d, mut k, ord) = self.day_num(i)?;
        if !ord {
            return None;
        }
        if self.en() {
            if self.is(k, &["day"]) {
                k += 1;
            }
            if !self.is(k, &["of"]) {
                return None;
            }
        } else if !self.is(k, &["число", "числа", "числу", "числом", "числе"]) {
            return None;
        }
        k += 1;
        let dm = self.entry(k).and_then(|x| x.deictic)?;
        if !self.entry(k + 1).is_some_and(|x| x.unit == Some(Unit::Month)) {
            return None;
        }
        let end = k + 2;
        let Some(a) = self.anchor else { return Some(Atom::rel(i, end, E::Unresolved(Grain::Day))) };
        let (y, m) = months_add(a.year(), a.month(), dm as i32);
        Some(Atom::rel(i, end, E::Cal(Cal::Day(Date::new(y, m, d).ok()?))))
    }

    /// "the fifth last day of May", "the second-to-last day of June 2020",
    /// "the third day of April", "в последний день мая": the Nth day of a
    /// named month counted from its start or from its end.
    pub(super) fn nth_day(&self, i: usize) -> Option<Atom> {
        let (n, j) = self.ordinal_of(i)?;
        if self.entry(j).and_then(|x| x.unit) != Some(Unit::Day)
            || !self.is(j, &["day", "день", "дня", "дню", "днём", "днем"])
        {
            return None;
        }
        let mut k = j + 1;
        if self.en() {
            if !self.is(k, &["of", "in"]) {
                return None;
            }
            k += 1;
        }
        let (m, y, end) = self.month_year(k)?;
        let y = match (y, self.anchor) {
            (Some(y), _) => y,
            (None, Some(_)) => self.year_for(m, None, Some(i))?,
            (None, None) => return Some(Atom::new(i, end, E::Unresolved(Grain::Day), true)),
        };
        let first = Date::new(y, m, 1).ok()?;
        let day = if n > 0 {
            first.checked_add(((n - 1) as i64).days()).ok().filter(|d| d.month() == m)?
        } else {
            first.last_of_month().checked_sub(((-n - 1) as i64).days()).ok()?
        };
        Some(Atom::new(i, end, E::Cal(Cal::Day(day)), true))
    }

    /// "the second week of April", "the last week of the year", "в
    /// последнюю неделю мая", "в первую неделю следующего месяца": the
    /// Nth week (Monday to Sunday) of a month counts from the week holding
    /// its 1st, the Nth-from-last from the week holding its last day; the
    /// weeks of a year are its ISO weeks (as `first_units` reads "the first
    /// week of May", "the last week of Dec 2016").
    pub(super) fn nth_week(&self, i: usize) -> Option<Atom> {
        let (n, j) = self.ordinal_of(i)?;
        if self.entry(j).and_then(|x| x.unit) != Some(Unit::Week) {
            return None;
        }
        let mut k = j + 1;
        if self.en() {
            if !self.is(k, &["of", "in"]) {
                return None;
            }
            k += 1;
        }
        let the = self.en() && self.is(k, &["the"]);
        // (year, Some(month) | None for the year, end)
        let (y, m, end) = if let Some((m, y, end)) = self.month_year(k + the as usize) {
            let y = match (y, self.anchor) {
                (Some(y), _) => y,
                (None, Some(_)) => self.year_for(m, None, Some(i))?,
                (None, None) => return Some(Atom::new(i, end, E::Unresolved(Grain::Week), true)),
            };
            (y, Some(m), end)
        } else {
            // "of next month", "следующего месяца", "of the year", "of 2019"
            let (d, unit, end) = match (self.entry(k).and_then(|x| x.deictic), self.entry(k + 1).and_then(|x| x.unit)) {
                (Some(d), Some(u @ (Unit::Month | Unit::Year))) => (d, u, k + 2),
                _ if the && matches!(self.entry(k + 1).and_then(|x| x.unit), Some(Unit::Month | Unit::Year)) => {
                    (0, self.entry(k + 1)?.unit?, k + 2)
                }
                _ => {
                    let (r, e2) = self.year_after(k)?;
                    let y = self.yref(r)?;
                    return self.week_of(i, e2, y, None, n, matches!(r, YRef::Rel(_)));
                }
            };
            let Some(a) = self.anchor else { return Some(Atom::rel(i, end, E::Unresolved(Grain::Week))) };
            return match unit {
                Unit::Month => {
                    let (y, m) = months_add(a.year(), a.month(), d as i32);
                    self.week_of(i, end, y, Some(m), n, true)
                }
                _ => self.week_of(i, end, a.year() + d as i16, None, n, true),
            };
        };
        self.week_of(i, end, y, m, n, false)
    }

    /// A month name at `k` and the year written after it, if any ("May",
    /// "мая 2019 года", "of May next year"): (month, year, end).
    fn month_year(&self, k: usize) -> Option<(i8, Option<i16>, usize)> {
        let mt = self.month_at(k)?;
        match self.year_after(mt.end) {
            Some((r, end)) => Some((mt.m, self.yref(r), end)),
            None => Some((mt.m, None, mt.end)),
        }
    }

    /// The position of a period counted from its start (1 "first", 2
    /// "второй") or from its end (-1 "last", "последний"; -2 "second to
    /// last", "second-to-last", "second last"), and the token after it.
    fn ordinal_of(&self, i: usize) -> Option<(i8, usize)> {
        let e = self.entry(i)?;
        if e.deictic == Some(-1) || e.recent == Some(-1) {
            return Some((-1, i + 1));
        }
        if !(1..=5).contains(&e.ord) || e.card.is_some() {
            return None;
        }
        let n = e.ord as i8;
        if self.en() {
            let mut k = i + 1;
            let hyphen = |k: usize| self.p_is(k, "-") && self.glued(k) && self.glued(k + 1);
            if hyphen(k) {
                k += 1;
            }
            if self.is(k, &["to"]) {
                k += 1;
                if hyphen(k) {
                    k += 1;
                }
            }
            if n >= 2 && self.is(k, &["last"]) {
                return Some((-n, k + 1));
            }
        }
        Some((n, i + 1))
    }

    /// The `n`th (-1: last) week of month `m` of year `y`, or of the year.
    fn week_of(&self, i: usize, end: usize, y: i16, m: Option<i8>, n: i8, relative: bool) -> Option<Atom> {
        let mon = match (m, n) {
            (Some(m), n) if n < 0 => {
                monday(Date::new(y, m, 1).ok()?.last_of_month()).checked_sub((7 * (-n as i64 - 1)).days()).ok()?
            }
            (Some(m), n) => monday(Date::new(y, m, 1).ok()?).checked_add((7 * (n as i64 - 1)).days()).ok()?,
            (None, n) if n < 0 => {
                let last = jiff::civil::ISOWeekDate::from_date(Date::new(y, 12, 28).ok()?).week();
                jiff::civil::ISOWeekDate::new(y, last + 1 + n, Weekday::Monday).ok()?.date()
            }
            (None, n) => jiff::civil::ISOWeekDate::new(y, n, Weekday::Monday).ok()?.date(),
        };
        Some(Atom { relative, ..Atom::new(i, end, E::Cal(Cal::Week(mon)), true) })
    }
}
