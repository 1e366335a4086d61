//! The library's error type: why one input could not become a document.
//!
//! Errors are values reported per input; none of them stops a run. Messages
//! are lower case and say what is wrong with the input, not where: the
//! binary prefixes the path (`extract: PATH: reason`). Extraction itself has
//! no error type: extractors never fail, odd text yields fewer mentions.

use std::fmt;

#[derive(Debug)]
pub enum Error {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// The input has no bytes (or only white space).
    Empty,
    /// The input is larger than the configured limit.
    TooLarge { bytes: u64, limit: u64 },
    /// Plain text input that is not text (NUL bytes, control characters).
    Binary,
    /// An encrypted or password-protected office document.
    Encrypted,
    /// A file that is not a DOCX package (e.g. an .xlsx renamed .docx).
    NotDocx(String),
    /// A DOCX package that is damaged (bad zip, malformed XML, zip bomb).
    BadDocx(String),
    /// A JSONL input line that is not a valid document object.
    BadJsonl(String),
    /// A bug: processing this document panicked. The run goes on.
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "{}", io_message(e)),
            Error::Empty => write!(f, "empty document"),
            Error::TooLarge { bytes, limit } => {
                write!(f, "file too large ({bytes} bytes, limit {limit}; see --max-bytes)")
            }
            Error::Binary => write!(f, "binary file, not text"),
            Error::Encrypted => write!(f, "encrypted or password-protected document"),
            Error::NotDocx(why) => write!(f, "not a DOCX document: {why}"),
            Error::BadDocx(why) => write!(f, "damaged DOCX: {why}"),
            Error::BadJsonl(why) => write!(f, "bad JSONL document: {why}"),
            Error::Internal(why) => write!(f, "internal error (please report): {why}"),
        }
    }
}

/// `io::Error`'s Display ends with "(os error N)"; users want the words.
fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a directory".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s.to_lowercase(),
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Io(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;
