//! Expressions relative to the anchor and shifts from it: deictic days and
//! units (`вчера`, `послезавтра`, `last week`, `в прошлом году`),
//! weekdays (`в понедельник`, `this Monday`, `Friday after next`), counted
//! shifts (`3 days ago`, `через неделю`, `two weeks from tomorrow`, `in 5
//! years`) and counted periods (`the next 10 days`, `последние два
//! месяца`, `the first 3 days of May`).
//!
//! Which Monday "this Monday" is and when a bare weekday goes forward or
//! back are conventions documented in DESIGN.md; without an anchor these
//! expressions stay unresolved (`E::Unresolved`).

use super::grammar::*;
use super::value::{Cal, Open, infer_year, months_add};
use crate::document::Lang;
use crate::extract::Grain;
use crate::extract::lexicon::{Unit, word_eq};
use crate::token::TokKind;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

impl<'a> P<'a> {
    /// A weekday, with a date after it ("Monday, Dec. 26", "В среду, 30
    /// марта 2016 года", "Tuesday the 19th") or alone ("в понедельник",
    /// "on Friday"), resolved to the same week as the anchor.
    pub(super) fn weekday(&self, i: usize) -> Option<Atom> {
        let e = self.entry(i)?;
        let mut k = i + 1;
        if self.p_is(k, ",") {
            k += 1;
        }
        let dated = [self.day_first(k), self.month_first(k), self.numeric(k)]
            .into_iter()
            .flatten()
            .filter(|a| matches!(a.e, E::Day { .. } | E::Unresolved(Grain::Day)))
            .max_by_key(|a| a.end);
        if let Some(a) = dated {
            let e2 = self.weekday_year(a.e, e.weekday);
            return Some(Atom { start: i, strong: true, e: e2, ..a });
        }
        // "Monday of this week", "sunday from last week"
        if self.en()
            && self.is(i + 1, &["of", "from"])
            && let Some(d) = self.entry(i + 2).and_then(|x| x.deictic)
            && self.entry(i + 3).is_some_and(|x| x.unit == Some(Unit::Week))
        {
            return Some(match self.anchor {
                Some(a) => Atom::rel(i, i + 4, E::Cal(Cal::Day(same_week(a, e.weekday, d)?))),
                None => Atom::rel(i, i + 4, E::Unresolved(Grain::Day)),
            });
        }
        // "Monday 21", "Fri 14th", "Tuesday the 19th" (English only).
        if self.en() {
            let k2 = if self.is(k, &["the"]) { k + 1 } else { k };
            if let Some((d, end, ord)) = self.day_num(k2) {
                // "Friday 23.", "friday 23 at 4"
                let ends = self.toks.get(end).is_none_or(|t| t.kind == TokKind::Punct) || self.is(end, &["at"]);
                // "Tuesday the twenty fourth": an ordinal word after "the".
                if (self.num(k2).is_some() && (ord || ends)) || (k2 > k && self.num(k2).is_none()) {
                    let Some(a) = self.anchor else {
                        return Some(Atom::rel(i, end, E::Unresolved(Grain::Day)));
                    };
                    let date = weekday_day(a, e.weekday, d, self.tense(i) == Tense::Past)?;
                    return Some(Atom::rel(i, end, E::Cal(Cal::Day(date))));
                }
            }
        }
        // "Friday after next": the week after "next Friday".
        if self.en() && self.is(i + 1, &["after"]) && self.is(i + 2, &["next"]) {
            let Some(a) = self.anchor else { return Some(Atom::rel(i, i + 3, E::Unresolved(Grain::Day))) };
            let next = nearest_weekday(a, e.weekday, Tense::Future)?;
            return Some(Atom::rel(i, i + 3, E::Cal(Cal::Day(next.checked_add(7.days()).ok()?))));
        }
        if e.weekday_weak {
            return None;
        }
        Some(match self.anchor {
            Some(a) => Atom::rel(i, i + 1, E::Cal(Cal::Day(nearest_weekday(a, e.weekday, self.tense(i))?))),
            None => Atom::rel(i, i + 1, E::Unresolved(Grain::Day)),
        })
    }

    /// A year-less day named with its weekday takes the year nearest the
    /// anchor's in which that day is that weekday ("Jul 18, Fri").
    pub(super) fn weekday_year(&self, e: E, wd: u8) -> E {
        let (E::Day { y: None, m, d }, Some(a)) = (e, self.anchor) else { return e };
        let y0 = infer_year(a, m, Some(d));
        for k in [0i16, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6] {
            if let Ok(date) = Date::new(y0 + k, m, d)
                && date.weekday().to_monday_one_offset() as u8 == wd
            {
                return E::Day { y: Some(y0 + k), m, d };
            }
        }
        e
    }

    /// "the first nine months of 2017", "the last four months of 2021",
    /// "the first week of May", "the last week of Dec 2016", "the first 2
    /// weeks of 2021", "за первые 9 месяцев 2017 года", "за 9 месяцев 2017
    /// года" (Russian: a bare count of months with a year means the
    /// first months). Weeks are ISO weeks: a year's first is its week 1, a
    /// month's first and last contain its first and last day.
    pub(super) fn first_units(&self, i: usize) -> Option<Atom> {
        let (last, mut k) = if self.num(i).is_some() || self.entry(i).is_some_and(|e| e.card.is_some()) {
            // A bare count: Russian months only.
            if self.lang != Lang::Ru {
                return None;
            }
            (false, i)
        } else if self.entry(i).is_some_and(|e| e.ord == 1 && e.card.is_none()) {
            (false, i + 1)
        } else if self.is(i, &["last", "последние", "последних", "последний", "последнюю", "последней"])
        {
            (true, i + 1)
        } else {
            return None;
        };
        let (n, k2) = self.count(k).unwrap_or((1, k));
        let bare = k == i;
        k = k2;
        let unit = self.entry(k).and_then(|e| e.unit)?;
        if !matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Quarter) || n == 0 || n > 60 {
            return None;
        }
        if bare && (unit != Unit::Month || !(1..=11).contains(&n) || self.num(i).is_some_and(|v| v.1 > 2)) {
            return None;
        }
        let mut j = k + 1;
        if self.en() {
            if !self.is(j, &["of", "in"]) {
                return None;
            }
            j += 1;
            if self.is(j, &["the"]) {
                j += 1;
            }
        }
        // The period: a year ("2017", "2017 года", "прошлого года") or a month.
        let (period, end) = if let Some((r, e)) = self.year_after(j) {
            match self.yref(r) {
                Some(y) => (Cal::Year(y), e),
                None => return Some(Atom::rel(i, e, E::Unresolved(unit_grain(unit)))),
            }
        } else if !bare && let Some(mt) = self.month_at(j) {
            let (y, e) = match self.year_after(mt.end) {
                Some((r, e)) => (self.yref(r), e),
                None => (None, mt.end),
            };
            match y.or_else(|| self.year_for(mt.m, None, Some(i))) {
                Some(y) => (Cal::Month(y, mt.m), e),
                None => return Some(Atom::new(i, e, E::Unresolved(unit_grain(unit)), true)),
            }
        } else {
            return None;
        };
        let (p0, p1) = period.bounds()?;
        let n = n as i64;
        let (a, b) = match unit {
            Unit::Day => {
                if last {
                    (Cal::Day(p1.checked_sub((n - 1).days()).ok()?), Cal::Day(p1))
                } else {
                    (Cal::Day(p0), Cal::Day(p0.checked_add((n - 1).days()).ok()?))
                }
            }
            Unit::Week => {
                let first_mon = match period {
                    Cal::Year(y) => jiff::civil::ISOWeekDate::new(y, 1, Weekday::Monday).ok()?.date(),
                    _ => monday(p0),
                };
                let last_mon = match period {
                    Cal::Year(y) => jiff::civil::ISOWeekDate::new(y + 1, 1, Weekday::Monday)
                        .ok()?
                        .date()
                        .checked_sub(7.days())
                        .ok()?,
                    _ => monday(p1),
                };
                if last {
                    (Cal::Week(last_mon.checked_sub((7 * (n - 1)).days()).ok()?), Cal::Week(last_mon))
                } else {
                    (Cal::Week(first_mon), Cal::Week(first_mon.checked_add((7 * (n - 1)).days()).ok()?))
                }
            }
            Unit::Month | Unit::Quarter => {
                let Cal::Year(y) = period else { return None };
                let months = if unit == Unit::Quarter { 3 * n } else { n };
                if months > 12 {
                    return None;
                }
                let months = months as i8;
                let (m0, m1) = if last { (13 - months, 12) } else { (1, months) };
                if unit == Unit::Quarter {
                    (Cal::Quarter(y, ((m0 - 1) / 3 + 1) as u8), Cal::Quarter(y, ((m1 - 1) / 3 + 1) as u8))
                } else {
                    (Cal::Month(y, m0), Cal::Month(y, m1))
                }
            }
            _ => return None,
        };
        let e = if a == b { None } else { Some(E::Cal(b)) };
        Some(Atom { e2: e, ..Atom::new(i, end, E::Cal(a), true) })
    }

    /// "for 3 days starting next Monday", "a week beginning 20 December",
    /// "18th Dec for 10 days": `n` units from day `d`, the start day
    /// included.
    pub(super) fn duration_range(&self, d: Date, n: i64, unit: Unit) -> Option<(Cal, Cal)> {
        if n <= 0 || n > 366 {
            return None;
        }
        let last = add_units(d, n, unit)?.yesterday().ok()?;
        Some((Cal::Day(d), Cal::Day(last.max(d))))
    }

    /// Relative expressions from a relative-day word, a deictic word or
    /// "через".
    pub(super) fn relative(&self, i: usize) -> Option<Atom> {
        let e = self.entry(i)?;
        if let Some(n) = e.relday {
            // "the day after tomorrow", "the day before yesterday"
            let (start, n) = match (i >= 2 && self.is(i - 2, &["day"]), self.word(i.wrapping_sub(1))) {
                (true, Some(w)) if word_eq(w, "after") && n > 0 => (i - 2, n + 1),
                (true, Some(w)) if word_eq(w, "before") && n < 0 => (i - 2, n - 1),
                _ => (i, n),
            };
            return Some(match self.anchor {
                Some(a) => Atom::rel(start, i + 1, E::Cal(Cal::Day(a.checked_add((n as i64).days()).ok()?))),
                None => Atom::rel(start, i + 1, E::Unresolved(Grain::Day)),
            });
        }
        if e.after {
            // "через неделю", "через 2 года", "спустя месяц"
            let (n, k) = self.count(i + 1).unwrap_or((1, i + 1));
            let unit = self.entry(k).and_then(|e| e.unit)?;
            // "через неделю после 5 апреля": from that date, not the anchor.
            if self.is(k + 1, &["после"])
                && let Some(a) = self.shift_from(i, k + 2, n as i64, unit, false)
            {
                return Some(a);
            }
            return self.shifted(i, k + 1, n as i64, unit);
        }
        if let Some(d) = e.recent {
            // "последние два месяца", "ближайшие три года"
            let (n, k2) = self.count(i + 1)?;
            if let Some(end) = self.business_days(k2) {
                return self.n_business_days(i, end, d, n);
            }
            let unit = self.entry(k2).and_then(|e| e.unit)?;
            return self.n_units(i, k2 + 1, d, n, unit);
        }
        let d = e.deictic?;
        let k = i + 1;
        if self.entry(k).is_some_and(|x| x.holiday)
            && let Some(h) = self.holiday(i, k, Some(d))
        {
            return Some(h);
        }
        // "last two years", "последние два месяца", "next 3 weeks"
        if d != 0
            && let Some((n, k2)) = self.count(k)
        {
            // "the next 4 business days", "последние 10 рабочих дней"
            if let Some(end) = self.business_days(k2) {
                return self.n_business_days(i, end, d, n);
            }
            if let Some(unit) = self.entry(k2).and_then(|e| e.unit) {
                return self.n_units(i, k2 + 1, d, n, unit);
            }
        }
        // "last week's sunday"
        if self.entry(k).is_some_and(|x| x.unit == Some(Unit::Week))
            && matches!(self.punct(k + 1), Some("'" | "’"))
            && self.is(k + 2, &["s"])
            && let Some(wd) = self.entry(k + 3).map(|x| x.weekday).filter(|w| *w != 0)
        {
            return Some(match self.anchor {
                Some(a) => Atom::rel(i, k + 4, E::Cal(Cal::Day(same_week(a, wd, d)?))),
                None => Atom::rel(i, k + 4, E::Unresolved(Grain::Day)),
            });
        }
        // "this weekend", "this past weekend", "next weekend", "в эти
        // выходные", "на прошлых выходных": Saturday and Sunday.
        let (d, k) = if d == 0 && self.is(k, &["past"]) { (-1, k + 1) } else { (d, k) };
        if self.is(k, &["weekend", "выходные", "выходных", "выходным", "выходными"]) {
            let Some(a) = self.anchor else { return Some(Atom::rel(i, k + 1, E::Unresolved(Grain::Day))) };
            let sat = same_week(a, 6, d)?;
            return Some(Atom::rel(i, k + 1, E::Cal(Cal::Days(sat, sat.tomorrow().ok()?))));
        }
        // "this school year", "в прошлом учебном году": September to
        // August, the one holding the anchor, shifted by `d`.
        if let Some(end) = self.school_year_words(k) {
            let Some(a) = self.anchor else { return Some(Atom::rel(i, end, E::Unresolved(Grain::Month))) };
            let y = if a.month() >= 9 { a.year() } else { a.year() - 1 } + d as i16;
            return Some(Atom::rel(i, end, E::Cal(Cal::Months((y, 9), (y + 1, 8)))));
        }
        // "this calendar year", "в текущем календарном году"
        let k = if self
            .is(k, &["calendar", "календарный", "календарного", "календарному", "календарном", "календарным"])
            && self.entry(k + 1).is_some_and(|x| x.unit == Some(Unit::Year))
        {
            k + 1
        } else {
            k
        };
        let earlier = d == 0 && i > 0 && self.is(i - 1, &["earlier", "later"]);
        let start = if earlier { i - 1 } else { i };
        let x = self.entry(k)?;
        if let Some(unit) = x.unit {
            if self.is(
                k,
                &[
                    "лет",
                    "years",
                    "months",
                    "weeks",
                    "days",
                    "дни",
                    "дней",
                    "годы",
                    "годов",
                    "месяцев",
                    "недель",
                    "недели",
                ],
            ) && !self.is(k, &["недели"])
            {
                return None;
            }
            // "в этот день", "на следующий день", "the next day" follow the
            // story's time, not the release date: kept, unresolved.
            let Some(a) = self.anchor.filter(|_| unit != Unit::Day) else {
                return Some(Atom::rel(start, k + 1, E::Unresolved(unit_grain(unit))));
            };
            let cal = deictic_unit(a, d, unit)?;
            if earlier {
                // "earlier this month": its first half; "later": the second.
                let first = self.is(i - 1, &["earlier"]);
                let (s, e) = cal.bounds()?;
                let cal = match cal {
                    Cal::Year(y) if first => Cal::Months((y, 1), (y, 6)),
                    Cal::Year(y) => Cal::Months((y, 7), (y, 12)),
                    Cal::Week(mon) if first => Cal::Days(mon, mon.checked_add(2.days()).ok()?),
                    Cal::Week(mon) => Cal::Days(mon.checked_add(3.days()).ok()?, e),
                    Cal::Month(y, m) if first => Cal::Days(s, Date::new(y, m, 15).ok()?),
                    Cal::Month(y, m) => Cal::Days(Date::new(y, m, 16).ok()?, e),
                    _ => return None,
                };
                return Some(Atom::rel(start, k + 1, E::Cal(cal)));
            }
            return Some(Atom::rel(start, k + 1, E::Cal(cal)));
        }
        if x.weekday != 0 && !x.weekday_weak {
            return Some(match self.anchor {
                Some(a) => Atom::rel(i, k + 1, E::Cal(Cal::Day(same_week(a, x.weekday, d)?))),
                None => Atom::rel(i, k + 1, E::Unresolved(Grain::Day)),
            });
        }
        if x.season != 0 {
            let Some(a) = self.anchor else { return Some(Atom::rel(i, k + 1, E::Unresolved(Grain::Month))) };
            let (y, s) = (season_of_anchor(a, x.season) + d as i16, x.season);
            return Some(Atom::rel(i, k + 1, E::Cal(Cal::Season(y, s))));
        }
        if x.month != 0 && !x.month_abbr && self.en() && self.toks[k].is_capitalized() {
            // "last July", "next March", "this May"
            let Some(a) = self.anchor else { return Some(Atom::rel(i, k + 1, E::Unresolved(Grain::Month))) };
            let m = x.month as i8;
            let y = match d {
                0 => a.year(),
                _ if d < 0 => {
                    if m < a.month() {
                        a.year()
                    } else {
                        a.year() - 1
                    }
                }
                _ => {
                    if m > a.month() {
                        a.year()
                    } else {
                        a.year() + 1
                    }
                }
            };
            return Some(Atom::rel(i, k + 1, E::Cal(Cal::Month(y, m))));
        }
        None
    }

    /// "три дня назад", "2 weeks ago", "неделю назад", "in 2 weeks", "3
    /// years later" (count or unit first; "через" is in [`Self::relative`]).
    pub(super) fn ago_or_in(&self, i: usize) -> Option<Atom> {
        let (n, k) = match self.count(i) {
            Some(c) => c,
            None => {
                // "неделю назад", "год назад": the unit alone counts one.
                if self.entry(i).is_some_and(|e| e.unit.is_some()) { (1, i) } else { return None }
            }
        };
        // "the 2 next days", "the 10 previous weeks"
        if self.en()
            && k != i
            && let Some(d) = self.entry(k).and_then(|e| e.deictic).filter(|d| *d != 0)
            && let Some(unit) = self.entry(k + 1).and_then(|e| e.unit)
        {
            return self.n_units(i, k + 2, d, n, unit);
        }
        let unit = self.entry(k).and_then(|e| e.unit)?;
        let mut end = k + 1;
        if self.is(end, &["тому"]) {
            end += 1;
        }
        // "3 days starting from next Monday", "a week beginning June 3"
        if self.en() && k != i && self.is(end, &["starting", "beginning", "commencing"]) {
            let mut j = end + 1;
            if self.is(j, &["from", "on"]) {
                j += 1;
            }
            let b = self.atom(j).filter(|b| b.strong && b.e2.is_none())?;
            let Ok(Cal::Day(d)) = self.to_cal(b.e, Some(j))? else {
                return Some(Atom::rel(i, b.end, E::Unresolved(Grain::Day)));
            };
            let (ca, cb) = self.duration_range(d, n as i64, unit)?;
            return Some(Atom { e2: Some(E::Cal(cb)), relative: b.relative, ..Atom::new(i, b.end, E::Cal(ca), true) });
        }
        if self.entry(end).is_some_and(|e| e.ago) {
            return self.shifted(i, end + 1, -(n as i64), unit);
        }
        if self.is(end, &["hence", "later"]) {
            return self.shifted(i, end + 1, n as i64, unit);
        }
        if self.is(end, &["from"]) && self.is(end + 1, &["now"]) {
            return self.shifted(i, end + 2, n as i64, unit);
        }
        if self.en() && i > 0 && self.is(i - 1, &["in"]) && k != i {
            return self.shifted(i - 1, end, n as i64, unit);
        }
        // "expires after 30 days": from the day that time has passed on,
        // an open interval; only at a clause end ("after 10 years in the
        // role" is a duration).
        if self.en()
            && k != i
            && i > 0
            && self.is(i - 1, &["after"])
            && self.toks.get(end).is_none_or(|t| t.kind == TokKind::Punct && !self.is_dash(end))
        {
            let a = self.shifted(i, end, n as i64, unit)?;
            return Some(Atom { open: Open::Since, ..a });
        }
        // "3 days after January 12th", "two weeks before Christmas", "two
        // weeks from tomorrow" ("from" only before a day that is not the
        // start of a range: "5 years from 2010 to 2015" is a duration);
        // "за 2 дня до 8 марта", "за неделю до выборов 5 мая".
        let from = self.is(end, &["from"]);
        if self.en() && k != i && (from || self.is(end, &["after", "before"])) {
            let sign = if self.is(end, &["before"]) { -1 } else { 1 };
            return self.shift_from(i, end + 1, sign * n as i64, unit, from);
        }
        if !self.en() && i > 0 && self.is(i - 1, &["за"]) && self.is(end, &["до"]) {
            return self.shift_from(i, end + 1, -(n as i64), unit, false);
        }
        None
    }

    /// The date `n` units from the expression at `j` ("the" skipped), as an
    /// atom from token `start`; `day_only`: the base must be one day that
    /// does not start a range.
    fn shift_from(&self, start: usize, mut j: usize, n: i64, unit: Unit, day_only: bool) -> Option<Atom> {
        if self.en() && self.is(j, &["the"]) {
            j += 1;
        }
        let b = self.atom(j).filter(|b| b.strong && b.e2.is_none())?;
        if day_only && (!matches!(b.e, E::Cal(Cal::Day(_))) || self.is(b.end, &["to", "till", "until", "through"])) {
            return None;
        }
        let Ok(c) = self.to_cal(b.e, Some(j))? else {
            return Some(Atom::rel(start, b.end, E::Unresolved(Grain::Day)));
        };
        let shifted = match (c, unit) {
            (Cal::Day(d), _) => Cal::Day(add_units(d, n, unit)?),
            (Cal::Year(y), Unit::Year) => Cal::Year(y.checked_add(n as i16)?),
            (Cal::Month(..), Unit::Month) => c.next(n as i32)?,
            _ => return None,
        };
        Some(Atom { relative: b.relative, ..Atom::new(start, b.end, E::Cal(shifted), true) })
    }

    /// "business days", "working days", "рабочих дней" (any case) at token
    /// `k`: the token past them.
    fn business_days(&self, k: usize) -> Option<usize> {
        let first = self.is(k, &["business", "working", "рабочих", "рабочие", "рабочим", "рабочими"]);
        (first && self.entry(k + 1).is_some_and(|e| e.unit == Some(Unit::Day))).then_some(k + 2)
    }

    /// "the next 4 business days", "последние 10 рабочих дней": `n` days
    /// Monday to Friday after (d > 0) or before (d < 0) the anchor, the
    /// anchor excluded (public holidays are not known: weekends only).
    fn n_business_days(&self, start: usize, end: usize, d: i8, n: u32) -> Option<Atom> {
        if n == 0 || n > 100 || d == 0 {
            return None;
        }
        let Some(a) = self.anchor else { return Some(Atom::rel(start, end, E::Unresolved(Grain::Day))) };
        let step = if d < 0 { -1i64 } else { 1 };
        let (mut day, mut first, mut left) = (a, None, n);
        while left > 0 {
            day = day.checked_add(step.days()).ok()?;
            if day.weekday().to_monday_one_offset() <= 5 {
                first.get_or_insert(day);
                left -= 1;
            }
        }
        let first = first?;
        let (lo, hi) = if d < 0 { (day, first) } else { (first, day) };
        Some(Atom { e2: Some(E::Cal(Cal::Day(hi))), ..Atom::rel(start, end, E::Cal(Cal::Day(lo))) })
    }

    /// The day `n` units from the anchor.
    pub(super) fn shifted(&self, start: usize, end: usize, n: i64, unit: Unit) -> Option<Atom> {
        let Some(a) = self.anchor else { return Some(Atom::rel(start, end, E::Unresolved(Grain::Day))) };
        Some(Atom::rel(start, end, E::Cal(Cal::Day(add_units(a, n, unit)?))))
    }

    /// "last two years", "последние два месяца", "next three days": the `n`
    /// whole units before (d < 0) or after (d > 0) the anchor's.
    pub(super) fn n_units(&self, start: usize, end: usize, d: i8, n: u32, unit: Unit) -> Option<Atom> {
        if n == 0 || n > 100 {
            return None;
        }
        let Some(a) = self.anchor else { return Some(Atom::rel(start, end, E::Unresolved(unit_grain(unit)))) };
        let n = n as i32;
        let (lo, hi) = if d < 0 { (-n, -1) } else { (1, n) };
        let (ca, cb) = match unit {
            Unit::Day => {
                (Cal::Day(a.checked_add((lo as i64).days()).ok()?), Cal::Day(a.checked_add((hi as i64).days()).ok()?))
            }
            Unit::Week | Unit::Fortnight => {
                let k = if unit == Unit::Fortnight { 2 } else { 1 };
                let mon = monday(a);
                (
                    Cal::Week(mon.checked_add((7 * k * lo as i64).days()).ok()?),
                    Cal::Week(mon.checked_add((7 * k * hi as i64).days()).ok()?),
                )
            }
            Unit::Month => {
                let (y0, m0) = months_add(a.year(), a.month(), lo);
                let (y1, m1) = months_add(a.year(), a.month(), hi);
                (Cal::Month(y0, m0), Cal::Month(y1, m1))
            }
            Unit::Quarter => {
                let q = quarter_index(a);
                let f = |k: i32| {
                    let idx = q + k;
                    Cal::Quarter(idx.div_euclid(4) as i16, (idx.rem_euclid(4) + 1) as u8)
                };
                (f(lo), f(hi))
            }
            Unit::Half => {
                let h = a.year() as i32 * 2 + if a.month() > 6 { 1 } else { 0 };
                let f = |k: i32| {
                    let idx = h + k;
                    Cal::Half(idx.div_euclid(2) as i16, (idx.rem_euclid(2) + 1) as u8)
                };
                (f(lo), f(hi))
            }
            Unit::Year => (Cal::Year(a.year() + lo as i16), Cal::Year(a.year() + hi as i16)),
            Unit::Decade => {
                let dec = a.year() / 10 * 10;
                (Cal::Decade(dec + 10 * lo as i16), Cal::Decade(dec + 10 * hi as i16))
            }
            Unit::Century => return None,
        };
        Some(Atom { e2: Some(E::Cal(cb)), ..Atom::rel(start, end, E::Cal(ca)) })
    }
}
