//! Archive benchmarks on a generated corpus (see `tests/common/corpus.rs`):
//!
//! - `insert`: storing already-extracted articles (the writer's share of `annalist add`);
//! - `timeline/month`, `timeline/all`, `search/*` (plain and in March 1990) on a store of `ANNALIST_BENCH_EVENTS`
//!   events (default 1,000,000), built once into the system temp dir and reused. Its size
//!   against the raw text is printed when it is built or opened.
//!
//! `cargo bench -p annalist-store --bench archive`
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::path::PathBuf;

use annalist_extract::{Event, EventTime, Extraction, TimeSource, extract};
use annalist_ingest::{IngestOptions, read_bytes, segment};
use annalist_store::{SCHEMA_VERSION, SearchQuery, Store, TimelineQuery, instant};
use annalist_time::{Granularity, Interval};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiff::civil::{Date, DateTime, Time};

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

fn document(i: u64) -> BenchResult<annalist_ingest::Document> {
    let text = corpus::article(i);
    Ok(read_bytes(
        &format!("{i}.txt"),
        text.as_bytes(),
        &IngestOptions::default(),
    )
    .into_iter()
    .next()
    .and_then(Result::ok)
    .ok_or("generated articles are readable")?)
}

fn insert(c: &mut Criterion) {
    let tagger = annalist_extract::Taggers::english();
    let batch: Vec<Extraction> = (0..200)
        .map(|i| Ok(extract(document(i)?, &tagger)))
        .collect::<BenchResult<_>>()
        .expect("generated articles are readable");
    let bytes: usize = batch.iter().map(|x| x.doc.text.len()).sum();
    let mut g = c.benchmark_group("insert");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("200 articles", |b| {
        b.iter_with_setup(
            || tempfile::tempdir().expect("temp dir"),
            |dir| {
                let mut store = Store::open(dir.path().join("b.db")).expect("store");
                for chunk in batch.chunks(100) {
                    black_box(store.insert_batch(chunk).expect("insert"));
                }
            },
        )
    });
    g.finish();
}

fn midnight(days: i64) -> BenchResult<DateTime> {
    let (y, m, d) = instant::civil_from_days(days);
    Ok(Date::new(y as i16, m as i8, d as i8)?.to_datetime(Time::midnight()))
}

/// An extraction without the tagger: one event per sentence, dated at random between 1985
/// and 2024 (80 % days, 10 % months, 10 % years), so the store gets many events quickly.
fn synthetic(i: u64) -> BenchResult<Extraction> {
    let doc = document(i)?;
    let sentences = segment(&doc.text);
    let chars: Vec<char> = doc.text.chars().collect();
    let mut rng = corpus::Rng::new(i * 7 + 1);
    let first = instant::days_from_civil(1985, 1, 1);
    let events = sentences
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let day = first + rng.below(40 * 365) as i64;
            let (y, m, _) = instant::civil_from_days(day);
            let (value, granularity, start, end) = match rng.below(10) {
                0 => (
                    format!("{y:04}"),
                    Granularity::Year,
                    instant::days_from_civil(y, 1, 1),
                    instant::days_from_civil(y + 1, 1, 1),
                ),
                1 => (
                    format!("{y:04}-{m:02}"),
                    Granularity::Month,
                    instant::days_from_civil(y, m, 1),
                    instant::days_from_civil(y + i64::from(m == 12), m % 12 + 1, 1),
                ),
                _ => {
                    let (y, m, d) = instant::civil_from_days(day);
                    (
                        format!("{y:04}-{m:02}-{d:02}"),
                        Granularity::Day,
                        day,
                        day + 1,
                    )
                }
            };
            Ok(Event {
                sentence: k,
                start: s.start,
                end: s.end,
                text: chars[s.start..s.end.min(chars.len())].iter().collect(),
                time: EventTime {
                    value,
                    interval: Some(Interval {
                        start: midnight(start)?,
                        end: midnight(end)?,
                    }),
                    granularity: Some(granularity),
                    modifier: None,
                    source: TimeSource::Explicit,
                    timex: None,
                },
                figures: Vec::new(),
                names: Vec::new(),
            })
        })
        .collect::<BenchResult<_>>()?;
    Ok(Extraction {
        doc,
        sentences,
        timexes: Vec::new(),
        figures: Vec::new(),
        events,
        names_method: "none",
        notes: Vec::new(),
    })
}

fn big_store() -> BenchResult<Store> {
    let target: usize = std::env::var("ANNALIST_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let path: PathBuf =
        std::env::temp_dir().join(format!("annalist-bench-v{SCHEMA_VERSION}-{target}.db"));
    let mut store = Store::open(&path)?;
    let mut stats = store.stats()?;
    if stats.events < target {
        let started = std::time::Instant::now();
        let mut i = stats.documents as u64;
        while stats.events < target {
            let batch: Vec<Extraction> = (i..i + 200).map(synthetic).collect::<BenchResult<_>>()?;
            stats.events += batch.iter().map(|x| x.events.len()).sum::<usize>();
            store.insert_batch(&batch)?;
            i += 200;
        }
        eprintln!(
            "built {} with {} events in {:.1}s",
            path.display(),
            stats.events,
            started.elapsed().as_secs_f64()
        );
        stats = store.stats()?;
    }
    let raw: u64 = (0..stats.documents as u64)
        .map(|i| corpus::article(i).len() as u64)
        .sum();
    let mut size = std::fs::metadata(&path).map_or(0, |m| m.len());
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    size += std::fs::metadata(PathBuf::from(wal)).map_or(0, |m| m.len());
    eprintln!(
        "store: {} documents, {} events; {:.1} MB for {:.1} MB of raw text ({:.2}x)",
        stats.documents,
        stats.events,
        size as f64 / 1e6,
        raw as f64 / 1e6,
        size as f64 / raw as f64
    );
    Ok(store)
}

/// The store to query and the bounds of March 1990.
fn query_setup() -> BenchResult<(Store, i64, i64)> {
    let store = big_store()?;
    let (from, to) = instant::parse_period("1990-03")?;
    Ok((store, from, to))
}

fn queries(c: &mut Criterion) {
    let (store, from, to) = query_setup().expect("bench store");
    let mut g = c.benchmark_group("timeline");
    g.sample_size(20);
    g.bench_function("month", |b| {
        b.iter(|| {
            let page = store
                .timeline(&TimelineQuery {
                    from: Some(from),
                    to: Some(to),
                    ..TimelineQuery::default()
                })
                .expect("timeline");
            black_box(page.total)
        })
    });
    g.sample_size(10);
    g.bench_function("all, streamed", |b| {
        b.iter(|| {
            let mut n = 0usize;
            store
                .timeline_for_each(&TimelineQuery::default(), |e| {
                    n += e.sources.len();
                    true
                })
                .expect("timeline");
            black_box(n)
        })
    });
    g.finish();
    let mut g = c.benchmark_group("search");
    g.sample_size(20);
    for q in ["amnesty law", "Gyumri prisoners", "blood donate"] {
        g.bench_function(q, |b| {
            b.iter(|| {
                black_box(
                    store
                        .search(q, &SearchQuery::default())
                        .expect("search")
                        .total,
                )
            })
        });
    }
    let in_march = SearchQuery {
        from: Some(from),
        to: Some(to),
        ..SearchQuery::default()
    };
    for q in ["amnesty law", "Gyumri prisoners", "blood donate"] {
        g.bench_function(format!("{q} in 1990-03"), |b| {
            b.iter(|| black_box(store.search(q, &in_march).expect("search").total))
        });
    }
    g.finish();
}

criterion_group!(benches, insert, queries);
criterion_main!(benches);
