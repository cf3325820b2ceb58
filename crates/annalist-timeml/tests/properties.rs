//! Property tests: the reader and writer never panic, and writing then reading gives the
//! annotations back exactly.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_timeml::{ErrorKind, TimexAnnotation, TmlDocument, evaluate, parse_tml, write_tml};
use proptest::prelude::*;

/// 512 cases unless `PROPTEST_CASES` says otherwise.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512)
}

/// Pieces of TimeML, well-formed and not, to build documents that get past the first tag.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<TimeML>".to_string()),
        Just("</TimeML>".to_string()),
        Just("<TEXT>".to_string()),
        Just("</TEXT>".to_string()),
        Just("<TEXT/>".to_string()),
        Just("<DCT>".to_string()),
        Just("</DCT>".to_string()),
        Just("<DOCID>".to_string()),
        Just("</DOCID>".to_string()),
        Just(r#"<TIMEX3 tid="t1" type="DATE" value="1998">"#.to_string()),
        Just(r#"<TIMEX3 value="P&amp;1" mod="&bogus;"/>"#.to_string()),
        Just("</TIMEX3>".to_string()),
        Just(r#"<EVENT eid="e1">"#.to_string()),
        Just("</EVENT>".to_string()),
        Just("&amp;Cx1f;".to_string()),
        Just("&#233;".to_string()),
        Just("&#x0;".to_string()),
        Just("&unknown;".to_string()),
        Just("<![CDATA[a<b]]>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("<?pi x?>".to_string()),
        "[a-zé <>&;\"'/=\r\n]{0,6}",
    ]
}

fn xmlish() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|v| v.concat())
}

/// Annotations with arbitrary spans (possibly overlapping, empty or out of range).
fn any_annotations() -> impl Strategy<Value = Vec<TimexAnnotation>> {
    prop::collection::vec((0usize..40, 0usize..12, "\\PC{0,4}", "\\PC{0,6}"), 0..6).prop_map(|v| {
        v.into_iter()
            .map(|(start, len, kind, value)| TimexAnnotation::new(start, start + len, kind, value))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn reading_arbitrary_text_never_panics(s in any::<String>()) {
        let _ = parse_tml(&s);
        let _ = parse_tml(&format!("<TimeML><TEXT>{s}</TEXT></TimeML>"));
    }

    #[test]
    fn reading_and_writing_timeml_fragments_never_panics(
        xml in xmlish(),
        anns in any_annotations(),
    ) {
        if let Ok(doc) = parse_tml(&xml) {
            let len = doc.text.chars().count();
            for t in &doc.timexes {
                prop_assert!(t.start <= t.end && t.end <= len);
            }
            // Scoring a document against anything never panics either.
            let _ = evaluate(&[("x", &doc, &doc)]).to_text(true, true);
        }
        if let Ok(out) = write_tml(&xml, &anns) {
            // Whatever the writer accepts, it writes well enough to read back.
            let back = parse_tml(&out);
            prop_assert!(back.is_ok(), "{out:?}: {back:?}");
            let back = back.map_err(|e| TestCaseError::fail(e.to_string()))?;
            let read = parse_tml(&xml).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back.text, read.text);
            prop_assert_eq!(back.timexes.len(), anns.len());
        }
    }
}

/// A document with annotations anywhere, even reversed or past the end of its text.
fn any_document() -> impl Strategy<Value = TmlDocument> {
    (
        "[a-z .\n]{0,30}",
        prop::collection::vec((0usize..40, 0usize..40, "[AB]", "[xy]"), 0..8),
    )
        .prop_map(|(text, spans)| TmlDocument {
            text,
            timexes: spans
                .into_iter()
                .map(|(start, end, kind, value)| TimexAnnotation::new(start, end, kind, value))
                .collect(),
            ..TmlDocument::default()
        })
}

proptest! {
    #[test]
    fn scoring_any_documents_never_panics_and_counts_add_up(
        gold in any_document(),
        system in any_document(),
    ) {
        let report = evaluate(&[("g", &gold, &system)]);
        let c = report.overall.counts;
        prop_assert!(c.strict <= c.relaxed && c.relaxed <= c.gold.min(c.system));
        prop_assert!(c.value_correct <= c.relaxed && c.type_correct <= c.relaxed);
        let missed = report.errors_of(ErrorKind::Missed).count();
        let spurious = report.errors_of(ErrorKind::Spurious).count();
        prop_assert_eq!(missed, c.gold - c.relaxed);
        prop_assert_eq!(spurious, c.system - c.relaxed);
        prop_assert_eq!(report.errors_of(ErrorKind::Extent).count(), c.relaxed - c.strict);
        prop_assert_eq!(report.errors_of(ErrorKind::Value).count(), c.relaxed - c.value_correct);
        for f in [report.overall.strict.f1, report.overall.relaxed.f1, report.overall.value_f1] {
            prop_assert!((0.0..=1.0).contains(&f));
        }
        let _ = report.to_text(true, true);
    }
}

/// Text with the characters that need care: markup characters, quotes, multi-byte ones, CR.
fn text() -> impl Strategy<Value = String> {
    "[a-z &<>\"'é—😀.\r\n\t]{1,60}"
}

/// The text escaped for the original document (a CR as a reference so that it survives).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\r', "&#13;")
}

/// An attribute value: any character XML can carry, including quotes, `&`, `<`, tabs, CRs.
fn attribute() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_ \"'&<>;é\t\r\n-]{0,8}"
}

fn optional_attribute() -> impl Strategy<Value = Option<String>> {
    prop::option::of(attribute())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn write_then_read_gives_the_annotations_back(
        text in text(),
        cuts in prop::collection::vec(0usize..61, 0..10),
        attributes in prop::collection::vec(
            (attribute(), attribute(), optional_attribute(), optional_attribute(),
             optional_attribute(), optional_attribute(), optional_attribute(), optional_attribute()),
            5,
        ),
        old_markup in any::<bool>(),
    ) {
        let n = text.chars().count();
        let mut points: Vec<usize> = cuts.into_iter().map(|c| c % (n + 1)).collect();
        points.sort_unstable();
        points.dedup();
        let anns: Vec<TimexAnnotation> = points
            .chunks_exact(2)
            .zip(attributes)
            .enumerate()
            .map(|(i, (p, (kind, value, modifier, quant, freq, anchor, begin, end)))| TimexAnnotation {
                start: p[0],
                end: p[1],
                tid: format!("t{}", 10 + i),
                kind,
                value,
                modifier,
                quant,
                freq,
                anchor_time_id: anchor,
                begin_point: begin,
                end_point: end,
            })
            .collect();
        // The original has a DCT, its own annotations and links, which must all go.
        let old = if old_markup {
            r#"<TIMEX3 tid="t1" type="DATE" value="1998">old</TIMEX3><EVENT eid="e1">e</EVENT>"#
        } else {
            ""
        };
        let original = format!(
            "<?xml version=\"1.0\" ?>\n<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2000-01-01\">x</TIMEX3></DCT>\n<TEXT>{old}{}</TEXT>\n<TLINK lid=\"l1\"/>\n</TimeML>\n",
            escape(&text)
        );
        let expected_text = format!("{}{text}", if old_markup { "olde" } else { "" });
        let shift = if old_markup { 4 } else { 0 };
        let anns: Vec<TimexAnnotation> = anns
            .into_iter()
            .map(|t| TimexAnnotation { start: t.start + shift, end: t.end + shift, ..t })
            .collect();

        let out = write_tml(&original, &anns).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = parse_tml(&out).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back.text, &expected_text);
        prop_assert_eq!(&back.timexes, &anns);
        prop_assert_eq!(back.dct.map(|d| d.value), Some("2000-01-01".to_string()));
        prop_assert!(!out.contains("TLINK") && !out.contains("EVENT"));
        // And the output, written again, is the same document.
        let again = write_tml(&out, &anns).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again, out);
    }
}
