//! The tagger on the TempEval-3 training corpus (TBAQ), scored as TempEval-3 Task A does.
//!
//! The floors are the figures reached when they were last raised, rounded down: a change that
//! makes the tagger worse on the corpus fails here. The corpus is read from `../shared` and
//! never copied into the repository; without it the test fails under CI and skips otherwise.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::Path;

use annalist_time::{Anchor, Tagger};
use annalist_timeml::{Scores, TimexAnnotation, evaluate, read_dir};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const STRICT_F1_FLOOR: f64 = 0.900;
const RELAXED_F1_FLOOR: f64 = 0.949;
const VALUE_F1_FLOOR: f64 = 0.816;
const TYPE_F1_FLOOR: f64 = 0.907;

fn corpus(name: &str) -> Option<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(name);
    if root.is_dir() {
        return Some(root);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "corpus missing at {} (CI must have ../shared)",
            root.display()
        );
    }
    eprintln!("skipping: corpus not found at {}", root.display());
    None
}

fn score(root: &Path) -> Result<Scores, Box<dyn std::error::Error>> {
    let tagger = Tagger::english();
    let gold = read_dir(root)?;
    let pairs = gold
        .into_iter()
        .map(|(name, g)| {
            let anchor = Anchor::from_dct(&g.dct.as_ref().ok_or("document has no DCT")?.value)?;
            let mut system = g.clone();
            system.timexes = tagger
                .tag(&g.text, &anchor)
                .into_iter()
                .map(|t| TimexAnnotation {
                    start: t.start,
                    end: t.end,
                    tid: String::new(),
                    kind: t.kind.to_string(),
                    value: t.value.to_string(),
                    modifier: t.modifier.map(|m| m.to_string()),
                    ..TimexAnnotation::default()
                })
                .collect();
            Ok((name, g, system))
        })
        .collect::<Result<Vec<_>, Box<dyn std::error::Error>>>()?;
    let refs: Vec<_> = pairs.iter().map(|(n, g, s)| (n.as_str(), g, s)).collect();
    Ok(evaluate(&refs).overall)
}

#[test]
fn tbaq_scores_stay_above_their_floors() -> TestResult {
    let Some(root) = corpus("tempeval3/train") else {
        return Ok(());
    };
    let c = score(&root)?;
    println!(
        "TBAQ: gold {} system {} | strict P {:.3} R {:.3} F1 {:.4} | relaxed P {:.3} R {:.3} F1 {:.4} | type F1 {:.4} | value F1 {:.4}",
        c.counts.gold,
        c.counts.system,
        c.strict.precision,
        c.strict.recall,
        c.strict.f1,
        c.relaxed.precision,
        c.relaxed.recall,
        c.relaxed.f1,
        c.type_f1,
        c.value_f1
    );
    assert_eq!(c.counts.gold, 1822);
    assert!(
        c.strict.f1 >= STRICT_F1_FLOOR,
        "strict F1 {:.3}",
        c.strict.f1
    );
    assert!(
        c.relaxed.f1 >= RELAXED_F1_FLOOR,
        "relaxed F1 {:.3}",
        c.relaxed.f1
    );
    assert!(c.value_f1 >= VALUE_F1_FLOOR, "value F1 {:.3}", c.value_f1);
    assert!(c.type_f1 >= TYPE_F1_FLOOR, "type F1 {:.3}", c.type_f1);
    Ok(())
}

/// Scores corpus `dir` (under `../shared/data`) and checks its strict, relaxed and value F1
/// against the floors given, in that order.
fn check_floors(name: &str, dir: &str, strict: f64, relaxed: f64, value: f64) -> TestResult {
    let Some(root) = corpus(dir) else {
        return Ok(());
    };
    let c = score(&root)?;
    println!(
        "{name}: strict F1 {:.4} relaxed F1 {:.4} value F1 {:.4}",
        c.strict.f1, c.relaxed.f1, c.value_f1
    );
    assert!(c.strict.f1 >= strict, "{name} strict F1 {:.3}", c.strict.f1);
    assert!(
        c.relaxed.f1 >= relaxed,
        "{name} relaxed F1 {:.3}",
        c.relaxed.f1
    );
    assert!(c.value_f1 >= value, "{name} value F1 {:.3}", c.value_f1);
    Ok(())
}

#[test]
fn wikiwars_narratives_stay_above_their_floors() -> TestResult {
    // Value 0.880 until "at night" was tagged (0.879: five more matches whose gold values are
    // `XXXX-XX-XXTNI` where the tagger gives the story's month's night, no right value lost),
    // back to 0.87996 when a month that leaves the story's day behind anchored "that same day";
    // 0.87978 since "at sunset" is tagged ("The visit climaxed at sunset", the evening of 1 May
    // 2003, is not annotated there: one spurious expression, no value lost).
    check_floors("WikiWars", "wikiwars-timex3", 0.884, 0.947, 0.8797)
}

/// Informal text: the tweets' annotation has its own conventions (a year written
/// `2014-XX-XX`, "Friday" as `2014-10-24-WXX-5`, a week as `2014-07-W27`), so the value
/// figure is low by construction; the floors guard the informal vocabulary ("tmrw",
/// "430pm", "this sun"). Value 0.656 until "Four years ago, on 1st April" took the year of
/// the expression before the comma (2011-04-01, where the gold has 2015-04-01 for it and
/// 2011-04-01 for "Four years ago"), and "This time last year, I had the best family Xmas
/// dinner" the year "last year" counts (2013-12-25, written on 2014-12-24; the gold has
/// 2014-12-25).
#[test]
fn tweets_stay_above_their_floors() -> TestResult {
    check_floors("tweets", "tweets-zhong/train", 0.851, 0.900, 0.653)
}

/// The tweets' test split, which no rule was written from: a check that the informal rules
/// generalize. (Only measured, never tuned on.)
#[test]
fn held_out_tweets_stay_above_their_floors() -> TestResult {
    // Value 0.712 until lower-case "thurs", "tues", "fri" became weekdays: one more match,
    // whose value differs from the gold's, no right value lost.
    check_floors("tweets test", "tweets-zhong/test", 0.873, 0.925, 0.710)
}
