//! The JSON the API speaks, one type per response shape.
//!
//! These types are the contract between the server, the web page and any backend: a backend
//! fills them, the routes serialize them, and the OpenAPI document is derived from them, so
//! the three cannot drift apart. They carry data only (never HTML): snippets are lists of
//! plain and highlighted parts, so a client never has to trust markup from an archive.
//!
//! Offsets (`start`, `end`) are counted in Unicode scalar values (what Rust's `chars()` and
//! JavaScript's `Array.from(text)` count), end exclusive, into the document's `text`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where a statement was read: one document and the sentence in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SourceRef {
    /// Document id (content hash).
    pub doc_id: String,
    /// Headline, when known.
    pub title: Option<String>,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// Publication date (`YYYY-MM-DD`), when known.
    pub published: Option<String>,
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// First character of the sentence.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// How the statement's date was found: `explicit`, `inherited` or `dct`.
    pub time_source: String,
}

/// A figure as the API shows it: what was counted, how sure the text is, where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FigureView {
    /// The phrase as written ("more than 20,000 troops").
    pub text: String,
    /// The number (the lower end of a range).
    pub value: f64,
    /// Lower end of a range.
    pub low: Option<f64>,
    /// Upper end of a range.
    pub high: Option<f64>,
    /// `exact`, `at_least`, `at_most` or `approx`.
    pub bound: String,
    /// `killed`, `injured`, `arrested`, `charged`, `sentenced`, `released`, `missing`,
    /// `rescued`, `displaced`, `destroyed`, `deployed`, `participants` or `other`.
    pub category: String,
    /// What is counted ("people", "troops").
    pub counted: String,
    /// `count`, `money` or `percent`.
    pub quantity: String,
    /// First character of the phrase in its document.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The words of a vague count as written ("hundreds", "dozens"): `value` is then only
    /// their conventional coding (100, 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vague: Option<String>,
    /// The count a revision or an update replaced ("revised the toll down to 74 from 81",
    /// "rose to 90 from 81": the 81): no longer its source's figure, and never among the
    /// conflicts.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replaced: bool,
}

/// One point (or span) of the timeline: a dated statement and every source that makes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TimelineEntry {
    /// Stable id of the entry within this archive (`DOC:EVENT` for the first source).
    pub id: String,
    /// TIMEX3 value (`1990-01-19`, `1453`, `-000043-03-15`).
    pub value: String,
    /// Granularity: `century`, `decade`, `year`, `month`, `day`, `hour`, `minute`…
    pub granularity: Option<String>,
    /// The TIMEX3 `mod` of the time ("late 1980s": `END`); `start` and `end` keep the third
    /// of the period that `START`, `MID` and `END` name.
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// Start of the interval the value denotes (ISO 8601, expanded years before 1 CE).
    pub start: Option<String>,
    /// End of the interval, exclusive.
    pub end: Option<String>,
    /// Start as seconds since 1970-01-01T00:00 (civil time read as UTC), for drawing.
    pub start_s: Option<i64>,
    /// End as seconds since 1970-01-01T00:00, exclusive.
    pub end_s: Option<i64>,
    /// The statement, as the first source words it.
    pub description: String,
    /// Its figures (those of the first source).
    pub figures: Vec<FigureView>,
    /// Every source that states it.
    pub sources: Vec<SourceRef>,
}

/// A page of the timeline, in chronological order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TimelinePage {
    /// The entries of this page.
    pub entries: Vec<TimelineEntry>,
    /// How many entries match the filter in all.
    pub total: usize,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// One part of a search snippet: plain text, or a match to highlight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SnippetPart {
    /// The text (untrusted: render as text).
    pub text: String,
    /// True for a query match.
    pub highlight: bool,
}

/// A sentence that matches a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SearchHit {
    /// Where the sentence is.
    pub source: SourceRef,
    /// The sentence, cut into plain and highlighted parts.
    pub snippet: Vec<SnippetPart>,
    /// TIMEX3 values of the dates the sentence talks about (not when it was published).
    pub dates: Vec<String>,
}

/// Search results: from an archive (`--db`) the most recently added first, in memory
/// (`--from`) the sentences with the most occurrences of the words first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SearchResults {
    /// The hits.
    pub hits: Vec<SearchHit>,
    /// How many sentences matched in all (the hits may be fewer).
    pub total: usize,
}

/// One source's figure in a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ConflictFigure {
    /// The figure.
    pub figure: FigureView,
    /// Who says it, and in which sentence.
    pub source: SourceRef,
}

/// Figures that disagree about one date and one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Conflict {
    /// TIMEX3 value of the date.
    pub date: String,
    /// Seconds since 1970 of the date's start, for sorting and drawing.
    pub start_s: Option<i64>,
    /// Seconds since 1970 of the date's end (exclusive): statements of a day or less whose
    /// days overlap are compared as one time, shown `1990-01-19/1990-01-20`.
    #[serde(default)]
    pub end_s: Option<i64>,
    /// The category (`killed`, `injured`…).
    pub category: String,
    /// Every figure, one per source sentence, smallest first.
    pub figures: Vec<ConflictFigure>,
    /// The smallest number any source gives (a range counts by its lower end).
    pub low: f64,
    /// The best estimate: the most conservative figure stated as exact or as a minimum
    /// (as ACLED does); the smallest figure when there is none of those.
    pub best: f64,
    /// The largest number any source gives (a range counts by its upper end).
    pub high: f64,
}

/// Conflicting figures, in date order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Conflicts {
    /// The conflicts.
    pub conflicts: Vec<Conflict>,
}

/// A sentence's span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SpanView {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// A time expression in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TimexView {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// As written.
    pub text: String,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// A dated statement in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EventView {
    /// Index of its sentence.
    pub sentence: usize,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The statement on one line.
    pub text: String,
    /// TIMEX3 value of its date.
    pub value: String,
    /// Granularity of the date.
    pub granularity: Option<String>,
    /// Indexes into the document's `figures`.
    pub figures: Vec<usize>,
}

/// A document with everything annalist found in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DocumentView {
    /// Content id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Author or byline.
    pub author: Option<String>,
    /// Publication date (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// Language code.
    pub language: String,
    /// The input it was read from.
    pub path: String,
    /// The text (untrusted: render as text).
    pub text: String,
    /// Sentence spans.
    pub sentences: Vec<SpanView>,
    /// Time expressions.
    pub timexes: Vec<TimexView>,
    /// Figures.
    pub figures: Vec<FigureView>,
    /// Dated statements.
    pub events: Vec<EventView>,
}

/// What the archive holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Stats {
    /// Documents.
    pub documents: usize,
    /// Dated statements.
    pub events: usize,
    /// Figures.
    pub figures: usize,
    /// Time expressions.
    pub timexes: usize,
    /// Start of the earliest dated statement (ISO 8601).
    pub earliest: Option<String>,
    /// End of the latest dated statement (ISO 8601, exclusive).
    pub latest: Option<String>,
    /// The figure categories present, sorted.
    pub categories: Vec<String>,
    /// The sources present (URL host, or the input name), sorted.
    pub sources: Vec<String>,
    /// True when this server refuses writes (no token configured).
    pub read_only: bool,
}

/// What an upload did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AddResult {
    /// Ids of the documents stored by this upload.
    pub added: Vec<String>,
    /// Ids of documents that were already in the archive.
    pub unchanged: Vec<String>,
    /// Inputs that could not be read, with the reason.
    pub errors: Vec<String>,
}

/// What a delete did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Deleted {
    /// The id of the removed document.
    pub deleted: String,
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong, for a person to read.
    pub error: String,
}
