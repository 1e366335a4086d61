//! Profile: where the time goes, per pipeline stage (`extract --profile`).
//!
//! Each stage's wall time is summed over all documents and threads; the
//! report gives seconds, share of the total and the stage's own throughput
//! (bytes of text it ran over per second of its time). Disabled, it costs
//! one branch per stage. It does not sample or attribute time inside a
//! stage: use `perf` for that.

use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct Profile {
    /// Stage name → (total time, calls), in order of first use.
    stages: Mutex<Vec<(&'static str, Duration, u64)>>,
    bytes: Mutex<(u64, u64)>, // (text bytes analysed, documents)
}

impl Profile {
    pub fn add(&self, stage: &'static str, d: Duration) {
        let mut s = self.stages.lock().unwrap_or_else(|e| e.into_inner());
        match s.iter_mut().find(|(n, _, _)| *n == stage) {
            Some(e) => {
                e.1 += d;
                e.2 += 1;
            }
            None => s.push((stage, d, 1)),
        }
    }

    pub fn document(&self, text_bytes: usize) {
        let mut b = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        b.0 += text_bytes as u64;
        b.1 += 1;
    }

    /// Runs `f`, adding its time to `stage`.
    pub fn time<T>(&self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let r = f();
        self.add(stage, t.elapsed());
        r
    }

    /// A readable table.
    pub fn report(&self) -> String {
        use std::fmt::Write;
        let stages = self.stages.lock().unwrap_or_else(|e| e.into_inner());
        let (bytes, docs) = *self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        let total: Duration = stages.iter().map(|s| s.1).sum();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "profile: {docs} documents, {:.1} MB of text, {:.3} s in stages",
            bytes as f64 / 1e6,
            total.as_secs_f64()
        );
        let _ = writeln!(out, "  {:<14} {:>9} {:>7} {:>10}", "stage", "seconds", "share", "MB/s");
        for (name, d, _) in stages.iter() {
            let secs = d.as_secs_f64();
            let share = if total.is_zero() { 0.0 } else { 100.0 * secs / total.as_secs_f64() };
            let mbs = if secs > 0.0 { bytes as f64 / 1e6 / secs } else { f64::INFINITY };
            let _ = writeln!(out, "  {name:<14} {secs:>9.3} {share:>6.1}% {mbs:>10.1}");
        }
        let mbs = if total.is_zero() { 0.0 } else { bytes as f64 / 1e6 / total.as_secs_f64() };
        let _ = writeln!(out, "  {:<14} {:>9.3} {:>6.1}% {:>10.1}", "total", total.as_secs_f64(), 100.0, mbs);
        out
    }
}
