//! `extract search`: a query string plus filters → ranked hits with
//! snippets, and optionally the top facet values of all hits.
//!
//! The query string goes to tantivy's query parser over the title and text
//! fields of every language (titles boosted), all words required by
//! default; each field analyses the query with its own stemmer, so a
//! Russian word finds its inflected forms in Russian documents. Filters
//! are exact: names on their folded keys (see [`super::fold`]), dates on
//! the release-date field, inclusive. An empty query matches every
//! document (browse by filters and facets).
//!
//! [`Answer`] renders itself as JSON lines or a terminal table; the
//! binary only picks one.

use super::{Fields, IndexError, LANGS, PrexIndex, day, fold, lang_slot};
use serde::Serialize;
use std::ops::Bound;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// What to look for.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub query: String,
    pub orgs: Vec<String>,
    pub persons: Vec<String>,
    pub locations: Vec<String>,
    /// Release date bounds, inclusive, ISO days.
    pub from: Option<String>,
    pub to: Option<String>,
    pub lang: Option<String>,
    pub limit: usize,
    /// How many values per facet to count (0: no facets).
    pub facets: usize,
}

/// One hit.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub title: Option<String>,
    pub date: Option<String>,
    /// The best fragment of the text, highlighted words between `<b>` and
    /// `</b>` (HTML-escaped otherwise); empty for a filter-only query.
    pub snippet: String,
    /// The same fragment and its highlighted byte ranges, for other
    /// renderings (the terminal table).
    #[serde(skip)]
    pub fragment: (String, Vec<std::ops::Range<usize>>),
}

/// Top facet values with their document counts among all hits.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Facets {
    pub organizations: Vec<(String, u64)>,
    pub locations: Vec<(String, u64)>,
    pub persons: Vec<(String, u64)>,
}

/// The answer.
#[derive(Clone, Debug, Default)]
pub struct Answer {
    /// All matching documents (not only the returned ones).
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Option<Facets>,
}

/// Parses `--from`/`--to` style dates (YYYY-MM-DD).
pub fn check_day(s: &str) -> Result<(), String> {
    day(s).map(|_| ()).ok_or_else(|| format!("bad date {s:?} (expected YYYY-MM-DD)"))
}

impl PrexIndex {
    /// Runs one search.
    pub fn search(&self, req: &Request) -> Result<Answer, IndexError> {
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let f = &self.fields;
        let text_query = self.text_query(&req.query);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        // Every --org, --person and --location given is required.
        for (field, names) in [(f.org_key, &req.orgs), (f.per_key, &req.persons), (f.loc_key, &req.locations)] {
            for n in names {
                let q = TermQuery::new(Term::from_field_text(field, &fold(n)), IndexRecordOption::Basic);
                clauses.push((Occur::Must, Box::new(q)));
            }
        }
        let bound = |d: &Option<String>| match d.as_deref().and_then(day) {
            Some(t) => Bound::Included(Term::from_field_date(f.date, t)),
            None => Bound::Unbounded,
        };
        let (lo, hi) = (bound(&req.from), bound(&req.to));
        if !matches!((&lo, &hi), (Bound::Unbounded, Bound::Unbounded)) {
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        if let Some(l) = &req.lang {
            let q = TermQuery::new(Term::from_field_text(f.lang, l), IndexRecordOption::Basic);
            clauses.push((Occur::Must, Box::new(q)));
        }
        let query = BooleanQuery::new(clauses);

        let limit = req.limit.max(1);
        let (top, total) = searcher.search(&query, &(TopDocs::with_limit(limit).order_by_score(), Count))?;
        let generators: Vec<Option<SnippetGenerator>> = LANGS
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let mut g = SnippetGenerator::create(&searcher, &*text_query, f.text_by_lang[i]).ok()?;
                g.set_max_num_chars(200);
                Some(g)
            })
            .collect();
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            hits.push(hit(&searcher, f, addr, score, &generators)?);
        }
        let facets = if req.facets > 0 { Some(facets(&searcher, &query, req.facets)?) } else { None };
        Ok(Answer { total, hits, facets })
    }

    fn text_query(&self, q: &str) -> Box<dyn Query> {
        if q.trim().is_empty() {
            return Box::new(AllQuery);
        }
        let f = &self.fields;
        let mut fields: Vec<Field> = f.title_by_lang.to_vec();
        fields.extend(f.text_by_lang);
        let mut parser = QueryParser::for_index(&self.index, fields);
        parser.set_conjunction_by_default();
        for t in f.title_by_lang {
            parser.set_field_boost(t, 2.0);
        }
        // Lenient: a stray quote or colon in user input is not an error.
        parser.parse_query_lenient(q).0
    }
}

fn first_str(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned)
}

fn hit(
    searcher: &Searcher,
    f: &Fields,
    addr: DocAddress,
    score: f32,
    generators: &[Option<SnippetGenerator>],
) -> Result<Hit, IndexError> {
    let doc: TantivyDocument = searcher.doc(addr)?;
    let lang = first_str(&doc, f.lang).unwrap_or_default();
    let text = first_str(&doc, f.text).unwrap_or_default();
    let snippet = generators[lang_slot(&lang)].as_ref().map(|g| g.snippet(&text)).unwrap_or_else(Snippet::empty);
    let date = doc.get_first(f.date).and_then(|v| v.as_datetime()).map(|d| {
        let days = d.into_timestamp_secs().div_euclid(86_400) as i32;
        jiff::civil::date(1970, 1, 1).checked_add(jiff::Span::new().days(days)).unwrap_or_default().to_string()
    });
    Ok(Hit {
        id: first_str(&doc, f.id).unwrap_or_default(),
        score,
        title: first_str(&doc, f.title),
        date,
        snippet: snippet.to_html(),
        fragment: (snippet.fragment().to_owned(), snippet.highlighted().to_vec()),
    })
}

fn facets(searcher: &Searcher, query: &dyn Query, k: usize) -> Result<Facets, IndexError> {
    let names = ["orgs", "locs", "pers"];
    let mut out: Vec<Vec<(String, u64)>> = Vec::new();
    for name in names {
        let mut c = FacetCollector::for_field(name);
        c.add_facet("/");
        let counts = searcher.search(query, &c)?;
        let top = counts
            .top_k("/", k)
            .into_iter()
            .map(|(facet, n)| (facet.to_path().last().map(|s| (*s).to_owned()).unwrap_or_default(), n))
            .collect();
        out.push(top);
    }
    let persons = out.pop().unwrap_or_default();
    let locations = out.pop().unwrap_or_default();
    let organizations = out.pop().unwrap_or_default();
    Ok(Facets { organizations, locations, persons })
}

impl Answer {
    /// JSON lines: one per hit, then one `{"facets": …}` line when asked.
    pub fn json_lines(&self) -> String {
        let a = self;
        let mut s = String::new();
        for h in &a.hits {
            s.push_str(&serde_json::to_string(h).unwrap_or_default());
            s.push('\n');
        }
        if let Some(f) = &a.facets {
            let as_objects = |v: &[(String, u64)]| -> Vec<serde_json::Value> {
                v.iter().map(|(name, count)| serde_json::json!({"name": name, "count": count})).collect()
            };
            let line = serde_json::json!({"facets": {
                "total": a.total,
                "organizations": as_objects(&f.organizations),
                "locations": as_objects(&f.locations),
                "persons": as_objects(&f.persons),
            }});
            s.push_str(&line.to_string());
            s.push('\n');
        }
        s
    }

    /// A readable table with highlighted (ANSI bold) snippets.
    pub fn table(&self) -> String {
        let a = self;
        use std::fmt::Write as _;
        let mut s = String::new();
        let _ = writeln!(s, "{} documents match; showing {}", a.total, a.hits.len());
        for (i, h) in a.hits.iter().enumerate() {
            let title = h.title.as_deref().unwrap_or("(no title)");
            let _ = writeln!(
                s,
                "\n{:>3}. {}  [{}]  {}  score {:.2}",
                i + 1,
                title,
                h.date.as_deref().unwrap_or("no date"),
                h.id,
                h.score
            );
            let (frag, marks) = &h.fragment;
            let mut line = String::new();
            let mut at = 0;
            for r in marks {
                if r.start < at || r.end > frag.len() {
                    continue;
                }
                line.push_str(&frag[at..r.start]);
                line.push_str("\x1b[1m");
                line.push_str(&frag[r.clone()]);
                line.push_str("\x1b[0m");
                at = r.end;
            }
            line.push_str(&frag[at..]);
            let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if !line.is_empty() {
                let _ = writeln!(s, "     {line}");
            }
        }
        if let Some(f) = &a.facets {
            for (name, values) in
                [("organizations", &f.organizations), ("locations", &f.locations), ("persons", &f.persons)]
            {
                let _ = writeln!(s, "\n{name}:");
                for (v, n) in values {
                    let _ = writeln!(s, "  {n:>6}  {v}");
                }
            }
        }
        s
    }
}
