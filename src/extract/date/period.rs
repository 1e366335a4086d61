//! Named periods: quarters and halves (`в III квартале 2018 г.`, `Q3
//! 2018`, `H1 2019`), centuries (`XXI век`, `21st century`), seasons
//! (`весной 2002 года`, `summer 2018`), parts of a month or a year (`в
//! начале 2016 года`, `early March`, `the end of 2012`) and holidays
//! (`Easter 2019`, `на Новый год`).
//!
//! Which day a holiday falls on is `holiday.rs`'s table; this file only
//! reads the phrase around it (a year, "next", "this").

use super::grammar::*;
use super::holiday::Holidays;
use super::value::{Cal, months_add};
use crate::document::Lang;
use crate::extract::Grain;
use crate::extract::lexicon::{Part, Unit};
use crate::token::{TokKind, flag};
use jiff::ToSpan;

impl<'a> P<'a> {
    /// Quarters and half-years: "в III квартале 2018 г.", "3-м квартале",
    /// "третьем квартале", "Q3 2018", "3Q", "4th qtr 2018", "the third
    /// quarter of 2018", "первом полугодии", "второй половине 2019 года",
    /// "H1 2019", "first half of 2018".
    pub(super) fn quarter_half(&self, i: usize) -> Option<Atom> {
        // Letter forms.
        let letter = |w: &str| match w {
            "Q" | "q" => Some(true),
            "H" => Some(false),
            _ => None,
        };
        let mut form: Option<(bool, u32, usize)> = None; // (quarter?, n, end)
        if let Some(q) = self.word(i).and_then(letter) {
            if self.glued(i + 1)
                && let Some((n, 1)) = self.num(i + 1)
            {
                form = Some((q, n, i + 2));
            }
        } else if let Some((n, 1)) = self.num(i)
            && let Some(q) = self.word(i + 1).and_then(letter).filter(|_| self.glued(i + 1))
        {
            form = Some((q, n, i + 2));
        }
        if let Some((q, n, mut end)) = form {
            if (q && !(1..=4).contains(&n)) || (!q && !(1..=2).contains(&n)) {
                return None;
            }
            // "H1N1", "Q3-2"
            if self.toks.get(end).is_some_and(|t| t.glued() && t.kind != TokKind::Punct) {
                return None;
            }
            let mut y = None;
            if let Some((r, e)) = self.year_after(end) {
                y = self.yref(r);
                end = e;
            } else if self.p_is(end, "-")
                && self.glued(end)
                && self.glued(end + 1)
                && let Some((v, 4)) = self.num(end + 1)
                && !self.toks.get(end + 2).is_some_and(|t| t.glued() && t.kind != TokKind::Punct)
            {
                // "Q3-2018": the year joined by a hyphen.
                y = Some(v as i16);
                end += 2;
            }
            let e = if q { E::Quarter { y, q: n as u8 } } else { E::Half { y, h: n as u8 } };
            return Some(Atom::new(i, end, e, true));
        }
        // Number + unit word.
        let (n, k) = if let Some(r) = self.roman(i) {
            (r, i + 1)
        } else if let Some((v, 1)) = self.num(i) {
            let mut k = i + 1;
            if self.p_is(k, "-") && self.glued(k) && self.glued(k + 1) && self.is(k + 1, RU_ORD_SUFFIX) {
                k += 2;
            } else if self.glued(k) && self.is(k, EN_ORD_SUFFIX) {
                k += 1;
            }
            (v, k)
        } else {
            let e = self.entry(i)?;
            if e.ord == 0 || e.card.is_some() {
                return None;
            }
            (e.ord as u32, i + 1)
        };
        let unit_tok = k;
        let unit = self.entry(k).and_then(|e| e.unit);
        let mut end = k + 1;
        let is_q = match unit {
            Some(Unit::Quarter) => true,
            Some(Unit::Half) => false,
            _ if self.is(k, &["кв"]) => {
                if self.p_is(k + 1, ".") && self.glued(k + 1) {
                    end += 1;
                }
                true
            }
            _ => return None,
        };
        // "three quarters" is a duration; "3 квартала" too unless a year follows.
        if self.num(i).is_some() && unit_tok == i + 1 && self.lang != Lang::Ru {
            return None;
        }
        if (is_q && !(1..=4).contains(&n)) || (!is_q && !(1..=2).contains(&n)) {
            return None;
        }
        let mut y = None;
        let mut k2 = end;
        if self.en() && self.is(k2, &["of"]) {
            k2 += 1;
            if self.is(k2, &["the"]) && self.is(k2 + 1, &["year"]) {
                k2 += 2;
                y = self.anchor.map(|a| a.year());
                end = k2;
            }
        }
        if y.is_none()
            && let Some((r, e)) = self.year_after(k2)
        {
            y = self.yref(r);
            end = e;
        }
        let half_noun = self.is(unit_tok, &["половина", "половины", "половине", "половину", "половиной", "half"]);
        if half_noun && y.is_none() {
            return None;
        }
        if self.num(i).is_some() && unit_tok == i + 1 && y.is_none() {
            return None;
        }
        let e = if is_q { E::Quarter { y, q: n as u8 } } else { E::Half { y, h: n as u8 } };
        Some(Atom::new(i, end, e, true))
    }

    /// "XXI век", "XX века", "21-го века", "21st century", "XXI в.".
    pub(super) fn century(&self, i: usize) -> Option<Atom> {
        let (n, k, roman) = if let Some(r) = self.roman(i) {
            (r, i + 1, true)
        } else {
            let (v, len) = self.num(i)?;
            if len > 2 {
                return None;
            }
            let mut k = i + 1;
            if self.p_is(k, "-") && self.glued(k) && self.glued(k + 1) && self.is(k + 1, RU_ORD_SUFFIX) {
                k += 2;
            } else if self.glued(k) && self.is(k, EN_ORD_SUFFIX) {
                k += 1;
            }
            (v, k, false)
        };
        if n == 0 || n > 30 {
            return None;
        }
        let end = if self.entry(k).is_some_and(|e| e.unit == Some(Unit::Century))
            && !self.is(k, &["веков", "веками", "веках", "centuries"])
        {
            k + 1
        } else if roman && self.is(k, &["в"]) && self.p_is(k + 1, ".") && self.glued(k + 1) {
            k + 2
        } else {
            return None;
        };
        Some(Atom::new(i, end, E::Century(((n - 1) * 100) as i16), true))
    }

    /// "school year", "academic year", "учебный год" (any case) at token
    /// `k`: the token past it.
    pub(super) fn school_year_words(&self, k: usize) -> Option<usize> {
        let first = if self.en() {
            self.is(k, &["school", "academic"])
        } else {
            self.word(k).is_some_and(|w| w.starts_with("учебн") || w.starts_with("Учебн"))
        };
        (first && self.entry(k + 1).is_some_and(|e| e.unit == Some(Unit::Year))).then_some(k + 2)
    }

    /// A school year written with its two years: "the 2019-2020 school
    /// year", "2019/20 academic year", "в 2019/2020 учебном году":
    /// September of the first year to August of the second.
    pub(super) fn school_year(&self, i: usize) -> Option<Atom> {
        let (y1, 4) = self.num(i)? else { return None };
        if !(1900..=2100).contains(&y1) || !(self.is_dash(i + 1) || self.p_is(i + 1, "/")) {
            return None;
        }
        let (y2, n2) = self.num(i + 2)?;
        let next = y1 + 1;
        if !((n2 == 4 && y2 == next) || (n2 == 2 && y2 == next % 100)) {
            return None;
        }
        let end = self.school_year_words(i + 3)?;
        let y = y1 as i16;
        Some(Atom::new(i, end, E::Cal(Cal::Months((y, 9), (y + 1, 8))), true))
    }

    /// "весной 2002 года", "летом", "summer 2018", "the summer of 2018".
    pub(super) fn season(&self, i: usize) -> Option<Atom> {
        let s = self.entry(i)?.season;
        if let Some((r, end)) = self.year_after(i + 1) {
            return Some(match self.yref(r) {
                Some(y) => {
                    Atom { relative: matches!(r, YRef::Rel(_)), ..Atom::new(i, end, E::Season { y: Some(y), s }, true) }
                }
                None => Atom::rel(i, end, E::Unresolved(Grain::Month)),
            });
        }
        let t = &self.toks[i];
        let strong = if t.is(flag::CYR) {
            true
        } else {
            let fall = self.is(i, &["fall"]);
            i > 0 && (self.is(i - 1, &["the"]) || (!fall && self.is(i - 1, &["in", "during", "until", "by", "since"])))
        };
        Some(Atom::new(i, i + 1, E::Season { y: None, s }, strong))
    }

    /// "в начале 2016 года", "в середине сентября", "в конце прошлой
    /// недели", "к концу года", "early March", "mid-March", "late 2017",
    /// "the end of 2012", "the beginning of the year".
    pub(super) fn part(&self, i: usize) -> Option<Atom> {
        let p = self.entry(i)?.part?;
        let mut k = i + 1;
        if self.en() {
            if (self.p_is(k, "-") && self.glued(k)) || self.is(k, &["of"]) {
                k += 1;
            }
            if self.is(k, &["the", "around"]) {
                k += 1;
            }
        }
        // A month.
        if let Some(mt) = self.month_at(k) {
            let mut end = mt.end;
            let mut y = None;
            if let Some((r, e)) = self.year_after(end) {
                y = self.yref(r);
                end = e;
            }
            return Some(Atom::new(i, end, E::PartMonth { y, m: mt.m, p }, true));
        }
        // A year.
        if let Some((v, 4)) = self.num(k) {
            if (1000..=2999).contains(&v) {
                let end = self.year_marker(k + 1).unwrap_or(k + 1);
                return Some(Atom::new(i, end, E::PartYear { y: v as i16, p }, true));
            }
            return None;
        }
        // A unit of the anchor's time: "года", "прошлого года", "this month".
        let (d, uk) = match self.entry(k).and_then(|e| e.deictic) {
            Some(d) => (d, k + 1),
            None => (0, k),
        };
        let unit = self.entry(uk).and_then(|e| e.unit)?;
        if self.is(uk, &["лет", "годы", "годов", "годах", "years", "months", "weeks", "месяцев", "недель"])
        {
            return None;
        }
        let bare = uk == k;
        if bare && self.en() && !self.is(k - 1, &["the"]) && !matches!(unit, Unit::Year | Unit::Month) {
            return None;
        }
        let Some(a) = self.anchor else {
            return Some(Atom::rel(i, uk + 1, E::Unresolved(Grain::Day)));
        };
        let cal = match unit {
            Unit::Year => part_of_year(a.year() + d as i16, p),
            Unit::Month => {
                let (y, m) = months_add(a.year(), a.month(), d as i32);
                part_of_month(y, m, p)?
            }
            Unit::Week => {
                let mon = monday(a).checked_add((7 * d as i64).days()).ok()?;
                let (s, e) = match p {
                    Part::Begin => (0, 2),
                    Part::Mid => (1, 3),
                    Part::End => (4, 6),
                };
                Cal::Days(mon.checked_add(s.days()).ok()?, mon.checked_add(e.days()).ok()?)
            }
            _ => return None,
        };
        Some(Atom::rel(i, uk + 1, E::Cal(cal)))
    }

    /// A holiday name at `k` ("Thanksgiving 2016", "Днём Победы"); `start`
    /// and `deictic` when "next"/"last"/"this" came before it.
    pub(super) fn holiday(&self, start: usize, k: usize, deictic: Option<i8>) -> Option<Atom> {
        let (rule, mut end, lower_weak) = Holidays::get().at(self.text, self.toks, k)?;
        let mut year = None;
        if let Some((r, e)) = self.year_after(end) {
            year = self.yref(r);
            end = e;
        }
        // A name that is also a common word ("lent") in lower case needs a
        // year.
        if lower_weak && year.is_none() && deictic.is_none() {
            return None;
        }
        let relative = deictic.is_some();
        let date = match (year, self.anchor) {
            (Some(y), _) => rule.date(y)?,
            (None, Some(a)) => {
                let y = a.year();
                match deictic {
                    Some(d) if d > 0 => [y, y + 1].into_iter().filter_map(|y| rule.date(y)).find(|x| *x > a)?,
                    Some(d) if d < 0 => [y, y - 1].into_iter().filter_map(|y| rule.date(y)).find(|x| *x < a)?,
                    // "this Christmas": the coming one (the current one
                    // while it lasts).
                    Some(_) => {
                        [y - 1, y, y + 1]
                            .into_iter()
                            .filter_map(|y| Some((rule.date(y)?, rule.last(y)?)))
                            .find(|(_, l)| *l >= a)?
                            .0
                    }
                    // No year: the last one before the anchor in a
                    // past-tense clause, else the next one (holidays are
                    // mostly announced ahead).
                    None if self.tense(start) == Tense::Past => {
                        [y, y - 1].into_iter().filter_map(|y| rule.date(y)).find(|x| *x <= a)?
                    }
                    None => [y, y + 1].into_iter().filter_map(|y| rule.date(y)).find(|x| *x >= a)?,
                }
            }
            (None, None) => return Some(Atom::rel(start, end, E::Unresolved(Grain::Day))),
        };
        let mut cal = if rule.is_range() { Cal::Days(date, rule.last(date.year())?) } else { Cal::Day(date) };
        // "Labor Day weekend", "the weekend of Halloween": the Saturday
        // and Sunday next to it, with a Friday or Monday holiday.
        let weekend_of = start >= 2 && self.is(start - 1, &["of"]) && self.is(start - 2, &["weekend"]);
        let mut start = start;
        if !rule.is_range() && (self.is(end, &["weekend"]) || weekend_of) {
            let wd = date.weekday().to_monday_one_offset() as i64;
            let (s0, e0) = match wd {
                1 => (-2, 0),
                // Thanksgiving: Thursday to Sunday.
                4 => (0, 3),
                5 => (0, 2),
                6 => (0, 1),
                7 => (-1, 0),
                _ => (6 - wd, 7 - wd),
            };
            cal = Cal::Days(date.checked_add(s0.days()).ok()?, date.checked_add(e0.days()).ok()?);
            if weekend_of {
                start -= 2;
            } else {
                end += 1;
            }
        }
        Some(Atom { relative, ..Atom::new(start, end, E::Cal(cal), true) })
    }
}
