//! Build script: stages the data files that are embedded in the binary.
//!
//! - The OpenCorpora dictionary of `rsmorphy-dict-ru` (its `.gz` files) is
//!   gunzipped into `OUT_DIR/morph/` (so the first Russian document does
//!   not pay for it), with `OUT_DIR/morph_files.rs`, the
//!   table of `include_bytes!` that `src/extract/ner/morph.rs` includes:
//!   the binary never reads the cargo registry at run time.
//! - The gazetteers `data/gazetteer/{loc,org,per_first,per_surname}.tsv`
//!   (and the `per_*_ambiguous.tsv` lists) are compiled by
//!   `src/data/gazetteer.rs` (included here by `#[path]`, with the
//!   tokenizer it needs) into `OUT_DIR/gazetteer/strings.txt` and
//!   `OUT_DIR/gazetteer/table.bin`, read in place at run time; a missing
//!   file counts as empty, so the crate builds before the data exists.
//!
//! Files are only rewritten when their content changed, so an unchanged
//! build does not recompile the crate.

use std::path::Path;

// The gazetteer compiler and what it needs, shared with the crate.
#[allow(dead_code)]
#[path = "src/data/mod.rs"]
mod data;
#[allow(dead_code)]
#[path = "src/span.rs"]
mod span;
#[allow(dead_code)]
#[path = "src/token.rs"]
mod token;

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

fn write_if_changed(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return;
    }
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

fn main() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    for f in ["src/data", "src/span.rs", "src/token.rs"] {
        println!("cargo:rerun-if-changed={f}");
    }

    let dict = Path::new(rsmorphy_dict_ru::DICT_PATH);
    let morph = out.join("morph");
    std::fs::create_dir_all(&morph).expect("creating OUT_DIR/morph");
    // The table `morph.rs` embeds (`include!`d), generated here so the
    // file list lives in one place.
    let mut table = String::from("&[\n");
    for f in MORPH_FILES {
        use std::io::Read;
        let src = dict.join(f);
        let gz = std::fs::read(&src).unwrap_or_else(|e| panic!("reading {}: {e}", src.display()));
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_end(&mut bytes)
            .unwrap_or_else(|e| panic!("gunzipping {}: {e}", src.display()));
        let name = f.strip_suffix(".gz").unwrap_or(f);
        write_if_changed(&morph.join(name), &bytes);
        table.push_str(&format!(
            "    ({name:?}, include_bytes!({:?}) as &[u8]),\n",
            morph.join(name).display().to_string()
        ));
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
    let texts = data::gazetteer::FILES.map(|f| std::fs::read_to_string(gaz_src.join(f)).unwrap_or_default());
    let compiled = data::gazetteer::compile(texts.each_ref().map(String::as_str));
    write_if_changed(&gaz.join("strings.txt"), compiled.strings.as_bytes());
    write_if_changed(&gaz.join("table.bin"), &compiled.blob);
}
