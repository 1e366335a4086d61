//! Corpus: the command line's paths → the inputs, in a stable order.
//!
//! A file argument is one input whatever its extension (its `id` is the
//! path as given). A directory is walked recursively; inside it only
//! `.txt` and `.docx` files (any case) are inputs, and their `id` is the
//! path relative to that directory with `/` separators. Entries are sorted
//! by name (byte order) at every level, so the order never depends on the
//! file system. Symbolic links are followed, but a directory already on the
//! current walk (a loop) is not entered twice. `-` is standard input.
//!
//! It reads no file contents: that is `ingest`. Walking errors (an
//! unreadable directory, a dangling link) become inputs that fail, so that
//! records + errors = inputs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One input to process.
#[derive(Debug)]
pub enum Input {
    /// A file: where to read it, its record `id`, and the path to show.
    File { path: PathBuf, id: String, shown: String },
    /// Standard input, as one document.
    Stdin,
    /// A path that could not be walked: reported as that input's error.
    Broken { shown: String, error: io::Error },
}

impl Input {
    /// The path as shown in messages and `source.path`.
    pub fn shown(&self) -> &str {
        match self {
            Input::File { shown, .. } | Input::Broken { shown, .. } => shown,
            Input::Stdin => "-",
        }
    }
}

/// Expands the command line's paths into inputs, in order. Calls `emit` for
/// each so that a huge directory does not have to be held in memory twice.
pub fn walk(paths: &[PathBuf], mut emit: impl FnMut(Input)) {
    for p in paths {
        if p.as_os_str() == "-" {
            emit(Input::Stdin);
            continue;
        }
        let shown = display(p);
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut stack = Vec::new();
                walk_dir(p, p, &mut stack, &mut emit);
            }
            Ok(_) => emit(Input::File { path: p.clone(), id: shown.clone(), shown }),
            Err(error) => emit(Input::Broken { shown, error }),
        }
    }
}

/// `stack` holds the canonical paths of the directories being walked, to
/// detect loops through symbolic links.
fn walk_dir(root: &Path, dir: &Path, stack: &mut Vec<PathBuf>, emit: &mut impl FnMut(Input)) {
    let canon = match fs::canonicalize(dir) {
        Ok(c) => c,
        Err(error) => return emit(Input::Broken { shown: display(dir), error }),
    };
    if stack.contains(&canon) {
        return; // a symlink loop: this directory is already being walked
    }
    let mut entries: Vec<(Vec<u8>, PathBuf)> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| (e.file_name().as_encoded_bytes().to_vec(), e.path())).collect(),
        Err(error) => return emit(Input::Broken { shown: display(dir), error }),
    };
    entries.sort();
    stack.push(canon);
    for (_, path) in entries {
        // Follows symlinks; a dangling link fails here.
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(error) => {
                if is_input_name(&path) {
                    emit(Input::Broken { shown: display(&path), error });
                }
                continue;
            }
        };
        if meta.is_dir() {
            walk_dir(root, &path, stack, emit);
        } else if is_input_name(&path) {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let id = display(rel);
            let shown = display(&path);
            emit(Input::File { path, id, shown });
        }
    }
    stack.pop();
}

/// `.txt` or `.docx`, any case.
pub fn is_input_name(p: &Path) -> bool {
    match p.extension().and_then(|e| e.to_str()) {
        Some(e) => e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("docx"),
        None => false,
    }
}

/// A path with `/` separators and no leading `./`.
pub fn display(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_and_filters() {
        let dir = std::env::temp_dir().join(format!("prex-walk-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("b/c")).unwrap();
        for f in ["z.txt", "a.TXT", "b/c/x.docx", "b/readme.md", "b/y.txt"] {
            fs::write(dir.join(f), "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(&dir, dir.join("b/loop")).unwrap();
        let mut ids = Vec::new();
        walk(std::slice::from_ref(&dir), |i| match i {
            Input::File { id, .. } => ids.push(id),
            other => panic!("{other:?}"),
        });
        assert_eq!(ids, ["a.TXT", "b/c/x.docx", "b/y.txt", "z.txt"]);
        let _ = fs::remove_dir_all(&dir);
    }
}
