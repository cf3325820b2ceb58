//! The whole extraction pipeline (ingest a plain-text article with a header, segment, tag,
//! figures, events) over generated news-like articles. Run with
//! `cargo bench -p annalist-extract --bench pipeline`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_extract::extract;
use annalist_ingest::{IngestOptions, read_bytes};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SENTENCES: &[&str] = &[
    "On March 3, 1988 a curfew was announced on the radio at 4 a.m.",
    "Police said 52 people were killed and 310 wounded in the clashes on Sunday.",
    "More than 20,000 troops and police were brought into the capital in early March.",
    "The minister, who spoke to reporters in Baku, said the investigation would take months.",
    "Thirty-seven years ago the square was full of people; today it is a quiet park.",
    "The committee will meet again next Tuesday to review the figures.",
    "Officials later revised the death toll to 61, citing hospital records.",
    "The report, published last week, runs to 140 pages and cost $2.5 million.",
    "Residents who remember the night describe tanks moving through the streets.",
    "The agreement signed in 1994 remains in force, the spokesman added.",
];

fn corpus(n_docs: usize) -> Vec<Vec<u8>> {
    (0..n_docs)
        .map(|i| {
            let mut s = format!("Date: 2025-03-{:02}\nTitle: Report {i}\n\n", 1 + i % 28);
            for k in 0..40 {
                s.push_str(SENTENCES[(i * 7 + k * 3) % SENTENCES.len()]);
                s.push(if k % 5 == 4 { '\n' } else { ' ' });
                if k % 5 == 4 {
                    s.push('\n');
                }
            }
            s.into_bytes()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus(2_000);
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let tagger = annalist_extract::Taggers::english();
    let opts = IngestOptions::default();
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(
        format!("{} articles, {} MB", docs.len(), bytes >> 20),
        |b| {
            b.iter(|| {
                let mut events = 0;
                for (i, d) in docs.iter().enumerate() {
                    for doc in read_bytes(&format!("{i}.txt"), d, &opts)
                        .into_iter()
                        .flatten()
                    {
                        events += extract(doc, &tagger).events.len();
                    }
                }
                events
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
