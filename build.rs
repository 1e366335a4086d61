//! Build script: stages the data files that are embedded in the binary.
//!
//! - The OpenCorpora dictionary of `rsmorphy-dict-ru` (its `.gz` files) is
//!   copied into `OUT_DIR/morph/`, with `OUT_DIR/morph_files.rs`, the
//!   table of `include_bytes!` that `src/extract/ner/morph.rs` includes:
//!   the binary never reads the cargo registry at run time.
//! - The gazetteers `data/gazetteer/{loc,org,per_first,per_surname}.tsv`
//!   (and the `per_*_ambiguous.tsv` lists)
//!   are copied into `OUT_DIR/gazetteer/`; a missing file becomes an empty
//!   one, so the crate builds before the gazetteer data exists.
//!
//! Files are only rewritten when their content changed, so an unchanged
//! build does not recompile the crate.

use std::path::Path;

/// The dictionary files rsmorphy's `Dictionary` is built from.
const MORPH_FILES: &[&str] = &[
    "grammemes.json.gz",
    "gramtab-opencorpora-int.json.gz",
    "meta.json.gz",
    "p_t_given_w.intdawg.gz",
    "paradigms.array.gz",
    "prediction-prefixes.dawg.gz",
    "prediction-suffixes-0.dawg.gz",
    "prediction-suffixes-1.dawg.gz",
    "prediction-suffixes-2.dawg.gz",
    "suffixes.json.gz",
    "words.dawg.gz",
];

const GAZETTEERS: &[&str] =
    &["loc.tsv", "org.tsv", "per_first.tsv", "per_surname.tsv", "per_first_ambiguous.tsv", "per_surname_ambiguous.tsv"];

fn write_if_changed(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return;
    }
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

fn main() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");

    let dict = Path::new(rsmorphy_dict_ru::DICT_PATH);
    let morph = out.join("morph");
    std::fs::create_dir_all(&morph).expect("creating OUT_DIR/morph");
    // The table `morph.rs` embeds (`include!`d), generated here so the
    // file list lives in one place.
    let mut table = String::from("&[\n");
    for f in MORPH_FILES {
        let src = dict.join(f);
        let bytes = std::fs::read(&src).unwrap_or_else(|e| panic!("reading {}: {e}", src.display()));
        write_if_changed(&morph.join(f), &bytes);
        table.push_str(&format!("    ({f:?}, include_bytes!({:?}) as &[u8]),\n", morph.join(f).display().to_string()));
    }
    table.push_str("]\n");
    write_if_changed(&out.join("morph_files.rs"), table.as_bytes());

    let gaz_src = Path::new("data/gazetteer");
    // A directory is watched recursively; watch `data/` while the
    // gazetteer directory does not exist yet (a missing path would rerun
    // this script on every build).
    if gaz_src.is_dir() {
        println!("cargo:rerun-if-changed=data/gazetteer");
    } else {
        println!("cargo:rerun-if-changed=data");
    }
    let gaz = out.join("gazetteer");
    std::fs::create_dir_all(&gaz).expect("creating OUT_DIR/gazetteer");
    for f in GAZETTEERS {
        let bytes = std::fs::read(gaz_src.join(f)).unwrap_or_default();
        write_if_changed(&gaz.join(f), &bytes);
    }
}
