//! NER on the seed release: the names the issue lists, normalized.

use prex::document::Hints;
use prex::ingest;
use prex::pipeline::{Config, Pipeline};
use serde_json::Value;

fn record(path: &std::path::Path) -> Value {
    let doc = ingest::read_file(path, "seed".into(), "seed".into(), &Default::default(), Hints::default()).unwrap();
    serde_json::from_str(&Pipeline::new(Config::default()).record_json(&doc)).unwrap()
}

fn names(rec: &Value, ty: &str) -> Vec<String> {
    rec["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == ty)
        .map(|e| e["value"]["name"].as_str().unwrap().to_lowercase())
        .collect()
}

#[test]
fn seed_bishkek() {
    let shared = crate::need_shared!();
    let rec = record(&shared.join("corpus/seed/bishkek-2017-09-13.txt"));
    let orgs = names(&rec, "ORG");
    for want in [
        "Европейский Союз",
        "Международный центр по развитию миграционной политики",
        "Государственная пограничная охрана Латвии",
        "Программа содействия управлению границами в Центральной Азии",
        "Представительство Европейского Союза в Кыргызской Республике",
    ] {
        assert!(orgs.contains(&want.to_lowercase()), "ORG {want} missing from {orgs:?}");
    }
    let locs = names(&rec, "LOC");
    for want in ["Бишкек", "Центральная Азия", "Латвия", "Кыргызстан", "Кыргызская Республика"]
    {
        assert!(locs.contains(&want.to_lowercase()), "LOC {want} missing from {locs:?}");
    }
    assert!(names(&rec, "PER").contains(&"жанна ташиева".to_owned()));
    // Every "БОМКА" is an ORG naming the programme, with the acronym.
    let text = rec["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let ents = rec["entities"].as_array().unwrap();
    let mut n = 0;
    for (i, _) in text.match_indices("БОМКА") {
        let start = text[..i].chars().count();
        let end = start + 5;
        assert_eq!(chars[start..end].iter().collect::<String>(), "БОМКА");
        let hit = ents.iter().find(|e| {
            e["type"] == "ORG"
                && e["start"].as_u64().unwrap() as usize <= start
                && end <= e["end"].as_u64().unwrap() as usize
        });
        let hit = hit.unwrap_or_else(|| panic!("БОМКА at {start} is not tagged"));
        assert_eq!(hit["value"]["acronym"], "БОМКА", "{hit}");
        assert_eq!(
            hit["value"]["name"].as_str().unwrap().to_lowercase(),
            "программа содействия управлению границами в центральной азии"
        );
        n += 1;
    }
    assert_eq!(n, 5);
    // The person's role, as the text gives it.
    let per = ents.iter().find(|e| e["type"] == "PER").unwrap();
    assert_eq!(per["value"]["role"], "национальный координатор БОМКА в Кыргызстане");
}

/// `Extractors::only(["ner"])` still runs what NER reads (e-mails, URLs,
/// phones: the seed's ICMPD acronym is tied to its name through the
/// e-mail domain) but emits only NER's mentions, the same ones the full
/// set of extractors yields.
#[test]
fn only_ner_runs_its_inputs_and_emits_the_same_entities() {
    use prex::extract::{Extractors, Kind};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs/seed/bishkek-2017-09-13.txt");
    let doc = ingest::read_file(&path, "seed".into(), "seed".into(), &Default::default(), Hints::default()).unwrap();
    let spans = |p: &Pipeline| {
        let mut v: Vec<_> = p
            .analyse(&doc)
            .mentions
            .iter()
            .filter(|m| matches!(m.kind, Kind::Org | Kind::Loc | Kind::Per))
            .map(|m| (m.span, m.kind, format!("{:?}", m.value)))
            .collect();
        v.sort_by_key(|(s, k, _)| (s.start, s.end, *k));
        v
    };
    let only = Pipeline::with_extractors(Config::default(), Extractors::only(&["ner"]));
    let all = only.analyse(&doc).mentions;
    assert!(all.iter().all(|m| matches!(m.kind, Kind::Org | Kind::Loc | Kind::Per)), "only NER kinds are emitted");
    assert_eq!(spans(&only), spans(&Pipeline::new(Config::default())));
}
