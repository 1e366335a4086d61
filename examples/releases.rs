//! Prints the header found in every release of a corpus directory: one
//! tab-separated line per file (id, title, dateline, date span, location),
//! then the counts. For checking segmentation by hand:
//!
//! ```text
//! cargo run --release --example releases -- ../shared/corpus/releases
//! cargo run --release --example releases -- ../shared/corpus/releases --render doj_release_00019
//! ```
//!
//! With `--render ID` it prints the full zone/paragraph/sentence rendering
//! of the files whose name contains ID instead; given a file instead of a
//! directory, it prints that file's rendering.

use prex::document::Hints;
use prex::{lang, segment};
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "../shared/corpus/releases".into()));
    let render = match (args.next().as_deref(), args.next()) {
        (Some("--render"), Some(id)) => Some(id),
        _ => None,
    };
    if root.is_file() {
        // A single file: its full rendering.
        let text = std::fs::read_to_string(&root).unwrap_or_default();
        let lang = lang::detect(&text);
        print!("{}", segment::segment(&text, &Hints::default(), lang).render(&text, None));
        return;
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in ["en", "ru"] {
        if let Ok(rd) = std::fs::read_dir(root.join(sub)) {
            files.extend(
                rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")),
            );
        }
    }
    files.sort();
    let (mut n, mut titles, mut datelines, mut dates, mut locations) = (0, 0, 0, 0, 0);
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let lang = lang::detect(&text);
        let seg = segment::segment(&text, &Hints::default(), lang);
        if let Some(want) = &render {
            if id.contains(want.as_str()) {
                println!("=== {id} ({})\n{}", lang.as_str(), seg.render(&text, Some(160)));
            }
            continue;
        }
        n += 1;
        titles += seg.title.is_some() as usize;
        datelines += seg.dateline.is_some() as usize;
        dates += seg.dateline.as_ref().is_some_and(|d| d.date.is_some()) as usize;
        locations += seg.location.is_some() as usize;
        let dl = seg.dateline.as_ref();
        println!(
            "{id}\t{}\t{}\t{}\t{}",
            seg.title.as_deref().unwrap_or("-"),
            dl.map_or("-".into(), |d| d.span.of(&text).replace('\n', " ")),
            dl.and_then(|d| d.date).map_or("-", |s| s.of(&text)),
            seg.location.as_deref().unwrap_or("-"),
        );
    }
    if render.is_none() {
        println!("# {n} releases: title {titles}, dateline {datelines}, date span {dates}, location {locations}");
    }
}
