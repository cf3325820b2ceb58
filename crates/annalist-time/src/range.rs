//! Ranges: "from 2001 to 2009", "between March and May 1990", "1990–1994".
//!
//! TimeML annotates the two ends as separate TIMEX3s, which the tagger already finds. This
//! pass links them: the first end borrows the year the second one states ("between March and
//! May 1990" is March 1990, "December to March 1990" is December 1989), and both carry the
//! interval that joins them, for timelines and range queries.
//!
//! Before linking, [`split_elided`] finds the ends that are only a number because the other
//! end states the rest: "6" in "6-7 January 1916", "25" in "April 24 and 25", "17" in
//! "1915-17". TimeML annotates that number as a TIMEX3 of its own, with the month and year
//! it shares.
//!
//! Two expressions joined by "and" or "or" are not a range, but the first may still need the
//! year the second states: "in August and September 1914" (`COORDINATION_LINK`).
//!
//! The link words ("to", "between … and", dashes) are language data: `RANGE_*` and
//! `ELIDED_*` and `COORDINATION_LINK` in the pack's lexicon.

use serde::Serialize;

use crate::pack::{LanguagePack, RangeWords};
use crate::value::{
    CalendarValue, DatePart, Granularity, Interval, PartOfDay, TimeOfDay, TimexValue, YearField,
};
use crate::{Timex, TimexType};

/// What an expression states itself, rather than takes from its anchor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Stated {
    /// Its year ("1990", "the 1990s").
    pub year: bool,
    /// Its day ("March 3", "Friday", "today").
    pub day: bool,
    /// A weekday alone ("Saturday"), which may be a week off.
    pub weekday_only: bool,
    /// Told in the past tense ("ran", "was held").
    pub past: bool,
    /// A day counted ahead ("next Tuesday", "tomorrow"): a weekday joined to it by "and" or
    /// "or" follows it ("next Tuesday and Wednesday").
    pub ahead: bool,
    /// A month or season, perhaps with its day, that states no year and no relation ("August",
    /// "the spring", "April 6"; not "last March"): what a year after it can complete.
    pub month_or_season: bool,
}

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
    crate::pack::fold_case(
        text.trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or(""),
    )
}

/// Links consecutive time expressions of `text` (whose first byte is at `byte_base` in the
/// document) that form a range. `stated[i]` says what expression `i` states itself.
pub(crate) fn link(
    pack: &LanguagePack,
    text: &str,
    byte_base: usize,
    timexes: &mut [Timex],
    stated: &[Stated],
    dct: Option<jiff::civil::Date>,
) {
    let words = &pack.range;
    // Whether only a comma or a coordinating word ("and", "or") stands between `a` and `b`.
    let coordinated = |a: &Timex, b: &Timex| {
        a.byte_end <= b.byte_start
            && text
                .get(a.byte_end - byte_base..b.byte_start - byte_base)
                .is_some_and(|gap| {
                    let gap = crate::pack::fold_case(gap.trim());
                    gap == "," || words.coordination.contains(&gap)
                })
    };
    // Whether what follows a closing bracket leads on to the day after it: nothing, a comma or
    // a `DAY_LINK` word ("on").
    let leads_to_day = |rest: &str| {
        let rest = crate::pack::fold_case(rest.trim());
        rest.is_empty() || rest == "," || words.day_links.contains(&rest)
    };
    for i in 0..timexes.len().saturating_sub(1) {
        let (a, b) = (&timexes[i], &timexes[i + 1]);
        // "Flights leave on Monday and Tuesday nights": the night of every such Monday too.
        if a.kind == TimexType::Set && b.kind == TimexType::Set && coordinated(a, b) {
            share_part_of_day(timexes, i);
        }
        let (a, b) = (&timexes[i], &timexes[i + 1]);
        if a.kind == TimexType::Set
            && stated.get(i + 1).is_some_and(|sb| sb.weekday_only)
            && coordinated(a, b)
        {
            // "every Monday and Thursday", "every Monday, Wednesday and Friday": the weekdays
            // after the first recur too.
            every_weekday_like(timexes, i);
            continue;
        }
        // "Twice a year, in March and September": a month named as when something recurs
        // makes the one joined to it such a month too.
        if stated.get(i).is_some_and(|sa| sa.month_or_season)
            && stated
                .get(i + 1)
                .is_some_and(|sb| sb.month_or_season && !sb.year)
            && matches!(
                a.value,
                TimexValue::Calendar(CalendarValue {
                    year: YearField::Unknown,
                    ..
                })
            )
            && coordinated(a, b)
            && let TimexValue::Calendar(mut v) = timexes[i + 1].value
        {
            v.year = YearField::Unknown;
            let b = &mut timexes[i + 1];
            b.value = TimexValue::Calendar(v);
            b.interval = None;
            b.anchor = crate::AnchorUsed::None;
            continue;
        }
        // "At 07:00 local time (04:00 GMT) on Sunday": both clock times are on that day.
        if let Some(c) = timexes.get(i + 2)
            && stated.get(i + 2).is_some_and(|sc| sc.day)
            && stated.get(i).is_some_and(|sa| !sa.day)
            && stated.get(i + 1).is_some_and(|sb| !sb.day)
            && is_clock(a)
            && is_clock(b)
            && a.byte_end <= b.byte_start
            && b.byte_end <= c.byte_start
            && let (Some(open), Some(close)) = (
                text.get(a.byte_end - byte_base..b.byte_start - byte_base),
                text.get(b.byte_end - byte_base..c.byte_start - byte_base),
            )
            && open.trim_end().ends_with('(')
            && close
                .trim_start()
                .strip_prefix(')')
                .is_some_and(leads_to_day)
        {
            take_day(timexes, i + 1, i + 2);
            take_day(timexes, i, i + 2);
            continue;
        }
        // "At 5 p.m. (London time) on 15 January": a bracketed zone between the clock time and
        // its day.
        if stated.get(i + 1).is_some_and(|sb| sb.day)
            && stated.get(i).is_some_and(|sa| !sa.day)
            && is_clock(a)
            && a.byte_end <= b.byte_start
            && let Some(gap) = text.get(a.byte_end - byte_base..b.byte_start - byte_base)
            && let Some((inside, rest)) = gap
                .trim_start()
                .strip_prefix('(')
                .and_then(|g| g.split_once(')'))
            && inside.len() <= BRACKETED_ZONE_BYTES
            && !inside.contains('(')
            && leads_to_day(rest)
        {
            take_day(timexes, i, i + 1);
            continue;
        }
        if !dating(a) || !dating(b) || a.byte_end > b.byte_start {
            continue;
        }
        let (Some(gap), Some(before)) = (
            text.get(a.byte_end - byte_base..b.byte_start - byte_base),
            text.get(..a.byte_start - byte_base),
        ) else {
            continue;
        };
        let word = crate::pack::fold_case(gap.trim());
        // A dash joins only on one line; a word anywhere.
        let on_one_line = word.chars().any(char::is_alphanumeric) || !gap.contains('\n');
        // "from Monday, March 2, to Friday, March 6", "from Jan. 5, 2026, to Feb. 3": the comma
        // that closes a full date does not part it from the link word.
        let after_comma = word
            .strip_prefix(',')
            .map(str::trim_start)
            .filter(|w| w.chars().all(char::is_alphabetic) && !w.is_empty())
            .filter(|_| stated.get(i).is_some_and(|sa| sa.day || sa.year));
        let joined = on_one_line
            && (words.links.contains(&word)
                || after_comma.is_some_and(|w| words.links.iter().any(|l| l == w))
                || (words.opener_links.contains(&word)
                    && words.openers.contains(&last_word(before))));
        let sb = stated.get(i + 1).copied().unwrap_or_default();
        if !joined {
            // "in August and September 1914": not a range, but one year for both.
            if on_one_line
                && words.coordination.contains(&word)
                && stated.get(i).is_some_and(|sa| sa.month_or_season)
                && sb.year
            {
                borrow_year(&mut timexes[..], i);
            }
            // "Talks were held on Monday and Tuesday", written on a Monday: the Monday before
            // that Tuesday; "will meet on Friday and Monday": the Monday after that Friday.
            if on_one_line
                && words.coordination.contains(&word)
                && stated.get(i).is_some_and(|sa| sa.weekday_only)
                && sb.weekday_only
            {
                weekdays_in_order(&mut timexes[..], i, dct);
            }
            // "next Tuesday and Wednesday": the Wednesday after it.
            if on_one_line
                && words.coordination.contains(&word)
                && stated.get(i).is_some_and(|sa| sa.ahead)
                && sb.weekday_only
            {
                move_on_if_before(&mut timexes[..], stated, i, 7);
            }
            // "open at 7 a.m. and close at 8 p.m. on Sunday": two clock times in verb phrases
            // joined by "and" share the day the second one states.
            if on_one_line
                && stated.get(i).is_some_and(|sa| !sa.day)
                && sb.day
                && is_clock(&timexes[i])
                && is_clock(&timexes[i + 1])
                && joins_clauses(words, &word)
            {
                borrow_day(&mut timexes[..], i);
            }
            continue;
        }
        // "from 1550 to 1070 BC": a range runs forward, so the first year is BC as well.
        bce_like_the_end(&mut timexes[..], i);
        // "the 1980-90s": the first decade shares the second one's "s".
        if is_dash(gap) {
            decade_like_the_end(&mut timexes[..], i);
        }
        if let Some(sa) = stated.get(i) {
            if !sa.year && sb.year {
                borrow_year(&mut timexes[..], i);
            }
            // "from 9 a.m. to 5 p.m. Friday": the first time is on the second one's day.
            if !sa.day && sb.day {
                borrow_day(&mut timexes[..], i);
            }
        }
        // Ends that state no year, resolved each on its own, may come out in the wrong order
        // ("from October to March" in a story of 1945, October 1945) or a year apart ("lasted
        // from Feb. 20 to Feb. 28", the coming Feb. 28). Out of order, the first end moves
        // before the second; a year apart, the second moves after the first.
        if stated
            .get(i)
            .is_some_and(|sa| !sa.year && sa.month_or_season)
            && !sb.year
            && sb.month_or_season
            && let (Some(ia), Some(ib)) = (timexes[i].interval, timexes[i + 1].interval)
        {
            if ib.start < ia.start {
                borrow_year(&mut timexes[..], i);
            } else if ia
                .start
                .date()
                .checked_add(jiff::Span::new().years(1))
                .is_ok_and(|d| d <= ib.start.date())
            {
                follow_year(&mut timexes[..], i);
            }
        }
        // "A curfew imposed on Sunday from 6 p.m. to 6 a.m. will remain": a first end that
        // states no day, right after a day (one word apart), is on that day, and a second end
        // that states none is on the first end's, whatever their own anchor (here the
        // writer's day, for a sentence that looks ahead) would give.
        if i > 0
            && stated.get(i).is_some_and(|sa| !sa.day)
            && stated.get(i - 1).is_some_and(|s| s.day)
            && is_clock(&timexes[i])
            && timexes[i - 1].byte_end <= timexes[i].byte_start
            && text
                .get(timexes[i - 1].byte_end - byte_base..timexes[i].byte_start - byte_base)
                .is_some_and(|gap| {
                    gap.split_whitespace().count() <= 1
                        && gap.chars().all(|c| c.is_alphabetic() || c.is_whitespace())
                })
        {
            take_day(&mut timexes[..], i, i - 1);
        }
        if !sb.day && is_clock(&timexes[i]) && is_clock(&timexes[i + 1]) {
            take_day(&mut timexes[..], i + 1, i);
        }
        // "from 10 p.m. until 5 a.m.", "from dusk until dawn": a time of day without its own
        // day that would come before the first end is on the next day.
        if !sb.day && matches!(&timexes[i + 1].value, TimexValue::Calendar(v) if v.time.is_some()) {
            move_on_if_before(&mut timexes[..], stated, i, 1);
        }
        // "from Friday to Saturday", resolved each on its own, may put Saturday in the week
        // before: the second end follows the first. But when the second end is in the past
        // and the first, a weekday too, is not ("the strike ran from Monday through Thursday",
        // written on a Monday), both are last week's: the first moves back.
        if sb.weekday_only {
            let both_past = sb.past
                && stated.get(i).is_some_and(|sa| sa.weekday_only)
                && matches!(
                    (day_of(&timexes[i]), day_of(&timexes[i + 1]), dct),
                    (Some(a), Some(b), Some(d))
                        if b < a && b < d && a >= d && (a - b).get_days() < 7
                );
            if both_past {
                move_day(&mut timexes[i], -7);
            } else {
                move_on_if_before(&mut timexes[..], stated, i, 7);
            }
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

/// Whether a time expression gives a clock time ("7 a.m.", "20:00").
fn is_clock(t: &Timex) -> bool {
    matches!(&t.value, TimexValue::Calendar(v) if matches!(v.time, Some(TimeOfDay::Clock { .. })))
}

/// Whether the words between two expressions join two short clauses: a coordination word
/// then at most `CLAUSE_JOIN_WORDS` words and no punctuation ("and close at").
fn joins_clauses(words: &RangeWords, gap: &str) -> bool {
    let mut parts = gap.split_whitespace();
    parts
        .next()
        .is_some_and(|w| words.coordination.iter().any(|c| c == w))
        && gap.chars().all(|c| c.is_alphabetic() || c.is_whitespace())
        && parts.count() <= CLAUSE_JOIN_WORDS
}

/// How many words may follow the coordination word in `joins_clauses`.
const CLAUSE_JOIN_WORDS: usize = 3;

/// Moves expression `i + 1` `days` on if it starts before expression `i`: a weekday a week
/// ("from Friday to Saturday"), a clock time a day ("from 10 p.m. until 5 a.m."). The
/// expressions right after it that took its day from it move with it ("Monday to Thursday,
/// from 9.30am to 4pm").
fn move_on_if_before(timexes: &mut [Timex], stated: &[Stated], i: usize, days: i64) {
    let old_day = day_of(&timexes[i + 1]);
    if !move_one_on_if_before(timexes, i, days) || old_day.is_none() {
        return;
    }
    for (t, s) in timexes[i + 2..]
        .iter_mut()
        .zip(&stated[(i + 2).min(stated.len())..])
    {
        if s.day || t.anchor != crate::AnchorUsed::Narrative || day_of(t) != old_day {
            break;
        }
        move_day(t, days);
    }
}

/// The day a dating expression falls on, if it names one.
fn day_of(t: &Timex) -> Option<jiff::civil::Date> {
    match &t.value {
        TimexValue::Calendar(v) if dating(t) => v.to_date(),
        _ => None,
    }
}

/// Puts two weekdays joined by "and" or "or" in the order written, when each alone fell in
/// a different week and in order they lie closer: the first moves a week back if the second
/// is before the writer's day, else the second a week on. (Written on a Friday, "statements
/// made Friday and Thursday" are today's and yesterday's, listed back.)
fn weekdays_in_order(timexes: &mut [Timex], i: usize, dct: Option<jiff::civil::Date>) {
    let (Some(a), Some(b)) = (day_of(&timexes[i]), day_of(&timexes[i + 1])) else {
        return;
    };
    let apart = (a - b).get_days();
    if apart <= 0 || 7 - apart >= apart {
        return;
    }
    if dct.is_some_and(|d| b < d) {
        move_day(&mut timexes[i], -7);
    } else {
        move_day(&mut timexes[i + 1], 7);
    }
}

/// A dating expression's value `days` on, keeping its time of day.
fn moved_by(t: &Timex, days: i64) -> Option<TimexValue> {
    let TimexValue::Calendar(mut v) = t.value.clone() else {
        return None;
    };
    let day = v
        .to_date()
        .and_then(|d| d.checked_add(jiff::Span::new().days(days)).ok())?;
    let moved = CalendarValue::day(day);
    v.year = moved.year;
    v.part = moved.part;
    Some(TimexValue::Calendar(v))
}

/// Moves a dating expression `days` on, keeping its time of day.
fn move_day(t: &mut Timex, days: i64) {
    if let Some(value) = moved_by(t, days) {
        revalue(t, value);
    }
}

/// Moves expression `i + 1` as [`move_on_if_before`] says; whether it moved.
fn move_one_on_if_before(timexes: &mut [Timex], i: usize, days: i64) -> bool {
    let (Some(ia), Some(ib)) = (timexes[i].interval, timexes[i + 1].interval) else {
        return false;
    };
    if ib.start >= ia.start {
        return false;
    }
    let next = &mut timexes[i + 1];
    match moved_by(next, days) {
        Some(value)
            if value
                .interval_with(next.modifier)
                .is_some_and(|iv| iv.start >= ia.start) =>
        {
            revalue(next, value);
            true
        }
        _ => false,
    }
}

/// Moves the year of expression `i` before the common era when expression `i + 1` is a year
/// before it and `i`'s year, read the same way, comes first: "1550" in "1550 to 1070 BC".
fn bce_like_the_end(timexes: &mut [Timex], i: usize) {
    let (
        TimexValue::Calendar(CalendarValue {
            year: YearField::Year(ya),
            ..
        }),
        TimexValue::Calendar(CalendarValue {
            year: YearField::Year(yb),
            ..
        }),
    ) = (&timexes[i].value, &timexes[i + 1].value)
    else {
        return;
    };
    let (ya, yb) = (*ya, *yb);
    if ya <= 0 || yb > 0 || 1 - ya > yb {
        return;
    }
    let TimexValue::Calendar(mut v) = timexes[i].value.clone() else {
        return;
    };
    v.year = YearField::Year(1 - ya);
    let value = TimexValue::Calendar(v);
    revalue(&mut timexes[i], value);
}

/// Makes expression `i`, a round year written as a plain number, a decade when expression
/// `i + 1` is one: "1980" in "the 1980-90s". (Only across a dash: "from 1980 to the 1990s" is
/// a year to a decade.)
fn decade_like_the_end(timexes: &mut [Timex], i: usize) {
    let (a, b) = (&timexes[i], &timexes[i + 1]);
    let TimexValue::Calendar(
        v @ CalendarValue {
            year: YearField::Year(y),
            part: DatePart::None,
            time: None,
        },
    ) = &a.value
    else {
        return;
    };
    if b.value.granularity() != Some(Granularity::Decade)
        || y % 10 != 0
        || !a.text.bytes().all(|c| c.is_ascii_digit())
    {
        return;
    }
    let mut v = *v;
    v.year = YearField::Decade(y / 10);
    revalue(&mut timexes[i], TimexValue::Calendar(v));
}

/// Makes expression `i + 1`, a weekday, a set like expression `i` ("every Monday and
/// Thursday"), when `i` recurs on a weekday.
fn every_weekday_like(timexes: &mut [Timex], i: usize) {
    let TimexValue::Calendar(CalendarValue {
        part: DatePart::WeekDay { week: None, .. },
        ..
    }) = timexes[i].value
    else {
        return;
    };
    let TimexValue::Calendar(day) = timexes[i + 1].value else {
        return;
    };
    // A weekday next to a set is already habitual (`XXXX-WXX-4`), or was resolved to a date.
    let weekday = match (day.part, day.to_date()) {
        (DatePart::WeekDay { weekday, .. }, _) => weekday,
        (_, Some(date)) => date.weekday().to_monday_one_offset() as u8,
        _ => return,
    };
    let (quant, freq) = (timexes[i].quant, timexes[i].freq.clone());
    let b = &mut timexes[i + 1];
    b.kind = TimexType::Set;
    b.value = TimexValue::Calendar(CalendarValue {
        year: YearField::Unknown,
        part: DatePart::WeekDay {
            week: None,
            weekday,
        },
        time: day.time,
    });
    b.interval = None;
    b.quant = quant;
    b.freq = freq;
}

/// Gives expression `i`, a recurring weekday without a time of day, the one of expression
/// `i + 1`, a recurring weekday with one ("Monday and Tuesday nights").
fn share_part_of_day(timexes: &mut [Timex], i: usize) {
    let recurring_weekday = |t: &Timex| match t.value {
        TimexValue::Calendar(CalendarValue {
            year: YearField::Unknown,
            part: DatePart::WeekDay { week: None, .. },
            time,
        }) => Some(time),
        _ => None,
    };
    if let (Some(None), Some(Some(time))) = (
        recurring_weekday(&timexes[i]),
        recurring_weekday(&timexes[i + 1]),
    ) && let TimexValue::Calendar(v) = &mut timexes[i].value
    {
        v.time = Some(time);
    }
}

/// Gives `t` a new value and the interval it denotes, unless it denotes none (a year out of
/// range): then `t` stays as it was.
fn revalue(t: &mut Timex, value: TimexValue) {
    if let Some(iv) = value.interval_with(t.modifier) {
        t.interval = Some(iv);
        t.value = value;
    }
}

/// Gives expression `i + 1` the year of expression `i` (or the year after, if it would
/// otherwise start before it: "from December to March").
fn follow_year(timexes: &mut [Timex], i: usize) {
    let TimexValue::Calendar(CalendarValue {
        year: YearField::Year(y),
        ..
    }) = timexes[i].value
    else {
        return;
    };
    let TimexValue::Calendar(mut v) = timexes[i + 1].value.clone() else {
        return;
    };
    if !matches!(v.year, YearField::Year(_)) {
        return;
    }
    let first_start = timexes[i].interval.map(|iv| iv.start);
    v.year = YearField::Year(y);
    let mut value = TimexValue::Calendar(v);
    if let (Some(s), Some(f)) = (value.interval(), first_start)
        && s.start < f
    {
        v.year = YearField::Year(y + 1);
        value = TimexValue::Calendar(v);
    }
    revalue(&mut timexes[i + 1], value);
}

/// Gives the clock time of expression `i` the day of expression `i + 1` (or the day before,
/// if it would otherwise start after it: "from 10 p.m. to 2 a.m. Friday").
fn borrow_day(timexes: &mut [Timex], i: usize) {
    let TimexValue::Calendar(day) = &timexes[i + 1].value else {
        return;
    };
    let TimexValue::Calendar(mut v) = timexes[i].value.clone() else {
        return;
    };
    if v.time.is_none() || day.to_date().is_none() {
        return;
    }
    v.year = day.year;
    v.part = day.part;
    let end_start = timexes[i + 1].interval.map(|iv| iv.start);
    let mut value = TimexValue::Calendar(v);
    if let (Some(s), Some(e)) = (value.interval(), end_start)
        && s.start > e
        && let Some(prev) = v.to_date().and_then(|d| d.yesterday().ok())
    {
        let mut w = CalendarValue::day(prev);
        w.time = v.time;
        value = TimexValue::Calendar(w);
    }
    revalue(&mut timexes[i], value);
}

/// Gives the clock time of expression `i` the day of expression `from`.
fn take_day(timexes: &mut [Timex], i: usize, from: usize) {
    let TimexValue::Calendar(day) = timexes[from].value else {
        return;
    };
    let TimexValue::Calendar(mut v) = timexes[i].value else {
        return;
    };
    if v.time.is_none() || day.to_date().is_none() {
        return;
    }
    v.year = day.year;
    v.part = day.part;
    revalue(&mut timexes[i], TimexValue::Calendar(v));
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
    timexes[i].interval = value.interval_with(timexes[i].modifier);
    timexes[i].value = value;
}

/// How long a bracketed zone between a clock time and its day may be: "(London time)",
/// "(0900 GMT)".
const BRACKETED_ZONE_BYTES: usize = 30;

/// How far (in bytes) from an expression the bare number of an elided range may start.
const ELIDED_REACH: usize = 12;

/// How an elided range's link joins the number.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ElidedLink {
    /// A dash, or a word such as "to": the number may be followed by anything.
    Open,
    /// "and", "or": the number must end the phrase.
    Final,
    /// A comma between the days of a list ("4, 5 and 6 March"): only in a list that ends
    /// with a `Final` link.
    List,
}

/// The link if `gap` is one and nothing else: a dash (or other sign) alone, or a word between
/// spaces.
fn elided_link(words: &RangeWords, gap: &str) -> Option<ElidedLink> {
    let t = crate::pack::fold_case(gap.trim());
    let is_word = t.chars().any(char::is_alphanumeric);
    let fits = if is_word {
        gap.starts_with(' ') && gap.ends_with(' ')
    } else {
        !gap.contains('\n')
    };
    if !fits {
        None
    } else if words.elided.contains(&t) {
        Some(ElidedLink::Open)
    } else if words.elided_final.contains(&t) {
        Some(ElidedLink::Final)
    } else if words.elided_list.contains(&t) {
        Some(ElidedLink::List)
    } else {
        None
    }
}

/// The length of an ordinal suffix ("th" in "5th") at the start of `s`, if one is there and
/// ends the word.
fn ordinal_suffix_len(pack: &LanguagePack, s: &str) -> usize {
    pack.ordinal_suffixes
        .iter()
        .filter(|suffix| {
            s.get(..suffix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(suffix))
                && !s[suffix.len()..].starts_with(char::is_alphanumeric)
        })
        .map(String::len)
        .max()
        .unwrap_or(0)
}

/// A year stated right after an elided range's second day ("March 3-4, 1990"): the byte
/// length of ", 1990" and the year.
fn year_after(tail: &str) -> Option<(usize, i32)> {
    let rest = tail.strip_prefix(',').unwrap_or(tail);
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let digits = rest.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || rest[4..].starts_with(char::is_alphanumeric) {
        return None;
    }
    Some((tail.len() - rest.len() + 4, digits.parse().ok()?))
}

/// The year stated after the second day of an elided range that follows an expression
/// ending where `after` starts ("February 25|-26, 1992"), and the byte length up to its end.
/// The tagger gives the first day this year before resolving it, so that the story is at
/// February 1992 and not at the year alone.
pub(crate) fn elided_year(pack: &LanguagePack, after: &str) -> Option<(i32, usize)> {
    let num = number_after(pack, after, 2)?;
    let (len, year) = year_after(num.tail)?;
    Some((year, num.end + len))
}

/// Whether a day that starts an expression is the second of a night over two days, written
/// just before it: "the night of 19-20 January", "the night of 19/20 January". The story is
/// then at that night rather than at the second day: "shortly after midnight" is the first
/// day's midnight, "at 5 a.m." the second day's.
pub(crate) fn ends_a_night(pack: &LanguagePack, before: &str, day: u8) -> bool {
    number_before(pack, before, 2).is_some_and(|(s, _, n)| {
        n + 1 == u32::from(day)
            && matches!(
                part_of_day_before(pack, &before[..s]),
                Some((_, PartOfDay::Night))
            )
    })
}

/// Whether `text` starts with an elided-range article, one space and a digit ("the 5th of
/// May").
fn starts_with_article_and_digit(pack: &LanguagePack, text: &str) -> bool {
    pack.range.elided_articles.iter().any(|article| {
        text.get(..article.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(article))
            && text[article.len()..]
                .strip_prefix(' ')
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// The byte length of an elided-range article and one space that end `before` ("the " in
/// "from the "), as a whole word; 0 if there is none.
fn article_before(pack: &LanguagePack, before: &str) -> usize {
    pack.range
        .elided_articles
        .iter()
        .find_map(|article| {
            let len = article.len() + 1;
            let start = before.len().checked_sub(len)?;
            let word = before.get(start..)?.strip_suffix(' ')?;
            let whole = !before[..start].ends_with(char::is_alphanumeric);
            (whole && word.eq_ignore_ascii_case(article)).then_some(len)
        })
        .unwrap_or(0)
}

/// The part of the day named just before an elided range's first day, with its link ("night
/// of " at the end of `before`): where the word starts in `before`, and the part of the day
/// its lexicon entry gives.
fn part_of_day_before(pack: &LanguagePack, before: &str) -> Option<(usize, PartOfDay)> {
    let (rest, link) = before.strip_suffix(' ')?.rsplit_once(' ')?;
    if !pack
        .range
        .elided_pod_links
        .iter()
        .any(|l| l.eq_ignore_ascii_case(link))
    {
        return None;
    }
    let word = rest.rsplit(' ').next()?;
    let id = pack.word_id(&crate::pack::fold_case(word))?;
    let pod = pack
        .word_info(id)
        .entries
        .iter()
        .find_map(|e| e.features.part_of_day)?;
    Some((rest.len() - word.len(), pod))
}

/// Whether a bare number of up to four digits, joined by an elided-range link, stands just
/// before `before`'s end, not in brackets: the first end of "from 264 to 241 BC" (not of a
/// heading's "(477-450 BC)").
pub(crate) fn elided_start_before(pack: &LanguagePack, before: &str) -> bool {
    number_before(pack, before, 4)
        .is_some_and(|(start, _, _)| !before[..start].trim_end().ends_with('('))
}

/// A dash between two numbers ("1915-17"): a link that is not a word.
fn is_dash(link_text: &str) -> bool {
    let t = link_text.trim();
    !t.is_empty() && !t.chars().any(char::is_alphanumeric)
}

/// The bare number of at most `max_digits` digits just before `before`'s end, joined by a
/// link that is not a list's comma: (its byte range, value).
fn number_before(
    pack: &LanguagePack,
    before: &str,
    max_digits: usize,
) -> Option<(usize, usize, u32)> {
    number_before_linked(pack, before, max_digits)
        .filter(|n| n.3 != ElidedLink::List)
        .map(|(s, e, n, _)| (s, e, n))
}

/// As [`number_before`], with any link, which it returns too.
fn number_before_linked(
    pack: &LanguagePack,
    before: &str,
    max_digits: usize,
) -> Option<(usize, usize, u32, ElidedLink)> {
    let mut from = before.len().saturating_sub(ELIDED_REACH);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let window = &before[from..];
    let digits_end = window.trim_end_matches(|c: char| !c.is_ascii_digit()).len();
    // "3rd-5th March": the first day may carry an ordinal suffix too.
    let suffix = ordinal_suffix_len(pack, &window[digits_end..]);
    let link = elided_link(&pack.range, &window[digits_end + suffix..])?;
    let digits_start = window[..digits_end]
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .len();
    let run = &window[digits_start..digits_end];
    let prev = window[..digits_start].chars().next_back();
    // "3.5-7 January", "A5-7 January": not a day. (A window cut inside the digits, too.)
    if run.is_empty()
        || run.len() > max_digits
        || (digits_start == 0 && from > 0)
        || prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | '-'))
    {
        return None;
    }
    Some((
        from + digits_start,
        from + digits_end + suffix,
        run.parse().ok()?,
        link,
    ))
}

/// The bare number just after a link at `after`'s start.
struct NumberAfter<'a> {
    /// The link's text.
    link: &'a str,
    /// What kind of link it is.
    kind: ElidedLink,
    /// The number's byte range in `after`, with its ordinal suffix.
    start: usize,
    end: usize,
    value: u32,
    /// Text left after it.
    tail: &'a str,
}

/// The bare number of at most `max_digits` digits just after a link at `after`'s start, if
/// the link is not a list's comma.
fn number_after<'a>(
    pack: &LanguagePack,
    after: &'a str,
    max_digits: usize,
) -> Option<NumberAfter<'a>> {
    number_after_linked(pack, after, max_digits).filter(|n| n.kind != ElidedLink::List)
}

/// As [`number_after`], with any link.
fn number_after_linked<'a>(
    pack: &LanguagePack,
    after: &'a str,
    max_digits: usize,
) -> Option<NumberAfter<'a>> {
    let mut to = after.len().min(ELIDED_REACH);
    while !after.is_char_boundary(to) {
        to -= 1;
    }
    let window = &after[..to];
    let start = window.len()
        - window
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .len();
    let link_text = &window[..start];
    let link = elided_link(&pack.range, link_text)?;
    let rest = &after[start..];
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let len = digits + ordinal_suffix_len(pack, &rest[digits..]);
    let tail = &rest[len..];
    // "24 and 25,000", "3-5%", "3-5th", "1990-91-92": not a bare day or year.
    let next = tail.chars().next();
    let continues = next
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '%' | '/' | ':' | '-' | '–'))
        || (matches!(next, Some(',' | '.')) && tail[1..].starts_with(|c: char| c.is_ascii_digit()));
    if digits == 0 || digits > max_digits || continues {
        return None;
    }
    // "on March 3 and 4 people died": after "and" or "or" the number must end the phrase.
    if link == ElidedLink::Final
        && !(tail.trim_start().is_empty() || tail.starts_with(['.', ',', ';', ')']))
    {
        return None;
    }
    Some(NumberAfter {
        link: link_text,
        kind: link,
        start,
        end: start + len,
        value: rest[..digits].parse().ok()?,
        tail,
    })
}

/// Adds the bare-number ends of elided ranges (see the module docs) to `timexes`, keeping
/// the list in text order and `stated` beside it.
pub(crate) fn split_elided(
    pack: &LanguagePack,
    text: &str,
    byte_base: usize,
    timexes: &mut Vec<Timex>,
    stated: &mut Vec<Stated>,
) {
    let mut found: Vec<(usize, Timex)> = Vec::new();
    // Expressions whose year a following "…-4, 1990" states, and the years that joined them.
    let mut years: Vec<(usize, i32)> = Vec::new();
    let mut absorbed: Vec<usize> = Vec::new();
    for (i, t) in timexes.iter().enumerate() {
        let TimexValue::Calendar(v) = &t.value else {
            continue;
        };
        if !matches!(v.year, YearField::Year(_)) {
            continue;
        }
        let (Some(tb), Some(te)) = (
            t.byte_start.checked_sub(byte_base),
            t.byte_end.checked_sub(byte_base),
        ) else {
            continue;
        };
        let (Some(before), Some(after)) = (text.get(..tb), text.get(te..)) else {
            continue;
        };
        // The number must lie between this expression and its neighbours.
        let prev_end = i
            .checked_sub(1)
            .map_or(0, |p| timexes[p].byte_end.saturating_sub(byte_base));
        let next_start = timexes
            .get(i + 1)
            .map_or(text.len(), |n| n.byte_start.saturating_sub(byte_base));
        let starts_with_digit = t.text.starts_with(|c: char| c.is_ascii_digit());
        // "March 3" or "March 3rd".
        let number_end = t.text.trim_end_matches(char::is_alphabetic);
        let ends_with_digit = number_end.ends_with(|c: char| c.is_ascii_digit())
            && ordinal_suffix_len(pack, &t.text[number_end.len()..])
                == t.text.len() - number_end.len();
        let mut ends: Vec<(usize, usize, CalendarValue)> = Vec::new();
        if let Some(TimeOfDay::Clock { hour, .. }) = v.time {
            // "between 2 and 4 p.m.", "9-11 a.m.": an hour before a clock time that starts
            // with its hour, on the same half of the same day.
            let (half, hour12) = (hour / 12 * 12, hour % 12);
            if starts_with_digit
                && hour < 24
                && let Some((s, e, n)) = number_before(pack, before, 2)
                && s >= prev_end
                && (1..u32::from(hour12)).contains(&n)
            {
                let mut w = *v;
                w.time = Some(TimeOfDay::Clock {
                    hour: half + u8::try_from(n).unwrap_or(0),
                    minute: Some(0),
                    second: None,
                });
                ends.push((s, e, w));
            }
        }
        match v.part {
            // The days of a clock time's date are not elided days. (A part of a day's are: "the
            // night of February 25-26, 1992", where the other end is the day alone.)
            _ if matches!(v.time, Some(TimeOfDay::Clock { .. })) => {}
            DatePart::Day {
                month: Some(month),
                day: Some(day),
            } => {
                let with_day = |n: u32| {
                    let mut w = *v;
                    w.part = DatePart::Day {
                        month: Some(month),
                        day: u8::try_from(n).ok(),
                    };
                    w.time = None;
                    w.interval().map(|_| w)
                };
                // "6-7 January 1916": a day before an expression that starts with its day;
                // "from the 3rd to the 5th of May": each with its article.
                if (starts_with_digit || starts_with_article_and_digit(pack, &t.text))
                    && let Some((mut s, e, n, link)) = number_before_linked(pack, before, 2)
                    && link != ElidedLink::List
                    && (1..u32::from(day)).contains(&n)
                    && let Some(mut w) = with_day(n)
                {
                    // "the night of 19-20 January": the night of the first day.
                    let pod = part_of_day_before(pack, &before[..s]);
                    if let Some((pod_start, pod)) = pod {
                        s = pod_start;
                        w.time = Some(TimeOfDay::Part(pod));
                    }
                    let s = s - article_before(pack, &before[..s]);
                    // "the 4th and 5th of March": the first day, tagged alone as a day of
                    // the current month, is this range's.
                    let replaced = i.checked_sub(1).filter(|&p| {
                        timexes[p].byte_start.checked_sub(byte_base) == Some(s)
                            && timexes[p].byte_end.checked_sub(byte_base) == Some(e)
                    });
                    let floor = match replaced {
                        Some(p) => p
                            .checked_sub(1)
                            .map_or(0, |q| timexes[q].byte_end.saturating_sub(byte_base)),
                        None => prev_end,
                    };
                    if s >= floor {
                        absorbed.extend(replaced);
                        ends.push((s, e, w));
                        // "4, 5 and 6 March": the days listed before it, each smaller.
                        let (mut list_start, mut last) = (s, n);
                        while link == ElidedLink::Final
                            && pod.is_none()
                            && let Some((ls, le, m, ElidedLink::List)) =
                                number_before_linked(pack, &before[..list_start], 2)
                            && ls >= floor
                            && (1..last).contains(&m)
                            && let Some(lw) = with_day(m)
                        {
                            ends.push((ls, le, lw));
                            (list_start, last) = (ls, m);
                        }
                    }
                }
                // "April 24 and 25": a day after an expression that ends with its day (not
                // with its year: "March 3, 1988 to 5"); "March 4, 5 and 6": the days of a list.
                let mut list: Vec<(usize, usize, u32)> = Vec::new();
                let mut last = u32::from(day);
                let mut off = 0;
                while ends_with_digit
                    && let Some(num) = number_after_linked(pack, &after[off..], 2)
                    && num.kind == ElidedLink::List
                    && num.value > last
                    && te + off + num.end <= next_start
                {
                    list.push((off + num.start, off + num.end, num.value));
                    last = num.value;
                    off += num.end;
                }
                if ends_with_digit
                    && !stated.get(i).is_none_or(|s| s.year)
                    && let Some(num) = number_after(pack, &after[off..], 2)
                    && (list.is_empty() || num.kind == ElidedLink::Final)
                    && te + off + num.end <= next_start
                    && num.value > last
                    && let Some(mut w) = with_day(num.value)
                {
                    let mut e = off + num.end;
                    // "March 3-4, 1990": the year after the second day is both days' year.
                    if let Some((len, year)) = year_after(num.tail) {
                        let year_end = te + e + len;
                        // The year alone is usually an expression already: it joins this one.
                        let next_is_the_year = timexes.get(i + 1).is_some_and(|n| {
                            n.byte_start.checked_sub(byte_base) == Some(year_end - 4)
                                && n.byte_end.checked_sub(byte_base) == Some(year_end)
                        });
                        w.year = YearField::Year(year);
                        if w.interval().is_some() && (year_end <= next_start || next_is_the_year) {
                            e += len;
                            years.push((i, year));
                            if next_is_the_year {
                                absorbed.push(i + 1);
                            }
                        } else {
                            w.year = v.year;
                        }
                    }
                    for (ls, le, m) in list {
                        if let Some(mut lw) = with_day(m) {
                            lw.year = w.year;
                            ends.extend(lw.interval().map(|_| (te + ls, te + le, lw)));
                        }
                    }
                    ends.push((te + off + num.start, te + e, w));
                }
            }
            // "499-493 BC", "from 499 to 493 BC": the era the second year states is the first
            // one's too, and it counts down.
            DatePart::None
                if matches!(v.year, YearField::Year(y) if y <= 0) && starts_with_digit =>
            {
                if let YearField::Year(y) = v.year
                    && let Some((s, e, n)) = number_before(pack, before, 4)
                    && s >= prev_end
                    && i64::from(n) > 1 - i64::from(y)
                {
                    let mut w = *v;
                    w.year = YearField::Year(1 - i32::try_from(n).unwrap_or(0));
                    ends.push((s, e, w));
                }
            }
            // "1915-17", "fiscal 2025-26": the second year in two digits, after an expression
            // that ends with the first year's four.
            DatePart::None => {
                let year_digits =
                    t.text.len() - t.text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                if let YearField::Year(y) = v.year
                    && year_digits == 4
                    && let Some(num) = number_after(pack, after, 2)
                    && is_dash(num.link)
                    && num.end - num.start == 2
                    && te + num.end <= next_start
                {
                    let second = y - y.rem_euclid(100) + i32::try_from(num.value).unwrap_or(0);
                    if second > y {
                        let mut w = *v;
                        w.year = YearField::Year(second);
                        ends.push((te + num.start, te + num.end, w));
                    }
                }
            }
            _ => {}
        }
        ends.sort_by_key(|&(s, _, _)| s);
        for (s, e, w) in ends {
            // Character offsets, counted from this expression's.
            let (cs, ce) = if s < tb {
                let chars = |b: usize| text.get(b..tb).map_or(0, |g| g.chars().count());
                (
                    t.start.saturating_sub(chars(s)),
                    t.start.saturating_sub(chars(e)),
                )
            } else {
                let chars = |b: usize| text.get(te..b).map_or(0, |g| g.chars().count());
                (t.end + chars(s), t.end + chars(e))
            };
            let value = TimexValue::Calendar(w);
            found.push((
                if s < tb { i } else { i + 1 },
                Timex {
                    start: cs,
                    end: ce,
                    byte_start: byte_base + s,
                    byte_end: byte_base + e,
                    text: text[s..e].to_string(),
                    kind: if w.time.is_some() {
                        TimexType::Time
                    } else {
                        TimexType::Date
                    },
                    interval: value.interval(),
                    value,
                    modifier: None,
                    quant: None,
                    freq: None,
                    anchor: t.anchor,
                    since: t.since,
                    compared: t.compared,
                    possessive: false,
                    reported: t.reported,
                    range: None,
                    rule: "range.elided".into(),
                },
            ));
        }
    }
    for (i, year) in years {
        if let Some(t) = timexes.get_mut(i)
            && let TimexValue::Calendar(mut v) = t.value.clone()
        {
            v.year = YearField::Year(year);
            let value = TimexValue::Calendar(v);
            if value.interval().is_some() {
                t.interval = value.interval_with(t.modifier);
                t.value = value;
                if let Some(stated) = stated.get_mut(i) {
                    stated.year = true;
                }
            }
        }
    }
    if found.is_empty() {
        return;
    }
    // Merge in one pass (inserting one by one would be quadratic in a dense text).
    let old = std::mem::take(timexes);
    let old_stated = std::mem::take(stated);
    let mut found = found.into_iter().peekable();
    let push_new = |timexes: &mut Vec<Timex>, stated: &mut Vec<Stated>, new: Timex| {
        // Two ranges may claim the same number ("3 and 5 to 7 April"): keep the first.
        if timexes.last().is_none_or(|p| p.byte_end <= new.byte_start) {
            timexes.push(new);
            stated.push(Stated {
                year: true,
                day: true,
                weekday_only: false,
                past: false,
                ahead: false,
                month_or_season: false,
            });
        }
    };
    absorbed.sort_unstable();
    absorbed.dedup();
    let mut absorbed = absorbed.into_iter().peekable();
    for (i, (t, said)) in old.into_iter().zip(old_stated).enumerate() {
        while let Some((_, new)) = found.next_if(|(at, _)| *at <= i) {
            push_new(timexes, stated, new);
        }
        if absorbed.next_if_eq(&i).is_some() {
            continue;
        }
        timexes.push(t);
        stated.push(said);
    }
    for (_, new) in found {
        push_new(timexes, stated, new);
    }
}
