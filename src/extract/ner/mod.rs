//! ORG, LOC and PER mentions (work in progress).

pub mod gazetteer;
pub mod morph;

use super::{Context, Extractor, Mention};

pub struct NerExtractor {}

impl NerExtractor {
    pub fn new() -> NerExtractor {
        NerExtractor {}
    }
}

impl Default for NerExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor for NerExtractor {
    fn name(&self) -> &'static str {
        "ner"
    }

    fn extract(&self, _ctx: &Context, _out: &mut Vec<Mention>) {}
}
