//! The DATE grammar's core: the expression type [`E`] (a calendar
//! unit before year inference), the parsed [`Atom`] (one expression, or
//! the two ends of a range), the parser state [`P`] with its token helpers
//! and the pieces that every rule reads (day numbers, month names, year
//! references, counts, Roman numerals), and the resolution of an
//! expression into calendar units ([`P::to_cal`], with the year of a
//! year-less date chosen by the clause's tense, see DESIGN.md).
//!
//! The composition model (DESIGN.md, "Why a compositional date grammar?"):
//! rules are grouped by family, one file each, and every rule reads
//! forward from a token into an [`Atom`]:
//! - `absolute.rs`: numeric dates, day-first and month-first dates, years
//!   and decades (`13.09.2017`, `13 сентября 2017 года`, `September 13`,
//!   `the 1990s`);
//! - `period.rs`: named periods: quarters and halves, centuries, seasons,
//!   parts of a month or year, holidays (`Q3 2018`, `XXI век`, `весной`,
//!   `early March`, `Easter 2019`);
//! - `ordinal.rs`: ordinal-of-period: the Nth day of a month, the Nth
//!   weekday of a month, week numbers (`the 3rd day of next month`, `the
//!   last Friday of October`, `the second week of 2019`);
//! - `offset.rs`: expressions relative to the anchor and shifts from it
//!   (`вчера`, `next Tuesday`, `3 days ago`, `через неделю`, `the next 10
//!   days`);
//! - `interval.rs`: two expressions joined into a range, open intervals
//!   ("since 2015") and list continuations;
//! - `compose.rs`: the choice of the best rule at a token.
//!
//! This file holds no rule. It does not produce record values (see
//! `value.rs`) nor decide spans' leading prepositions (see `mod.rs`).
//! Times of day are not read: a date followed by "в 10:00" ends before
//! the time.

use super::value::{Cal, Open, infer_year, months_add};
use crate::document::Lang;
use crate::extract::Grain;
use crate::extract::lexicon::{Entry, Lexicon, Part, Unit, lower_into, word_eq};
use crate::extract::number;
use crate::token::{TokKind, Token, flag};
use jiff::ToSpan;
use jiff::civil::Date;

/// An expression before year inference.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum E {
    Day {
        y: Option<i16>,
        m: i8,
        d: i8,
    },
    Month {
        y: Option<i16>,
        m: i8,
    },
    /// A day number alone: only the start of a range ("13–15 сентября").
    BareDay(i8),
    Year(i16),
    Quarter {
        y: Option<i16>,
        q: u8,
    },
    Half {
        y: Option<i16>,
        h: u8,
    },
    Season {
        y: Option<i16>,
        s: u8,
    },
    PartMonth {
        y: Option<i16>,
        m: i8,
        p: Part,
    },
    PartYear {
        y: i16,
        p: Part,
    },
    Decade(i16),
    Century(i16),
    /// Already resolved against the anchor (relative expressions).
    Cal(Cal),
    /// Relative, but there is no anchor.
    Unresolved(Grain),
}

/// One parsed expression: tokens `[start, end)`, its value (`e2`: the end
/// of a range; `open`: an open interval bounded by `e`), whether it stands
/// on its own (`strong`) and whether it is relative to the anchor.
#[derive(Clone, Copy, Debug)]
pub struct Atom {
    pub start: usize,
    pub end: usize,
    pub e: E,
    pub e2: Option<E>,
    pub open: Open,
    pub strong: bool,
    pub relative: bool,
}

impl Atom {
    pub(super) fn new(start: usize, end: usize, e: E, strong: bool) -> Atom {
        Atom { start, end, e, e2: None, open: Open::No, strong, relative: false }
    }
    pub(super) fn rel(start: usize, end: usize, e: E) -> Atom {
        Atom { start, end, e, e2: None, open: Open::No, strong: true, relative: true }
    }
}

/// A year reference after a month or a day: absolute, or relative to the
/// anchor's year ("прошлого года").
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum YRef {
    Abs(i16),
    Rel(i8),
}

pub(super) const RU_ORD_SUFFIX: &[&str] =
    &["го", "е", "ое", "ого", "й", "ый", "ой", "м", "ом", "ым", "ему", "му", "ая", "ья", "я"];
pub(super) const EN_ORD_SUFFIX: &[&str] = &["st", "nd", "rd", "th"];
/// Words after which a 4-digit number is a year.
pub(super) const YEAR_PREPS: &[&str] = &[
    "в",
    "во",
    "с",
    "со",
    "до",
    "к",
    "ко",
    "по",
    "от",
    "за",
    "на",
    "после",
    "около",
    "начиная",
    "in",
    "since",
    "by",
    "until",
    "till",
    "before",
    "after",
    "during",
    "from",
    "through",
    "of",
    "circa",
    "year",
];
/// Words that may follow a bare year without making it a quantity.
pub(super) const AFTER_YEAR: &[&str] = &[
    "и",
    "или",
    "а",
    "но",
    "по",
    "до",
    "когда",
    "and",
    "or",
    "to",
    "the",
    "a",
    "an",
    "when",
    "with",
    "as",
    "but",
    "for",
    "after",
    "before",
    "at",
    "was",
    "were",
    "is",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "its",
    "their",
    "his",
    "her",
    "through",
    "until",
    "that",
    "which",
    "while",
    "from",
    "in",
    "on",
    "by",
    "this",
    "there",
    "alone",
    "only",
];
/// Words before an English month name that make it a month on its own.
pub(super) const MONTH_PREPS: &[&str] = &[
    "in", "since", "until", "till", "by", "from", "during", "through", "of", "before", "after", "early", "late", "mid",
];
/// Words before "10.12." that make it a section number, not a date.
pub(super) const SECTION_WORDS: &[&str] = &[
    "п",
    "пп",
    "пункт",
    "пункта",
    "пункте",
    "пунктом",
    "ст",
    "статья",
    "статьи",
    "статье",
    "статьей",
    "раздел",
    "раздела",
    "разделе",
    "глава",
    "главы",
    "главе",
    "ч",
    "часть",
    "части",
    "табл",
    "таблица",
    "таблице",
    "рис",
    "рисунок",
    "версия",
    "версии",
    "section",
    "sec",
    "art",
    "article",
    "clause",
    "item",
    "no",
    "table",
    "figure",
    "fig",
    "version",
    "v",
    "chapter",
    "paragraph",
    "para",
    "rule",
    "§",
    "№",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    Unknown,
}

/// Words that put a clause in the future.
pub(super) const FUTURE_WORDS: &[&str] = &[
    "будет",
    "будут",
    "буду",
    "будем",
    "состоится",
    "состоятся",
    "пройдет",
    "пройдут",
    "планирует",
    "планируется",
    "планируют",
    "намерен",
    "намерена",
    "намерены",
    "собирается",
    "предстоит",
    "откроется",
    "начнется",
    "завершится",
    "ожидается",
    "will",
    "shall",
    "ll",
    "scheduled",
    "upcoming",
    "planned",
    "plans",
    "expected",
];
/// Past-tense words that the ending rules below miss.
pub(super) const PAST_WORDS: &[&str] = &[
    "был",
    "была",
    "было",
    "были",
    "стал",
    "стала",
    "стало",
    "стали",
    "was",
    "were",
    "had",
    "did",
    "said",
    "held",
    "met",
    "took",
    "began",
    "made",
    "told",
    "gave",
    "came",
    "went",
    "won",
    "lost",
    "sent",
    "led",
    "paid",
    "found",
];
/// Nouns with past-tense-looking endings ("капитал", "правила").
pub(super) const NOT_PAST: &[&str] = &[
    "капитал",
    "материал",
    "сигнал",
    "финал",
    "персонал",
    "канал",
    "журнал",
    "потенциал",
    "интервал",
    "квартал",
    "генерал",
    "адмирал",
    "маршал",
    "карнавал",
    "вокзал",
    "идеал",
    "минерал",
    "сериал",
    "арсенал",
    "портал",
    "терминал",
    "мемориал",
    "правил",
    "автомобил",
    "профил",
    "могил",
    "провал",
    "скандал",
    "трибунал",
    "подвал",
    "перевал",
    "детал",
    "медал",
    "магистрал",
    "вертикал",
    "горизонтал",
    "прибыл",
    "начало",
    "need",
    "indeed",
    "proceed",
    "exceed",
    "succeed",
    "speed",
    "based",
    "related",
    "limited",
    "united",
    "scheduled",
    "planned",
    "expected",
    "hundred",
    "seed",
    "feed",
    "breed",
    "interested",
    "concerned",
    "detailed",
    "advanced",
    "qualified",
    "experienced",
];

/// Whether a lower-case word looks like a past-tense verb: Russian "-л",
/// "-ла", "-ли", "-лся" forms after a vowel, English "-ed".
pub(super) fn is_past_verb(w: &str) -> bool {
    if PAST_WORDS.contains(&w) {
        return true;
    }
    if NOT_PAST.iter().any(|n| w.starts_with(n)) {
        return false;
    }
    let chars = w.chars().count();
    if w.is_ascii() {
        return chars >= 5 && w.ends_with("ed");
    }
    if chars < 5 {
        return false;
    }
    if ["лся", "лась", "лось", "лись"].iter().any(|e| w.ends_with(e)) {
        return true;
    }
    ["ил", "ила", "или", "ило", "ал", "ала", "али", "ало", "ял", "яла", "яли", "яло", "ыл", "ыла", "ыли", "ыло"]
        .iter()
        .any(|e| w.ends_with(e))
}

/// The weekday `wd` nearest the anchor in the direction the tense says:
/// the last one before it (past) or the next one after it.
pub(super) fn nearest_weekday(a: Date, wd: u8, tense: Tense) -> Option<Date> {
    let cur = a.weekday().to_monday_one_offset() as i64;
    let wd = wd as i64;
    let days = match tense {
        Tense::Past => {
            let back = (cur - wd).rem_euclid(7);
            -(if back == 0 { 7 } else { back })
        }
        _ => {
            let fwd = (wd - cur).rem_euclid(7);
            if fwd == 0 { 7 } else { fwd }
        }
    };
    a.checked_add(days.days()).ok()
}

pub struct P<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub lex: &'a Lexicon,
    pub lang: Lang,
    pub anchor: Option<Date>,
    /// English numeric dates are day first ("25/12/2018"): the region is
    /// not one that writes the month first (see [`month_first_region`]).
    pub dmy: bool,
}

/// Regions whose English writes numeric dates month first ("12/25/2018"):
/// the United States and its territories, and the countries that follow
/// its usage (Philippines, Micronesia, Marshall Islands, Palau, Belize,
/// and Canada, where it is the commoner of two).
pub fn month_first_region(region: &str) -> bool {
    matches!(region, "US" | "PR" | "GU" | "VI" | "AS" | "MP" | "UM" | "FM" | "MH" | "PW" | "PH" | "CA" | "BZ")
}

/// Month-name token facts.
#[derive(Clone, Copy)]
pub(super) struct MonthTok {
    pub(super) m: i8,
    pub(super) end: usize,
    pub(super) abbr: bool,
    /// Latin, lower case, or a word that is also a common English word
    /// ("may", "march"): not a month on its own.
    pub(super) weak: bool,
}

impl<'a> P<'a> {
    pub(super) fn word(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).filter(|t| t.kind == TokKind::Word).map(|t| t.text(self.text))
    }

    pub(super) fn entry(&self, i: usize) -> Option<&'a Entry> {
        self.word(i).and_then(|w| self.lex.lookup(w))
    }

    pub(super) fn is(&self, i: usize, words: &[&str]) -> bool {
        let Some(w) = self.word(i) else { return false };
        words.iter().any(|x| word_eq(w, x))
    }

    pub(super) fn punct(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).filter(|t| t.kind == TokKind::Punct).map(|t| t.text(self.text))
    }

    pub(super) fn p_is(&self, i: usize, s: &str) -> bool {
        self.punct(i) == Some(s)
    }

    pub(super) fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued())
    }

    /// A `Num` token's value and digit count (up to 9 digits).
    pub(super) fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i).filter(|t| t.kind == TokKind::Num)?;
        let s = t.text(self.text);
        if s.len() > 9 {
            return None;
        }
        Some((number::digits_value(s)? as u32, s.len()))
    }

    pub(super) fn en(&self) -> bool {
        self.lang != Lang::Ru
    }

    pub(super) fn is_dash(&self, i: usize) -> bool {
        matches!(self.punct(i), Some("-" | "–" | "—" | "‒" | "−"))
    }

    /// A day of the month: "13", "13-е", "18-го", "15th", "третьего",
    /// "twenty-first". Returns (day, end, has ordinal marking).
    pub(super) fn day_num(&self, i: usize) -> Option<(i8, usize, bool)> {
        if let Some((v, len)) = self.num(i) {
            if len > 2 || v == 0 || v > 31 {
                return None;
            }
            // The minutes of "12:30", the decimals of "6,107.31", "1/2".
            if i >= 2
                && matches!(self.punct(i - 1), Some(":" | "." | "," | "/"))
                && self.glued(i)
                && self.glued(i - 1)
                && self.toks[i - 2].kind == TokKind::Num
            {
                return None;
            }
            let mut end = i + 1;
            let mut ord = false;
            if self.p_is(end, "-") && self.glued(end) && self.glued(end + 1) && self.is(end + 1, RU_ORD_SUFFIX) {
                end += 2;
                ord = true;
            } else if self.glued(end) && self.is(end, EN_ORD_SUFFIX) {
                end += 1;
                ord = true;
            }
            return Some((v as i8, end, ord));
        }
        // Not the tail of "twenty-seventh".
        if i >= 2 && self.p_is(i - 1, "-") && self.glued(i) && self.entry(i - 2).is_some_and(|e| e.card.is_some()) {
            return None;
        }
        let (v, end) = number::ordinal_words(self.text, self.toks, self.lex, i)?;
        Some((v as i8, end, true))
    }

    pub(super) fn month_at(&self, i: usize) -> Option<MonthTok> {
        let e = self.entry(i)?;
        if e.month == 0 {
            return None;
        }
        let t = &self.toks[i];
        let mut end = i + 1;
        if e.month_abbr && self.p_is(end, ".") && self.glued(end) {
            end += 1;
        }
        let weak = t.is(flag::LAT) && (!t.is_capitalized() || self.is(i, &["may", "march", "mar", "august"]));
        Some(MonthTok { m: e.month as i8, end, abbr: e.month_abbr, weak })
    }

    /// "г.", "гг.", "года", "году" after a year: the end past it.
    pub(super) fn year_marker(&self, k: usize) -> Option<usize> {
        if self.is(k, &["г", "гг"]) {
            let mut e = k + 1;
            if self.p_is(e, ".") && self.glued(e) {
                e += 1;
                // "г.г."
                if self.is(e, &["г"]) && self.glued(e) {
                    e += 1;
                    if self.p_is(e, ".") && self.glued(e) {
                        e += 1;
                    }
                }
            }
            return Some(e);
        }
        let t = self.toks.get(k)?;
        if t.is(flag::CYR) && self.entry(k).is_some_and(|e| e.unit == Some(Unit::Year)) && !self.is(k, &["лет"]) {
            return Some(k + 1);
        }
        None
    }

    /// A year after a month or day: ", 2017", "2017 года", "of 2020",
    /// "прошлого года", "с.г.", "nineteen seventy two".
    pub(super) fn year_after(&self, j: usize) -> Option<(YRef, usize)> {
        let mut k = j;
        if self.en() && (self.p_is(k, ",") || self.is(k, &["of", "in"])) {
            k += 1;
        }
        if let Some((v, 4)) = self.num(k)
            && (1000..=2999).contains(&v)
            && !self.p_is(k + 1, ":")
        {
            let mut end = k + 1;
            // "в апреле 1945-го"
            if self.p_is(end, "-") && self.glued(end) && self.glued(end + 1) && self.is(end + 1, &["го", "м", "й"])
            {
                end += 2;
            }
            let end = self.year_marker(end).unwrap_or(end);
            return Some((YRef::Abs(v as i16), end));
        }
        // "'17"
        if self.en()
            && matches!(self.punct(k), Some("'" | "’"))
            && self.glued(k + 1)
            && let Some((v, 2)) = self.num(k + 1)
        {
            return Some((YRef::Abs(2000 + v as i16), k + 2));
        }
        if let Some(d) = self.entry(k).and_then(|e| e.deictic)
            && self.entry(k + 1).is_some_and(|e| e.unit == Some(Unit::Year))
            && !self.is(k + 1, &["лет", "годы", "годов", "годах", "годам", "годами", "years"])
        {
            return Some((YRef::Rel(d), k + 2));
        }
        // "с.г.", "т.г."
        if self.is(k, &["с", "т"]) && self.p_is(k + 1, ".") && self.is(k + 2, &["г"]) {
            let mut end = k + 3;
            if self.p_is(end, ".") && self.glued(end) {
                end += 1;
            }
            return Some((YRef::Rel(0), end));
        }
        if self.en()
            && let Some((y, end)) = self.year_words(k)
        {
            return Some((YRef::Abs(y), end));
        }
        None
    }

    /// An English year in words: "nineteen seventy two", "two thousand and
    /// fifteen".
    pub(super) fn year_words(&self, k: usize) -> Option<(i16, usize)> {
        let (v, end, _) = number::words(self.text, self.toks, self.lex, k)?;
        let v = v.as_u64()?;
        if (1000..=2999).contains(&v) {
            return Some((v as i16, end));
        }
        if (10..=20).contains(&v) {
            let (v2, end2, _) = number::words(self.text, self.toks, self.lex, end)?;
            let v2 = v2.as_u64()?;
            if (1..=99).contains(&v2) {
                return Some(((v * 100 + v2) as i16, end2));
            }
        }
        None
    }

    pub(super) fn yref(&self, r: YRef) -> Option<i16> {
        match r {
            YRef::Abs(y) => Some(y),
            YRef::Rel(d) => self.anchor.map(|a| a.year() + d as i16),
        }
    }

    /// A small count: "3", "три", "two", "a", "a couple of", "few".
    pub(super) fn count(&self, k: usize) -> Option<(u32, usize)> {
        if let Some((v, len)) = self.num(k) {
            return (len <= 3).then_some((v, k + 1));
        }
        if self.is(k, &["a", "an", "one"]) && self.entry(k + 1).is_some_and(|e| e.unit.is_some()) {
            return Some((1, k + 1));
        }
        if self.is(k, &["a"]) && self.is(k + 1, &["couple"]) && self.is(k + 2, &["of"]) {
            return Some((2, k + 3));
        }
        if self.is(k, &["few", "несколько"]) {
            return Some((3, k + 1));
        }
        let (v, end, scale) = number::words(self.text, self.toks, self.lex, k)?;
        let v = v.as_u64().filter(|v| *v >= 1 && *v <= 1000 && scale == 0)?;
        Some((v as u32, end))
    }

    pub(super) fn roman(&self, i: usize) -> Option<u32> {
        let w = self.word(i)?;
        if w.len() > 6 || !w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L')) {
            return None;
        }
        let val = |b: u8| match b {
            b'I' => 1,
            b'V' => 5,
            b'X' => 10,
            _ => 50,
        };
        let bytes = w.as_bytes();
        let mut total = 0i32;
        for k in 0..bytes.len() {
            let v = val(bytes[k]);
            if bytes.get(k + 1).is_some_and(|&n| val(n) > v) {
                total -= v;
            } else {
                total += v;
            }
        }
        (total > 0).then_some(total as u32)
    }

    /// The tense of the clause around token `i`: a past-tense verb makes a
    /// bare weekday the last one, a future marker (or nothing) the next.
    pub(super) fn tense(&self, i: usize) -> Tense {
        let (mut past, mut future) = (false, false);
        let mut look = |k: usize| {
            let Some(w) = self.word(k) else { return };
            // Names ("Людмила") look like verbs; verbs are rarely capitalized.
            if self.toks[k].is(flag::CYR) && self.toks[k].is_capitalized() {
                return;
            }
            let mut b = [0u8; 64];
            let Some(l) = lower_into(w, &mut b) else { return };
            // "are offered", "is expected": a present passive, not the past.
            let passive = l.is_ascii() && k > 0 && self.is(k - 1, &["is", "are", "am", "be", "being"]);
            if FUTURE_WORDS.contains(&l) {
                future = true;
            } else if is_past_verb(l) && !passive {
                past = true;
            }
        };
        let stop =
            |k: usize| matches!(self.punct(k), Some("." | "!" | "?" | ";")) || self.toks[k].is(flag::LINE_BEFORE);
        let mut k = i;
        for _ in 0..12 {
            if k == 0 || stop(k) {
                break;
            }
            k -= 1;
            if matches!(self.punct(k), Some("." | "!" | "?" | ";")) {
                break;
            }
            look(k);
        }
        for k in (i + 1..self.toks.len()).take(12) {
            if stop(k) {
                break;
            }
            look(k);
        }
        if future {
            Tense::Future
        } else if past {
            Tense::Past
        } else {
            Tense::Unknown
        }
    }

    /// The calendar unit of an expression: `Ok` resolved, `Err(grain)` when
    /// it needs an anchor there is not; `None` when it is not a date
    /// (31 February).
    /// `at`: the token whose clause's tense may pick the year of a
    /// year-less date (see [`Self::year_for`]).
    pub fn to_cal(&self, e: E, at: Option<usize>) -> Option<Result<Cal, Grain>> {
        let a = self.anchor;
        let year = |y: Option<i16>, m: i8, d: Option<i8>| y.or_else(|| self.year_for(m, d, at));
        Some(Ok(match e {
            E::Day { y, m, d } => match year(y, m, Some(d)) {
                Some(y) => Cal::Day(Date::new(y, m, d).ok()?),
                None => return valid_day(None, m, d).then_some(Err(Grain::Day)),
            },
            E::Month { y, m } => match year(y, m, None) {
                Some(y) => Cal::Month(y, m),
                None => return Some(Err(Grain::Month)),
            },
            E::BareDay(_) => return None,
            E::Year(y) => Cal::Year(y),
            E::Quarter { y, q } => match y.or(a.map(|a| a.year())) {
                Some(y) => Cal::Quarter(y, q),
                None => return Some(Err(Grain::Quarter)),
            },
            E::Half { y, h } => match y.or(a.map(|a| a.year())) {
                Some(y) => Cal::Half(y, h),
                None => return Some(Err(Grain::Quarter)),
            },
            E::Season { y, s } => match y.or_else(|| a.map(|a| season_of_anchor(a, s))) {
                Some(y) => Cal::Season(y, s),
                None => return Some(Err(Grain::Month)),
            },
            E::PartMonth { y, m, p } => match year(y, m, None) {
                Some(y) => part_of_month(y, m, p)?,
                None => return Some(Err(Grain::Day)),
            },
            E::PartYear { y, p } => part_of_year(y, p),
            E::Decade(y) => Cal::Decade(y),
            E::Century(y) => Cal::Century(y),
            E::Cal(c) => c,
            E::Unresolved(g) => return Some(Err(g)),
        }))
    }

    /// Both ends of a range; a year-less end takes its year from the other
    /// end once that is resolved ("с 20 декабря по 10 января" spans New
    /// Year).
    pub fn range_cals(&self, ea: E, eb: E, at: Option<usize>) -> Option<(Result<Cal, Grain>, Result<Cal, Grain>)> {
        let ca = self.to_cal(ea, at)?;
        let eb = match (eb, &ca) {
            (E::Day { y: None, m, d }, Ok(c)) => {
                let (a0, _) = c.bounds()?;
                let y = if (m, d) < (a0.month(), a0.day()) { a0.year() + 1 } else { a0.year() };
                E::Day { y: Some(y), m, d }
            }
            (E::Month { y: None, m }, Ok(c)) => {
                let (a0, _) = c.bounds()?;
                E::Month { y: Some(if m < a0.month() { a0.year() + 1 } else { a0.year() }), m }
            }
            _ => eb,
        };
        Some((ca, self.to_cal(eb, at)?))
    }

    /// The year of a year-less month (and day): with a past-tense verb in
    /// its clause, the last occurrence up to a week after the anchor ("13 сентября
    /// начала работу"); with a future marker, the next one from the anchor
    /// ("15 января состоится"); otherwise the anchor-window rule of
    /// [`infer_year`].
    pub(super) fn year_for(&self, m: i8, d: Option<i8>, at: Option<usize>) -> Option<i16> {
        let a = self.anchor?;
        let base = infer_year(a, m, d);
        let Some(at) = at else { return Some(base) };
        let y = a.year();
        let day = d.unwrap_or(1).min(28);
        let this = Date::new(y, m, day).ok()?;
        Some(match self.tense(at) {
            // A week of slack: a release is sometimes dated a few days
            // before the events it reports in the past tense.
            Tense::Past => {
                if this <= a.checked_add(7.days()).unwrap_or(a) {
                    y
                } else {
                    y - 1
                }
            }
            Tense::Future => {
                let end = if d.is_some() { this } else { this.last_of_month() };
                if end >= a { y } else { y + 1 }
            }
            Tense::Unknown => base,
        })
    }
}

pub(super) fn valid_day(y: Option<i16>, m: i8, d: i8) -> bool {
    if !(1..=12).contains(&m) || d < 1 {
        return false;
    }
    match y {
        Some(y) => Date::new(y, m, d).is_ok(),
        None => d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(m - 1) as usize],
    }
}

pub(super) fn unit_grain(u: Unit) -> Grain {
    match u {
        Unit::Day => Grain::Day,
        Unit::Week | Unit::Fortnight => Grain::Week,
        Unit::Month => Grain::Month,
        Unit::Quarter | Unit::Half => Grain::Quarter,
        Unit::Year => Grain::Year,
        Unit::Decade => Grain::Decade,
        Unit::Century => Grain::Century,
    }
}

/// The day `n` calendar units after `d` (before it for negative `n`).
pub(super) fn add_units(d: Date, n: i64, unit: Unit) -> Option<Date> {
    match unit {
        Unit::Day => d.checked_add(n.days()),
        Unit::Week => d.checked_add(n.weeks()),
        Unit::Fortnight => d.checked_add((2 * n).weeks()),
        Unit::Month => d.checked_add(n.months()),
        Unit::Quarter => d.checked_add((3 * n).months()),
        Unit::Half => d.checked_add((6 * n).months()),
        Unit::Year => d.checked_add(n.years()),
        Unit::Decade => d.checked_add((10 * n).years()),
        Unit::Century => return None,
    }
    .ok()
}

/// The Monday of the anchor's week.
pub(super) fn monday(a: Date) -> Date {
    let back = a.weekday().to_monday_zero_offset() as i64;
    a.checked_sub(back.days()).unwrap_or(a)
}

/// Weekday `wd` (1 = Monday) of the anchor's week, shifted by `weeks`.
pub(super) fn same_week(a: Date, wd: u8, weeks: i8) -> Option<Date> {
    monday(a).checked_add((wd as i64 - 1 + 7 * weeks as i64).days()).ok()
}

/// The first date on or after the anchor (the last one on or before it, in
/// the past tense) that is day `d` of its month and falls on weekday `wd`
/// ("Fri 14th").
pub(super) fn weekday_day(a: Date, wd: u8, d: i8, past: bool) -> Option<Date> {
    for k in 0..28 {
        let (y, m) = months_add(a.year(), a.month(), if past { -k } else { k });
        if let Ok(date) = Date::new(y, m, d)
            && (if past { date <= a } else { date >= a })
            && date.weekday().to_monday_one_offset() as u8 == wd
        {
            return Some(date);
        }
    }
    None
}

pub(super) fn quarter_index(a: Date) -> i32 {
    a.year() as i32 * 4 + (a.month() as i32 - 1) / 3
}

/// The calendar unit "this/last/next `unit`" names.
pub(super) fn deictic_unit(a: Date, d: i8, unit: Unit) -> Option<Cal> {
    let d32 = d as i32;
    Some(match unit {
        Unit::Week => Cal::Week(monday(a).checked_add((7 * d as i64).days()).ok()?),
        Unit::Month => {
            let (y, m) = months_add(a.year(), a.month(), d32);
            Cal::Month(y, m)
        }
        Unit::Quarter => {
            let idx = quarter_index(a) + d32;
            Cal::Quarter(idx.div_euclid(4) as i16, (idx.rem_euclid(4) + 1) as u8)
        }
        Unit::Half => {
            let idx = a.year() as i32 * 2 + if a.month() > 6 { 1 } else { 0 } + d32;
            Cal::Half(idx.div_euclid(2) as i16, (idx.rem_euclid(2) + 1) as u8)
        }
        Unit::Year => Cal::Year(a.year() + d as i16),
        Unit::Decade => Cal::Decade(a.year() / 10 * 10 + 10 * d as i16),
        Unit::Day | Unit::Fortnight | Unit::Century => return None,
    })
}

/// The year whose season `s` is meant when no year is given: the anchor's,
/// and for winter the one that is current or just past in the first half
/// of the year, the coming one in the second.
pub(super) fn season_of_anchor(a: Date, s: u8) -> i16 {
    if s == 4 && a.month() > 6 { a.year() + 1 } else { a.year() }
}

/// Thirds of a month: 1–10, 11–20, 21–end.
pub(super) fn part_of_month(y: i16, m: i8, p: Part) -> Option<Cal> {
    let first = Date::new(y, m, 1).ok()?;
    let (s, e) = match p {
        Part::Begin => (1, 10),
        Part::Mid => (11, 20),
        Part::End => (21, first.days_in_month()),
    };
    Some(Cal::Days(Date::new(y, m, s).ok()?, Date::new(y, m, e).ok()?))
}

/// Parts of a year, as Duckling reads them: the beginning is the first
/// quarter, the middle May–August, the end September–December.
pub(super) fn part_of_year(y: i16, p: Part) -> Cal {
    match p {
        Part::Begin => Cal::Months((y, 1), (y, 3)),
        Part::Mid => Cal::Months((y, 5), (y, 8)),
        Part::End => Cal::Months((y, 9), (y, 12)),
    }
}

/// Completes the two ends of a range from each other.
pub(super) fn combine(a: E, b: E) -> Option<(E, E)> {
    use E::*;
    let after = |(m1, d1): (i8, i8), (m2, d2): (i8, i8)| (m1, d1) > (m2, d2);
    Some(match (a, b) {
        (BareDay(d1), Day { y, m, d: d2 }) => {
            if d1 < d2 {
                (Day { y, m, d: d1 }, b)
            } else {
                // "30 – 2 октября": the first day is in the month before.
                let (y1, m1) = if m == 1 { (y.map(|y| y - 1), 12) } else { (y, m - 1) };
                if !valid_day(y1, m1, d1) {
                    return None;
                }
                (Day { y: y1, m: m1, d: d1 }, b)
            }
        }
        (Day { y, m, d: d1 }, BareDay(d2)) => {
            if d2 <= d1 {
                // "from April 27 to the 3rd": the end is in the next month.
                let (y2, m2) = if m == 12 { (y.map(|y| y + 1), 1) } else { (y, m + 1) };
                if !valid_day(y2, m2, d2) {
                    return None;
                }
                return Some((a, Day { y: y2, m: m2, d: d2 }));
            }
            (a, Day { y, m, d: d2 })
        }
        (BareDay(_), _) | (_, BareDay(_)) => return None,
        (Day { y: y1, m: m1, d: d1 }, Day { y: y2, m: m2, d: d2 }) => {
            let (y1, y2) = fill_years(y1, y2, after((m1, d1), (m2, d2)));
            (Day { y: y1, m: m1, d: d1 }, Day { y: y2, m: m2, d: d2 })
        }
        (Month { y: y1, m: m1 }, Month { y: y2, m: m2 }) => {
            let (y1, y2) = fill_years(y1, y2, m1 > m2);
            (Month { y: y1, m: m1 }, Month { y: y2, m: m2 })
        }
        (Day { y: y1, m: m1, d }, Month { y: y2, m: m2 }) => {
            let (y1, y2) = fill_years(y1, y2, m1 > m2);
            (Day { y: y1, m: m1, d }, Month { y: y2, m: m2 })
        }
        (Month { y: y1, m: m1 }, Day { y: y2, m: m2, d }) => {
            let (y1, y2) = fill_years(y1, y2, m1 > m2);
            (Month { y: y1, m: m1 }, Day { y: y2, m: m2, d })
        }
        (Quarter { y: y1, q: q1 }, Quarter { y: y2, q: q2 }) => {
            let (y1, y2) = fill_years(y1, y2, q1 > q2);
            (Quarter { y: y1, q: q1 }, Quarter { y: y2, q: q2 })
        }
        (Half { y: y1, h: h1 }, Half { y: y2, h: h2 }) => {
            let (y1, y2) = fill_years(y1, y2, h1 > h2);
            (Half { y: y1, h: h1 }, Half { y: y2, h: h2 })
        }
        (Unresolved(_), _) | (_, Unresolved(_)) => return None,
        // Mixed kinds ("с 1 марта 2011 по декабрь 2015", "2019/aug/01 to
        // today") need their own years.
        (Day { y: None, .. } | Month { y: None, .. }, _) | (_, Day { y: None, .. } | Month { y: None, .. }) => {
            return None;
        }
        _ => (a, b),
    })
}

/// Years of a range's ends, each taken from the other when missing; `wraps`:
/// the first end falls later in its year than the second ("с 20 декабря по
/// 10 января").
pub(super) fn fill_years(y1: Option<i16>, y2: Option<i16>, wraps: bool) -> (Option<i16>, Option<i16>) {
    let w = wraps as i16;
    match (y1, y2) {
        (None, Some(y)) => (Some(y - w), Some(y)),
        (Some(y), None) => (Some(y), Some(y + w)),
        other => other,
    }
}
