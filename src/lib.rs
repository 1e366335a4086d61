//! prex: press releases in, structured search-ready records out.
//!
//! The stages are plain data flowing one way:
//!
//! ```text
//! corpus (paths) → ingest (bytes → Document) → segment (zones, paragraphs,
//! sentences, title/dateline) → token → extract (mentions) → resolve
//! (overlaps) → contacts → record (JSON line) → pipeline (order, threads)
//! ```
//!
//! ```
//! use prex::{document::Hints, ingest, pipeline::{Config, Pipeline}};
//!
//! let text = "Бишкек, 13 сентября 2017\nЕвропейский Союз продолжает работу.";
//! let doc = ingest::from_bytes(text.as_bytes(), "demo".into(), "demo.txt".into(),
//!     prex::document::Format::Txt, &Default::default(), Hints::default()).unwrap();
//! let pipeline = Pipeline::new(Config::default());
//! let line = pipeline.record_json(&doc);
//! let record: serde_json::Value = serde_json::from_str(&line).unwrap();
//! assert_eq!(record["lang"], "ru");
//! assert_eq!(record["id"], "demo");
//! ```

pub mod cli;
pub mod contacts;
pub mod corpus;
pub mod data;
pub mod document;
pub mod error;
pub mod es;
pub mod eval;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod lang;
pub mod pipeline;
pub mod profile;
pub mod record;
pub mod resolve;
pub mod segment;
pub mod span;
pub mod text;
pub mod token;

pub use document::Document;
pub use error::{Error, Result};
pub use pipeline::{Config, Pipeline};
