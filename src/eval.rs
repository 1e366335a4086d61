//! `extract eval`: scores the extractor on annotated JSONL.
//!
//! Two formats are recognised line by line (both documented in README):
//!
//! - **gold NER** (`{id, lang, text, entities: [{type, start, end}]}`,
//!   code point offsets, as in `../shared/corpus/gold/`): precision, recall
//!   and F1 per entity type on strict spans. Nested gold is reduced to the
//!   outermost span per type; only types that both the gold file and prex
//!   produce are scored (prex has no `FAC`, `MISC`, …).
//! - **cases** (`{id, kind, lang, input, expected, expected_text,
//!   reference_time?, context?, negative?, press_relevant?}`, as in
//!   `../shared/corpus/cases/`): accuracy per source, kind and language.
//!   A case passes when an entity of the kind's type overlaps the expected
//!   text and its value matches (rules in [`check_value`]); "span" is the
//!   share whose span is exactly the expected text. A negative case passes
//!   when no entity of that type is found.
//!
//! It does not tune anything: it only runs the same pipeline as `extract`.

use crate::cli::EvalArgs;
use crate::document::Hints;
use crate::extract::{Kind, Mention, Value};
use crate::ingest;
use crate::pipeline::{Config, Pipeline};
use crate::span::CharMap;
use jiff::civil::Date;
use rayon::prelude::*;
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub fn run_cli(args: &EvalArgs) -> Result<(), String> {
    let threads = crate::cli::threads(args.threads);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;
    let pipeline = Pipeline::new(Config::default());
    let filter: Vec<String> = args.types.iter().map(|t| t.to_ascii_lowercase()).collect();
    let mut report = String::new();
    let mut json_out = Vec::new();
    let mut cases_all: Vec<CaseResult> = Vec::new();
    for file in &args.files {
        let shown = file.display().to_string();
        let body = std::fs::read_to_string(file).map_err(|e| format!("{shown}: {}", crate::Error::Io(e)))?;
        let mut lines = Vec::new();
        for (i, l) in body.lines().enumerate() {
            if l.trim().is_empty() {
                continue;
            }
            let v: Json = serde_json::from_str(l).map_err(|e| format!("{shown}:{}: {e}", i + 1))?;
            lines.push(v);
        }
        if let Some((k, n)) = args.fold {
            lines.retain(|v| fold_of(v["id"].as_str().unwrap_or_default(), n) == k);
        }
        let (gold, cases): (Vec<Json>, Vec<Json>) = lines.into_iter().partition(|v| v.get("entities").is_some());
        if !gold.is_empty() {
            let score = pool.install(|| score_gold(&pipeline, &gold, &filter));
            writeln!(report, "\n{shown}: {} documents (strict spans, outermost per type)", gold.len()).unwrap();
            report.push_str(&score.table());
            if args.show_failures > 0 {
                report.push_str(&score.failures(args.show_failures));
            }
            json_out.push(json!({"file": shown, "format": "gold", "documents": gold.len(), "types": score.json()}));
        }
        if !cases.is_empty() {
            let mut results: Vec<CaseResult> = pool.install(|| {
                cases
                    .par_iter()
                    .filter(|c| filter.is_empty() || filter.iter().any(|f| c["kind"].as_str() == Some(f)))
                    .filter(|c| !args.press_only || c["press_relevant"].as_bool() != Some(false))
                    .map(|c| score_case(&pipeline, c))
                    .collect()
            });
            if args.show_failures > 0 {
                let fails: Vec<&CaseResult> = results.iter().filter(|r| r.scored && !r.pass).collect();
                if !fails.is_empty() {
                    writeln!(
                        report,
                        "\n{shown}: {} failures (showing {}):",
                        fails.len(),
                        fails.len().min(args.show_failures)
                    )
                    .unwrap();
                    for r in fails.iter().take(args.show_failures) {
                        writeln!(
                            report,
                            "  {} [{}] {:?}\n      want {}\n      got  {}",
                            r.id, r.lang, r.input, r.want, r.got
                        )
                        .unwrap();
                    }
                }
            }
            cases_all.append(&mut results);
        }
    }
    if !cases_all.is_empty() {
        let (table, js) = case_tables(&cases_all);
        report.push_str(&table);
        json_out.push(js);
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&json_out).unwrap());
    } else {
        print!("{report}");
    }
    Ok(())
}

/// The fold (1..=n) an item with this id belongs to: the first 8 bytes of
/// the SHA-256 of the id, modulo n. Stable across runs, machines and
/// versions, so a held-out fold stays held out.
pub fn fold_of(id: &str, n: u64) -> u64 {
    use sha2::{Digest, Sha256};
    let h = Sha256::digest(id.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&h[..8]);
    u64::from_be_bytes(b) % n + 1
}

/// Runs the pipeline on one text; returns the mentions with code point
/// spans.
pub fn analyse(pipeline: &Pipeline, text: &str, hints: Hints) -> Vec<(Mention, usize, usize)> {
    let doc = match ingest::from_bytes(
        text.as_bytes(),
        "eval".into(),
        "eval".into(),
        crate::document::Format::Jsonl,
        &pipeline.config.limits,
        hints,
    ) {
        Ok(d) => d,
        Err(_) => return Vec::new(),
    };
    let analysis = pipeline.analyse(&doc);
    let map = CharMap::new(&doc.text);
    analysis
        .mentions
        .into_iter()
        .map(|m| {
            let (s, e) = map.span(m.span);
            (m, s, e)
        })
        .collect()
}

// ---------------------------------------------------------------- gold NER

/// Per type, `[gold, predicted, correct]` over gold NER documents (the
/// scorer of `extract eval`, for `train-ner --cv`).
pub fn gold_counts(pipeline: &Pipeline, docs: &[Json]) -> BTreeMap<String, [usize; 3]> {
    score_gold(pipeline, docs, &[]).types.into_iter().map(|(t, c)| (t, [c.gold, c.pred, c.tp])).collect()
}

#[derive(Default)]
struct Counts {
    gold: usize,
    pred: usize,
    tp: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred == 0 { 0.0 } else { self.tp as f64 / self.pred as f64 };
        let r = if self.gold == 0 { 0.0 } else { self.tp as f64 / self.gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
}

struct Miss {
    kind: &'static str, // "FN" or "FP"
    ty: String,
    doc: String,
    text: String,
    context: String,
}

struct GoldScore {
    types: BTreeMap<String, Counts>,
    misses: Vec<Miss>,
}

fn score_gold(pipeline: &Pipeline, docs: &[Json], filter: &[String]) -> GoldScore {
    // Types present in this gold file that prex also produces.
    let mut scored: Vec<String> = Vec::new();
    for d in docs {
        for e in d["entities"].as_array().into_iter().flatten() {
            if let Some(t) = e["type"].as_str()
                && Kind::parse(t).is_some()
                && !scored.iter().any(|s| s == t)
                && (filter.is_empty() || filter.contains(&t.to_ascii_lowercase()))
            {
                scored.push(t.to_owned());
            }
        }
    }
    let per_doc: Vec<(BTreeMap<String, Counts>, Vec<Miss>)> =
        docs.par_iter().map(|d| score_gold_doc(pipeline, d, &scored)).collect();
    let mut types: BTreeMap<String, Counts> = scored.iter().map(|t| (t.clone(), Counts::default())).collect();
    let mut misses = Vec::new();
    for (counts, mut m) in per_doc {
        for (t, c) in counts {
            let e = types.entry(t).or_default();
            e.gold += c.gold;
            e.pred += c.pred;
            e.tp += c.tp;
        }
        misses.append(&mut m);
    }
    GoldScore { types, misses }
}

fn score_gold_doc(pipeline: &Pipeline, d: &Json, scored: &[String]) -> (BTreeMap<String, Counts>, Vec<Miss>) {
    let text = d["text"].as_str().unwrap_or("");
    let id = d["id"].as_str().unwrap_or("?").to_owned();
    let hints = Hints { lang: d["lang"].as_str().and_then(crate::document::Lang::parse), ..Hints::default() };
    let chars: Vec<char> = text.chars().collect();
    let snippet = |s: usize, e: usize| -> (String, String) {
        let s = s.min(chars.len());
        let e = e.clamp(s, chars.len());
        let a = s.saturating_sub(30);
        let b = (e + 30).min(chars.len());
        let ctx: String = chars[a..s]
            .iter()
            .chain(['⟦'].iter())
            .chain(&chars[s..e])
            .chain(['⟧'].iter())
            .chain(&chars[e..b])
            .collect();
        (chars[s..e].iter().collect(), ctx.replace('\n', " "))
    };
    let predicted = analyse(pipeline, text, hints);
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    let mut misses = Vec::new();
    for t in scored {
        // Gold: outermost per type.
        let mut gold: Vec<(usize, usize)> = d["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["type"].as_str() == Some(t))
            .filter_map(|e| Some((e["start"].as_u64()? as usize, e["end"].as_u64()? as usize)))
            .collect();
        gold.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        gold.dedup();
        let mut outer: Vec<(usize, usize)> = Vec::new();
        for g in gold {
            if !outer.iter().any(|o| o.0 <= g.0 && g.1 <= o.1) {
                outer.push(g);
            }
        }
        let pred: Vec<(usize, usize)> =
            predicted.iter().filter(|(m, _, _)| m.kind.as_str() == t).map(|(_, s, e)| (*s, *e)).collect();
        let c = out.entry(t.clone()).or_default();
        c.gold += outer.len();
        c.pred += pred.len();
        for g in &outer {
            if pred.contains(g) {
                c.tp += 1;
            } else {
                let (text, context) = snippet(g.0, g.1);
                misses.push(Miss { kind: "FN", ty: t.clone(), doc: id.clone(), text, context });
            }
        }
        for p in &pred {
            if !outer.contains(p) {
                let (text, context) = snippet(p.0, p.1);
                misses.push(Miss { kind: "FP", ty: t.clone(), doc: id.clone(), text, context });
            }
        }
    }
    (out, misses)
}

impl GoldScore {
    fn table(&self) -> String {
        let mut s = String::new();
        writeln!(s, "  {:<8} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}", "type", "gold", "pred", "tp", "P", "R", "F1")
            .unwrap();
        let mut total = Counts::default();
        for (t, c) in &self.types {
            let (p, r, f) = c.prf();
            writeln!(s, "  {:<8} {:>6} {:>6} {:>6} {:>7.3} {:>7.3} {:>7.3}", t, c.gold, c.pred, c.tp, p, r, f).unwrap();
            total.gold += c.gold;
            total.pred += c.pred;
            total.tp += c.tp;
        }
        let (p, r, f) = total.prf();
        writeln!(
            s,
            "  {:<8} {:>6} {:>6} {:>6} {:>7.3} {:>7.3} {:>7.3}",
            "micro", total.gold, total.pred, total.tp, p, r, f
        )
        .unwrap();
        s
    }

    fn failures(&self, n: usize) -> String {
        let mut s = String::new();
        for kind in ["FN", "FP"] {
            let list: Vec<&Miss> = self.misses.iter().filter(|m| m.kind == kind).collect();
            writeln!(
                s,
                "  {} {} (showing {}):",
                list.len(),
                if kind == "FN" { "missed" } else { "spurious" },
                list.len().min(n)
            )
            .unwrap();
            for m in list.iter().take(n) {
                writeln!(s, "    {} {:<4} {:?}  {}  ({})", m.kind, m.ty, m.text, m.context, m.doc).unwrap();
            }
        }
        s
    }

    fn json(&self) -> Json {
        self.types
            .iter()
            .map(|(t, c)| {
                let (p, r, f) = c.prf();
                (t.clone(), json!({"gold": c.gold, "pred": c.pred, "tp": c.tp, "p": p, "r": r, "f1": f}))
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    }
}

// ------------------------------------------------------------------ cases

struct CaseResult {
    id: String,
    source: String,
    kind: String,
    lang: String,
    press: bool,
    /// False for cases prex does not claim to handle (time, number, phone
    /// numbers without a country).
    scored: bool,
    pass: bool,
    span_exact: bool,
    input: String,
    want: String,
    got: String,
}

fn kind_type(kind: &str) -> Option<Kind> {
    match kind {
        "date" | "datetime" | "date_range" => Some(Kind::Date),
        "money" => Some(Kind::Money),
        "phone" => Some(Kind::Phone),
        "email" => Some(Kind::Email),
        "url" => Some(Kind::Url),
        _ => None,
    }
}

fn score_case(pipeline: &Pipeline, c: &Json) -> CaseResult {
    let s = |k: &str| c[k].as_str().unwrap_or("").to_owned();
    let id = s("id");
    let kind = s("kind");
    let input = s("input");
    let mut r = CaseResult {
        source: id.split(':').next().unwrap_or("").to_owned(),
        id,
        kind: kind.clone(),
        lang: c["lang"].as_str().unwrap_or("-").to_owned(),
        press: c["press_relevant"].as_bool() != Some(false),
        scored: false,
        pass: false,
        span_exact: false,
        input: input.clone(),
        want: c["expected"].to_string(),
        got: String::new(),
    };
    let Some(ty) = kind_type(&kind) else { return r };
    let negative = c["negative"].as_bool() == Some(true);
    if ty == Kind::Phone && !negative && c["expected"]["e164"].is_null() {
        return r; // no country: cannot be normalized
    }
    r.scored = true;
    let mut hints = Hints { lang: c["lang"].as_str().and_then(crate::document::Lang::parse), ..Hints::default() };
    if let Some(t) = c["reference_time"].as_str() {
        hints.reference_date = ingest::parse_date(t).ok();
    }
    if let Some(reg) = c["context"]["default_region"].as_str() {
        hints.region = ingest::parse_region(reg).ok();
    } else if matches!(c["context"]["locale"].as_str(), Some("en_GB"))
        || matches!(c["context"]["culture"].as_str(), Some("en_others"))
    {
        // British / non-US English (Duckling's en_GB corpus, RT's
        // EnglishOthers): a day-first region, as a dateline would give.
        hints.region = ingest::parse_region("GB").ok();
    }
    let found: Vec<(Mention, usize, usize)> =
        analyse(pipeline, &input, hints).into_iter().filter(|(m, _, _)| m.kind == ty).collect();
    r.got = found
        .iter()
        .map(|(m, _, _)| format!("{:?}={}", m.span.of(&input), serde_json::to_string(&m.value).unwrap_or_default()))
        .collect::<Vec<_>>()
        .join(" ");
    if negative {
        r.pass = found.is_empty();
        r.span_exact = r.pass;
        return r;
    }
    // The expected span, in code points.
    let want_text = c["expected_text"].as_str().unwrap_or(&input);
    let (ws, we) = match find_ci(&input, want_text) {
        Some(b) => {
            let map = CharMap::new(&input);
            (map.cp(b), map.cp(b + want_text.len()))
        }
        None => (0, input.chars().count()),
    };
    for (m, s, e) in &found {
        if *s < we && ws < *e && check_value(&kind, &c["expected"], &m.value) {
            r.pass = true;
            r.span_exact |= (*s, *e) == (ws, we);
        }
    }
    r
}

/// Byte offset of `needle` in `hay`, exact first, then ASCII-case-insensitive.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    hay.find(needle).or_else(|| hay.to_lowercase().find(&needle.to_lowercase()).filter(|&i| hay.is_char_boundary(i)))
}

/// Whether a prex value matches a case's expected value.
///
/// - date / datetime: `gte` equals the expected value's day (or one of its
///   `alternatives`) and the grain equals the expected grain; for hour,
///   minute and second grains prex gives the day (grain `day`); `--MM-DD`
///   (year unspecified) compares month and day.
/// - date_range: `gte` equals `from` and `lte` equals `to`, where `lte` may
///   also be truncated to the grain (Duckling's `to` is the start of the
///   last unit); for Recognizers-Text's `rt_end`, `to` may instead be
///   exclusive (one day or one grain after `lte`) or, for explicit spans
///   (an interval `timex`), the start of the stated last unit at the case's or prex's grain
///   ("2014 to 2018" → `to` 2018-01-01). An open side of the case is not
///   checked (prex's may be open too: `gte`/`lte` null); a stated side must
///   be prex's. RT's `alternatives` (the past and future readings of an
///   ambiguous range) are accepted like its main reading, as for dates.
///   `unresolved` ranges only need the span.
/// - money: the amount (or `min`/`max`) equals, to 1e-6 relative; the
///   currency equals, or, when the source left it ambiguous (`null`), is
///   null, the `likely_currency` hint, or anything when there is no hint.
/// - phone: E.164 equal. email: equal, domain case-insensitive. url: equal
///   ignoring case, a trailing `/`, and a scheme prex added.
pub fn check_value(kind: &str, want: &Json, got: &Value) -> bool {
    match (kind, got) {
        ("date" | "datetime", Value::Date(v)) => {
            let Some(gte) = v.gte.as_deref() else { return false };
            let grain = want["grain"].as_str().unwrap_or("day");
            let mut values: Vec<&str> = want["value"].as_str().into_iter().collect();
            values.extend(want["alternatives"].as_array().into_iter().flatten().filter_map(|a| a.as_str()));
            let our_grain = serde_json::to_value(v.grain).ok();
            let our_grain = our_grain.as_ref().and_then(|g| g.as_str()).unwrap_or("");
            values.iter().any(|w| {
                if let Some(md) = w.strip_prefix("--") {
                    return gte.get(5..) == Some(md) && our_grain == "day";
                }
                let day = w.get(..10).unwrap_or(w);
                match grain {
                    "hour" | "minute" | "second" => gte == day && our_grain == "day",
                    g => gte == day && our_grain == g,
                }
            })
        }
        ("date_range", Value::Date(v)) => {
            if want["unresolved"].as_bool() == Some(true) {
                return true;
            }
            // Recognizers-Text lists both readings of an ambiguous range
            // (past and future year), as it does for single dates.
            std::iter::once(want)
                .chain(want["alternatives"].as_array().into_iter().flatten())
                .any(|w| range_matches(want, &w["from"], &w["to"], v))
        }
        ("money", Value::Money(v)) => {
            let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * b.abs().max(1.0),
                (None, None) => true,
                _ => false,
            };
            let amount_ok = if want.get("value").is_some_and(|x| !x.is_null()) {
                close(v.amount, want["value"].as_f64()) || close(v.amount, want["likely_value_in_main_unit"].as_f64())
            } else {
                close(v.min, want["min"].as_f64()) && close(v.max, want["max"].as_f64())
            };
            let cur_ok = match want["currency"].as_str() {
                Some(c) => v.currency == Some(c),
                None => match want["likely_currency"].as_str() {
                    Some(l) => v.currency.is_none() || v.currency == Some(l),
                    None => true,
                },
            };
            amount_ok && cur_ok
        }
        ("phone", Value::Phone(v)) => want["e164"].as_str() == Some(v.e164.as_str()),
        ("email", Value::Email(v)) => want["value"].as_str().is_some_and(|w| email_eq(w, &v.address)),
        ("url", Value::Url(v)) => want["value"].as_str().is_some_and(|w| url_eq(w, &v.url)),
        _ => false,
    }
}

/// Whether a prex range covers `from`–`to` of a `date_range` case (see
/// [`check_value`]); `want` gives the grain and the `to` semantics.
fn range_matches(want: &Json, from: &Json, to: &Json, v: &crate::extract::DateValue) -> bool {
    let grain = want["grain"].as_str().unwrap_or("day");
    let our_grain = serde_json::to_value(v.grain).ok();
    let our_grain = our_grain.as_ref().and_then(|g| g.as_str()).unwrap_or("day");
    let (gte, lte) = (v.gte.as_deref().and_then(day), v.lte.as_deref().and_then(day));
    // An open side of the case is not checked; a stated side must be ours.
    let from_ok = match from.as_str().and_then(day) {
        None => true,
        Some(f) => gte == Some(f),
    };
    let to_ok = match to.as_str().and_then(day) {
        None => true,
        Some(t) => {
            let Some(lte) = lte else { return false };
            if want["to_semantics"].as_str() == Some("rt_end") {
                // RT's end is exclusive for named periods ("this September"
                // → 10-01); for explicit spans (an interval timex, "(a,b,P…)")
                // it is the start of the stated last unit ("January 12 -
                // 22" → 01-22, "2014 to 2018" → 2018-01-01, "2017-q1 to
                // 2018-q1" → 2018-01-01).
                let explicit = want["timex"].as_str().is_some_and(|x| x.starts_with('('));
                lte == t
                    || t.yesterday().is_ok_and(|y| lte == y)
                    || step_back(t, grain) == Some(truncate(lte, grain))
                    || (explicit && (truncate(lte, grain) == t || truncate(lte, our_grain) == t))
            } else {
                // Duckling: the start of the last unit.
                lte == t || truncate(lte, grain) == t
            }
        }
    };
    from_ok && to_ok
}

fn day(s: &str) -> Option<Date> {
    s.get(..10)?.parse().ok()
}

fn truncate(d: Date, grain: &str) -> Date {
    let first = |m: i8| Date::new(d.year(), m, 1).unwrap_or(d);
    match grain {
        "week" => d.checked_sub(jiff::Span::new().days(d.weekday().to_monday_zero_offset() as i64)).unwrap_or(d),
        "month" => first(d.month()),
        "quarter" => first((d.month() - 1) / 3 * 3 + 1),
        "year" => first(1),
        _ => d,
    }
}

fn step_back(d: Date, grain: &str) -> Option<Date> {
    let span = match grain {
        "week" => jiff::Span::new().weeks(1),
        "month" => jiff::Span::new().months(1),
        "quarter" => jiff::Span::new().months(3),
        "year" => jiff::Span::new().years(1),
        _ => jiff::Span::new().days(1),
    };
    d.checked_sub(span).ok()
}

fn email_eq(want: &str, got: &str) -> bool {
    match (want.rsplit_once('@'), got.rsplit_once('@')) {
        (Some((wl, wd)), Some((gl, gd))) => wl == gl && wd.eq_ignore_ascii_case(gd),
        _ => false,
    }
}

fn url_eq(want: &str, got: &str) -> bool {
    let norm = |s: &str| s.trim_end_matches('/').to_lowercase();
    let (w, mut g) = (norm(want), norm(got));
    if !w.contains("://") {
        for scheme in ["http://", "https://"] {
            if let Some(rest) = g.strip_prefix(scheme) {
                g = rest.to_owned();
                break;
            }
        }
    }
    w == g
}

fn case_tables(results: &[CaseResult]) -> (String, Json) {
    #[derive(Default)]
    struct Acc {
        n: usize,
        pass: usize,
        exact: usize,
        pn: usize,
        ppass: usize,
        skipped: usize,
    }
    let mut rows: BTreeMap<(String, String, String), Acc> = BTreeMap::new();
    let mut groups: BTreeMap<(String, String), Acc> = BTreeMap::new();
    for r in results {
        let row = rows.entry((r.source.clone(), r.kind.clone(), r.lang.clone())).or_default();
        if !r.scored {
            row.skipped += 1;
            continue;
        }
        let group = match r.kind.as_str() {
            "date" | "date_range" => "date",
            k => k,
        };
        let g = groups.entry((group.to_owned(), r.lang.clone())).or_default();
        for a in [row, g] {
            a.n += 1;
            a.pass += r.pass as usize;
            a.exact += (r.pass && r.span_exact) as usize;
            if r.press {
                a.pn += 1;
                a.ppass += r.pass as usize;
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { f64::NAN } else { a as f64 / b as f64 };
    let mut s = String::new();
    writeln!(s, "\ncases by source, kind and language:").unwrap();
    writeln!(
        s,
        "  {:<17} {:<11} {:<4} {:>5} {:>6} {:>6} {:>8} {:>9} {:>8}",
        "source", "kind", "lang", "n", "acc", "span", "press n", "press acc", "skipped"
    )
    .unwrap();
    let mut js_rows = Vec::new();
    for ((src, kind, lang), a) in &rows {
        writeln!(
            s,
            "  {:<17} {:<11} {:<4} {:>5} {:>6.3} {:>6.3} {:>8} {:>9.3} {:>8}",
            src,
            kind,
            lang,
            a.n,
            ratio(a.pass, a.n),
            ratio(a.exact, a.n),
            a.pn,
            ratio(a.ppass, a.pn),
            a.skipped
        )
        .unwrap();
        js_rows
            .push(json!({"source": src, "kind": kind, "lang": lang, "n": a.n, "pass": a.pass, "span_exact": a.exact,
            "press_n": a.pn, "press_pass": a.ppass, "skipped": a.skipped}));
    }
    writeln!(s, "\ncases summary (date = date + date_range; press-relevant cases):").unwrap();
    writeln!(s, "  {:<11} {:<4} {:>6} {:>9}", "kind", "lang", "n", "accuracy").unwrap();
    let mut js_groups = Vec::new();
    for ((kind, lang), a) in &groups {
        writeln!(s, "  {:<11} {:<4} {:>6} {:>9.3}", kind, lang, a.pn, ratio(a.ppass, a.pn)).unwrap();
        js_groups.push(json!({"kind": kind, "lang": lang, "n": a.pn, "pass": a.ppass}));
    }
    (s, json!({"format": "cases", "rows": js_rows, "summary": js_groups}))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{DateValue, Grain, MoneyValue};

    fn date(gte: &str, lte: &str, grain: Grain) -> Value {
        Value::Date(DateValue { iso: None, gte: Some(gte.into()), lte: Some(lte.into()), grain, relative: false })
    }

    #[test]
    fn date_values() {
        let v = date("2013-02-12", "2013-02-12", Grain::Day);
        assert!(check_value("date", &json!({"value": "2013-02-12", "grain": "day"}), &v));
        assert!(check_value("datetime", &json!({"value": "2013-02-12T15:00:00", "grain": "hour"}), &v));
        assert!(!check_value("date", &json!({"value": "2013-02-13", "grain": "day"}), &v));
        assert!(check_value("date", &json!({"value": "--02-12", "grain": "day"}), &v));
        let m = date("2013-03-01", "2013-03-31", Grain::Month);
        assert!(check_value("date", &json!({"value": "2013-03-01", "grain": "month"}), &m));
        assert!(!check_value("date", &json!({"value": "2013-03-01", "grain": "day"}), &m));
    }

    #[test]
    fn range_values() {
        let v = date("2013-06-01", "2013-08-31", Grain::Month);
        assert!(check_value("date_range", &json!({"from": "2013-06-01", "to": "2013-08-31", "grain": "day"}), &v));
        assert!(check_value("date_range", &json!({"from": "2013-06-01", "to": "2013-08-01", "grain": "month"}), &v));
        let rt = json!({"from": "2016-09-01", "to": "2016-10-01", "grain": "month", "to_semantics": "rt_end"});
        assert!(check_value("date_range", &rt, &date("2016-09-01", "2016-09-30", Grain::Month)));
        assert!(!check_value("date_range", &rt, &date("2016-09-01", "2016-10-31", Grain::Month)));
        // RT's explicit spans end at the start of the stated last unit.
        let years = json!({"from": "2014-01-01", "to": "2018-01-01", "grain": "year", "to_semantics": "rt_end",
            "timex": "(2014-01-01,2018-01-01,P4Y)"});
        assert!(check_value("date_range", &years, &date("2014-01-01", "2018-12-31", Grain::Year)));
        assert!(!check_value("date_range", &years, &date("2014-01-01", "2019-12-31", Grain::Year)));
        let quarters = json!({"from": "2017-01-01", "to": "2018-01-01", "grain": "month", "to_semantics": "rt_end",
            "timex": "(2017-01-01,2018-01-01,P12M)"});
        assert!(check_value("date_range", &quarters, &date("2017-01-01", "2018-03-31", Grain::Quarter)));
        assert!(!check_value("date_range", &quarters, &date("2017-01-01", "2018-03-31", Grain::Month)));
        // Alternatives: the past reading of an ambiguous range.
        let amb = json!({"from": "2020-02-28", "to": "2020-03-01", "grain": "day", "to_semantics": "rt_end",
            "alternatives": [{"from": "2019-02-28", "to": "2019-03-01"}, {"from": "2020-02-28", "to": "2020-03-01"}]});
        assert!(check_value("date_range", &amb, &date("2019-02-28", "2019-03-01", Grain::Day)));
        assert!(!check_value("date_range", &amb, &date("2018-02-28", "2018-03-01", Grain::Day)));
        // Open sides: the case's is not checked, a stated one must be ours.
        let open = |gte: Option<&str>, lte: Option<&str>| {
            Value::Date(DateValue {
                iso: None,
                gte: gte.map(Into::into),
                lte: lte.map(Into::into),
                grain: Grain::Year,
                relative: false,
            })
        };
        let after = json!({"from": "2019-01-01", "to": null, "grain": "year", "to_semantics": "rt_end"});
        assert!(check_value("date_range", &after, &open(Some("2019-01-01"), None)));
        assert!(!check_value("date_range", &after, &open(None, Some("2019-12-31"))));
        let before = json!({"from": null, "to": "2018-01-01", "grain": "year", "to_semantics": "rt_end"});
        assert!(check_value("date_range", &before, &open(None, Some("2017-12-31"))));
        assert!(!check_value("date_range", &before, &open(Some("2017-01-01"), None)));
    }

    #[test]
    fn folds_are_stable_and_balanced() {
        assert_eq!(fold_of("duckling:AmountOfMoney/RU:0002", 2), fold_of("duckling:AmountOfMoney/RU:0002", 2));
        let ones = (0..1000).filter(|i| fold_of(&format!("case:{i}"), 2) == 1).count();
        assert!((400..600).contains(&ones), "{ones}");
        assert!((0..100).all(|i| (1..=5).contains(&fold_of(&format!("x{i}"), 5))));
    }

    #[test]
    fn money_values() {
        let v = Value::Money(MoneyValue {
            amount: Some(2200000.0),
            currency: Some("RUB"),
            qualifier: None,
            min: None,
            max: None,
        });
        assert!(check_value("money", &json!({"value": 2200000, "currency": "RUB"}), &v));
        assert!(!check_value("money", &json!({"value": 2200000, "currency": "USD"}), &v));
        assert!(check_value("money", &json!({"value": 2200000, "currency": null}), &v));
        assert!(!check_value("money", &json!({"value": 2200000, "currency": null, "likely_currency": "USD"}), &v));
    }

    #[test]
    fn web_values() {
        assert!(email_eq("alice@exAmple.io", "alice@example.io"));
        assert!(!email_eq("Alice@example.io", "alice@example.io"));
        assert!(url_eq("www.bla.com", "http://www.bla.com"));
        assert!(url_eq("HTTP://bla.com/", "http://bla.com"));
        assert!(!url_eq("https://bla.com", "http://bla.com"));
    }
}
