//! `--format es-bulk` output and `schemas/elasticsearch/`: the NDJSON obeys
//! the bulk rules and carries the same records as plain `extract`; the
//! mapping covers every field of `schemas/record.schema.json`.

use crate::util::{extract, read, records, root};
use serde_json::Value;
use std::collections::BTreeSet;

#[test]
fn es_bulk_pairs_a_stable_action_with_each_record() {
    let o =
        extract(&["--format", "es-bulk", "--index-name", "press-2024", "fixtures/docs/ru", "fixtures/docs/seed"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ndjson = String::from_utf8(o.stdout).unwrap();
    assert_eq!(prex::es::check_bulk(&ndjson), Ok(7));
    assert!(ndjson.ends_with('\n'));
    let plain = extract(&["fixtures/docs/ru", "fixtures/docs/seed"], None);
    let plain_lines: Vec<&str> = std::str::from_utf8(&plain.stdout).unwrap().lines().collect();
    let lines: Vec<&str> = ndjson.lines().collect();
    for (pair, record_line) in lines.chunks(2).zip(&plain_lines) {
        let action: Value = serde_json::from_str(pair[0]).unwrap();
        let record: Value = serde_json::from_str(pair[1]).unwrap();
        assert_eq!(action["index"]["_index"], "press-2024");
        assert_eq!(action["index"]["_id"], record["id"], "the _id is the record id: stable across runs");
        assert_eq!(pair[1], *record_line, "the source line is exactly the record");
        // Raw newlines never appear inside a line (the text has many).
        assert!(record["text"].as_str().unwrap().contains('\n'));
    }
    // Sources are valid records.
    let sources: String = lines.iter().skip(1).step_by(2).map(|l| format!("{l}\n")).collect();
    assert_eq!(records(sources.as_bytes()).len(), 7);
    // Rerunning gives the same bytes (stable ids).
    let again =
        extract(&["--format", "es-bulk", "--index-name", "press-2024", "fixtures/docs/ru", "fixtures/docs/seed"], None);
    assert_eq!(again.stdout, ndjson.as_bytes());
}

#[test]
fn unknown_formats_and_es_bulk_into_an_index_are_usage_errors() {
    let o = extract(&["--format", "csv", "fixtures/docs/ru"], None);
    assert_eq!(o.status.code(), Some(2));
    let idx = crate::util::tempdir("es-index").join("idx");
    let o = extract(&["index", "--format", "es-bulk", idx.to_str().unwrap(), "fixtures/docs/ru"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(!idx.exists(), "nothing created on a usage error");
}

/// Every property path of a JSON schema (resolving `$ref`, following
/// `items` and the entity `value` union), as dotted paths.
fn schema_paths(schema: &Value, node: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    if let Some(r) = node["$ref"].as_str() {
        let name = r.trim_start_matches("#/$defs/");
        return schema_paths(schema, &schema["$defs"][name], prefix, out);
    }
    for alt in node["anyOf"].as_array().into_iter().flatten() {
        schema_paths(schema, alt, prefix, out);
    }
    if node["items"].is_object() {
        schema_paths(schema, &node["items"], prefix, out);
    }
    for (k, v) in node["properties"].as_object().into_iter().flatten() {
        let p = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        out.insert(p.clone());
        schema_paths(schema, v, &p, out);
    }
    // The entity value's shape depends on the type: all value shapes.
    for cond in node["allOf"].as_array().into_iter().flatten() {
        schema_paths(schema, &cond["then"], prefix, out);
    }
}

/// Every property path of an Elasticsearch mapping.
fn mapping_paths(node: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    for (k, v) in node["properties"].as_object().into_iter().flatten() {
        let p = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        out.insert(p.clone());
        mapping_paths(v, &p, out);
    }
}

#[test]
fn mapping_covers_every_record_field() {
    let schema: Value = serde_json::from_str(&read(&root().join("schemas/record.schema.json"))).unwrap();
    let mut want = BTreeSet::new();
    schema_paths(&schema, &schema, "", &mut want);
    assert!(want.contains("entities.value.e164") && want.contains("dates.gte"), "{want:?}");

    let template: Value =
        serde_json::from_str(&read(&root().join("schemas/elasticsearch/prex-template.json"))).unwrap();
    let mapping = &template["template"]["mappings"];
    let mut have = BTreeSet::new();
    mapping_paths(mapping, "", &mut have);
    let missing: Vec<_> = want.difference(&have).collect();
    assert!(missing.is_empty(), "record fields without a mapping: {missing:?}");
    let extra: Vec<_> = have.difference(&want).collect();
    assert!(extra.is_empty(), "mapped fields that are not record fields: {extra:?}");

    // The shape both engines document: composable template, text with the
    // russian/english analyzers, nested entities, dates as dates.
    assert_eq!(template["index_patterns"], serde_json::json!(["prex*"]));
    let p = &mapping["properties"];
    assert_eq!(p["text"]["fields"]["ru"]["analyzer"], "russian");
    assert_eq!(p["text"]["fields"]["en"]["analyzer"], "english");
    assert_eq!(p["entities"]["type"], "nested");
    assert_eq!(p["entities"]["properties"]["type"]["type"], "keyword");
    assert_eq!(p["date"]["type"], "date");
    assert_eq!(p["dates"]["properties"]["gte"]["type"], "date");
    assert_eq!(p["amounts"]["properties"]["amount"]["type"], "double");
    assert_eq!(p["organizations"]["type"], "keyword");
    assert_eq!(mapping["dynamic"], false);
}
