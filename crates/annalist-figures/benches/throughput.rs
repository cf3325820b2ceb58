//! Throughput of `extract_figures` on generated news-like text (MB/s).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use annalist_figures::{FigureOptions, extract_figures};

/// Sentences in the shapes news reports take, mixing figures with text that has none.
const SENTENCES: [&str; 12] = [
    "At least 52 people were killed and 310 wounded when security forces opened fire on Sunday.",
    "The ministry said the death toll had risen to 61, including 12 children.",
    "Police detained 97 protesters, and more than 20,000 troops were brought into the capital.",
    "Officials met in the capital on March 3, 2024, to discuss the budget for the coming year.",
    "Some 3,000 demonstrators rallied outside parliament, demanding the release of prisoners.",
    "The government pledged $5 million in aid and said unemployment fell to 12 percent.",
    "A 17-year-old was among the victims, according to Article 5 of the report on page 12.",
    "The destruction of 40 homes and shops, 12 vehicles including ambulances, was documented.",
    "Tens of thousands of residents fled their homes as fighting spread to the north.",
    "Witnesses described scenes of chaos as ambulances raced through the narrow streets.",
    "The court sentenced three men to 15 years in prison for their role in the attack.",
    "Between 130 and 150 people remain missing, the Red Cross said in a statement.",
];

fn corpus(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 200);
    let mut k = 0usize;
    while text.len() < bytes {
        text.push_str(SENTENCES[k % SENTENCES.len()]);
        text.push(if k % 5 == 4 { '\n' } else { ' ' });
        k = k.wrapping_mul(7).wrapping_add(3);
    }
    text
}

fn throughput(c: &mut Criterion) {
    let text = corpus(4 << 20);
    let opts = FigureOptions::default();
    let mut group = c.benchmark_group("figures");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("news_4mb", |b| {
        b.iter(|| extract_figures(black_box(&text), &opts))
    });
    // Pathological inputs: 10 MB of digits, and "10^30" repeated (numbers glued by
    // punctuation, each one read and rejected).
    let digits = "7".repeat(10 << 20);
    group.throughput(Throughput::Bytes(digits.len() as u64));
    group.bench_function("digits_10mb", |b| {
        b.iter(|| extract_figures(black_box(&digits), &opts))
    });
    let powers = "10^30 ".repeat(4 << 20 >> 3);
    group.throughput(Throughput::Bytes(powers.len() as u64));
    group.bench_function("powers", |b| {
        b.iter(|| extract_figures(black_box(&powers), &opts))
    });
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
