//! Address mentions (placeholder: finds nothing yet).

use super::{Context, Extractor, Mention};

pub struct AddressExtractor {}

impl AddressExtractor {
    pub fn new() -> AddressExtractor {
        AddressExtractor {}
    }
}

impl Default for AddressExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor for AddressExtractor {
    fn name(&self) -> &'static str {
        "address"
    }

    fn extract(&self, _ctx: &Context, _out: &mut Vec<Mention>) {}
}
