//! Property tests: no reader panics on any input. Inputs are built from fragments that
//! matter to each parser (date words, digits, separators, tags, JSON punctuation) mixed
//! with arbitrary strings, so the generator reaches the interesting branches quickly.
//! Crashing inputs found are kept below as plain regression tests.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_ingest::{IngestOptions, fuzz, paragraphs, parse_dct, read_bytes, segment};
use proptest::prelude::*;

fn pieces(fragments: &'static [&'static str]) -> impl Strategy<Value = String> {
    let frag = prop_oneof![
        4 => proptest::sample::select(fragments).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[0-9]{1,5}",
    ];
    proptest::collection::vec(frag, 0..40).prop_map(|v| v.concat())
}

const DATE_BITS: &[&str] = &[
    "2025",
    "-",
    "03",
    "14",
    "T",
    ":",
    "09",
    "05",
    "+",
    "04:00",
    "Z",
    "(UTC",
    ")",
    "March",
    "Mar.",
    " ",
    ",",
    "\n",
    "31",
    "13",
    "45",
    "a.m.",
    "pm",
    "EST",
    "марта",
    "Mart",
    "Published: ",
    "date ",
    "Title: ",
    "---\n",
    "TBILISI, ",
    "(Reuters) - ",
    "03.03.2025",
    "99",
    "[Europe/Moscow]",
    "−",
    "Date:",
    "\n\n",
    "of",
    "3rd",
    "0",
    "06/12/2026",
    "25/11/2026",
    "/",
    "Language: ",
    "en-US",
    "en_GB",
    "-419",
    "60",
    "24:00",
    "+9999",
];

const HTML_BITS: &[&str] = &[
    "<html>",
    "<head>",
    "<meta property=\"article:published_time\" content=\"",
    "2025-03-14",
    "\">",
    "<script type=\"application/ld+json\">",
    "{\"@graph\":[",
    "{\"@type\":\"NewsArticle\",",
    "\"datePublished\":\"",
    "\"}",
    "]}",
    "</script>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<time datetime=\"",
    "<!--",
    "-->",
    "<",
    ">",
    "/",
    "\"",
    "&amp;",
    "<article>",
    "</article>",
    "<body>",
    "text ",
    "<br/>",
    "<style>",
    "</style>",
    "<![CDATA[",
    "<title>",
    "</title>",
    "<html lang=\"",
    "en-GB",
    "<meta property=\"og:locale\" content=\"",
    "<meta http-equiv=\"Content-Language\" content=\"",
    "\"inLanguage\":",
    "06/12/2026",
];

const JSON_BITS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"text\"",
    "\"date\"",
    ":",
    ",",
    "\"2025-03-14\"",
    "\"x\"",
    "null",
    "true",
    "1741943100",
    "-1e999",
    "\"<p>a</p>\"",
    "\"title\"",
    "\"language\"",
    "\"en-IN\"",
    "\"06/12/2026\"",
    "\"author\"",
    "{\"name\":\"A\"}",
    "\n",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "99999999999999999999",
];

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn date_parser_never_panics(s in pieces(DATE_BITS)) {
        let _ = parse_dct(&s);
        let _ = s.parse::<annalist_ingest::Dct>();
    }

    #[test]
    fn header_and_dateline_never_panic(s in pieces(DATE_BITS)) {
        if let Some(body) = fuzz::header(&s) {
            prop_assert!(body <= s.len() && s.is_char_boundary(body));
        }
        let _ = fuzz::dateline(&s);
        let _ = read_bytes("p.txt", s.as_bytes(), &IngestOptions::default());
    }

    #[test]
    fn html_reader_never_panics(s in pieces(HTML_BITS)) {
        let _ = fuzz::html(&s);
        let _ = read_bytes("p.html", s.as_bytes(), &IngestOptions::default());
    }

    #[test]
    fn json_readers_never_panic(s in pieces(JSON_BITS)) {
        let _ = fuzz::json(&s);
        let _ = read_bytes("p.json", s.as_bytes(), &IngestOptions::default());
        let _ = read_bytes("p.jsonl", s.as_bytes(), &IngestOptions::default());
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..400)) {
        for name in ["b.txt", "b.html", "b.json", "b.jsonl", "b"] {
            let _ = read_bytes(name, &b, &IngestOptions::default());
        }
    }

    #[test]
    fn segments_are_ordered_and_inside_the_text(s in pieces(&[
        "Mr.", " ", "Jan.", "20", ".", "U.S.", "a.m.", "\"", "?", "!", "\n", "\n\n", "The", "he", "…",
        "No.", "3.5", "Ä", "é", "”", "(", ")",
    ])) {
        let n = s.chars().count();
        let mut last = 0;
        for sent in segment(&s) {
            prop_assert!(sent.start < sent.end && sent.end <= n && sent.start >= last);
            last = sent.end;
        }
        for p in paragraphs(&s) {
            prop_assert!(p.start < p.end && p.end <= n);
        }
    }
}

/// Regression inputs from the fuzzing above and from review, kept as plain tests.
#[test]
fn regressions() {
    // A date at the very end of the scan window must not index past the token list.
    let _ = parse_dct("2025-03-14T09:05:00+");
    let _ = parse_dct("14 March");
    let _ = parse_dct("March 3rd");
    // Header fence with nothing after it.
    assert_eq!(fuzz::header("---"), None);
    // JSON nested past serde_json's recursion limit is an error, not a stack overflow.
    let deep = "[".repeat(100_000);
    assert_eq!(fuzz::json(&deep), 1);
    // Deep HTML refused before parsing.
    assert!(!fuzz::html(&"<span>".repeat(100_000)));
    // Just under the depth limit: parsed and extracted without overflowing the stack.
    for tag in ["div", "b", "table", "ul", "blockquote"] {
        let html = format!(
            "{}<p>Deep text.</p>{}",
            format!("<{tag}>").repeat(510),
            format!("</{tag}>").repeat(510)
        );
        let _ = fuzz::html(&html);
    }
}
