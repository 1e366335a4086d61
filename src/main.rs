//! The `extract` binary: arguments → config → run; exit codes.
//!
//! Records go to stdout (or `-o`), one line per document; per-input errors
//! go to stderr as `extract: PATH: reason`. A closed stdout (`| head`)
//! ends the run quietly.

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use prex::cli::{self, Cli, Sub};
use prex::corpus::{self, Input};
use prex::error::Error;
use prex::pipeline::{self, Job, Pipeline};
use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let cli = Cli::parse();
    pipeline::quiet_panics();
    match cli.command {
        Some(Sub::Eval(args)) => match prex::eval::run_cli(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        },
        Some(Sub::TrainNer(args)) => match prex::extract::ner::model::train::run_cli(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        },
        Some(Sub::Index(args)) => index(&args),
        Some(Sub::Search(args)) => search(&args),
        None => run(&cli.run),
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("extract: {msg}");
    ExitCode::from(2)
}

fn run(args: &cli::RunArgs) -> ExitCode {
    let config = match args.config() {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let threads = cli::threads(args.input.threads);
    let mut pipeline = Pipeline::new(config);
    if args.input.profile {
        pipeline.profile = Some(Default::default());
    }

    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(BufWriter::with_capacity(1 << 16, f)),
            Err(e) => return fail(&format!("{}: cannot create output: {}", p.display(), Error::Io(e))),
        },
        None => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    };
    if args.format == "es-bulk" {
        out = Box::new(prex::es::BulkWriter::new(out, &args.index_name));
    }

    let (rx, walker) = spawn_walker(&args.input, |_| false);
    let progress = Progress::new(args.input.no_progress);
    let mut on_error = |shown: &str, e: &Error| progress.suspend(|| eprintln!("extract: {shown}: {e}"));
    let mut on_done = |n: u64| progress.tick(n);
    let result = pipeline.run(rx.into_iter(), threads, &mut out, &mut on_error, &mut on_done);
    progress.finish();
    let _ = walker.join();
    if let Some(p) = &pipeline.profile {
        eprint!("{}", p.report());
    }
    match result {
        Ok(s) if s.broken_pipe => ExitCode::SUCCESS,
        Ok(s) if s.errors > 0 => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot write output: {}", Error::Io(e))),
    }
}

/// Jobs are produced by a walker thread through a bounded channel, so a
/// huge directory or JSONL file is never held in memory at once. Files for
/// which `skip(&job)` is true are left out (unchanged index documents).
fn spawn_walker(
    args: &cli::InputArgs,
    skip: impl Fn(&Job) -> bool + Send + 'static,
) -> (std::sync::mpsc::Receiver<Job>, std::thread::JoinHandle<()>) {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Job>(1024);
    let paths = args.paths.clone();
    let jsonl = args.from_jsonl.clone();
    let walker = std::thread::spawn(move || {
        corpus::walk(&paths, |input| {
            let job = match input {
                Input::File { path, id, shown } => Job::File { path, id, shown },
                Input::Stdin => Job::Stdin,
                Input::Broken { shown, error } => Job::Failed { shown, error: Error::Io(error) },
            };
            if !skip(&job) {
                let _ = tx.send(job);
            }
        });
        if let Some(p) = jsonl {
            jsonl_jobs(&p, &tx);
        }
    });
    (rx, walker)
}

/// `extract index`: the pipeline with the index as its sink. Exit 2 when
/// the index cannot be opened (locked, foreign, other version), 1 when
/// some input failed.
fn index(args: &cli::IndexArgs) -> ExitCode {
    let config = match args.config() {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let threads = cli::threads(args.input.threads);
    let opened =
        prex::index::PrexIndex::create_or_open(&args.dir).and_then(|ix| Ok((ix.existing()?, ix.writer()?, ix)));
    let (existing, writer, ix) = match opened {
        Ok(x) => x,
        Err(e) => return fail(&e.to_string()),
    };
    let mut sink = prex::index::Sink::new(writer, ix.fields, existing.clone(), args.commit_every);
    let skipped = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let existing = std::sync::Arc::new(existing);
    let counter = skipped.clone();
    let (rx, walker) = spawn_walker(&args.input, move |job| {
        let same = matches!(job, Job::File { path, id, .. } if prex::index::Sink::unchanged(&existing, id, path));
        if same {
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        same
    });
    let mut pipeline = Pipeline::new(config);
    if args.input.profile {
        pipeline.profile = Some(Default::default());
    }
    let progress = Progress::new(args.input.no_progress);
    let mut on_error = |shown: &str, e: &Error| progress.suspend(|| eprintln!("extract: {shown}: {e}"));
    let mut on_done = |n: u64| progress.tick(n);
    let result = pipeline.run(rx.into_iter(), threads, &mut sink, &mut on_error, &mut on_done);
    progress.finish();
    let _ = walker.join();
    let summary = match result {
        Ok(s) => s,
        Err(e) => return fail(&format!("{}: cannot write the index: {e}", args.dir.display())),
    };
    if args.delete_missing {
        sink.delete_missing();
    }
    let mut counts = match sink.finish() {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    counts.unchanged += skipped.load(std::sync::atomic::Ordering::Relaxed);
    eprintln!(
        "extract: {}: {} added, {} updated, {} unchanged, {} deleted, {} failed",
        args.dir.display(),
        counts.added,
        counts.updated,
        counts.unchanged,
        counts.deleted,
        summary.errors
    );
    if summary.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// `extract search`: JSON lines when piped (or `--output json`), a table on
/// a terminal.
fn search(args: &cli::SearchArgs) -> ExitCode {
    let request = match args.request() {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    let answer = match prex::index::PrexIndex::open(&args.dir).and_then(|ix| ix.search(&request)) {
        Ok(a) => a,
        Err(e) => return fail(&e.to_string()),
    };
    let table = match args.output.as_str() {
        "table" => true,
        "json" => false,
        _ => io::stdout().is_terminal(),
    };
    let text = if table { answer.table() } else { answer.json_lines() };
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => fail(&format!("cannot write output: {}", Error::Io(e))),
        _ => ExitCode::SUCCESS,
    }
}

/// One job per non-blank line of a JSONL file; a read error is one failed
/// job for the file.
fn jsonl_jobs(path: &std::path::Path, tx: &std::sync::mpsc::SyncSender<Job>) {
    let shown = corpus::display(path);
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(io::BufReader::new(f)),
            Err(e) => {
                let _ = tx.send(Job::Failed { shown, error: Error::Io(e) });
                return;
            }
        }
    };
    for (i, line) in reader.split(b'\n').enumerate() {
        let at = format!("{shown}:{}", i + 1);
        let job = match line {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(line) if line.trim().is_empty() => continue,
                Ok(line) => Job::Jsonl { line, shown: at },
                Err(_) => Job::Failed { shown: at, error: Error::BadJsonl("line is not valid UTF-8".into()) },
            },
            Err(e) => {
                let _ = tx.send(Job::Failed { shown: at, error: Error::Io(e) });
                return;
            }
        };
        if tx.send(job).is_err() {
            return;
        }
    }
}

/// A progress line on stderr, shown only when stderr is a terminal and the
/// run has lasted more than a second.
struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    visible: std::cell::Cell<bool>,
}

impl Progress {
    fn new(disabled: bool) -> Progress {
        let bar = (!disabled && io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} documents  {per_sec}  {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        });
        Progress { bar, start: Instant::now(), visible: false.into() }
    }

    fn tick(&self, n: u64) {
        if let Some(bar) = &self.bar {
            if !self.visible.get() && self.start.elapsed() > Duration::from_secs(1) {
                bar.set_draw_target(ProgressDrawTarget::stderr());
                self.visible.set(true);
            }
            bar.set_position(n);
        }
    }

    fn suspend(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
