//! Tagging throughput over real news text.
//!
//! Uses the raw text of the TempEval-3 training corpus (read from `../shared`, never copied
//! into the repository) repeated to at least 50 MB; without the corpus it falls back to the
//! bundled example article. Run with `cargo bench -p annalist-time --bench throughput`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::{Path, PathBuf};

use annalist_time::{Anchor, Tagger};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus_text() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/tempeval3/train");
    let mut files: Vec<PathBuf> = ["TimeBank", "AQUAINT"]
        .iter()
        .filter_map(|d| std::fs::read_dir(root.join(d)).ok())
        .flat_map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())))
        .filter(|p| p.extension().is_some_and(|e| e == "tml"))
        .collect();
    files.sort();
    let mut text = String::new();
    for f in files {
        let Ok(xml) = std::fs::read_to_string(&f) else {
            continue;
        };
        let (Some(a), Some(b)) = (xml.find("<TEXT>"), xml.find("</TEXT>")) else {
            continue;
        };
        let mut inside = false;
        for c in xml[a + 6..b].chars() {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                c if !inside => text.push(c),
                _ => {}
            }
        }
        text.push_str("\n\n");
    }
    if text.is_empty() {
        eprintln!(
            "TempEval-3 corpus not found under {}; using the bundled example",
            root.display()
        );
        text = include_str!("../../../examples/articles/baku-1990.txt").to_string();
    }
    text
}

fn bench(c: &mut Criterion) {
    let base = corpus_text();
    let mut text = String::with_capacity(52 << 20);
    while text.len() < 50 << 20 {
        text.push_str(&base);
    }
    let tagger = Tagger::english();
    let anchor = Anchor::from_dct("1998-01-08").expect("1998-01-08 is a valid DCT");
    let mut group = c.benchmark_group("tag");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("news-50MB", |b| b.iter(|| tagger.tag(&text, &anchor).len()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
