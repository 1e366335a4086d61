//! Calendar values of DATE mentions: what a resolved expression covers and
//! how it is written in the record (`iso`, `gte`, `lte`, `grain`).
//!
//! A [`Cal`] is one calendar unit with a known year (a day, a month, a
//! quarter, a decade, …); a mention's value is one `Cal` or a range of two.
//! The ISO forms (documented in DESIGN.md, "Why these DATE ISO forms?"):
//!
//! | unit | iso | grain |
//! | --- | --- | --- |
//! | day | `2017-09-13` | day |
//! | ISO week | `2017-W37` | week |
//! | month | `2017-09` | month |
//! | quarter | `2018-07/2018-09` | quarter |
//! | half-year | `2018-01/2018-06` | quarter |
//! | season | `2018-06/2018-08` (winter `2017-12/2018-02`) | month |
//! | part of a month ("в начале сентября") | `2017-09-01/2017-09-10` | day |
//! | part of a year ("в конце 2015 года": Jan–Mar, May–Aug, Sep–Dec) | `2015-09/2015-12` | month |
//! | year | `2017` | year |
//! | decade | `1990/1999` | decade |
//! | century | `2000/2099` | century |
//! | range A–B | start form of A `/` end form of B | the finer grain |
//!
//! This module does not parse text and does not infer missing years: see
//! `grammar.rs` and [`infer_year`].

use crate::extract::{DateValue, Grain};
use jiff::ToSpan;
use jiff::civil::Date;

/// One calendar unit with a known year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cal {
    Day(Date),
    /// The ISO week starting on this Monday.
    Week(Date),
    Month(i16, i8),
    /// Quarter 1–4.
    Quarter(i16, u8),
    /// Half-year 1–2.
    Half(i16, u8),
    /// Season 1 spring … 4 winter; winter `y` is December `y-1` – February `y`.
    Season(i16, u8),
    Year(i16),
    /// The decade starting with this year (1990).
    Decade(i16),
    /// The century starting with this year (2000 for the 21st).
    Century(i16),
    /// An interval of days (parts of months, relative periods).
    Days(Date, Date),
    /// An interval of months (parts of years): (y, m) to (y, m).
    Months((i16, i8), (i16, i8)),
}

/// An open interval named by a signal word around a date: "since 2015",
/// "с 2015 года" (from its start), "after 2018", "после 2018 года" (from
/// the next unit), "until March", "до конца года", "by 2020" (to its
/// end), "before 2010" (to the unit before). It is a kind of value (see
/// [`open`]), so it lives here; the grammar only names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Open {
    No,
    Since,
    After,
    Until,
    Before,
}

fn date(y: i16, m: i8, d: i8) -> Option<Date> {
    Date::new(y, m, d).ok()
}

fn last_day(y: i16, m: i8) -> Option<Date> {
    Some(date(y, m, 1)?.last_of_month())
}

fn ym_add(y: i16, m: i8, months: i32) -> (i16, i8) {
    let idx = y as i32 * 12 + (m as i32 - 1) + months;
    ((idx.div_euclid(12)) as i16, (idx.rem_euclid(12) + 1) as i8)
}

impl Cal {
    /// First and last day covered.
    pub fn bounds(&self) -> Option<(Date, Date)> {
        Some(match *self {
            Cal::Day(d) => (d, d),
            Cal::Week(mon) => (mon, mon.checked_add(6.days()).ok()?),
            Cal::Month(y, m) => (date(y, m, 1)?, last_day(y, m)?),
            Cal::Quarter(y, q) => {
                let m = (q as i8 - 1) * 3 + 1;
                (date(y, m, 1)?, last_day(y, m + 2)?)
            }
            Cal::Half(y, h) => {
                let m = (h as i8 - 1) * 6 + 1;
                (date(y, m, 1)?, last_day(y, m + 5)?)
            }
            Cal::Season(y, s) => {
                let ((y0, m0), (y1, m1)) = season_months(y, s);
                (date(y0, m0, 1)?, last_day(y1, m1)?)
            }
            Cal::Year(y) => (date(y, 1, 1)?, date(y, 12, 31)?),
            Cal::Decade(y) => (date(y, 1, 1)?, date(y + 9, 12, 31)?),
            Cal::Century(y) => (date(y, 1, 1)?, date(y + 99, 12, 31)?),
            Cal::Days(a, b) => (a, b),
            Cal::Months((y0, m0), (y1, m1)) => (date(y0, m0, 1)?, last_day(y1, m1)?),
        })
    }

    pub fn grain(&self) -> Grain {
        match self {
            Cal::Day(_) | Cal::Days(..) => Grain::Day,
            Cal::Week(_) => Grain::Week,
            Cal::Month(..) | Cal::Season(..) | Cal::Months(..) => Grain::Month,
            Cal::Quarter(..) | Cal::Half(..) => Grain::Quarter,
            Cal::Year(_) => Grain::Year,
            Cal::Decade(_) => Grain::Decade,
            Cal::Century(_) => Grain::Century,
        }
    }

    /// The unit `k` steps after this one (before it for negative `k`); a
    /// unit without a natural step (a part of a month, a span of months)
    /// steps by days from its last or first day.
    pub fn next(&self, k: i32) -> Option<Cal> {
        let q = |idx: i32| Cal::Quarter(idx.div_euclid(4) as i16, (idx.rem_euclid(4) + 1) as u8);
        let h = |idx: i32| Cal::Half(idx.div_euclid(2) as i16, (idx.rem_euclid(2) + 1) as u8);
        Some(match *self {
            Cal::Day(d) => Cal::Day(d.checked_add((k as i64).days()).ok()?),
            Cal::Week(mon) => Cal::Week(mon.checked_add((7 * k as i64).days()).ok()?),
            Cal::Month(y, m) => {
                let (y, m) = ym_add(y, m, k);
                Cal::Month(y, m)
            }
            Cal::Quarter(y, n) => q(y as i32 * 4 + n as i32 - 1 + k),
            Cal::Half(y, n) => h(y as i32 * 2 + n as i32 - 1 + k),
            Cal::Year(y) => Cal::Year(y.checked_add(k as i16)?),
            Cal::Decade(y) => Cal::Decade(y.checked_add(10 * k as i16)?),
            Cal::Century(y) => Cal::Century(y.checked_add(100 * k as i16)?),
            Cal::Season(..) | Cal::Days(..) | Cal::Months(..) => {
                let (a, b) = self.bounds()?;
                let d = if k >= 0 { b } else { a };
                Cal::Day(d.checked_add((k as i64).days()).ok()?)
            }
        })
    }

    /// The ISO form of a single unit.
    pub fn iso(&self) -> Option<String> {
        Some(match *self {
            Cal::Day(d) => day_iso(d),
            Cal::Week(mon) => {
                let w = mon.iso_week_date();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Cal::Month(y, m) => format!("{y:04}-{m:02}"),
            Cal::Year(y) => format!("{y:04}"),
            _ => format!("{}/{}", self.start_form()?, self.end_form()?),
        })
    }

    /// How this unit is written as the start of an interval.
    fn start_form(&self) -> Option<String> {
        Some(match *self {
            Cal::Day(d) | Cal::Week(d) | Cal::Days(d, _) => day_iso(d),
            Cal::Month(y, m) => format!("{y:04}-{m:02}"),
            Cal::Quarter(..) | Cal::Half(..) | Cal::Season(..) | Cal::Months(..) => {
                let (a, _) = self.bounds()?;
                format!("{:04}-{:02}", a.year(), a.month())
            }
            Cal::Year(y) | Cal::Decade(y) | Cal::Century(y) => format!("{y:04}"),
        })
    }

    /// How this unit is written as the end of an interval.
    fn end_form(&self) -> Option<String> {
        Some(match *self {
            Cal::Day(d) => day_iso(d),
            Cal::Week(_) | Cal::Days(..) => day_iso(self.bounds()?.1),
            Cal::Month(y, m) => format!("{y:04}-{m:02}"),
            Cal::Quarter(..) | Cal::Half(..) | Cal::Season(..) | Cal::Months(..) => {
                let (_, b) = self.bounds()?;
                format!("{:04}-{:02}", b.year(), b.month())
            }
            Cal::Year(y) => format!("{y:04}"),
            Cal::Decade(y) => format!("{:04}", y + 9),
            Cal::Century(y) => format!("{:04}", y + 99),
        })
    }
}

fn day_iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// (first month, last month) of season `s` of year `y`.
pub fn season_months(y: i16, s: u8) -> ((i16, i8), (i16, i8)) {
    match s {
        1 => ((y, 3), (y, 5)),
        2 => ((y, 6), (y, 8)),
        3 => ((y, 9), (y, 11)),
        _ => ((y - 1, 12), (y, 2)),
    }
}

/// The value of one unit.
pub fn single(c: Cal, relative: bool) -> Option<DateValue> {
    let (a, b) = c.bounds()?;
    Some(DateValue { iso: Some(c.iso()?), gte: Some(day_iso(a)), lte: Some(day_iso(b)), grain: c.grain(), relative })
}

/// The value of a range from `a` to `b` (`a` must not start after `b`).
pub fn range(a: Cal, b: Cal, relative: bool) -> Option<DateValue> {
    let (a0, _) = a.bounds()?;
    let (b0, b1) = b.bounds()?;
    if a0 > b0 {
        return None;
    }
    if a == b {
        return single(a, relative);
    }
    let grain = a.grain().min(b.grain());
    Some(DateValue {
        iso: Some(format!("{}/{}", a.start_form()?, b.end_form()?)),
        gte: Some(day_iso(a0)),
        lte: Some(day_iso(b1)),
        grain,
        relative,
    })
}

/// The value of an open interval bounded by `c` (see [`Open`]): `iso` with
/// `..` on the open side (ISO 8601-2), that side's `gte`/`lte` null, the
/// grain of `c`. "after 2018" starts with 2019, "before March" ends with
/// February: the bound is the next or previous unit of the same kind.
pub fn open(c: Cal, side: Open, relative: bool) -> Option<DateValue> {
    let (c, from) = match side {
        Open::Since => (c, true),
        Open::After => (c.next(1)?, true),
        Open::Until => (c, false),
        Open::Before => (c.next(-1)?, false),
        Open::No => return single(c, relative),
    };
    let (a, b) = c.bounds()?;
    Some(if from {
        DateValue {
            iso: Some(format!("{}/..", c.start_form()?)),
            gte: Some(day_iso(a)),
            lte: None,
            grain: c.grain(),
            relative,
        }
    } else {
        DateValue {
            iso: Some(format!("../{}", c.end_form()?)),
            gte: None,
            lte: Some(day_iso(b)),
            grain: c.grain(),
            relative,
        }
    })
}

/// An expression that needs an anchor and has none.
pub fn unresolved(grain: Grain) -> DateValue {
    DateValue { iso: None, gte: None, lte: None, grain, relative: true }
}

/// The year of a year-less month/day, given the anchor: the anchor's year,
/// unless that puts the date more than 8 months after the anchor (then the
/// year before: "21 декабря" in a January release) or more than 10 months
/// before it (then the year after: "15 января" in a late-December
/// release). Press releases talk about the recent past more than the far
/// future, hence the asymmetry.
pub fn infer_year(anchor: Date, month: i8, day: Option<i8>) -> i16 {
    let y = anchor.year();
    let d = day.unwrap_or(15).min(28);
    let Ok(cand) = Date::new(y, month, d) else { return y };
    let Ok(diff) = anchor.until(cand) else { return y };
    let days = diff.get_days() as i64;
    if days > 243 {
        y - 1
    } else if days < -304 {
        y + 1
    } else {
        y
    }
}

/// Months between two year-months.
pub fn months_add(y: i16, m: i8, k: i32) -> (i16, i8) {
    ym_add(y, m, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, dd: i8) -> Date {
        Date::new(y, m, dd).unwrap()
    }

    #[test]
    fn iso_forms() {
        let v = single(Cal::Day(d(2017, 9, 13)), false).unwrap();
        assert_eq!(
            (v.iso.as_deref(), v.gte.as_deref(), v.lte.as_deref()),
            (Some("2017-09-13"), Some("2017-09-13"), Some("2017-09-13"))
        );
        let v = single(Cal::Quarter(2018, 3), false).unwrap();
        assert_eq!(
            (v.iso.as_deref(), v.gte.as_deref(), v.lte.as_deref()),
            (Some("2018-07/2018-09"), Some("2018-07-01"), Some("2018-09-30"))
        );
        let v = single(Cal::Season(2018, 4), false).unwrap();
        assert_eq!(
            (v.iso.as_deref(), v.gte.as_deref(), v.lte.as_deref()),
            (Some("2017-12/2018-02"), Some("2017-12-01"), Some("2018-02-28"))
        );
        let v = single(Cal::Decade(1990), false).unwrap();
        assert_eq!(
            (v.iso.as_deref(), v.lte.as_deref(), v.grain),
            (Some("1990/1999"), Some("1999-12-31"), Grain::Decade)
        );
        let v = single(Cal::Week(d(2013, 2, 4)), true).unwrap();
        assert_eq!((v.iso.as_deref(), v.lte.as_deref()), (Some("2013-W06"), Some("2013-02-10")));
        let v = range(Cal::Year(2003), Cal::Year(2018), false).unwrap();
        assert_eq!(
            (v.iso.as_deref(), v.gte.as_deref(), v.lte.as_deref(), v.grain),
            (Some("2003/2018"), Some("2003-01-01"), Some("2018-12-31"), Grain::Year)
        );
        let v = range(Cal::Day(d(2017, 9, 13)), Cal::Day(d(2017, 9, 15)), false).unwrap();
        assert_eq!(v.iso.as_deref(), Some("2017-09-13/2017-09-15"));
        assert!(range(Cal::Year(2018), Cal::Year(2003), false).is_none());
    }

    #[test]
    fn new_year_rule() {
        assert_eq!(infer_year(d(2018, 1, 10), 12, Some(21)), 2017);
        assert_eq!(infer_year(d(2017, 12, 20), 1, Some(15)), 2018);
        assert_eq!(infer_year(d(2017, 12, 20), 3, None), 2017);
        assert_eq!(infer_year(d(2017, 9, 13), 9, Some(13)), 2017);
        assert_eq!(infer_year(d(2013, 2, 12), 12, Some(10)), 2012);
    }
}
