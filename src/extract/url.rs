//! Url mentions (placeholder: finds nothing yet).

use super::{Context, Extractor, Mention};

pub struct UrlExtractor {}

impl UrlExtractor {
    pub fn new() -> UrlExtractor {
        UrlExtractor {}
    }
}

impl Default for UrlExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor for UrlExtractor {
    fn name(&self) -> &'static str {
        "url"
    }

    fn extract(&self, _ctx: &Context, _out: &mut Vec<Mention>) {}
}
