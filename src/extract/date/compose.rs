//! Composition: the best expression starting at a token ([`P::atom`]),
//! chosen among the rules of every family (the longest wins; on a tie, one
//! that stands on its own), and the dateline's first day.
//!
//! It holds no rule itself: see the family files listed in `grammar.rs`.

use super::grammar::*;
use crate::token::{TokKind, flag};
use jiff::civil::Date;

impl<'a> P<'a> {
    /// The best expression starting at token `i` (longest; strong first).
    pub fn atom(&self, i: usize) -> Option<Atom> {
        let t = self.toks.get(i)?;
        let mut best: Option<Atom> = None;
        let mut take = |a: Option<Atom>| {
            if let Some(a) = a
                && best.is_none_or(|b| a.end > b.end || (a.end == b.end && a.strong && !b.strong))
            {
                best = Some(a);
            }
        };
        match t.kind {
            TokKind::Num => {
                take(self.numeric(i));
                take(self.day_first(i));
                take(self.year_atom(i));
                take(self.quarter_half(i));
                take(self.school_year(i));
                take(self.century(i));
                take(self.ago_or_in(i));
                take(self.bare_day(i));
                take(self.day_of_month(i));
                take(self.nth_day_of_month(i));
                take(self.week_number(i));
                take(self.first_units(i));
            }
            TokKind::Word => {
                let e = self.entry(i);
                if let Some(e) = e {
                    if e.month != 0 {
                        take(self.month_first(i));
                    }
                    if e.ord != 0 || e.card.is_some() {
                        take(self.day_first(i));
                        take(self.quarter_half(i));
                        take(self.ago_or_in(i));
                    }
                    if e.ord != 0 || e.deictic == Some(-1) || e.recent == Some(-1) {
                        take(self.nth_weekday(i));
                        take(self.nth_week(i));
                        take(self.nth_day(i));
                    }
                    if e.ord != 0 || e.card.is_some() {
                        take(self.day_of_month(i));
                        take(self.nth_day_of_month(i));
                        // "April 9th through seventeenth": a range end only.
                        take(self.bare_day(i));
                    }
                    if e.ord == 1 || e.deictic == Some(-1) || e.recent == Some(-1) {
                        take(self.first_units(i));
                    }
                    if e.holiday {
                        take(self.holiday(i, i, None));
                    }
                    if e.card.is_some() && self.en() && i > 0 && self.is(i - 1, &["in", "since", "of"]) {
                        // "in nineteen ninety six"
                        if let Some((y, end)) = self.year_words(i) {
                            take(Some(Atom::new(i, end, E::Year(y), true)));
                        }
                    }
                    if e.season != 0 {
                        take(self.season(i));
                    }
                    if e.part.is_some() {
                        take(self.part(i));
                    }
                    if e.weekday != 0 {
                        take(self.weekday(i));
                    }
                    if e.relday.is_some() || e.deictic.is_some() || e.after || e.recent.is_some() {
                        take(self.relative(i));
                    }
                    if e.unit.is_some() {
                        take(self.ago_or_in(i));
                    }
                }
                if t.is(flag::ASCII) && t.span.len() <= 6 {
                    take(self.quarter_half(i));
                    take(self.century(i));
                }
                // "a week starting tomorrow"
                if self.is(i, &["a", "an"]) {
                    take(self.ago_or_in(i));
                }
            }
            TokKind::Punct => {}
        }
        best
    }

    /// The first day-precision date of `[from, to)` tokens (the dateline).
    pub fn first_day(&self, from: usize, to: usize) -> Option<Date> {
        let mut i = from;
        while i < to {
            if let Some(a) = self.atom(i).filter(|a| a.end <= to) {
                if let E::Day { y, m, d } = a.e {
                    let y = y.or(self.anchor.map(|x| x.year()))?;
                    return Date::new(y, m, d).ok();
                }
                i = a.end.max(i + 1);
            } else {
                i += 1;
            }
        }
        None
    }
}
