//! Pipeline: build the stages once, run them per document, and run many
//! documents in parallel with output in input order.
//!
//! `Pipeline::analyse` is the whole per-document flow: language →
//! segments → tokens → release date → extractors → resolve → contacts.
//! `Pipeline::run` feeds jobs to a rayon pool and writes each record (or
//! reports each error) strictly in job order, holding at most a bounded
//! window of finished-but-unwritten results (a [`reorder::Reorder`]
//! buffer), so memory does not grow with the corpus. A panic while
//! processing one document becomes that document's error. This is the
//! only module that knows about threads.

pub mod reorder;

use crate::contacts;
use crate::document::{Document, Hints, Lang};
use crate::error::Error;
use crate::extract::{Context, Extractors, date::DateExtractor, places};
use crate::ingest::{self, Limits};
use crate::lang;
use crate::profile::Profile;
use crate::record::{Analysis, Record};
use crate::resolve::resolve;
use crate::segment::{self, Segments};
use crate::token;
use reorder::Reorder;
use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::mpsc;

/// Documents whose text is at least this long are not serialized by the
/// worker into one `String`: the writer serializes their record straight
/// into the output when their turn comes. A record is ~9× its text (every
/// sentence and entity as a JSON object), so for a giant one-line input the
/// line itself was the largest allocation of the run (docs/PERFORMANCE.md,
/// "Memory on giant inputs"). Below it, workers serialize in parallel.
pub const STREAM_BYTES: usize = 1 << 20;

/// One finished job, as the writer receives it.
enum Done {
    /// The record's JSON line (without the newline).
    Line(String),
    /// A big document with its analysis, serialized by the writer.
    Deferred(Box<(Document, Analysis)>),
}

/// Run-wide settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Defaults for every document (`--lang`, `--reference-date`,
    /// `--region`); a JSONL line's own keys override them.
    pub hints: Hints,
    /// Keep `text` in records (`--no-text` turns it off).
    pub include_text: bool,
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Config {
        Config { hints: Hints::default(), include_text: true, limits: Limits::default() }
    }
}

/// The stages, built once and shared by all threads.
pub struct Pipeline {
    pub config: Config,
    extractors: Extractors,
    dates: DateExtractor,
    /// Per-stage timing, when asked for (`--profile`).
    pub profile: Option<Profile>,
}

/// One unit of work.
#[derive(Debug)]
pub enum Job {
    File {
        path: PathBuf,
        id: String,
        shown: String,
    },
    Stdin,
    Jsonl {
        line: String,
        shown: String,
    },
    /// A document already built by the caller (the Python package).
    Doc(Box<Document>),
    /// A file's bytes held by the caller (Spark's `binaryFile` rows): read
    /// as `File` would read them, the format from `shown`'s extension and
    /// the bytes.
    Bytes {
        bytes: Vec<u8>,
        id: String,
        shown: String,
    },
    /// An input that failed before it could be read (walk errors).
    Failed {
        shown: String,
        error: Error,
    },
}

impl Job {
    pub fn shown(&self) -> &str {
        match self {
            Job::File { shown, .. }
            | Job::Bytes { shown, .. }
            | Job::Jsonl { shown, .. }
            | Job::Failed { shown, .. } => shown,
            Job::Doc(doc) => &doc.source.path,
            Job::Stdin => "-",
        }
    }
}

/// Counts of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub records: u64,
    pub errors: u64,
    /// Output stopped early because the reader went away (`| head`).
    pub broken_pipe: bool,
}

impl Pipeline {
    pub fn new(config: Config) -> Pipeline {
        Pipeline { config, extractors: Extractors::standard(), dates: DateExtractor::new(), profile: None }
    }

    /// A pipeline with a chosen set of extractors (benchmarks, tests).
    pub fn with_extractors(config: Config, extractors: Extractors) -> Pipeline {
        Pipeline { config, extractors, dates: DateExtractor::new(), profile: None }
    }

    /// Everything found in one document.
    pub fn analyse(&self, doc: &Document) -> Analysis {
        let text = doc.text.as_str();
        if let Some(p) = &self.profile {
            p.document(text.len());
        }
        let lang = self.time("lang", || doc.hints.lang.unwrap_or_else(|| lang::detect(text)));
        let segments = self.time("segment", || segment::segment(text, &doc.hints, lang));
        let tokens = self.time("tokenize", || token::tokenize(text));
        let region = doc.hints.region.clone().unwrap_or_else(|| infer_region(text, &segments, lang).to_owned());
        // The release date is its own step, read from the dateline against
        // the user's reference date; its result is the extractors' anchor.
        let header = Context {
            text,
            tokens: &tokens,
            segments: &segments,
            lang,
            anchor: doc.hints.reference_date,
            region: &region,
            links: &doc.hints.links,
            trigger_scan: Default::default(),
        };
        let release_date = self.time("release-date", || self.release_date(&header));
        let ctx = Context { anchor: release_date.or(doc.hints.reference_date), ..header };
        let candidates = self.extractors.run_profiled(&ctx, self.profile.as_ref());
        let mentions = self.time("resolve", || resolve(candidates));
        let contacts = self.time("contacts", || contacts::build(text, &segments, &mentions));
        Analysis { lang, segments, release_date, mentions, contacts }
    }

    /// The release date: the first day-precision date inside the
    /// dateline, a year-less one resolved against `header.anchor` (the
    /// user's reference date). `None` without a dated dateline.
    fn release_date(&self, header: &Context) -> Option<jiff::civil::Date> {
        let span = header.segments.dateline.as_ref()?.date?;
        self.dates.day_in(header, span)
    }

    /// Runs `f`, timing it as `stage` when profiling.
    fn time<T>(&self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        match &self.profile {
            None => f(),
            Some(p) => p.time(stage, f),
        }
    }

    /// One document → one JSON line (without the newline).
    pub fn record_json(&self, doc: &Document) -> String {
        let analysis = self.analyse(doc);
        self.time("record", || {
            let record = Record::build(doc, &analysis, self.config.include_text);
            serde_json::to_string(&record).expect("records always serialize")
        })
    }

    /// Reads one job's input into a document.
    pub fn load(&self, job: Job) -> Result<Document, Error> {
        let limits = &self.config.limits;
        let hints = self.config.hints.clone();
        match job {
            Job::File { path, id, shown } => ingest::read_file(&path, id, shown, limits, hints),
            Job::Stdin => {
                let bytes = ingest::read_capped(io::stdin().lock(), limits.max_bytes)?;
                let format = ingest::format_of(std::path::Path::new("-"), &bytes);
                ingest::from_bytes(&bytes, "-".into(), "-".into(), format, limits, hints)
            }
            Job::Jsonl { line, shown } => ingest::from_jsonl_line(&line, &shown, &hints, limits),
            Job::Doc(doc) => Ok(*doc),
            Job::Bytes { bytes, id, shown } => {
                let format = ingest::format_of(std::path::Path::new(&shown), &bytes);
                ingest::from_bytes(&bytes, id, shown, format, limits, hints)
            }
            Job::Failed { error, .. } => Err(error),
        }
    }

    /// One job → its record line or its error; never panics.
    pub fn process(&self, job: Job) -> Result<String, Error> {
        catch_unwind(AssertUnwindSafe(|| {
            let doc = self.time("ingest", || self.load(job))?;
            Ok(self.record_json(&doc))
        }))
        .unwrap_or_else(|payload| Err(Error::Internal(panic_message(payload))))
    }

    /// `process` for `run`: a big document's record is left to the writer.
    fn process_for_run(&self, job: Job) -> Result<Done, Error> {
        catch_unwind(AssertUnwindSafe(|| {
            let doc = self.time("ingest", || self.load(job))?;
            if doc.text.len() < STREAM_BYTES {
                return Ok(Done::Line(self.record_json(&doc)));
            }
            let analysis = self.analyse(&doc);
            Ok(Done::Deferred(Box::new((doc, analysis))))
        }))
        .unwrap_or_else(|payload| Err(Error::Internal(panic_message(payload))))
    }

    /// Writes a deferred document's record and its newline to `out`.
    /// Building the record is the last step that can panic; once writing
    /// has begun, only output errors can stop it.
    fn write_record(&self, doc: &Document, analysis: &Analysis, out: &mut dyn Write) -> Result<io::Result<()>, Error> {
        let record = catch_unwind(AssertUnwindSafe(|| Record::build(doc, analysis, self.config.include_text)))
            .map_err(|payload| Error::Internal(panic_message(payload)))?;
        Ok(self.time("record", || {
            serde_json::to_writer(&mut *out, &record).map_err(io::Error::from).and_then(|_| out.write_all(b"\n"))
        }))
    }

    /// Processes `jobs` on `threads` threads; writes records to `out` in job
    /// order and calls `on_error(shown, error)` (also in job order) for each
    /// failed input, and `on_done(index)` after each job is reported.
    pub fn run(
        &self,
        jobs: impl Iterator<Item = Job>,
        threads: usize,
        out: &mut dyn Write,
        on_error: &mut dyn FnMut(&str, &Error),
        on_done: &mut dyn FnMut(u64),
    ) -> io::Result<Summary> {
        let threads = threads.max(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("prex-{i}"))
            .build()
            .map_err(io::Error::other)?;
        // Finished-but-unwritten results are bounded by this window.
        let window = (threads * 16).max(16);
        let (tx, rx) = mpsc::channel::<(usize, String, Result<Done, Error>)>();
        let mut summary = Summary::default();
        let mut pending: Reorder<(String, Result<Done, Error>)> = Reorder::new();
        let mut submitted = 0usize;
        let mut fatal: Option<io::Error> = None;

        let mut flush = |pending: &mut Reorder<(String, Result<Done, Error>)>,
                         summary: &mut Summary,
                         fatal: &mut Option<io::Error>| {
            while let Some((shown, result)) = pending.pop() {
                if summary.broken_pipe || fatal.is_some() {
                    continue;
                }
                let written = match result {
                    Ok(Done::Line(line)) => Ok(out.write_all(line.as_bytes()).and_then(|_| out.write_all(b"\n"))),
                    Ok(Done::Deferred(job)) => self.write_record(&job.0, &job.1, out),
                    Err(e) => Err(e),
                };
                match written {
                    Ok(w) => match w {
                        Ok(()) => summary.records += 1,
                        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => summary.broken_pipe = true,
                        Err(e) => *fatal = Some(e),
                    },
                    Err(e) => {
                        summary.errors += 1;
                        on_error(&shown, &e);
                    }
                }
                on_done(pending.next_index() as u64);
            }
        };

        pool.in_place_scope(|scope| {
            for job in jobs {
                if summary.broken_pipe || fatal.is_some() {
                    break;
                }
                while submitted - pending.next_index() >= window {
                    match rx.recv() {
                        Ok((i, shown, r)) => {
                            pending.insert(i, (shown, r));
                        }
                        Err(_) => break,
                    }
                    flush(&mut pending, &mut summary, &mut fatal);
                }
                let tx = tx.clone();
                let index = submitted;
                submitted += 1;
                scope.spawn(move |_| {
                    let shown = job.shown().to_owned();
                    let result = self.process_for_run(job);
                    let _ = tx.send((index, shown, result));
                });
                while let Ok((i, shown, r)) = rx.try_recv() {
                    pending.insert(i, (shown, r));
                }
                flush(&mut pending, &mut summary, &mut fatal);
            }
            while pending.next_index() < submitted {
                match rx.recv() {
                    Ok((i, shown, r)) => {
                        pending.insert(i, (shown, r));
                    }
                    Err(_) => break,
                }
                flush(&mut pending, &mut summary, &mut fatal);
            }
        });
        if let Some(e) = fatal {
            return Err(e);
        }
        if !summary.broken_pipe {
            match out.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => summary.broken_pipe = true,
                r => r?,
            }
        }
        Ok(summary)
    }
}

/// Default region for national phone numbers when neither the user nor the
/// input names one: the country of the dateline city ("Бишкек" → KG, from
/// `data/places.tsv`), else the main country of the language.
///
/// The dateline place comes from the segmenter; when it found none, the
/// first non-empty lines of the text (at most three, 300 bytes) are tried
/// for a "City, …" dateline of a known city, so that a release from
/// Bishkek reads "312 26 10 00" as a Kyrgyz number.
pub fn infer_region(text: &str, segments: &Segments, lang: Lang) -> &'static str {
    let place =
        segments.location.as_deref().and_then(places::country_of_city).or_else(|| {
            segments.dateline.as_ref().and_then(|d| d.place).and_then(|p| places::country_of_city(p.of(text)))
        });
    if let Some(cc) = place {
        return cc;
    }
    let head = crate::text::prefix(text, 300);
    for line in head.lines().map(str::trim).filter(|l| !l.is_empty()).take(3) {
        if let Some((city, rest)) = line.split_once(',')
            && rest.bytes().any(|b| b.is_ascii_digit())
            && let Some(cc) = places::country_of_city(city)
        {
            return cc;
        }
    }
    default_region(lang)
}

/// The main country of a language: the last resort for the phone region.
pub fn default_region(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "RU",
        Lang::En | Lang::Und => "US",
    }
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    let msg = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_owned()
    };
    match LAST_PANIC_AT.with(|l| l.take()) {
        Some(at) => format!("{msg} at {at}"),
        None => msg,
    }
}

thread_local! {
    static LAST_PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Replaces the default panic hook (which prints a multi-line message) with
/// one that only records where the panic happened; `Pipeline::process`
/// turns the panic into one error line. Call once, from the binary.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
        LAST_PANIC_AT.with(|l| *l.borrow_mut() = at);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_from_first_lines() {
        let seg = Segments::default();
        assert_eq!(
            infer_region(
                "Заголовок
Бишкек, 13 сентября 2017
Текст",
                &seg,
                Lang::Ru
            ),
            "KG"
        );
        assert_eq!(
            infer_region(
                "Алматы, 5 мая 2020 г.
Текст",
                &seg,
                Lang::Ru
            ),
            "KZ"
        );
        assert_eq!(
            infer_region(
                "Нет даты
Текст",
                &seg,
                Lang::Ru
            ),
            "RU"
        );
        assert_eq!(infer_region("No dateline here", &seg, Lang::En), "US");
        // A long Cyrillic first line: the 300-byte cut falls inside a char.
        let long = "ж".repeat(400);
        assert_eq!(infer_region(&long, &seg, Lang::Ru), "RU");
        assert_eq!(infer_region(&format!("я{long}"), &seg, Lang::Ru), "RU");
    }
}
