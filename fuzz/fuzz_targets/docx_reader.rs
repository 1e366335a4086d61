//! Fuzz target: arbitrary bytes as a DOCX package. The reader must return
//! a rendering or an error, never panic or hang; a rendering's blocks and
//! links must lie on char boundaries inside its text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(r) = prex::ingest::docx::render(data, &Default::default()) {
        for b in &r.blocks {
            assert!(b.span.end <= r.text.len() && r.text.is_char_boundary(b.span.start) && r.text.is_char_boundary(b.span.end));
        }
        for l in &r.links {
            assert!(l.span.end <= r.text.len() && r.text.is_char_boundary(l.span.start) && r.text.is_char_boundary(l.span.end));
        }
    }
});
