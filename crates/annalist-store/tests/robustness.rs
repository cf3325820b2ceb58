//! Whatever a user types, queries answer or refuse with a message: never a panic, never an
//! SQL or FTS5 syntax error.

mod common;

use annalist_store::{SearchQuery, Store, StoreError, TimelineQuery, instant};
use proptest::prelude::*;

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn store() -> TestResult<Store> {
    let mut s = Store::in_memory()?;
    s.insert(&common::extraction(
        "a.txt",
        "Date: 2025-03-14\n\nOn March 3, 1988 \"quoted\" words (and NEAR/OR) were said.\n",
    )?)?;
    Ok(s)
}

proptest! {
    #[test]
    fn periods_parse_or_refuse(text in ".{0,24}") {
        if let Ok((start, end)) = instant::parse_period(&text) {
            prop_assert!(start < end);
        }
    }

    #[test]
    fn any_search_text_is_answered_or_refused(text in "\\PC{0,40}") {
        let s = store().map_err(|e| TestCaseError::fail(e.to_string()))?;
        match s.search(&text, &SearchQuery::default()) {
            Ok(_) | Err(StoreError::BadQuery(_)) => {}
            Err(e) => prop_assert!(false, "{text:?}: {e}"),
        }
        let q = TimelineQuery { text: Some(text.clone()), source: Some(text.clone()), category: Some(text.clone()), ..Default::default() };
        match s.timeline(&q) {
            Ok(_) | Err(StoreError::BadQuery(_)) => {}
            Err(e) => prop_assert!(false, "{text:?}: {e}"),
        }
        match s.document(&text) {
            Ok(_) | Err(StoreError::NotFound(_)) | Err(StoreError::Ambiguous(_)) => {}
            Err(e) => prop_assert!(false, "{text:?}: {e}"),
        }
    }
}

#[test]
fn quotes_and_operators_are_words() -> TestResult {
    let s = store()?;
    assert_eq!(s.search("\"quoted\"", &SearchQuery::default())?.total, 1);
    assert_eq!(s.search("NEAR OR", &SearchQuery::default())?.total, 1);
    Ok(())
}
