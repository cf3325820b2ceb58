//! The reader on small documents written for these tests; offsets are counted by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_timeml::{Dct, TimeMlError, TimexAnnotation, parse_tml};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Attributes in unusual orders, multi-byte characters before the annotations, an EVENT and a
/// SIGNAL to drop, entities to decode, junk entities in EXTRAINFO.
const NEWS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<TimeML>
<DOCID> NYT-1 </DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" value="1998-08-07T06:18:00" type="TIME" tid="t0">August 7</TIMEX3></DCT>
<EXTRAINFO>w2213 &amp;Cx1f; wstm- &amp;UR; Eds: &amp;QL;</EXTRAINFO>
<TEXT>Café owners <EVENT eid="e1" class="OCCURRENCE">met</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-08-06" anchorTimeID="t0">Thursday</TIMEX3> &amp; again <TIMEX3 value="PXD" type="DURATION" tid="t2" mod="EQUAL_OR_LESS">a few days</TIMEX3> later &#8212; "<SIGNAL sid="s1">before</SIGNAL> <TIMEX3 tid="t3" type="SET" value="P1W" quant="EVERY" freq="2X">twice a week</TIMEX3>".</TEXT>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
</TimeML>
"#;

#[test]
fn reads_docid_dct_text_and_timexes() -> TestResult {
    let doc = parse_tml(NEWS)?;
    assert_eq!(doc.docid.as_deref(), Some("NYT-1"));
    assert_eq!(
        doc.dct,
        Some(Dct {
            value: "1998-08-07T06:18:00".into(),
            kind: "TIME".into(),
            tid: "t0".into(),
        })
    );
    assert_eq!(
        doc.text,
        "Café owners met on Thursday & again a few days later — \"before twice a week\"."
    );
    // "Café owners met on " is 19 characters (22 bytes: é is two), so Thursday is [19, 27);
    // " & again " takes it to 36, "a few days" is [36, 46); " later — \"before " (— is one
    // character) takes it to 63, "twice a week" is [63, 75).
    let spans: Vec<(usize, usize)> = doc.timexes.iter().map(|t| (t.start, t.end)).collect();
    assert_eq!(spans, [(19, 27), (36, 46), (63, 75)]);
    let texts: Vec<String> = doc.timexes.iter().map(|t| doc.covered_text(t)).collect();
    assert_eq!(texts, ["Thursday", "a few days", "twice a week"]);

    assert_eq!(
        doc.timexes[0],
        TimexAnnotation {
            tid: "t1".into(),
            anchor_time_id: Some("t0".into()),
            ..TimexAnnotation::new(19, 27, "DATE", "1998-08-06")
        }
    );
    assert_eq!(doc.timexes[1].kind, "DURATION");
    assert_eq!(doc.timexes[1].modifier.as_deref(), Some("EQUAL_OR_LESS"));
    assert_eq!(doc.timexes[1].anchor_time_id, None);
    let set = &doc.timexes[2];
    assert_eq!(
        (set.quant.as_deref(), set.freq.as_deref()),
        (Some("EVERY"), Some("2X"))
    );
    Ok(())
}

#[test]
fn line_ends_are_normalised_and_references_decoded() -> TestResult {
    let xml = "<TimeML><TEXT>a\r\nb&#233;&#xE9;&lt;&gt;&quot;&apos; <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"PRESENT_REF\">now</TIMEX3>\r</TEXT></TimeML>";
    let doc = parse_tml(xml)?;
    assert_eq!(doc.text, "a\nbéé<>\"' now\n");
    assert_eq!((doc.timexes[0].start, doc.timexes[0].end), (10, 13));
    Ok(())
}

#[test]
fn unknown_and_illegal_references_are_kept_as_written() -> TestResult {
    let xml = "<TimeML><TEXT>&foo;&#0; <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998\">1998</TIMEX3></TEXT></TimeML>";
    let doc = parse_tml(xml)?;
    assert_eq!(doc.text, "&foo;&#0; 1998");
    assert_eq!(doc.covered_text(&doc.timexes[0]), "1998");
    assert_eq!(doc.timexes[0].start, 10);
    Ok(())
}

#[test]
fn attribute_values_are_normalised_as_xml_says() -> TestResult {
    // A literal tab or line end in an attribute becomes a space; a reference to one stays.
    let xml = "<TimeML><TEXT><TIMEX3 tid=\"t1\" type=\"DATE\" value=\"a\tb\r\nc&#10;d&amp;e&bogus;\">x</TIMEX3></TEXT></TimeML>";
    let doc = parse_tml(xml)?;
    assert_eq!(doc.timexes[0].value, "a b c\nd&e&bogus;");
    Ok(())
}

#[test]
fn nested_timexes_are_read_outer_first() -> TestResult {
    let xml = r#"<TimeML><TEXT>in <TIMEX3 tid="t1" type="DATE" value="1998-SU">the summer of <TIMEX3 tid="t2" type="DATE" value="1998">1998</TIMEX3></TIMEX3>.</TEXT></TimeML>"#;
    let doc = parse_tml(xml)?;
    let spans: Vec<(&str, usize, usize)> = doc
        .timexes
        .iter()
        .map(|t| (t.tid.as_str(), t.start, t.end))
        .collect();
    assert_eq!(spans, [("t1", 3, 21), ("t2", 17, 21)]);
    Ok(())
}

#[test]
fn documents_without_events_dct_or_text_content() -> TestResult {
    let doc = parse_tml("<TimeML><TEXT/></TimeML>")?;
    assert_eq!((doc.docid, doc.dct, doc.text.as_str()), (None, None, ""));
    assert!(doc.timexes.is_empty());

    // TIMEX3s outside TEXT are not text annotations; a CREATION_TIME one is the DCT.
    let xml = r#"<TimeML><TITLE><TIMEX3 tid="t9" type="DATE" value="1999">1999</TIMEX3></TITLE><TIMEX3 tid="t0" type="DATE" value="2000-01-01" functionInDocument="CREATION_TIME"/><TEXT>plain</TEXT></TimeML>"#;
    let doc = parse_tml(xml)?;
    assert_eq!(doc.dct.ok_or("no DCT")?.value, "2000-01-01");
    assert!(doc.timexes.is_empty());
    Ok(())
}

#[test]
fn malformed_documents_are_errors() {
    assert!(matches!(parse_tml(""), Err(TimeMlError::NoText)));
    assert!(matches!(
        parse_tml("<TimeML></TimeML>"),
        Err(TimeMlError::NoText)
    ));
    assert!(matches!(
        parse_tml("<TimeML><TEXT>a</TEXT><TEXT>b</TEXT></TimeML>"),
        Err(TimeMlError::SeveralTexts { .. })
    ));
    assert!(matches!(
        parse_tml("<TimeML><TEXT>abc"),
        Err(TimeMlError::Unclosed { .. } | TimeMlError::Xml { .. })
    ));
    for bad in [
        "<TimeML><TEXT>a </TIMEX3> b</TEXT></TimeML>",
        "<TimeML><TEXT>a <TIMEX3 tid=\"t1\">b</TEXT></TimeML>",
        "<TimeML><TEXT>a & b</TEXT></TimeML>",
        "<TimeML><TEXT>a <TIMEX3 tid=\"t1\" tid=\"t2\">b</TIMEX3></TEXT></TimeML>",
        "<TimeML><TEXT>a <TIMEX3 tid=t1>b</TIMEX3></TEXT></TimeML>",
    ] {
        let e = parse_tml(bad).unwrap_err();
        assert!(matches!(e, TimeMlError::Xml { .. }), "{bad}: {e}");
    }
}

#[test]
fn a_byte_order_mark_is_not_text() -> TestResult {
    let doc = parse_tml("\u{feff}<?xml version=\"1.0\"?><TimeML><TEXT>a</TEXT></TimeML>")?;
    assert_eq!(doc.text, "a");
    Ok(())
}

#[test]
fn a_bad_attribute_is_reported_at_its_tag() {
    // The TIMEX3 tag starts at byte 16: "<TimeML><TEXT>a " is 16 bytes.
    let xml = "<TimeML><TEXT>a <TIMEX3 tid=\"t1\" tid=\"t2\">b</TIMEX3></TEXT></TimeML>";
    match parse_tml(xml) {
        Err(TimeMlError::Xml { position, message }) => {
            assert_eq!(position, 16, "{message}");
            assert!(message.contains("TIMEX3"), "{message}");
        }
        other => panic!("expected an XML error, got {other:?}"),
    }
}
