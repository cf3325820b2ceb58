//! Helpers shared by the store tests: documents from text, figures set by hand.
#![allow(dead_code)]

use annalist_extract::{Extraction, Figure, extract};
use annalist_ingest::{IngestOptions, read_bytes};

/// Reads `text` (with its `Date:`/`Title:`/`URL:` header) as one document and extracts it.
pub fn extraction(name: &str, text: &str) -> Result<Extraction, Box<dyn std::error::Error>> {
    let doc = read_bytes(name, text.as_bytes(), &IngestOptions::default())
        .into_iter()
        .next()
        .ok_or("one document")??;
    Ok(extract(doc, &annalist_extract::Taggers::english()))
}

/// A figure as the figures extractor would report it.
pub fn figure(value: f64, bound: &str, category: &str) -> Figure {
    Figure {
        start: 0,
        end: 1,
        text: format!("{value} {category}"),
        value,
        low: None,
        high: None,
        bound: bound.to_string(),
        category: category.to_string(),
        counted: "people".to_string(),
        quantity: "count".to_string(),
        vague: None,
        replaced: false,
    }
}

/// Replaces the figures of `x` with `figures`, all attached to its first event.
pub fn with_figures(mut x: Extraction, figures: Vec<Figure>) -> Extraction {
    for e in &mut x.events {
        e.figures.clear();
    }
    let n = figures.len();
    x.figures = figures;
    if let Some(e) = x.events.first_mut() {
        e.figures = (0..n).collect();
    }
    x
}

pub mod corpus;
