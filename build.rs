//! Build script: stages the data files that are embedded in the binary.
//!
//! - The OpenCorpora dictionary of `rsmorphy-dict-ru` (its `.gz` files) is
//!   copied into `OUT_DIR/morph/`, so `src/extract/ner/morph.rs` can
//!   `include_bytes!` it: the binary never reads the cargo registry at run
//!   time.
//! - The gazetteers `data/gazetteer/{loc,org,per_first,per_surname}.tsv`
//!   (and the `per_*_ambiguous.tsv` lists)
//!   are copied into `OUT_DIR/gazetteer/`; a missing file becomes an empty
//!   one, so the crate builds before the gazetteer data exists.
//!
//! Files are only rewritten when their content changed, so an unchanged
//! build does not recompile the crate.

use std::path::Path;

/// The dictionary files `rsmorphy::Dictionary::from_file` opens.
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
    // FNV-1a over names and contents: the run-time cache directory is
    // named by it, so two builds with different dictionaries never share
    // one, and nothing is hashed at run time.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for f in MORPH_FILES {
        let src = dict.join(f);
        let bytes = std::fs::read(&src).unwrap_or_else(|e| panic!("reading {}: {e}", src.display()));
        for b in f.as_bytes().iter().chain(&bytes) {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        write_if_changed(&morph.join(f), &bytes);
    }
    println!("cargo:rustc-env=PREX_MORPH_HASH={hash:016x}");

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
