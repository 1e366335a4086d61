//! `--format es-bulk`: records as Elasticsearch / OpenSearch `_bulk`
//! NDJSON, one action line (`{"index":{"_index":NAME,"_id":ID}}`) before
//! each record line, every line `\n`-terminated.
//!
//! [`BulkWriter`] wraps the record output: the pipeline writes record
//! lines as always and this adds the action lines, so ordering, threads and
//! errors stay the pipeline's. The `_id` is the record `id` (stable across
//! runs, so re-loading replaces documents instead of duplicating them);
//! an id longer than Elasticsearch's 512-byte limit becomes
//! `sha256:` + the hex digest of the id. Records never contain raw newlines
//! (serde_json escapes them), which the bulk format requires.
//!
//! Not here: the index template (`schemas/elasticsearch/`), HTTP.

use crate::ingest::sha256_hex;
use std::io::{self, Write};

/// Elasticsearch's and OpenSearch's limit on `_id`, in bytes.
pub const MAX_ID_BYTES: usize = 512;

/// The `_id` of a record id.
pub fn doc_id(id: &str) -> String {
    if id.is_empty() || id.len() > MAX_ID_BYTES {
        format!("sha256:{}", sha256_hex(id.as_bytes()))
    } else {
        id.to_owned()
    }
}

/// The action line (without its newline) for a record id.
pub fn action(index: &str, id: &str) -> String {
    serde_json::json!({"index": {"_index": index, "_id": doc_id(id)}}).to_string()
}

/// Prefixes every record line written through it with its action line.
pub struct BulkWriter<W: Write> {
    out: W,
    index: String,
    line: Vec<u8>,
}

impl<W: Write> BulkWriter<W> {
    pub fn new(out: W, index: &str) -> BulkWriter<W> {
        BulkWriter { out, index: index.to_owned(), line: Vec::new() }
    }

    fn emit(&mut self) -> io::Result<()> {
        #[derive(serde::Deserialize)]
        struct Id {
            id: String,
        }
        let id = serde_json::from_slice::<Id>(&self.line).map(|r| r.id).map_err(io::Error::other)?;
        let action = action(&self.index, &id);
        self.out.write_all(action.as_bytes())?;
        self.out.write_all(b"\n")?;
        self.out.write_all(&self.line)?;
        self.out.write_all(b"\n")?;
        self.line.clear();
        Ok(())
    }
}

impl<W: Write> Write for BulkWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let mut rest = data;
        while let Some(nl) = memchr::memchr(b'\n', rest) {
            self.line.extend_from_slice(&rest[..nl]);
            self.emit()?;
            rest = &rest[nl + 1..];
        }
        self.line.extend_from_slice(rest);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Checks NDJSON against the bulk rules: pairs of an `index` action with
/// an `_id` and a JSON object source, every line `\n`-terminated, no raw
/// newline inside a line (true by construction when lines split on `\n`
/// all parse). Returns the number of documents.
pub fn check_bulk(ndjson: &str) -> Result<usize, String> {
    if !ndjson.is_empty() && !ndjson.ends_with('\n') {
        return Err("the last line is not \\n-terminated".into());
    }
    let lines: Vec<&str> = ndjson.lines().collect();
    if !lines.len().is_multiple_of(2) {
        return Err(format!("{} lines: actions and sources do not pair up", lines.len()));
    }
    for (i, pair) in lines.chunks(2).enumerate() {
        let a: serde_json::Value = serde_json::from_str(pair[0]).map_err(|e| format!("action {i}: {e}"))?;
        let id = a["index"]["_id"].as_str().ok_or_else(|| format!("action {i} has no index._id"))?;
        if id.len() > MAX_ID_BYTES {
            return Err(format!("action {i}: _id longer than {MAX_ID_BYTES} bytes"));
        }
        let s: serde_json::Value = serde_json::from_str(pair[1]).map_err(|e| format!("source {i}: {e}"))?;
        if !s.is_object() {
            return Err(format!("source {i} is not an object"));
        }
    }
    Ok(lines.len() / 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_actions_with_records_across_split_writes() {
        let mut out = Vec::new();
        {
            let mut w = BulkWriter::new(&mut out, "prex");
            w.write_all(br#"{"id":"a/b.txt","text":"x\ny"}"#).unwrap();
            w.write_all(b"\n{\"id\":").unwrap();
            w.write_all(b"\"c\"}\n").unwrap();
        }
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "{\"index\":{\"_id\":\"a/b.txt\",\"_index\":\"prex\"}}\n{\"id\":\"a/b.txt\",\"text\":\"x\\ny\"}\n\
             {\"index\":{\"_id\":\"c\",\"_index\":\"prex\"}}\n{\"id\":\"c\"}\n"
        );
        assert_eq!(check_bulk(&s), Ok(2));
        assert!(check_bulk("{\"index\":{\"_id\":\"c\"}}\n{}").is_err());
    }

    #[test]
    fn long_ids_are_hashed() {
        let long = "x".repeat(600);
        assert_eq!(doc_id(&long).len(), "sha256:".len() + 64);
        assert_eq!(doc_id("a"), "a");
    }
}
