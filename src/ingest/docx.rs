//! DOCX reader (placeholder until the reader lands): renders a package as
//! plain text with blocks and hyperlinks.

use crate::document::{Block, Link};
use crate::error::{Error, Result};
use crate::ingest::Limits;
use jiff::civil::Date;

/// First bytes of an OLE2 compound file: what an encrypted DOCX is.
pub const OLE2_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// A DOCX package rendered as text.
#[derive(Debug, Default)]
pub struct Rendered {
    pub text: String,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    pub title: Option<String>,
    pub created: Option<Date>,
}

pub fn render(bytes: &[u8], _limits: &Limits) -> Result<Rendered> {
    if bytes.starts_with(OLE2_MAGIC) {
        return Err(Error::Encrypted);
    }
    Err(Error::BadDocx("DOCX reading is not implemented yet".into()))
}
