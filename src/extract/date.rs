//! Date mentions (placeholder: finds nothing yet).

use super::{Context, Extractor, Mention};
use crate::span::Span;
use jiff::civil::Date;

pub struct DateExtractor {}

impl DateExtractor {
    pub fn new() -> DateExtractor {
        DateExtractor {}
    }
}

impl DateExtractor {
    /// The first day-precision date lying inside `span` (the dateline's
    /// date), resolved against `ctx.anchor` when it has no year.
    pub fn day_in(&self, _ctx: &Context, _span: Span) -> Option<Date> {
        None
    }
}

impl Default for DateExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor for DateExtractor {
    fn name(&self) -> &'static str {
        "date"
    }

    fn extract(&self, _ctx: &Context, _out: &mut Vec<Mention>) {}
}
