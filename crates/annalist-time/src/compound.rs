//! Compound durations: "two hours and 40 minutes", "3 years, 10 months and 8 days".
//!
//! The grammar finds each length on its own ("two hours", "40 minutes"); TimeML writes the
//! whole as one DURATION (`PT2H40M`), and a timeline wants one length, not two. This pass joins
//! lengths that follow each other in descending units, separated by nothing, a comma or a
//! `DURATION_JOIN` word of the lexicon ("and"). Only known amounts join: "two or three days"
//! and "several hours and 40 minutes" are left alone, as are units that do not descend ("two
//! days and three days" is two lengths).

use crate::pack::LanguagePack;
use crate::range::Stated;
use crate::value::{Amount, DurationValue, TimexValue};
use crate::{Timex, TimexType};

/// The components of a duration whose amounts are all known.
fn known_parts(t: &Timex) -> Option<&DurationValue> {
    match &t.value {
        TimexValue::Duration(d)
            if t.kind == TimexType::Duration
                && !d.parts.is_empty()
                && d.parts.iter().all(|(a, _)| matches!(a, Amount::Known(_))) =>
        {
            Some(d)
        }
        _ => None,
    }
}

/// Whether the text between two lengths joins them: nothing, a comma, a `DURATION_JOIN` word,
/// or a comma and one.
fn joins(pack: &LanguagePack, gap: &str) -> bool {
    let gap = gap.trim();
    let gap = gap.strip_prefix(',').map_or(gap, str::trim_start);
    gap.is_empty()
        || pack
            .duration_joins
            .iter()
            .any(|w| w.eq_ignore_ascii_case(gap))
}

/// Joins compound durations in `timexes` (from a text whose first byte is at `byte_base` in
/// the document), keeping `stated` in step. One pass: each expression either joins the one
/// kept before it or is kept itself.
pub(crate) fn join(
    pack: &LanguagePack,
    text: &str,
    byte_base: usize,
    timexes: &mut Vec<Timex>,
    stated: &mut Vec<Stated>,
) {
    let mut kept: Vec<Timex> = Vec::with_capacity(timexes.len());
    let mut kept_stated: Vec<Stated> = Vec::with_capacity(stated.len());
    for (b, sb) in timexes.drain(..).zip(stated.drain(..)) {
        if let Some(a) = kept.last_mut()
            && let Some(value) = joined(pack, text, byte_base, a, &b)
        {
            if let Some(whole) = text.get(a.byte_start - byte_base..b.byte_end - byte_base) {
                a.text = whole.to_string();
            }
            a.end = b.end;
            a.byte_end = b.byte_end;
            a.value = TimexValue::Duration(value);
            continue;
        }
        kept.push(b);
        kept_stated.push(sb);
    }
    *timexes = kept;
    *stated = kept_stated;
}

/// The compound of lengths `a` and `b`, if they join.
fn joined(
    pack: &LanguagePack,
    text: &str,
    byte_base: usize,
    a: &Timex,
    b: &Timex,
) -> Option<DurationValue> {
    let (da, db) = (known_parts(a)?, known_parts(b)?);
    let descends = da.parts.last().map(|p| p.1) < db.parts.first().map(|p| p.1);
    let gap = text.get(a.byte_end.checked_sub(byte_base)?..b.byte_start.checked_sub(byte_base)?)?;
    if b.modifier.is_some() || !descends || !joins(pack, gap) {
        return None;
    }
    let mut parts = da.parts.clone();
    parts.extend(db.parts.iter().copied());
    Some(DurationValue { parts })
}
