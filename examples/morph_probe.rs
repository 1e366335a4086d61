//! Prints the parses prex's morphology gives for each argument (a
//! debugging aid: `cargo run --example morph_probe -- Жанной`).
fn main() {
    for w in std::env::args().skip(1) {
        let a = prex::extract::ner::morph::analyse(&w);
        for p in &a.parses {
            println!(
                "{w}\t{}\t{:?}\t{}\t{:?}\tknown={}",
                p.lemma,
                p.tag,
                p.score,
                p.nomn().unwrap_or_default(),
                p.known
            );
        }
    }
}
