//! Date mentions: absolute dates, ranges, periods and relative expressions
//! in Russian and English, with normalized values.
//!
//! `grammar.rs` holds the grammar's core and the composition model, with
//! one rule file per family (`absolute.rs`, `period.rs`, `ordinal.rs`,
//! `offset.rs`, `interval.rs`, chosen among by `compose.rs`); `value.rs`
//! the calendar arithmetic and the ISO forms. This file finds the candidate tokens cheaply (numbers, and
//! the calendar words found by one Aho-Corasick pass of the shared
//! lexicon), runs the grammar at each, and turns what it finds into
//! mentions:
//!
//! - spans: a Russian date keeps the preposition before it ("в 2003 году",
//!   "с 13 по 15 сентября", "до апреля 2009 года"), as Russian annotation
//!   (NEREL) does; an English one starts at the date ("in 2006" → "2006"),
//!   as English annotation (TimeML, re3d) does. A final abbreviation dot
//!   ("2017 г.") and a time of day after a date are not part of it;
//! - values: `{iso, gte, lte, grain}` (see `value.rs`); relative
//!   expressions ("вчера", "last week", "в понедельник") are resolved
//!   against `ctx.anchor` and carry `relative: true`; without an anchor,
//!   against the last full date before them in the text ("19 марта 2001
//!   … 20 марта … вчера"), else they keep `iso: null`. A date without a
//!   year takes the anchor's year by the rule of [`value::infer_year`].
//!
//! Not dates: decimals ("40,8"), ordinals of other nouns ("9-ой фазы"),
//! phone digit groups, percentages, section numbers ("п. 10.12."), clock
//! times, and bare 4-digit numbers without a year context ("2000 человек").

mod absolute;
mod compose;
mod grammar;
mod holiday;
mod interval;
mod offset;
mod ordinal;
mod period;
pub mod value;

use super::{Context, Extractor, Kind, Mention, Value};
use crate::extract::lexicon::{Lexicon, lower_into, word_eq};
use crate::span::Span;
use crate::token::{TokKind, flag};
use grammar::{Atom, E, P};
use jiff::civil::Date;
use value::Open;

/// Russian prepositions that belong to the date after them. "от" only
/// opens a range ("от 2010 до 2015"): before a single date it means
/// "dated" ("приказ от 03.04.17") and stays outside, as in NEREL.
const RU_PREPS: &[&str] = &["в", "во", "с", "со", "до", "к", "ко", "на", "по", "за", "между", "около"];

pub struct DateExtractor {
    lex: &'static Lexicon,
}

impl DateExtractor {
    pub fn new() -> DateExtractor {
        DateExtractor { lex: Lexicon::get() }
    }

    fn parser<'a>(&'a self, ctx: &'a Context) -> P<'a> {
        let dmy = !grammar::month_first_region(ctx.region);
        P { text: ctx.text, toks: ctx.tokens, lex: self.lex, lang: ctx.lang, anchor: ctx.anchor, dmy }
    }

    /// The first day-precision date lying inside `span` (the dateline's
    /// date), resolved against `ctx.anchor` when it has no year.
    pub fn day_in(&self, ctx: &Context, span: Span) -> Option<Date> {
        let from = crate::token::first_at_or_after(ctx.tokens, span.start);
        let to = ctx.tokens.partition_point(|t| t.span.end <= span.end);
        self.parser(ctx).first_day(from, to)
    }

    /// Every date atom of the document, in order, with the anchor it was
    /// read against: `ctx.anchor`, or without one the last full date
    /// (day, month and year written out) before it in the text.
    fn atoms(&self, ctx: &Context, out: &mut Vec<(Atom, Option<Date>)>) {
        let mut p = self.parser(ctx);
        let toks = ctx.tokens;
        let triggers = &ctx.triggers().all;
        let mut ti = 0usize;
        let mut i = 0usize;
        while i < toks.len() {
            let t = &toks[i];
            let candidate = match t.kind {
                // Not the number of an amount ("$ 12 December 27").
                TokKind::Num => !(i > 0 && is_currency_sign(toks[i - 1].text(ctx.text))),
                TokKind::Word => {
                    while ti < triggers.len() && (triggers[ti] as usize) < i {
                        ti += 1;
                    }
                    let trig = triggers.get(ti).is_some_and(|&x| x as usize == i);
                    // Roman numerals, "Q3", "H1"; units for "год назад" and
                    // "за неделю до 20 мая".
                    trig || (t.is(flag::ASCII) && t.span.len() <= 5 && (t.is(flag::UPPER) || t.span.len() == 1))
                        || toks.get(i + 1).is_some_and(|n| {
                            n.kind == TokKind::Word && self.lex.lookup(n.text(ctx.text)).is_some_and(|e| e.ago)
                        })
                        || (i > 0
                            // Byte lengths first: this runs for most words.
                            && toks[i - 1].span.len() == "за".len()
                            && toks.get(i + 1).is_some_and(|n| n.span.len() == "до".len() && word_eq(n.text(ctx.text), "до"))
                            && word_eq(toks[i - 1].text(ctx.text), "за"))
                }
                TokKind::Punct => false,
            };
            let listed = || out.last().and_then(|(prev, _): &(Atom, _)| p.list_next(prev, i));
            if candidate && let Some(a) = p.date_at(i).or_else(listed) {
                out.push((a, p.anchor));
                if ctx.anchor.is_none()
                    && let (E::Day { y: Some(y), m, d }, None) = (a.e, a.e2)
                {
                    p.anchor = Date::new(y, m, d).ok().or(p.anchor);
                }
                i = a.end.max(i + 1);
                continue;
            }
            i += 1;
        }
    }

    fn mention(&self, ctx: &Context, p: &P, a: &Atom, prev_end: usize) -> Option<Mention> {
        let value = match a.e2 {
            None => match p.to_cal(a.e, Some(a.start))? {
                Ok(c) if a.open != Open::No => value::open(c, a.open, a.relative)?,
                Ok(c) => value::single(c, a.relative)?,
                Err(g) => value::unresolved(g),
            },
            Some(e2) => match p.range_cals(a.e, e2, Some(a.start))? {
                (Ok(x), Ok(y)) => value::range(x, y, a.relative)?,
                (Err(g), _) | (_, Err(g)) => value::unresolved(g),
            },
        };
        let toks = ctx.tokens;
        let mut start = a.start;
        // The Russian preposition before the date belongs to it.
        if start > prev_end && start > 0 {
            let pt = &toks[start - 1];
            if pt.kind == TokKind::Word && pt.is(flag::CYR) && !toks[start].is(flag::LINE_BEFORE) {
                let mut b = [0u8; 64];
                if lower_into(pt.text(ctx.text), &mut b)
                    .is_some_and(|w| RU_PREPS.contains(&w) || (w == "от" && a.e2.is_some()))
                {
                    start -= 1;
                }
            }
        }
        // "в течение", "на протяжении" + "последних 10 лет"
        if start >= 2 && start > prev_end + 1 {
            let (a1, a2) = (toks[start - 2].text(ctx.text), toks[start - 1].text(ctx.text));
            let pair = |x: &str, y: &str| word_eq(a1, x) && word_eq(a2, y);
            if pair("в", "течение") || pair("на", "протяжении") {
                start -= 2;
            }
        }
        let span = Span::new(toks[start].span.start, toks[trim_dot(ctx, a.end)].span.end);
        Some(Mention::new(Kind::Date, span, Value::Date(value), "date"))
    }
}

/// The index of the last token of a span ending before token `end`: a
/// final abbreviation dot ("2017 г.", "15 Sept.") is left outside, as the
/// gold annotations do; it may as well end the sentence.
pub(crate) fn trim_dot(ctx: &Context, end: usize) -> usize {
    let last = end - 1;
    let t = &ctx.tokens[last];
    if last > 0 && t.kind == TokKind::Punct && t.text(ctx.text) == "." && ctx.tokens[last - 1].kind == TokKind::Word {
        last - 1
    } else {
        last
    }
}

fn is_currency_sign(s: &str) -> bool {
    matches!(s, "$" | "€" | "£" | "¥" | "₽" | "₸" | "₴" | "₹" | "₩" | "₪" | "₺" | "₼" | "₾")
}

impl Default for DateExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor for DateExtractor {
    fn name(&self) -> &'static str {
        "date"
    }

    fn produces(&self) -> &'static [Kind] {
        &[Kind::Date]
    }

    fn extract(&self, ctx: &Context, _earlier: &[Mention], out: &mut Vec<Mention>) {
        let mut atoms = Vec::new();
        self.atoms(ctx, &mut atoms);
        let mut p = self.parser(ctx);
        let mut prev_end = 0usize;
        for (a, anchor) in &atoms {
            p.anchor = *anchor;
            if let Some(m) = self.mention(ctx, &p, a, prev_end) {
                out.push(m);
            }
            prev_end = a.end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Lang;
    use crate::segment::Segments;
    use crate::token::tokenize;

    fn day_in(text: &str, span: Span, anchor: Option<Date>) -> Option<Date> {
        let toks = tokenize(text);
        let seg = Segments::default();
        let lang = if text.is_ascii() { Lang::En } else { Lang::Ru };
        let ctx = Context {
            text,
            tokens: &toks,
            segments: &seg,
            lang,
            anchor,
            region: "KG",
            links: &[],
            trigger_scan: Default::default(),
        };
        DateExtractor::new().day_in(&ctx, span)
    }

    #[test]
    fn dateline_day() {
        let t = "Бишкек, 13 сентября 2017 \nЕвропейский Союз";
        assert_eq!(day_in(t, Span::new(0, 40), None), Some(Date::constant(2017, 9, 13)));
        // A year-less day takes the anchor's year, else there is none.
        let t = "Бишкек, 12 марта\nТекст";
        let anchor = Some(Date::constant(2019, 1, 5));
        assert_eq!(day_in(t, Span::new(0, t.len()), anchor), Some(Date::constant(2019, 3, 12)));
        assert_eq!(day_in(t, Span::new(0, t.len()), None), None);
        // Only inside the span, only day precision.
        let t = "WASHINGTON, 2017. Released Sept. 13, 2017";
        assert_eq!(day_in(t, Span::new(0, 17), None), None);
        assert_eq!(day_in(t, Span::new(0, t.len()), None), Some(Date::constant(2017, 9, 13)));
    }
}
