//! What queries return: plain data, serializable, offsets in characters of the document text.

use serde::Serialize;

/// Where a statement was read: one document and the sentence in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRef {
    /// Document id (content hash).
    pub doc_id: String,
    /// Headline, when known.
    pub title: Option<String>,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// Publication date as stored (`YYYY-MM-DD` or RFC 3339), when known.
    pub published: Option<String>,
    /// The source's name: URL host without `www.`, else the input path.
    pub source: String,
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// First character of the sentence.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// How the statement's date was found: `explicit`, `inherited` or `dct`.
    pub time_source: String,
}

/// A stored figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRecord {
    /// The phrase as written.
    pub text: String,
    /// The number (the lower end of a range).
    pub value: f64,
    /// Lower end of a range.
    pub low: Option<f64>,
    /// Upper end of a range.
    pub high: Option<f64>,
    /// `exact`, `at_least`, `at_most` or `approx`.
    pub bound: String,
    /// `killed`, `injured`, …, `other`.
    pub category: String,
    /// What is counted.
    pub counted: String,
    /// `count`, `money` or `percent`.
    pub quantity: String,
    /// First character in the document.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words of a vague count as written ("hundreds", "dozens"): `value` is then only
    /// their conventional coding (100, 12).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vague: Option<String>,
    /// The count a revision or an update replaced ("revised the toll down to 74 from 81",
    /// "rose to 90 from 81": the 81): no longer its source's figure, and never among the
    /// conflicts.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub replaced: bool,
}

/// One entry of the timeline: a dated statement and every source that makes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// Stable id: `DOC:EVENT` of the first source.
    pub id: String,
    /// TIMEX3 value (`1990-01-19`, `1990`, `-000043-03-15`).
    pub value: String,
    /// Granularity (`year`, `month`, `day`, `minute`…).
    pub granularity: Option<String>,
    /// The date as a reader should see it, at its granularity: `1990`, `1990-01`,
    /// `1990-01-19`, `1990-01-19 night`.
    pub display_date: String,
    /// The TIMEX3 `mod` of its time ("late 1980s": `END`), which `start` and `end` reflect.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// Start of the interval (ISO 8601).
    pub start: String,
    /// End of the interval, exclusive.
    pub end: String,
    /// Start in seconds since 1970-01-01T00:00 (civil time read as UTC).
    pub start_s: i64,
    /// End in seconds, exclusive.
    pub end_s: i64,
    /// The statement as the first source words it.
    pub description: String,
    /// Its figures (those of the first source).
    pub figures: Vec<FigureRecord>,
    /// Every source that states it.
    pub sources: Vec<SourceRef>,
}

/// Which timeline entries to return. `Default` is the whole archive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineQuery {
    /// Entries whose interval ends after this second (see [`crate::instant`]).
    pub from: Option<i64>,
    /// Entries whose interval starts before this second.
    pub to: Option<i64>,
    /// Words (all of them) the statement's sentence must contain.
    pub text: Option<String>,
    /// A figure category the entry must have.
    pub category: Option<String>,
    /// A source: URL host, document id (or prefix of at least 6 characters), or input path.
    pub source: Option<String>,
    /// Skip this many merged entries (paging).
    pub offset: usize,
    /// Return at most this many entries.
    pub limit: Option<usize>,
}

/// A page of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelinePage {
    /// Entries, in chronological order.
    pub entries: Vec<TimelineEntry>,
    /// Merged entries matching the query in all.
    pub total: usize,
}

/// A date range for search and conflicts, in seconds (see [`crate::instant`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Hits talking about a date that ends after this second.
    pub from: Option<i64>,
    /// Hits talking about a date that starts before this second.
    pub to: Option<i64>,
    /// At most this many hits (default 20).
    pub limit: Option<usize>,
}

/// One part of a snippet: plain text, or a match to highlight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnippetPart {
    /// The text.
    pub text: String,
    /// True for a query match.
    pub highlight: bool,
}

/// A sentence matching a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Where it is.
    pub source: SourceRef,
    /// The sentence cut into plain and highlighted parts.
    pub snippet: Vec<SnippetPart>,
    /// TIMEX3 values of the dates the sentence talks about.
    pub dates: Vec<String>,
}

/// Search results, the most recently added first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// The hits.
    pub hits: Vec<SearchHit>,
    /// How many sentences matched in all.
    pub total: usize,
}

/// One source's figure in a conflict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictFigure {
    /// The figure.
    pub figure: FigureRecord,
    /// Who says it.
    pub source: SourceRef,
}

/// Figures that disagree about one date and category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The date: the day for day-or-finer statements, else the TIMEX3 value; the first and
    /// last day (`1990-01-19/1990-01-20`) when statements starting on different days overlap.
    pub date: String,
    /// Start of the date in seconds.
    pub start_s: i64,
    /// End of the date (exclusive) in seconds.
    pub end_s: i64,
    /// The category.
    pub category: String,
    /// Every figure, one per source sentence, smallest first.
    pub figures: Vec<ConflictFigure>,
    /// Smallest number any source gives (a range by its lower end).
    pub low: f64,
    /// Best estimate, by [`crate::BEST_RULE`].
    pub best: f64,
    /// Largest number any source gives (a range by its upper end).
    pub high: f64,
}

/// A time expression of a stored document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimexRecord {
    /// First character.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// As written.
    pub text: String,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 `mod`.
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// Granularity of a calendar value.
    pub granularity: Option<String>,
    /// Interval start in seconds.
    pub start_s: Option<i64>,
    /// Interval end in seconds.
    pub end_s: Option<i64>,
}

/// An event of a stored document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    /// Index of its sentence.
    pub sentence: usize,
    /// First character.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// The statement on one line.
    pub text: String,
    /// TIMEX3 value of its date.
    pub value: String,
    /// Granularity of the date.
    pub granularity: Option<String>,
    /// `explicit`, `inherited` or `dct`.
    pub time_source: String,
    /// Interval start in seconds.
    pub start_s: Option<i64>,
    /// Interval end in seconds.
    pub end_s: Option<i64>,
    /// Indexes into the document's figures.
    pub figures: Vec<usize>,
    /// Names found in the statement (as annalist-extract serialized them).
    pub names: serde_json::Value,
}

/// A sentence span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last.
    pub end: usize,
}

/// A stored document with everything found in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDocument {
    /// Content id.
    pub id: String,
    /// The input it was read from.
    pub path: String,
    /// Line or item within `path`.
    pub line: Option<u64>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Publication date as stored.
    pub published: Option<String>,
    /// Where the publication date came from.
    pub dct_source: String,
    /// Language code.
    pub language: String,
    /// Source name (URL host or path).
    pub source: String,
    /// Version number among documents with the same URL (1 for the first).
    pub version: u32,
    /// Id of the newer version, when this one was superseded.
    pub superseded_by: Option<String>,
    /// The text.
    pub text: String,
    /// Sentences.
    pub sentences: Vec<Span>,
    /// Time expressions.
    pub timexes: Vec<TimexRecord>,
    /// Figures.
    pub figures: Vec<FigureRecord>,
    /// Events.
    pub events: Vec<EventRecord>,
}

/// What the archive holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Current documents (latest versions).
    pub documents: usize,
    /// Older versions kept.
    pub superseded: usize,
    /// Sentences.
    pub sentences: usize,
    /// Events.
    pub events: usize,
    /// Figures.
    pub figures: usize,
    /// Time expressions.
    pub timexes: usize,
    /// Start of the earliest dated event.
    pub earliest: Option<String>,
    /// End of the latest dated event (exclusive).
    pub latest: Option<String>,
    /// Figure categories present, sorted.
    pub categories: Vec<String>,
    /// Number of distinct sources.
    pub sources: usize,
}

/// What inserting one extraction did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Inserted {
    /// Stored as a new document.
    Added,
    /// Stored as a new version of the document with the same URL, whose id is given.
    NewVersion(String),
    /// Already in the store (same content id): nothing written.
    Unchanged,
    /// Already in the store, and what was found in it replaced by this extraction
    /// ([`Store::retag_batch`](crate::Store::retag_batch)).
    Retagged,
}
