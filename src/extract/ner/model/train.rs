//! `extract train-ner`: builds `data/ner/model.bin` from annotated
//! documents, and cross-validates it.
//!
//! Training documents are gold NER JSONL (`{id, lang, text, entities}`,
//! code point offsets, as in `../shared/corpus/gold/`) and the project's
//! own NER cases (`fixtures/cases/ner.*.jsonl`: `{name, lang, text, types,
//! expect: [{type, text}]}`; only cases that list all of ORG/LOC/PER and
//! are not marked `"exact": false`). Each document goes through the real
//! pipeline with a capturing NER extractor, so the features are exactly
//! those seen at run time. Gold ORG/LOC/PER spans are flattened to their
//! outermost (longest first) and mapped to the tokens lying inside them.
//!
//! The learner is an averaged structured perceptron (Collins 2002): one
//! Viterbi decode per sentence, +1/−1 updates on the differing tags and
//! transitions, weights averaged over all steps. Sentence order is
//! shuffled per epoch by a fixed-seed generator, and everything runs on
//! one thread, so rerunning gives the same bytes.
//!
//! `--cv K` deals the gold documents into K folds by `eval::fold_of(id)`,
//! trains on K−1 (plus the cases), and scores the held-out fold with the
//! same scorer as `extract eval`, rules only (before) and with the model
//! (after). The held-out spans also fit the temperature of the scores
//! (the grid value with the least log loss of "this span is right").
//!
//! It does not tune features or rules; it only fits weights.

use super::{Feats, Model, ROW, START, constrain, rule_prior, span_probs, spans, tags_of, viterbi};
use crate::document::{Hints, Lang};
use crate::extract::{Extractors, Kind};
use crate::pipeline::{Config, Pipeline};
use crate::span::Span;
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

/// One document as the trainer sees it: features and token byte spans.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub feats: Feats,
    pub spans: Vec<Span>,
    /// The token starts a sentence or a line.
    pub initial: Vec<bool>,
    /// The token starts a line.
    pub line: Vec<bool>,
    /// The rules' final mentions as tags ([`super::rule_tags`]).
    pub rules: Vec<u8>,
    pub lang: Lang,
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct Settings {
    pub epochs: usize,
    pub bits: u32,
    pub seed: u64,
    /// Temperature written when no cross-validation fits one.
    pub temperature: f32,
    /// Zones where the rules decide (bit `1 << ZoneKind as u32`).
    pub rule_zones: u32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { epochs: 8, bits: 18, seed: 0x5eed_2026, temperature: 8.0, rule_zones: 0 }
    }
}

/// An annotated document.
pub struct TrainDoc {
    pub id: String,
    /// File stem ("factrueval2016", "ner" for the cases).
    pub corpus: String,
    pub lang: Lang,
    pub text: String,
    /// ORG/LOC/PER, byte spans, nested allowed.
    pub gold: Vec<(usize, usize, Kind)>,
    /// The gold JSON line (scored with `eval`); `None` for cases.
    pub json: Option<Json>,
}

/// Reads gold NER JSONL or NER case files (recognised per line).
pub fn read_docs(path: &std::path::Path) -> Result<Vec<TrainDoc>, String> {
    let shown = path.display().to_string();
    let body = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
    let corpus = path.file_name().and_then(|n| n.to_str()).unwrap_or("?").split('.').next().unwrap_or("?").to_owned();
    let mut out = Vec::new();
    for (i, l) in body.lines().enumerate() {
        if !l.trim_start().starts_with('{') {
            continue;
        }
        let v: Json = serde_json::from_str(l).map_err(|e| format!("{shown}:{}: {e}", i + 1))?;
        let lang = v["lang"].as_str().and_then(Lang::parse).unwrap_or(Lang::Und);
        let text = v["text"].as_str().unwrap_or_default().to_owned();
        if let Some(ents) = v["entities"].as_array() {
            let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let gold = ents
                .iter()
                .filter_map(|e| {
                    let k =
                        Kind::parse(e["type"].as_str()?).filter(|k| matches!(k, Kind::Org | Kind::Loc | Kind::Per))?;
                    let (s, e) = (e["start"].as_u64()? as usize, e["end"].as_u64()? as usize);
                    Some((*starts.get(s)?, *starts.get(e)?, k))
                })
                .collect();
            let id = v["id"].as_str().unwrap_or_default().to_owned();
            out.push(TrainDoc { id, corpus: corpus.clone(), lang, text, gold, json: Some(v) });
        } else if let Some(expect) = v["expect"].as_array() {
            let types: Vec<&str> = v["types"].as_array().into_iter().flatten().filter_map(Json::as_str).collect();
            if v["exact"] == Json::Bool(false) || !["ORG", "LOC", "PER"].iter().all(|t| types.contains(t)) {
                continue;
            }
            let mut gold: Vec<(usize, usize, Kind)> = Vec::new();
            for e in expect {
                let (Some(k), Some(t)) = (e["type"].as_str().and_then(Kind::parse), e["text"].as_str()) else {
                    continue;
                };
                if t.is_empty() {
                    continue;
                }
                // The first occurrence not yet used for this type.
                if let Some((s, _)) = text.match_indices(t).find(|(s, _)| !gold.contains(&(*s, s + t.len(), k))) {
                    gold.push((s, s + t.len(), k));
                }
            }
            let id = v["name"].as_str().unwrap_or_default().to_owned();
            out.push(TrainDoc { id, corpus: corpus.clone(), lang, text, gold, json: None });
        }
    }
    Ok(out)
}

/// The standard extractors with NER replaced by one with `decider`.
pub fn pipeline_with(decider: super::super::Decider) -> Pipeline {
    let mut ex = Extractors::standard();
    let mut decider = Some(decider);
    for e in ex.list.iter_mut() {
        if e.name() == "ner"
            && let Some(d) = decider.take()
        {
            *e = Box::new(super::super::NerExtractor::with_decider(d));
        }
    }
    Pipeline::with_extractors(Config::default(), ex)
}

/// Runs every document through the pipeline and keeps its features.
pub fn samples(docs: &[TrainDoc]) -> Vec<Sample> {
    let capture = Arc::new(Mutex::new(Vec::new()));
    let pipeline = pipeline_with(super::super::Decider::Capture(capture.clone()));
    docs.iter()
        .map(|d| {
            let hints = Hints { lang: Some(d.lang).filter(|l| *l != Lang::Und), ..Hints::default() };
            let _ = crate::eval::analyse(&pipeline, &d.text, hints);
            capture.lock().ok().and_then(|mut c| c.pop()).unwrap_or_default()
        })
        .collect()
}

impl Default for Sample {
    fn default() -> Sample {
        Sample {
            feats: Feats { ids: Vec::new(), offs: vec![0] },
            spans: Vec::new(),
            initial: Vec::new(),
            line: Vec::new(),
            rules: Vec::new(),
            lang: Lang::Und,
        }
    }
}

/// Gold tags of a sample: outermost spans, longest first, mapped to the
/// tokens inside them.
pub fn gold_tags(doc: &TrainDoc, s: &Sample) -> Vec<u8> {
    let mut gold = doc.gold.clone();
    gold.sort_by_key(|&(a, b, _)| (std::cmp::Reverse(b - a), a));
    let mut taken: Vec<(usize, usize, Kind)> = Vec::new();
    for (a, b, k) in gold {
        let first = s.spans.partition_point(|t| t.start < a);
        let mut last = first;
        while last < s.spans.len() && s.spans[last].end <= b {
            last += 1;
        }
        if last > first && !taken.iter().any(|&(x, y, _)| x < last && first < y) {
            taken.push((first, last, k));
        }
    }
    taken.sort_by_key(|t| t.0);
    tags_of(s.spans.len(), &taken)
}

/// The perceptron's state.
struct Trainer {
    mask: usize,
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

impl Trainer {
    fn new(bits: u32) -> Trainer {
        let n = (1usize << bits) * ROW;
        let t = (START + 1) * ROW;
        Trainer { mask: (1 << bits) - 1, w: vec![0.0; n], u: vec![0.0; n], tw: vec![0.0; t], tu: vec![0.0; t], c: 1.0 }
    }

    fn emissions(&self, f: &Feats, range: std::ops::Range<usize>) -> Vec<[f32; ROW]> {
        range
            .map(|i| {
                let mut acc = [0f32; ROW];
                for &id in f.of(i) {
                    let row = (id as usize & self.mask) * ROW;
                    for t in 0..ROW {
                        acc[t] += self.w[row + t];
                    }
                }
                acc
            })
            .collect()
    }

    fn bump(&mut self, f: &Feats, i: usize, tag: usize, d: f32) {
        for &id in f.of(i) {
            let k = (id as usize & self.mask) * ROW + tag;
            self.w[k] += d;
            self.u[k] += d * self.c;
        }
    }

    fn bump_trans(&mut self, a: usize, b: usize, d: f32) {
        self.tw[a * ROW + b] += d;
        self.tu[a * ROW + b] += d * self.c;
    }

    /// One structured update on tokens `range` of `f`.
    fn step(&mut self, f: &Feats, line: &[bool], range: std::ops::Range<usize>, gold: &[u8]) {
        let mut em = self.emissions(f, range.clone());
        constrain(&mut em, &line[range.clone()]);
        let pred = viterbi(&em, &self.tw);
        if pred != gold {
            for (j, i) in range.clone().enumerate() {
                let (g, p) = (gold[j] as usize, pred[j] as usize);
                if g != p {
                    self.bump(f, i, g, 1.0);
                    self.bump(f, i, p, -1.0);
                }
                let (gp, pp) = if j == 0 { (START, START) } else { (gold[j - 1] as usize, pred[j - 1] as usize) };
                if (gp, g) != (pp, p) {
                    self.bump_trans(gp, g, 1.0);
                    self.bump_trans(pp, p, -1.0);
                }
            }
        }
        self.c += 1.0;
    }

    /// The averaged weights, quantized, in the file format.
    fn finish(&self, bits: u32, temperature: f32, prior: (f32, f32), rule_zones: u32) -> Vec<u8> {
        let avg = |w: &[f32], u: &[f32]| -> Vec<f32> { w.iter().zip(u).map(|(w, u)| w - u / self.c).collect() };
        let w = avg(&self.w, &self.u);
        let t = avg(&self.tw, &self.tu);
        let max = w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-6);
        let scale = 32000.0 / max;
        let mut out = Vec::new();
        out.extend_from_slice(super::MAGIC);
        out.extend_from_slice(&1u32.to_le_bytes());
        out.extend_from_slice(&bits.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&temperature.to_le_bytes());
        out.extend_from_slice(&prior.0.to_le_bytes());
        out.extend_from_slice(&prior.1.to_le_bytes());
        out.extend_from_slice(&rule_zones.to_le_bytes());
        for x in &t {
            out.extend_from_slice(&x.to_le_bytes());
        }
        let entries: Vec<(usize, i16)> = w
            .iter()
            .enumerate()
            .filter_map(|(k, x)| {
                let q = (x * scale).round() as i16;
                (q != 0).then_some((k, q))
            })
            .collect();
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        let mut last = 0usize;
        for (k, q) in entries {
            let mut d = (k - last) as u64;
            last = k;
            loop {
                let b = (d & 0x7f) as u8;
                d >>= 7;
                if d == 0 {
                    out.push(b);
                    break;
                }
                out.push(b | 0x80);
            }
            out.extend_from_slice(&q.to_le_bytes());
        }
        out
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Trains on `(sample, gold tags)` pairs; returns the model file bytes.
pub fn train(data: &[(&Sample, Vec<u8>)], settings: &Settings, temperature: f32, prior: (f32, f32)) -> Vec<u8> {
    // Sentences: split at sentence and line starts outside gold spans.
    let mut chunks: Vec<(usize, usize, usize)> = Vec::new();
    for (d, (s, gold)) in data.iter().enumerate() {
        let n = s.spans.len();
        let mut start = 0;
        for i in 1..n {
            let inside = gold[i] != 0 && matches!((gold[i] - 1) % 4, 1 | 2);
            if s.initial[i] && !inside {
                chunks.push((d, start, i));
                start = i;
            }
        }
        if n > start {
            chunks.push((d, start, n));
        }
    }
    let mut tr = Trainer::new(settings.bits);
    let mut rng = Rng(settings.seed | 1);
    for _ in 0..settings.epochs {
        for i in (1..chunks.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            chunks.swap(i, j);
        }
        for &(d, s, e) in &chunks {
            let (sample, gold) = &data[d];
            tr.step(&sample.feats, &sample.line, s..e, &gold[s..e]);
        }
    }
    tr.finish(settings.bits, temperature, prior, settings.rule_zones)
}

/// Per-type counts (gold, predicted, correct).
type Counts = BTreeMap<String, [usize; 3]>;

fn add(into: &mut Counts, from: &Counts) {
    for (t, c) in from {
        let e = into.entry(t.clone()).or_default();
        for k in 0..3 {
            e[k] += c[k];
        }
    }
}

fn f1(c: &[usize; 3]) -> (f64, f64, f64) {
    let p = if c[1] == 0 { 0.0 } else { c[2] as f64 / c[1] as f64 };
    let r = if c[0] == 0 { 0.0 } else { c[2] as f64 / c[0] as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

const TEMPERATURES: [f32; 10] = [1.0, 2.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0, 48.0];

/// Log loss of the span scores at each grid temperature, for spans
/// predicted on held-out documents.
fn temperature_losses(model: &Model, sample: &Sample, doc: &TrainDoc, loss: &mut [f64; 10], count: &mut usize) {
    let em = run_emissions(model, sample);
    let found = spans(&viterbi(&em, &model.trans));
    if found.is_empty() {
        return;
    }
    let right: Vec<bool> = found
        .iter()
        .map(|&(s, e, k)| {
            let (a, b) = (sample.spans[s].start, sample.spans[e - 1].end);
            doc.gold.iter().any(|&(x, y, g)| (x, y, g) == (a, b, k))
        })
        .collect();
    for (ti, &t) in TEMPERATURES.iter().enumerate() {
        for (p, ok) in span_probs(&em, &model.trans, t, &found).iter().zip(&right) {
            let p = f64::from(p.clamp(1e-4, 1.0 - 1e-4));
            loss[ti] -= if *ok { p.ln() } else { (1.0 - p).ln() };
        }
    }
    *count += found.len();
}

/// The run-time emissions of a sample (line constraint and rule prior
/// as in `apply`).
fn run_emissions(model: &Model, s: &Sample) -> Vec<[f32; ROW]> {
    let mut em = model.emissions(&s.feats);
    constrain(&mut em, &s.line);
    rule_prior(&mut em, &s.rules, model.prior_span, model.prior_o);
    em
}

/// Parses `SPAN:O` prior pairs.
fn parse_priors(list: &[String]) -> Result<Vec<(f32, f32)>, String> {
    list.iter()
        .map(|p| {
            let (a, b) = p.split_once(':').ok_or_else(|| format!("--sweep: expected SPAN:O, got {p:?}"))?;
            Ok((a.parse().map_err(|_| format!("bad prior {a:?}"))?, b.parse().map_err(|_| format!("bad prior {b:?}"))?))
        })
        .collect()
}

/// `extract train-ner`.
pub fn run_cli(args: &crate::cli::TrainArgs) -> Result<(), String> {
    let mut docs = Vec::new();
    for f in &args.files {
        docs.extend(read_docs(f)?);
    }
    if docs.is_empty() {
        return Err("no training documents".into());
    }
    let mut rule_zones = 0u32;
    for z in args.rule_zones.iter().filter(|z| z.as_str() != "none") {
        use crate::segment::ZoneKind::*;
        let kind = [Title, Subtitle, Dateline, Lead, Body, Quote, Contact, About, Footer, Other]
            .into_iter()
            .find(|k| k.as_str() == z)
            .ok_or_else(|| format!("--rule-zones: unknown zone {z:?}"))?;
        rule_zones |= 1 << kind as u32;
    }
    let settings = Settings { epochs: args.epochs, bits: args.bits, rule_zones, ..Settings::default() };
    let t0 = std::time::Instant::now();
    let samples = samples(&docs);
    let tags: Vec<Vec<u8>> = docs.iter().zip(&samples).map(|(d, s)| gold_tags(d, s)).collect();
    eprintln!("train-ner: {} documents, features in {:.1}s", docs.len(), t0.elapsed().as_secs_f64());
    let mut temperature = args.temperature;
    if args.cv > 1 {
        let k = args.cv as u64;
        let corpora: Vec<String> = {
            let mut c: Vec<String> = docs.iter().filter(|d| d.json.is_some()).map(|d| d.corpus.clone()).collect();
            c.sort();
            c.dedup();
            c
        };
        let rules = pipeline_with(super::super::Decider::Rules);
        // (corpus → (before, after)), and per fold the after counts.
        let mut total: BTreeMap<String, (Counts, Counts)> = BTreeMap::new();
        let mut folds: BTreeMap<String, Vec<Counts>> = BTreeMap::new();
        let (mut loss, mut count) = ([0f64; 10], 0usize);
        let prior = (args.prior_span, args.prior_o);
        let sweep = parse_priors(&args.sweep)?;
        // Per sweep setting: corpus → after counts.
        let mut swept: Vec<BTreeMap<String, Counts>> = vec![BTreeMap::new(); sweep.len()];
        for fold in 1..=k {
            let held = |d: &TrainDoc| d.json.is_some() && crate::eval::fold_of(&d.id, k) == fold;
            let train_set: Vec<(&Sample, Vec<u8>)> = docs
                .iter()
                .zip(samples.iter().zip(&tags))
                .filter(|(d, _)| !held(d))
                .map(|(_, (s, t))| (s, t.clone()))
                .collect();
            let bytes = train(&train_set, &settings, args.temperature, prior);
            let model = Model::parse(&bytes).ok_or("internal: model does not parse")?;
            for (d, s) in docs.iter().zip(&samples).filter(|(d, _)| held(d)) {
                temperature_losses(&model, s, d, &mut loss, &mut count);
            }
            let with_model = pipeline_with(super::super::Decider::Model(Arc::new(model)));
            let test_of = |c: &String| -> Vec<Json> {
                docs.iter().filter(|d| held(d) && &d.corpus == c).filter_map(|d| d.json.clone()).collect()
            };
            for c in &corpora {
                let test = test_of(c);
                let before = crate::eval::gold_counts(&rules, &test);
                let after = crate::eval::gold_counts(&with_model, &test);
                let e = total.entry(c.clone()).or_default();
                add(&mut e.0, &before);
                add(&mut e.1, &after);
                folds.entry(c.clone()).or_default().push(after);
            }
            for (i, &(ps, po)) in sweep.iter().enumerate() {
                let mut m = Model::parse(&bytes).ok_or("internal: model does not parse")?;
                (m.prior_span, m.prior_o) = (ps, po);
                let p = pipeline_with(super::super::Decider::Model(Arc::new(m)));
                for c in &corpora {
                    add(swept[i].entry(c.clone()).or_default(), &crate::eval::gold_counts(&p, &test_of(c)));
                }
            }
            eprintln!("train-ner: fold {fold}/{k} done ({:.1}s)", t0.elapsed().as_secs_f64());
        }
        let best = (0..TEMPERATURES.len()).min_by(|&a, &b| loss[a].total_cmp(&loss[b])).unwrap_or(0);
        temperature = TEMPERATURES[best];
        let mut report = format!(
            "\n{k}-fold cross-validation (folds by eval::fold_of(id, {k}); strict spans, outermost per type; \
             before = rules, after = model)\n"
        );
        for (c, (before, after)) in &total {
            writeln!(report, "\n{c}\n  type    gold   before P/R/F1          after P/R/F1           after F1 per fold")
                .unwrap();
            for (t, a) in after {
                if !matches!(t.as_str(), "ORG" | "LOC" | "PER") {
                    continue;
                }
                let b = before.get(t).copied().unwrap_or_default();
                let (bp, br, bf) = f1(&b);
                let (ap, ar, af) = f1(a);
                let per: Vec<String> =
                    folds[c].iter().map(|f| format!("{:.3}", f1(&f.get(t).copied().unwrap_or_default()).2)).collect();
                writeln!(
                    report,
                    "  {t:<5} {:>6}   {bp:.3} {br:.3} {bf:.3}    {ap:.3} {ar:.3} {af:.3}    {}",
                    a[0],
                    per.join(" ")
                )
                .unwrap();
            }
        }
        if !sweep.is_empty() {
            writeln!(report, "\nrule prior sweep (after F1, ORG LOC PER per corpus)").unwrap();
            for (i, (ps, po)) in sweep.iter().enumerate() {
                let mut line = format!("  span {ps:>5} o {po:>5}:");
                for (c, counts) in &swept[i] {
                    let f = |t: &str| f1(&counts.get(t).copied().unwrap_or_default()).2;
                    write!(line, "  {c} {:.3} {:.3} {:.3}", f("ORG"), f("LOC"), f("PER")).unwrap();
                }
                writeln!(report, "{line}").unwrap();
            }
        }
        writeln!(
            report,
            "\nrule prior: span {} o {}\nscore temperature: {temperature} (log loss per held-out span {:.4}; grid {:?})",
            prior.0,
            prior.1,
            loss[best] / count.max(1) as f64,
            TEMPERATURES
        )
        .unwrap();
        print!("{report}");
    }
    if let Some(out) = &args.output {
        let data: Vec<(&Sample, Vec<u8>)> = samples.iter().zip(tags).collect();
        let bytes = train(&data, &settings, temperature, (args.prior_span, args.prior_o));
        std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
        eprintln!(
            "train-ner: wrote {} ({} bytes, {:.1}s); rebuild to embed it",
            out.display(),
            bytes.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny hand-written training set (our own sentences), gold spans
    /// given by their text.
    fn tiny() -> Vec<TrainDoc> {
        type Doc<'a> = (&'a str, Lang, &'a str, &'a [(&'a str, Kind)]);
        let docs: [Doc; 4] = [
            (
                "ru-1",
                Lang::Ru,
                "Директор компании «Северный ветер» Анна Соколова прибыла в Казань. Анна Соколова встретилась с мэром.",
                &[("компании «Северный ветер»", Kind::Org), ("Анна Соколова", Kind::Per), ("Казань", Kind::Loc)],
            ),
            (
                "ru-2",
                Lang::Ru,
                "Министерство финансов России сообщило о новых правилах. В Новосибирске их обсудил Пётр Волков.",
                &[("Министерство финансов России", Kind::Org), ("Новосибирске", Kind::Loc), ("Пётр Волков", Kind::Per)],
            ),
            (
                "en-1",
                Lang::En,
                "Officials of the Harbor Rail Company met Maria Lopez in Denver on Monday.",
                &[("Harbor Rail Company", Kind::Org), ("Maria Lopez", Kind::Per), ("Denver", Kind::Loc)],
            ),
            (
                "en-2",
                Lang::En,
                "The Department of Energy said that Tom Briggs will visit Ohio next week.",
                &[("Department of Energy", Kind::Org), ("Tom Briggs", Kind::Per), ("Ohio", Kind::Loc)],
            ),
        ];
        docs.iter()
            .map(|(id, lang, text, ents)| {
                let mut gold = Vec::new();
                for (t, k) in ents.iter() {
                    for (s, _) in text.match_indices(t) {
                        gold.push((s, s + t.len(), *k));
                    }
                }
                TrainDoc {
                    id: id.to_string(),
                    corpus: "tiny".into(),
                    lang: *lang,
                    text: text.to_string(),
                    gold,
                    json: None,
                }
            })
            .collect()
    }

    #[test]
    fn training_is_deterministic_and_learns_the_training_spans() {
        let docs = tiny();
        let samples = samples(&docs);
        assert!(samples.iter().all(|s| !s.feats.is_empty()));
        // Features do not depend on the run either.
        assert_eq!(samples, super::samples(&docs));
        let data: Vec<(&Sample, Vec<u8>)> = docs.iter().zip(&samples).map(|(d, s)| (s, gold_tags(d, s))).collect();
        let settings = Settings { epochs: 4, bits: 12, ..Settings::default() };
        let a = train(&data, &settings, 8.0, (0.0, 0.0));
        let b = train(&data, &settings, 8.0, (0.0, 0.0));
        assert_eq!(a, b, "same data, same seed: same bytes");
        let model = Model::parse(&a).expect("the written model parses");
        assert_eq!(model.bits, 12);
        assert_eq!(model.temperature, 8.0);
        for ((s, gold), d) in data.iter().zip(&docs) {
            let em = model.emissions(&s.feats);
            let got = spans(&viterbi(&em, &model.trans));
            assert_eq!(got, spans(gold), "{}", d.id);
            for p in span_probs(&em, &model.trans, model.temperature, &got) {
                assert!((0.0..=1.0).contains(&p));
            }
        }
        // Another seed shuffles differently (the seed is really used).
        let c = train(&data, &Settings { seed: 7, ..settings }, 8.0, (0.0, 0.0));
        assert!(Model::parse(&c).is_some());
    }

    #[test]
    fn gold_is_flattened_to_outermost_token_spans() {
        let docs = tiny();
        let s = &samples(&docs[1..2])[0];
        let tags = gold_tags(&docs[1], s);
        let words: Vec<(String, Kind)> = spans(&tags)
            .into_iter()
            .map(|(a, b, k)| (docs[1].text[s.spans[a].start..s.spans[b - 1].end].to_owned(), k))
            .collect();
        assert_eq!(
            words,
            vec![
                ("Министерство финансов России".to_owned(), Kind::Org),
                ("Новосибирске".to_owned(), Kind::Loc),
                ("Пётр Волков".to_owned(), Kind::Per)
            ]
        );
    }

    #[test]
    fn case_files_are_read_with_their_types() {
        let dir = std::env::temp_dir().join(format!("prex-train-ner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("ner.xx.jsonl");
        std::fs::write(
            &p,
            concat!(
                "// comment\n",
                r#"{"name": "a", "lang": "en", "text": "Kim Lee flew to Oslo.", "types": ["ORG", "LOC", "PER"], "expect": [{"type": "PER", "text": "Kim Lee"}, {"type": "LOC", "text": "Oslo"}]}"#,
                "\n",
                r#"{"name": "b", "lang": "en", "text": "Kim Lee.", "types": ["PER"], "expect": [{"type": "PER", "text": "Kim Lee"}]}"#,
                "\n",
                r#"{"name": "c", "lang": "en", "text": "x", "types": ["ORG", "LOC", "PER"], "expect": [], "exact": false}"#,
                "\n"
            ),
        )
        .unwrap();
        let docs = read_docs(&p).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(docs.len(), 1, "only full-type, exact cases train");
        assert_eq!(docs[0].gold, vec![(0, 7, Kind::Per), (16, 20, Kind::Loc)]);
        assert_eq!(docs[0].corpus, "ner");
    }
}
