//! The DATE grammar: token patterns that make a date expression, read
//! forward from a candidate token into an [`Atom`] (one expression, or the
//! two ends of a range).
//!
//! Families, each one method of [`P`]:
//! - numeric: `13.09.2017`, `2017-09-13`, `9/13/2017` (English: month
//!   first unless the first number is over 12), `10.12.` (Russian);
//! - day first: `13 сентября 2017 года`, `13-е февраля`, `15th of
//!   February`, `третьего марта 2015`, `05-Aug-2016`;
//! - month first: `September 13, 2017`, `Sept. 13`, `в сентябре 2017
//!   года`, `October 2014`, `в ноябре прошлого года`;
//! - years: `2003 году`, `в 2017 г.`, `in 2006`, `1990-е годы`, `the
//!   1990s`, `в 1997-м`; a bare 4-digit number is a year only with such
//!   context (else it is kept only as a possible range end);
//! - quarters and halves: `в III квартале 2018 г.`, `Q3 2018`, `2018Q4`,
//!   `первом полугодии`, `H1 2019`; centuries: `XXI век`, `21st century`;
//!   seasons: `весной 2002 года`, `summer 2018`; parts: `в начале 2016
//!   года`, `в конце сентября`, `early March`, `the end of 2012`;
//! - relative (need the anchor): `сегодня`, `вчера`, `в прошлом году`,
//!   `на следующей неделе`, `last week`, `next Tuesday`, `earlier this
//!   month`, `в понедельник`, `три дня назад`, `через неделю`, `in 2
//!   weeks`, `последние два месяца`, `next three days`;
//! - ranges: two expressions joined by a dash, `по`, `до`, `to`,
//!   `through`, `and` (after "between"), ends completed from each other
//!   (`13–15 сентября 2017 года`, `May 3-5`, `2003-2018 гг.`, `1980-88`).
//!
//! It does not produce values (see `value.rs`) and does not decide spans'
//! leading prepositions (see `mod.rs`). Times of day are not read: a date
//! followed by "в 10:00" ends before the time.

use super::holiday::Holidays;
use super::value::{Cal, infer_year, months_add};
use crate::document::Lang;
use crate::extract::Grain;
use crate::extract::lexicon::{Entry, Lexicon, Part, Unit, lower_into, word_eq};
use crate::extract::number;
use crate::token::{TokKind, Token, flag};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

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

/// An open interval named by a signal word around a date: "since 2015",
/// "с 2015 года" (from its start), "after 2018", "после 2018 года" (from
/// the next unit), "until March", "до конца года", "by 2020" (to its
/// end), "before 2010" (to the unit before).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Open {
    No,
    Since,
    After,
    Until,
    Before,
}

impl Atom {
    fn new(start: usize, end: usize, e: E, strong: bool) -> Atom {
        Atom { start, end, e, e2: None, open: Open::No, strong, relative: false }
    }
    fn rel(start: usize, end: usize, e: E) -> Atom {
        Atom { start, end, e, e2: None, open: Open::No, strong: true, relative: true }
    }
}

/// A year reference after a month or a day: absolute, or relative to the
/// anchor's year ("прошлого года").
#[derive(Clone, Copy, Debug, PartialEq)]
enum YRef {
    Abs(i16),
    Rel(i8),
}

const RU_ORD_SUFFIX: &[&str] =
    &["го", "е", "ое", "ого", "й", "ый", "ой", "м", "ом", "ым", "ему", "му", "ая", "ья", "я"];
const EN_ORD_SUFFIX: &[&str] = &["st", "nd", "rd", "th"];
/// Words after which a 4-digit number is a year.
const YEAR_PREPS: &[&str] = &[
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
const AFTER_YEAR: &[&str] = &[
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
const MONTH_PREPS: &[&str] = &[
    "in", "since", "until", "till", "by", "from", "during", "through", "of", "before", "after", "early", "late", "mid",
];
/// Words before "10.12." that make it a section number, not a date.
const SECTION_WORDS: &[&str] = &[
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
enum Tense {
    Past,
    Future,
    Unknown,
}

/// Words that put a clause in the future.
const FUTURE_WORDS: &[&str] = &[
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
const PAST_WORDS: &[&str] = &[
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
const NOT_PAST: &[&str] = &[
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
fn is_past_verb(w: &str) -> bool {
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
fn nearest_weekday(a: Date, wd: u8, tense: Tense) -> Option<Date> {
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
struct MonthTok {
    m: i8,
    end: usize,
    abbr: bool,
    /// Latin, lower case, or a word that is also a common English word
    /// ("may", "march"): not a month on its own.
    weak: bool,
}

impl<'a> P<'a> {
    // ---- token helpers ----

    fn word(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).filter(|t| t.kind == TokKind::Word).map(|t| t.text(self.text))
    }
    fn entry(&self, i: usize) -> Option<&'a Entry> {
        self.word(i).and_then(|w| self.lex.lookup(w))
    }
    fn is(&self, i: usize, words: &[&str]) -> bool {
        let Some(w) = self.word(i) else { return false };
        words.iter().any(|x| word_eq(w, x))
    }
    fn punct(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).filter(|t| t.kind == TokKind::Punct).map(|t| t.text(self.text))
    }
    fn p_is(&self, i: usize, s: &str) -> bool {
        self.punct(i) == Some(s)
    }
    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued())
    }
    /// A `Num` token's value and digit count (up to 9 digits).
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i).filter(|t| t.kind == TokKind::Num)?;
        let s = t.text(self.text);
        if s.len() > 9 {
            return None;
        }
        Some((number::digits_value(s)? as u32, s.len()))
    }
    fn en(&self) -> bool {
        self.lang != Lang::Ru
    }
    fn is_dash(&self, i: usize) -> bool {
        matches!(self.punct(i), Some("-" | "–" | "—" | "‒" | "−"))
    }

    // ---- pieces ----

    /// A day of the month: "13", "13-е", "18-го", "15th", "третьего",
    /// "twenty-first". Returns (day, end, has ordinal marking).
    fn day_num(&self, i: usize) -> Option<(i8, usize, bool)> {
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

    fn month_at(&self, i: usize) -> Option<MonthTok> {
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
    fn year_marker(&self, k: usize) -> Option<usize> {
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
    fn year_after(&self, j: usize) -> Option<(YRef, usize)> {
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
    fn year_words(&self, k: usize) -> Option<(i16, usize)> {
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

    fn yref(&self, r: YRef) -> Option<i16> {
        match r {
            YRef::Abs(y) => Some(y),
            YRef::Rel(d) => self.anchor.map(|a| a.year() + d as i16),
        }
    }

    /// A small count: "3", "три", "two", "a", "a couple of", "few".
    fn count(&self, k: usize) -> Option<(u32, usize)> {
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

    fn roman(&self, i: usize) -> Option<u32> {
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

    // ---- atoms ----

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
                take(self.century(i));
                take(self.ago_or_in(i));
                take(self.bare_day(i));
                take(self.day_of_month(i));
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
                    }
                    if e.ord != 0 || e.card.is_some() {
                        take(self.day_of_month(i));
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

    /// "13.09.2017", "2017-09-13", "9/13/2017", "31/10/74", "10.12.", and
    /// two of one shape joined by a glued dash ("10/1/2018-10/7/2018",
    /// "10/1-11/7").
    fn numeric(&self, i: usize) -> Option<Atom> {
        if let Some(a) = self.numeric_one(i, true) {
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
    fn numeric_one(&self, i: usize, ctx: bool) -> Option<Atom> {
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
    fn bare_day(&self, i: usize) -> Option<Atom> {
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
    fn day_first(&self, i: usize) -> Option<Atom> {
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
    fn month_first(&self, i: usize) -> Option<Atom> {
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
    fn year_end_ok(&self, k: usize) -> bool {
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
    fn year_atom(&self, i: usize) -> Option<Atom> {
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
    fn decade_noun(&self, k: usize) -> usize {
        if self.is(k, &["годы", "годов", "годах", "годам", "годами", "гг"]) {
            if self.is(k, &["гг"]) && self.p_is(k + 1, ".") && self.glued(k + 1) {
                return k + 2;
            }
            return k + 1;
        }
        k
    }

    /// Quarters and half-years: "в III квартале 2018 г.", "3-м квартале",
    /// "третьем квартале", "Q3 2018", "3Q", "4th qtr 2018", "the third
    /// quarter of 2018", "первом полугодии", "второй половине 2019 года",
    /// "H1 2019", "first half of 2018".
    fn quarter_half(&self, i: usize) -> Option<Atom> {
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
    fn century(&self, i: usize) -> Option<Atom> {
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

    /// "весной 2002 года", "летом", "summer 2018", "the summer of 2018".
    fn season(&self, i: usize) -> Option<Atom> {
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
    fn part(&self, i: usize) -> Option<Atom> {
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

    /// A weekday, with a date after it ("Monday, Dec. 26", "В среду, 30
    /// марта 2016 года", "Tuesday the 19th") or alone ("в понедельник",
    /// "on Friday"), resolved to the same week as the anchor.
    fn weekday(&self, i: usize) -> Option<Atom> {
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
    fn weekday_year(&self, e: E, wd: u8) -> E {
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

    /// The tense of the clause around token `i`: a past-tense verb makes a
    /// bare weekday the last one, a future marker (or nothing) the next.
    fn tense(&self, i: usize) -> Tense {
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

    /// "the 15th", "on the 18th": a day of the anchor's month (English).
    fn day_of_month(&self, i: usize) -> Option<Atom> {
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
    fn week_number(&self, i: usize) -> Option<Atom> {
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

    /// "the first nine months of 2017", "the last four months of 2021",
    /// "the first week of May", "the last week of Dec 2016", "the first 2
    /// weeks of 2021", "за первые 9 месяцев 2017 года", "за 9 месяцев 2017
    /// года" (Russian: a bare count of months with a year means the
    /// first months). Weeks are ISO weeks: a year's first is its week 1, a
    /// month's first and last contain its first and last day.
    fn first_units(&self, i: usize) -> Option<Atom> {
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
    fn duration_range(&self, d: Date, n: i64, unit: Unit) -> Option<(Cal, Cal)> {
        if n <= 0 || n > 366 {
            return None;
        }
        let last = add_units(d, n, unit)?.yesterday().ok()?;
        Some((Cal::Day(d), Cal::Day(last.max(d))))
    }

    /// "first Tuesday of October", "last Friday in October 2013", "в
    /// первый понедельник сентября", "в последнюю пятницу марта".
    fn nth_weekday(&self, i: usize) -> Option<Atom> {
        let e = self.entry(i)?;
        let n: i8 = if e.deictic == Some(-1) || e.recent == Some(-1) {
            -1
        } else if (1..=5).contains(&e.ord) && e.card.is_none() {
            e.ord as i8
        } else {
            return None;
        };
        let wd = self.entry(i + 1).map(|x| x.weekday).filter(|w| *w != 0)?;
        let mut k = i + 2;
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
            return Some(Atom::rel(i, k + 2, E::Cal(Cal::Day(nth(y, m)?))));
        }
        let mt = self.month_at(k)?;
        let mut end = mt.end;
        let mut y = None;
        if let Some((r, e2)) = self.year_after(end) {
            y = self.yref(r);
            end = e2;
        }
        let date = match (y, self.anchor) {
            (Some(y), _) => nth(y, mt.m)?,
            // The year by the anchor-window rule, on the actual day.
            (None, Some(a)) => {
                let d0 = nth(a.year(), mt.m)?;
                nth(infer_year(a, d0.month(), Some(d0.day())), mt.m)?
            }
            (None, None) => return Some(Atom::new(i, end, E::Unresolved(Grain::Day), true)),
        };
        Some(Atom::new(i, end, E::Cal(Cal::Day(date)), true))
    }

    /// A holiday name at `k` ("Thanksgiving 2016", "Днём Победы"); `start`
    /// and `deictic` when "next"/"last"/"this" came before it.
    fn holiday(&self, start: usize, k: usize, deictic: Option<i8>) -> Option<Atom> {
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

    /// Relative expressions from a relative-day word, a deictic word or
    /// "через".
    fn relative(&self, i: usize) -> Option<Atom> {
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
            return self.shifted(i, k + 1, n as i64, unit);
        }
        if let Some(d) = e.recent {
            // "последние два месяца", "ближайшие три года"
            let (n, k2) = self.count(i + 1)?;
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
            && let Some(unit) = self.entry(k2).and_then(|e| e.unit)
        {
            return self.n_units(i, k2 + 1, d, n, unit);
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
    fn ago_or_in(&self, i: usize) -> Option<Atom> {
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
        // "3 days after January 12th", "two weeks before Christmas"
        if self.en() && k != i && self.is(end, &["after", "before"]) {
            let sign = if self.is(end, &["after"]) { 1 } else { -1 };
            let mut j = end + 1;
            if self.is(j, &["the"]) {
                j += 1;
            }
            let b = self.atom(j).filter(|b| b.strong && b.e2.is_none())?;
            let Ok(c) = self.to_cal(b.e, Some(j))? else {
                return Some(Atom::rel(i, b.end, E::Unresolved(Grain::Day)));
            };
            let n = sign * n as i64;
            let shifted = match (c, unit) {
                (Cal::Day(d), _) => Cal::Day(add_units(d, n, unit)?),
                (Cal::Year(y), Unit::Year) => Cal::Year(y.checked_add(n as i16)?),
                (Cal::Month(..), Unit::Month) => c.next(n as i32)?,
                _ => return None,
            };
            return Some(Atom { relative: b.relative, ..Atom::new(i, b.end, E::Cal(shifted), true) });
        }
        None
    }

    /// The day `n` units from the anchor.
    fn shifted(&self, start: usize, end: usize, n: i64, unit: Unit) -> Option<Atom> {
        let Some(a) = self.anchor else { return Some(Atom::rel(start, end, E::Unresolved(Grain::Day))) };
        Some(Atom::rel(start, end, E::Cal(Cal::Day(add_units(a, n, unit)?))))
    }

    /// "last two years", "последние два месяца", "next three days": the `n`
    /// whole units before (d < 0) or after (d > 0) the anchor's.
    fn n_units(&self, start: usize, end: usize, d: i8, n: u32, unit: Unit) -> Option<Atom> {
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

    // ---- ranges ----

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
    fn open_signal(&self, a: &Atom) -> (Open, usize) {
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

    fn range_from(&self, a: &Atom) -> Option<Atom> {
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

    // ---- resolution ----

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
    fn year_for(&self, m: i8, d: Option<i8>, at: Option<usize>) -> Option<i16> {
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

/// Completes the two ends of a range from each other.
fn combine(a: E, b: E) -> Option<(E, E)> {
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
fn fill_years(y1: Option<i16>, y2: Option<i16>, wraps: bool) -> (Option<i16>, Option<i16>) {
    let w = wraps as i16;
    match (y1, y2) {
        (None, Some(y)) => (Some(y - w), Some(y)),
        (Some(y), None) => (Some(y), Some(y + w)),
        other => other,
    }
}

fn valid_day(y: Option<i16>, m: i8, d: i8) -> bool {
    if !(1..=12).contains(&m) || d < 1 {
        return false;
    }
    match y {
        Some(y) => Date::new(y, m, d).is_ok(),
        None => d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(m - 1) as usize],
    }
}

fn unit_grain(u: Unit) -> Grain {
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
fn add_units(d: Date, n: i64, unit: Unit) -> Option<Date> {
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
fn monday(a: Date) -> Date {
    let back = a.weekday().to_monday_zero_offset() as i64;
    a.checked_sub(back.days()).unwrap_or(a)
}

/// Weekday `wd` (1 = Monday) of the anchor's week, shifted by `weeks`.
fn same_week(a: Date, wd: u8, weeks: i8) -> Option<Date> {
    monday(a).checked_add((wd as i64 - 1 + 7 * weeks as i64).days()).ok()
}

/// The first date on or after the anchor (the last one on or before it, in
/// the past tense) that is day `d` of its month and falls on weekday `wd`
/// ("Fri 14th").
fn weekday_day(a: Date, wd: u8, d: i8, past: bool) -> Option<Date> {
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

fn quarter_index(a: Date) -> i32 {
    a.year() as i32 * 4 + (a.month() as i32 - 1) / 3
}

/// The calendar unit "this/last/next `unit`" names.
fn deictic_unit(a: Date, d: i8, unit: Unit) -> Option<Cal> {
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
fn season_of_anchor(a: Date, s: u8) -> i16 {
    if s == 4 && a.month() > 6 { a.year() + 1 } else { a.year() }
}

/// Thirds of a month: 1–10, 11–20, 21–end.
fn part_of_month(y: i16, m: i8, p: Part) -> Option<Cal> {
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
fn part_of_year(y: i16, p: Part) -> Cal {
    match p {
        Part::Begin => Cal::Months((y, 1), (y, 3)),
        Part::Mid => Cal::Months((y, 5), (y, 8)),
        Part::End => Cal::Months((y, 9), (y, 12)),
    }
}
