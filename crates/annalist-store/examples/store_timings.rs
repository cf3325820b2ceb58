//! Times the archive's queries once on an existing store (a quick look, where the
//! criterion bench takes minutes): `store_timings DB [MONTH]`, e.g. after
//! `annalist add corpus --db corpus.db`. Prints the time of the whole timeline streamed
//! through the library, a one-month window, and searches with and without dates.
//! `store_timings DB MONTH stream` times only the whole timeline, and `store_timings DB MONTH
//! search WORDS` only that search in the month, ten times (for a profiler).

use std::time::Instant;

use annalist_store::{SearchQuery, Store, TimelineQuery, instant};

fn main() {
    if let Err(e) = run() {
        eprintln!("store_timings: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let Some(db) = args.get(1) else {
        eprintln!("usage: store_timings DB [MONTH]");
        std::process::exit(2);
    };
    let month = args.get(2).map_or("1990-03", String::as_str);
    let store = Store::open_read_only(db)?;
    if args.get(3).is_some_and(|a| a == "search") {
        let words = args.get(4).map_or("amnesty law", String::as_str);
        let (from, to) = instant::parse_period(month)?;
        let query = SearchQuery {
            from: Some(from),
            to: Some(to),
            ..SearchQuery::default()
        };
        for _ in 0..10 {
            let t = Instant::now();
            let hits = store.search(words, &query)?;
            println!(
                "search {words:?} in {month}: {:.1} ms ({} matches)",
                t.elapsed().as_secs_f64() * 1e3,
                hits.total
            );
        }
        return Ok(());
    }
    if args.get(3).is_none() {
        let stats = store.stats()?;
        println!(
            "{} documents, {} events, {} figures",
            stats.documents, stats.events, stats.figures
        );
    }
    let t = Instant::now();
    let (mut entries, mut sources) = (0usize, 0usize);
    store.timeline_for_each(&TimelineQuery::default(), |e| {
        entries += 1;
        sources += e.sources.len();
        true
    })?;
    println!(
        "timeline, whole range streamed: {:.3} s ({entries} entries, {sources} sources)",
        t.elapsed().as_secs_f64()
    );
    if args.get(3).is_some_and(|a| a == "stream") {
        return Ok(());
    }
    let (from, to) = instant::parse_period(month)?;
    let t = Instant::now();
    let page = store.timeline(&TimelineQuery {
        from: Some(from),
        to: Some(to),
        ..TimelineQuery::default()
    })?;
    println!(
        "timeline, {month}: {:.1} ms ({} entries)",
        t.elapsed().as_secs_f64() * 1e3,
        page.total
    );
    for q in ["amnesty law", "Gyumri prisoners", "blood donate"] {
        for dated in [false, true] {
            let query = SearchQuery {
                from: dated.then_some(from),
                to: dated.then_some(to),
                ..SearchQuery::default()
            };
            let t = Instant::now();
            let hits = store.search(q, &query)?;
            println!(
                "search {q:?}{}: {:.1} ms ({} matches)",
                if dated {
                    format!(" in {month}")
                } else {
                    String::new()
                },
                t.elapsed().as_secs_f64() * 1e3,
                hits.total
            );
        }
    }
    Ok(())
}
