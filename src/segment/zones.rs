//! Zones: what each paragraph is, and the release title and dateline.
//!
//! Two passes over the paragraphs:
//!
//! 1. **Header** (at most [`HEADER_MAX`] paragraphs): release furniture
//!    ("PRESS RELEASE", "Пресс-релиз", an image marker) is `other`; a
//!    paragraph that is only a place and a date, or only a date, is the
//!    `dateline`; the first headline-like paragraph is the `title` (or the
//!    one equal to the DOCX title, when given), a paragraph right after it
//!    continues it when it starts in lower case or the title line ends
//!    with a preposition or article ("…Enters into Memorandum of" /
//!    "Understanding with…") or when it follows the title line with no
//!    blank line between in the same headline style, capitals or English
//!    title case (a headline hard-wrapped over two or three lines), and up
//!    to two more headline-like lines
//!    are `subtitle`s; contact lines above the title are `contact`. The
//!    header ends at the first paragraph that is none of these: the `lead`.
//!    A wire dateline opening the lead ("WASHINGTON — …", "МОСКВА, 12
//!    марта. /ТАСС/. …") is split off into its own paragraph of kind
//!    `dateline`, so that every paragraph still lies in exactly one zone
//!    (see DESIGN.md, "Why split the lead paragraph at an inline
//!    dateline?").
//! 2. **Body and tail**, with a small state machine (body → contact →
//!    about → footer, in any order): headings switch the state ("About
//!    X", "О компании", "Справка", "Notes to editors" → `about`; "Contact:",
//!    "Контакты для СМИ", "For more information" → `contact`; end marks
//!    "###", "-30-", "- END -" and page furniture such as "Topic(s):",
//!    "©", "All rights reserved" → `footer`; a self-contained "For more
//!    information, visit …" line is `contact` but changes nothing after
//!    it). A run of short lines holding
//!    a phone number or an email is a signature block (`contact`), taken
//!    back over the address lines above it and one name line (two or three
//!    when the block has no blank lines); it goes on over name, address,
//!    field and web lines. Prose after a contact block is boilerplate
//!    (`about`). In the body, a paragraph opening with a quote
//!    mark or a dialogue dash is a `quote`. DOCX header parts and notes are
//!    `other`, page footers `footer` (`contact` when they hold a phone or
//!    e-mail line).
//!
//! Every test looks at a bounded prefix or suffix of a paragraph, so the
//! cost is linear in the text. Nothing here guesses: no title when the
//! first paragraph is prose, no dateline unless a place and a date (or a
//! date alone, or a wire-style capitalised place) open the release.

use super::dateline::{self, Found};
use super::paragraphs::{self, Para};
use super::sentences;
use super::{Dateline, ZoneKind};
use crate::document::{Hints, Part};
use crate::span::Span;
use crate::text::prefix;

/// Paragraphs examined for the title and the dateline.
const HEADER_MAX: usize = 10;

/// The zoning of one document.
pub(super) struct Layout {
    /// The final paragraphs (the lead may have been split at an inline
    /// dateline) with their zone kinds, in order.
    pub paras: Vec<(Span, ZoneKind)>,
    pub title: Option<String>,
    pub dateline: Option<Dateline>,
    pub location: Option<String>,
}

/// The length limits of the zone rules, named in one place. `chars` and
/// `words` limits compare with [`Feat`]'s (capped) counts, `bytes` limits
/// with byte lengths.
struct Limits {
    /// Bytes of a paragraph's head that [`Feat`] counts in.
    feat_head_bytes: usize,
    /// [`Feat::chars`] stops counting here.
    feat_chars_cap: usize,
    /// [`Feat::words`] stops counting here.
    feat_words_cap: usize,
    /// Words of a paragraph ending like a sentence that make it prose.
    prose_min_words: usize,
    /// More words than this is prose whatever its end.
    prose_any_words: usize,
    /// [`Feat::short`]: at most this many chars.
    short_chars: usize,
    /// A contact line ([`Feat::contact`]) has at most this many chars.
    contact_chars: usize,
    /// A subtitle has at most this many chars.
    subtitle_chars: usize,
    /// A headline has at most this many chars and words.
    title_chars: usize,
    title_words: usize,
    /// A title and its continuation lines together, in bytes.
    title_total_bytes: usize,
    /// A DOCX title hint shorter than this (chars) is not matched.
    title_hint_min_chars: usize,
    /// Paragraphs longer than this (bytes) are not compared with the hint.
    title_hint_bytes: usize,
    /// Release furniture ("FOR IMMEDIATE RELEASE") is at most this long.
    furniture_bytes: usize,
    /// An end mark ("###", "-30-") is at most this long.
    end_mark_bytes: usize,
    /// An "About …" heading: at most this many chars and words.
    about_heading_chars: usize,
    about_heading_words: usize,
    /// A contact heading: at most this many chars; a strong one
    /// ("Контакты для СМИ") at most `contact_heading_strong_chars`.
    contact_heading_chars: usize,
    contact_heading_strong_chars: usize,
    /// A footer label line ("Source:") is at most this many chars.
    footer_label_chars: usize,
    /// A copyright/legal footer line is at most this many chars.
    legal_chars: usize,
    /// A postal-address line is at most this many chars.
    address_line_chars: usize,
    /// A signature name line: at most this many chars and words.
    name_line_chars: usize,
    name_line_words: usize,
}

const LIMITS: Limits = Limits {
    feat_head_bytes: 4000,
    feat_chars_cap: 1000,
    feat_words_cap: 100,
    prose_min_words: 8,
    prose_any_words: 40,
    short_chars: 200,
    contact_chars: 300,
    subtitle_chars: 250,
    title_chars: 300,
    title_words: 40,
    title_total_bytes: 300,
    title_hint_min_chars: 8,
    title_hint_bytes: 600,
    furniture_bytes: 160,
    end_mark_bytes: 24,
    about_heading_chars: 120,
    about_heading_words: 12,
    contact_heading_chars: 400,
    contact_heading_strong_chars: 300,
    footer_label_chars: 60,
    legal_chars: 300,
    address_line_chars: 120,
    name_line_chars: 100,
    name_line_words: 10,
};

/// Cheap facts about one paragraph.
#[derive(Clone, Copy, Debug, Default)]
struct Feat {
    /// Length in chars, capped at `LIMITS.feat_chars_cap`.
    chars: usize,
    /// Words, capped at `LIMITS.feat_words_cap`.
    words: usize,
    /// Ends like a sentence and is long enough to be running text.
    prose: bool,
    /// At most `LIMITS.short_chars` chars and not prose.
    short: bool,
    /// Holds an email address or a phone number (short paragraphs only).
    contact: bool,
}

impl Feat {
    fn new(s: &str) -> Feat {
        let head = prefix(s, LIMITS.feat_head_bytes);
        let chars = head.chars().take(LIMITS.feat_chars_cap).count();
        let words = head.split_whitespace().take(LIMITS.feat_words_cap).count();
        let ends = paragraphs::ends_sentence(s) && !s.ends_with(':') && !s.ends_with(';');
        let prose = (ends && words >= LIMITS.prose_min_words) || words > LIMITS.prose_any_words;
        let short = chars <= LIMITS.short_chars && !prose;
        let small = chars <= LIMITS.contact_chars;
        let lower = prefix(s, 40).to_lowercase();
        let contact = small
            && (paragraphs::is_contact_line(s)
                || CONTACT_LABELS
                    .iter()
                    .any(|l| lower.starts_with(l) && lower[l.len()..].trim_start().starts_with([':', '.'])));
        Feat { chars, words, prose, short, contact }
    }
}

/// Labels of a contact line ("Tel.: …", "Телефон: …").
const CONTACT_LABELS: &[&str] = &[
    "tel",
    "telephone",
    "phone",
    "ph",
    "fax",
    "mobile",
    "mob",
    "cell",
    "e-mail",
    "email",
    "mail",
    "телефон",
    "тел",
    "факс",
    "моб",
    "мобильный",
    "e-mail",
    "эл. почта",
    "электронная почта",
    "почта",
];

pub(super) fn classify(text: &str, paras: &[Para], hints: &Hints) -> Layout {
    let n = paras.len();
    let feats: Vec<Feat> = paras.iter().map(|p| Feat::new(p.span.of(text))).collect();
    let mut kinds: Vec<ZoneKind> = vec![ZoneKind::Body; n];

    // 1. Header.
    let hint = hints.title.as_deref().and_then(|t| title_hint(text, paras, t));
    let mut title: Vec<usize> = Vec::new();
    let mut whole_dl: Option<Found> = None;
    let mut last_header = None;
    let mut subtitles = 0;
    let mut i = 0;
    let mut seen = 0;
    while i < n && seen < HEADER_MAX {
        let p = paras[i];
        if let Some(k) = part_kind(p.part) {
            kinds[i] = k;
            i += 1;
            continue;
        }
        seen += 1;
        let s = p.span.of(text);
        let f = &feats[i];
        let kind = if whole_dl.is_none()
            && let Some(d) = dateline::whole(text, p.span)
        {
            whole_dl = Some(d);
            ZoneKind::Dateline
        } else if is_furniture(s) {
            ZoneKind::Other
        } else if hint == Some(i) {
            title.push(i);
            ZoneKind::Title
        } else if dateline::inline(text, p.span).is_some() {
            break;
        } else if title_like(s, f)
            && ((title.is_empty() && hint.is_none())
                || (last_header == Some(ZoneKind::Title)
                    && (s.starts_with(char::is_lowercase)
                        || title.last().is_some_and(|&t| ends_open(paras[t].span.of(text)))
                        || hard_wrapped(text, paras, &title, i))))
        {
            // The title, or its continuation.
            title.push(i);
            ZoneKind::Title
        } else if matches!(last_header, Some(ZoneKind::Title | ZoneKind::Subtitle))
            && subtitles < 2
            && title_like(s, f)
            && !s.ends_with('.')
            && f.chars <= LIMITS.subtitle_chars
        {
            subtitles += 1;
            ZoneKind::Subtitle
        } else if contact_heading(s, f) || (f.contact && f.short) {
            ZoneKind::Contact
        } else if hint.is_some_and(|h| i < h) {
            ZoneKind::Other
        } else {
            break;
        };
        kinds[i] = kind;
        last_header = Some(kind);
        i += 1;
    }
    let lead = i;

    // The lead may open with a wire dateline.
    let mut inline_dl: Option<Found> = None;
    if lead < n && paras[lead].part.is_none_or(|p| p == Part::Body) {
        inline_dl = dateline::inline(text, paras[lead].span);
    }

    // 2. Body and tail.
    let mut mode = ZoneKind::Body;
    let mut body_start = lead;
    let footer_contact = footer_contact_runs(paras, &feats);
    for j in lead..n {
        let p = paras[j];
        if let Some(k) = part_kind(p.part) {
            kinds[j] = k;
            // A page footer that holds a phone number or an e-mail address
            // is the sender's contact block ("Телефон: …", "Email: …").
            if p.part == Some(Part::Footer) && footer_contact[j] {
                kinds[j] = ZoneKind::Contact;
            }
            continue;
        }
        let s = p.span.of(text);
        let f = feats[j];
        let kind = if is_end_mark(s) {
            mode = ZoneKind::Footer;
            ZoneKind::Footer
        } else if about_heading(s, &f) {
            mode = ZoneKind::About;
            ZoneKind::About
        } else if contact_heading(s, &f) {
            // A heading ("Media contacts:") or a line with a phone or an
            // email opens a contact block; a self-contained pointer ("For
            // more information, visit …") does not.
            let heading = s.trim_end().ends_with(':') || (f.words <= 4 && !f.prose);
            if heading || f.contact {
                mode = ZoneKind::Contact;
            }
            ZoneKind::Contact
        } else if footer_start(s, &f) {
            mode = ZoneKind::Footer;
            ZoneKind::Footer
        } else {
            match mode {
                ZoneKind::Contact if f.prose => {
                    mode = ZoneKind::About;
                    ZoneKind::About
                }
                ZoneKind::About if f.contact && f.short => {
                    mode = ZoneKind::Contact;
                    ZoneKind::Contact
                }
                ZoneKind::Contact if !contact_like(s, &f) => {
                    // Not a name, address or contact line: the block is over.
                    mode = ZoneKind::Body;
                    if is_quote(s) { ZoneKind::Quote } else { ZoneKind::Body }
                }
                ZoneKind::Contact | ZoneKind::About | ZoneKind::Footer => mode,
                _ if f.contact && f.short => {
                    // A headless signature block: take it back over the
                    // address lines and name lines above.
                    let mut k = j;
                    let mut names = 0;
                    while k > body_start && kinds[k - 1] == ZoneKind::Body {
                        let q = k - 1;
                        let qs = paras[q].span.of(text);
                        if address_like(qs, &feats[q]) && names == 0 {
                            k = q;
                        } else if name_line(qs, &feats[q]) && (names == 0 || !paras[k].blank_before) && names < 3 {
                            names += 1;
                            k = q;
                        } else {
                            break;
                        }
                    }
                    for kind in &mut kinds[k..j] {
                        *kind = ZoneKind::Contact;
                    }
                    mode = ZoneKind::Contact;
                    ZoneKind::Contact
                }
                _ if is_quote(s) && j > lead => ZoneKind::Quote,
                _ => ZoneKind::Body,
            }
        };
        kinds[j] = kind;
        if j == lead {
            if kind == ZoneKind::Body || kind == ZoneKind::Quote {
                kinds[j] = ZoneKind::Lead;
            } else {
                // No lead: the document goes straight to its tail.
                inline_dl = None;
            }
            body_start = j + 1;
        }
    }

    // The closing self-description of the sender ("Европейский Союз
    // включает в себя…", "Acme Corp. is a leading provider of…") is
    // boilerplate even without an "About" heading, when it is the last
    // paragraph of running text.
    if let Some(last) = (lead + 1..n).rev().find(|&j| matches!(kinds[j], ZoneKind::Body | ZoneKind::Quote))
        && kinds[last] == ZoneKind::Body
        && last > lead + 1
        && feats[last].prose
        && self_description(paras[last].span.of(text))
    {
        kinds[last] = ZoneKind::About;
    }

    // Output paragraphs, the lead split at its inline dateline.
    let mut out = Vec::with_capacity(n + 1);
    for (j, p) in paras.iter().enumerate() {
        if j == lead
            && let Some(d) = &inline_dl
        {
            out.push((d.span, ZoneKind::Dateline));
            let rest = Span::new(d.rest, p.span.end).trim(text);
            if !rest.is_empty() {
                out.push((rest, kinds[j]));
            }
            continue;
        }
        out.push((p.span, kinds[j]));
    }

    let title = (!title.is_empty()).then(|| {
        let mut t = String::new();
        for &i in &title {
            for w in paras[i].span.of(text).split_whitespace() {
                if !t.is_empty() {
                    t.push(' ');
                }
                t.push_str(w);
            }
        }
        t
    });
    let dateline = match (whole_dl, inline_dl) {
        (Some(w), Some(l)) => Some(Dateline { span: w.span, date: w.date.or(l.date), place: w.place.or(l.place) }),
        (Some(d), None) | (None, Some(d)) => Some(Dateline { span: d.span, date: d.date, place: d.place }),
        (None, None) => None,
    };
    let location = dateline.as_ref().and_then(|d| d.place).map(|p| dateline::normalize_place(p.of(text)));
    Layout { paras: out, title, dateline, location }
}

/// Zone of a DOCX part that is not body text.
/// For each paragraph: is it in a run of page-footer paragraphs that holds
/// a contact line? (One pass.)
fn footer_contact_runs(paras: &[Para], feats: &[Feat]) -> Vec<bool> {
    let mut out = vec![false; paras.len()];
    let mut s = 0;
    while s < paras.len() {
        if paras[s].part != Some(Part::Footer) {
            s += 1;
            continue;
        }
        let mut e = s;
        while e < paras.len() && paras[e].part == Some(Part::Footer) {
            e += 1;
        }
        let contact = (s..e).any(|k| feats[k].contact);
        out[s..e].fill(contact);
        s = e;
    }
    out
}

fn part_kind(part: Option<Part>) -> Option<ZoneKind> {
    match part? {
        Part::Header | Part::Footnote | Part::Endnote => Some(ZoneKind::Other),
        Part::Footer => Some(ZoneKind::Footer),
        Part::Body | Part::Table | Part::TextBox => None,
    }
}

/// The paragraph equal to the DOCX title (ignoring case, space and final
/// punctuation), among the first header paragraphs.
fn title_hint(text: &str, paras: &[Para], hint: &str) -> Option<usize> {
    let norm =
        |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches(['.', ':', ' ']).to_lowercase();
    let h = norm(hint);
    if h.chars().count() < LIMITS.title_hint_min_chars {
        return None;
    }
    paras.iter().take(HEADER_MAX).position(|p| {
        p.part.is_none_or(|k| k == Part::Body) && p.span.len() <= LIMITS.title_hint_bytes && norm(p.span.of(text)) == h
    })
}

/// Could be a headline: short, no final period, comma or colon, not a list
/// item, contact line or lower-case fragment.
fn title_like(s: &str, f: &Feat) -> bool {
    if f.chars > LIMITS.title_chars || f.words > LIMITS.title_words || f.contact || !s.chars().any(char::is_alphabetic)
    {
        return false;
    }
    let end = s.trim_end_matches(paragraphs::is_closer);
    let period = end.ends_with('.') && !end.ends_with("...") && !sentences::ends_with_abbreviation(end);
    if end.ends_with([',', ';', ':']) || period {
        return false;
    }
    !paragraphs::is_item(prefix(s, 16)) && !s.starts_with("http") && !s.starts_with("www.")
}

/// A headline line that cannot end there: it ends with a preposition,
/// article or conjunction ("Justice Department Enters into Memorandum of"),
/// or a compound adjective ("…in Connection with Costa Rica-Based").
fn ends_open(s: &str) -> bool {
    const OPEN: &[&str] = &[
        "of", "for", "with", "to", "in", "on", "and", "or", "the", "a", "an", "by", "from", "at", "as", "into",
        "against", "over", "under", "about", "after", "between", "its", "their", "his", "her", "и", "или", "в", "во",
        "на", "по", "с", "со", "о", "об", "для", "к", "от", "из", "за", "при", "а", "но",
    ];
    let last = s.rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
    // A compound adjective cannot end a headline either ("…Costa Rica-Based").
    const OPEN_SUFFIX: &[&str] = &["-based", "-related", "-owned", "-led", "-backed", "-funded"];
    (last.len() <= 8 && OPEN.contains(&last.as_str())) || OPEN_SUFFIX.iter().any(|x| last.ends_with(x))
}

/// A headline hard-wrapped over two or three lines: line `i` follows the
/// last title line with no blank line between, and both are written in the
/// same headline style (both in capitals, or both in English title case),
/// so it is the same headline, not a subtitle (a subtitle is set off by a
/// blank line) nor the lead (prose is not title-like). At most three
/// lines and 300 characters in all.
fn hard_wrapped(text: &str, paras: &[Para], title: &[usize], i: usize) -> bool {
    let Some(&last) = title.last() else { return false };
    let p = paras[i];
    if p.blank_before || p.part.is_some() || last + 1 != i || title.len() >= 3 {
        return false;
    }
    let total: usize = title.iter().map(|&t| paras[t].span.len()).sum::<usize>() + p.span.len();
    if total > LIMITS.title_total_bytes {
        return false;
    }
    match (headline_style(paras[last].span.of(text)), headline_style(p.span.of(text))) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeadlineStyle {
    /// No lower-case letter ("SEN. BURR APPLAUDS …").
    Caps,
    /// English title case: every word of four letters or more starts with
    /// a capital ("Former Executive Who Was Extradited to United States").
    Title,
}

fn headline_style(s: &str) -> Option<HeadlineStyle> {
    if !s.chars().any(char::is_lowercase) {
        return s.chars().any(char::is_uppercase).then_some(HeadlineStyle::Caps);
    }
    let mut long = 0;
    for w in s.split_whitespace() {
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else { continue };
        if !first.is_alphabetic() || !first.is_ascii() {
            // Digits, "$17", or a non-Latin word: no English title case.
            if !first.is_ascii() {
                return None;
            }
            continue;
        }
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            if first.is_lowercase() {
                // Prepositions and conjunctions stay lower case in title case.
                const MINOR: &[&str] = &[
                    "with", "from", "into", "over", "upon", "that", "than", "onto", "about", "after", "under",
                    "against", "between", "through", "during", "without", "within", "amid", "among", "versus", "when",
                    "where", "while", "before", "across", "toward", "towards", "since", "until",
                ];
                let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                if !MINOR.contains(&bare) {
                    return None;
                }
                continue;
            }
            long += 1;
        }
    }
    (long >= 1).then_some(HeadlineStyle::Title)
}

/// Release furniture above the title.
fn is_furniture(s: &str) -> bool {
    if s.len() > LIMITS.furniture_bytes {
        return false;
    }
    let l = s.to_lowercase();
    let core = l.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | '-' | '–' | '—' | '*' | '|'));
    const EXACT: &[&str] = &[
        "press release",
        "news release",
        "media release",
        "joint press release",
        "for immediate release",
        "immediate release",
        "news",
        "media advisory",
        "news advisory",
        "advisory",
        "statement",
        "пресс-релиз",
        "пресс релиз",
        "совместный пресс-релиз",
        "сообщение для сми",
        "информационное сообщение",
        "для немедленной публикации",
        "для немедленного распространения",
        "новости",
        "анонс",
    ];
    const START: &[&str] = &["for immediate release", "embargoed", "embargo:", "под эмбарго", "не для публикации до"];
    EXACT.contains(&core)
        || START.iter().any(|x| core.starts_with(x))
        || (core.starts_with("[image:") && core.ends_with(']'))
}

/// "###", "# # #", "-30-", "- END -", "ENDS", "Конец".
fn is_end_mark(s: &str) -> bool {
    if s.len() > LIMITS.end_mark_bytes {
        return false;
    }
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let core = t.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | '#' | '*' | '='));
    if core.is_empty() {
        return t.chars().filter(|&c| c == '#').count() >= 3;
    }
    (core == "30" && core.len() < t.len()) || matches!(core, "END" | "ENDS" | "КОНЕЦ")
}

/// "About Acme", "О компании", "Справка", "Notes to editors".
fn about_heading(s: &str, f: &Feat) -> bool {
    if f.chars > LIMITS.about_heading_chars || f.words > LIMITS.about_heading_words || f.prose {
        return false;
    }
    let l = s.to_lowercase();
    let l = l.trim_end_matches([':', '.', ' ']);
    const START: &[&str] = &[
        "notes to editors",
        "note to editors",
        "notes for editors",
        "note for editors",
        "editor's note",
        "editors' note",
        "editor’s note",
        "справка",
        "справочная информация",
        "для справки",
        "историческая справка",
        "о компании",
        "о нас",
        "об организации",
        "примечание для редакторов",
        "примечания для редакторов",
        "примечание для редакции",
        "информация для редакторов",
        "для редакторов",
    ];
    if START.iter().any(|x| l.starts_with(x)) {
        return true;
    }
    // "About Acme", "ABOUT THE DEPARTMENT", "О Банке России", "Об «Альфе»".
    for (prefix, min_words) in [("about ", 2), ("о ", 2), ("об ", 2)] {
        if let Some(rest) = s.get(prefix.len()..)
            && s[..prefix.len()].to_lowercase() == prefix
            && rest.starts_with(|c: char| c.is_uppercase() || matches!(c, '«' | '"' | '“'))
            && f.words >= min_words
        {
            return true;
        }
    }
    false
}

/// "Contact:", "Media contacts", "Контакты для СМИ", "For more information…".
fn contact_heading(s: &str, f: &Feat) -> bool {
    if f.chars > LIMITS.contact_heading_chars {
        return false;
    }
    let l = prefix(s, 160).to_lowercase();
    // Unmistakable: a line of at most 300 chars opening with these is about
    // whom to contact ("For more information about the ADA, call …").
    const STRONG: &[&str] = &[
        "contact:",
        "contacts:",
        "contact information",
        "media contact",
        "press contact",
        "media inquiries",
        "media enquiries",
        "press inquiries",
        "press enquiries",
        "for more information",
        "for further information",
        "for additional information",
        "investor contact",
        "investor relations contact",
        "контакты для сми",
        "контактная информация",
        "контактное лицо",
        "контактные лица",
        "для получения дополнительной информации",
        "за дополнительной информацией",
        "более подробную информацию",
        "более подробная информация",
        "дополнительную информацию можно",
    ];
    // These also open ordinary sentences ("Для СМИ организована
    // экскурсия…"): only as a short heading, or with a colon.
    const WEAK: &[&str] = &[
        "contact info",
        "contacts",
        "press office",
        "контакты",
        "контакт:",
        "для сми",
        "по вопросам сми",
        "пресс-служба",
        "пресс-центр",
        "дополнительная информация",
    ];
    if STRONG.iter().any(|x| l.starts_with(x)) && f.chars <= LIMITS.contact_heading_strong_chars {
        return true;
    }
    let colon = l.chars().take(48).any(|c| c == ':');
    WEAK.iter().any(|x| l.starts_with(x)) && (f.short || f.contact || colon)
}

/// Page furniture and legal lines that start the footer.
fn footer_start(s: &str, f: &Feat) -> bool {
    let l = prefix(s, 300).to_lowercase();
    const LABELS: &[&str] = &[
        "attachment(s):",
        "attachments:",
        "attachment:",
        "topic(s):",
        "topics:",
        "component(s):",
        "components:",
        "press release number:",
        "related materials:",
        "related links:",
        "related:",
        "tags:",
        "теги:",
        "метки:",
        "keywords:",
        "ключевые слова:",
        "share:",
        "поделиться:",
        "source:",
        "источник:",
    ];
    if f.chars <= LIMITS.footer_label_chars && LABELS.iter().any(|x| l.starts_with(x)) {
        return true;
    }
    const LEGAL_START: &[&str] = &[
        "copyright",
        "(c) ",
        "forward-looking statements",
        "forward looking statements",
        "safe harbor",
        "cautionary note",
        "disclaimer",
        "при использовании материал",
        "при перепечатке",
        "при цитировании",
    ];
    LEGAL_START.iter().any(|x| l.starts_with(x))
        || (f.chars <= LIMITS.legal_chars
            && (l.contains('©')
                || l.contains("all rights reserved")
                || l.contains("все права защищены")
                || (l.contains("ссылка на") && l.contains("обязательна"))))
}

/// Opens with a quotation mark or a dialogue dash.
/// Does a paragraph open with a name and a defining verb ("Европейский
/// Союз включает в себя…", "Банк России является…", "Acme Corp. is a
/// leading…")? The name: up to 8 words before the verb, the first one
/// capitalized and not a pronoun; in Russian at least two capitalized
/// words or an acronym (a sentence-initial common noun is too common), in
/// English title case.
fn self_description(s: &str) -> bool {
    const VERBS: &[&str] = &[
        " является ",
        " являются ",
        " включает в себя ",
        " объединяет ",
        " представляет собой ",
        " — это ",
        " – это ",
        " был создан ",
        " была создана ",
        " было создано ",
        " основан ",
        " основана ",
        " основано ",
        " учрежден ",
        " учреждена ",
        " is a ",
        " is an ",
        " is the ",
        " is one of ",
        " was founded ",
        " was established ",
        " was created ",
        " comprises ",
        " consists of ",
        " is made up of ",
    ];
    const NOT_NAMES: &[&str] = &[
        "This",
        "That",
        "These",
        "Those",
        "It",
        "There",
        "Here",
        "He",
        "She",
        "They",
        "We",
        "Our",
        "His",
        "Her",
        "Its",
        "Their",
        "What",
        "Which",
        "Who",
        "Each",
        "Every",
        "Это",
        "Этот",
        "Эта",
        "Эти",
        "Он",
        "Она",
        "Оно",
        "Они",
        "Мы",
        "Наш",
        "Наша",
        "Данный",
        "Данная",
        "Каждый",
        "Такой",
        "Такая",
    ];
    let head = prefix(s, 200);
    let Some(at) = VERBS.iter().filter_map(|v| head.find(v)).min() else { return false };
    let name = &head[..at];
    let words: Vec<&str> = name.split_whitespace().collect();
    // A sentence end before the verb means the name is not the subject;
    // short abbreviations ("Corp.", "Inc.", "U.S.") are fine.
    let sentence_end = words.iter().any(|w| w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() > 4);
    if words.is_empty() || words.len() > 8 || sentence_end || name.contains(['!', '?', ':', ';']) {
        return false;
    }
    let first = words[0];
    if !first.chars().next().is_some_and(char::is_uppercase) || NOT_NAMES.contains(&first) {
        return false;
    }
    let caps = |w: &&str| w.trim_start_matches(['"', '«', '(']).chars().next().is_some_and(char::is_uppercase);
    let acronym = |w: &&str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let cyrillic = name.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'));
    if first == "The" {
        return words.get(1).is_some_and(caps);
    }
    if cyrillic {
        words.iter().filter(|w| caps(w)).count() >= 2 || words.iter().any(acronym)
    } else {
        // An English name is in title case ("Acme Corp.", "Bank of America").
        words.iter().all(|w| caps(w) || matches!(*w, "of" | "and" | "&" | "for" | "the" | "de" | "on" | "in"))
    }
}

fn is_quote(s: &str) -> bool {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some('"' | '“' | '«' | '„' | '‘'), Some(c)) => !c.is_whitespace(),
        (Some('—' | '–'), Some(' ')) => cs.next().is_some_and(char::is_uppercase),
        _ => false,
    }
}

/// A postal-address line: a street word, or digits with a comma
/// ("Бишкек, 720040, Кыргызская Республика").
fn address_like(s: &str, f: &Feat) -> bool {
    if !f.short || f.chars > LIMITS.address_line_chars {
        return false;
    }
    let l = s.to_lowercase();
    const STREET: &[&str] = &[
        "ул.",
        "улица",
        "пр.",
        "просп",
        "пер.",
        "переулок",
        "бульвар",
        "б-р",
        "шоссе",
        "наб.",
        "набережная",
        "пл.",
        "площадь",
        "офис",
        "street",
        "st.",
        "avenue",
        "ave.",
        "road",
        "rd.",
        "boulevard",
        "blvd",
        "suite",
        "floor",
        "p.o. box",
        "po box",
        "а/я",
    ];
    let digits = s.chars().any(|c| c.is_ascii_digit());
    (digits && s.contains(',')) || STREET.iter().any(|w| l.contains(w))
}

/// A line that can belong to a contact block: a phone or email line, an
/// address, a name or position, a labelled field, a web address, or a
/// single word (a URL's broken-off end).
fn contact_like(s: &str, f: &Feat) -> bool {
    f.contact
        || address_like(s, f)
        || name_line(s, f)
        || (f.short && (paragraphs::is_field(prefix(s, 160)) || s.contains("http") || s.contains("www.")))
        || f.words == 1
}

/// A name, position or organisation line of a signature block.
fn name_line(s: &str, f: &Feat) -> bool {
    f.short
        && f.chars <= LIMITS.name_line_chars
        && f.words <= LIMITS.name_line_words
        && !paragraphs::ends_sentence(s)
        && s.starts_with(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_marks() {
        for s in ["###", "# # #", "-30-", "- 30 -", "- END -", "END", "-ends-", "Конец"] {
            assert!(is_end_mark(s), "{s}");
        }
        for s in ["30", "---", "The end.", "***"] {
            assert!(!is_end_mark(s), "{s}");
        }
    }

    #[test]
    fn headings() {
        let about = |s: &str| about_heading(s, &Feat::new(s));
        assert!(about("About Acme Corp."));
        assert!(about("ABOUT THE DEPARTMENT OF JUSTICE"));
        assert!(about("О компании"));
        assert!(self_description("Европейский Союз включает в себя 28 государств-членов, объединивших достижения."));
        assert!(self_description("Банк России является центральным банком Российской Федерации."));
        assert!(self_description("Acme Corp. is a leading provider of widgets."));
        assert!(self_description("MMCDC is a nonprofit organization."));
        assert!(self_description("The European Union is made up of 27 member states."));
        assert!(!self_description("Программа является частью большой работы."));
        assert!(!self_description("Return preparer fraud is one of the scams of 2013."));
        assert!(!self_description("This is a joint investigation by the FBI."));
        assert!(!self_description("The case is being prosecuted by Assistant U.S. Attorney John Doe."));
        assert!(about("О Банке России"));
        assert!(about("Справка:"));
        assert!(about("Notes to editors"));
        assert!(!about("About 50 people attended the meeting and voted."));
        assert!(!about("О ключевой ставке"));
        let contact = |s: &str| contact_heading(s, &Feat::new(s));
        assert!(contact("Contact: Jennifer O'Shea, 202/224-6830."));
        assert!(contact("Контакты для СМИ"));
        assert!(contact("For more information about Cantwell's work visit: http://cantwell.senate.gov/"));
        assert!(!contact(
            "Для СМИ организована экскурсия по предприятию, в ходе которой журналисты увидят новые цеха и склады."
        ));
    }

    #[test]
    fn furniture() {
        assert!(is_furniture("PRESS RELEASE"));
        assert!(is_furniture("For Immediate Release"));
        assert!(is_furniture("Пресс-релиз"));
        assert!(is_furniture("[image: logo.png]"));
        assert!(!is_furniture("Press release distribution grows"));
        assert!(ends_open("Justice Department Enters into Memorandum of"));
        assert!(ends_open("Two Securities Broker-Dealers Indicted for"));
        assert!(!ends_open("Justice Department Reaches Agreement with California"));
    }
}
