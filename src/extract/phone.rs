//! Phone mentions (placeholder: finds nothing yet).

use super::{Context, Extractor, Mention};

pub struct PhoneExtractor {}

impl PhoneExtractor {
    pub fn new() -> PhoneExtractor {
        PhoneExtractor {}
    }
}

impl Default for PhoneExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor for PhoneExtractor {
    fn name(&self) -> &'static str {
        "phone"
    }

    fn extract(&self, _ctx: &Context, _out: &mut Vec<Mention>) {}
}
