//! Throughput of DOCX ingest alone (`ingest::docx::render`), in MB/s of
//! DOCX input: every `.docx` under the given directories (default
//! `../shared/corpus/docx`) rendered in a loop of at least 0.3 s of CPU per
//! run, errors included (they are part of the work), 5 runs, median
//! reported.
//!
//! Two clocks: CPU time of this thread (`/proc/thread-self/schedstat`, the
//! "one core" figure, which does not depend on what else the machine runs)
//! and wall time (which does, on a shared machine).
//!
//! `cargo run --release --example docx_bench [-- DIR_OR_FILE...]`

use prex::ingest::{Limits, docx};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn collect(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(p).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
        out.push(p.to_owned());
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        args.push(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/docx").into());
    }
    let mut paths = Vec::new();
    for a in &args {
        collect(Path::new(a), &mut paths);
    }
    let files: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).expect("readable file")).collect();
    let bytes: usize = files.iter().map(Vec::len).sum();
    let limits = Limits::default();
    let (mut ok, mut chars) = (0, 0);
    let (mut cpu_runs, mut wall_runs) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let (t, c) = (Instant::now(), cpu_seconds());
        let mut rounds = 0;
        loop {
            (ok, chars) = (0, 0);
            for f in &files {
                if let Ok(r) = docx::render(f, &limits) {
                    ok += 1;
                    chars += r.text.len();
                }
            }
            rounds += 1;
            if cpu_seconds() - c >= 0.3 || t.elapsed().as_secs_f64() >= 3.0 {
                break;
            }
        }
        let mb = (bytes * rounds) as f64 / 1e6;
        cpu_runs.push(mb / (cpu_seconds() - c));
        wall_runs.push(mb / t.elapsed().as_secs_f64());
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let show = |v: &[f64]| v.iter().map(|r| format!("{r:.1}")).collect::<Vec<_>>().join(" ");
    let (cpu, wall) = (median(&mut cpu_runs), median(&mut wall_runs));
    println!(
        "{} files ({} rendered), {:.2} MB in, {:.2} MB text out\n\
         MB/s of input, one core (CPU time): median {cpu:.1} (runs {}); docs/s {:.0}\n\
         MB/s of input, wall clock:          median {wall:.1} (runs {})",
        files.len(),
        ok,
        bytes as f64 / 1e6,
        chars as f64 / 1e6,
        show(&cpu_runs),
        cpu * 1e6 / bytes as f64 * files.len() as f64,
        show(&wall_runs),
    );
}

/// CPU time of this thread in seconds (Linux); wall time elsewhere.
fn cpu_seconds() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    let ns = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok());
    match ns {
        Some(ns) => ns as f64 / 1e9,
        None => START.get_or_init(Instant::now).elapsed().as_secs_f64(),
    }
}
