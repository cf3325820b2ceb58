//! The plain data a TimeML file is reduced to.
//!
//! These types are deliberately independent of any tagger: a tagger converts its own output to
//! [`TimexAnnotation`]s (character offsets plus TIMEX3 attributes as strings), and everything in
//! this crate (writing, scoring) works on them. Attributes stay strings so that whatever a file
//! says is kept and written back verbatim, odd values included.

use serde::{Deserialize, Serialize};

/// A TIMEX3 annotation over a document's text.
///
/// `start` and `end` are offsets in Unicode scalar values (Rust `char`s, not bytes) into
/// [`TmlDocument::text`], `end` exclusive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimexAnnotation {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// `tid`, e.g. `t12`; empty when the annotation has none yet (the writer numbers it).
    pub tid: String,
    /// `type`: `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `value`, e.g. `1998-01-08`, `P3D`, `PRESENT_REF`.
    pub value: String,
    /// `mod`, e.g. `APPROX`, `START`.
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// `quant`, e.g. `EACH` (SETs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quant: Option<String>,
    /// `freq`, e.g. `2X` (SETs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    /// `anchorTimeID`: the tid this expression was resolved against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_time_id: Option<String>,
    /// `beginPoint`: tid of a duration's start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin_point: Option<String>,
    /// `endPoint`: tid of a duration's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_point: Option<String>,
}

impl TimexAnnotation {
    /// An annotation with the given span, type and value, and nothing else.
    pub fn new(
        start: usize,
        end: usize,
        kind: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        TimexAnnotation {
            start,
            end,
            kind: kind.into(),
            value: value.into(),
            ..TimexAnnotation::default()
        }
    }

    /// Whether the two spans share at least one character (identical empty spans count too).
    pub fn overlaps(&self, other: &TimexAnnotation) -> bool {
        (self.start < other.end && other.start < self.end)
            || (self.start, self.end) == (other.start, other.end)
    }

    /// How many characters the two spans share.
    pub fn overlap_len(&self, other: &TimexAnnotation) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }
}

/// The document creation time, the `t0` TIMEX3 inside `<DCT>`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dct {
    /// Its `value`, e.g. `1998-01-08` or `1998-08-07T06:18:00`.
    pub value: String,
    /// Its `type` (`DATE` or `TIME`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Its `tid`, normally `t0`.
    pub tid: String,
}

/// A TimeML document reduced to what tagging and scoring need.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TmlDocument {
    /// The content of `<DOCID>`, trimmed, if present.
    pub docid: Option<String>,
    /// The creation time, if present.
    pub dct: Option<Dct>,
    /// The text inside `<TEXT>`: every tag removed, entities decoded, line ends normalised to
    /// `\n` as XML requires.
    pub text: String,
    /// The TIMEX3 elements inside `<TEXT>`, ordered by start (then longest first).
    pub timexes: Vec<TimexAnnotation>,
}

impl TmlDocument {
    /// The text an annotation covers (empty when its span lies outside the text).
    pub fn covered_text(&self, timex: &TimexAnnotation) -> String {
        char_slice(&self.text, timex.start, timex.end)
    }
}

/// Characters `start..end` of `text`, clipped to the text.
pub(crate) fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// The annotations [`crate::write_tml`] accepts, chosen from any set: empty spans are dropped
/// and, among overlapping or nested ones, the leftmost is kept, the longest when several start
/// together. The result is in text order.
pub fn non_overlapping(mut timexes: Vec<TimexAnnotation>) -> Vec<TimexAnnotation> {
    timexes.retain(|t| t.start < t.end);
    timexes.sort_by_key(|t| (t.start, std::cmp::Reverse(t.end)));
    let mut end = 0;
    timexes.retain(|t| {
        let keep = t.start >= end;
        if keep {
            end = t.end;
        }
        keep
    });
    timexes
}
