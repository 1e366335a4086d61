//! Email mentions (placeholder: finds nothing yet).

use super::{Context, Extractor, Mention};

pub struct EmailExtractor {}

impl EmailExtractor {
    pub fn new() -> EmailExtractor {
        EmailExtractor {}
    }
}

impl Default for EmailExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor for EmailExtractor {
    fn name(&self) -> &'static str {
        "email"
    }

    fn extract(&self, _ctx: &Context, _out: &mut Vec<Mention>) {}
}
