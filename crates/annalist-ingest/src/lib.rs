//! Turns what users have — saved web pages, scraper JSON lines, plain-text files with a
//! metadata header, database exports — into clean [`Document`]s with a reliable document
//! creation time (DCT), a language code, and sentence segmentation for the tagger.
//!
//! Entry points:
//! - [`read_inputs`]: a lazy iterator over files, folders and stdin (`-`), one item per
//!   document or per error; memory stays bounded by one document.
//! - [`read_bytes`]: the same for an in-memory input (an HTTP upload).
//! - [`segment`] / [`paragraphs`]: sentence and paragraph spans in character offsets.
//! - [`parse_dct`]: the lenient publication-date parser, also used for `--dct`.
//!
//! No function here panics on any input, and every error names its input in one line.

#![warn(missing_docs)]

mod byline;
mod dateline;
mod dct;
mod document;
mod encoding;
mod error;
mod extracted;
mod header;
mod html;
mod inputs;
mod json;
mod locale;
mod options;
mod segment;
mod sniff;
mod text;

pub use byline::is_byline;
pub use dateline::{is_date_only_line, wire_dateline_end};
pub use dct::{DateError, Dct, parse_dct};
pub use document::{
    DctSource, Document, content_id, detect_language, detect_language_among, normalize_text,
};
pub use encoding::encoding_for_label;
pub use error::{ErrorKind, IngestError};
pub use inputs::{Inputs, read_bytes, read_inputs};
pub use locale::{NumericDateOrder, numeric_date_order};
pub use options::{IngestOptions, JsonFields};
pub use segment::{Sentence, Span, paragraphs, segment};
pub use sniff::{Format, format_from_extension, sniff_format};

/// Fuzzing and property-test hooks: the individual readers, exposed so tests can drive each
/// one with arbitrary input. Not a stable API.
#[doc(hidden)]
pub mod fuzz {
    use crate::{IngestOptions, dateline, header, html, json};

    /// Runs the header splitter.
    pub fn header(text: &str) -> Option<usize> {
        header::parse_header(text).map(|h| h.body_start)
    }

    /// Runs the dateline finder.
    pub fn dateline(text: &str) -> bool {
        dateline::find_dateline(text).is_some()
    }

    /// Runs the HTML reader.
    pub fn html(text: &str) -> bool {
        html::read_html(text, IngestOptions::default().max_html_depth).is_ok()
    }

    /// Runs the JSON reader.
    pub fn json(text: &str) -> usize {
        json::read_json(text, &IngestOptions::default().fields).len()
    }
}
