//! Absolute dates: numeric forms (`13.09.2017`, `2017-09-13`,
//! `9/13/2017`, `10.12.`), day-first (`13 сентября 2017 года`, `15th of
//! February`, `05-Aug-2016`) and month-first (`September 13, 2017`, `в
//! сентябре 2017 года`) dates, years (`в 2017 г.`, `in 2006`, `в 1997-м`)
//! and decades (`1990-е годы`, `the 1990s`), and two numeric dates of one
//! shape joined by a dash (`10/1-11/7`, `10.05-15.05`, `28.06–03.07.2019`).
//!
//! A bare 4-digit number is a year only with context (DESIGN.md, "Why bare
//! 4-digit numbers are years only in context?"); it is otherwise kept as a
//! possible range end. Ranges are not built here (see `interval.rs`).

use super::grammar::*;
use crate::document::Lang;
use crate::extract::Grain;
use crate::token::{TokKind, flag};
use jiff::civil::Date;

impl<'a> P<'a> {
    /// "13.09.2017", "2017-09-13", "9/13/2017", "31/10/74", "10.12.", and
    /// two of one shape joined by a glued dash ("10/1/2018-10/7/2018",
    /// "10/1-11/7").
    pub(super) fn numeric(&self, i: usize) -> Option<Atom> {
        if let Some(a) = self.numeric_one(i, true) {
            return Some(a);
        }
        if let Some(a) = self.day_month_pair(i) {
            return Some(a);
        }
        let a = self.numeric_one(i, false)?;
        if !(self.p_is(a.end, "-") && self.glued(a.end) && self.glued(a.end + 1)) {
            return None;
        }
        // Not inside a longer sequence: what numeric_one(i, true) refused
        // must be the dash alone.
        if i >= 2 && self.glued(i) && self.toks[i - 2].kind == TokKind::Num && self.punct(i - 1).is_some() {
            return None;
        }
        let b = self.numeric_one(a.end + 1, false)?;
        if b.end - b.start != a.end - a.start
            || (matches!(self.punct(b.end), Some("." | "/" | "-" | ":" | ","))
                && self.glued(b.end)
                && self.toks.get(b.end + 1).is_some_and(|t| t.kind == TokKind::Num && t.glued()))
        {
            return None;
        }
        let (mut ea, mut eb) = combine(a.e, b.e)?;
        let mut end = b.end;
        // "5/1-5/7, 2020"
        if let (E::Day { y: None, m: ma, d: da }, E::Day { y: None, m: mb, d: db }) = (ea, eb)
            && let Some((r, e)) = self.year_after(end)
            && let Some(y) = self.yref(r)
        {
            ea = E::Day { y: Some(y), m: ma, d: da };
            eb = E::Day { y: Some(y), m: mb, d: db };
            end = e;
        }
        // Year-less "3/1-3/15" is a date range only after "from"/"between".
        let opener = i > 0 && self.is(i - 1, &["from", "between"]);
        let full = matches!(ea, E::Day { y: Some(_), .. });
        Some(Atom { e: ea, e2: Some(eb), end, strong: a.strong || b.strong || opener || full, ..a })
    }

    /// One numeric date; `ctx`: refuse one that is part of a longer
    /// sequence of numbers (versions, IPs, phones).
    /// "10.05-15.05", "28.06–03.07.2019", "25.12 - 08.01": two day.month
    /// pairs joined by a dash, in a day-first language, the year after the
    /// second or none. A month is two digits; without a year the range
    /// stands on its own only when no word follows ("15.05 рублей" is an
    /// amount) but a preposition, and it is never part of a longer number
    /// sequence.
    pub(super) fn day_month_pair(&self, i: usize) -> Option<Atom> {
        if self.en() && !self.dmy {
            return None;
        }
        let dm = |k: usize| -> Option<(i8, i8)> {
            let (d, ld) = self.num(k)?;
            let (m, lm) = self.num(k + 2)?;
            let ok = ld <= 2 && lm == 2 && (1..=31).contains(&d) && (1..=12).contains(&m);
            (ok && self.p_is(k + 1, ".") && self.glued(k + 1) && self.glued(k + 2)).then_some((d as i8, m as i8))
        };
        if i >= 2 && self.glued(i) && self.punct(i - 1).is_some() && self.toks[i - 2].kind == TokKind::Num {
            return None;
        }
        let (d1, m1) = dm(i)?;
        let k = i + 3;
        if !self.is_dash(k) || self.glued(k) != self.glued(k + 1) {
            return None;
        }
        let (d2, m2) = dm(k + 1)?;
        let mut end = k + 4;
        let mut y = None;
        if self.p_is(end, ".") && self.glued(end) && self.glued(end + 1) {
            let (v, lv) = self.num(end + 1)?;
            y = Some(match lv {
                4 => v as i16,
                2 => 2000 + v as i16,
                _ => return None,
            });
            end += 2;
        }
        if self.toks.get(end).is_some_and(|t| t.glued() && matches!(t.text(self.text), "." | "," | "-" | "/"))
            && self.toks.get(end + 1).is_some_and(|t| t.kind == TokKind::Num && t.glued())
        {
            return None;
        }
        let free = self.toks.get(end).is_none_or(|t| t.kind == TokKind::Punct && t.text(self.text) != "%")
            || self.is(end, &["в", "во", "на", "по", "и", "г", "года", "включительно", "in", "and"]);
        if y.is_none() && !free {
            return None;
        }
        let (ea, eb) = combine(E::Day { y: None, m: m1, d: d1 }, E::Day { y, m: m2, d: d2 })?;
        Some(Atom { e2: Some(eb), ..Atom::new(i, end, ea, true) })
    }

    pub(super) fn numeric_one(&self, i: usize, ctx: bool) -> Option<Atom> {
        let (a, la) = self.num(i)?;
        let sep = self.punct(i + 1).filter(|s| matches!(*s, "." | "/" | "-"))?;
        if !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        let (b, lb) = self.num(i + 2)?;
        let third =
            if self.p_is(i + 3, sep) && self.glued(i + 3) && self.glued(i + 4) { self.num(i + 4) } else { None };
        // Part of a longer sequence with the same separator (versions,
        // IPs, phones)? "14-15.10.2018" is a range, not one.
        if ctx && i >= 2 {
            let p = self.punct(i - 1);
            if (p == Some(sep) || p == Some(":")) && self.glued(i) && self.toks[i - 2].kind == TokKind::Num {
                return None;
            }
        }
        let end = if third.is_some() { i + 5 } else { i + 3 };
        if ctx
            && matches!(self.punct(end), Some("." | "/" | "-" | ":" | ","))
            && self.glued(end)
            && self.glued(end + 1)
            && self.toks.get(end + 1).is_some_and(|t| t.kind == TokKind::Num)
        {
            return None;
        }
        if la == 4 {
            let (c, lc) = third?;
            if lb > 2 || lc > 2 {
                return None;
            }
            let d = Date::new(a as i16, b as i8, c as i8).ok()?;
            return Some(Atom::new(i, end, E::Day { y: Some(d.year()), m: d.month(), d: d.day() }, true));
        }
        if la > 2 || lb > 2 {
            return None;
        }
        if let Some((c, lc)) = third {
            let y = match lc {
                4 => c as i16,
                2 => {
                    if c < 50 {
                        2000 + c as i16
                    } else {
                        1900 + c as i16
                    }
                }
                _ => return None,
            };
            let (d, m) = match sep {
                "." => {
                    if b > 12 && a <= 12 {
                        (b, a)
                    } else {
                        (a, b)
                    }
                }
                _ if self.en() && !self.dmy => {
                    if a > 12 {
                        (a, b)
                    } else {
                        (b, a)
                    }
                }
                _ => {
                    if b > 12 && a <= 12 {
                        (b, a)
                    } else {
                        (a, b)
                    }
                }
            };
            if sep == "-" && lc == 2 && i > 0 {
                // "26-10-07" after a phone prefix is a phone number.
                let p = &self.toks[i - 1];
                if p.kind == TokKind::Num || matches!(p.text(self.text), "+" | ")" | "(") {
                    return None;
                }
            }
            Date::new(y, m as i8, d as i8).ok()?;
            return Some(Atom::new(i, end, E::Day { y: Some(y), m: m as i8, d: d as i8 }, true));
        }
        // Two parts.
        match sep {
            "." if self.lang != Lang::En => {
                // "10.12." with its trailing dot; never "3.2" or "10.00".
                if lb != 2 || b == 0 || b > 12 || a == 0 || a > 31 {
                    return None;
                }
                if !(self.p_is(i + 3, ".") && self.glued(i + 3)) {
                    return None;
                }
                if self.toks.get(i + 4).is_some_and(|t| t.kind == TokKind::Num && t.glued()) {
                    return None;
                }
                let section = i > 0 && (self.is(i - 1, SECTION_WORDS) || matches!(self.punct(i - 1), Some("§" | "№")))
                    || i > 1 && self.p_is(i - 1, ".") && self.is(i - 2, SECTION_WORDS);
                Some(Atom::new(i, i + 4, E::Day { y: None, m: b as i8, d: a as i8 }, !section))
            }
            "/" if self.en() => {
                // Month first ("12/25"), or day first in a day-first
                // region ("25/12"), unless the numbers only fit the other way.
                let (m, d) = match self.dmy {
                    false if a > 12 => (b, a),
                    false => (a, b),
                    true if b > 12 => (a, b),
                    true => (b, a),
                };
                if m == 0 || m > 12 || d == 0 || d > 31 {
                    return None;
                }
                // "on 5/12", "Tue 5/12", "by 5/12", "25/4 at 4:00pm"
                let strong = i > 0
                    && (self.is(i - 1, &["on", "this", "by", "until", "till", "since", "before", "after"])
                        || self.entry(i - 1).is_some_and(|e| e.weekday != 0))
                    || self.is(i + 3, &["at"]) && self.num(i + 4).is_some();
                Some(Atom::new(i, i + 3, E::Day { y: None, m: m as i8, d: d as i8 }, strong))
            }
            _ => None,
        }
    }

    /// A day number that may start a range: "13" in "13–15 сентября",
    /// "14." in "14./15.10.2018".
    pub(super) fn bare_day(&self, i: usize) -> Option<Atom> {
        let (d, mut end, _) = self.day_num(i)?;
        // "14./15.10.2018", "14. - 15.10.18": the dot belongs to the day
        // only when a range connector follows it.
        if self.p_is(end, ".") && self.glued(end) && (self.is_dash(end + 1) || self.p_is(end + 1, "/")) {
            end += 1;
        }
        Some(Atom::new(i, end, E::BareDay(d), false))
    }

    /// "13 сентября 2017 года", "13-е февраля", "the 15th of February",
    /// "третьего марта 2015", "05-Aug-2016", "23/Sep/2020".
    pub(super) fn day_first(&self, i: usize) -> Option<Atom> {
        let (d, mut k, _) = self.day_num(i)?;
        let mut sep: Option<&str> = None;
        if matches!(self.punct(k), Some("-" | "/")) && self.glued(k) && self.glued(k + 1) {
            sep = self.punct(k);
            k += 1;
        } else if self.en() && self.is(k, &["of"]) {
            k += 1;
        } else if self.en() && self.is(k, &["day"]) && self.is(k + 1, &["of"]) {
            k += 2;
        }
        let mt = self.month_at(k)?;
        if !valid_day(None, mt.m, d) {
            return None;
        }
        let mut end = mt.end;
        let mut y = None;
        let mut relative = false;
        if let Some(s) = sep {
            // "05-Aug-2016"
            if self.p_is(end, s)
                && self.glued(end)
                && let Some((v, 4)) = self.num(end + 1)
            {
                y = Some(v as i16);
                end += 2;
            }
        } else if let Some((r, e)) = self.year_after(end) {
            y = self.yref(r);
            if y.is_none() {
                return Some(Atom { relative: true, ..Atom::new(i, e, E::Unresolved(Grain::Day), true) });
            }
            relative = matches!(r, YRef::Rel(_));
            end = e;
        }
        if let Some(y) = y
            && !valid_day(Some(y), mt.m, d)
        {
            return None;
        }
        Some(Atom { relative, ..Atom::new(i, end, E::Day { y, m: mt.m, d }, true) })
    }

    /// "September 13, 2017", "Sept. 13", "Feb13", "June the 28th 2020",
    /// "сентябре 2017 года", "October 2014", "в сентябре", "Sep-23-2020".
    pub(super) fn month_first(&self, i: usize) -> Option<Atom> {
        let mt = self.month_at(i)?;
        let mut k = mt.end;
        let mut dash = false;
        if self.en() {
            if self.p_is(k, "-") && self.glued(k) && self.glued(k + 1) {
                dash = true;
                k += 1;
            } else if self.is(k, &["the"]) {
                k += 1;
            }
            if let Some((d, e, ord)) = self.day_num(k) {
                // Not "May 2 people": a bare number must not start a noun phrase.
                let next_ok = self.toks.get(e).is_none_or(|t| {
                    t.kind != TokKind::Word
                        || t.is_capitalized()
                        || self.is(e, AFTER_YEAR)
                        || self.entry(e).is_some_and(|x| x.weekday != 0)
                });
                if valid_day(None, mt.m, d)
                    && (next_ok || !mt.weak || (ord && self.num(k).is_some()) || self.year_after(e).is_some())
                    && !(mt.weak && self.num(k).is_some_and(|v| v.1 > 2))
                {
                    let mut end = e;
                    let mut y = None;
                    if dash && self.p_is(end, "-") && self.glued(end) {
                        if let Some((v, 4)) = self.num(end + 1) {
                            y = Some(v as i16);
                            end += 2;
                        }
                    } else if let Some((r, e2)) = self.year_after(end) {
                        y = self.yref(r);
                        end = e2;
                        if y.is_none() {
                            return Some(Atom { relative: true, ..Atom::new(i, end, E::Unresolved(Grain::Day), true) });
                        }
                    }
                    if y.is_some_and(|y| !valid_day(Some(y), mt.m, d)) {
                        return None;
                    }
                    return Some(Atom::new(i, end, E::Day { y, m: mt.m, d }, true));
                }
            }
        }
        // Month and year.
        if let Some((r, end)) = self.year_after(mt.end).or_else(|| {
            // "March, 2017"
            (self.p_is(mt.end, ",") && self.num(mt.end + 1).is_some_and(|v| v.1 == 4))
                .then(|| self.year_after(mt.end + 1))
                .flatten()
        }) {
            return Some(match self.yref(r) {
                Some(y) => Atom {
                    relative: matches!(r, YRef::Rel(_)),
                    ..Atom::new(i, end, E::Month { y: Some(y), m: mt.m }, true)
                },
                None => Atom::rel(i, end, E::Unresolved(Grain::Month)),
            });
        }
        // Month alone: an abbreviation only as a range end ("from Sep to Nov").
        if mt.abbr {
            return (mt.end == i + 1 && self.toks[i].is_capitalized())
                .then(|| Atom::new(i, mt.end, E::Month { y: None, m: mt.m }, false));
        }
        // English "May", "March", "August" are words too: alone, a month
        // needs a preposition; lower-case "may" never is one alone.
        let strong = if self.toks[i].is(flag::CYR) {
            true
        } else {
            let prep = i > 0 && self.is(i - 1, MONTH_PREPS);
            let lower_word = !self.toks[i].is_capitalized() && self.is(i, &["may", "march", "mar", "august"]);
            !lower_word && (prep || !mt.weak)
        };
        Some(Atom::new(i, mt.end, E::Month { y: None, m: mt.m }, strong))
    }

    /// Whether a bare year at token `k` is followed by something that keeps
    /// it a year ("in 2006 the …", "в 2017, когда") rather than a quantity
    /// ("в 2000 раз").
    pub(super) fn year_end_ok(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else { return true };
        if t.is(flag::LINE_BEFORE) {
            return true;
        }
        match t.kind {
            TokKind::Punct => !matches!(t.text(self.text), "%" | "$" | "€" | "£" | "₽"),
            TokKind::Num => false,
            TokKind::Word => {
                t.is_capitalized() || self.is(k, AFTER_YEAR) || self.entry(k).is_some_and(|e| e.month != 0)
            }
        }
    }

    /// "2003 году", "в 2017 г.", "in 2006", "1990-е годы", "the 1990s",
    /// "в 1997-м", "90-х годов", "2018Q4", "2019 H2"; else a weak year.
    pub(super) fn year_atom(&self, i: usize) -> Option<Atom> {
        let (v, len) = self.num(i)?;
        if len == 2 && v % 10 == 0 {
            // "90-е годы", "90-х", "the 90s", "'90s"
            let y = if v <= 10 { 2000 + v as i16 } else { 1900 + v as i16 };
            if self.p_is(i + 1, "-")
                && self.glued(i + 1)
                && self.glued(i + 2)
                && self.is(i + 2, &["е", "х", "ые", "ых", "ми"])
            {
                let end = self.decade_noun(i + 3);
                return Some(Atom::new(i, end, E::Decade(y), true));
            }
            if self.glued(i + 1)
                && self.is(i + 1, &["s"])
                && i > 0
                && (self.is(i - 1, &["the"]) || matches!(self.punct(i - 1), Some("'" | "’")))
            {
                return Some(Atom::new(i, i + 2, E::Decade(y), true));
            }
            return None;
        }
        if len != 4 || !(1000..=2999).contains(&v) || self.p_is(i + 1, ":") {
            return None;
        }
        let y = v as i16;
        if y % 10 == 0 {
            if self.p_is(i + 1, "-")
                && self.glued(i + 1)
                && self.glued(i + 2)
                && self.is(i + 2, &["е", "х", "ые", "ых", "ми"])
            {
                return Some(Atom::new(i, self.decade_noun(i + 3), E::Decade(y), true));
            }
            if self.glued(i + 1) && self.is(i + 1, &["s"]) {
                return Some(Atom::new(i, i + 2, E::Decade(y), true));
            }
            if matches!(self.punct(i + 1), Some("'" | "’"))
                && self.glued(i + 1)
                && self.glued(i + 2)
                && self.is(i + 2, &["s"])
            {
                return Some(Atom::new(i, i + 3, E::Decade(y), true));
            }
            if self.en() && self.word(i + 1) == Some("s") && !self.glued(i + 1) {
                return Some(Atom::new(i, i + 2, E::Decade(y), true));
            }
        }
        // "2018Q4", "2019 q3", "2019 H2", "2017-q1"
        let mut k = i + 1;
        if self.p_is(k, "-") && self.glued(k) {
            k += 1;
        }
        if let Some(w) = self.word(k)
            && matches!(w, "Q" | "q" | "H" | "h")
            && self.glued(k + 1)
            && let Some((n, 1)) = self.num(k + 1)
        {
            let e = if matches!(w, "Q" | "q") && (1..=4).contains(&n) {
                Some(E::Quarter { y: Some(y), q: n as u8 })
            } else if matches!(w, "H" | "h") && (1..=2).contains(&n) {
                Some(E::Half { y: Some(y), h: n as u8 })
            } else {
                None
            };
            if let Some(e) = e {
                return Some(Atom::new(i, k + 2, e, true));
            }
        }
        // "in 2017 April"
        if self.en()
            && i > 0
            && self.is(i - 1, &["in", "of", "since", "until"])
            && let Some(mt) = self.month_at(i + 1).filter(|m| !m.abbr)
            && self.num(mt.end).is_none()
        {
            return Some(Atom::new(i, mt.end, E::Month { y: Some(y), m: mt.m }, true));
        }
        // "в 1997-м", "2017-го"
        if self.p_is(i + 1, "-") && self.glued(i + 1) && self.glued(i + 2) && self.is(i + 2, &["м", "го", "й", "ом"])
        {
            let end = self.year_marker(i + 3).unwrap_or(i + 3);
            return Some(Atom::new(i, end, E::Year(y), true));
        }
        if let Some(end) = self.year_marker(i + 1) {
            return Some(Atom::new(i, end, E::Year(y), true));
        }
        let plausible = (1800..=2100).contains(&y);
        let prep = i > 0 && self.is(i - 1, YEAR_PREPS) && !self.toks[i - 1].is(flag::UPPER)
            || i > 1 && self.is(i - 1, &["than"]) && self.is(i - 2, &["later", "earlier"]);
        let paren = i > 0 && self.p_is(i - 1, "(") && self.p_is(i + 1, ")");
        let strong = plausible && ((prep && self.year_end_ok(i + 1)) || paren);
        Some(Atom::new(i, i + 1, E::Year(y), strong))
    }

    /// "годы", "годов", "годах" after a decade.
    pub(super) fn decade_noun(&self, k: usize) -> usize {
        if self.is(k, &["годы", "годов", "годах", "годам", "годами", "гг"]) {
            if self.is(k, &["гг"]) && self.p_is(k + 1, ".") && self.glued(k + 1) {
                return k + 2;
            }
            return k + 1;
        }
        k
    }
}
