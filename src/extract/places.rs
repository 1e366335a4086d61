//! A small gazetteer (`data/places.tsv`): country names, large cities and
//! US states, each with its ISO 3166-1 alpha-2 code (USPS code for a
//! state). Used by the address extractor to recognize the city and country
//! parts of an address, and by the pipeline to infer the default phone
//! region from the dateline city.
//!
//! It is deliberately small and exact-match only (case-insensitive; no
//! inflection): it is not the NER location lexicon.

use std::collections::HashMap;
use std::sync::OnceLock;

static DATA: &str = include_str!("../../data/places.tsv");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    City,
    State,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 (for a state: its USPS code).
    pub code: &'static str,
}

impl Place {
    /// The country the place is in.
    pub fn country(&self) -> &'static str {
        match self.kind {
            PlaceKind::State => "US",
            _ => self.code,
        }
    }
}

fn table() -> &'static HashMap<String, Vec<Place>> {
    static T: OnceLock<HashMap<String, Vec<Place>>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m: HashMap<String, Vec<Place>> = HashMap::new();
        for line in DATA.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(name), Some(kind), Some(code)) = (cols.next(), cols.next(), cols.next()) else { continue };
            let kind = match kind {
                "country" => PlaceKind::Country,
                "city" => PlaceKind::City,
                "state" => PlaceKind::State,
                _ => continue,
            };
            m.entry(name.to_lowercase()).or_default().push(Place { kind, code });
        }
        m
    })
}

/// Every gazetteer entry named `name` (case-insensitive). Two-letter state
/// codes ("IN", "OR") match only when written in capitals.
pub fn lookup(name: &str) -> Vec<Place> {
    let name = name.trim();
    if name.is_empty() || name.len() > 60 {
        return Vec::new();
    }
    let Some(found) = table().get(&name.to_lowercase()) else { return Vec::new() };
    let caps_code = name.len() == 2 && name.bytes().all(|b| b.is_ascii_uppercase());
    found.iter().copied().filter(|p| !(p.kind == PlaceKind::State && name.len() == 2 && !caps_code)).collect()
}

/// The entry of `kind` named `name`, if any.
pub fn find(name: &str, kind: PlaceKind) -> Option<Place> {
    lookup(name).into_iter().find(|p| p.kind == kind)
}

/// The country of a city named `name` (nominative), for the default
/// phone region: "Бишкек" → "KG".
pub fn country_of_city(name: &str) -> Option<&'static str> {
    let name = name.trim().trim_start_matches("г.").trim();
    find(name, PlaceKind::City).or_else(|| find(name, PlaceKind::Country)).map(|p| p.country())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(country_of_city("Бишкек"), Some("KG"));
        assert_eq!(country_of_city("г. Москва"), Some("RU"));
        assert_eq!(find("Кыргызская Республика", PlaceKind::Country).map(|p| p.code), Some("KG"));
        assert_eq!(find("DC", PlaceKind::State).map(|p| p.code), Some("DC"));
        assert!(find("in", PlaceKind::State).is_none());
        assert_eq!(country_of_city("Atlantis"), None);
    }
}
