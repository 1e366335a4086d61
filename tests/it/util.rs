//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` (the team's shared material), or `None` when it is absent:
/// tests that need it skip cleanly.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.join("corpus").is_dir().then_some(p)
}

/// Skips the calling test (returns from it) when `../shared` is absent.
#[macro_export]
macro_rules! need_shared {
    () => {
        match $crate::util::shared() {
            Some(p) => p,
            None => {
                eprintln!("skipped: ../shared is absent");
                return;
            }
        }
    };
}

pub fn fixtures() -> PathBuf {
    root().join("fixtures")
}

#[allow(dead_code)]
pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}
