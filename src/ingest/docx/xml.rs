//! The XML helpers shared by the DOCX part readers: one reader
//! configuration, namespace resolution, attribute access and error
//! wording.
//!
//! Names are matched by namespace URI, never by prefix (`w:` is only a
//! convention), and both transitional and strict OOXML URIs are accepted.
//! [`Names`] resolves prefixes itself instead of quick-xml's `NsReader`:
//! Word declares its namespaces on the root element and writes many
//! attributes per element (`w:rsidR`…), so looking for `xmlns` with one
//! SIMD search per element, and parsing attributes only where it occurs,
//! is a third faster on real documents. It knows nothing about what the
//! elements mean.

use memchr::memmem;
use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;
use std::borrow::Cow;
use std::sync::LazyLock;

/// The namespaces the readers care about; everything else is `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ns {
    /// WordprocessingML main.
    W,
    /// Office relationships (`r:id`).
    R,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Package relationships (`.rels` parts).
    Rels,
    /// Dublin Core elements (`dc:title`).
    Dc,
    /// Dublin Core terms (`dcterms:created`).
    DcTerms,
    /// Unbound (no prefix and no default namespace) or unknown.
    Other,
}

fn classify(uri: &[u8]) -> Ns {
    match uri {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | b"http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::R,
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        b"http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rels,
        b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
        b"http://purl.org/dc/terms/" => Ns::DcTerms,
        _ => Ns::Other,
    }
}

/// The message for a part that declares a DTD. OOXML forbids DTDs, and
/// refusing them is what keeps entity-expansion bombs out.
pub(super) const DOCTYPE: &str = "DOCTYPE declarations are not allowed in DOCX parts";

/// A reader over a whole part, with end-tag names checked (mismatched tags
/// are errors, not guesses).
pub(super) fn reader(xml: &str) -> Reader<&[u8]> {
    let mut r = Reader::from_str(xml);
    let c = r.config_mut();
    c.check_end_names = true;
    c.trim_text(false);
    c.expand_empty_elements = false;
    r
}

/// Namespace bindings in scope. Call [`Names::open`] on every start and
/// empty element before resolving its names, [`Names::close`] after an
/// empty element and on every end tag.
#[derive(Default)]
pub(super) struct Names {
    /// `(prefix, namespace)`, innermost last; the empty prefix is the
    /// default namespace.
    bindings: Vec<(Box<[u8]>, Ns)>,
    /// `(depth, bindings.len() before)` for elements that declared some.
    scopes: Vec<(usize, usize)>,
    depth: usize,
}

impl Names {
    /// Enters an element: records the namespaces it declares.
    pub(super) fn open(&mut self, e: &BytesStart<'_>) {
        self.depth += 1;
        static XMLNS: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"xmlns"));
        let raw = e.attributes_raw().as_bytes();
        if XMLNS.find(raw).is_none() {
            return;
        }
        let before = self.bindings.len();
        let mut attrs = e.attributes();
        attrs.with_checks(false);
        for a in attrs.flatten() {
            let key = a.key.as_ref().as_bytes();
            let prefix: &[u8] = match key.strip_prefix(b"xmlns") {
                Some(b"") => b"",
                Some(p) if p.starts_with(b":") => &p[1..],
                _ => continue,
            };
            let ns = a.normalized_value(XmlVersion::Implicit1_0).map(|v| classify(v.as_bytes())).unwrap_or(Ns::Other);
            self.bindings.push((prefix.into(), ns));
        }
        if self.bindings.len() > before {
            self.scopes.push((self.depth, before));
        }
    }

    /// Leaves the innermost element.
    pub(super) fn close(&mut self) {
        if let Some(&(depth, before)) = self.scopes.last()
            && depth == self.depth
        {
            self.bindings.truncate(before);
            self.scopes.pop();
        }
        self.depth = self.depth.saturating_sub(1);
    }

    fn resolve(&self, prefix: &[u8]) -> Ns {
        self.bindings.iter().rev().find(|(p, _)| **p == *prefix).map_or(Ns::Other, |&(_, ns)| ns)
    }

    /// Namespace and local name of an element.
    #[inline]
    pub(super) fn element<'e>(&self, e: &'e BytesStart<'_>) -> (Ns, &'e str) {
        let name: &'e str = e.name().into_inner();
        match memchr::memchr(b':', name.as_bytes()) {
            // ':' is ASCII, so both sides are on char boundaries.
            Some(i) => (self.resolve(&name.as_bytes()[..i]), &name[i + 1..]),
            None => (self.resolve(b""), name),
        }
    }

    /// The value of the attribute `local` in namespace `ns` (attributes
    /// without a prefix are in no namespace). Values with unknown entities
    /// are treated as absent.
    pub(super) fn attr<'e>(&self, e: &'e BytesStart<'_>, ns: Ns, local: &str) -> Option<Cow<'e, str>> {
        let mut attrs = e.attributes();
        attrs.with_checks(false);
        for a in attrs.flatten() {
            let key: &str = a.key.into_inner();
            let (prefix, name) = key.split_once(':').unwrap_or(("", key));
            if name != local {
                continue;
            }
            let class = if prefix.is_empty() { Ns::Other } else { self.resolve(prefix.as_bytes()) };
            if class == ns {
                return a.normalized_value(XmlVersion::Implicit1_0).ok();
            }
        }
        None
    }
}

/// Attributes as `(name, value)`, prefixes kept (used where names are
/// unprefixed, as in `.rels` parts). Malformed attributes and values with
/// unknown entities are skipped.
pub(super) fn attrs<'e>(e: &'e BytesStart<'_>) -> impl Iterator<Item = (&'e str, Cow<'e, str>)> {
    let mut it = e.attributes();
    it.with_checks(false);
    it.filter_map(|a| {
        let a = a.ok()?;
        let value = a.normalized_value(XmlVersion::Implicit1_0).ok()?;
        Some((a.key.into_inner(), value))
    })
}

/// A quick-xml error in lower-case words, for `BadDocx` messages.
pub(super) fn describe(e: &quick_xml::Error) -> String {
    let s = e.to_string();
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::Event;

    /// Every start element's (namespace, local name), in order.
    fn names(xml: &str) -> Vec<(Ns, String)> {
        let mut r = reader(xml);
        let mut n = Names::default();
        let mut out = Vec::new();
        loop {
            match r.read_event().unwrap() {
                Event::Start(e) => {
                    n.open(&e);
                    let (ns, local) = n.element(&e);
                    out.push((ns, local.to_owned()));
                }
                Event::Empty(e) => {
                    n.open(&e);
                    let (ns, local) = n.element(&e);
                    out.push((ns, local.to_owned()));
                    n.close();
                }
                Event::End(_) => n.close(),
                Event::Eof => return out,
                _ => {}
            }
        }
    }

    #[test]
    fn prefixes_resolve_through_nested_declarations() {
        let xml = r#"<w:a xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:b xmlns:w="urn:x"/><w:c><r:d xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"/><r:e/></w:c><f xmlns="http://purl.org/dc/terms/"><g/></f><h/></w:a>"#;
        let got = names(xml);
        let want = [
            (Ns::W, "a"),
            (Ns::Other, "b"),
            (Ns::W, "c"),
            (Ns::R, "d"),
            (Ns::Other, "e"),
            (Ns::DcTerms, "f"),
            (Ns::DcTerms, "g"),
            (Ns::Other, "h"),
        ];
        let got: Vec<(Ns, &str)> = got.iter().map(|(n, l)| (*n, l.as_str())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn attributes_by_namespace() {
        let xml = r#"<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" id="plain" w:id="w" r:id="r&amp;1"/>"#;
        let mut r = reader(xml);
        let mut n = Names::default();
        let Ok(Event::Empty(e)) = r.read_event() else { panic!() };
        n.open(&e);
        assert_eq!(n.attr(&e, Ns::R, "id").as_deref(), Some("r&1"));
        assert_eq!(n.attr(&e, Ns::W, "id").as_deref(), Some("w"));
        assert_eq!(n.attr(&e, Ns::Other, "id").as_deref(), Some("plain"));
        assert_eq!(n.attr(&e, Ns::Mc, "id"), None);
    }
}
