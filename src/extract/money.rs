//! Money mentions (placeholder: finds nothing yet).

use super::{Context, Extractor, Mention};

pub struct MoneyExtractor {}

impl MoneyExtractor {
    pub fn new() -> MoneyExtractor {
        MoneyExtractor {}
    }
}

impl Default for MoneyExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor for MoneyExtractor {
    fn name(&self) -> &'static str {
        "money"
    }

    fn extract(&self, _ctx: &Context, _out: &mut Vec<Mention>) {}
}
