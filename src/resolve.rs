//! Resolve: the one place where overlapping mentions are decided.
//!
//! Extractors propose candidates freely; this module keeps a consistent set
//! and sorts it. The policy, in full:
//!
//! 1. Candidates are considered by kind priority (EMAIL, URL, PHONE,
//!    MONEY, DATE, ADDRESS, ORG, PER, LOC), then longer span first, then
//!    higher confidence, then earlier start. Each is kept unless it clashes
//!    with one already kept.
//! 2. Two mentions of the **same** kind clash when they overlap at all.
//! 3. Two mentions of different kinds clash when they cross (overlap
//!    without one containing the other), and also when one contains the
//!    other but that nesting is not allowed. Allowed nestings (outer ⊃
//!    inner): ORG ⊃ LOC ("охраны Латвии"), ORG ⊃ PER ("фонд Сороса"),
//!    ADDRESS ⊃ LOC, ADDRESS ⊃ ORG. Anything else inside an EMAIL, URL or
//!    PHONE, or a DATE/MONEY inside anything, is a false candidate.
//! 4. The result is sorted by start, then longer first, then kind.
//!
//! It does not merge values or build document-level facts (facet arrays,
//! contacts): that is `record` and `contacts`.

use crate::extract::{Kind, Mention};
use std::collections::BTreeMap;

fn priority(k: Kind) -> u8 {
    match k {
        Kind::Email => 0,
        Kind::Url => 1,
        Kind::Phone => 2,
        Kind::Money => 3,
        Kind::Date => 4,
        Kind::Address => 5,
        Kind::Org => 6,
        Kind::Per => 7,
        Kind::Loc => 8,
    }
}

/// Whether `outer` may contain a mention of kind `inner`.
pub fn may_nest(outer: Kind, inner: Kind) -> bool {
    matches!(
        (outer, inner),
        (Kind::Org, Kind::Loc) | (Kind::Org, Kind::Per) | (Kind::Address, Kind::Loc) | (Kind::Address, Kind::Org)
    )
}

/// Keeps a consistent subset of `candidates`, sorted for output.
pub fn resolve(mut candidates: Vec<Mention>) -> Vec<Mention> {
    candidates.retain(|m| !m.span.is_empty());
    candidates.sort_by(|a, b| {
        priority(a.kind)
            .cmp(&priority(b.kind))
            .then(b.span.len().cmp(&a.span.len()))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.span.start.cmp(&b.span.start))
    });
    // Kept spans per kind: start → end. Same-kind spans never overlap, so a
    // neighbour lookup answers "does anything of this kind overlap?".
    let mut kept: [BTreeMap<usize, usize>; Kind::ALL.len()] = Default::default();
    let mut out = Vec::with_capacity(candidates.len());
    'next: for m in candidates {
        let (s, e) = (m.span.start, m.span.end);
        for other in Kind::ALL {
            let map = &kept[other as usize];
            // The kept span starting at or before s, and all starting inside
            // [s, e): at most a few because they do not overlap each other.
            let before = map.range(..=s).next_back();
            let inside = map.range(s + 1..e);
            for (&os, &oe) in before.into_iter().chain(inside) {
                if os >= e || oe <= s {
                    continue;
                }
                if other == m.kind {
                    continue 'next;
                }
                let m_in_o = os <= s && e <= oe;
                let o_in_m = s <= os && oe <= e;
                let ok = (m_in_o && may_nest(other, m.kind)) || (o_in_m && may_nest(m.kind, other));
                if !ok {
                    continue 'next;
                }
            }
        }
        kept[m.kind as usize].insert(s, e);
        out.push(m);
    }
    out.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)).then(a.kind.cmp(&b.kind)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{LocValue, OrgValue, Value};
    use crate::span::Span;

    fn m(kind: Kind, s: usize, e: usize) -> Mention {
        let value = match kind {
            Kind::Loc => Value::Loc(LocValue { name: "x".into(), country: None, kind: None }),
            _ => Value::Org(OrgValue { name: "x".into(), acronym: None }),
        };
        Mention::new(kind, Span::new(s, e), value, "test")
    }

    fn spans(v: &[Mention]) -> Vec<(Kind, usize, usize)> {
        v.iter().map(|m| (m.kind, m.span.start, m.span.end)).collect()
    }

    #[test]
    fn same_kind_longest_wins() {
        let r = resolve(vec![m(Kind::Org, 0, 5), m(Kind::Org, 3, 20), m(Kind::Org, 21, 25)]);
        assert_eq!(spans(&r), vec![(Kind::Org, 3, 20), (Kind::Org, 21, 25)]);
    }

    #[test]
    fn loc_nests_in_org_but_not_across() {
        let r = resolve(vec![m(Kind::Loc, 10, 16), m(Kind::Org, 0, 16), m(Kind::Loc, 14, 30)]);
        assert_eq!(spans(&r), vec![(Kind::Org, 0, 16), (Kind::Loc, 10, 16)]);
    }

    #[test]
    fn nothing_inside_email() {
        let r = resolve(vec![m(Kind::Org, 6, 11), m(Kind::Email, 0, 20)]);
        assert_eq!(spans(&r), vec![(Kind::Email, 0, 20)]);
    }
}
