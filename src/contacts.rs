//! Contact records: who to call, at which number, with which email.
//!
//! Runs after `resolve`, on the kept mentions. A contact is one person or
//! office: `{name, role, organization, phones, emails, address}`.
//!
//! How records are formed:
//!
//! 1. **Clusters.** The contact mentions (PHONE, EMAIL, ADDRESS) are grouped
//!    in document order. Two neighbours belong together when they lie in
//!    the same contact zone (the segmenter's `contact` zones), or in the
//!    same sentence, or when only short lines (≤ 10 words: labels, names,
//!    roles, blank lines) separate them. Prose between them splits them.
//! 2. **People.** PER mentions inside a cluster, or in its lead-in (the
//!    same sentence or line before its first mention, or the two short
//!    lines above it), split it: each PER takes the contact mentions after
//!    it (up to the next PER). Mentions before the first PER on its own
//!    line or sentence go to that PER; others form an office contact.
//!    The name is the PER value's `name` (nominative, from NER); the role
//!    is the PER value's `role`, else the apposition after the name in the
//!    sentence ("Жанной Ташиевой, национальным координатором БОМКА в
//!    Кыргызстане – janna…" → the text between the comma and the dash or
//!    the address), kept as written (not yet put in the nominative).
//! 3. **Offices.** A cluster without a person is one office contact. Its
//!    organization is an ORG mention in the lead-in, else the heading line
//!    right above the cluster when it looks like a name (capitalized, ≤ 12
//!    words, no digits, not ending in sentence punctuation).
//!
//! With no PER mentions at all (NER off), a sentence contact still gets
//! its role from the apposition pattern and a null name.
//!
//! It does not merge the same person across clusters, attach URLs, or
//! guess a person from an e-mail's local part.

use crate::extract::{Kind, Mention, PhoneValue, Value};
use crate::segment::{Segments, ZoneKind};
use crate::span::Span;
use serde::Serialize;

/// One contact person or office (`contacts[]` in the record).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Contact {
    pub name: Option<String>,
    pub role: Option<String>,
    pub organization: Option<String>,
    pub phones: Vec<PhoneValue>,
    pub emails: Vec<String>,
    pub address: Option<String>,
}

impl Contact {
    fn is_empty(&self) -> bool {
        self.phones.is_empty() && self.emails.is_empty() && self.address.is_none()
    }

    fn add(&mut self, m: &Mention) {
        match &m.value {
            Value::Phone(p) if !self.phones.contains(p) => self.phones.push(p.clone()),
            Value::Email(e) if !self.emails.contains(&e.address) => self.emails.push(e.address.clone()),
            Value::Address(a) if self.address.is_none() => self.address = Some(a.name.clone()),
            _ => {}
        }
    }
}

fn is_contact_kind(k: Kind) -> bool {
    matches!(k, Kind::Phone | Kind::Email | Kind::Address)
}

/// Whether the text between two contact mentions keeps them together:
/// no line of it is prose (more than 10 words).
fn only_short_lines(between: &str) -> bool {
    between.lines().all(|l| l.split_whitespace().count() <= 10)
}

fn sentence_of(seg: &Segments, span: Span) -> Option<Span> {
    let i = seg.sentences.partition_point(|s| s.span.end <= span.start);
    seg.sentences.get(i).filter(|s| s.span.contains(span)).map(|s| s.span)
}

fn contact_zone_of(seg: &Segments, span: Span) -> Option<Span> {
    seg.zone_at(span.start).filter(|z| z.kind == ZoneKind::Contact && z.span.contains(span)).map(|z| z.span)
}

/// The longest stretch a "line" or lead-in may reach either side of a
/// mention. A contact line is short; without a cap, a document with no
/// line breaks made every lookup scan the whole text (quadratic time) and
/// every cluster's lead-in the whole document before it.
const MAX_REACH: usize = 2048;

/// `at - MAX_REACH`, on a char boundary at or after it.
fn reach_back(text: &str, at: usize) -> usize {
    text.ceil_char_boundary(at.saturating_sub(MAX_REACH))
}

/// The line around `at`, cut at `MAX_REACH` bytes either side.
fn line_of(text: &str, at: usize) -> Span {
    let from = reach_back(text, at);
    let start = text[from..at].rfind('\n').map_or(from, |i| from + i + 1);
    let to = text.floor_char_boundary(at + MAX_REACH);
    let end = text[at..to].find('\n').map_or(to, |i| at + i);
    Span::new(start, end)
}

/// The mentions of `sorted` (by start) that lie inside `region`.
fn inside<'a, 'm>(sorted: &'a [&'m Mention], region: Span) -> impl DoubleEndedIterator<Item = &'a &'m Mention> {
    let from = sorted.partition_point(|m| m.span.start < region.start);
    let to = sorted.partition_point(|m| m.span.start < region.end);
    sorted[from..to.max(from)].iter().filter(move |m| region.contains(m.span))
}

/// The lead-in of a cluster starting at `start`: its sentence or line up
/// to `start`, plus up to two short non-empty lines above.
fn lead_in(text: &str, seg: &Segments, first: Span) -> Span {
    let line = line_of(text, first.start);
    let mut from = sentence_of(seg, first).map_or(line.start, |s| s.start.min(line.start));
    let mut above = 0;
    let mut pos = line.start;
    while above < 2 && pos > 0 {
        let prev = line_of(text, pos - 1);
        let t = prev.of(text).trim();
        pos = prev.start;
        if t.is_empty() {
            continue;
        }
        if t.split_whitespace().count() > 12 {
            break;
        }
        from = from.min(prev.start);
        above += 1;
    }
    Span::new(from.max(reach_back(text, first.start)), first.start)
}

/// The heading line right above `at` (skipping blank lines), if it looks
/// like an organization name.
fn heading_above(text: &str, at: usize) -> Option<String> {
    let mut pos = line_of(text, at).start;
    for _ in 0..3 {
        if pos == 0 {
            return None;
        }
        let prev = line_of(text, pos - 1);
        let t = prev.of(text).trim();
        pos = prev.start;
        if t.is_empty() {
            continue;
        }
        let words = t.split_whitespace().count();
        let ok = t.chars().next().is_some_and(char::is_uppercase)
            && words <= 12
            && !t.bytes().any(|b| b.is_ascii_digit())
            && !t.ends_with(['.', ':', '!', '?', ','])
            && !t.contains('@');
        return ok.then(|| t.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    None
}

/// The apposition after a name: ", <role> –" before the contact mention.
/// `after_name` is where the name ends; `upto` where the contact starts.
fn apposition(text: &str, after_name: usize, upto: usize) -> Option<String> {
    if after_name >= upto {
        return None;
    }
    let between = &text[after_name..upto];
    let rest = between.trim_start().strip_prefix(',')?.trim_start();
    // The role ends at a dash, a colon, a bracket or a comma before the
    // contact.
    let end =
        rest.find([':', '(', '–', '—']).or_else(|| rest.find(" - ")).or_else(|| rest.find(',')).unwrap_or(rest.len());
    let role = rest[..end].trim().trim_end_matches([',', ':', '-']).trim();
    let words = role.split_whitespace().count();
    let lower_start = role.chars().next().is_some_and(char::is_lowercase);
    (lower_start && (1..=12).contains(&words)).then(|| role.to_owned())
}

/// Builds contact records from the resolved mentions and the zones.
pub fn build(text: &str, segments: &Segments, mentions: &[Mention]) -> Vec<Contact> {
    let contacts: Vec<&Mention> = mentions.iter().filter(|m| is_contact_kind(m.kind)).collect();
    if contacts.is_empty() {
        return Vec::new();
    }
    // 1. Clusters.
    let mut clusters: Vec<Vec<&Mention>> = Vec::new();
    for m in contacts {
        let joins = clusters.last().and_then(|c| c.last()).is_some_and(|prev| {
            let a = prev.span;
            let b = m.span;
            if b.start < a.end {
                return true;
            }
            let same_zone = contact_zone_of(segments, a).is_some_and(|z| z.contains(b));
            let same_sentence = sentence_of(segments, a).is_some_and(|s| s.contains(b));
            same_zone || same_sentence || only_short_lines(&text[a.end..b.start])
        });
        if joins {
            if let Some(c) = clusters.last_mut() {
                c.push(m);
            }
        } else {
            clusters.push(vec![m]);
        }
    }
    // Sorted by start (mentions are), for `inside`.
    let mut people: Vec<&Mention> = mentions.iter().filter(|m| m.kind == Kind::Per).collect();
    let mut orgs: Vec<&Mention> = mentions.iter().filter(|m| m.kind == Kind::Org).collect();
    people.sort_by_key(|m| m.span.start);
    orgs.sort_by_key(|m| m.span.start);

    let mut out = Vec::new();
    for cluster in clusters {
        let first = cluster[0].span;
        let last_end = cluster.iter().map(|m| m.span.end).max().unwrap_or(first.end);
        let lead = lead_in(text, segments, first);
        let region = Span::new(lead.start, last_end);
        let pers: Vec<&&Mention> = inside(&people, region).collect();
        if pers.is_empty() {
            let mut c = Contact::default();
            for m in &cluster {
                c.add(m);
            }
            // A sentence contact ("…, национальным координатором … –
            // janna@…"): the role without a name.
            if let Some(sent) = sentence_of(segments, first) {
                c.role = role_without_name(text, sent, first);
            }
            if c.role.is_none() {
                c.organization =
                    inside(&orgs, lead).next_back().map(|o| org_name(o)).or_else(|| heading_above(text, first.start));
            }
            if !c.is_empty() {
                out.push(c);
            }
            continue;
        }
        // 2. People split the cluster.
        let mut office = Contact::default();
        let mut persons: Vec<Contact> = pers
            .iter()
            .map(|p| {
                let (name, role) = match &p.value {
                    Value::Per(v) => (Some(v.name.clone()), v.role.clone()),
                    _ => (None, None),
                };
                Contact { name, role, ..Contact::default() }
            })
            .collect();
        for m in &cluster {
            // The last person before the mention, else the first person
            // when it shares the mention's line or sentence.
            let owner = pers.iter().rposition(|p| p.span.end <= m.span.start).or_else(|| {
                let line = line_of(text, m.span.start);
                let sent = sentence_of(segments, m.span);
                (line.contains(pers[0].span) || sent.is_some_and(|s| s.contains(pers[0].span))).then_some(0)
            });
            match owner {
                Some(i) => {
                    if persons[i].role.is_none() {
                        persons[i].role = apposition(text, pers[i].span.end, m.span.start);
                    }
                    persons[i].add(m);
                }
                None => office.add(m),
            }
        }
        let org = inside(&orgs, lead).next_back().map(|o| org_name(o));
        for mut p in persons {
            if p.organization.is_none() {
                p.organization = org.clone();
            }
            if !p.is_empty() {
                out.push(p);
            }
        }
        if !office.is_empty() {
            office.organization = org.or_else(|| heading_above(text, first.start));
            out.push(office);
        }
    }
    out
}

fn org_name(m: &Mention) -> String {
    match &m.value {
        Value::Org(o) => o.name.clone(),
        _ => String::new(),
    }
}

/// Without a PER mention: the apposition ", <lowercase role> –" right
/// before the contact mention in its sentence.
fn role_without_name(text: &str, sentence: Span, first: Span) -> Option<String> {
    let before = &text[sentence.start..first.start];
    let dash = before.rfind(['–', '—']).or_else(|| before.rfind(" - "))?;
    if !before[dash..].trim_start_matches(['–', '—', '-', ' ', ':']).trim().is_empty() {
        return None;
    }
    let comma = before[..dash].rfind(',')?;
    let role = before[comma + 1..dash].trim();
    let words = role.split_whitespace().count();
    (role.chars().next().is_some_and(char::is_lowercase) && (1..=12).contains(&words)).then(|| role.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{AddressValue, EmailValue, PerValue, PhoneKind};
    use crate::segment::{Paragraph, Sentence, Zone};

    fn at(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    fn email(text: &str, a: &str) -> Mention {
        Mention::new(Kind::Email, at(text, a), Value::Email(EmailValue { address: a.into() }), "t")
    }

    fn phone(text: &str, t: &str, e164: &str, kind: PhoneKind) -> Mention {
        Mention::new(
            Kind::Phone,
            at(text, t),
            Value::Phone(PhoneValue { e164: e164.into(), kind, extension: None }),
            "t",
        )
    }

    fn one_sentence_segments(text: &str) -> Segments {
        let all = Span::new(0, text.len());
        Segments {
            zones: vec![Zone { kind: ZoneKind::Body, span: all }],
            paragraphs: vec![Paragraph { span: all, zone: 0 }],
            sentences: vec![Sentence { span: all, paragraph: 0 }],
            ..Segments::default()
        }
    }

    #[test]
    fn sentence_contact_with_person() {
        let t = "Подробнее можно узнать, связавшись с Жанной Ташиевой, национальным координатором БОМКА в Кыргызстане – janna.tashieva@icmpd.org";
        let seg = one_sentence_segments(t);
        let per = Mention::new(
            Kind::Per,
            at(t, "Жанной Ташиевой"),
            Value::Per(PerValue { name: "Жанна Ташиева".into(), role: None }),
            "t",
        );
        let ms = vec![per, email(t, "janna.tashieva@icmpd.org")];
        let c = build(t, &seg, &ms);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].name.as_deref(), Some("Жанна Ташиева"));
        assert_eq!(c[0].role.as_deref(), Some("национальным координатором БОМКА в Кыргызстане"));
        assert_eq!(c[0].emails, vec!["janna.tashieva@icmpd.org".to_owned()]);
        // Without NER: the role, no name.
        let c = build(t, &seg, &ms[1..]);
        assert_eq!(c[0].name, None);
        assert_eq!(c[0].role.as_deref(), Some("национальным координатором БОМКА в Кыргызстане"));
    }

    #[test]
    fn contact_zone_people_and_office() {
        let t = "Body text of the release goes here and is long enough to be prose for sure.\n\nMedia contacts:\nJohn Smith\n(202) 514-2007\njohn.smith@usdoj.gov\n\nMary Jones, press officer\n+1 202 514 2008\n";
        let body_end = t.find("\n\nMedia").unwrap();
        let seg = Segments {
            zones: vec![
                Zone { kind: ZoneKind::Body, span: Span::new(0, body_end) },
                Zone { kind: ZoneKind::Contact, span: Span::new(body_end + 2, t.len()) },
            ],
            ..Segments::default()
        };
        let per = |n: &str| Mention::new(Kind::Per, at(t, n), Value::Per(PerValue { name: n.into(), role: None }), "t");
        let ms = vec![
            per("John Smith"),
            phone(t, "(202) 514-2007", "+12025142007", PhoneKind::Phone),
            email(t, "john.smith@usdoj.gov"),
            per("Mary Jones"),
            phone(t, "+1 202 514 2008", "+12025142008", PhoneKind::Phone),
        ];
        let c = build(t, &seg, &ms);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].name.as_deref(), Some("John Smith"));
        assert_eq!(c[0].phones[0].e164, "+12025142007");
        assert_eq!(c[0].emails, vec!["john.smith@usdoj.gov".to_owned()]);
        assert_eq!(c[1].name.as_deref(), Some("Mary Jones"));
        assert_eq!(c[1].role.as_deref(), Some("press officer"));
        assert_eq!(c[1].phones[0].e164, "+12025142008");
    }

    #[test]
    fn office_block() {
        let t = "Long paragraph of prose that talks about the programme and its many partners in detail.\n\nПредставительство Европейского Союза\n\nул. Неглинная, д. 12, Москва, 107016\n\nТелефон: +7 495 123 45 67\nfax: +7 495 123 45 68\n";
        let seg = Segments::default();
        let addr = Mention::new(
            Kind::Address,
            at(t, "ул. Неглинная, д. 12, Москва, 107016"),
            Value::Address(AddressValue {
                name: "ул. Неглинная, д. 12, Москва, 107016".into(),
                postcode: None,
                city: None,
                country: None,
            }),
            "t",
        );
        let ms = vec![
            addr,
            phone(t, "+7 495 123 45 67", "+74951234567", PhoneKind::Phone),
            phone(t, "+7 495 123 45 68", "+74951234568", PhoneKind::Fax),
        ];
        let c = build(t, &seg, &ms);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].organization.as_deref(), Some("Представительство Европейского Союза"));
        assert_eq!(c[0].address.as_deref(), Some("ул. Неглинная, д. 12, Москва, 107016"));
        assert_eq!(c[0].phones.len(), 2);
        assert_eq!(c[0].phones[1].kind, PhoneKind::Fax);
    }
}
