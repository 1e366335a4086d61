//! Intervals: an expression extended by a connector and a second one into
//! a range (`13–15 сентября 2017 года`, `from May 3 to June 5`, `2003-2018
//! гг.`, `1980-88`, `between March and May`), ends completed from each
//! other ([`combine`]); open intervals named by a signal word (`since
//! 2015`, `до 2018 года`, `2020 onwards`); a week named by a day in it
//! (`the week of October 7`); a duration after a day (`18th Dec for 10
//! days`); and the next date of a list (`11/20, 11/22 or 11/25`).
//!
//! It does not read the single expressions themselves (see the family
//! files).

use super::grammar::*;
use super::value::{Cal, Open};
use crate::extract::lexicon::lower_into;
use crate::token::TokKind;
use jiff::ToSpan;

impl<'a> P<'a> {
    /// An expression at `i`, extended into a range when a connector and a
    /// second expression follow. `None` unless the result stands on its own.
    pub fn date_at(&self, i: usize) -> Option<Atom> {
        let mut a = self.atom(i)?;
        if let Some(r) = self.range_from(&a) {
            return Some(r);
        }
        // "the week of October 7", "the week starting February 4"
        if self.en() && a.e2.is_none() && a.start >= 2 && matches!(a.e, E::Day { .. }) {
            let mut k = a.start;
            if self.is(k - 1, &["on"]) && k >= 3 {
                k -= 1;
            }
            // "w/c Feb 4": week commencing.
            let wc = k >= 4 && self.is(k - 1, &["c"]) && self.p_is(k - 2, "/") && self.is(k - 3, &["w"]);
            if wc {
                k -= 1;
            }
            if (wc || self.is(k - 1, &["of", "starting", "commencing", "beginning"]) && self.is(k - 2, &["week"]))
                && let Some(Ok(Cal::Day(day))) = self.to_cal(a.e, Some(a.start))
            {
                a.e = E::Cal(Cal::Week(monday(day)));
                a.start = k - 2;
                a.relative = false;
            }
        }
        // "18th Dec for 10 days"
        if a.e2.is_none()
            && self.en()
            && self.is(a.end, &["for"])
            && let Some((n, k)) = self.count(a.end + 1)
            && let Some(unit) = self.entry(k).and_then(|e| e.unit)
            && let Some(Ok(Cal::Day(d))) = self.to_cal(a.e, Some(a.start))
            && let Some((ca, cb)) = self.duration_range(d, n as i64, unit)
        {
            a.e = E::Cal(ca);
            a.e2 = Some(E::Cal(cb));
            a.end = k + 1;
            a.strong = true;
        }
        // "Jul 18, Fri": a weekday after the date.
        if matches!(a.e, E::Day { .. })
            && self.p_is(a.end, ",")
            && let Some(wd) = self.entry(a.end + 1).map(|x| x.weekday).filter(|w| *w != 0)
        {
            a.e = self.weekday_year(a.e, wd);
            a.end += 2;
        }
        if a.strong && !matches!(a.e, E::BareDay(_)) {
            let (open, end) = self.open_signal(&a);
            a.open = open;
            a.end = end;
            return Some(a);
        }
        None
    }

    /// The open side a signal word gives a single date: before it ("since
    /// 2015", "до 2018 года", "later than 2018") or after it ("2016 and
    /// later", "2020 onwards"); and the atom's end past a trailing signal.
    pub(super) fn open_signal(&self, a: &Atom) -> (Open, usize) {
        // The rule already read the signal ("after 30 days").
        if a.open != Open::No {
            return (a.open, a.end);
        }
        // "since the end of 1989", "after the year 2020"
        let mut i = a.start;
        while i > 0 && (self.is(i - 1, &["the"]) || (self.is(i - 1, &["year"]) && matches!(a.e, E::Year(_)))) {
            i -= 1;
        }
        let w1 = |k: usize, ws: &[&str]| i >= k && self.is(i - k, ws);
        let open = if a.e2.is_some() {
            Open::No
        } else if w1(1, &["since", "с", "со", "starting"]) {
            Open::Since
        } else if w1(1, &["than"]) && w1(2, &["later"]) && w1(3, &["no", "not"]) {
            Open::Until
        } else if w1(1, &["after", "после"]) || (w1(1, &["than"]) && w1(2, &["later"])) {
            Open::After
        } else if w1(1, &["before"])
            || (w1(1, &["than"]) && w1(2, &["earlier"]))
            || (w1(1, &["to"]) && w1(2, &["prior"]))
        {
            Open::Before
        } else if w1(1, &["until", "till", "til", "by", "до"]) || (w1(1, &["позднее", "позже"]) && w1(2, &["не"]))
        {
            Open::Until
        } else {
            Open::No
        };
        if open != Open::No || a.e2.is_some() {
            return (open, a.end);
        }
        // "2016 and later", "2020 onwards", "March 2019 on"
        let k = a.end;
        if self.is(k, &["and", "or"]) && self.is(k + 1, &["later", "after", "beyond"]) {
            return (Open::Since, k + 2);
        }
        if self.is(k, &["onwards", "onward"]) {
            return (Open::Since, k + 1);
        }
        if self.is(k, &["and", "or"]) && self.is(k + 1, &["earlier", "before"]) {
            return (Open::Until, k + 2);
        }
        (Open::No, a.end)
    }

    /// A numeric date that continues a list after another one ("on 11/20,
    /// 11/22 or 11/25"): strong by its neighbour.
    pub fn list_next(&self, prev: &Atom, i: usize) -> Option<Atom> {
        let numeric =
            |a: &Atom| self.toks[a.start].kind == TokKind::Num && matches!(self.punct(a.start + 1), Some("/" | "."));
        if !numeric(prev) || prev.e2.is_some() || i <= prev.end || i > prev.end + 2 {
            return None;
        }
        if !(prev.end..i).all(|k| self.p_is(k, ",") || self.is(k, &["or", "and", "или", "и"])) {
            return None;
        }
        let a = self.numeric(i).filter(|a| a.e2.is_none() && a.end - a.start == prev.end - prev.start)?;
        Some(Atom { strong: true, ..a })
    }

    pub(super) fn range_from(&self, a: &Atom) -> Option<Atom> {
        if a.e2.is_some() {
            return None;
        }
        let k = a.end;
        // "between the middle of March and …": the opener before "the".
        let o = if a.start > 1 && self.en() && self.is(a.start - 1, &["the"]) { a.start - 1 } else { a.start };
        let opener = if o > 0 { self.word(o - 1) } else { None };
        let mut b_ = [0u8; 64];
        let opener = opener.and_then(|w| lower_into(w, &mut b_)).unwrap_or("");
        let connects = self.is_dash(k)
            || self.p_is(k, "~")
            || (self.p_is(k, "/") && self.glued(k) && self.glued(k + 1))
            || (self.is(k, &["по", "на"]) && matches!(opener, "с" | "со"))
            || (self.is(k, &["до"]) && matches!(opener, "с" | "со" | "от"))
            || (self.is(k, &["и"]) && opener == "между")
            || (self.is(k, &["and"]) && opener == "between")
            || self.is(k, &["to", "till", "until", "through", "thru"]);
        if !connects {
            return None;
        }
        if let Some(r) = self.to_present(a, k) {
            return Some(r);
        }
        let mut next = k + 1;
        if self.en() && self.is(next, &["the"]) {
            next += 1;
        }
        // "1980-88", "2015-18": a two-digit year after a year.
        let b = if let (E::Year(y), Some((yy, 2))) = (a.e, self.num(next)) {
            let full = y / 100 * 100 + yy as i16;
            if full <= y || self.p_is(next + 1, ".") && self.num(next + 2).is_some() {
                return None;
            }
            Atom::new(next, next + 1, E::Year(full), false)
        } else {
            self.atom(next)?
        };
        if b.e2.is_some() {
            return None;
        }
        let (ea, mut eb) = combine(a.e, b.e)?;
        let mut end = b.end;
        let mut ea = ea;
        // "May 3-5, 2011"
        if let (E::Day { y: None, m: ma, d: da }, E::Day { y: None, m, d }) = (ea, eb)
            && let Some((r, e)) = self.year_after(end)
            && let Some(y) = self.yref(r)
        {
            ea = E::Day { y: Some(y), m: ma, d: da };
            eb = E::Day { y: Some(y), m, d };
            end = e;
        }
        let mut marker = false;
        if matches!((ea, eb), (E::Year(_), E::Year(_)))
            && self.is(end, &["гг", "годы", "годах", "годов", "годам", "годами", "г"])
        {
            {
                marker = true;
                end += 1;
                if self.p_is(end, ".") && self.glued(end) {
                    end += 1;
                }
            }
        }
        // "from next Monday to Friday": the weekday on or after the start.
        if let (Some(wd), Some(Ok(Cal::Day(d0)))) =
            (self.entry(b.start).map(|x| x.weekday).filter(|w| *w != 0 && b.end == b.start + 1), self.to_cal(ea, None))
        {
            let fwd = (wd as i64 - d0.weekday().to_monday_one_offset() as i64).rem_euclid(7);
            eb = E::Cal(Cal::Day(d0.checked_add(fwd.days()).ok()?));
        }
        let months = matches!((ea, eb), (E::Month { .. }, E::Month { .. }))
            && self.toks[a.start].is_capitalized()
            && self.toks[b.start].is_capitalized();
        let strong = a.strong
            || b.strong
            || marker
            || months
            || matches!(opener, "с" | "со" | "от" | "между" | "from" | "between")
            || match (ea, eb) {
                (E::Year(x), E::Year(y)) => {
                    (1800..=2100).contains(&x) && (1800..=2100).contains(&y) && y - x <= 100 && self.year_end_ok(end)
                }
                (E::Day { .. }, E::Day { .. }) => true,
                _ => false,
            };
        if !strong {
            return None;
        }
        // Both ends must resolve to a valid, ordered interval.
        if let (Ok(ca), Ok(cb)) = self.range_cals(ea, eb, None)? {
            let (a0, _) = ca.bounds()?;
            let (b0, _) = cb.bounds()?;
            if a0 > b0 {
                return None;
            }
        }
        Some(Atom { e: ea, e2: Some(eb), end, strong: true, relative: a.relative || b.relative, ..*a })
    }

    /// A range from `a` to the present (the anchor) after the connector at
    /// `k`: "January to date", "from 2016 to the present", "с 2015 года по
    /// настоящее время", "с 1 марта по сегодняшний день". A year-less start
    /// is the last such day or month up to the anchor. Needs the anchor.
    fn to_present(&self, a: &Atom, k: usize) -> Option<Atom> {
        const EN: &[(&str, &str)] = &[("date", ""), ("the", "present"), ("present", ""), ("now", "")];
        const RU: &[(&str, &str)] = &[
            ("настоящее", "время"),
            ("настоящего", "времени"),
            ("сегодняшний", "день"),
            ("сегодняшнего", "дня"),
            ("сей", "день"),
            ("наши", "дни"),
            ("наших", "дней"),
        ];
        if !self.is(k, &["to", "till", "until", "по", "до"]) {
            return None;
        }
        let words = if self.en() { EN } else { RU };
        let end = words.iter().find_map(|&(w1, w2)| {
            (self.is(k + 1, &[w1]) && (w2.is_empty() || self.is(k + 2, &[w2])))
                .then_some(k + if w2.is_empty() { 2 } else { 3 })
        })?;
        let now = self.anchor?;
        let before = |m: i8, d: i8| (m, d) <= (now.month(), now.day());
        let ea = match a.e {
            E::Day { y: None, m, d } => {
                E::Day { y: Some(if before(m, d) { now.year() } else { now.year() - 1 }), m, d }
            }
            E::Month { y: None, m } => E::Month { y: Some(if before(m, 1) { now.year() } else { now.year() - 1 }), m },
            E::BareDay(_) | E::Unresolved(_) => return None,
            e => e,
        };
        let (start, _) = self.to_cal(ea, None)?.ok()?.bounds()?;
        if start > now {
            return None;
        }
        Some(Atom { e: ea, e2: Some(E::Cal(Cal::Day(now))), end, strong: true, relative: true, ..*a })
    }
}
