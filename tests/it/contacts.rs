//! The seed release's contact block, end to end: phones with kinds, both
//! e-mails, both URLs (the one broken across lines joined), the
//! delegation's address as one ADDRESS, and the contact records (the
//! Жанна Ташиева contact takes her nominative name from her PER mention).

use crate::need_shared;
use prex::document::{Format, Hints};
use prex::ingest;
use prex::pipeline::{Config, Pipeline};
use serde_json::{Value, json};

fn seed_record(region: Option<&str>) -> Option<Value> {
    let shared = crate::util::shared()?;
    let path = shared.join("corpus/seed/bishkek-2017-09-13.txt");
    let bytes = std::fs::read(&path).ok()?;
    let hints = Hints { region: region.map(str::to_owned), ..Hints::default() };
    let doc = ingest::from_bytes(&bytes, "seed".into(), "seed.txt".into(), Format::Txt, &Default::default(), hints)
        .expect("seed ingests");
    let line = Pipeline::new(Config::default()).record_json(&doc);
    Some(serde_json::from_str(&line).unwrap())
}

fn entities<'a>(r: &'a Value, ty: &str) -> Vec<&'a Value> {
    r["entities"].as_array().unwrap().iter().filter(|e| e["type"] == ty).collect()
}

#[test]
fn seed_contact_block() {
    let _ = need_shared!();
    // No --region: the dateline "Бишкек" makes the region KG.
    let r = seed_record(None).unwrap();
    let text = r["text"].as_str().unwrap();
    let cps: Vec<char> = text.chars().collect();
    let slice = |e: &Value| -> String {
        let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        cps[s..t].iter().collect()
    };

    let phones = entities(&r, "PHONE");
    assert_eq!(phones.len(), 2, "{phones:?}");
    assert_eq!(phones[0]["text"], "+996 312 26 10 00");
    assert_eq!(phones[0]["value"], json!({"e164": "+996312261000", "kind": "phone"}));
    assert_eq!(phones[1]["value"], json!({"e164": "+996312261007", "kind": "fax"}));

    let emails: Vec<&Value> = entities(&r, "EMAIL").iter().map(|e| &e["value"]["address"]).collect();
    assert_eq!(emails, vec!["janna.tashieva@icmpd.org", "delegation-kyrgyzstan@eeas.europa.eu"]);

    let urls = entities(&r, "URL");
    let values: Vec<&Value> = urls.iter().map(|e| &e["value"]["url"]).collect();
    assert_eq!(values, vec!["http://eeas.europa.eu/delegations/kyrgyzstan", "http://www.facebook.com/eudelkg"]);
    assert_eq!(urls[0]["text"], "http://eeas.europa.eu/delegations/\n\nkyrgyzstan");

    let addresses = entities(&r, "ADDRESS");
    assert_eq!(addresses.len(), 1, "{addresses:?}");
    assert_eq!(
        addresses[0]["value"],
        json!({
            "name": "Бульвар Эркиндик 21, Бизнес центр \"Орион\", 5й этаж, Бишкек, 720040, Кыргызская Республика",
            "postcode": "720040", "city": "Бишкек", "country": "KG"
        })
    );
    for e in phones.iter().chain(&urls).chain(&addresses) {
        assert_eq!(slice(e), e["text"].as_str().unwrap());
    }

    let contacts = r["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 2, "{contacts:?}");
    assert_eq!(contacts[0]["emails"], json!(["janna.tashieva@icmpd.org"]));
    // The PER mention's role, normalized (record.md: "национальный
    // координатор БОМКА в Кыргызстане").
    assert_eq!(contacts[0]["role"], "национальный координатор БОМКА в Кыргызстане");
    assert_eq!(contacts[1]["organization"], "Представительство Европейского Союза в Кыргызской Республике");
    assert_eq!(contacts[1]["emails"], json!(["delegation-kyrgyzstan@eeas.europa.eu"]));
    assert_eq!(
        contacts[1]["phones"],
        json!([{"e164": "+996312261000", "kind": "phone"}, {"e164": "+996312261007", "kind": "fax"}])
    );
    assert_eq!(contacts[1]["address"], addresses[0]["value"]["name"]);
    assert_eq!(r["phones"].as_array().unwrap().len(), 2);
    assert_eq!(r["addresses"].as_array().unwrap().len(), 1);
}

#[test]
fn seed_contact_person_name() {
    let _ = need_shared!();
    let r = seed_record(None).unwrap();
    assert_eq!(r["contacts"][0]["name"], "Жанна Ташиева");
    assert_eq!(r["contacts"][0]["role"], "национальный координатор БОМКА в Кыргызстане");
    assert_eq!(r["contacts"][0]["emails"], json!(["janna.tashieva@icmpd.org"]));
}
