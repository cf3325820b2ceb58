//! The archive end to end: insert extractions, read them back through every query.

mod common;

use annalist_store::{Inserted, SearchQuery, Store, StoreError, TimelineQuery, instant};
use common::{extraction, figure, with_figures};

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn period(s: &str) -> Result<(i64, i64), StoreError> {
    instant::parse_period(s)
}

/// The dates shown for the timeline entries that overlap `[first day, last day]`.
fn dates_between(store: &Store, first: &str, last: &str) -> TestResult<Vec<String>> {
    let page = store.timeline(&TimelineQuery {
        from: Some(period(first)?.0),
        to: Some(period(last)?.1),
        ..Default::default()
    })?;
    Ok(page.entries.into_iter().map(|e| e.display_date).collect())
}

#[test]
fn the_same_article_is_stored_once_and_a_changed_one_becomes_a_new_version() -> TestResult {
    let mut store = Store::in_memory()?;
    let v1 = extraction(
        "a.txt",
        "Date: 2025-03-14\nURL: https://www.example.org/curfew\n\nOn March 3, 1988 a curfew was announced in the capital.\n",
    )?;
    assert_eq!(store.insert(&v1)?, Inserted::Added);
    assert_eq!(store.insert(&v1)?, Inserted::Unchanged);
    let v2 = extraction(
        "a.txt",
        "Date: 2025-03-14\nURL: https://www.example.org/curfew\n\nOn March 4, 1988 a curfew was announced in the capital.\n",
    )?;
    assert_eq!(store.insert(&v2)?, Inserted::NewVersion(v1.doc.id.clone()));
    let stats = store.stats()?;
    assert_eq!((stats.documents, stats.superseded), (1, 1));
    // The old version is kept and points to the new one; queries read the new one.
    let old = store.document(&v1.doc.id)?;
    assert_eq!(old.superseded_by.as_deref(), Some(v2.doc.id.as_str()));
    assert_eq!(store.document("https://www.example.org/curfew")?.version, 2);
    let page = store.timeline(&TimelineQuery::default())?;
    let values: Vec<&str> = page.entries.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(values, ["1988-03-04"]);
    assert_eq!(page.entries[0].sources[0].source, "example.org");
    Ok(())
}

#[test]
fn the_timeline_is_chronological_at_each_statements_granularity() -> TestResult {
    let mut store = Store::in_memory()?;
    let x = extraction(
        "b.txt",
        "Date: 2025-03-14\n\nIn 1990 the republic declared sovereignty. On January 19, 1990 troops entered the city. In March 1988 the first strikes began.\n",
    )?;
    store.insert(&x)?;
    let page = store.timeline(&TimelineQuery::default())?;
    let dates: Vec<&str> = page
        .entries
        .iter()
        .map(|e| e.display_date.as_str())
        .collect();
    assert_eq!(dates, ["1988-03", "1990", "1990-01-19"]);
    assert_eq!(page.entries[1].granularity.as_deref(), Some("year"));
    assert_eq!(page.entries[1].start, "1990-01-01");
    assert_eq!(page.entries[1].end, "1991-01-01");
    // A window inside 1990 sees the year-level statement (it overlaps) and the day.
    assert_eq!(
        dates_between(&store, "1990-01-10", "1990-01-20")?,
        ["1990", "1990-01-19"]
    );
    // A window just after the day excludes it (intervals are half-open).
    let (from, to) = period("1990-01-20")?;
    let page = store.timeline(&TimelineQuery {
        from: Some(from),
        to: Some(to),
        ..Default::default()
    })?;
    assert_eq!(page.entries.len(), 1);
    assert_eq!(page.entries[0].value, "1990");
    // Paging.
    let page = store.timeline(&TimelineQuery {
        offset: 1,
        limit: Some(1),
        ..Default::default()
    })?;
    assert_eq!(
        (
            page.total,
            page.entries.len(),
            page.entries[0].value.as_str()
        ),
        (3, 1, "1990")
    );
    Ok(())
}

#[test]
fn early_and_late_statements_say_so_and_lie_in_their_third_of_the_period() -> TestResult {
    let mut store = Store::in_memory()?;
    let x = extraction(
        "c.txt",
        "Date: 2025-03-14\n\nIn the late 1980s the strikes spread. In early 1990, troops \
         arrived. In 1990 the republic declared sovereignty.\n",
    )?;
    store.insert(&x)?;
    let page = store.timeline(&TimelineQuery::default())?;
    let shown: Vec<(&str, Option<&str>, &str, &str)> = page
        .entries
        .iter()
        .map(|e| {
            let m = e.modifier.as_deref();
            (e.display_date.as_str(), m, e.start.as_str(), e.end.as_str())
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("late 1980s", Some("END"), "1987-01-01", "1990-01-01"),
            // Of two statements starting together, the one that ends first comes first.
            ("early 1990", Some("START"), "1990-01-01", "1990-05-01"),
            ("1990", None, "1990-01-01", "1991-01-01"),
        ]
    );
    // The summer of 1990 holds the year's statement, not the early one's.
    assert_eq!(dates_between(&store, "1990-07-01", "1990-08-31")?, ["1990"]);
    Ok(())
}

#[test]
fn statements_before_the_common_era_sort_before_later_ones() -> TestResult {
    let mut store = Store::in_memory()?;
    let mut x = extraction(
        "c.txt",
        "Date: 2025-03-14\n\nOn March 15, 1988 a statue was unveiled.\n",
    )?;
    // Move the event to 44 BCE (astronomical year -43): the tagger is not under test here.
    let d = jiff::civil::date(-43, 3, 15).to_datetime(jiff::civil::Time::midnight());
    x.events[0].time.interval = Some(annalist_time::Interval {
        start: d,
        end: d.checked_add(jiff::Span::new().days(1))?,
    });
    x.events[0].time.value = "-0043-03-15".into();
    store.insert(&x)?;
    store.insert(&extraction(
        "d.txt",
        "Date: 2025-03-14\n\nOn March 15, 1988 a second statue was unveiled.\n",
    )?)?;
    let page = store.timeline(&TimelineQuery::default())?;
    let starts: Vec<&str> = page.entries.iter().map(|e| e.start.as_str()).collect();
    assert_eq!(starts, ["-000043-03-15", "1988-03-15"]);
    let (from, to) = period("-0043")?;
    let page = store.timeline(&TimelineQuery {
        from: Some(from),
        to: Some(to),
        ..Default::default()
    })?;
    assert_eq!(page.entries.len(), 1);
    // Both are anniversaries of 15 March, oldest first.
    let days = store.on_this_day(3, 15)?;
    assert_eq!(days.len(), 2);
    assert!(days[0].start_s < days[1].start_s);
    assert!(store.on_this_day(3, 16)?.is_empty());
    assert!(matches!(
        store.on_this_day(13, 1),
        Err(StoreError::BadQuery(_))
    ));
    Ok(())
}

#[test]
fn the_same_figures_on_the_same_date_from_two_sources_are_one_entry() -> TestResult {
    let mut store = Store::in_memory()?;
    let a = with_figures(
        extraction(
            "a.txt",
            "Date: 2025-01-21\nURL: https://a.example/x\n\nOn January 20, 1990 soldiers fired on the crowd and 52 people were killed.\n",
        )?,
        vec![figure(52.0, "exact", "killed")],
    );
    let b = with_figures(
        extraction(
            "b.txt",
            "Date: 2025-01-22\nURL: https://b.example/y\n\nPolice said 52 died when troops opened fire on January 20, 1990.\n",
        )?,
        vec![figure(52.0, "exact", "killed")],
    );
    let c = with_figures(
        extraction(
            "c.txt",
            "Date: 2025-01-22\nURL: https://c.example/z\n\nOn January 20, 1990, 130 people were killed, witnesses said.\n",
        )?,
        vec![figure(130.0, "exact", "killed")],
    );
    for x in [&a, &b, &c] {
        store.insert(x)?;
    }
    assert_eq!(store.sources()?, ["a.example", "b.example", "c.example"]);
    let page = store.timeline(&TimelineQuery::default())?;
    assert_eq!(page.entries.len(), 2, "{:#?}", page.entries);
    let merged = page
        .entries
        .iter()
        .find(|e| e.figures[0].value == 52.0)
        .ok_or("no entry with 52 killed")?;
    let sources: Vec<&str> = merged.sources.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(sources, ["a.example", "b.example"]);
    // Filters: by category, by source.
    let q = TimelineQuery {
        category: Some("injured".into()),
        ..Default::default()
    };
    assert_eq!(store.timeline(&q)?.total, 0);
    let q = TimelineQuery {
        source: Some("c.example".into()),
        ..Default::default()
    };
    let page = store.timeline(&q)?;
    assert_eq!((page.total, page.entries[0].figures[0].value), (1, 130.0));
    let q = TimelineQuery {
        text: Some("witnesses".into()),
        ..Default::default()
    };
    assert_eq!(
        store.timeline(&q)?.entries[0].sources[0].source,
        "c.example"
    );
    Ok(())
}

#[test]
fn conflicts_list_every_source_with_low_best_high() -> TestResult {
    let mut store = Store::in_memory()?;
    let docs = [
        ("a.txt", "more than 100", 100.0, "at_least"),
        ("b.txt", "about 150", 150.0, "approx"),
        ("c.txt", "120", 120.0, "exact"),
    ];
    for (name, words, value, bound) in docs {
        let text = format!(
            "Date: 2025-01-21\n\nOn January 20, 1990, {words} people were killed in the city.\n"
        );
        store.insert(&with_figures(
            extraction(name, &text)?,
            vec![figure(value, bound, "killed")],
        ))?;
    }
    // A range from a fourth source counts by its ends.
    let mut range = figure(130.0, "at_least", "killed");
    range.low = Some(130.0);
    range.high = Some(170.0);
    store.insert(&with_figures(
        extraction(
            "d.txt",
            "Date: 2025-01-21\n\nBetween 130 and 170 people were killed on January 20, 1990.\n",
        )?,
        vec![range, figure(40.0, "exact", "injured")],
    ))?;
    let conflicts = store.conflicts(None, None, None)?;
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    let c = &conflicts[0];
    assert_eq!(
        (c.date.as_str(), c.category.as_str()),
        ("1990-01-20", "killed")
    );
    let values: Vec<f64> = c.figures.iter().map(|f| f.figure.value).collect();
    assert_eq!(values, [100.0, 120.0, 130.0, 150.0]);
    // low: smallest; high: the range's upper end; best: the smallest exact-or-minimum figure.
    assert_eq!((c.low, c.best, c.high), (100.0, 100.0, 170.0));
    // A window elsewhere, or another category, finds nothing.
    let (from, to) = period("1991")?;
    assert!(store.conflicts(Some(from), Some(to), None)?.is_empty());
    assert!(store.conflicts(None, None, Some("injured"))?.is_empty());
    Ok(())
}

#[test]
fn a_night_and_the_morning_after_it_are_one_time_to_compare() -> TestResult {
    let mut store = Store::in_memory()?;
    let docs = [
        (
            "a.txt",
            "On the night of January 19-20, 1990, 147 people were killed.",
            147.0,
        ),
        (
            "b.txt",
            "By the morning of January 20, 1990, 131 people had been killed.",
            131.0,
        ),
        // Two days on, and a whole month: other times.
        ("c.txt", "On January 22, 1990, 5 people were killed.", 5.0),
        ("d.txt", "In January 1990, 170 people were killed.", 170.0),
    ];
    for (name, sentence, value) in docs {
        store.insert(&with_figures(
            extraction(name, &format!("Date: 2025-01-21\n\n{sentence}\n"))?,
            vec![figure(value, "exact", "killed")],
        ))?;
    }
    let conflicts = store.conflicts(None, None, None)?;
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    let c = &conflicts[0];
    assert_eq!(c.date, "1990-01-19/1990-01-20");
    let values: Vec<f64> = c.figures.iter().map(|f| f.figure.value).collect();
    assert_eq!(values, [131.0, 147.0]);
    assert!(c.start_s < c.end_s);
    Ok(())
}

#[test]
fn agreeing_sources_and_a_single_source_are_not_conflicts() -> TestResult {
    let mut store = Store::in_memory()?;
    for name in ["a.txt", "b.txt"] {
        let text =
            format!("Date: 2025-01-21\n\nOn January 20, 1990, 52 people were killed ({name}).\n");
        store.insert(&with_figures(
            extraction(name, &text)?,
            vec![figure(52.0, "exact", "killed")],
        ))?;
    }
    // One document giving two tolls is one source revising itself.
    store.insert(&with_figures(
        extraction(
            "c.txt",
            "Date: 2025-01-21\n\nOn January 21, 1990, 10 people were killed, later 12.\n",
        )?,
        vec![
            figure(10.0, "exact", "killed"),
            figure(12.0, "exact", "killed"),
        ],
    ))?;
    assert!(store.conflicts(None, None, None)?.is_empty());
    Ok(())
}

#[test]
fn a_part_of_a_documents_count_is_not_a_competing_figure() -> TestResult {
    let mut store = Store::in_memory()?;
    let mut children = figure(31.0, "exact", "killed");
    children.counted = "children".into();
    store.insert(&with_figures(
        extraction(
            "a.txt",
            "Date: 2025-01-21

On January 20, 1990, 74 people were killed, 31 of them \
                 children.\n",
        )?,
        vec![figure(74.0, "exact", "killed"), children],
    ))?;
    store.insert(&with_figures(
        extraction(
            "b.txt",
            "Date: 2025-01-21

On January 20, 1990, 81 people were killed.
",
        )?,
        vec![figure(81.0, "at_least", "killed")],
    ))?;
    let conflicts = store.conflicts(None, None, None)?;
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    let values: Vec<f64> = conflicts[0]
        .figures
        .iter()
        .map(|f| f.figure.value)
        .collect();
    assert_eq!(values, [74.0, 81.0]);
    assert_eq!(
        (conflicts[0].low, conflicts[0].best, conflicts[0].high),
        (74.0, 74.0, 81.0)
    );
    Ok(())
}

#[test]
fn a_vague_count_keeps_its_words_in_the_timeline_and_the_conflicts() -> TestResult {
    let mut store = Store::in_memory()?;
    store.insert(&extraction(
        "a.txt",
        "Date: 2025-01-21\n\nOn January 20, 1990, hundreds of people were killed.\n",
    )?)?;
    store.insert(&extraction(
        "b.txt",
        "Date: 2025-01-21\n\nOn January 20, 1990, at least 81 people were killed.\n",
    )?)?;
    let conflicts = store.conflicts(None, None, None)?;
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    let figures: Vec<(f64, Option<&str>)> = conflicts[0]
        .figures
        .iter()
        .map(|f| (f.figure.value, f.figure.vague.as_deref()))
        .collect();
    assert_eq!(figures, [(81.0, None), (100.0, Some("hundreds"))]);
    let timeline = dates_between(&store, "1990-01-20", "1990-01-20")?;
    assert_eq!(timeline.len(), 2, "{timeline:?}");
    Ok(())
}

#[test]
fn a_count_a_revision_replaced_is_not_a_competing_figure() -> TestResult {
    let mut store = Store::in_memory()?;
    store.insert(&extraction(
        "a.txt",
        "Date: 2025-01-21\n\nThe toll of January 20, 1990 was revised down to 74 from \
             81 people killed.\n",
    )?)?;
    store.insert(&extraction(
        "b.txt",
        "Date: 2025-01-21\n\nOn January 20, 1990, 74 people were killed.\n",
    )?)?;
    // The sources agree once the replaced count is left out.
    let conflicts = store.conflicts(None, None, None)?;
    assert!(conflicts.is_empty(), "{conflicts:#?}");
    // It is still stored, and said to be replaced.
    let page = store.timeline(&TimelineQuery::default())?;
    let figures: Vec<(f64, bool)> = page
        .entries
        .iter()
        .flat_map(|e| e.figures.iter().map(|f| (f.value, f.replaced)))
        .collect();
    assert!(figures.contains(&(81.0, true)), "{figures:?}");
    Ok(())
}

/// The index keeps no word counts (`detail='none'`), so there is no relevance to rank by:
/// hits come newest first, on both paths a search with dates may take (checking each match,
/// or starting from the dated sentences when there are more than 2,000 matches).
#[test]
fn search_lists_the_most_recently_added_first() -> TestResult {
    let mut store = Store::in_memory()?;
    let n = 2_100;
    for i in 0..n {
        let text = format!(
            "Date: 2024-05-02\n\nItem {i}: the amnesty law was debated on March {}, 1990.\n",
            i % 28 + 1
        );
        store.insert(&extraction(&format!("{i}.txt"), &text)?)?;
    }
    let newest = |hits: &annalist_store::SearchResults| -> Vec<String> {
        hits.hits
            .iter()
            .map(|h| {
                let text: String = h.snippet.iter().map(|p| p.text.as_str()).collect();
                text.split(':').next().unwrap_or("").to_string()
            })
            .collect()
    };
    let want: Vec<String> = (n - 3..n).rev().map(|i| format!("Item {i}")).collect();
    let plain = store.search(
        "amnesty law",
        &SearchQuery {
            limit: Some(3),
            ..SearchQuery::default()
        },
    )?;
    assert_eq!(plain.total, n);
    assert_eq!(newest(&plain), want);
    let (from, to) = period("1990-03")?;
    let dated = store.search(
        "amnesty law",
        &SearchQuery {
            from: Some(from),
            to: Some(to),
            limit: Some(3),
        },
    )?;
    assert_eq!(dated.total, n);
    assert_eq!(newest(&dated), want);
    Ok(())
}

#[test]
fn search_finds_sentences_with_highlights_and_the_dates_they_talk_about() -> TestResult {
    let mut store = Store::in_memory()?;
    store
        .insert(&extraction(
            "a.txt",
            "Date: 2024-05-02\n\nThe amnesty of 1996 freed four hundred prisoners. Nobody mentioned it again.\n",
        )?)
        ?;
    store.insert(&extraction(
        "b.txt",
        "Date: 2024-05-03\n\nA new AMNESTY was debated on May 1, 2024.\n",
    )?)?;
    let hits = store.search("amnesty", &SearchQuery::default())?;
    assert_eq!(hits.total, 2);
    let one = hits
        .hits
        .iter()
        .find(|h| h.dates.contains(&"1996".to_string()))
        .ok_or("no hit dated 1996")?;
    let marked: Vec<&str> = one
        .snippet
        .iter()
        .filter(|p| p.highlight)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, ["amnesty"]);
    // Dates the hit talks about, not when it was published.
    let (from, to) = period("1996")?;
    let hits = store.search(
        "amnesty",
        &SearchQuery {
            from: Some(from),
            to: Some(to),
            limit: None,
        },
    )?;
    assert_eq!(hits.total, 1);
    assert_eq!(hits.hits[0].source.sentence, 0);
    assert!(
        hits.hits[0]
            .snippet
            .iter()
            .any(|p| p.highlight && p.text == "amnesty")
    );
    // Every word is required; punctuation is never query syntax.
    assert_eq!(
        store
            .search("amnesty prisoners", &SearchQuery::default())?
            .total,
        1
    );
    assert_eq!(
        store
            .search("\"amnesty\" OR (", &SearchQuery::default())?
            .total,
        0
    );
    assert!(matches!(
        store.search("  ", &SearchQuery::default()),
        Err(StoreError::BadQuery(_))
    ));
    Ok(())
}

#[test]
fn documents_read_back_with_everything_found_in_them_and_can_be_deleted() -> TestResult {
    let mut store = Store::in_memory()?;
    let x = with_figures(
        extraction(
            "a.txt",
            "Date: 2025-03-14\nTitle: Curfew\n\nOn March 3, 1988 more than 20,000 troops entered Baku.\n",
        )?,
        vec![figure(20_000.0, "at_least", "deployed")],
    );
    store.insert(&x)?;
    let d = store.document(&x.doc.id[..8])?;
    assert_eq!(d.title.as_deref(), Some("Curfew"));
    assert_eq!(d.text, x.doc.text);
    assert_eq!(d.sentences.len(), x.sentences.len());
    assert_eq!(d.timexes.len(), x.timexes.len());
    assert_eq!(d.timexes[0].value, "1988-03-03");
    assert_eq!(d.events.len(), 1);
    assert_eq!(d.events[0].figures, [0]);
    assert_eq!(d.figures[0].category, "deployed");
    // Names come back with their text, taken from the document.
    let names = d.events[0]
        .names
        .as_array()
        .ok_or("names are not an array")?;
    assert_eq!(names.len(), x.events[0].names.len());
    assert!(names.iter().any(|n| n["text"] == "Baku"), "{names:?}");
    for (got, want) in names.iter().zip(&x.events[0].names) {
        assert_eq!(got["text"], want.text.as_str());
        assert_eq!(got["start"], want.start);
    }
    assert!(matches!(
        store.document("nope-nope"),
        Err(StoreError::NotFound(_))
    ));
    store.delete(&x.doc.id)?;
    let stats = store.stats()?;
    assert_eq!(
        (
            stats.documents,
            stats.events,
            stats.figures,
            stats.sentences
        ),
        (0, 0, 0, 0)
    );
    assert_eq!(store.search("troops", &SearchQuery::default())?.total, 0);
    Ok(())
}

#[test]
fn a_reader_sees_the_store_while_a_writer_holds_a_transaction() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("a.db");
    let mut writer = Store::open(&path)?;
    writer.insert(&extraction(
        "a.txt",
        "Date: 2025-03-14\n\nOn March 3, 1988 a curfew began.\n",
    )?)?;
    let reader = Store::open_read_only(&path)?;
    assert_eq!(reader.stats()?.documents, 1);
    assert!(matches!(
        Store::open_read_only(dir.path().join("none.db")),
        Err(StoreError::Missing(_))
    ));
    Ok(())
}

#[test]
fn retagging_replaces_what_was_found_and_keeps_the_document_and_its_versions() -> TestResult {
    let mut store = Store::in_memory()?;
    // Two versions at one URL, tagged first without the figures they state.
    let v1 = extraction(
        "a.txt",
        "Date: 2025-03-14\nURL: https://www.example.org/toll\n\nOn March 3, 1988 police said 52 people were killed.\n",
    )?;
    let v2 = extraction(
        "a.txt",
        "Date: 2025-03-15\nURL: https://www.example.org/toll\n\nOn March 3, 1988 police said 61 people were killed.\n",
    )?;
    let bare = |x: &annalist_extract::Extraction| {
        let mut x = x.clone();
        x.timexes.clear();
        x.events.clear();
        x.figures.clear();
        x
    };
    store.insert(&bare(&v1))?;
    store.insert(&bare(&v2))?;
    let before = store.stats()?;
    assert_eq!((before.timexes, before.events, before.figures), (0, 0, 0));

    let outcomes = store.retag_batch(&[v1.clone(), v2.clone()])?;
    assert_eq!(outcomes, [Inserted::Retagged, Inserted::Retagged]);
    // The same as storing the full extractions in the first place.
    let mut reference = Store::in_memory()?;
    reference.insert_batch(&[v1.clone(), v2.clone()])?;
    let after = store.stats()?;
    assert_eq!(after, reference.stats()?);
    assert_eq!((after.documents, after.superseded), (1, 1));
    assert_eq!((after.events, after.figures), (2, 2));
    assert_eq!(after.categories, ["killed"]);
    // The chain is as it was: the first version still points to the second.
    let old = store.document(&v1.doc.id)?;
    assert_eq!(old.superseded_by.as_deref(), Some(v2.doc.id.as_str()));
    assert_eq!(store.document(&v2.doc.id)?.version, 2);
    let page = store.timeline(&TimelineQuery::default())?;
    assert_eq!(page.entries.len(), 1);
    assert_eq!(page.entries[0].value, "1988-03-03");
    // The sentences are searchable once, not twice.
    let hits = store.search("police", &SearchQuery::default())?;
    assert_eq!(hits.total, 1);

    // Retagging again changes nothing; a document not stored yet is added.
    store.retag_batch(std::slice::from_ref(&v2))?;
    assert_eq!(store.stats()?, after);
    let v3 = extraction("b.txt", "Date: 2025-03-16\n\nIn 1990 troops arrived.\n")?;
    assert_eq!(store.retag_batch(&[v3])?, [Inserted::Added]);
    // Deleting a retagged document still clears every category it counted.
    store.delete(&v2.doc.id)?;
    store.delete(&v1.doc.id)?;
    assert!(store.stats()?.categories.is_empty());
    Ok(())
}
