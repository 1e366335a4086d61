//! The embedded search index: an on-disk tantivy index of records, the
//! sink of `extract index`, and the reader of `extract search`
//! (`search.rs`).
//!
//! A prex index is a directory holding tantivy's files plus a marker file,
//! `prex-index.json`, naming the schema version. A directory without the
//! marker (that is not empty) or with another version is refused and never
//! written to. One writer at a time: tantivy's writer lock (an OS file
//! lock, released when the process dies, even by SIGKILL) is turned into
//! [`IndexError::Locked`].
//!
//! [`Sink`] is a `Write` that takes the pipeline's record lines, so the
//! index reuses `Pipeline::run` unchanged (ordering, threads, errors): each
//! line becomes one document keyed by the record `id`; a line whose
//! `source.sha256` equals the indexed one is skipped, any other replaces the
//! old document. The sink commits every `commit_every` documents, so a
//! killed run keeps everything up to its last commit (tantivy commits are
//! atomic: a new `meta.json` is renamed into place).
//!
//! Not here: extraction (the pipeline's), the command line (`cli`/`main`),
//! ranking tweaks beyond a title boost.

pub mod analyzer;
pub mod search;

use crate::ingest::sha256_hex;
use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument, Term};

/// The marker file that makes a directory a prex index.
pub const MARKER: &str = "prex-index.json";
/// Bumped whenever the tantivy schema below changes incompatibly.
pub const SCHEMA_VERSION: u64 = 1;
/// The languages with their own text fields and analyzers.
pub const LANGS: [&str; 3] = ["ru", "en", "und"];

/// Why an index cannot be opened or written. All of them are the user's
/// to fix (exit code 2), none is a per-document error.
#[derive(Debug)]
pub enum IndexError {
    /// Another process holds the writer lock.
    Locked(PathBuf),
    /// The directory exists, is not empty, and is not a prex index.
    Foreign(PathBuf),
    /// A prex index of another schema version.
    Version {
        dir: PathBuf,
        found: String,
    },
    /// The directory does not exist (search only).
    Missing(PathBuf),
    Io(PathBuf, io::Error),
    Tantivy(String),
}

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexError::Locked(d) => write!(
                f,
                "{}: index is locked by another writer (another `extract index` is running on it); try again when it has finished",
                d.display()
            ),
            IndexError::Foreign(d) => write!(
                f,
                "{}: not a prex index (no {MARKER}) and not empty; refusing to write into it, give a new or empty directory",
                d.display()
            ),
            IndexError::Version { dir, found } => write!(
                f,
                "{}: prex index of schema version {found}, this extract needs version {SCHEMA_VERSION}; rebuild it into a new directory",
                dir.display()
            ),
            IndexError::Missing(d) => write!(f, "{}: no such index (build one with `extract index`)", d.display()),
            IndexError::Io(d, e) => {
                write!(f, "{}: {}", d.display(), crate::error::Error::Io(io::Error::new(e.kind(), e.to_string())))
            }
            IndexError::Tantivy(e) => write!(f, "index error: {e}"),
        }
    }
}

impl std::error::Error for IndexError {}

impl From<tantivy::TantivyError> for IndexError {
    fn from(e: tantivy::TantivyError) -> IndexError {
        IndexError::Tantivy(e.to_string())
    }
}

/// The fields of the tantivy schema.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub id: Field,
    pub sha256: Field,
    /// Absolute path of the input file ("" for stdin and JSONL input):
    /// what `--delete-missing` checks.
    pub file: Field,
    pub format: Field,
    pub lang: Field,
    pub location: Field,
    /// Stored title and text (for output and snippets), not indexed.
    pub title: Field,
    pub text: Field,
    /// Indexed title and text, one field per language (its analyzer).
    pub title_by_lang: [Field; 3],
    pub text_by_lang: [Field; 3],
    /// Release date (midnight UTC).
    pub date: Field,
    /// Facets of normalized names.
    pub orgs: Field,
    pub locs: Field,
    pub pers: Field,
    /// Folded keys of the same names (and ORG acronyms, the release
    /// location) for case-insensitive filters.
    pub org_key: Field,
    pub loc_key: Field,
    pub per_key: Field,
    /// First and last day of every DATE value.
    pub date_gte: Field,
    pub date_lte: Field,
    pub amount: Field,
    pub currency: Field,
    pub email: Field,
    pub phone: Field,
    pub url: Field,
}

/// The tokenizer name of a language's text fields.
fn analyzer_name(lang: &str) -> String {
    format!("prex_{lang}")
}

/// Lower-cased words, long tokens dropped, stemmed for ru and en
/// (`analyzer.rs`: tantivy's simple tokenizer, long-token filter,
/// lower-caser and stemmer in one cached pass).
fn analyzer(lang: &str) -> TextAnalyzer {
    TextAnalyzer::from(analyzer::PrexTokenizer::new(lang))
}

/// The index position of a record language.
pub fn lang_slot(lang: &str) -> usize {
    LANGS.iter().position(|l| *l == lang).unwrap_or(2)
}

/// The schema and its fields.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let key = STRING | STORED | FAST;
    let text_field = |lang: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(&analyzer_name(lang))
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let id = b.add_text_field("id", key.clone());
    let sha256 = b.add_text_field("sha256", key.clone());
    let file = b.add_text_field("file", key);
    let format = b.add_text_field("format", STRING | STORED);
    let lang = b.add_text_field("lang", STRING | STORED);
    let location = b.add_text_field("location", STORED);
    let title = b.add_text_field("title", STORED);
    let text = b.add_text_field("text", STORED);
    let title_by_lang = LANGS.map(|l| b.add_text_field(&format!("title_{l}"), text_field(l)));
    let text_by_lang = LANGS.map(|l| b.add_text_field(&format!("text_{l}"), text_field(l)));
    let date = b.add_date_field("date", INDEXED | STORED | FAST);
    let orgs = b.add_facet_field("orgs", FacetOptions::default());
    let locs = b.add_facet_field("locs", FacetOptions::default());
    let pers = b.add_facet_field("pers", FacetOptions::default());
    let org_key = b.add_text_field("org_key", STRING);
    let loc_key = b.add_text_field("loc_key", STRING);
    let per_key = b.add_text_field("per_key", STRING);
    let date_gte = b.add_date_field("date_gte", INDEXED | FAST);
    let date_lte = b.add_date_field("date_lte", INDEXED | FAST);
    let amount = b.add_f64_field("amount", INDEXED | FAST);
    let currency = b.add_text_field("currency", STRING);
    let email = b.add_text_field("email", STRING | STORED);
    let phone = b.add_text_field("phone", STRING | STORED);
    let url = b.add_text_field("url", STRING | STORED);
    let fields = Fields {
        id,
        sha256,
        file,
        format,
        lang,
        location,
        title,
        text,
        title_by_lang,
        text_by_lang,
        date,
        orgs,
        locs,
        pers,
        org_key,
        loc_key,
        per_key,
        date_gte,
        date_lte,
        amount,
        currency,
        email,
        phone,
        url,
    };
    (b.build(), fields)
}

/// The key a name filter matches on: lower case, "ё" as "е", spaces
/// collapsed, so "ICMPD", "icmpd" and "Icmpd" are one key.
pub fn fold(name: &str) -> String {
    let lower = name.to_lowercase().replace('ё', "е");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An ISO day ("2017-09-13") as midnight UTC.
pub fn day(iso: &str) -> Option<DateTime> {
    let d: jiff::civil::Date = iso.parse().ok()?;
    let secs = d.duration_since(jiff::civil::date(1970, 1, 1)).as_secs();
    Some(DateTime::from_timestamp_secs(secs))
}

/// An open prex index.
pub struct PrexIndex {
    pub dir: PathBuf,
    pub index: Index,
    pub fields: Fields,
}

impl PrexIndex {
    /// Opens the index at `dir` for writing, creating it when `dir` is
    /// missing or empty. Refuses foreign directories and other versions.
    pub fn create_or_open(dir: &Path) -> Result<PrexIndex, IndexError> {
        let io_err = |e| IndexError::Io(dir.to_owned(), e);
        if !dir.exists() {
            std::fs::create_dir_all(dir).map_err(io_err)?;
        }
        let marker = dir.join(MARKER);
        if !marker.exists() {
            let empty = std::fs::read_dir(dir).map_err(io_err)?.next().is_none();
            if !empty {
                return Err(IndexError::Foreign(dir.to_owned()));
            }
            // Marker first: a directory with our marker and no meta.json
            // (a crash right here) is still recognised as ours below.
            let tmp = dir.join(format!("{MARKER}.tmp"));
            let body = serde_json::json!({"format": "prex-index", "schema_version": SCHEMA_VERSION});
            std::fs::write(&tmp, format!("{body}\n")).map_err(io_err)?;
            std::fs::rename(&tmp, &marker).map_err(io_err)?;
        }
        check_marker(dir)?;
        let (schema, fields) = schema();
        let index =
            if dir.join("meta.json").exists() { Index::open_in_dir(dir)? } else { Index::create_in_dir(dir, schema)? };
        Ok(PrexIndex::registered(dir, index, fields))
    }

    /// Opens an existing index for reading.
    pub fn open(dir: &Path) -> Result<PrexIndex, IndexError> {
        if !dir.is_dir() {
            return Err(IndexError::Missing(dir.to_owned()));
        }
        check_marker(dir)?;
        if !dir.join("meta.json").exists() {
            return Err(IndexError::Missing(dir.to_owned()));
        }
        let index = Index::open_in_dir(dir)?;
        let (_, fields) = schema();
        Ok(PrexIndex::registered(dir, index, fields))
    }

    fn registered(dir: &Path, index: Index, fields: Fields) -> PrexIndex {
        for l in LANGS {
            index.tokenizers().register(&analyzer_name(l), analyzer(l));
        }
        PrexIndex { dir: dir.to_owned(), index, fields }
    }

    /// Every indexed document as `id → (sha256, file)`, from the fast
    /// fields (the stored text is not read).
    pub fn existing(&self) -> Result<HashMap<String, (String, String)>, IndexError> {
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let mut out = HashMap::new();
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let (Some(ids), Some(shas), Some(files)) = (ff.str("id")?, ff.str("sha256")?, ff.str("file")?) else {
                continue;
            };
            let first = |col: &tantivy::columnar::StrColumn, doc: u32| -> String {
                let mut s = String::new();
                if let Some(ord) = col.term_ords(doc).next() {
                    let _ = col.ord_to_str(ord, &mut s);
                }
                s
            };
            for doc in seg.doc_ids_alive() {
                out.insert(first(&ids, doc), (first(&shas, doc), first(&files, doc)));
            }
        }
        Ok(out)
    }

    /// The writer, or [`IndexError::Locked`] when another process has it.
    ///
    /// One indexing thread whatever `-j` is, with a 192 MB heap: extraction
    /// is 5-10 times slower per byte than indexing, so one thread keeps up
    /// at -j2 on two cores, and a second one only took CPU from extraction
    /// and doubled the segments (and merges). Measured in DESIGN.md "Why
    /// tantivy for the embedded index?".
    pub fn writer(&self) -> Result<IndexWriter, IndexError> {
        match self.index.writer_with_num_threads(1, WRITER_HEAP) {
            Ok(w) => Ok(w),
            Err(tantivy::TantivyError::LockFailure(..)) => Err(IndexError::Locked(self.dir.clone())),
            Err(e) => Err(e.into()),
        }
    }
}

/// The indexing heap: a segment is written when it is full.
pub const WRITER_HEAP: usize = 192 << 20;

fn check_marker(dir: &Path) -> Result<(), IndexError> {
    let marker = dir.join(MARKER);
    let body = match std::fs::read_to_string(&marker) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(IndexError::Foreign(dir.to_owned())),
        Err(e) => return Err(IndexError::Io(marker, e)),
    };
    let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    if v["format"] != "prex-index" {
        return Err(IndexError::Foreign(dir.to_owned()));
    }
    match v["schema_version"].as_u64() {
        Some(SCHEMA_VERSION) => Ok(()),
        _ => Err(IndexError::Version { dir: dir.to_owned(), found: v["schema_version"].to_string() }),
    }
}

/// Counts of an indexing run (documents, not inputs: failed inputs are
/// counted by the pipeline).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub deleted: u64,
}

/// The pipeline's output sink: record lines in, index documents out.
pub struct Sink {
    writer: IndexWriter,
    fields: Fields,
    existing: HashMap<String, (String, String)>,
    buf: Vec<u8>,
    pub counts: Counts,
    since_commit: u64,
    commit_every: u64,
}

impl Sink {
    pub fn new(
        writer: IndexWriter,
        fields: Fields,
        existing: HashMap<String, (String, String)>,
        commit_every: u64,
    ) -> Sink {
        Sink {
            writer,
            fields,
            existing,
            buf: Vec::new(),
            counts: Counts::default(),
            since_commit: 0,
            commit_every: commit_every.max(1),
        }
    }

    /// Whether `id` is indexed with exactly these input bytes: then the
    /// input needs no extraction at all.
    pub fn unchanged(existing: &HashMap<String, (String, String)>, id: &str, path: &Path) -> bool {
        match existing.get(id) {
            Some((sha, _)) => std::fs::read(path).map(|b| sha256_hex(&b) == *sha).unwrap_or(false),
            None => false,
        }
    }

    /// One record line → one document (or nothing when unchanged).
    fn add_line(&mut self, line: &[u8]) -> io::Result<()> {
        let r: Rec = serde_json::from_slice(line).map_err(io::Error::other)?;
        let id = r.id.as_ref();
        match self.existing.get(id) {
            Some((old, _)) if *old == r.source.sha256 => {
                self.counts.unchanged += 1;
                return Ok(());
            }
            Some(_) => self.counts.updated += 1,
            None => self.counts.added += 1,
        }
        let doc = document(&self.fields, &r);
        self.writer.delete_term(Term::from_field_text(self.fields.id, id));
        self.writer.add_document(doc).map_err(io::Error::other)?;
        self.existing.insert(id.to_owned(), (r.source.sha256.into_owned(), String::new()));
        self.since_commit += 1;
        if self.since_commit >= self.commit_every {
            self.commit()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> io::Result<()> {
        self.writer.commit().map_err(io::Error::other)?;
        self.since_commit = 0;
        Ok(())
    }

    /// Drops the documents of files that no longer exist (`--delete-missing`).
    /// JSONL and stdin documents have no file and are kept.
    pub fn delete_missing(&mut self) {
        let gone: Vec<String> = self
            .existing
            .iter()
            .filter(|(_, (_, file))| !file.is_empty() && !Path::new(file).exists())
            .map(|(id, _)| id.clone())
            .collect();
        for id in gone {
            self.writer.delete_term(Term::from_field_text(self.fields.id, &id));
            self.existing.remove(&id);
            self.counts.deleted += 1;
        }
    }

    /// The last commit, then waits for background merges.
    pub fn finish(mut self) -> Result<Counts, IndexError> {
        self.writer.commit()?;
        self.writer.wait_merging_threads()?;
        Ok(self.counts)
    }
}

impl Write for Sink {
    /// Takes bytes in any pieces; each complete line is one record. The
    /// pipeline writes a record and then its newline, so the common case
    /// is one copy into `buf` and no other allocation.
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        let buf = std::mem::take(&mut self.buf);
        let mut start = 0;
        let mut result = Ok(data.len());
        while let Some(nl) = memchr::memchr(b'\n', &buf[start..]) {
            let line = &buf[start..start + nl];
            start += nl + 1;
            if let Err(e) = self.add_line(line) {
                result = Err(e);
                break;
            }
        }
        self.buf = buf;
        self.buf.drain(..start);
        result
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The fields of a record line the index reads, borrowed from the line
/// where they need no unescaping. Everything else (zones, paragraphs,
/// sentences, spans, most of the entities) is skipped without being
/// built: parsing whole records into `serde_json::Value` was 20 % of the
/// CPU time of `extract index -j2`.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Rec<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub source: Source<'a>,
    #[serde(borrow)]
    pub lang: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub title: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub text: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub date: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub location: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub organizations: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    pub locations: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    pub persons: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    pub entities: Vec<Entity<'a>>,
    #[serde(borrow)]
    pub dates: Vec<DateValue<'a>>,
    #[serde(borrow)]
    pub amounts: Vec<Amount<'a>>,
    #[serde(borrow)]
    pub emails: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    pub urls: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    pub phones: Vec<Phone<'a>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Source<'a> {
    #[serde(borrow)]
    pub path: Cow<'a, str>,
    #[serde(borrow)]
    pub format: Cow<'a, str>,
    #[serde(borrow)]
    pub sha256: Cow<'a, str>,
}

/// An entity: only the ORG acronym of its value is read.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Entity<'a> {
    #[serde(borrow)]
    pub value: Acronym<'a>,
}

/// `value.acronym` of an entity when its value is an object with a
/// string there; anything else is skipped, never an error.
#[derive(Default)]
pub struct Acronym<'a>(pub Option<Cow<'a, str>>);

/// A string, borrowed when it has no escapes; `None` for any other JSON
/// value (skipped).
#[derive(Default)]
struct LooseStr<'a>(Option<Cow<'a, str>>);

/// The visitor methods that skip a value of the wrong shape.
macro_rules! skip_other_values {
    ($out:ty) => {
        fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut s: S) -> Result<$out, S::Error> {
            while s.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Default::default())
        }
        fn visit_bool<E>(self, _: bool) -> Result<$out, E> {
            Ok(Default::default())
        }
        fn visit_i64<E>(self, _: i64) -> Result<$out, E> {
            Ok(Default::default())
        }
        fn visit_u64<E>(self, _: u64) -> Result<$out, E> {
            Ok(Default::default())
        }
        fn visit_f64<E>(self, _: f64) -> Result<$out, E> {
            Ok(Default::default())
        }
        fn visit_unit<E>(self) -> Result<$out, E> {
            Ok(Default::default())
        }
    };
}

impl<'de: 'a, 'a> Deserialize<'de> for LooseStr<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = LooseStr<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<LooseStr<'a>, E> {
                Ok(LooseStr(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<LooseStr<'a>, E> {
                Ok(LooseStr(Some(Cow::Owned(v.to_owned()))))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<LooseStr<'a>, M::Error> {
                while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(LooseStr(None))
            }
            skip_other_values!(LooseStr<'a>);
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Acronym<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Acronym<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an entity value")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Acronym<'a>, M::Error> {
                let mut out = None;
                while let Some(LooseStr(k)) = m.next_key::<LooseStr>()? {
                    if k.as_deref() == Some("acronym") {
                        out = m.next_value::<LooseStr>()?.0;
                    } else {
                        m.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Acronym(out))
            }
            fn visit_str<E>(self, _: &str) -> Result<Acronym<'a>, E> {
                Ok(Acronym(None))
            }
            skip_other_values!(Acronym<'a>);
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DateValue<'a> {
    #[serde(borrow)]
    pub gte: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub lte: Option<Cow<'a, str>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Amount<'a> {
    pub amount: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    #[serde(borrow)]
    pub currency: Option<Cow<'a, str>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Phone<'a> {
    #[serde(borrow)]
    pub e164: Option<Cow<'a, str>>,
}

/// The absolute path of a record's input file, "" when it has none
/// (absolute by the working directory; symbolic links are not resolved,
/// which `--delete-missing`'s existence check does not need).
fn input_file(src: &Source) -> String {
    if src.format == "jsonl" || src.path == "-" || src.path.is_empty() {
        return String::new();
    }
    std::path::absolute(src.path.as_ref()).map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A record as a tantivy document.
pub fn document(f: &Fields, r: &Rec) -> TantivyDocument {
    let mut d = TantivyDocument::new();
    d.add_text(f.id, &r.id);
    d.add_text(f.sha256, &r.source.sha256);
    d.add_text(f.file, input_file(&r.source));
    d.add_text(f.format, &r.source.format);
    let lang = r.lang.as_deref().unwrap_or("und");
    d.add_text(f.lang, lang);
    let slot = lang_slot(lang);
    if let Some(t) = &r.title {
        d.add_text(f.title, t);
        d.add_text(f.title_by_lang[slot], t);
    }
    if let Some(t) = &r.text {
        d.add_text(f.text, t);
        d.add_text(f.text_by_lang[slot], t);
    }
    if let Some(day) = r.date.as_deref().and_then(day) {
        d.add_date(f.date, day);
    }
    if let Some(loc) = &r.location {
        d.add_text(f.location, loc);
        d.add_text(f.loc_key, fold(loc));
    }
    for (names, facet, folded) in
        [(&r.organizations, f.orgs, f.org_key), (&r.locations, f.locs, f.loc_key), (&r.persons, f.pers, f.per_key)]
    {
        for name in names {
            d.add_facet(facet, Facet::from_path([name.as_ref()]));
            d.add_text(folded, fold(name));
        }
    }
    for e in &r.entities {
        if let Some(acr) = &e.value.0 {
            d.add_text(f.org_key, fold(acr));
        }
    }
    for v in &r.dates {
        if let Some(day) = v.gte.as_deref().and_then(day) {
            d.add_date(f.date_gte, day);
        }
        if let Some(day) = v.lte.as_deref().and_then(day) {
            d.add_date(f.date_lte, day);
        }
    }
    for v in &r.amounts {
        for x in [v.amount, v.min, v.max].into_iter().flatten() {
            d.add_f64(f.amount, x);
        }
        if let Some(c) = &v.currency {
            d.add_text(f.currency, c);
        }
    }
    for e in &r.emails {
        d.add_text(f.email, e);
    }
    for u in &r.urls {
        d.add_text(f.url, u);
    }
    for p in &r.phones {
        if let Some(e) = &p.e164 {
            d.add_text(f.phone, e);
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_and_day() {
        assert_eq!(fold("  Жанна   Ташиёва "), "жанна ташиева");
        assert_eq!(fold("ICMPD"), "icmpd");
        assert_eq!(day("1970-01-02").map(|d| d.into_timestamp_secs()), Some(86_400));
        assert!(day("2017-13-01").is_none());
    }

    #[test]
    fn russian_analyzer_stems_inflections() {
        use tantivy::tokenizer::TokenStream;
        let mut a = analyzer("ru");
        let mut stems = |t: &str| {
            let mut out = Vec::new();
            let mut s = a.token_stream(t);
            while s.advance() {
                out.push(s.token().text.clone());
            }
            out
        };
        assert_eq!(stems("мигрантов"), stems("Мигранты"));
    }
}

#[cfg(test)]
mod rec_tests {
    use super::*;
    use tantivy::schema::Value as _;

    const LINE: &str = r#"{"id":"a/b.txt","source":{"path":"a/b.txt","format":"txt","encoding":"utf-8","bytes":3,"sha256":"ab"},"lang":"ru","title":"Заголовок","date":"2017-09-13","location":"Бишкек","text":"Первая\nвторая","zones":[{"kind":"body","start":0,"end":3}],"organizations":["Международный центр по развитию миграционной политики"],"locations":["Бишкек"],"persons":[],"entities":[{"type":"ORG","start":0,"end":5,"text":"МЦРМП","value":{"name":"x","acronym":"ICMPD","id":null}},{"type":"DATE","start":0,"end":1,"text":"x","value":{"iso":"2017","acronym":null}},{"type":"PER","start":0,"end":1,"text":"x","value":{"acronym":["odd"]}}],"dates":[{"iso":"2017","gte":"2017-01-01","lte":"2017-12-31","grain":"year"}],"amounts":[{"amount":null,"min":5.0,"max":7,"currency":"EUR","qualifier":null}],"emails":["a@b.kg"],"urls":[],"phones":[{"e164":"+996312000000","kind":"phone"}]}"#;

    fn texts(d: &TantivyDocument, f: Field) -> Vec<String> {
        d.get_all(f).filter_map(|v| v.as_str().map(str::to_owned)).collect()
    }

    #[test]
    fn record_line_to_document() {
        let (_, f) = schema();
        let r: Rec = serde_json::from_str(LINE).unwrap();
        let d = document(&f, &r);
        assert_eq!(texts(&d, f.id), ["a/b.txt"]);
        assert_eq!(texts(&d, f.text_by_lang[0]), ["Первая\nвторая"]);
        assert_eq!(texts(&d, f.text_by_lang[1]), Vec::<String>::new());
        assert_eq!(texts(&d, f.org_key), ["международный центр по развитию миграционной политики", "icmpd"]);
        assert_eq!(texts(&d, f.loc_key), ["бишкек", "бишкек"]);
        assert_eq!(texts(&d, f.currency), ["EUR"]);
        assert_eq!(d.get_all(f.amount).filter_map(|v| v.as_f64()).collect::<Vec<_>>(), [5.0, 7.0]);
        assert_eq!(d.get_all(f.date_gte).count(), 1);
        assert_eq!(texts(&d, f.phone), ["+996312000000"]);
        assert!(texts(&d, f.file)[0].ends_with("a/b.txt"));
    }

    #[test]
    fn sink_takes_lines_in_any_pieces() {
        let (schema, f) = schema();
        let index = Index::create_in_ram(schema);
        for l in LANGS {
            index.tokenizers().register(&analyzer_name(l), analyzer(l));
        }
        let writer = index.writer_with_num_threads(1, 15 << 20).unwrap();
        let mut sink = Sink::new(writer, f, HashMap::new(), 1000);
        let two = format!("{LINE}\n{}\n", LINE.replace("a/b.txt", "c.txt"));
        let (x, y) = two.as_bytes().split_at(100);
        sink.write_all(x).unwrap();
        sink.write_all(y).unwrap();
        sink.write_all(LINE.replace("a/b.txt", "d.txt").as_bytes()).unwrap();
        sink.write_all(b"\n").unwrap();
        assert!(sink.write_all(b"{not json\n").is_err());
        let counts = sink.finish().unwrap();
        assert_eq!(counts.added, 3);
        index.reader().unwrap().reload().unwrap();
        assert_eq!(index.reader().unwrap().searcher().num_docs(), 3);
    }
}
