//! The tagger must never panic, never overflow and always return consistent spans, whatever
//! the input: arbitrary Unicode, pathological repetitions, absurd numbers.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_time::{Anchor, Tagger, Timex};
use proptest::prelude::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The shape of every TIMEX3 value the tagger may write: a reference point, a duration, or a
/// calendar value whose time of day hangs on a day (`XXXX-XXTMO`, a morning of a month, is
/// not a value). The earliest year an anchor allows, astronomical -9999, is `BC10000`.
fn is_timex3_value(value: &str) -> Result<bool, Box<dyn std::error::Error>> {
    static SHAPE: std::sync::OnceLock<Result<regex::Regex, regex::Error>> =
        std::sync::OnceLock::new();
    let shape = SHAPE.get_or_init(|| {
        let amount = r"(?:\d+(?:\.\d+)?|X)";
        let time = r"(?:T(?:\d{2}:\d{2}(?::\d{2})?|MO|MI|AF|EV|NI|DT))";
        let two = r"(?:\d{2}|XX)";
        let calendar = format!(
            r"(?:BC\d{{5}}|(?:BC)?(?:\d{{4}}|\d{{3}}|\d{{2}}|XXXX))(?:-{two}(?:-{two}{time}?)?|-W{two}(?:-(?:[1-7]{time}?|WE))?|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?"
        );
        let duration =
            format!(r"P(?:{amount}(?:DE|CE|Y|Q|M|W|D))*(?:T(?:{amount}[HMS])+)?");
        regex::Regex::new(&format!(
            r"^(?:(?:PRESENT|PAST|FUTURE)_REF|{calendar}|{duration})$"
        ))
    });
    let shape = shape.as_ref().map_err(ToString::to_string)?;
    Ok(value != "P" && shape.is_match(value))
}

fn check_spans(text: &str, timexes: &[Timex]) -> TestResult {
    let mut last_end = 0;
    for t in timexes {
        let value = t.value.to_string();
        assert!(
            is_timex3_value(&value)?,
            "malformed value {value} for {t:?}"
        );
        assert!(t.byte_start < t.byte_end, "empty span {t:?}");
        assert!(t.byte_start >= last_end, "overlapping or unordered spans");
        assert_eq!(&text[t.byte_start..t.byte_end], t.text);
        let chars: String = text.chars().skip(t.start).take(t.end - t.start).collect();
        assert_eq!(
            chars, t.text,
            "character offsets disagree with byte offsets"
        );
        last_end = t.byte_end;
    }
    Ok(())
}

fn tag(text: &str, dct: Option<&str>) -> Result<Vec<Timex>, Box<dyn std::error::Error>> {
    let anchor = match dct {
        Some(d) => Anchor::from_dct(d)?,
        None => Anchor::none(),
    };
    let out = Tagger::english().tag(text, &anchor);
    check_spans(text, &out)?;
    Ok(out)
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        tag(&text, Some("2025-03-14")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        tag(&text, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }

    #[test]
    fn temporal_word_soup_never_panics(words in proptest::collection::vec(prop_oneof![
        Just("next"), Just("last"), Just("the"), Just("March"), Just("3"), Just(","), Just("1988"),
        Just("years"), Just("ago"), Just("early"), Just("-"), Just("mid"), Just("1990s"),
        Just("a.m."), Just("4"), Just(":"), Just("30"), Just("every"), Just("twice"), Just("a"),
        Just("week"), Just("day"), Just("before"), Just("later"), Just("Friday"), Just("night"),
        Just("99999999999"), Just("BC"), Just("AD"), Just("twenty"), Just("first"), Just("'"),
        Just("s"), Just("quarter"), Just("of"), Just("that"), Just("more"), Just("than"),
        Just("and"), Just("to"), Just("or"), Just("7"), Just("pm"), Just("."), Just("–"),
        Just("January"), Just("1915"), Just("17"),
        Just("p.m."), Just("between"), Just("until"), Just("from"), Just("on"), Just("c."),
        Just("weekends"), Just("December"), Just("31"), Just("12"), Just("half"), Just("second"),
        Just("century"), Just("20th"), Just("Christmas"), Just("Sunday"), Just("1070"),
        Just("overnight"), Just("new"), Just("year"), Just("consecutive"), Just("alternate"),
        Just("days"), Just("26th"), Just("morning"), Just("Election"), Just("Day"), Just("hours"),
        Just("about"), Just("at"), Just("decade"), Just("end"), Just("92"), Just("14.00"),
        Just("GMT"), Just("dawn"), Just("dusk"), Just("3rd"), Just("fourth"), Just("tomorrow"),
        Just("turn"), Just("spring"), Just("Tuesday"), Just("Eve"), Just("New"), Just("Baghdad"),
        Just("past"), Just("minutes"), Just("coming"), Just("evening"), Just("in"),
        Just("weekend"), Just("Easter"), Just("annually"), Just("%"),
        Just("4,"), Just("5,"), Just("2026-W49"), Just("1H26"), Just("12/14"), Just("1/2"),
        Just("odd"), Just("20-odd"), Just("the 4th"), Just("5th"), Just("died"), Just("rally"),
        Just("for"), Just("since"), Just("6am"), Just("Thanksgiving"),
    ], 0..60), dct in prop_oneof![Just(Some("2025-03-14")), Just(Some("-0043-03-15")), Just(Some("9999-12-31")), Just(None)]) {
        let text = words.join(" ");
        tag(&text, dct).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
}

#[test]
fn absurd_numbers_degrade_gracefully() -> TestResult {
    let out = tag(
        "in the year 99999999999 and 10^30 days ago",
        Some("2025-03-14"),
    )?;
    for t in &out {
        assert_ne!(t.value.to_string(), "", "{t:?}");
    }
    let out = tag("It happened 100000000 years ago.", Some("2025-03-14"))?;
    assert_eq!(out[0].value.to_string(), "PAST_REF");
    let out = tag("It happened 9999 years ago.", Some("2025-03-14"))?;
    assert_eq!(out[0].value.to_string(), "BC7975");
    Ok(())
}

#[test]
fn extreme_anchors_do_not_overflow() -> TestResult {
    for dct in ["9999-12-31", "-9999-01-01", "0000-01-01"] {
        tag(
            "Tomorrow, next year, last week, in ten centuries, 5000 years later, the next day. \
             From 10 p.m. until 5 a.m. on the last day of December; from Feb. 20 to Feb. 28; \
             the weekend; the year before last; from November to February. In the new year, \
             on the night of February 25-26, the early hours of the 26th, overnight; the last \
             day of the year; the end of the decade; every year on February 26; Election Day; \
             a week from Tuesday; the fourth week of December; dawn on December 31; from the \
             30th to the 31st of December; the turn of the century; the turn of the 99th century \
             BC; each spring; Friday, December 31; Christmas Eve; New Year's Eve; Christmas night; \
             9 p.m. Moscow time on December 31; ten minutes to midnight; a quarter to one a.m.; \
             this coming Friday, December 31; the 31st of next month; the Easter weekend; a \
             week ago Sunday; two years before, annually; every Monday, Wednesday and Friday. \
             December next year; the 2090s; the next century; in 9999; in 10000 years.",
            Some(dct),
        )?;
    }
    Ok(())
}

#[test]
fn pathological_inputs_finish() -> TestResult {
    // A megabyte of digits: one token, no expression.
    let digits = "7".repeat(1 << 20);
    assert!(tag(&digits, Some("2025-03-14"))?.is_empty());
    // "next next next … week": linear, at most one expression per "next week".
    let nexts = "next ".repeat(100_000) + "week";
    let out = tag(&nexts, Some("2025-03-14"))?;
    assert!(out.len() <= 1);
    // Many short expressions.
    let many = "Troops arrived on March 3, 1988. ".repeat(20_000);
    assert_eq!(tag(&many, Some("2025-03-14"))?.len(), 20_000);
    // Dense elided ranges: two expressions each (a chunk cut may fall inside one).
    let ranges = "6-7 January 1916, ".repeat(20_000);
    let out = tag(&ranges, Some("2025-03-14"))?;
    assert!((39_900..=40_000).contains(&out.len()), "{}", out.len());
    // Dense compound durations: one expression each, joined in one pass (a join that shifted
    // the rest of the list each time was quadratic here).
    // (A chunk cut may fall inside one.)
    let lengths = "1 year 2 months, ".repeat(50_000);
    let out = tag(&lengths, Some("2025-03-14"))?;
    assert!((50_000..=50_100).contains(&out.len()), "{}", out.len());
    let joined = out
        .iter()
        .filter(|t| t.value.to_string() == "P1Y2M")
        .count();
    assert!(joined >= 49_900, "{joined}");
    Ok(())
}
