//! Reading, scoring and rewriting the TempEval-3 training corpus (256 files, 4.3 MB), from
//! memory so that disk speed does not enter. Skips with a message when the corpus is absent.
//!
//! `cargo bench -p annalist-timeml --bench corpus`
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::Path;

use annalist_timeml::{evaluate, parse_tml, tml_files, write_tml};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/tempeval3/train");
    let Ok(files) = tml_files(&root) else {
        eprintln!(
            "skipping: TempEval-3 corpus not found at {}",
            root.display()
        );
        return;
    };
    let sources: Vec<(String, String)> = files
        .into_iter()
        .filter_map(|(name, path)| std::fs::read_to_string(path).ok().map(|x| (name, x)))
        .collect();
    let bytes: usize = sources.iter().map(|(_, x)| x.len()).sum();
    let docs: Vec<_> = sources
        .iter()
        .filter_map(|(n, x)| parse_tml(x).ok().map(|d| (n.clone(), d)))
        .collect();

    let mut group = c.benchmark_group("tempeval3-train");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("parse", |b| {
        b.iter(|| {
            sources
                .iter()
                .map(|(_, x)| parse_tml(x).map_or(0, |d| d.timexes.len()))
                .sum::<usize>()
        })
    });
    group.bench_function("parse+score", |b| {
        b.iter(|| {
            let parsed: Vec<_> = sources
                .iter()
                .filter_map(|(n, x)| parse_tml(x).ok().map(|d| (n.as_str(), d)))
                .collect();
            let pairs: Vec<_> = parsed.iter().map(|(n, d)| (*n, d, d)).collect();
            evaluate(&pairs).overall.strict.f1
        })
    });
    group.bench_function("write", |b| {
        b.iter(|| {
            sources
                .iter()
                .zip(&docs)
                .map(|((_, x), (_, d))| write_tml(x, &d.timexes).map_or(0, |s| s.len()))
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, corpus);
criterion_main!(benches);
