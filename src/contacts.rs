//! Contact records: who to call, at which number, with which email.
//!
//! (Placeholder: builds no contacts yet.)

use crate::extract::{Mention, PhoneValue};
use crate::segment::Segments;
use serde::Serialize;

/// One contact person or office (`contacts[]` in the record).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Contact {
    pub name: Option<String>,
    pub role: Option<String>,
    pub organization: Option<String>,
    pub phones: Vec<PhoneValue>,
    pub emails: Vec<String>,
    pub address: Option<String>,
}

/// Builds contact records from the resolved mentions and the zones.
pub fn build(_text: &str, _segments: &Segments, _mentions: &[Mention]) -> Vec<Contact> {
    Vec::new()
}
