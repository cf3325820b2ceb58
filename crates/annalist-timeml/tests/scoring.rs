//! The scorer on documents whose scores are worked out by hand in the comments.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_timeml::{ErrorKind, TimexAnnotation, TmlDocument, evaluate};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn doc(
    text: &str,
    timexes: &[(&str, &str, &str)],
) -> Result<TmlDocument, Box<dyn std::error::Error>> {
    // Each timex is given by the text it covers (first occurrence), its type and value.
    let timexes = timexes
        .iter()
        .map(|(covered, kind, value)| {
            let byte = text.find(covered).ok_or("covered text is in the text")?;
            let start = text[..byte].chars().count();
            Ok(TimexAnnotation::new(
                start,
                start + covered.chars().count(),
                *kind,
                *value,
            ))
        })
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    Ok(TmlDocument {
        text: text.into(),
        timexes,
        ..TmlDocument::default()
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

const SALES: &str = "Sales fell 5% last week, rose on Monday and will rise in the next quarter.";

#[test]
fn three_gold_two_system_one_exact_one_overlapping_with_a_wrong_value() -> TestResult {
    let gold = doc(
        SALES,
        &[
            ("last week", "DATE", "1998-W01"),
            ("Monday", "DATE", "1998-01-05"),
            ("the next quarter", "DATE", "1998-Q2"),
        ],
    )?;
    let system = doc(
        SALES,
        &[
            ("last week", "DATE", "1998-W01"),
            ("next quarter", "DATE", "1998-Q3"),
        ],
    )?;
    let report = evaluate(&[("sales.tml", &gold, &system)]);
    let s = report.overall;
    // gold 3, system 2; strict matches 1 (last week), relaxed 2 (+ the next quarter).
    assert_eq!(
        (
            s.counts.gold,
            s.counts.system,
            s.counts.strict,
            s.counts.relaxed
        ),
        (3, 2, 1, 2)
    );
    // strict: P = 1/2, R = 1/3, F1 = 2·(1/2)(1/3) / (1/2 + 1/3) = (1/3) / (5/6) = 2/5.
    assert!(close(s.strict.precision, 0.5));
    assert!(close(s.strict.recall, 1.0 / 3.0));
    assert!(close(s.strict.f1, 0.4));
    // relaxed: P = 2/2, R = 2/3, F1 = 2·1·(2/3) / (5/3) = 4/5.
    assert!(close(s.relaxed.precision, 1.0));
    assert!(close(s.relaxed.recall, 2.0 / 3.0));
    assert!(close(s.relaxed.f1, 0.8));
    // type right in both relaxed pairs: accuracy 1, type F1 = 0.8;
    // value right in one of two: accuracy 1/2, value F1 = 0.4; no mods anywhere: mod accuracy 1.
    assert!(close(s.type_accuracy, 1.0) && close(s.type_f1, 0.8));
    assert!(close(s.value_accuracy, 0.5) && close(s.value_f1, 0.4));
    assert!(close(s.mod_accuracy, 1.0));

    // Errors in text order: Monday missed, then "the next quarter" with the wrong extent and
    // the wrong value.
    let kinds: Vec<ErrorKind> = report.errors.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [ErrorKind::Missed, ErrorKind::Extent, ErrorKind::Value]
    );
    let value = &report.errors[2];
    assert_eq!(value.file, "sales.tml");
    assert_eq!(value.gold_text.as_deref(), Some("the next quarter"));
    assert_eq!(value.system_text.as_deref(), Some("next quarter"));
    assert_eq!(
        value.system.as_ref().ok_or("a system annotation")?.value,
        "1998-Q3"
    );
    assert_eq!(
        value.context,
        "Sales fell 5% last week, rose on Monday and will rise in [the next quarter]."
    );
    assert_eq!(report.files.len(), 1);
    assert_eq!(report.files[0].scores, s);
    Ok(())
}

#[test]
fn pairs_prefer_the_largest_overlap_one_to_one() -> TestResult {
    let text = "March 3 and 4, 1988 were quiet.";
    // Gold "March 3" [0, 7) and "and 4, 1988" [8, 19).
    let gold = doc(
        text,
        &[
            ("March 3", "DATE", "1988-03-03"),
            ("and 4, 1988", "DATE", "1988-03-04"),
        ],
    )?;
    // System "March 3 and 4, 1988" [0, 19) overlaps the first by 7 and the second by 11, so it
    // pairs with the second; "March" [0, 5) is then left to pair with the first.
    let system = doc(
        text,
        &[
            ("March 3 and 4, 1988", "DATE", "1988-03-04"),
            ("March", "DATE", "1988-03-03"),
        ],
    )?;
    let c = evaluate(&[("m.tml", &gold, &system)]).overall.counts;
    assert_eq!((c.strict, c.relaxed, c.value_correct), (0, 2, 2));

    // With only the long span, it still pairs with "and 4, 1988" (its value is right only
    // for that one), and "March 3" is the one missed.
    let system = doc(text, &[("March 3 and 4, 1988", "DATE", "1988-03-04")])?;
    let report = evaluate(&[("m.tml", &gold, &system)]);
    assert_eq!(report.overall.counts.value_correct, 1);
    let missed: Vec<_> = report.errors_of(ErrorKind::Missed).collect();
    assert_eq!(missed.len(), 1);
    assert_eq!(missed[0].gold_text.as_deref(), Some("March 3"));
    Ok(())
}

#[test]
fn files_are_micro_averaged() -> TestResult {
    let one = doc("It ended in 1990.", &[("1990", "DATE", "1990")])?;
    let three = doc(
        "In 1990, 1991 and 1992.",
        &[
            ("1990", "DATE", "1990"),
            ("1991", "DATE", "1991"),
            ("1992", "DATE", "1992"),
        ],
    )?;
    let nothing = TmlDocument {
        timexes: vec![],
        ..three.clone()
    };
    let report = evaluate(&[("a.tml", &one, &one), ("b.tml", &three, &nothing)]);
    // Overall: gold 4, system 1, strict 1 → P = 1, R = 1/4, F1 = 2·(1/4) / (5/4) = 0.4
    // (averaging the files' F1s, 1 and 0, would give 0.5).
    assert!(close(report.overall.strict.f1, 0.4));
    assert!(close(report.overall.value_f1, 0.4));
    assert_eq!(report.files[0].scores.strict.f1, 1.0);
    // b.tml: no system annotations: precision has nothing to judge (1 by convention), recall 0.
    let b = &report.files[1].scores;
    assert_eq!(
        (b.strict.precision, b.strict.recall, b.strict.f1),
        (1.0, 0.0, 0.0)
    );
    assert_eq!(b.value_f1, 0.0);
    assert_eq!(report.errors_of(ErrorKind::Missed).count(), 3);
    Ok(())
}

#[test]
fn nothing_to_find_and_nothing_found_is_perfect() -> TestResult {
    let empty = doc("No dates here.", &[])?;
    let s = evaluate(&[("e.tml", &empty, &empty)]).overall;
    assert_eq!(
        (s.strict.f1, s.relaxed.f1, s.value_f1, s.type_f1),
        (1.0, 1.0, 1.0, 1.0)
    );
    Ok(())
}

#[test]
fn spurious_and_type_errors_come_with_their_sentence() -> TestResult {
    let text = "The army left. Then, on Friday, rebels came back! Talks start soon.";
    let gold = doc(text, &[("Friday", "DATE", "2025-03-14")])?;
    let system = doc(
        text,
        &[
            ("Friday", "TIME", "2025-03-14"),
            ("soon", "DATE", "FUTURE_REF"),
        ],
    )?;
    let report = evaluate(&[("f.tml", &gold, &system)]);
    let c = report.overall.counts;
    // One strict pair with the wrong type, one spurious: type F1 = 0 × (2/3) = 0.
    assert_eq!(
        (c.strict, c.relaxed, c.type_correct, c.value_correct),
        (1, 1, 0, 1)
    );
    assert_eq!(report.overall.type_f1, 0.0);
    assert!(close(report.overall.value_f1, 2.0 / 3.0));
    let contexts: Vec<(ErrorKind, &str)> = report
        .errors
        .iter()
        .map(|e| (e.kind, e.context.as_str()))
        .collect();
    assert_eq!(
        contexts,
        [
            (ErrorKind::Type, "Then, on [Friday], rebels came back!"),
            (ErrorKind::Spurious, "Talks start [soon]."),
        ]
    );
    assert!(report.errors[1].gold.is_none());
    Ok(())
}

#[test]
fn long_sentences_fall_back_to_sixty_characters() -> TestResult {
    let before = "x".repeat(300);
    let after = "y".repeat(300);
    let text = format!("{before} today {after}");
    let gold = doc(&text, &[("today", "DATE", "2025-03-14")])?;
    let empty = doc(&text, &[])?;
    let report = evaluate(&[("l.tml", &gold, &empty)]);
    let expected = format!("…{} [today] {}…", "x".repeat(59), "y".repeat(59));
    assert_eq!(report.errors[0].context, expected);
    Ok(())
}

#[test]
fn reports_serialise_and_print() -> TestResult {
    let gold = doc(
        SALES,
        &[
            ("last week", "DATE", "1998-W01"),
            ("Monday", "DATE", "1998-01-05"),
        ],
    )?;
    let system = doc(SALES, &[("last week", "DATE", "1998-W02")])?;
    let report = evaluate(&[("sales.tml", &gold, &system)]);

    let json = serde_json::to_value(&report)?;
    assert_eq!(json["overall"]["counts"]["gold"], 2);
    assert_eq!(json["overall"]["strict"]["precision"], 1.0);
    assert_eq!(json["overall"]["relaxed"]["recall"], 0.5);
    assert_eq!(json["errors"][0]["kind"], "value");
    assert_eq!(json["errors"][0]["gold"]["type"], "DATE");
    assert_eq!(json["errors"][1]["kind"], "missed");
    assert_eq!(json["files"][0]["name"], "sales.tml");

    let table = report.to_text(true, false);
    assert!(table.contains("sales.tml"), "{table}");
    assert!(table.lines().any(|l| l.starts_with("overall")), "{table}");
    assert!(!table.contains("errors:"), "{table}");
    let with_errors = report.to_text(false, true);
    assert!(with_errors.contains("2 errors:"), "{with_errors}");
    assert!(
        with_errors.contains(
            r#"value    gold "last week" DATE 1998-W01  system "last week" DATE 1998-W02"#
        ),
        "{with_errors}"
    );
    assert!(
        with_errors.contains("missed   gold \"Monday\" DATE 1998-01-05  system -"),
        "{with_errors}"
    );
    Ok(())
}

#[test]
fn a_different_system_text_is_flagged() -> TestResult {
    let gold = doc("On Monday.", &[])?;
    let system = doc("On  Monday.", &[])?;
    let report = evaluate(&[("t.tml", &gold, &system)]);
    assert_eq!(report.text_mismatches, ["t.tml"]);
    Ok(())
}

#[test]
fn value_f1_equals_the_f1_of_right_values() -> TestResult {
    // value_accuracy × relaxed F1 = (vc / rel) · 2·rel / (g + s) = 2·vc / (g + s).
    let gold = doc(
        SALES,
        &[
            ("last week", "DATE", "a"),
            ("Monday", "DATE", "b"),
            ("the next quarter", "DATE", "c"),
        ],
    )?;
    let system = doc(
        SALES,
        &[
            ("Sales", "DATE", "x"),
            ("last week", "DATE", "a"),
            ("Monday", "DATE", "wrong"),
        ],
    )?;
    let s = evaluate(&[("v.tml", &gold, &system)]).overall;
    // gold 3, system 3, one right value: 2·1 / 6 = 1/3.
    assert!(close(s.value_f1, 1.0 / 3.0));
    assert!(close(s.type_f1, 2.0 * 2.0 / 6.0));
    Ok(())
}
