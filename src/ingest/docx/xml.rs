//! The XML helpers shared by the DOCX part readers: one reader
//! configuration, namespace classification, attribute access and error
//! wording.
//!
//! Names are matched by namespace URI, never by prefix (`w:` is only a
//! convention), and both transitional and strict OOXML URIs are accepted.
//! It knows nothing about what the elements mean.

use quick_xml::NsReader;
use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;
use quick_xml::name::ResolveResult;
use std::borrow::Cow;

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
    Other,
}

fn classify(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | "http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::R,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        "http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rels,
        "http://purl.org/dc/elements/1.1/" => Ns::Dc,
        "http://purl.org/dc/terms/" => Ns::DcTerms,
        _ => Ns::Other,
    }
}

/// The message for a part that declares a DTD. OOXML forbids DTDs, and
/// refusing them is what keeps entity-expansion bombs out.
pub(super) const DOCTYPE: &str = "DOCTYPE declarations are not allowed in DOCX parts";

/// A namespace-aware reader over a whole part, with end-tag names checked
/// (mismatched tags are errors, not guesses).
pub(super) fn reader(xml: &str) -> NsReader<&[u8]> {
    let mut r = NsReader::from_str(xml);
    let c = r.config_mut();
    c.check_end_names = true;
    c.trim_text(false);
    c.expand_empty_elements = false;
    r
}

/// Namespace class and local name of a start or empty element.
#[inline]
pub(super) fn element<'e>(reader: &NsReader<&[u8]>, e: &'e BytesStart<'_>) -> (Ns, &'e str) {
    let (res, local) = reader.resolver().resolve_element(e.name());
    let ns = match res {
        ResolveResult::Bound(ns) => classify(ns.as_ref()),
        _ => Ns::Other,
    };
    (ns, local.into_inner())
}

/// Attributes as `(local name, value)`, prefixes ignored (used where the
/// attribute names are unprefixed, as in `.rels` parts). Malformed
/// attributes and values with unknown entities are skipped.
pub(super) fn attrs<'e>(e: &'e BytesStart<'_>) -> impl Iterator<Item = (&'e str, Cow<'e, str>)> {
    let mut it = e.attributes();
    it.with_checks(false);
    it.filter_map(|a| {
        let a = a.ok()?;
        let value = a.normalized_value(XmlVersion::Implicit1_0).ok()?;
        Some((a.key.local_name().into_inner(), value))
    })
}

/// The value of the attribute `local` in namespace `ns`.
pub(super) fn attr<'e>(reader: &NsReader<&[u8]>, e: &'e BytesStart<'_>, ns: Ns, local: &str) -> Option<Cow<'e, str>> {
    for a in e.attributes().with_checks(false) {
        let Ok(a) = a else { continue };
        if a.key.local_name().into_inner() != local {
            continue;
        }
        let (res, _) = reader.resolver().resolve_attribute(a.key);
        let class = match res {
            ResolveResult::Bound(uri) => classify(uri.as_ref()),
            _ => Ns::Other,
        };
        if class == ns {
            return a.normalized_value(XmlVersion::Implicit1_0).ok();
        }
    }
    None
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
