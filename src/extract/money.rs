//! Money mentions: an amount, its currency and its qualifier.
//!
//! An amount is a number (digits with any grouping, or words; see
//! `number.rs`), an optional scale word, and a currency before it (`$`,
//! `€`, `US$`, `EUR`) or after it (`₽`, `руб.`, `миллионов евро`, `долларов
//! США`, `Swiss francs`), all from `data/currencies.tsv`. Around it:
//!
//! - qualifiers before it ("почти", "более", "не менее", "up to", "more
//!   than") set `qualifier` and are part of the span (they are part of what
//!   the value says); a final abbreviation dot ("руб.") is not;
//! - ranges ("от 10 до 20 млн рублей", "$5-10 million", "between $5 and $10
//!   million") give `amount: null` with `min`/`max`; the opening "от", "с",
//!   "from", "between" is part of the span; a scale word or currency stated
//!   on one end only applies to both;
//! - minor units ("20 долларов 43 цента", "5 руб. 50 коп.", "10 центов")
//!   add hundredths.
//!
//! No currency, no amount: "40,8" alone, "2,5 %", phone digits are never
//! money. `$` is read as USD (the dominant dollar in press releases);
//! ambiguous names (francs, dinars, pesos without an adjective) keep the
//! amount with `currency: null`. Amounts in words without a number word
//! ("миллионы долларов", "сотни тысяч") are not read.

use super::dec::Dec;
use super::number;
use super::{Context, Extractor, Kind, Mention, MoneyValue, Qualifier, Value};
use crate::document::Lang;
use crate::extract::lexicon::{FnvMap, Lexicon, expand_paradigm, lower_into, normalize, word_eq};
use crate::span::Span;
use crate::token::{TokKind, Token, flag, tokenize};

const CURRENCIES: &str = include_str!("../../data/currencies.tsv");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CurKind {
    Iso,
    Sym,
    Name,
    Adj,
    Suffix,
    Minor,
}

#[derive(Clone, Debug)]
struct Row {
    code: Option<&'static str>,
    kind: CurKind,
    group: &'static str,
    /// A name that counts thousands of the currency ("grand"): 3.
    scale: u8,
}

#[derive(Clone, Debug, PartialEq)]
enum PieceKind {
    /// Lower-cased (ё → е) word; `upper`: written in capitals in the data.
    Word {
        w: String,
        upper: bool,
    },
    Punct(String),
}

/// One token of a currency form; `glued`: written without a space before
/// it ("US$", "руб."), so the text must not have one either.
#[derive(Clone, Debug, PartialEq)]
struct Piece {
    kind: PieceKind,
    glued: bool,
}

#[derive(Debug)]
struct Form {
    pieces: Vec<Piece>,
    row: usize,
    /// A symbol form containing "$": its letters match in any case
    /// ("usd$", "US$").
    dollar: bool,
}

/// The currency table: forms indexed by their first piece.
struct Currencies {
    rows: Vec<Row>,
    forms: Vec<Form>,
    by_first: FnvMap<String, Vec<usize>>,
}

/// ISO codes also recognised in lower case (lower-cased newswire, "40 rmb").
/// Only codes that are not English or Russian words ("try", "all", "mad",
/// "pen", "top" are not here).
const LOWER_CODES: &[&str] = &[
    "usd", "eur", "gbp", "rub", "rmb", "cny", "jpy", "chf", "cad", "aud", "nzd", "hkd", "sgd", "sek", "nok", "dkk",
    "pln", "czk", "huf", "kzt", "kgs", "uzs", "uah", "byn", "inr", "pkr", "krw", "kwd", "aed", "sar", "qar", "egp",
    "lbp", "brl", "mxn", "zar", "thb", "idr", "myr", "ngn", "vnd", "btc",
];

impl Currencies {
    fn load() -> Currencies {
        let mut rows = Vec::new();
        let mut forms = Vec::new();
        let mut by_first: FnvMap<String, Vec<usize>> = FnvMap::default();
        for (n, line) in CURRENCIES.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.splitn(4, char::is_whitespace);
            let (Some(code), Some(kind), Some(group), Some(list)) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                panic!("currencies.tsv:{}: want code kind group forms", n + 1);
            };
            let scale = if kind == "name.k" { 3 } else { 0 };
            let kind = match kind {
                "iso" => CurKind::Iso,
                "name.k" => CurKind::Name,
                "sym" => CurKind::Sym,
                "name" => CurKind::Name,
                "adj" => CurKind::Adj,
                "suffix" => CurKind::Suffix,
                "minor" => CurKind::Minor,
                _ => panic!("currencies.tsv:{}: bad kind {kind}", n + 1),
            };
            let row = rows.len();
            rows.push(Row { code: (code != "-").then_some(code), kind, group, scale });
            for form in list.trim().split('|').flat_map(expand_paradigm) {
                let toks = tokenize(&form);
                let pieces: Vec<Piece> = toks
                    .iter()
                    .enumerate()
                    .map(|(k, t)| {
                        let s = t.text(&form);
                        let kind = if t.kind == TokKind::Punct {
                            PieceKind::Punct(s.to_owned())
                        } else {
                            PieceKind::Word { w: normalize(s), upper: t.is(flag::UPPER) }
                        };
                        Piece { kind, glued: k > 0 && t.glued() }
                    })
                    .collect();
                let Some(first) = pieces.first() else { continue };
                // Keys: every case variant of the first piece as it may be
                // written, so a lookup needs no lower-casing.
                let keys: Vec<String> = match &first.kind {
                    PieceKind::Word { w, .. } => {
                        let lower = w.clone();
                        let upper = lower.to_uppercase();
                        let mut title = String::new();
                        for (k, ch) in lower.chars().enumerate() {
                            if k == 0 {
                                title.extend(ch.to_uppercase());
                            } else {
                                title.push(ch);
                            }
                        }
                        let mut v = vec![lower, upper, title];
                        let yo: Vec<String> = v
                            .iter()
                            .filter(|x| x.contains('е') || x.contains('Е'))
                            .map(|x| x.replace('е', "ё").replace('Е', "Ё"))
                            .collect();
                        v.extend(yo);
                        v.sort();
                        v.dedup();
                        v
                    }
                    PieceKind::Punct(p) => vec![p.clone()],
                };
                let dollar = kind == CurKind::Sym && form.contains('$');
                for key in keys {
                    let list = by_first.entry(key).or_default();
                    if !list.contains(&forms.len()) {
                        list.push(forms.len());
                    }
                }
                forms.push(Form { pieces, row, dollar });
            }
        }
        Currencies { rows, forms, by_first }
    }

    /// The longest form of one of `kinds` starting at token `j`: (row, end).
    fn longest(&self, text: &str, toks: &[Token], j: usize, kinds: &[CurKind]) -> Option<(usize, usize)> {
        let t = toks.get(j)?;
        let cands = self.by_first.get(t.text(text))?;
        let mut best: Option<(usize, usize)> = None;
        'form: for &fi in cands {
            let f = &self.forms[fi];
            let row = &self.rows[f.row];
            if !kinds.contains(&row.kind) {
                continue;
            }
            let mut k = j;
            for p in &f.pieces {
                let Some(tok) = toks.get(k) else { continue 'form };
                let s = tok.text(text);
                if p.glued && !tok.glued() {
                    continue 'form;
                }
                match &p.kind {
                    PieceKind::Punct(c) => {
                        if tok.kind != TokKind::Punct || s != c {
                            continue 'form;
                        }
                    }
                    PieceKind::Word { w, upper } => {
                        if tok.kind != TokKind::Word {
                            continue 'form;
                        }
                        if !word_eq(s, w) {
                            continue 'form;
                        }
                        // Codes and letter symbols are case-sensitive: "RUB",
                        // "Rs", not "rub" or "rs" (a few codes excepted).
                        // "usd$", "mxn$": lower-case letters before "$" only
                        // as a whole code, never "a$" or "c$".
                        if f.dollar && s.chars().any(char::is_lowercase) && s.len() < 2 {
                            continue 'form;
                        }
                        let strict = matches!(row.kind, CurKind::Iso | CurKind::Sym) && *upper && !f.dollar;
                        if strict && !tok.is(flag::UPPER) && !(s.len() == 1 && tok.is(flag::TITLE)) {
                            let lower_ok = row.kind == CurKind::Iso && LOWER_CODES.contains(&w.as_str());
                            if !(lower_ok && tok.is(flag::LOWER)) {
                                continue 'form;
                            }
                        }
                    }
                }
                k += 1;
            }
            if best.is_none_or(|(_, e)| k > e) {
                best = Some((f.row, k));
            }
        }
        best
    }
}

/// A currency found next to a number.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Cur {
    code: Option<&'static str>,
    /// A minor unit (cents): the number is hundredths.
    minor: bool,
    /// Power of ten the code itself carries ("MUSD" = 6, "kEUR" = 3).
    scale: u8,
    end: usize,
}

#[derive(Clone, Copy, Debug)]
struct Amount {
    start: usize,
    end: usize,
    value: Dec,
    /// Power of ten of the scale word ("млн" = 6), 0 without one.
    scale: u8,
    cur: Option<Cur>,
}

/// Qualifier phrases (lower case, token by token), longest first at match
/// time. `None`: a word that belongs to the span but states no qualifier.
const QUALIFIERS: &[(&[&str], Option<Qualifier>)] = &[
    (&["почти"], Some(Qualifier::Approx)),
    (&["около"], Some(Qualifier::Approx)),
    (&["порядка"], Some(Qualifier::Approx)),
    (&["примерно"], Some(Qualifier::Approx)),
    (&["примерно", "в"], Some(Qualifier::Approx)),
    (&["приблизительно"], Some(Qualifier::Approx)),
    (&["ориентировочно"], Some(Qualifier::Approx)),
    (&["более"], Some(Qualifier::Over)),
    (&["более", "чем"], Some(Qualifier::Over)),
    (&["больше"], Some(Qualifier::Over)),
    (&["больше", "чем"], Some(Qualifier::Over)),
    (&["свыше"], Some(Qualifier::Over)),
    (&["чуть", "более"], Some(Qualifier::Over)),
    (&["чуть", "больше"], Some(Qualifier::Over)),
    (&["немногим", "более"], Some(Qualifier::Over)),
    (&["менее"], Some(Qualifier::Under)),
    (&["менее", "чем"], Some(Qualifier::Under)),
    (&["меньше"], Some(Qualifier::Under)),
    (&["меньше", "чем"], Some(Qualifier::Under)),
    (&["ниже"], Some(Qualifier::Under)),
    (&["чуть", "менее"], Some(Qualifier::Under)),
    (&["до"], Some(Qualifier::UpTo)),
    (&["вплоть", "до"], Some(Qualifier::UpTo)),
    (&["не", "более"], Some(Qualifier::UpTo)),
    (&["не", "более", "чем"], Some(Qualifier::UpTo)),
    (&["не", "больше"], Some(Qualifier::UpTo)),
    (&["не", "свыше"], Some(Qualifier::UpTo)),
    (&["не", "выше"], Some(Qualifier::UpTo)),
    (&["как", "максимум"], Some(Qualifier::UpTo)),
    (&["максимум"], Some(Qualifier::UpTo)),
    (&["от"], Some(Qualifier::From)),
    (&["не", "менее"], Some(Qualifier::From)),
    (&["не", "менее", "чем"], Some(Qualifier::From)),
    (&["не", "меньше"], Some(Qualifier::From)),
    (&["не", "ниже"], Some(Qualifier::From)),
    (&["как", "минимум"], Some(Qualifier::From)),
    (&["минимум"], Some(Qualifier::From)),
    (&["по", "меньшей", "мере"], Some(Qualifier::From)),
    (&["по", "крайней", "мере"], Some(Qualifier::From)),
    (&["ровно"], None),
    (&["точно"], None),
    (&["где", "-", "то"], Some(Qualifier::Approx)),
    (&["где-то"], Some(Qualifier::Approx)),
    (&["где", "-", "то", "в"], Some(Qualifier::Approx)),
    (&["где-то", "в"], Some(Qualifier::Approx)),
    (&["не", "дороже"], Some(Qualifier::UpTo)),
    (&["дешевле"], Some(Qualifier::Under)),
    (&["дороже"], Some(Qualifier::Over)),
    (&["almost"], Some(Qualifier::Approx)),
    (&["nearly"], Some(Qualifier::Approx)),
    (&["about"], Some(Qualifier::Approx)),
    (&["around"], Some(Qualifier::Approx)),
    (&["approximately"], Some(Qualifier::Approx)),
    (&["approx", "."], Some(Qualifier::Approx)),
    (&["roughly"], Some(Qualifier::Approx)),
    (&["some"], Some(Qualifier::Approx)),
    (&["circa"], Some(Qualifier::Approx)),
    (&["an", "estimated"], Some(Qualifier::Approx)),
    (&["estimated"], Some(Qualifier::Approx)),
    (&["close", "to"], Some(Qualifier::Approx)),
    (&["over"], Some(Qualifier::Over)),
    (&["more", "than"], Some(Qualifier::Over)),
    (&["above"], Some(Qualifier::Over)),
    (&["in", "excess", "of"], Some(Qualifier::Over)),
    (&["upwards", "of"], Some(Qualifier::Over)),
    (&["just", "over"], Some(Qualifier::Over)),
    (&["exceeding"], Some(Qualifier::Over)),
    (&["less", "than"], Some(Qualifier::Under)),
    (&["under"], Some(Qualifier::Under)),
    (&["below"], Some(Qualifier::Under)),
    (&["just", "under"], Some(Qualifier::Under)),
    (&["fewer", "than"], Some(Qualifier::Under)),
    (&["up", "to"], Some(Qualifier::UpTo)),
    (&["at", "most"], Some(Qualifier::UpTo)),
    (&["no", "more", "than"], Some(Qualifier::UpTo)),
    (&["not", "more", "than"], Some(Qualifier::UpTo)),
    (&["as", "much", "as"], Some(Qualifier::UpTo)),
    (&["a", "maximum", "of"], Some(Qualifier::UpTo)),
    (&["maximum", "of"], Some(Qualifier::UpTo)),
    (&["not", "to", "exceed"], Some(Qualifier::UpTo)),
    (&["at", "least"], Some(Qualifier::From)),
    (&["no", "less", "than"], Some(Qualifier::From)),
    (&["not", "less", "than"], Some(Qualifier::From)),
    (&["a", "minimum", "of"], Some(Qualifier::From)),
    (&["minimum", "of"], Some(Qualifier::From)),
    (&["starting", "at"], Some(Qualifier::From)),
    (&["exactly"], None),
    (&["precisely"], None),
    (&["lower", "than"], Some(Qualifier::Under)),
    (&["higher", "than"], Some(Qualifier::Over)),
    (&["slightly", "more", "than"], Some(Qualifier::Over)),
    (&["slightly", "less", "than"], Some(Qualifier::Under)),
    (&["well", "over"], Some(Qualifier::Over)),
    (&["in", "the", "region", "of"], Some(Qualifier::Approx)),
];

/// Words that open a range and belong to its span.
const RANGE_OPENERS: &[&str] = &["от", "с", "со", "между", "from", "between"];

pub struct MoneyExtractor {
    cur: Currencies,
    lex: &'static Lexicon,
    /// [`QUALIFIERS`] indexed by their last word (lower case), and the
    /// range openers under their word with an empty list: one lookup
    /// tells whether a qualifier can end before an amount.
    q_by_last: FnvMap<&'static str, Vec<u16>>,
}

impl MoneyExtractor {
    pub fn new() -> MoneyExtractor {
        let mut q_by_last: FnvMap<&'static str, Vec<u16>> = FnvMap::default();
        for (n, (words, _)) in QUALIFIERS.iter().enumerate() {
            if let Some(last) = words.last() {
                q_by_last.entry(last).or_default().push(n as u16);
            }
        }
        for w in RANGE_OPENERS {
            q_by_last.entry(w).or_default();
        }
        MoneyExtractor { cur: Currencies::load(), lex: Lexicon::get(), q_by_last }
    }
}

impl Default for MoneyExtractor {
    fn default() -> Self {
        Self::new()
    }
}

/// Per-document view for the parser.
struct Cx<'a> {
    text: &'a str,
    toks: &'a [Token],
    lang: Lang,
}

impl Cx<'_> {
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word && word_eq(t.text(self.text), w))
    }
    fn punct(&self, i: usize) -> Option<&str> {
        self.toks.get(i).filter(|t| t.kind == TokKind::Punct).map(|t| t.text(self.text))
    }
}

impl MoneyExtractor {
    /// A currency after a number ending at token `j`: an ISO code, a symbol,
    /// `[adjective] name [suffix]`, or a minor unit.
    fn cur_after(&self, c: &Cx, j: usize) -> Option<Cur> {
        let mut best: Option<Cur> = None;
        let mut consider = |cur: Cur| {
            if best.is_none_or(|b| cur.end > b.end) {
                best = Some(cur);
            }
        };
        if let Some((row, end)) = self.cur.longest(c.text, c.toks, j, &[CurKind::Iso, CurKind::Sym]) {
            consider(Cur { code: self.cur.rows[row].code, minor: false, scale: 0, end });
        }
        if let Some((row, end)) = self.cur.longest(c.text, c.toks, j, &[CurKind::Minor]) {
            consider(Cur { code: self.cur.rows[row].code, minor: true, scale: 0, end });
        }
        if let Some(cur) = self.scaled_code(c, j) {
            consider(cur);
        }
        // [adjective] name [suffix]
        let adj = self.cur.longest(c.text, c.toks, j, &[CurKind::Adj]);
        let starts = adj.map(|(r, e)| (Some(r), e)).into_iter().chain(std::iter::once((None, j)));
        for (adj_row, k) in starts {
            let Some((name_row, mut end)) = self.cur.longest(c.text, c.toks, k, &[CurKind::Name, CurKind::Minor])
            else {
                continue;
            };
            let name = &self.cur.rows[name_row];
            let mut code = name.code;
            if let Some(ar) = adj_row {
                let a = &self.cur.rows[ar];
                if a.group != name.group || name.group == "-" {
                    continue;
                }
                code = a.code;
            }
            if let Some((sr, e)) = self.cur.longest(c.text, c.toks, end, &[CurKind::Suffix]) {
                let s = &self.cur.rows[sr];
                if s.group == name.group && name.group != "-" && adj_row.is_none() {
                    code = s.code;
                    end = e;
                }
            }
            // "3 grand": a thousand-name only when no noun follows it
            // ("20 grand slams", "two grand pianos" are not money).
            if name.scale != 0
                && c.toks.get(end).is_some_and(|t| {
                    t.kind == TokKind::Word
                        && !matches!(
                            t.text(c.text),
                            "for"
                                | "in"
                                | "to"
                                | "and"
                                | "or"
                                | "of"
                                | "on"
                                | "per"
                                | "a"
                                | "an"
                                | "the"
                                | "from"
                                | "at"
                                | "by"
                                | "with"
                                | "each"
                                | "last"
                                | "this"
                                | "that"
                                | "was"
                                | "is"
                        )
                })
            {
                continue;
            }
            consider(Cur { code, minor: name.kind == CurKind::Minor, scale: name.scale, end });
        }
        best
    }

    /// An ISO code with a scale letter glued in front, as financial tables
    /// write thousands and millions: "MUSD 60" (60 million dollars), "kEUR
    /// 250", "60 MEUR". Only four capitals (or "k" + three): a code of the
    /// table after "M", "K" or "k".
    fn scaled_code(&self, c: &Cx, j: usize) -> Option<Cur> {
        let t = c.toks.get(j).filter(|t| t.kind == TokKind::Word)?;
        let w = t.text(c.text);
        let b = w.as_bytes();
        if b.len() != 4 || !b[1..].iter().all(u8::is_ascii_uppercase) {
            return None;
        }
        let scale = match b[0] {
            b'M' => 6,
            b'K' | b'k' => 3,
            _ => return None,
        };
        let code = self.cur.by_first.get(&w[1..])?.iter().find_map(|&fi| {
            let row = &self.cur.rows[self.cur.forms[fi].row];
            (row.kind == CurKind::Iso && self.cur.forms[fi].pieces.len() == 1).then_some(row.code)
        })?;
        Some(Cur { code, minor: false, scale, end: j + 1 })
    }

    /// A currency written before a number, starting at token `j`: a code or
    /// a symbol ("$", "US$", "EUR", "Rs.").
    /// Also an adjective and a name ("Swiss francs 100", "malaysian
    /// ringgit 42"), never a bare name ("dollars 5").
    fn cur_before(&self, c: &Cx, j: usize) -> Option<Cur> {
        if let Some((row, end)) = self.cur.longest(c.text, c.toks, j, &[CurKind::Iso, CurKind::Sym]) {
            return Some(Cur { code: self.cur.rows[row].code, minor: false, scale: 0, end });
        }
        if let Some(cur) = self.scaled_code(c, j) {
            return Some(cur);
        }
        let (ar, k) = self.cur.longest(c.text, c.toks, j, &[CurKind::Adj])?;
        let (nr, end) = self.cur.longest(c.text, c.toks, k, &[CurKind::Name])?;
        let (a, n) = (&self.cur.rows[ar], &self.cur.rows[nr]);
        (a.group == n.group && n.group != "-" && c.toks.get(end).is_some_and(|t| t.kind == TokKind::Num))
            .then_some(Cur { code: a.code, minor: false, scale: 0, end })
    }

    /// A number (digits or words) at token `j`, with a scale word after it.
    /// Returns the value, the token past it, the scale's power of ten (0:
    /// none) and whether it is one plain run of digits.
    fn number_at(&self, c: &Cx, j: usize, dollarish: bool) -> Option<(Dec, usize, u8, bool)> {
        let t = c.toks.get(j)?;
        // "a dollar", "an euro": the article is the number one.
        if t.kind == TokKind::Word
            && matches!(t.text(c.text), "a" | "an" | "A" | "An")
            && c.toks.get(j + 1).is_some_and(|n| n.kind == TokKind::Word)
        {
            // Not "a dollar-denominated bond".
            let hyphen = c.toks.get(j + 2).is_some_and(|t| t.glued() && t.text(c.text) == "-");
            if !hyphen && self.cur_after(c, j + 1).is_some_and(|cu| !cu.minor && cu.end == j + 2) {
                return Some((Dec::int(1), j + 1, 0, false));
            }
        }
        let (mut value, mut end, mut scale, plain) = if t.kind == TokKind::Num {
            let n = number::digits(c.text, c.toks, j, c.lang, dollarish || c.lang != Lang::Ru)?;
            (n.value, n.end, 0, n.plain)
        } else {
            let (v, e, s) = number::words(c.text, c.toks, self.lex, j)?;
            (v, e, s, false)
        };
        let glued = c.toks.get(end).is_some_and(|t| t.glued());
        if scale == 0
            && let Some((s, e)) = number::scale_at(c.text, c.toks, self.lex, end, glued)
        {
            value = value.pow10(s as i8)?;
            end = e;
            scale = s;
        }
        Some((value, end, scale, plain))
    }

    /// One amount starting at token `s`: `[cur] number [scale] [cur] [cents]`.
    /// The currency may be missing (a range end takes it from the other).
    fn amount(&self, c: &Cx, s: usize) -> Option<Amount> {
        let mut j = s;
        let before = self.cur_before(c, j);
        if let Some(b) = before {
            j = b.end;
        }
        let dollarish = before.is_some_and(|b| matches!(b.code, Some("USD" | "GBP" | "CAD" | "AUD")));
        let (mut value, mut end, mut scale, _) = self.number_at(c, j, dollarish)?;
        // Percentages are never money.
        if let Some(t) = c.toks.get(end) {
            let w = t.text(c.text);
            if w == "%" || w.starts_with("процент") || w.starts_with("percent") || w == "п" {
                return None;
            }
        }
        let mut cur = before;
        // "2,2 млн.руб.": the abbreviation's dot, then the currency.
        let dot = scale != 0 && c.toks.get(end).is_some_and(|t| t.glued() && t.text(c.text) == ".");
        if cur.is_none()
            && dot
            && let Some(a) = self.cur_after(c, end + 1)
        {
            cur = Some(a);
            end = a.end;
        }
        // "1000 (одна тысяча) рублей": the amount spelt out in brackets, as
        // contracts and tenders write it; the currency follows the brackets.
        if cur.is_none()
            && let Some(close) = self.spelt_in_brackets(c, end)
            && let Some(a) = self.cur_after(c, close)
        {
            cur = Some(a);
            end = a.end;
        }
        if cur.is_none()
            && let Some(a) = self.cur_after(c, end)
        {
            cur = Some(a);
            end = a.end;
            // "75 USD million"
            if scale == 0
                && a.code.is_some()
                && c.toks[end - 1].is(flag::UPPER)
                && let Some((s, e)) = number::scale_at(c.text, c.toks, self.lex, end, false)
            {
                value = value.pow10(s as i8)?;
                end = e;
                scale = s;
            }
        }
        // "$5 million dollars" is not a thing, but "US$ 5 млн долл." is:
        // a name after a symbol of the same currency is swallowed.
        if before.is_some()
            && let Some(a) = self.cur_after(c, end).filter(|a| a.code == before.and_then(|b| b.code) && !a.minor)
        {
            end = a.end;
        }
        // "MUSD 60", "60 kEUR": the code's own scale, when the number has none.
        if let Some(cu) = cur
            && cu.scale != 0
        {
            if scale != 0 {
                return None;
            }
            value = value.pow10(cu.scale as i8)?;
            scale = cu.scale;
        }
        // "$76 тыс. (в год)", "от 500 тыс. до 1 млн": the dot is the
        // abbreviation's, unless it ends the sentence ("$27 млн. Сделка…").
        let abbr = |w: &str| {
            matches!(
                w,
                "тыс"
                    | "млн"
                    | "млрд"
                    | "трлн"
                    | "Тыс"
                    | "Млн"
                    | "Млрд"
                    | "Трлн"
                    | "mn"
                    | "mln"
                    | "bn"
                    | "bln"
                    | "tn"
                    | "trn"
            )
        };
        if abbr(c.toks[end - 1].text(c.text)) && c.toks.get(end).is_some_and(|t| t.glued() && t.text(c.text) == ".") {
            let next = c.toks.get(end + 1);
            let sentence_end = next.is_none_or(|t| t.is(flag::LINE_BEFORE) || t.is_capitalized());
            if !sentence_end {
                end += 1;
            }
        }
        if let Some(cu) = cur {
            if cu.minor {
                value = value.pow10(-2)?;
            } else if value.as_u64().is_some() {
                // "20 долларов 43 цента", "5 руб. 50 коп.", "двадцать долларов и 43";
                // after a scale word only with the unit ("ten thousand
                // dollars and fifty cents", not "$5 million 43").
                if let Some((cents, e)) = self.cents(c, end, scale != 0) {
                    value = value.plus(cents)?;
                    end = e;
                }
            }
        }
        Some(Amount { start: s, end, value, scale, cur })
    }

    /// "(одна тысяча)", "(one thousand)" at token `j`: only number words
    /// between the brackets. Returns the token past ")".
    fn spelt_in_brackets(&self, c: &Cx, j: usize) -> Option<usize> {
        if c.punct(j) != Some("(") {
            return None;
        }
        for k in j + 1..(j + 12).min(c.toks.len()) {
            let t = &c.toks[k];
            if t.kind == TokKind::Punct {
                return match t.text(c.text) {
                    ")" if k > j + 1 => Some(k + 1),
                    "-" => continue,
                    _ => None,
                };
            }
            let w = t.text(c.text);
            let number_word = self.lex.lookup(w).is_some_and(|e| e.card.is_some() || e.scale != 0 || e.hundred)
                || matches!(w, "and" | "и");
            if !number_word {
                return None;
            }
        }
        None
    }

    /// Hundredths after a whole amount ending at `j`.
    fn cents(&self, c: &Cx, j: usize, need_unit: bool) -> Option<(Dec, usize)> {
        let mut k = j;
        if c.word_is(k, "и") || c.word_is(k, "and") {
            k += 1;
        }
        let t = c.toks.get(k)?;
        let (n, e) = if t.kind == TokKind::Num {
            if t.span.len() > 2 {
                return None;
            }
            (number::digits_value(t.text(c.text))?, k + 1)
        } else {
            let (v, e, _) = number::words(c.text, c.toks, self.lex, k)?;
            (v.as_u64()?, e)
        };
        if n >= 100 {
            return None;
        }
        // "43c"
        if c.toks.get(e).is_some_and(|t| t.glued() && t.text(c.text) == "c") && c.toks[e - 1].kind == TokKind::Num {
            return Some((Dec { mant: n, exp: -2 }, e + 1));
        }
        // The sub-unit is the main amount's: "2 гривны 50 копеек" are
        // kopiykas of the hryvnia, whatever "копеек" means alone.
        if let Some(m) = self.cur.longest(c.text, c.toks, e, &[CurKind::Minor]) {
            return Some((Dec { mant: n, exp: -2 }, m.1));
        }
        // No unit word: only at the end of the phrase ("15 dollars 50.").
        if need_unit {
            return None;
        }
        let next = c.toks.get(e);
        let ends = next.is_none_or(|t| t.kind == TokKind::Punct && t.text(c.text) != "%" || t.is(flag::LINE_BEFORE));
        ends.then_some((Dec { mant: n, exp: -2 }, e))
    }

    /// The qualifier phrase ending just before token `s`: (start, qualifier,
    /// is it a range opener).
    fn qualifier_before(&self, c: &Cx, s: usize) -> Option<(usize, Option<Qualifier>, &'static str)> {
        // Most amounts have no word before them that ends a qualifier.
        let last = s.checked_sub(1).and_then(|p| c.toks.get(p))?;
        let mut buf = [0u8; 64];
        let lt = lower_into(last.text(c.text), &mut buf)?;
        let cands = self.q_by_last.get(lt)?;
        let mut best: Option<(usize, Option<Qualifier>, &'static str)> = None;
        for &qi in cands {
            let (words, q) = &QUALIFIERS[qi as usize];
            let n = words.len();
            if n > s {
                continue;
            }
            let start = s - n;
            let ok = words.iter().enumerate().all(|(k, w)| {
                if matches!(*w, "." | "-") { c.punct(start + k) == Some(*w) } else { c.word_is(start + k, w) }
            });
            if ok && best.is_none_or(|b| start < b.0) {
                best = Some((start, *q, words[0]));
            }
        }
        if best.is_none() && s > 0 {
            for w in RANGE_OPENERS {
                if c.word_is(s - 1, w) {
                    return Some((s - 1, None, w));
                }
            }
        }
        best
    }

    /// Range connector after an amount ending at `j`: the index of the
    /// second amount's first token.
    fn connector(&self, c: &Cx, j: usize, opener: Option<&str>) -> Option<usize> {
        if let Some("-" | "–" | "—" | "‒" | "−") = c.punct(j) {
            return Some(j + 1);
        }
        let ok = match opener {
            Some("от" | "с" | "со") => c.word_is(j, "до"),
            Some("между") => c.word_is(j, "и"),
            Some("between") => c.word_is(j, "and"),
            _ => false,
        } || c.word_is(j, "to");
        ok.then_some(j + 1)
    }

    fn money_at(&self, c: &Cx, s: usize) -> Option<(Span, MoneyValue, usize)> {
        let a = self.amount(c, s)?;
        let q = self.qualifier_before(c, s);
        let opener = q.map(|q| q.2);
        // A range?
        if let Some(k) = self.connector(c, a.end, opener)
            && let Some(b) = self.amount(c, k)
            && let Some(v) = range(&a, &b)
        {
            let (mut start, mut qual) = match q {
                Some((qs, _, w)) if RANGE_OPENERS.contains(&w) || w == "от" => (qs, None),
                Some((qs, Some(Qualifier::Approx), _)) => (qs, Some(Qualifier::Approx)),
                _ => (a.start, None),
            };
            // "примерно от 5 до 7 евро", "roughly between $5 and $7": an
            // approximation before the range opener.
            if start != a.start
                && qual.is_none()
                && let Some((qs, Some(Qualifier::Approx), _)) = self.qualifier_before(c, start)
            {
                start = qs;
                qual = Some(Qualifier::Approx);
            }
            let value = MoneyValue { qualifier: qual, ..v };
            let span = Span::new(c.toks[start].span.start, c.toks[last_tok(c, b.end)].span.end);
            return Some((span, value, b.end));
        }
        let cur = a.cur?;
        let (start, qualifier) = match q {
            // "между", "from", "between" and "с" qualify nothing alone.
            Some((qs, qual, w)) if !matches!(w, "с" | "со" | "между" | "from" | "between") => (qs, qual),
            _ => (a.start, None),
        };
        // An open range states its bound in min/max too ("не более 7 евро":
        // amount 7, max 7), so a search for amounts ≤ X finds it.
        let amount = a.value.to_f64();
        let (min, max) = match qualifier {
            Some(Qualifier::Over | Qualifier::From) => (Some(amount), None),
            Some(Qualifier::Under | Qualifier::UpTo) => (None, Some(amount)),
            _ => (None, None),
        };
        let value = MoneyValue { amount: Some(amount), currency: cur.code, qualifier, min, max };
        let span = Span::new(c.toks[start].span.start, c.toks[last_tok(c, a.end)].span.end);
        Some((span, value, a.end))
    }

    /// Whether token `i` can start an amount: a number, a number word, a
    /// currency symbol or code.
    fn is_candidate(&self, c: &Cx, i: usize, triggers: &[u32], ti: &mut usize) -> bool {
        let t = &c.toks[i];
        match t.kind {
            TokKind::Num => {
                // Not the middle of a number ("1 500", "40,8").
                let prev = i.checked_sub(1).map(|p| &c.toks[p]);
                let cont = prev.is_some_and(|p| {
                    (p.kind == TokKind::Punct && t.glued() && matches!(p.text(c.text), "," | "."))
                        || (p.kind == TokKind::Num && t.span.len() == 3 && !t.glued())
                });
                !cont || !self.is_number_continuation(c, i)
            }
            TokKind::Punct => {
                let s = t.text(c.text);
                s == "$"
                    || s.chars()
                        .next()
                        .is_some_and(|ch| !ch.is_ascii() && !ch.is_alphanumeric() && is_currency_char(ch))
            }
            TokKind::Word => {
                while *ti < triggers.len() && (triggers[*ti] as usize) < i {
                    *ti += 1;
                }
                if triggers.get(*ti).is_some_and(|&x| x as usize == i) {
                    return true;
                }
                // A code or letter symbol before a number: "USD 5", "US$5",
                // "Rs. 20", "mxn$ 15".
                c.toks.get(i + 1).is_some_and(|n| {
                    n.kind == TokKind::Num || n.is_punct(c.text, '$') || n.is_punct(c.text, '.') && i + 2 < c.toks.len()
                }) || (c.toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Word)
                    && (c.toks.get(i + 2).is_some_and(|n| n.kind == TokKind::Num)
                        || matches!(t.text(c.text), "a" | "an" | "A" | "An")
                        // "half a million dollars"
                        || (matches!(t.text(c.text), "half" | "Half") && c.word_is(i + 1, "a"))))
            }
        }
    }

    /// Whether Num token `i` continues a number begun before it.
    fn is_number_continuation(&self, c: &Cx, i: usize) -> bool {
        let mut s = i;
        // Walk back over "d,d", "d.d" and "d ddd" links.
        while s > 0 {
            let p = &c.toks[s - 1];
            if p.kind == TokKind::Punct
                && c.toks[s].glued()
                && p.glued()
                && matches!(p.text(c.text), "," | ".")
                && s >= 2
            {
                s -= 2;
            } else if p.kind == TokKind::Num && c.toks[s].span.len() == 3 && !c.toks[s].glued() {
                s -= 1;
            } else {
                break;
            }
        }
        if s == i || c.toks[s].kind != TokKind::Num {
            return false;
        }
        number::digits(c.text, c.toks, s, c.lang, c.lang != Lang::Ru).is_some_and(|n| n.end > i)
    }
}

/// The last token of an amount ending before `end`: a final abbreviation
/// dot ("руб.", "млн.") stays outside the span, as in the gold annotations.
fn last_tok(c: &Cx, end: usize) -> usize {
    let last = end - 1;
    if last > 0 && c.punct(last) == Some(".") && c.toks[last - 1].kind == TokKind::Word { last - 1 } else { last }
}

fn is_currency_char(ch: char) -> bool {
    matches!(
        ch,
        '€' | '£'
            | '¥'
            | '￥'
            | '¢'
            | '₽'
            | '₸'
            | '₴'
            | '₹'
            | '₩'
            | '₪'
            | '₺'
            | '₼'
            | '₾'
            | '₦'
            | '₱'
            | '฿'
            | '₫'
            | '₮'
    )
}

/// Combines two amounts into a range value, or `None` when they do not
/// make one (no currency on either end, different currencies, min ≥ max).
fn range(a: &Amount, b: &Amount) -> Option<MoneyValue> {
    let code = match (a.cur, b.cur) {
        (Some(x), Some(y)) if x.code != y.code || x.minor != y.minor => return None,
        (Some(x), _) | (None, Some(x)) => x,
        (None, None) => return None,
    };
    let mut lo = a.value;
    if a.cur.is_none() && code.minor {
        lo = lo.pow10(-2)?;
    }
    // "от 10 до 20 млн", "$5-10 million": the scale stated at the end
    // applies to both ends.
    if a.scale == 0 && b.scale != 0 {
        lo = lo.pow10(b.scale as i8)?;
    }
    if !lo.lt(b.value) {
        return None;
    }
    Some(MoneyValue {
        amount: None,
        currency: code.code,
        qualifier: None,
        min: Some(lo.to_f64()),
        max: Some(b.value.to_f64()),
    })
}

impl Extractor for MoneyExtractor {
    fn name(&self) -> &'static str {
        "money"
    }

    fn produces(&self) -> &'static [Kind] {
        &[Kind::Money]
    }

    fn extract(&self, ctx: &Context, _earlier: &[Mention], out: &mut Vec<Mention>) {
        let c = Cx { text: ctx.text, toks: ctx.tokens, lang: ctx.lang };
        let triggers = &ctx.triggers().money;
        let mut ti = 0usize;
        let mut i = 0usize;
        while i < c.toks.len() {
            if !self.is_candidate(&c, i, triggers, &mut ti) {
                i += 1;
                continue;
            }
            match self.money_at(&c, i) {
                Some((span, value, end)) => {
                    out.push(Mention::new(Kind::Money, span, Value::Money(value), "money"));
                    i = end.max(i + 1);
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segments;

    type Row = (String, Option<f64>, Option<&'static str>, Option<Qualifier>, Option<f64>, Option<f64>);

    fn money(text: &str, lang: Lang) -> Vec<Row> {
        let toks = tokenize(text);
        let seg = Segments::default();
        let ctx = Context {
            text,
            tokens: &toks,
            segments: &seg,
            lang,
            anchor: None,
            region: "RU",
            links: &[],
            trigger_scan: Default::default(),
        };
        let mut out = Vec::new();
        MoneyExtractor::new().extract(&ctx, &[], &mut out);
        out.into_iter()
            .map(|m| {
                let Value::Money(v) = m.value else { unreachable!() };
                (m.span.of(text).to_owned(), v.amount, v.currency, v.qualifier, v.min, v.max)
            })
            .collect()
    }

    #[test]
    fn seed_amounts() {
        let t = "выделено 40,8 миллионов евро, из них почти 5 миллионов евро  на реализацию  9-ой фазы (2015-2018 гг).";
        assert_eq!(
            money(t, Lang::Ru),
            vec![
                ("40,8 миллионов евро".into(), Some(40_800_000.0), Some("EUR"), None, None, None),
                ("почти 5 миллионов евро".into(), Some(5_000_000.0), Some("EUR"), Some(Qualifier::Approx), None, None),
            ]
        );
    }

    #[test]
    fn ranges_and_symbols() {
        assert_eq!(
            money("от 10 до 20 млн рублей", Lang::Ru),
            vec![("от 10 до 20 млн рублей".into(), None, Some("RUB"), None, Some(1e7), Some(2e7))]
        );
        assert_eq!(
            money("a $5-10 million grant", Lang::En),
            vec![("$5-10 million".into(), None, Some("USD"), None, Some(5e6), Some(1e7))]
        );
        assert_eq!(money("US$ 3.25", Lang::En), vec![("US$ 3.25".into(), Some(3.25), Some("USD"), None, None, None)]);
        assert_eq!(money("10₽", Lang::Ru), vec![("10₽".into(), Some(10.0), Some("RUB"), None, None, None)]);
        assert_eq!(
            money("20 долларов 43 цента", Lang::Ru),
            vec![("20 долларов 43 цента".into(), Some(20.43), Some("USD"), None, None, None)]
        );
        assert_eq!(
            money("more than $1.5 billion", Lang::En),
            vec![("more than $1.5 billion".into(), Some(1.5e9), Some("USD"), Some(Qualifier::Over), Some(1.5e9), None)]
        );
    }

    #[test]
    fn not_money() {
        for t in ["40,8", "рост на 2,5 %", "+996 312 26 10 00", "9-ой фазы", "в 2017 году", "5 процентов"]
        {
            assert!(money(t, Lang::Ru).is_empty(), "{t}");
        }
    }
}
