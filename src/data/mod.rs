//! Embedded data files: the one comment filter for the line-based lists
//! and tables under `data/`, and [`table`], the read-only hash table that
//! `build.rs` lays out at compile time so nothing is parsed or sorted at
//! start-up.
//!
//! Every list is UTF-8 text, one item a line; `#` starts a comment line;
//! blank lines are skipped; tables are TAB-separated with trimmed cells.
//!
//! [`gazetteer`] compiles the gazetteers into such a table.
//!
//! This module is also compiled into `build.rs` (by `#[path]`, with
//! `span.rs` and `token.rs`), so it uses only `std` and `crate::token`.
//! It does not know what the other files mean: their loaders do.

pub mod gazetteer;
pub mod table;

/// The data lines of a list: trimmed, without blank and `#` comment lines.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The data rows of a TAB-separated table, each split into trimmed cells.
pub fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    lines(text).map(|l| l.split('\t').map(str::trim).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let text = "# head\n\n a \r\n#x\tb\nc\t d \n   \n";
        assert_eq!(lines(text).collect::<Vec<_>>(), ["a", "c\t d"]);
        assert_eq!(rows(text).collect::<Vec<_>>(), [vec!["a"], vec!["c", "d"]]);
    }
}
