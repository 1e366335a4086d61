//! The `extract` command line: raw arguments → one validated `Cli` (subcommand + arguments).
//!
//! Parsing is clap's; this module also checks what clap cannot (dates,
//! region codes) so that nothing runs on a half-valid configuration. It
//! does no work itself: `main` runs the command.

use crate::document::{Hints, Lang};
use crate::ingest::{self, Limits};
use crate::pipeline::Config;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const ABOUT: &str = "Turn press releases into structured, search-ready JSON records.";

const AFTER: &str = "\
Each input document becomes one JSON line on stdout, in input order: its
title, date and location, zones, paragraphs and sentences, and every date,
amount, organisation, location, person, email, phone, URL and address with
its span (Unicode code point offsets) and normalized value.

Directories are walked recursively for .txt and .docx files, sorted by
name. A file that cannot be read gives one line on stderr and no record;
the run goes on and the exit code is 1 at the end.

Examples:
  extract corpus/ > records.jsonl
  extract -j4 --no-text a.docx b.txt -o out.jsonl
  extract --from-jsonl docs.jsonl --reference-date 2024-01-31
  cat release.txt | extract -
  extract eval ../shared/corpus/gold/factrueval2016.dev.jsonl
  extract --format es-bulk corpus/ > records.ndjson
  extract index idx/ corpus/ && extract search idx/ migration --facets

Exit codes: 0 all inputs processed, 1 some input failed, 2 usage or
output error.";

#[derive(Parser, Debug)]
#[command(name = "extract", version, about = ABOUT, after_help = AFTER, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Sub>,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Subcommand, Debug)]
pub enum Sub {
    /// Score the extractor on annotated JSONL (gold NER or test cases).
    Eval(EvalArgs),
    /// Build or update an on-disk search index: `extract index INDEX_DIR PATH...`.
    Index(IndexArgs),
    /// Query an index: `extract search INDEX_DIR "query" [filters]`.
    Search(SearchArgs),
    /// Train the NER model (data/ner/model.bin) and cross-validate it.
    #[command(name = "train-ner", hide = true)]
    TrainNer(TrainArgs),
}

#[derive(Args, Debug)]
pub struct TrainArgs {
    /// Gold NER JSONL and NER case files (fixtures/cases/ner.*.jsonl).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Write the model here (e.g. data/ner/model.bin).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// K-fold cross-validation of the gold documents before training on
    /// all (0: none); also fits the score temperature.
    #[arg(long, value_name = "K", default_value_t = 5)]
    pub cv: usize,

    /// Passes over the training data.
    #[arg(long, default_value_t = 8)]
    pub epochs: usize,

    /// Hashed feature rows: 2^BITS.
    #[arg(long, default_value_t = 18, value_parser = clap::value_parser!(u32).range(8..=24))]
    pub bits: u32,

    /// Score temperature when --cv does not fit one.
    #[arg(long, default_value_t = 8.0)]
    pub temperature: f32,

    /// Run-time lean towards the rules' spans (added to the score of the
    /// rules' tag), written into the model.
    #[arg(long, default_value_t = 16.0)]
    pub prior_span: f32,

    /// Run-time lean towards O where the rules found nothing.
    #[arg(long, default_value_t = 0.0)]
    pub prior_o: f32,

    /// Zones where the rules' reading is kept (comma-separated zone kinds;
    /// `none` for none).
    #[arg(long, value_name = "ZONES", value_delimiter = ',', default_value = "contact")]
    pub rule_zones: Vec<String>,

    /// With --cv, also score these SPAN:O prior settings (comma-separated).
    #[arg(long, value_name = "SPAN:O", value_delimiter = ',')]
    pub sweep: Vec<String>,
}

/// What to read and how to extract it: the arguments shared by `extract`
/// and `extract index`.
#[derive(Args, Debug)]
pub struct InputArgs {
    /// Files and directories to process; `-` reads one document from stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read documents from JSONL ({"id", "text", "lang"?, "reference_date"?,
    /// "region"?} per line); `-` is stdin.
    #[arg(long, value_name = "FILE")]
    pub from_jsonl: Option<PathBuf>,

    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Document language: auto-detect, or force ru / en.
    #[arg(long, value_name = "auto|ru|en", default_value = "auto")]
    pub lang: String,

    /// Anchor for relative dates when a document has no release date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub reference_date: Option<String>,

    /// Default region for national phone numbers (ISO 3166-1 alpha-2;
    /// default: inferred per document, RU for Russian, US for English).
    #[arg(long, value_name = "CC")]
    pub region: Option<String>,

    /// Skip (with an error) input files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_bytes)]
    pub max_bytes: u64,

    /// Never show a progress bar (it shows only on a terminal, on long runs).
    #[arg(long)]
    pub no_progress: bool,

    /// Print the time spent in each pipeline stage to stderr at the end.
    #[arg(long)]
    pub profile: bool,
}

/// The plain run: the input arguments and where and how records are
/// written.
#[derive(Args, Debug)]
pub struct RunArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Write records here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Leave the document text out of the records.
    #[arg(long)]
    pub no_text: bool,

    /// Output format: `jsonl` records, or `es-bulk` Elasticsearch /
    /// OpenSearch `_bulk` NDJSON (an action line before each record).
    #[arg(long, value_name = "jsonl|es-bulk", default_value = "jsonl", value_parser = ["jsonl", "es-bulk"])]
    pub format: String,

    /// The `_index` named in es-bulk action lines.
    #[arg(long, value_name = "NAME", default_value = "prex")]
    pub index_name: String,
}

#[derive(Args, Debug)]
pub struct IndexArgs {
    /// The index directory: created when missing or empty; an existing
    /// prex index is updated; any other directory is refused.
    #[arg(value_name = "INDEX_DIR")]
    pub dir: PathBuf,

    #[command(flatten)]
    pub input: InputArgs,

    /// Drop the documents whose input file no longer exists.
    #[arg(long)]
    pub delete_missing: bool,

    /// Commit after this many new or changed documents: a killed run keeps
    /// everything up to its last commit.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub commit_every: u64,
}

impl IndexArgs {
    /// The run configuration; records always keep their text here (it is
    /// what the index searches).
    pub fn config(&self) -> Result<Config, String> {
        self.input.config(true)
    }
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The index directory (built by `extract index`).
    #[arg(value_name = "INDEX_DIR")]
    pub dir: PathBuf,

    /// Words to find (all required; `"a phrase"`, `a OR b`, `-word`);
    /// empty: every document, to browse by filters and facets.
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,

    /// Only documents mentioning this organisation (normalized name or
    /// acronym, any letter case); repeatable, all must match.
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,

    /// Only documents mentioning this person (normalized name).
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,

    /// Only documents mentioning this place or released there.
    #[arg(long, value_name = "NAME")]
    pub location: Vec<String>,

    /// Release date on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,

    /// Release date on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,

    /// Only documents in this language (ru, en, und).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Number of hits to print.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Also print the top 10 organisations, locations and persons of all
    /// hits, with counts.
    #[arg(long)]
    pub facets: bool,

    /// Output: JSON lines, a table, or auto (a table on a terminal).
    #[arg(long, value_name = "auto|json|table", default_value = "auto", value_parser = ["auto", "json", "table"])]
    pub output: String,
}

impl SearchArgs {
    /// Checks the arguments and builds the request.
    pub fn request(&self) -> Result<crate::index::search::Request, String> {
        use crate::index::search::check_day;
        for d in self.from.iter().chain(&self.to) {
            check_day(d).map_err(|e| format!("--from/--to: {e}"))?;
        }
        if let Some(l) = &self.lang
            && !crate::index::LANGS.contains(&l.as_str())
        {
            return Err(format!("--lang: unknown language {l:?} (ru, en or und)"));
        }
        Ok(crate::index::search::Request {
            query: self.query.clone(),
            orgs: self.org.clone(),
            persons: self.person.clone(),
            locations: self.location.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            lang: self.lang.clone(),
            limit: self.limit,
            facets: if self.facets { 10 } else { 0 },
        })
    }
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Annotated JSONL files: gold NER ({text, entities}) or cases
    /// ({kind, input, expected}); the format is recognised per line.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// List up to N failures per file.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub show_failures: usize,

    /// Only these entity types / case kinds (comma-separated).
    #[arg(long, value_name = "TYPES", value_delimiter = ',')]
    pub types: Vec<String>,

    /// Cases: only those marked press-relevant.
    #[arg(long)]
    pub press_only: bool,

    /// Print the scores as JSON instead of tables.
    #[arg(long)]
    pub json: bool,

    /// Keep only fold K of N (K in 1..=N): documents and cases are dealt
    /// into N folds by a stable hash of their `id`, so `--fold 2/2` is the
    /// held-out half when rules were built looking at `--fold 1/2`.
    #[arg(long, value_name = "K/N", value_parser = parse_fold)]
    pub fold: Option<(u64, u64)>,

    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
}

/// Parses `K/N` with 1 <= K <= N.
fn parse_fold(s: &str) -> Result<(u64, u64), String> {
    let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 2/2")?;
    let k: u64 = k.trim().parse().map_err(|_| format!("bad fold number {k:?}"))?;
    let n: u64 = n.trim().parse().map_err(|_| format!("bad fold count {n:?}"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("fold {k}/{n}: need 1 <= K <= N"));
    }
    Ok((k, n))
}

impl RunArgs {
    /// Checks the arguments and builds the run configuration.
    pub fn config(&self) -> Result<Config, String> {
        self.input.config(!self.no_text)
    }
}

impl InputArgs {
    /// Checks the arguments and builds the run configuration; records keep
    /// their text when `include_text`.
    pub fn config(&self, include_text: bool) -> Result<Config, String> {
        if self.paths.is_empty() && self.from_jsonl.is_none() {
            return Err("no input: give files or directories, `-` for stdin, or --from-jsonl FILE".into());
        }
        let lang = parse_lang(&self.lang).map_err(|e| format!("--lang: {e}"))?;
        let reference_date = self
            .reference_date
            .as_deref()
            .map(ingest::parse_date)
            .transpose()
            .map_err(|e| format!("--reference-date: {e}"))?;
        let region =
            self.region.as_deref().map(ingest::parse_region).transpose().map_err(|e| format!("--region: {e}"))?;
        if self.threads == Some(0) {
            return Err("--threads must be at least 1".into());
        }
        if self.max_bytes == 0 {
            return Err("--max-bytes must be at least 1".into());
        }
        let stdin_uses = self.paths.iter().filter(|p| p.as_os_str() == "-").count()
            + self.from_jsonl.iter().filter(|p| p.as_os_str() == "-").count();
        if stdin_uses > 1 {
            return Err("stdin (`-`) can be read only once".into());
        }
        Ok(Config {
            hints: Hints { lang, reference_date, region, ..Hints::default() },
            include_text,
            limits: Limits { max_bytes: self.max_bytes, ..Limits::default() },
        })
    }
}

/// A `--lang` value: `auto` (detect, `None`), `ru` or `en`.
pub fn parse_lang(s: &str) -> Result<Option<Lang>, String> {
    match s {
        "auto" => Ok(None),
        l => Lang::parse(l)
            .filter(|l| *l != Lang::Und)
            .map(Some)
            .ok_or_else(|| format!("unknown language {l:?} (auto, ru or en)")),
    }
}

/// The number of worker threads: the flag, else all cores.
pub fn threads(flag: Option<usize>) -> usize {
    flag.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1))
}
