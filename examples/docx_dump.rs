//! Prints how prex renders DOCX files: the text, then every block (part
//! and span) and link, then the core-property hints. For checking the
//! rendering by eye against `unzip -p FILE word/document.xml`.
//!
//! `cargo run --example docx_dump -- FILE.docx...`

use prex::ingest::{Limits, docx};

fn main() {
    for path in std::env::args().skip(1) {
        println!("==== {path}");
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                println!("error: {e}");
                continue;
            }
        };
        match docx::render(&bytes, &Limits::default()) {
            Err(e) => println!("error: {e}"),
            Ok(r) => {
                println!("{}", r.text);
                println!("---- blocks");
                for b in &r.blocks {
                    println!("{:?} {}..{} {:?}", b.part, b.span.start, b.span.end, short(b.span.of(&r.text)));
                }
                println!("---- links");
                for l in &r.links {
                    println!("{:?} -> {}", l.span.of(&r.text), l.target);
                }
                println!("---- title {:?}, created {:?}", r.title, r.created);
            }
        }
    }
}

fn short(s: &str) -> String {
    if s.chars().count() <= 60 { s.to_owned() } else { s.chars().take(57).chain("...".chars()).collect() }
}
