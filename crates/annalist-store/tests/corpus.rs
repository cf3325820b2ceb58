//! The generated corpus, stored: counts add up, stories from different sources merge, and
//! re-adding changes nothing.

mod common;

use annalist_store::{Inserted, Store, TimelineQuery};
use common::{corpus, extraction};

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn a_generated_corpus_is_stored_once_and_queried() -> TestResult {
    let mut store = Store::in_memory()?;
    let xs = (0..60)
        .map(|i| extraction(&format!("{i}.txt"), &corpus::article(i)))
        .collect::<Result<Vec<_>, _>>()?;
    assert!(xs.iter().all(|x| !x.events.is_empty()));
    let outcomes = store.insert_batch(&xs)?;
    assert!(outcomes.iter().all(|o| *o == Inserted::Added));
    let again = store.insert_batch(&xs)?;
    assert!(again.iter().all(|o| *o == Inserted::Unchanged));
    let stats = store.stats()?;
    assert_eq!(stats.documents, 60);
    assert_eq!(
        stats.events,
        xs.iter().map(|x| x.events.len()).sum::<usize>()
    );
    assert_eq!(
        stats.figures,
        xs.iter().map(|x| x.figures.len()).sum::<usize>()
    );
    let page = store.timeline(&TimelineQuery::default())?;
    // Chronological.
    assert!(
        page.entries
            .windows(2)
            .all(|w| (w[0].start_s, w[0].end_s) <= (w[1].start_s, w[1].end_s))
    );
    // Filler sentences carry no date: statements repeated verbatim across articles
    // ("In 1987, the parliament … freed 412 prisoners" is unlikely), but identical
    // day-level statements merge, so entries never exceed events.
    assert!(page.total <= stats.events);
    Ok(())
}
