//! DATE and MONEY on the seed release: exactly the dates and amounts a
//! reader sees, and nothing from the decimals, ordinals or phone numbers.

use crate::need_shared;
use prex::document::{Format, Hints};
use prex::ingest;
use prex::pipeline::{Config, Pipeline};
use serde_json::{Value, json};

fn seed_record() -> Option<Value> {
    let shared = crate::util::shared()?;
    let bytes = std::fs::read(shared.join("corpus/seed/bishkek-2017-09-13.txt")).ok()?;
    // The release date as anchor (what `--reference-date 2017-09-13` gives
    // until the dateline supplies it).
    let hints = Hints { reference_date: Some("2017-09-13".parse().unwrap()), ..Hints::default() };
    let doc =
        ingest::from_bytes(&bytes, "seed".into(), "seed".into(), Format::Txt, &Default::default(), hints).unwrap();
    let line = Pipeline::new(Config::default()).record_json(&doc);
    Some(serde_json::from_str(&line).unwrap())
}

fn of_type<'a>(record: &'a Value, t: &str) -> Vec<&'a Value> {
    record["entities"].as_array().unwrap().iter().filter(|e| e["type"] == t).collect()
}

#[test]
fn seed_dates_and_amounts() {
    need_shared!();
    let record = seed_record().expect("seed file readable");
    let dates: Vec<(String, Value)> =
        of_type(&record, "DATE").iter().map(|e| (e["text"].as_str().unwrap().to_owned(), e["value"].clone())).collect();
    let day = |d: &str| json!({"iso": d, "gte": d, "lte": d, "grain": "day"});
    assert_eq!(
        dates,
        vec![
            ("13 сентября 2017".to_owned(), day("2017-09-13")),
            ("13 сентября".to_owned(), day("2017-09-13")),
            (
                "в 2003 году".to_owned(),
                json!({"iso": "2003", "gte": "2003-01-01", "lte": "2003-12-31", "grain": "year"})
            ),
            (
                "2003-2018 гг".to_owned(),
                json!({"iso": "2003/2018", "gte": "2003-01-01", "lte": "2018-12-31", "grain": "year"})
            ),
            (
                "2015-2018 гг".to_owned(),
                json!({"iso": "2015/2018", "gte": "2015-01-01", "lte": "2018-12-31", "grain": "year"})
            ),
        ]
    );
    let amounts: Vec<(String, Value)> = of_type(&record, "MONEY")
        .iter()
        .map(|e| (e["text"].as_str().unwrap().to_owned(), e["value"].clone()))
        .collect();
    assert_eq!(
        amounts,
        vec![
            ("40,8 миллионов евро".to_owned(), json!({"amount": 40800000, "currency": "EUR", "qualifier": null})),
            ("почти 5 миллионов евро".to_owned(), json!({"amount": 5000000, "currency": "EUR", "qualifier": "approx"})),
        ]
    );
    // Nothing else: no date or amount from "40,8" alone, "9-ой" or the phones.
    let text = record["text"].as_str().unwrap();
    for e in of_type(&record, "DATE").into_iter().chain(of_type(&record, "MONEY")) {
        let t = e["text"].as_str().unwrap();
        assert!(!t.contains("9-ой") && !t.contains("+996") && !t.contains("26 10"), "{t}");
    }
    assert!(text.contains("+996 312 26 10 00"));
}

mod props {
    use prex::document::Lang;
    use prex::extract::{Context, Extractor, date::DateExtractor, money::MoneyExtractor};
    use prex::segment::Segments;
    use prex::token::tokenize;
    use proptest::prelude::*;

    /// Pieces press text is made of, so random strings hit the grammar.
    const PIECES: &[&str] = &[
        "13",
        "2017",
        "1 500",
        "40,8",
        ".",
        ",",
        "-",
        "–",
        "/",
        " ",
        "\n",
        "$",
        "€",
        "₽",
        "%",
        "сентября",
        "в",
        "году",
        "гг.",
        "млн",
        "руб.",
        "долларов",
        "США",
        "почти",
        "от",
        "до",
        "с",
        "по",
        "Sept.",
        "May",
        "the",
        "15th",
        "of",
        "million",
        "more",
        "than",
        "вчера",
        "last",
        "week",
        "III",
        "квартале",
        "Q3",
        "назад",
        "через",
        "1990-е",
        "Monday",
        "пятницу",
        "Пасху",
        "Christmas",
        "9-ой",
        "+996",
        "10:00",
        "12.10.",
        "ё",
        "🇰🇬",
        "\u{301}",
    ];

    fn run(text: &str, lang: Lang) -> Vec<(usize, usize)> {
        let toks = tokenize(text);
        let seg = Segments::default();
        let anchor = Some(jiff::civil::Date::constant(2017, 9, 13));
        let ctx = Context {
            text,
            tokens: &toks,
            segments: &seg,
            lang,
            anchor,
            region: "KG",
            links: &[],
            trigger_scan: Default::default(),
        };
        static X: std::sync::OnceLock<(DateExtractor, MoneyExtractor)> = std::sync::OnceLock::new();
        let (dates, money) = X.get_or_init(|| (DateExtractor::new(), MoneyExtractor::new()));
        let mut out = Vec::new();
        dates.extract(&ctx, &[], &mut out);
        money.extract(&ctx, &[], &mut out);
        for m in &out {
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end), "{text:?} {m:?}");
            assert!(!m.span.is_empty() && !m.span.of(text).trim().is_empty(), "{text:?} {m:?}");
        }
        out.iter().map(|m| (m.span.start, m.span.end)).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Never panics; spans on char boundaries; prepending one character
        /// shifts every span by exactly its length.
        #[test]
        fn extractors_are_total_and_shift_invariant(idx in proptest::collection::vec(0..PIECES.len(), 0..40), ru in any::<bool>()) {
            let text: String = idx.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
            let lang = if ru { Lang::Ru } else { Lang::En };
            let a = run(&text, lang);
            let shifted = format!("x {text}");
            let b = run(&shifted, lang);
            let moved: Vec<(usize, usize)> = a.iter().map(|&(s, e)| (s + 2, e + 2)).collect();
            prop_assert_eq!(b, moved);
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,80}") {
            run(&text, Lang::Ru);
            run(&text, Lang::En);
        }
    }
}
