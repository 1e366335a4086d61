//! `prex._prex`: the native half of the Python package `prex`.
//!
//! A thin layer over the library: arguments are checked with the same
//! functions as the command line (`cli::parse_lang`, `ingest::parse_date`,
//! `ingest::parse_region`), documents are built by `ingest` and processed
//! by `Pipeline::process` / `Pipeline::run`, so a record is byte for byte
//! the CLI's JSON line. Every function returns JSON text; the pure-Python
//! half (`python/prex/__init__.py`) turns it into dicts, chunks iterators
//! and offers the public API with docstrings.
//!
//! The GIL is released while documents are read and analysed, so other
//! Python threads run meanwhile and `extract_many` uses a rayon pool of
//! `threads` workers. Failures of one input (unreadable DOCX, too large,
//! bad argument, a panic inside the library) become `prex.ExtractError`
//! with the CLI's message (`SHOWN: reason`, as after `extract: `); nothing
//! here can abort the interpreter. The dictionary and gazetteers live in
//! the library's statics: they load once per process, on first use.
//!
//! It deliberately holds no extraction logic and no JSON conversion of its
//! own: what differs from the CLI here is a bug.

use prex::cli::parse_lang;
use prex::document::Hints;
use prex::error::Error;
use prex::ingest::{self, Limits};
use prex::pipeline::{self, Config, Job, Pipeline};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

create_exception!(
    prex,
    ExtractError,
    PyValueError,
    "An input that could not become a record (unreadable or damaged file, too large, bad argument); \
     the message is the command line's."
);

/// Run-wide options as given by the caller, checked like the CLI's flags.
struct Opts {
    hints: Hints,
    include_text: bool,
    max_bytes: u64,
}

impl Opts {
    /// Reads `{lang, reference_date, region, title_hint, include_text,
    /// max_bytes}` (all optional; None means the default).
    fn from_dict(d: Option<&Bound<'_, PyDict>>) -> PyResult<Opts> {
        fn get<'py, T: FromPyObjectOwned<'py>>(d: Option<&Bound<'py, PyDict>>, key: &str) -> PyResult<Option<T>> {
            match d.map(|d| d.get_item(key)).transpose()?.flatten() {
                Some(v) if !v.is_none() => {
                    v.extract().map(Some).map_err(|_| ExtractError::new_err(format!("{key}: wrong type")))
                }
                _ => Ok(None),
            }
        }
        let max_bytes = get::<u64>(d, "max_bytes")?.unwrap_or(Limits::default().max_bytes);
        if max_bytes == 0 {
            return Err(ExtractError::new_err("max_bytes must be at least 1"));
        }
        let (lang, date, region) =
            (get::<String>(d, "lang")?, get::<String>(d, "reference_date")?, get::<String>(d, "region")?);
        let mut hints = Hints::default();
        merge_hints(&mut hints, lang.as_deref(), date.as_deref(), region.as_deref(), get(d, "title_hint")?)
            .map_err(ExtractError::new_err)?;
        Ok(Opts { hints, include_text: get(d, "include_text")?.unwrap_or(true), max_bytes })
    }

    fn limits(&self) -> Limits {
        Limits { max_bytes: self.max_bytes, ..Limits::default() }
    }

    /// A pipeline for these options. Pipelines are cached per option set
    /// (the cache is emptied when it grows past a few dozen).
    fn pipeline(&self) -> Arc<Pipeline> {
        static CACHE: OnceLock<Mutex<HashMap<String, Arc<Pipeline>>>> = OnceLock::new();
        let h = &self.hints;
        let key = format!(
            "{:?}|{:?}|{:?}|{:?}|{}|{}",
            h.lang, h.reference_date, h.region, h.title, self.include_text, self.max_bytes
        );
        let mut cache = CACHE.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() > 32 {
            cache.clear();
        }
        cache
            .entry(key)
            .or_insert_with(|| {
                Arc::new(Pipeline::new(Config {
                    hints: self.hints.clone(),
                    include_text: self.include_text,
                    limits: self.limits(),
                }))
            })
            .clone()
    }
}

/// Overrides `hints` with the given values, with the CLI's checks and
/// messages (`lang: unknown language "xx" (auto, ru or en)`).
fn merge_hints(
    hints: &mut Hints,
    lang: Option<&str>,
    reference_date: Option<&str>,
    region: Option<&str>,
    title_hint: Option<String>,
) -> Result<(), String> {
    if let Some(l) = lang {
        hints.lang = parse_lang(l).map_err(|e| format!("lang: {e}"))?;
    }
    if let Some(d) = reference_date {
        hints.reference_date = Some(ingest::parse_date(d).map_err(|e| format!("reference_date: {e}"))?);
    }
    if let Some(r) = region {
        hints.region = Some(ingest::parse_region(r).map_err(|e| format!("region: {e}"))?);
    }
    if title_hint.is_some() {
        hints.title = title_hint;
    }
    Ok(())
}

/// The CLI's error line without its `extract: ` prefix.
fn message(shown: &str, e: &Error) -> String {
    format!("{shown}: {e}")
}

/// Processes one job with the GIL released.
fn one(py: Python<'_>, opts: &Opts, job: Job) -> PyResult<String> {
    let pipeline = opts.pipeline();
    let shown = job.shown().to_owned();
    py.detach(|| pipeline.process(job)).map_err(|e| ExtractError::new_err(message(&shown, &e)))
}

/// The record of one text, as JSON.
#[pyfunction]
#[pyo3(signature = (text, id, opts=None))]
fn extract_json(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    id: String,
    opts: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let opts = Opts::from_dict(opts)?;
    let text = text.to_cow().map_err(|e| ExtractError::new_err(format!("{id}: {e}")))?.into_owned();
    let doc = ingest::from_text(text, id.clone(), id.clone(), opts.hints.clone(), &opts.limits())
        .map_err(|e| ExtractError::new_err(message(&id, &e)))?;
    one(py, &opts, Job::Doc(Box::new(doc)))
}

/// The record of one TXT or DOCX file, as JSON.
#[pyfunction]
#[pyo3(signature = (path, id=None, opts=None))]
fn extract_file_json(
    py: Python<'_>,
    path: PathBuf,
    id: Option<String>,
    opts: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let opts = Opts::from_dict(opts)?;
    let shown = prex::corpus::display(&path);
    let id = id.unwrap_or_else(|| shown.clone());
    one(py, &opts, Job::File { path, id, shown })
}

/// The record of a file's bytes (TXT or DOCX), as JSON; `name` gives the
/// format by its extension and is `source.path`.
#[pyfunction]
#[pyo3(signature = (data, name, id=None, opts=None))]
fn extract_bytes_json(
    py: Python<'_>,
    data: Vec<u8>,
    name: String,
    id: Option<String>,
    opts: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let opts = Opts::from_dict(opts)?;
    let id = id.unwrap_or_else(|| name.clone());
    one(py, &opts, Job::Bytes { bytes: data, id, shown: name })
}

/// One item of `extract_many`: a `str`, or a dict with `text` and
/// optionally `id`, `lang`, `reference_date`, `region`, `title_hint`.
fn job_of(item: &Bound<'_, PyAny>, index: usize, opts: &Opts) -> Job {
    let fallback_id = index.to_string();
    let built = (|| -> Result<prex::Document, (String, String)> {
        if let Ok(s) = item.cast::<PyString>() {
            let text = s.to_cow().map_err(|e| (fallback_id.clone(), e.to_string()))?.into_owned();
            return ingest::from_text(
                text,
                fallback_id.clone(),
                fallback_id.clone(),
                opts.hints.clone(),
                &opts.limits(),
            )
            .map_err(|e| (fallback_id.clone(), e.to_string()));
        }
        let Ok(d) = item.cast::<PyDict>() else {
            let ty = item.get_type().name().map(|n| n.to_string()).unwrap_or_default();
            return Err((fallback_id.clone(), format!("expected a str or a dict, got {ty}")));
        };
        let get = |key: &str| -> Result<Option<String>, (String, String)> {
            match d.get_item(key) {
                Ok(Some(v)) if v.is_none() => Ok(None),
                Ok(Some(v)) => {
                    if key == "id" && v.cast::<pyo3::types::PyInt>().is_ok() {
                        return Ok(Some(v.to_string()));
                    }
                    v.extract::<String>()
                        .map(Some)
                        .map_err(|_| (fallback_id.clone(), format!("{key:?} must be a string")))
                }
                _ => Ok(None),
            }
        };
        let id = get("id")?.unwrap_or_else(|| fallback_id.clone());
        let Some(text) = get("text")? else {
            return Err((id, "missing \"text\"".into()));
        };
        let mut hints = opts.hints.clone();
        let (lang, date, region, title) = (get("lang")?, get("reference_date")?, get("region")?, get("title_hint")?);
        merge_hints(&mut hints, lang.as_deref(), date.as_deref(), region.as_deref(), title)
            .map_err(|e| (id.clone(), e))?;
        ingest::from_text(text, id.clone(), id.clone(), hints, &opts.limits()).map_err(|e| (id, e.to_string()))
    })();
    match built {
        Ok(doc) => Job::Doc(Box::new(doc)),
        // The reason is already a message; `Internal` would add "please
        // report", so it travels as a bad argument.
        Err((shown, why)) => Job::Failed { shown, error: Error::Io(io::Error::other(why)) },
    }
}

/// Records of many texts (JSON) or `ExtractError`s, in input order, on
/// `threads` workers with the GIL released. `start` numbers the items
/// (default ids and messages) when the caller feeds chunks of a stream.
#[pyfunction]
#[pyo3(signature = (items, threads, start=0, opts=None))]
fn extract_many_json<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyList>,
    threads: usize,
    start: usize,
    opts: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    if threads == 0 {
        return Err(ExtractError::new_err("threads must be at least 1"));
    }
    let opts = Opts::from_dict(opts)?;
    let jobs: Vec<Job> = items.iter().enumerate().map(|(i, item)| job_of(&item, start + i, &opts)).collect();
    let pipeline = opts.pipeline();
    let results: Mutex<Vec<Result<String, String>>> = Mutex::new(Vec::with_capacity(jobs.len()));
    let run = py.detach(|| {
        let mut out = Lines { buf: Vec::new(), results: &results };
        let mut on_error = |shown: &str, e: &Error| push(&results, Err(item_message(shown, e)));
        pipeline.run(jobs.into_iter(), threads, &mut out, &mut on_error, &mut |_| {})
    });
    run.map_err(|e| ExtractError::new_err(format!("cannot run: {}", Error::Io(e))))?;
    let list = PyList::empty(py);
    for r in results.into_inner().unwrap_or_else(|e| e.into_inner()) {
        match r {
            Ok(line) => list.append(line)?,
            Err(msg) => list.append(ExtractError::new_err(msg).into_value(py))?,
        }
    }
    Ok(list)
}

/// A failed item's message: `Failed` items carry their reason as an
/// `io::Error` (see `job_of`), shown as written.
fn item_message(shown: &str, e: &Error) -> String {
    match e {
        Error::Io(io) if io.kind() == io::ErrorKind::Other => format!("{shown}: {io}"),
        e => message(shown, e),
    }
}

fn push(results: &Mutex<Vec<Result<String, String>>>, r: Result<String, String>) {
    results.lock().unwrap_or_else(|e| e.into_inner()).push(r);
}

/// Collects the runner's output lines (one record per `\n`).
struct Lines<'a> {
    buf: Vec<u8>,
    results: &'a Mutex<Vec<Result<String, String>>>,
}

impl Write for Lines<'_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        for part in data.split_inclusive(|&b| b == b'\n') {
            match part.strip_suffix(b"\n") {
                Some(end) => {
                    self.buf.extend_from_slice(end);
                    let line = String::from_utf8(std::mem::take(&mut self.buf)).map_err(io::Error::other)?;
                    push(self.results, Ok(line));
                }
                None => self.buf.extend_from_slice(part),
            }
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[pymodule]
fn _prex(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // A panic inside the library becomes the document's error (with where
    // it happened), not a backtrace on stderr.
    pipeline::quiet_panics();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ExtractError", m.py().get_type::<ExtractError>())?;
    m.add("DEFAULT_MAX_BYTES", Limits::default().max_bytes)?;
    m.add_function(wrap_pyfunction!(extract_json, m)?)?;
    m.add_function(wrap_pyfunction!(extract_file_json, m)?)?;
    m.add_function(wrap_pyfunction!(extract_bytes_json, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many_json, m)?)?;
    Ok(())
}
