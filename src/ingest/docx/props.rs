//! Core properties (`docProps/core.xml`): the `dc:title` and
//! `dcterms:created` hints.
//!
//! Both are what the author's software recorded, often stale or empty
//! (templates keep their title, copies keep their creation date), so they
//! are hints for the title and date extractors, never the answer. Other
//! properties (author, keywords, modified) are not read.

use super::xml::{self, Ns};
use jiff::civil::Date;
use quick_xml::events::Event;

#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Props {
    pub title: Option<String>,
    pub created: Option<Date>,
}

/// Longest title kept, in bytes: a longer "title" is not a headline.
const MAX_TITLE: usize = 1000;

/// Parses core properties; a malformed part yields what was read before
/// the error (these are hints, not worth failing a document for).
pub(super) fn parse(xml: &str) -> Props {
    #[derive(PartialEq)]
    enum In {
        None,
        Title,
        Created,
    }
    let mut reader = xml::reader(xml);
    let mut names = xml::Names::default();
    let mut at = In::None;
    let (mut title, mut created) = (String::new(), String::new());
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                names.open(&e);
                at = match names.element(&e) {
                    (Ns::Dc, "title") => In::Title,
                    (Ns::DcTerms, "created") => In::Created,
                    _ => In::None,
                };
            }
            Ok(Event::Empty(e)) => {
                names.open(&e);
                names.close();
            }
            Ok(Event::End(_)) => {
                names.close();
                at = In::None;
            }
            Ok(Event::Text(t)) => match at {
                In::Title if title.len() < MAX_TITLE * 2 => title.push_str(&t.xml10_content()),
                In::Created if created.len() < 64 => created.push_str(&t.xml10_content()),
                _ => {}
            },
            Ok(Event::GeneralRef(r)) if at == In::Title => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "apos" => Some('\''),
                        "quot" => Some('"'),
                        _ => None,
                    },
                };
                title.extend(ch);
            }
            Ok(Event::Eof) | Ok(Event::DocType(_)) | Err(_) => break,
            Ok(_) => {}
        }
    }
    Props { title: clean_title(&title), created: parse_created(&created) }
}

/// White space collapsed; `None` when empty or implausibly long.
fn clean_title(raw: &str) -> Option<String> {
    let t = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty() && t.len() <= MAX_TITLE).then_some(t)
}

/// The date part of a W3CDTF timestamp (`2017-09-13T10:00:00Z`). Dates
/// before 1980 are placeholders (`1601-01-01`, `1899-12-30`) written by
/// converters, not creation dates.
fn parse_created(raw: &str) -> Option<Date> {
    let d: Date = raw.trim().get(..10)?.parse().ok()?;
    (d.year() >= 1980).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#;

    #[test]
    fn title_and_created() {
        let xml = format!(
            "{HEAD}<dc:title>  В Бишкеке\n обсуждают &amp; &#x41;</dc:title><dc:creator>X</dc:creator>\
             <dcterms:created xsi:type=\"dcterms:W3CDTF\">2013-12-23T23:15:00Z</dcterms:created></cp:coreProperties>"
        );
        let p = parse(&xml);
        assert_eq!(p.title.as_deref(), Some("В Бишкеке обсуждают & A"));
        assert_eq!(p.created, Some(jiff::civil::date(2013, 12, 23)));
    }

    #[test]
    fn empty_placeholder_and_broken_values_are_dropped() {
        let xml = format!(
            "{HEAD}<dc:title> </dc:title><dcterms:created>1601-01-01T00:00:00Z</dcterms:created></cp:coreProperties>"
        );
        assert_eq!(parse(&xml), Props::default());
        let xml = format!("{HEAD}<dc:title/><dcterms:created>yesterday</dcterms:created></cp:coreProperties>");
        assert_eq!(parse(&xml), Props::default());
        // Truncated: what was read before the error is kept.
        let xml = format!("{HEAD}<dc:title>Kept</dc:title><dcterms:crea");
        assert_eq!(parse(&xml).title.as_deref(), Some("Kept"));
        // A title in another namespace is not the Dublin Core title.
        let xml = r#"<x xmlns:dc="urn:other"><dc:title>No</dc:title></x>"#;
        assert_eq!(parse(xml).title, None);
    }
}
