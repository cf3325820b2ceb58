//! Ingest throughput without tagging: bytes of input turned into documents (and sentences)
//! per second on one core. Targets: ≥ 100 MB/s for plain text, ≥ 20 MB/s for HTML.
//!
//! Run: `cargo bench -p annalist-ingest --bench throughput`
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_ingest::{IngestOptions, read_bytes, segment};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const SENTENCES: &[&str] = &[
    "Delegations returned to Geneva on Friday for a third round of talks, officials said.",
    "Mr. Aliyev arrived on Jan. 20 at 5:30 a.m. and met the U.S. envoy.",
    "About 3.5 million people were without power after the storm, the ministry said.",
    "\"We will rebuild the bridge,\" the mayor told reporters on Tuesday.",
    "Police said No. 5 brigade had left the town by the evening.",
    "The talks ended without a statement, and a new round is planned for next week.",
];

fn paragraph(i: usize) -> String {
    (0..4)
        .map(|j| SENTENCES[(i + j) % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn plain_text(target: usize) -> String {
    let mut s =
        String::from("Title: Ceasefire talks resume\nDate: Fri, 14 Mar 2025 09:05:00 +0400\n\n");
    let mut i = 0;
    while s.len() < target {
        s.push_str(&paragraph(i));
        s.push_str("\n\n");
        i += 1;
    }
    s
}

fn html_page(target: usize) -> String {
    let mut s = String::from(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>Storm cuts power - Courier</title>
<meta property="article:published_time" content="2025-02-10T14:22:00+00:00">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Storm cuts power","datePublished":"2025-02-10T14:22:00+00:00"}]}</script>
</head><body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
<main><article><h1>Storm cuts power</h1><div class="entry-content">"#,
    );
    let mut i = 0;
    while s.len() < target {
        s.push_str("<p>");
        s.push_str(&paragraph(i));
        s.push_str(" <a href=\"/related\">Read more</a></p>\n");
        i += 1;
    }
    s.push_str("</div></article></main><aside><h2>Related</h2><ul><li><a href='/x'>Other story</a></li></ul></aside><footer>(c) 2025</footer></body></html>");
    s
}

fn bench(c: &mut Criterion) {
    let opts = IngestOptions::default();
    let mut group = c.benchmark_group("ingest");
    group.sample_size(20);

    let text = plain_text(4_000_000);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("plain_text_4MB", |b| {
        b.iter(|| black_box(read_bytes("a.txt", black_box(text.as_bytes()), &opts)))
    });
    group.bench_function("plain_text_4MB_with_segment", |b| {
        b.iter(|| {
            let docs = read_bytes("a.txt", black_box(text.as_bytes()), &opts);
            let doc = docs
                .into_iter()
                .next()
                .and_then(Result::ok)
                .map(|d| segment(&d.text).len());
            black_box(doc)
        })
    });

    // Typical articles are 20–200 KB of HTML; many small pages is the realistic load.
    let page = html_page(100_000);
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("html_page_100KB", |b| {
        b.iter(|| black_box(read_bytes("a.html", black_box(page.as_bytes()), &opts)))
    });
    group.bench_function("html_page_100KB_with_segment", |b| {
        b.iter(|| {
            let docs = read_bytes("a.html", black_box(page.as_bytes()), &opts);
            let doc = docs
                .into_iter()
                .next()
                .and_then(Result::ok)
                .map(|d| segment(&d.text).len());
            black_box(doc)
        })
    });

    let small: Vec<String> = (0..2000)
        .map(|i| {
            format!(
                "{{\"title\":\"Story {i}\",\"date\":\"2025-03-{:02}\",\"text\":\"{}\"}}",
                i % 28 + 1,
                paragraph(i).replace('"', "\\\"")
            )
        })
        .collect();
    let jsonl = small.join("\n");
    group.throughput(Throughput::Bytes(jsonl.len() as u64));
    group.bench_function("jsonl_2000_records", |b| {
        b.iter(|| black_box(read_bytes("a.jsonl", black_box(jsonl.as_bytes()), &opts)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
