//! Extraction (segmentation, tagging, events, names) never panics and keeps its offsets
//! consistent, whatever the text.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_extract::extract;
use annalist_ingest::{IngestOptions, read_bytes};
use proptest::prelude::*;

fn check(input: &str) {
    for doc in read_bytes("p.txt", input.as_bytes(), &IngestOptions::default())
        .into_iter()
        .flatten()
    {
        let n = doc.text.chars().count();
        let x = extract(doc, &annalist_extract::Taggers::english());
        // Statements, one sentence's parts too, come in order and never overlap.
        for pair in x.events.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{pair:?}");
        }
        for e in &x.events {
            assert!(e.start <= e.end && e.end <= n);
            for name in &e.names {
                assert!(
                    e.start <= name.start && name.end <= e.end,
                    "{name:?} outside {e:?}"
                );
            }
            if let Some(i) = e.time.timex {
                let t = &x.timexes[i];
                assert!(e.start <= t.start && t.start < e.end.max(t.start + 1));
            }
        }
    }
}

proptest! {
    #[test]
    fn arbitrary_text(s in "\\PC{0,500}") {
        check(&s);
    }

    #[test]
    fn news_like_soup(words in proptest::collection::vec(prop_oneof![
        Just("On"), Just("March"), Just("3,"), Just("1988"), Just("the"), Just("Army"),
        Just("killed"), Just("52"), Just("people."), Just("Mr."), Just("Aliyev"), Just("said"),
        Just("yesterday"), Just("\n\n"), Just("Date: 2025-03-14\n"), Just("in"), Just("Baku"),
        Just("U.S."), Just("a.m."), Just("\u{00e9}"), Just("\""), Just("Next"), Just("day"),
        Just(";"), Just(", and"), Just(", while"), Just("("), Just(")"), Just("on 5 May"),
        Just("from Monday, March 2, to"), Just("later in the day"),
    ], 0..80)) {
        check(&words.join(" "));
    }
}
