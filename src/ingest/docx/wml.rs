//! WordprocessingML → text: renders one story part (the main document, a
//! header, a footer, the footnotes or the endnotes) in one streaming pass.
//!
//! The layout (documented in DESIGN.md, "DOCX rendering"): block items of a
//! container (the part, a table cell, a text box) are separated by `\n`; a
//! paragraph is one item, a table row is one item whose cells are separated
//! by `\t`; a text box's items follow the paragraph that anchors it.
//! Kept: runs of `w:t`, tabs, breaks, hyperlink and field *results*,
//! insertions, content-control content, one branch of each
//! `mc:AlternateContent`. Dropped: deletions and move sources, field
//! instructions, hidden (`w:vanish`) runs, ruby guides, footnote/comment
//! reference marks, list numbers, images.
//!
//! It does not read other parts (the caller resolves relationships and
//! header/footer references) and never recurses, so nesting depth costs
//! heap, not stack.

use super::package::Rels;
use super::xml::{self, Ns};
use crate::document::{Block, Link, Part};
use crate::span::Span;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Which story a part holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Main,
    Header,
    Footer,
    Footnotes,
    Endnotes,
}

/// Rendered text with its blocks and links (spans relative to `text`).
#[derive(Debug, Default)]
pub(super) struct Out {
    pub text: String,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
}

impl Out {
    /// Appends `other` at the end of `self`, shifting its spans.
    pub(super) fn append(&mut self, other: Out) {
        let d = self.text.len();
        self.text.push_str(&other.text);
        let shift = |s: Span| Span::new(s.start + d, s.end + d);
        self.blocks.extend(other.blocks.into_iter().map(|b| Block { span: shift(b.span), part: b.part }));
        self.links.extend(other.links.into_iter().map(|l| Link { span: shift(l.span), target: l.target }));
    }

    pub(super) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A `w:headerReference` / `w:footerReference` of a section, in document
/// order.
#[derive(Clone, Debug)]
pub(super) struct HdrFtrRef {
    pub footer: bool,
    pub rid: String,
}

/// Why a part could not be rendered.
#[derive(Debug)]
pub(super) enum PartError {
    /// Malformed XML (a message for `BadDocx`).
    Bad(String),
    /// Well-formed, but its root element (named here) is not the one a
    /// WordprocessingML part of this kind has.
    NotWml(String),
}

/// Renders an imported chunk (`w:altChunk r:id`) as blocks of the given
/// part, or `None` when it cannot be read.
pub(super) type Chunks<'c> = &'c mut dyn FnMut(&str, Part) -> Option<Out>;

/// Renders one part. `rels` are the part's own relationships (hyperlink
/// targets); `chunks` reads imported chunks.
pub(super) fn render(
    xml: &str,
    kind: Kind,
    rels: &Rels,
    chunks: Chunks<'_>,
) -> Result<(Out, Vec<HdrFtrRef>), PartError> {
    let mut r = Renderer {
        kind,
        names: xml::Names::default(),
        rels,
        chunks,
        stack: Vec::with_capacity(32),
        levels: vec![Level::new()],
        fields: Vec::new(),
        instr_fields: 0,
        links: Vec::new(),
        refs: Vec::new(),
    };
    let mut reader = xml::reader(xml);
    r.run(&mut reader).map_err(|e| match e {
        Stop::Xml(e) => PartError::Bad(format!("{} (at byte {})", xml::describe(&e), reader.buffer_position())),
        Stop::Msg(m) => PartError::Bad(m),
        Stop::Root(name) => PartError::NotWml(name),
    })?;
    let mut level = r.levels.swap_remove(0);
    level.out.text.shrink_to_fit();
    Ok((level.out, r.refs))
}

enum Stop {
    Xml(quick_xml::Error),
    Msg(String),
    Root(String),
}

impl From<quick_xml::Error> for Stop {
    fn from(e: quick_xml::Error) -> Stop {
        Stop::Xml(e)
    }
}

/// What an open element means to the renderer (one per open element that
/// is not being skipped).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Other,
    /// `w:p`; `open` when it opened a paragraph (a `w:p` directly inside
    /// another is malformed and its text joins the outer one).
    P {
        open: bool,
    },
    PPr,
    R,
    RPr,
    T,
    InstrText,
    Tr {
        row: bool,
    },
    Tc {
        cell: bool,
    },
    Hyperlink,
    /// `w:fldSimple`, with the field-stack length to restore at its end.
    FldSimple(usize),
    TxbxContent,
    /// `mc:AlternateContent`: whether a branch was taken already.
    Alt {
        taken: bool,
    },
}

/// Containers inside one level: the level itself and table cells hold
/// items; a row holds cells.
#[derive(Clone, Copy, Debug)]
enum Frame {
    Items { any: bool },
    Row { cells: u32 },
}

/// One output being written: the part itself, or a text box (level > 0),
/// whose text is appended after the paragraph anchoring it.
struct Level {
    out: Out,
    frames: Vec<Frame>,
    /// Start of the open paragraph's text.
    para: Option<usize>,
    /// Text boxes anchored in the open paragraph.
    boxes: Vec<Out>,
    /// The current run is hidden (`w:vanish`).
    hidden: bool,
    /// The open paragraph's mark is deleted (tracked change): it merges
    /// with the next paragraph.
    mark_deleted: bool,
    /// The open paragraph continues into the next `w:p`.
    joined: bool,
}

impl Level {
    fn new() -> Level {
        Level {
            out: Out::default(),
            frames: vec![Frame::Items { any: false }],
            para: None,
            boxes: Vec::new(),
            hidden: false,
            mark_deleted: false,
            joined: false,
        }
    }
}

/// A complex (`w:fldChar`) or simple (`w:fldSimple`) field.
struct Field {
    instr: String,
    /// Past `separate`: its runs are the displayed result.
    result: bool,
    /// Level and text position where the result starts.
    start: (usize, usize),
}

struct OpenLink {
    level: usize,
    start: usize,
    target: Option<String>,
}

struct Renderer<'r> {
    kind: Kind,
    names: xml::Names,
    rels: &'r Rels,
    chunks: Chunks<'r>,
    stack: Vec<Tag>,
    levels: Vec<Level>,
    fields: Vec<Field>,
    /// Fields still in their instruction part: text is suppressed while
    /// this is non-zero.
    instr_fields: usize,
    links: Vec<OpenLink>,
    refs: Vec<HdrFtrRef>,
}

/// Longest field instruction kept (only `HYPERLINK` ones are read).
const MAX_INSTR: usize = 4096;

impl Renderer<'_> {
    fn run(&mut self, reader: &mut Reader<&[u8]>) -> Result<(), Stop> {
        let mut depth = 0usize;
        // Depth of the subtree being skipped (0 = not skipping).
        let mut skip = 0usize;
        loop {
            match reader.read_event()? {
                Event::Start(e) => {
                    depth += 1;
                    self.names.open(&e);
                    if depth == 1 {
                        self.check_root(&e)?;
                    }
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    match self.start(&e, false) {
                        Some(tag) => self.stack.push(tag),
                        None => skip = 1,
                    }
                }
                Event::Empty(e) => {
                    self.names.open(&e);
                    if depth == 0 {
                        self.check_root(&e)?;
                    }
                    if skip == 0 {
                        self.start(&e, true);
                    }
                    self.names.close();
                }
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    self.names.close();
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    if let Some(tag) = self.stack.pop() {
                        self.end(tag);
                    }
                }
                Event::Text(t) => {
                    if skip == 0 {
                        match self.stack.last() {
                            Some(Tag::T) => self.text(&t.xml10_content()),
                            Some(Tag::InstrText) => self.instr(&t.xml10_content()),
                            _ => {}
                        }
                    }
                }
                Event::CData(t) => {
                    if skip == 0 && self.stack.last() == Some(&Tag::T) {
                        self.text(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    let ch = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        Ok(None) => match &*r {
                            "lt" => '<',
                            "gt" => '>',
                            "amp" => '&',
                            "apos" => '\'',
                            "quot" => '"',
                            other => return Err(Stop::Msg(format!("undefined entity &{other};"))),
                        },
                        Err(e) => return Err(Stop::Msg(format!("bad character reference: {e}"))),
                    };
                    if skip == 0 {
                        let mut buf = [0u8; 4];
                        match self.stack.last() {
                            Some(Tag::T) => self.text(ch.encode_utf8(&mut buf)),
                            Some(Tag::InstrText) => self.instr(ch.encode_utf8(&mut buf)),
                            _ => {}
                        }
                    }
                }
                Event::DocType(_) => return Err(Stop::Msg(xml::DOCTYPE.into())),
                Event::Eof => {
                    if depth > 0 {
                        return Err(Stop::Msg(format!("truncated XML ({depth} elements left open)")));
                    }
                    self.settle();
                    return Ok(());
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            }
        }
    }

    /// The root element must be the one of this kind of part: a
    /// spreadsheet or presentation named as the main part is not a DOCX.
    fn check_root(&self, e: &BytesStart<'_>) -> Result<(), Stop> {
        let want: &[&str] = match self.kind {
            Kind::Main => &["document"],
            Kind::Header => &["hdr"],
            Kind::Footer => &["ftr"],
            Kind::Footnotes => &["footnotes"],
            Kind::Endnotes => &["endnotes"],
        };
        match self.names.element(e) {
            (Ns::W, local) if want.contains(&local) => Ok(()),
            _ => Err(Stop::Root(e.name().as_ref().to_owned())),
        }
    }

    fn level(&mut self) -> &mut Level {
        let i = self.levels.len() - 1;
        &mut self.levels[i]
    }

    fn parent_is(&self, tag: Tag) -> bool {
        self.stack.last() == Some(&tag)
    }

    /// Handles a start or empty element. Returns the tag to push for a
    /// start element, or `None` to skip its subtree.
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Option<Tag> {
        let (ns, local) = self.names.element(e);
        match ns {
            Ns::W => {}
            Ns::Mc => return self.start_mc(local, empty),
            _ => return Some(Tag::Other),
        }
        if local == "tr" || local == "tc" {
            // A paragraph merged by a deleted mark ends before a table.
            self.settle();
        }
        let tag = match local {
            "p" => {
                if empty {
                    if self.level().joined {
                        self.level().joined = false;
                        self.close_para();
                    } else {
                        self.begin_item();
                    }
                    return None;
                }
                let lv = self.level();
                if lv.para.is_some() && lv.joined {
                    lv.joined = false;
                    Tag::P { open: true }
                } else if lv.para.is_some() {
                    Tag::P { open: false }
                } else {
                    self.begin_item();
                    let lv = self.level();
                    lv.para = Some(lv.out.text.len());
                    lv.mark_deleted = false;
                    Tag::P { open: true }
                }
            }
            "pPr" if matches!(self.stack.last(), Some(Tag::P { .. })) => Tag::PPr,
            "r" => {
                self.level().hidden = false;
                Tag::R
            }
            "rPr" => Tag::RPr,
            "t" => Tag::T,
            "instrText" => Tag::InstrText,
            // Deleted text, moved-away text, ruby guide text: skipped. Inside
            // run properties these are markers: a deleted paragraph mark.
            "del" | "moveFrom" => {
                let n = self.stack.len();
                if n >= 2 && self.stack[n - 1] == Tag::RPr && self.stack[n - 2] == Tag::PPr {
                    self.level().mark_deleted = true;
                }
                return None;
            }
            "rt" | "delText" | "delInstrText" => return None,
            "vanish" | "specVanish" => {
                let n = self.stack.len();
                if n >= 2 && self.stack[n - 1] == Tag::RPr && self.stack[n - 2] == Tag::R {
                    let off = self.names.attr(e, Ns::W, "val").is_some_and(|v| is_false(&v));
                    self.level().hidden = !off;
                }
                Tag::Other
            }
            "tab" | "ptab" if self.parent_is(Tag::R) => {
                self.emit("\t");
                Tag::Other
            }
            "br" | "cr" if self.parent_is(Tag::R) => {
                self.emit("\n");
                Tag::Other
            }
            "noBreakHyphen" if self.parent_is(Tag::R) => {
                self.emit("-");
                Tag::Other
            }
            "fldChar" => {
                if let Some(t) = self.names.attr(e, Ns::W, "fldCharType") {
                    self.fld_char(&t);
                }
                Tag::Other
            }
            "fldSimple" => {
                let instr = self.names.attr(e, Ns::W, "instr").map(|s| s.into_owned()).unwrap_or_default();
                if empty {
                    return None;
                }
                let mark = self.fields.len();
                let start = self.pos();
                self.fields.push(Field { instr, result: true, start });
                Tag::FldSimple(mark)
            }
            "hyperlink" if !empty => {
                let url = self
                    .names
                    .attr(e, Ns::R, "id")
                    .and_then(|id| self.rels.get(&id))
                    .filter(|rel| rel.external)
                    .map(|rel| rel.target.trim().to_owned());
                let anchor = self.names.attr(e, Ns::W, "anchor");
                let target = match (url, anchor) {
                    (Some(u), Some(a)) if !a.is_empty() => Some(format!("{u}#{a}")),
                    (Some(u), _) if !u.is_empty() => Some(u),
                    _ => None,
                };
                let (level, start) = self.pos();
                self.links.push(OpenLink { level, start, target });
                Tag::Hyperlink
            }
            "tr" if !empty && self.level().para.is_none() => {
                self.begin_item();
                self.level().frames.push(Frame::Row { cells: 0 });
                Tag::Tr { row: true }
            }
            "tc" => {
                let lv = self.level();
                match lv.frames.last_mut() {
                    Some(Frame::Row { cells }) => {
                        if *cells > 0 {
                            lv.out.text.push('\t');
                        }
                        *cells += 1;
                        if empty {
                            return None;
                        }
                        lv.frames.push(Frame::Items { any: false });
                        Tag::Tc { cell: true }
                    }
                    _ => Tag::Tc { cell: false },
                }
            }
            "txbxContent" if !empty => {
                self.levels.push(Level::new());
                Tag::TxbxContent
            }
            // An imported chunk (HTML, text) is a block item of its own.
            "altChunk" => {
                self.settle();
                if self.level().para.is_none()
                    && let Some(rid) = self.names.attr(e, Ns::R, "id")
                {
                    let part = self.block_part();
                    if let Some(out) = (self.chunks)(&rid, part).filter(|o| !o.is_blank()) {
                        self.begin_item();
                        self.level().out.append(out);
                    }
                }
                return None;
            }
            "headerReference" | "footerReference" if self.kind == Kind::Main => {
                if let Some(rid) = self.names.attr(e, Ns::R, "id") {
                    self.refs.push(HdrFtrRef { footer: local == "footerReference", rid: rid.into_owned() });
                }
                Tag::Other
            }
            "footnote" | "endnote" => {
                let sep = self
                    .names
                    .attr(e, Ns::W, "type")
                    .is_some_and(|t| matches!(&*t, "separator" | "continuationSeparator" | "continuationNotice"));
                if sep {
                    return None;
                }
                Tag::Other
            }
            _ => Tag::Other,
        };
        Some(tag)
    }

    fn start_mc(&mut self, local: &str, empty: bool) -> Option<Tag> {
        match local {
            "AlternateContent" => Some(Tag::Alt { taken: false }),
            // Every branch renders the same content in another technology
            // (e.g. a DrawingML and a VML text box): take the first only.
            "Choice" | "Fallback" => match self.stack.last_mut() {
                Some(Tag::Alt { taken }) => {
                    if *taken {
                        None
                    } else {
                        *taken = true;
                        if empty { None } else { Some(Tag::Other) }
                    }
                }
                _ => Some(Tag::Other),
            },
            _ => Some(Tag::Other),
        }
    }

    fn end(&mut self, tag: Tag) {
        match tag {
            Tag::P { open: true } => {
                let lv = self.level();
                if lv.mark_deleted {
                    lv.mark_deleted = false;
                    lv.joined = true;
                } else {
                    self.close_para();
                }
            }
            Tag::Tr { row: true } => {
                self.settle();
                let lv = self.level();
                if lv.frames.len() > 1 {
                    lv.frames.pop();
                }
            }
            Tag::Tc { cell: true } => {
                self.settle();
                let lv = self.level();
                if lv.frames.len() > 1 {
                    lv.frames.pop();
                }
            }
            Tag::Hyperlink => {
                if let Some(l) = self.links.pop()
                    && let Some(target) = l.target
                {
                    self.link(l.level, l.start, target);
                }
            }
            Tag::FldSimple(mark) => {
                let mut rest = self.fields.split_off(mark.min(self.fields.len()));
                self.instr_fields -= rest.iter().filter(|f| !f.result).count();
                if !rest.is_empty() {
                    let f = rest.swap_remove(0);
                    self.field_link(f);
                }
            }
            Tag::TxbxContent => {
                self.settle();
                if self.levels.len() > 1 {
                    let Some(tb) = self.levels.pop() else { return };
                    let out = tb.out;
                    let lv = self.level();
                    if lv.para.is_some() {
                        lv.boxes.push(out);
                    } else if !out.is_blank() {
                        self.begin_item();
                        self.level().out.append(out);
                    }
                }
            }
            _ => {}
        }
    }

    /// Current level and text position.
    fn pos(&self) -> (usize, usize) {
        let i = self.levels.len() - 1;
        (i, self.levels[i].out.text.len())
    }

    /// Starts a block item (paragraph or row) in the current container.
    fn begin_item(&mut self) {
        let lv = self.level();
        if let Some(Frame::Items { any }) = lv.frames.last_mut() {
            if *any {
                lv.out.text.push('\n');
            }
            *any = true;
        }
    }

    /// Closes a paragraph left open by a deleted paragraph mark before
    /// anything else starts.
    fn settle(&mut self) {
        if self.level().joined {
            self.level().joined = false;
            self.close_para();
        }
    }

    fn block_part(&self) -> Part {
        match self.kind {
            Kind::Header => Part::Header,
            Kind::Footer => Part::Footer,
            Kind::Footnotes => Part::Footnote,
            Kind::Endnotes => Part::Endnote,
            Kind::Main if self.levels.len() > 1 => Part::TextBox,
            Kind::Main if self.levels[self.levels.len() - 1].frames.len() > 1 => Part::Table,
            Kind::Main => Part::Body,
        }
    }

    fn close_para(&mut self) {
        let part = self.block_part();
        let lv = self.level();
        let Some(start) = lv.para.take() else { return };
        let end = lv.out.text.len();
        if !lv.out.text[start..end].trim().is_empty() {
            lv.out.blocks.push(Block { span: Span::new(start, end), part });
        }
        for b in std::mem::take(&mut lv.boxes) {
            if !b.is_blank() {
                lv.out.text.push('\n');
                lv.out.append(b);
            }
        }
    }

    /// Appends displayed text: only inside a paragraph, outside field
    /// instructions and hidden runs. Line breaks inside `w:t` are
    /// formatting of the XML, not of the document: they become spaces;
    /// other control characters are dropped.
    fn text(&mut self, s: &str) {
        let Some(out) = self.sink() else { return };
        if s.bytes().all(|b| b >= 0x20) {
            out.push_str(s);
            return;
        }
        for c in s.chars() {
            match c {
                '\t' | '\n' | '\r' => out.push(' '),
                c if (c as u32) < 0x20 => {}
                c => out.push(c),
            }
        }
    }

    /// Appends a tab, break or hyphen, under the same conditions as text.
    fn emit(&mut self, s: &str) {
        if let Some(out) = self.sink() {
            out.push_str(s);
        }
    }

    /// Where displayed text goes now, if anywhere.
    fn sink(&mut self) -> Option<&mut String> {
        if self.instr_fields > 0 {
            return None;
        }
        let lv = self.level();
        if lv.hidden || lv.para.is_none() {
            return None;
        }
        Some(&mut lv.out.text)
    }

    fn instr(&mut self, s: &str) {
        if let Some(f) = self.fields.last_mut()
            && !f.result
            && f.instr.len() < MAX_INSTR
        {
            f.instr.push_str(s);
        }
    }

    fn fld_char(&mut self, kind: &str) {
        match kind {
            "begin" => {
                self.fields.push(Field { instr: String::new(), result: false, start: (0, 0) });
                self.instr_fields += 1;
            }
            "separate" => {
                let start = self.pos();
                if let Some(f) = self.fields.last_mut()
                    && !f.result
                {
                    f.result = true;
                    f.start = start;
                    self.instr_fields -= 1;
                }
            }
            "end" => {
                if let Some(f) = self.fields.pop() {
                    if f.result {
                        self.field_link(f);
                    } else {
                        self.instr_fields -= 1;
                    }
                }
            }
            _ => {}
        }
    }

    /// A `HYPERLINK` field becomes a link over its result.
    fn field_link(&mut self, f: Field) {
        if f.result
            && let Some(target) = hyperlink_target(&f.instr)
        {
            self.link(f.start.0, f.start.1, target);
        }
    }

    /// Records a link from `start` to the current position of `level`,
    /// trimmed of white space; dropped when its text is empty or it did not
    /// end in the level it started in.
    fn link(&mut self, level: usize, start: usize, target: String) {
        if level != self.levels.len() - 1 {
            return;
        }
        let out = &mut self.levels[level].out;
        let end = out.text.len();
        if start > end {
            return;
        }
        let span = Span::new(start, end).trim(&out.text);
        if !span.is_empty() {
            out.links.push(Link { span, target });
        }
    }
}

fn is_false(v: &str) -> bool {
    matches!(v, "0" | "false" | "off")
}

/// The URL of a `HYPERLINK` field instruction (`HYPERLINK "url" \l
/// "anchor" \o "tip"`), or `None` for other fields and in-document links.
pub(super) fn hyperlink_target(instr: &str) -> Option<String> {
    let s = instr.trim_start();
    let head = s.get(..9)?;
    if !head.eq_ignore_ascii_case("HYPERLINK") {
        return None;
    }
    let mut rest = &s[9..];
    if !rest.starts_with(|c: char| c.is_whitespace() || c == '"') {
        return None;
    }
    let (mut url, mut anchor) = (None, None);
    let mut pending: Option<char> = None;
    while let Some((tok, quoted, tail)) = next_token(rest) {
        rest = tail;
        if !quoted && tok.len() == 2 && tok.starts_with('\\') {
            // \l anchor, \o tooltip, \t frame take an argument; \m, \n none.
            let sw = tok[1..].chars().next().map(|c| c.to_ascii_lowercase());
            pending = sw.filter(|c| matches!(c, 'l' | 'o' | 't'));
            continue;
        }
        match pending.take() {
            Some('l') => anchor = Some(tok),
            Some(_) => {}
            None if url.is_none() => url = Some(tok),
            None => {}
        }
    }
    let url = url.map(str::trim).filter(|u| !u.is_empty())?;
    Some(match anchor {
        Some(a) if !a.is_empty() => format!("{url}#{a}"),
        _ => url.to_owned(),
    })
}

/// Next token of a field instruction: a quoted string or a run of
/// non-space characters, with the rest of the input.
fn next_token(s: &str) -> Option<(&str, bool, &str)> {
    let s = s.trim_start();
    if s.is_empty() {
        return None;
    }
    if let Some(q) = s.strip_prefix('"') {
        return Some(match q.find('"') {
            Some(i) => (&q[..i], true, &q[i + 1..]),
            None => (q, true, ""),
        });
    }
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    Some((&s[..end], false, &s[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlink_instructions() {
        assert_eq!(hyperlink_target(r#" HYPERLINK "http://a.org/x" "#).as_deref(), Some("http://a.org/x"));
        assert_eq!(
            hyperlink_target(r#"HYPERLINK "http://a.org/" \l "top" \o "tip""#).as_deref(),
            Some("http://a.org/#top")
        );
        assert_eq!(hyperlink_target(r#"HYPERLINK \o "tip" "mailto:a@b.c""#).as_deref(), Some("mailto:a@b.c"));
        assert_eq!(hyperlink_target("hyperlink http://a.org"), Some("http://a.org".into()));
        assert_eq!(hyperlink_target(r#"HYPERLINK \l "_Toc1""#), None);
        assert_eq!(hyperlink_target(r#"PAGEREF _Toc1 \h"#), None);
        assert_eq!(hyperlink_target("HYPERLINKS x"), None);
        assert_eq!(hyperlink_target(r#"HYPERLINK "unclosed"#).as_deref(), Some("unclosed"));
        assert_eq!(hyperlink_target(""), None);
    }
}

#[cfg(test)]
mod render_tests {
    //! The rendering rules on hand-written WordprocessingML.

    use super::*;
    use crate::ingest::docx::package::Rel;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

    fn rels() -> Rels {
        let rel = |id: &str, target: &str| Rel {
            id: id.into(),
            kind: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink".into(),
            target: target.into(),
            external: true,
        };
        Rels::new(vec![rel("rId1", "http://example.org/a"), rel("rId2", "mailto:press@example.org")])
    }

    fn body(xml: &str) -> Out {
        let doc = format!("<w:document {NS}><w:body>{xml}</w:body></w:document>");
        render(&doc, Kind::Main, &rels(), &mut |_, _| None).unwrap_or_else(|e| panic!("{e:?}")).0
    }

    fn text(xml: &str) -> String {
        body(xml).text
    }

    fn p(s: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{s}</w:t></w:r></w:p>")
    }

    fn blocks(out: &Out) -> Vec<(Part, &str)> {
        out.blocks.iter().map(|b| (b.part, b.span.of(&out.text))).collect()
    }

    fn links(out: &Out) -> Vec<(&str, &str)> {
        out.links.iter().map(|l| (l.span.of(&out.text), l.target.as_str())).collect()
    }

    #[test]
    fn paragraphs_lines_tabs_and_breaks() {
        let out = body(&format!(
            "{}<w:p/><w:p></w:p><w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t><w:cr/><w:t>D</w:t></w:r></w:p>",
            p("One")
        ));
        assert_eq!(out.text, "One\n\n\nA\tB\nC\nD");
        assert_eq!(blocks(&out), [(Part::Body, "One"), (Part::Body, "A\tB\nC\nD")]);
    }

    #[test]
    fn words_split_across_runs_are_joined() {
        let xml = "<w:p><w:r><w:t>(</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>БОМ</w:t></w:r>\
                   <w:r><w:rPr><w:b/></w:rPr><w:t>КА</w:t></w:r><w:r><w:t>)</w:t></w:r></w:p>";
        assert_eq!(text(xml), "(БОМКА)");
    }

    #[test]
    fn characters_and_references() {
        let xml = "<w:p><w:r><w:t>a&amp;b &lt;c&gt; &#x41;&#66; &quot;q&apos;</w:t><w:noBreakHyphen/><w:softHyphen/>\
                   <w:t>x\ny\u{1}z</w:t><w:sym w:font=\"Wingdings\" w:char=\"F0E8\"/></w:r></w:p>";
        assert_eq!(text(xml), "a&b <c> AB \"q'-x yz");
    }

    #[test]
    fn tab_stops_and_paragraph_properties_are_not_text() {
        let xml = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs><w:rPr><w:b/></w:rPr></w:pPr>\
                   <w:r><w:t>x</w:t></w:r></w:p>";
        assert_eq!(text(xml), "x");
    }

    #[test]
    fn tables_rows_are_lines_and_cells_are_tab_separated() {
        let cell = |s: &str| format!("<w:tc><w:tcPr><w:tcW w:w=\"1\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>", p(s));
        let xml = format!(
            "{}<w:tbl><w:tblPr/><w:tblGrid/><w:tr>{}{}</w:tr><w:tr>{}<w:tc>{}{}</w:tc><w:tc/></w:tr></w:tbl>{}",
            p("Before"),
            cell("Name"),
            cell("Phone"),
            cell("Ann"),
            p("+1 555 0100"),
            p("ext. 7"),
            p("After")
        );
        let out = body(&xml);
        assert_eq!(out.text, "Before\nName\tPhone\nAnn\t+1 555 0100\next. 7\t\nAfter");
        assert_eq!(
            blocks(&out),
            [
                (Part::Body, "Before"),
                (Part::Table, "Name"),
                (Part::Table, "Phone"),
                (Part::Table, "Ann"),
                (Part::Table, "+1 555 0100"),
                (Part::Table, "ext. 7"),
                (Part::Body, "After"),
            ]
        );
    }

    #[test]
    fn nested_tables_flow_inside_their_cell() {
        let inner = format!("<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>", p("i1"), p("i2"));
        let xml = format!("<w:tbl><w:tr><w:tc>{}{inner}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>", p("o1"), p("o2"));
        assert_eq!(text(&xml), "o1\ni1\ti2\to2");
    }

    #[test]
    fn hyperlinks_by_relationship() {
        let xml = r#"<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r><w:hyperlink r:id="rId1"><w:r><w:t xml:space="preserve"> our </w:t></w:r><w:r><w:t>site</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve">, write to </w:t></w:r><w:hyperlink r:id="rId2" w:history="1"><w:r><w:t>press@example.org</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> or </w:t></w:r><w:hyperlink r:id="rId1" w:anchor="top"><w:r><w:t>top</w:t></w:r></w:hyperlink><w:hyperlink w:anchor="_Toc1"><w:r><w:t xml:space="preserve"> inside</w:t></w:r></w:hyperlink><w:hyperlink r:id="rId9"><w:r><w:t>.</w:t></w:r></w:hyperlink></w:p>"#;
        let out = body(xml);
        assert_eq!(out.text, "See  our site, write to press@example.org or top inside.");
        assert_eq!(
            links(&out),
            [
                ("our site", "http://example.org/a"),
                ("press@example.org", "mailto:press@example.org"),
                ("top", "http://example.org/a#top"),
            ]
        );
    }

    #[test]
    fn fields_show_their_result_not_their_instruction() {
        let xml = r#"<w:p><w:r><w:t xml:space="preserve">Visit </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.com/file" \o "</w:instrText></w:r><w:r><w:instrText>tip&quot; </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>our file</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">, page </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>4</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>"#;
        let out = body(xml);
        assert_eq!(out.text, "Visit our file, page 4.");
        assert_eq!(links(&out), [("our file", "https://example.com/file")]);
    }

    #[test]
    fn nested_fields_and_fields_across_paragraphs() {
        // A table of contents: the TOC field spans paragraphs; each entry
        // holds a PAGEREF field whose result (the page number) is shown.
        let entry = |title: &str, page: &str| {
            format!(
                r#"<w:p><w:hyperlink w:anchor="_Toc1"><w:r><w:t>{title}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{page}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>"#
            )
        };
        let xml = format!(
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \o "1-3" \h</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>{}{}<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>{}"#,
            entry("Intro", "1"),
            entry("Results", "3"),
            p("Body")
        );
        let out = body(&xml);
        assert_eq!(out.text, "\nIntro\t1\nResults\t3\n\nBody");
        assert!(out.links.is_empty(), "in-document links are not links: {:?}", out.links);
    }

    #[test]
    fn tracked_changes_keep_insertions_and_drop_deletions() {
        let xml = r#"<w:p><w:r><w:t xml:space="preserve">This is a text with </w:t></w:r><w:ins w:id="0" w:author="a"><w:r><w:t xml:space="preserve">two exciting </w:t></w:r></w:ins><w:del w:id="1" w:author="a"><w:r><w:delText>boring </w:delText></w:r></w:del><w:r><w:t>changes.</w:t></w:r></w:p><w:p><w:moveFrom w:id="2"><w:r><w:t>Moved away.</w:t></w:r></w:moveFrom></w:p><w:p><w:moveTo w:id="3"><w:r><w:t>Moved here.</w:t></w:r></w:moveTo></w:p>"#;
        assert_eq!(text(xml), "This is a text with two exciting changes.\n\nMoved here.");
    }

    #[test]
    fn a_deleted_paragraph_mark_joins_the_next_paragraph() {
        let xml = r#"<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">First half, </w:t></w:r></w:p><w:p><w:r><w:t>second half.</w:t></w:r></w:p><w:p><w:pPr><w:rPr><w:del w:id="2" w:author="a"/></w:rPr></w:pPr></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:rPr><w:del w:id="3" w:author="a"/></w:rPr><w:t>run property, not a mark</w:t></w:r></w:p>"#;
        let out = body(xml);
        assert_eq!(out.text, "First half, second half.\n\ncell\nrun property, not a mark");
        assert_eq!(
            blocks(&out),
            [(Part::Body, "First half, second half."), (Part::Table, "cell"), (Part::Body, "run property, not a mark")]
        );
    }

    #[test]
    fn hidden_runs_are_dropped() {
        let xml = r#"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>secret </w:t></w:r><w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>shown </w:t></w:r><w:r><w:t>text</w:t></w:r></w:p>"#;
        assert_eq!(text(xml), "shown text");
    }

    #[test]
    fn content_controls_show_their_content() {
        let xml = r#"<w:sdt><w:sdtPr><w:alias w:val="Title"/><w:placeholder><w:docPart w:val="X"/></w:placeholder></w:sdtPr><w:sdtContent><w:p><w:r><w:t xml:space="preserve">Block </w:t></w:r><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>inline</w:t></w:r></w:sdtContent></w:sdt></w:p></w:sdtContent></w:sdt>"#;
        assert_eq!(text(xml), "Block inline");
    }

    #[test]
    fn text_boxes_follow_their_paragraph_and_alternate_content_renders_once() {
        let tb = |s: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(s));
        let xml = format!(
            r#"<w:p><w:r><w:t xml:space="preserve">Anchor </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>text.</w:t></w:r></w:p><w:p><w:r><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></w:r></w:p>{}"#,
            tb("In the box."),
            tb("In the box."),
            tb("VML only."),
            p("Next.")
        );
        let out = body(&xml);
        assert_eq!(out.text, "Anchor text.\nIn the box.\n\nVML only.\nNext.");
        assert_eq!(
            blocks(&out),
            [
                (Part::Body, "Anchor text."),
                (Part::TextBox, "In the box."),
                (Part::TextBox, "VML only."),
                (Part::Body, "Next.")
            ]
        );
    }

    #[test]
    fn links_inside_text_boxes_keep_their_offsets() {
        let xml = r#"<w:p><w:r><w:t>A</w:t></w:r><w:r><w:pict><v:textbox><w:txbxContent><w:p><w:hyperlink r:id="rId1"><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p></w:txbxContent></v:textbox></w:pict></w:r><w:r><w:t>B</w:t></w:r></w:p>"#;
        let out = body(xml);
        assert_eq!(out.text, "AB\nlink");
        assert_eq!(links(&out), [("link", "http://example.org/a")]);
    }

    #[test]
    fn ruby_guides_and_reference_marks_are_not_text() {
        let xml = r#"<w:p><w:r><w:ruby><w:rt><w:r><w:t>とうきょう</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>東京</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>.</w:t></w:r><w:r><w:commentReference w:id="0"/></w:r></w:p>"#;
        assert_eq!(text(xml), "東京.");
    }

    #[test]
    fn text_outside_paragraphs_is_ignored() {
        assert_eq!(text("<w:r><w:t>stray</w:t></w:r><w:p><w:r><w:t>kept</w:t></w:r></w:p>"), "kept");
    }

    #[test]
    fn notes_skip_separators() {
        let xml = format!(
            r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>cont</w:t></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> First note.</w:t></w:r></w:p></w:footnote><w:footnote w:id="2">{}{}</w:footnote></w:footnotes>"#,
            p("Second note,"),
            p("two paragraphs.")
        );
        let (out, _) = render(&xml, Kind::Footnotes, &Rels::default(), &mut |_, _| None).unwrap();
        assert_eq!(out.text, " First note.\nSecond note,\ntwo paragraphs.");
        assert!(out.blocks.iter().all(|b| b.part == Part::Footnote));
        assert_eq!(out.blocks.len(), 3);
    }

    #[test]
    fn section_references_are_collected_in_order() {
        let xml = format!(
            r#"<w:document {NS}><w:body>{}<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rId7"/></w:sectPr></w:pPr></w:p><w:sectPr><w:footerReference w:type="default" r:id="rId8"/><w:headerReference w:type="first" r:id="rId9"/></w:sectPr></w:body></w:document>"#,
            p("x")
        );
        let (_, refs) = render(&xml, Kind::Main, &Rels::default(), &mut |_, _| None).unwrap();
        let got: Vec<(bool, &str)> = refs.iter().map(|r| (r.footer, r.rid.as_str())).collect();
        assert_eq!(got, [(false, "rId7"), (true, "rId8"), (false, "rId9")]);
    }

    #[test]
    fn prefixes_do_not_matter_namespaces_do() {
        let xml = r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w="urn:not-word"><x:body><x:p><x:r><x:t>yes</x:t><w:t>no</w:t></x:r></x:p></x:body></x:document>"#;
        assert_eq!(render(xml, Kind::Main, &Rels::default(), &mut |_, _| None).unwrap().0.text, "yes");
        // Strict OOXML namespace.
        let xml = r#"<document xmlns="http://purl.oclc.org/ooxml/wordprocessingml/main"><body><p><r><t>strict</t></r></p></body></document>"#;
        assert_eq!(render(xml, Kind::Main, &Rels::default(), &mut |_, _| None).unwrap().0.text, "strict");
    }

    fn error(xml: &str) -> String {
        match render(xml, Kind::Main, &Rels::default(), &mut |_, _| None) {
            Err(PartError::Bad(m)) => m,
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn malformed_xml_is_an_error() {
        let doc = format!("<w:document {NS}><w:body>{}</w:body></w:document>", p("Hello"));
        for cut in [doc.len() - 5, doc.find("<w:t").unwrap() + 3, doc.find("preserve").unwrap()] {
            let m = error(&doc[..cut]);
            assert!(!m.is_empty(), "{cut}");
        }
        assert!(error(&doc.replace("</w:r>", "</w:x>")).contains("ill-formed"));
        assert!(error(&doc.replace("Hello", "&custom;")).contains("undefined entity"));
    }

    #[test]
    fn doctype_is_refused_without_expanding_anything() {
        let xml = format!(
            r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document {NS}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#
        );
        assert_eq!(error(&xml), xml::DOCTYPE);
    }

    #[test]
    fn another_root_is_not_wordprocessingml() {
        let xml = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#;
        assert!(
            matches!(render(xml, Kind::Main, &Rels::default(), &mut |_, _| None), Err(PartError::NotWml(r)) if r == "workbook")
        );
    }

    #[test]
    fn deep_nesting_costs_heap_not_stack() {
        let n = 200_000;
        let xml = format!(
            "<w:document {NS}><w:body>{}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{}</w:body></w:document>",
            "<w:sdt><w:sdtContent>".repeat(n),
            "</w:sdtContent></w:sdt>".repeat(n)
        );
        assert_eq!(render(&xml, Kind::Main, &Rels::default(), &mut |_, _| None).unwrap().0.text, "deep");
        let unclosed = format!("<w:document {NS}><w:body>{}", "<w:sdt>".repeat(n));
        assert!(error(&unclosed).contains("truncated"));
    }
}
