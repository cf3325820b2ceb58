//! The writer: exact output on a small document, tid numbering, refusals.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_timeml::{TimeMlError, TimexAnnotation, parse_tml, write_tml};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ORIGINAL: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>D1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-03-14" functionInDocument="CREATION_TIME">March 14, 2025</TIMEX3></DCT>
<TEXT>Troops <EVENT eid="e1">left</EVENT> <TIMEX3 tid="t5" type="DATE" value="2025-03-13">yesterday</TIMEX3> &amp; R&lt;D</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t5"/>
</TimeML>
"#;

// The text is "Troops left yesterday & R<D": "yesterday" is [12, 21), "R<D" is [24, 27).

#[test]
fn writes_the_text_with_our_tags_and_drops_the_links() -> TestResult {
    let ours = [
        TimexAnnotation::new(12, 21, "DATE", "2025-03-13"),
        TimexAnnotation {
            modifier: Some("APPROX".into()),
            ..TimexAnnotation::new(24, 27, "DURATION", "P\"1\"&")
        },
    ];
    let expected = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>D1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-03-14" functionInDocument="CREATION_TIME">March 14, 2025</TIMEX3></DCT>
<TEXT>Troops left <TIMEX3 tid="t1" type="DATE" value="2025-03-13">yesterday</TIMEX3> &amp; <TIMEX3 tid="t2" type="DURATION" value="P&quot;1&quot;&amp;" mod="APPROX">R&lt;D</TIMEX3></TEXT>
</TimeML>
"#;
    assert_eq!(write_tml(ORIGINAL, &ours)?, expected);
    Ok(())
}

#[test]
fn writes_every_optional_attribute_and_reads_it_back() -> TestResult {
    let ours = vec![TimexAnnotation {
        tid: "t7".into(),
        modifier: Some("START".into()),
        quant: Some("EACH".into()),
        freq: Some("2X".into()),
        anchor_time_id: Some("t0".into()),
        begin_point: Some("t1".into()),
        end_point: Some("t2".into()),
        ..TimexAnnotation::new(0, 6, "SET", "P1W")
    }];
    let xml = write_tml(ORIGINAL, &ours)?;
    assert!(xml.contains(r#"<TIMEX3 tid="t7" type="SET" value="P1W" mod="START" quant="EACH" freq="2X" anchorTimeID="t0" beginPoint="t1" endPoint="t2">Troops</TIMEX3>"#), "{xml}");
    assert_eq!(parse_tml(&xml)?.timexes, ours);
    Ok(())
}

#[test]
fn numbers_missing_tids_around_the_ones_given() -> TestResult {
    let ours = [
        TimexAnnotation::new(0, 6, "DATE", "a"),
        TimexAnnotation {
            tid: "t1".into(),
            ..TimexAnnotation::new(7, 11, "DATE", "b")
        },
        TimexAnnotation::new(12, 21, "DATE", "c"),
    ];
    let back = parse_tml(&write_tml(ORIGINAL, &ours)?)?;
    let tids: Vec<&str> = back.timexes.iter().map(|t| t.tid.as_str()).collect();
    assert_eq!(tids, ["t2", "t1", "t3"]);
    Ok(())
}

#[test]
fn annotations_in_any_order_come_back_in_text_order() -> TestResult {
    let a = TimexAnnotation::new(12, 21, "DATE", "x");
    let b = TimexAnnotation::new(0, 6, "DATE", "y");
    let back = parse_tml(&write_tml(ORIGINAL, &[a.clone(), b.clone()])?)?;
    let spans: Vec<(usize, usize)> = back.timexes.iter().map(|t| (t.start, t.end)).collect();
    assert_eq!(spans, [(0, 6), (12, 21)]);
    Ok(())
}

#[test]
fn no_annotations_leaves_plain_text() -> TestResult {
    let xml = write_tml(ORIGINAL, &[])?;
    let doc = parse_tml(&xml)?;
    assert_eq!(doc.text, "Troops left yesterday & R<D");
    assert!(doc.timexes.is_empty());
    assert_eq!(doc.dct.ok_or("no DCT")?.value, "2025-03-14");
    Ok(())
}

#[test]
fn a_self_closing_text_element_is_opened() -> TestResult {
    let xml = "<TimeML><TEXT /></TimeML>";
    assert_eq!(write_tml(xml, &[])?, "<TimeML><TEXT ></TEXT>\n</TimeML>\n");
    Ok(())
}

#[test]
fn carriage_returns_and_other_roots_survive() -> TestResult {
    let xml = "<doc><body><TEXT>a&#13;b today</TEXT></body></doc>";
    let ours = [TimexAnnotation {
        tid: "t1".into(),
        ..TimexAnnotation::new(4, 9, "DATE", "line\r\nbreak\tand tab")
    }];
    let out = write_tml(xml, &ours)?;
    assert!(out.ends_with("</TEXT>\n</body>\n</doc>\n"), "{out}");
    let back = parse_tml(&out)?;
    assert_eq!(back.text, "a\rb today");
    assert_eq!(back.timexes, ours);
    Ok(())
}

fn refusal(anns: &[TimexAnnotation]) -> &'static str {
    match write_tml(ORIGINAL, anns) {
        Err(TimeMlError::BadAnnotation { why, .. }) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn refuses_what_would_break_the_xml_or_the_ids() {
    let at = |s, e| TimexAnnotation::new(s, e, "DATE", "x");
    assert_eq!(
        refusal(&[at(0, 8), at(7, 11)]),
        "overlaps or nests in another annotation"
    );
    assert_eq!(
        refusal(&[at(0, 21), at(7, 11)]),
        "overlaps or nests in another annotation"
    );
    assert_eq!(
        refusal(&[at(7, 11), at(7, 11)]),
        "overlaps or nests in another annotation"
    );
    assert_eq!(refusal(&[at(5, 5)]), "empty span");
    assert_eq!(refusal(&[at(9, 3)]), "empty span");
    assert_eq!(refusal(&[at(20, 28)]), "extends past the end of the text");
    let with_tid = |s, e, tid: &str| TimexAnnotation {
        tid: tid.into(),
        ..at(s, e)
    };
    assert_eq!(
        refusal(&[with_tid(0, 6, "t3"), with_tid(7, 11, "t3")]),
        "tid already used"
    );
    assert_eq!(refusal(&[with_tid(0, 6, "t0")]), "tid already used");
    let control = TimexAnnotation::new(0, 6, "DATE", "a\u{1}b");
    assert_eq!(
        refusal(&[control]),
        "an attribute holds a character XML 1.0 cannot represent"
    );
    // Adjacent spans are fine.
    assert!(write_tml(ORIGINAL, &[at(0, 6), at(6, 11)]).is_ok());
}

#[test]
fn an_unreadable_original_is_an_error() {
    assert!(matches!(
        write_tml("<TimeML>", &[]),
        Err(TimeMlError::NoText | TimeMlError::Unclosed { .. })
    ));
}

#[test]
fn non_overlapping_keeps_the_leftmost_longest() {
    let at = |s, e, v: &str| TimexAnnotation::new(s, e, "DATE", v);
    let kept = annalist_timeml::non_overlapping(vec![
        at(12, 21, "c"),
        at(0, 6, "a"),
        at(0, 11, "a-long"),
        at(7, 11, "inside a-long"),
        at(10, 14, "crosses a-long and c"),
        at(5, 5, "empty"),
        at(21, 27, "d"),
    ]);
    let values: Vec<&str> = kept.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(values, ["a-long", "c", "d"]);
    assert!(write_tml(ORIGINAL, &kept).is_ok());
}
