//! Reading, writing and scoring, on small documents whose scores are worked out by hand.

use super::*;
use proptest::prelude::*;

const DOC: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
It was <EVENT eid="e1">raining</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; <TIMEX3 tid="t2" type="DURATION" value="P3D" mod="APPROX">about three days</TIMEX3> before <TIMEX3 tid="t3" type="DATE" value="1998-W02">this week</TIMEX3>.
</TEXT>
<TLINK lid="l1" eventInstanceID="ei1" relatedToTime="t1" relType="IS_INCLUDED"/>
</TimeML>
"#;

fn ann(start: usize, end: usize, kind: &str, value: &str) -> TimexAnnotation {
    TimexAnnotation {
        start,
        end,
        tid: String::new(),
        kind: kind.into(),
        value: value.into(),
        modifier: None,
        quant: None,
        freq: None,
    }
}

#[test]
fn reads_text_offsets_and_attributes() {
    let d = parse_tml(DOC).unwrap();
    assert_eq!(d.docid.as_deref(), Some("T1"));
    assert_eq!(d.dct.as_ref().unwrap().value, "1998-01-08");
    assert_eq!(
        d.text,
        "\nIt was raining yesterday & about three days before this week.\n"
    );
    let texts: Vec<String> = d
        .timexes
        .iter()
        .map(|t| d.text.chars().skip(t.start).take(t.end - t.start).collect())
        .collect();
    assert_eq!(texts, ["yesterday", "about three days", "this week"]);
    assert_eq!(d.timexes[1].modifier.as_deref(), Some("APPROX"));
    assert_eq!(d.timexes[0].tid, "t1");
}

#[test]
fn writes_back_and_reads_the_same_annotations() {
    let d = parse_tml(DOC).unwrap();
    let ours = vec![
        ann(16, 25, "DATE", "1998-01-07"),
        ann(53, 62, "DATE", "1998-W02"),
    ];
    let xml = write_tml(DOC, &ours).unwrap();
    assert!(xml.contains("<DCT><TIMEX3 tid=\"t0\""), "the DCT is kept");
    assert!(
        !xml.contains("TLINK"),
        "links to old annotations are dropped"
    );
    assert!(!xml.contains("EVENT"));
    let back = parse_tml(&xml).unwrap();
    assert_eq!(back.text, d.text);
    assert_eq!(back.timexes.len(), 2);
    assert_eq!(back.timexes[0].tid, "t1");
    assert_eq!((back.timexes[1].start, back.timexes[1].end), (53, 62));
}

#[test]
fn refuses_overlapping_or_out_of_range_annotations() {
    let e = write_tml(DOC, &[ann(16, 25, "DATE", "x"), ann(20, 30, "DATE", "y")]).unwrap_err();
    assert!(e.to_string().contains("overlaps"), "{e}");
    assert!(write_tml(DOC, &[ann(5, 500, "DATE", "x")]).is_err());
    assert!(write_tml(DOC, &[ann(5, 5, "DATE", "x")]).is_err());
}

#[test]
fn scores_by_hand() {
    // Gold: yesterday [16,25) DATE 1998-01-07; about three days [28,44) DURATION P3D;
    // this week [52,61)... (computed from the text, see below).
    let gold = parse_tml(DOC).unwrap();
    let g: Vec<(usize, usize)> = gold.timexes.iter().map(|t| (t.start, t.end)).collect();
    // System: "yesterday" exact and right; "three days" overlapping "about three days" with
    // the right value; nothing for "this week"; a spurious "raining".
    let mut system = gold.clone();
    system.timexes = vec![
        ann(g[0].0, g[0].1, "DATE", "1998-01-07"),
        ann(g[1].0 + 6, g[1].1, "DURATION", "P3D"),
        ann(8, 15, "DATE", "XXXX"),
    ];
    let r = evaluate(&[("t.tml".into(), gold, system)]);
    let c = r.overall;
    // 3 gold, 3 system; strict: 1; relaxed: 2.
    assert_eq!((c.gold, c.system, c.strict, c.relaxed), (3, 3, 1, 2));
    assert!((c.strict_f1() - 1.0 / 3.0).abs() < 1e-9);
    // relaxed P = R = 2/3, F1 = 2/3; both relaxed pairs have the right value → value F1 = 2/3.
    assert!((c.relaxed_f1() - 2.0 / 3.0).abs() < 1e-9);
    assert!((c.value_f1() - 2.0 / 3.0).abs() < 1e-9);
    let kinds: Vec<ErrorKind> = r.mistakes.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [ErrorKind::Extent, ErrorKind::Missed, ErrorKind::Spurious]
    );
    assert!(r.mistakes[1].context.contains("[this week]"));
}

#[test]
fn a_wrong_value_lowers_value_f1_only() {
    let gold = parse_tml(DOC).unwrap();
    let mut system = gold.clone();
    system.timexes[2].value = "1998-W03".into();
    let c = evaluate(&[("t.tml".into(), gold, system)]).overall;
    assert_eq!(c.strict_f1(), 1.0);
    assert!((c.value_f1() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(c.type_f1(), 1.0);
}

#[test]
fn malformed_documents_are_errors() {
    assert!(matches!(
        parse_tml("<TimeML></TimeML>"),
        Err(TimeMlError::NoText)
    ));
    assert!(parse_tml("<TimeML><TEXT>a <TIMEX3 tid=\"t1\">b</TEXT></TimeML>").is_err());
    assert!(parse_tml("<TimeML><TEXT>a </TIMEX3> b</TEXT></TimeML>").is_err());
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_input(s in "\\PC{0,300}") {
        let _ = parse_tml(&s);
        let _ = parse_tml(&format!("<TimeML><TEXT>{s}</TEXT></TimeML>"));
    }

    #[test]
    fn write_then_parse_round_trips(
        text in "[a-z &<>\"é.\n]{1,80}",
        cuts in proptest::collection::vec(0usize..80, 0..6),
    ) {
        let mut escaped = String::new();
        for c in text.chars() {
            match c {
                '&' => escaped.push_str("&amp;"),
                '<' => escaped.push_str("&lt;"),
                '>' => escaped.push_str("&gt;"),
                c => escaped.push(c),
            }
        }
        let xml = format!("<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2000-01-01\">x</TIMEX3></DCT>\n<TEXT>{escaped}</TEXT>\n</TimeML>\n");
        let n = text.chars().count();
        let mut points: Vec<usize> = cuts.into_iter().map(|c| c % (n + 1)).collect();
        points.sort();
        points.dedup();
        let anns: Vec<TimexAnnotation> = points
            .chunks(2)
            .filter(|p| p.len() == 2 && p[0] < p[1])
            .enumerate()
            .map(|(i, p)| TimexAnnotation { tid: format!("t{}", i + 1), ..ann(p[0], p[1], "DATE", "2000") })
            .collect();
        let out = write_tml(&xml, &anns).unwrap();
        let back = parse_tml(&out).unwrap();
        prop_assert_eq!(back.text, text);
        prop_assert_eq!(back.timexes, anns);
    }
}

/// The TempEval-3 training corpus, when it is there.
#[test]
fn reads_the_whole_training_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/tempeval3/train");
    if !root.is_dir() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("TempEval-3 corpus missing at {}", root.display());
        }
        eprintln!(
            "skipping: TempEval-3 corpus not found at {}",
            root.display()
        );
        return;
    }
    let docs = parse_dir(&root).unwrap();
    assert_eq!(docs.len(), 256);
    let count = |prefix: &str| -> usize {
        docs.iter()
            .filter(|(n, _)| n.starts_with(prefix))
            .map(|(_, d)| d.timexes.len())
            .sum()
    };
    assert_eq!(count("TimeBank"), 1243);
    assert_eq!(count("AQUAINT"), 579);
    for (name, d) in &docs {
        assert!(d.dct.is_some(), "{name} has a DCT");
    }
    let pairs: Vec<_> = docs
        .iter()
        .map(|(n, d)| (n.clone(), d.clone(), d.clone()))
        .collect();
    let c = evaluate(&pairs).overall;
    assert_eq!(
        (c.strict_f1(), c.relaxed_f1(), c.value_f1(), c.type_f1()),
        (1.0, 1.0, 1.0, 1.0)
    );
}
