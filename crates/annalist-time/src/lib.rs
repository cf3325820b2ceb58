//! annalist-time: find temporal expressions in text and normalize them to TimeML TIMEX3.
//!
//! ```
//! use annalist_time::{Tagger, Anchor};
//!
//! let tagger = Tagger::english();
//! let anchor = Anchor::from_dct("2025-03-14")?;
//! let timexes = tagger.tag("Thirty-seven years ago, on March 3, 1988, a curfew was announced.", &anchor);
//! assert_eq!(timexes[0].text, "Thirty-seven years ago");
//! assert_eq!(timexes[0].value.to_string(), "1988");
//! assert_eq!(timexes[1].value.to_string(), "1988-03-03");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How it works
//!
//! The pipeline goes one way: **tokens** (`token.rs`) → **items and constituents** matched by
//! a language pack's rules (`grammar.rs`, rules in `lang/<code>/rules.txt`) → **frames**, the
//! language-independent meaning of each match (`frame.rs`) → **values**, resolved against the
//! document creation time or the narrative reference time (`resolve.rs`) → [`Timex`].
//!
//! The engine knows no language. English lives in `src/lang/en/`: a lexicon of words and the
//! features they contribute, and a grammar of rules, each with examples that run as tests.
//!
//! This crate does no I/O and keeps no global state besides the lazily parsed built-in packs;
//! tagging is a pure function of (text, anchor), linear in the length of the text.

#![warn(missing_docs)]

mod compound;
mod examples;
mod frame;
mod grammar;
pub mod lang;
mod pack;
mod quote;
mod range;
mod resolve;
mod tense;
mod token;
pub mod value;

use std::sync::Arc;

use jiff::civil::{Date, DateTime};
use serde::Serialize;

pub use crate::examples::ExampleFailure;
pub use crate::pack::{Example, LanguagePack, PackError};
pub use crate::range::{RangeLink, RangeRole};
pub use crate::resolve::AnchorUsed;
pub use crate::value::{Granularity, Interval, Mod, TimexType, TimexValue};

/// One temporal expression found in a text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timex {
    /// Character (Unicode scalar) offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// Byte offset of the first byte.
    #[serde(skip)]
    pub byte_start: usize,
    /// Byte offset one past the last byte.
    #[serde(skip)]
    pub byte_end: usize,
    /// The expression as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The normalized value.
    pub value: TimexValue,
    /// The TIMEX3 `mod`, when the text qualifies the value.
    #[serde(rename = "mod")]
    pub modifier: Option<Mod>,
    /// `quant` of a SET ("EACH", "EVERY").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quant: Option<&'static str>,
    /// `freq` of a SET ("2X").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    /// The concrete `[start, end)` the value denotes, when it has one: the third of it that
    /// "early", "mid-" or "late" names (see [`TimexValue::interval_with`]).
    pub interval: Option<Interval>,
    /// Which anchor the value was resolved against.
    pub anchor: AnchorUsed,
    /// The expression is where something began, not when it happened: it stands in a clause
    /// that "since" opens ("displaced since the rains began on Sept. 6"). A count given with
    /// it holds at the time of writing.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub since: bool,
    /// The expression is the other side of a comparison, not when the news happened: it
    /// stands in a clause that "compared with", "up from" or "versus" opens ("41 killed this
    /// year, up from 29 in 2025").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub compared: bool,
    /// The expression is a possessive naming a thing ("Tuesday's bombing", by the pack's
    /// `POSSESSIVE:` markers), not when the sentence's news happened.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub possessive: bool,
    /// The expression hangs on a verb of saying ("said on Friday", "told reporters Monday", by
    /// the pack's `REPORTING:` words): it dates the report, which may be later than what was
    /// reported.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reported: bool,
    /// The range this expression is one end of ("from 2001 to 2009"), with the interval that
    /// joins both ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<RangeLink>,
    /// The grammar rule that matched (for `--explain`).
    #[serde(skip)]
    pub rule: Arc<str>,
}

/// Document style: how partial dates ("March 3") find their year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// Decide from the text: a document whose explicit years lie mostly more than a decade
    /// before its creation time is a narrative.
    #[default]
    Auto,
    /// News: partial dates and deixis resolve against the document creation time.
    News,
    /// History narrative: partial dates take their year from the last date mentioned.
    Narrative,
}

/// How a document writes numeric dates: whether "03/04/2015" is 4 March or 3 April.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// Decide from the document itself. A numeric date that can only be read one way
    /// ("27/03/2015", "3/14/2025", "20.01.1990") is strong evidence; dates written out are
    /// weaker evidence ("7 December" is written day first, "December 7" month first). Without
    /// evidence for day first, month first (American usage) is kept.
    #[default]
    Auto,
    /// Decide from the document, as [`DateOrder::Auto`], starting from month first: the
    /// document's metadata suggests it (a page declared `en-US`). The text's own dates can
    /// outweigh the hint: one numeric date that can only be read day first does, as do four
    /// dates written out day first.
    LikelyMonthFirst,
    /// Decide from the document, starting from day first (a page declared `en-GB`, a header
    /// date "25/11/2026").
    LikelyDayFirst,
    /// Month first, as in the United States: "03/04/2015" is 4 March.
    MonthFirst,
    /// Day first, as in most of the world: "03/04/2015" is 3 April.
    DayFirst,
}

/// What relative expressions are resolved against.
#[derive(Clone, Debug, Default)]
pub struct Anchor {
    /// The document creation time, if known. Without it, deictic expressions ("yesterday")
    /// stay unresolved unless the text itself mentions a date to anchor on.
    pub dct: Option<DateTime>,
    /// News or narrative resolution.
    pub style: Style,
    /// How the document writes numeric dates.
    pub date_order: DateOrder,
}

/// The DCT given to [`Anchor::from_dct`] could not be read.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot read {input:?} as a date: expected YYYY-MM-DD or an RFC 3339 timestamp such as 2025-03-14T09:05:00+04:00"
)]
pub struct DctError {
    /// What was given.
    pub input: String,
}

impl Anchor {
    /// An anchor at the given document creation time: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]`,
    /// or RFC 3339 with an offset (the local civil time is kept: news is dated in its own
    /// time zone). TimeML's compact `19980108` is accepted too.
    pub fn from_dct(s: &str) -> Result<Anchor, DctError> {
        Ok(Anchor {
            dct: Some(parse_dct(s).ok_or_else(|| DctError {
                input: s.to_string(),
            })?),
            ..Anchor::default()
        })
    }

    /// An anchor without a DCT.
    pub fn none() -> Anchor {
        Anchor::default()
    }
}

/// Reads a DCT in the formats [`Anchor::from_dct`] accepts.
pub fn parse_dct(s: &str) -> Option<DateTime> {
    let s = s.trim();
    // Years before the common era: ISO 8601 writes them with a sign and six digits; accept the
    // four-digit form too ("-0043-03-15" is 44 BCE).
    if let Some(rest) = s.strip_prefix(['-', '+'])
        && rest.len() >= 5
        && rest.as_bytes()[4] == b'-'
        && rest[..4].bytes().all(|b| b.is_ascii_digit())
    {
        let expanded = format!("{}00{rest}", &s[..1]);
        return parse_dct(&expanded);
    }
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        // An RFC 3339 string with an offset: keep the civil time it states.
        if let Some(off) = rfc3339_offset(s) {
            return Some(off.to_datetime(ts));
        }
        return Some(jiff::tz::Offset::UTC.to_datetime(ts));
    }
    if let Ok(dt) = s.parse::<DateTime>() {
        return Some(dt);
    }
    if let Ok(d) = s.parse::<Date>() {
        return Some(d.to_datetime(jiff::civil::Time::midnight()));
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let y: i16 = s[0..4].parse().ok()?;
        let m: i8 = s[4..6].parse().ok()?;
        let d: i8 = s[6..8].parse().ok()?;
        return Date::new(y, m, d)
            .ok()
            .map(|d| d.to_datetime(jiff::civil::Time::midnight()));
    }
    None
}

fn rfc3339_offset(s: &str) -> Option<jiff::tz::Offset> {
    if s.ends_with('Z') || s.ends_with('z') {
        return Some(jiff::tz::Offset::UTC);
    }
    let tail = s.get(s.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h: i8 = tail.get(1..3)?.parse().ok()?;
    let m: i8 = tail.get(4..6)?.parse().ok()?;
    let secs = sign * (i32::from(h) * 3600 + i32::from(m) * 60);
    jiff::tz::Offset::from_seconds(secs).ok()
}

/// A temporal tagger for one language.
#[derive(Debug, Clone)]
pub struct Tagger {
    pack: Arc<lang::CompiledPack>,
}

impl Tagger {
    /// The English tagger (built in).
    pub fn english() -> Tagger {
        Tagger {
            pack: lang::english(),
        }
    }

    /// A tagger for a language pack you parsed yourself.
    pub fn with_pack(pack: LanguagePack) -> Tagger {
        Tagger {
            pack: Arc::new(lang::CompiledPack::new(pack)),
        }
    }

    /// The language pack in use.
    pub fn pack(&self) -> &LanguagePack {
        &self.pack.pack
    }

    /// Finds and normalizes every temporal expression in `text`.
    pub fn tag(&self, text: &str, anchor: &Anchor) -> Vec<Timex> {
        self.tag_with_style(text, anchor).0
    }

    /// As [`Tagger::tag`], with the style the text was read in: the anchor's, or, for
    /// [`Style::Auto`], the one decided from the text ([`Style::News`] or
    /// [`Style::Narrative`]). A caller placing statements on a timeline needs it: in news, a
    /// statement told in the present speaks of the time of writing, in a history it does not.
    pub fn tag_with_style(&self, text: &str, anchor: &Anchor) -> (Vec<Timex>, Style) {
        let mut session = self.session(anchor);
        let mut out = Vec::new();
        for chunk in lang::chunks(text, lang::CHUNK_BYTES) {
            out.extend(session.tag_chunk(chunk));
        }
        (out, session.style())
    }

    /// Starts tagging a document that arrives in pieces (a file too large to hold in memory):
    /// feed it consecutive chunks, ideally cut at paragraph breaks, with
    /// [`Session::tag_chunk`]; reference times carry over and offsets count from the start.
    pub fn session(&self, anchor: &Anchor) -> Session {
        Session {
            pack: self.pack.clone(),
            state: lang::SessionState::new(anchor),
        }
    }
}

/// Tagging state for one document fed in chunks; see [`Tagger::session`].
pub struct Session {
    pack: Arc<lang::CompiledPack>,
    state: lang::SessionState,
}

impl Session {
    /// Tags the next chunk of the document. Offsets in the result count from the start of the
    /// document, across all chunks fed so far.
    pub fn tag_chunk(&mut self, chunk: &str) -> Vec<Timex> {
        self.state.tag_chunk(&self.pack, chunk)
    }

    /// The style the document has read as so far: [`Style::Narrative`] or [`Style::News`]
    /// (decided afresh with each chunk when the anchor's style is [`Style::Auto`]).
    pub fn style(&self) -> Style {
        self.state.style()
    }
}

#[cfg(test)]
mod tests;
