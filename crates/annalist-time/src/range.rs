//! Ranges: "from 2001 to 2009", "between March and May 1990", "1990–1994".
//!
//! TimeML annotates the two ends as separate TIMEX3s, which the tagger already finds. This
//! pass links them: the first end borrows the year the second one states ("between March and
//! May 1990" is March 1990, "December to March 1990" is December 1989), and both carry the
//! interval that joins them, for timelines and range queries.

use serde::Serialize;

use crate::value::{CalendarValue, Interval, TimexValue, YearField};
use crate::{Timex, TimexType};

/// Which end of a range a time expression is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RangeRole {
    /// "from 2001" in "from 2001 to 2009".
    Start,
    /// "2009" in "from 2001 to 2009".
    End,
}

/// The range a time expression is one end of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RangeLink {
    /// This expression's end.
    pub role: RangeRole,
    /// Character offset of the other end.
    pub other: usize,
    /// From the start of the first end to the end of the second.
    pub interval: Interval,
}

fn dating(t: &Timex) -> bool {
    matches!(t.kind, TimexType::Date | TimexType::Time)
}

fn last_word(text: &str) -> String {
    text.trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Links consecutive time expressions of `text` (whose first byte is at `byte_base` in the
/// document) that form a range. `year_stated[i]` says whether expression `i` states its year.
pub(crate) fn link(text: &str, byte_base: usize, timexes: &mut [Timex], year_stated: &[bool]) {
    for i in 0..timexes.len().saturating_sub(1) {
        let (a, b) = (&timexes[i], &timexes[i + 1]);
        if !dating(a) || !dating(b) || a.byte_end > b.byte_start {
            continue;
        }
        let (Some(gap), Some(before)) = (
            text.get(a.byte_end - byte_base..b.byte_start - byte_base),
            text.get(..a.byte_start - byte_base),
        ) else {
            continue;
        };
        let joined = match gap.trim().to_lowercase().as_str() {
            "-" | "–" | "—" => !gap.contains('\n'),
            "to" | "until" | "till" | "through" | "thru" => true,
            "and" => last_word(before) == "between",
            _ => false,
        };
        if !joined {
            continue;
        }
        if !year_stated.get(i).copied().unwrap_or(true)
            && year_stated.get(i + 1).copied().unwrap_or(false)
        {
            borrow_year(&mut timexes[..], i);
        }
        let (a, b) = (&timexes[i], &timexes[i + 1]);
        let (Some(ia), Some(ib)) = (a.interval, b.interval) else {
            continue;
        };
        if ia.start > ib.end {
            continue;
        }
        let interval = Interval {
            start: ia.start,
            end: ib.end.max(ia.end),
        };
        let (sa, sb) = (a.start, b.start);
        timexes[i].range = Some(RangeLink {
            role: RangeRole::Start,
            other: sb,
            interval,
        });
        timexes[i + 1].range = Some(RangeLink {
            role: RangeRole::End,
            other: sa,
            interval,
        });
    }
}

/// Gives expression `i` the year of expression `i + 1` (or the year before, if it would
/// otherwise start after it).
fn borrow_year(timexes: &mut [Timex], i: usize) {
    let TimexValue::Calendar(CalendarValue {
        year: YearField::Year(y),
        ..
    }) = timexes[i + 1].value
    else {
        return;
    };
    let TimexValue::Calendar(mut v) = timexes[i].value.clone() else {
        return;
    };
    if !matches!(v.year, YearField::Year(_)) && v.year != YearField::Unknown {
        return;
    }
    let end_start = timexes[i + 1].interval.map(|iv| iv.start);
    v.year = YearField::Year(y);
    let mut value = TimexValue::Calendar(v);
    if let (Some(s), Some(e)) = (value.interval(), end_start)
        && s.start > e
    {
        v.year = YearField::Year(y - 1);
        value = TimexValue::Calendar(v);
    }
    timexes[i].interval = value.interval();
    timexes[i].value = value;
}
