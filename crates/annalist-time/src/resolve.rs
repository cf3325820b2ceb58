//! Resolution: from a [`Frame`] (what the words said) to a TIMEX3 value (what they mean), given
//! an anchor.
//!
//! Two anchors exist, and choosing between them is most of the art:
//!
//! * the **document creation time** (DCT) anchors news-style deixis: "today", "this year",
//!   "three years ago", "last Friday";
//! * the **reference time**, the last date the text mentioned, anchors narrative references:
//!   "the next day", "two weeks later", "that morning". In a history narrative (a document whose
//!   dates are far from its DCT) it also supplies the year of "March 3" or "in June".
//!
//! Expressions that leave a direction open ("Friday", "in March") are resolved by the tense
//! of the sentence: a past-tense sentence looks back, a future one forward. With no tense cue
//! at all, a news weekday looks back (news reports what happened) and a month takes the
//! nearest occurrence; there is no blanket future bias.
//!
//! Nothing here may panic or overflow: every calendar step is checked, and a value that cannot
//! be computed ("100000000 years ago") degrades to `PAST_REF`/`FUTURE_REF` or an unresolved
//! `XXXX` value rather than failing.

use jiff::Span;
use jiff::civil::{Date, Weekday};

use crate::frame::{AnchorPref, Count, Frame, Meridiem, Unit};
use crate::pack::Tense;
use crate::value::{
    Amount, CalendarValue, DatePart, DurationUnit, DurationValue, Mod, PartOfDay, RefPoint, Season,
    TimeOfDay, TimexType, TimexValue, YearField,
};

/// Which anchor a value was resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorUsed {
    /// The document creation time.
    Dct,
    /// The last date mentioned before the expression.
    Narrative,
    /// The value needed no anchor ("March 3, 1988", "five hours"), or none was available.
    None,
}

/// What the resolver produced for one expression.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Resolved {
    pub kind: TimexType,
    pub value: TimexValue,
    pub modifier: Option<Mod>,
    pub quant: Option<&'static str>,
    pub freq: Option<String>,
    pub anchor: AnchorUsed,
}

/// The state resolution reads and updates while walking through a document.
#[derive(Clone, Debug, Default)]
pub(crate) struct Context {
    /// The document creation date.
    pub dct: Option<Date>,
    /// The last calendar value with a known year the text mentioned.
    pub reference: Option<CalendarValue>,
    /// The last fully specified day the text mentioned (for "the next day", "that night").
    pub day_reference: Option<CalendarValue>,
    /// The last quarter the text mentioned (for "the quarter", "a year earlier").
    pub quarter_reference: Option<CalendarValue>,
    /// The sentence already spoke of a period of several quarters ("for the nine months",
    /// "the first six months"): "a year earlier" in it compares with that part of the year
    /// before, which is a year, not the quarter under discussion.
    pub several_quarters: bool,
    /// The last clock time the text stated, with its day (for "nine hours later").
    pub time_reference: Option<jiff::civil::DateTime>,
    /// `day_reference` was given as a night ("the night of January 19"): a morning clock
    /// time after it is on the next day.
    pub day_reference_night: bool,
    /// The text left the last day it told for a month that does not hold it ("On 3 March
    /// talks began. In June a draft was published"): a day counted from the story ("a week
    /// later", "that same day") counts from that month, even in news.
    pub day_left_for_month: bool,
    /// The day the text left for that month, if it did: a month that follows it closely
    /// carries its year on ("25 November 1950 … by mid-December … on 4 January" is 1951).
    pub left_day: Option<Date>,
    /// The DCT with its time of day, when the DCT gives one.
    pub dct_time: Option<jiff::civil::DateTime>,
    /// History-style document: partial dates take their year from the reference time.
    pub narrative: bool,
    /// The text stated a full date or year earlier in the same sentence (see
    /// `RECENT_SENTENCES`): partial dates after it take their year from it even in news ("on
    /// January 19, 1990, and at 7 a.m. on January 20"). Across sentences, `story_reference`.
    pub recent_reference: bool,
    /// The reference is a year or month something has held since ("the first time since
    /// 2019"): where it began, not what the sentence is about. In news, a partial date after
    /// it does not take its year ("the ban was lifted on March 3" is this March), though a
    /// clock time still falls on an unknown day of it ("since 2000 the day is marked at
    /// noon").
    pub reference_began: bool,
    /// A day of another year was stated in the last sentences: days of a month without a
    /// year, and months that soon follow that day, continue that story.
    pub story_reference: bool,
    /// The text stated the year of `reference` itself ("in December 1916"), rather than
    /// leaving it to be inferred ("in December").
    pub reference_year_stated: bool,
    /// The tense cue is the verb the expression attaches to ("ended on March 3"), not a
    /// verb elsewhere in the sentence ("authorized a split, payable Dec. 7").
    pub tense_attached: bool,
    /// The expression stands inside quotation marks: in a narrative, "today" there is the
    /// speaker's day, not the writer's.
    pub quoted: bool,
    /// The expression follows a word that looks back from it ("since" in "killed since
    /// Friday"): a weekday is then strictly before the anchor's day.
    pub looked_back_to: bool,
    /// The expression follows "since" in a sentence told in the present perfect: the period
    /// it starts reaches the time of writing, so "the year" is the writer's ("Since the start
    /// of the year, 37 have been arrested"), not a story's, and so is a month ("He has been
    /// out injured since mid-October"), even in a history ("since last spring a walkway has
    /// run along the walls").
    pub reaches_now: bool,
    /// The expression follows a word that makes it the day something happened ("on" in
    /// "police arrested him on Jan. 20"): in a past-tense sentence, such a day is not one of
    /// the weeks ahead.
    pub event_day: bool,
    /// The tense comes from a verb of saying ("said"), which may not govern the expression.
    pub tense_reported: bool,
    /// The expression stands in apposition to the one before it ("On 21 July, the fifth day
    /// of the rebellion"): it names the same time again.
    pub appositive: bool,
    /// What the sentence tells happened at most this many days before the expression ("two
    /// days before Christmas"): in a past-tense sentence, a day no further ahead than that.
    pub days_before: Option<i32>,
}

/// How far ahead a day of a month without a year may lie before it is taken to be past.
/// A history's month or day wraps into the next year when this year's would lie more than
/// this far behind the story...
const STORY_WRAP_BEHIND_DAYS: i32 = 240;
/// ...and next year's lies at most this far ahead.
const STORY_WRAP_AHEAD_DAYS: i32 = 75;
const NEAR_FUTURE_DAYS: i32 = 100;
/// How many days before the anchor a day of a month told in the future tense may lie and
/// still be that day rather than next year's.
const RECENT_DAYS: i32 = 7;
/// How long after a quarter ends a sentence that looks ahead still means it (its results are
/// reported then: "expects to report third-quarter results", in October).
const QUARTER_REPORTED_DAYS: i32 = 92;
/// The same in a past-tense sentence: "was extended to Jan. 16" in December is next January,
/// but "was shelled between 1 and 5 March" is last March.
const NEAR_FUTURE_PAST_DAYS: i32 = 60;

/// How far after the day a story is at a month without a year may begin and still be that
/// story's.
const STORY_MONTH_DAYS: i32 = 92;

/// How many years before the DCT a story must be for a month just before its day to be its
/// own.
const OLD_STORY_YEARS: i64 = 2;

/// How long before the story's day such a month may end.
const OLD_STORY_BEHIND_DAYS: i32 = 62;

/// The same for a season: "in the autumn" after a day in February of the story's year.
const STORY_SEASON_DAYS: i32 = 240;

/// How far ahead a month, season or quarter without a year and without a tense cue may begin
/// before it is taken to be past.
const NEAR_FUTURE_MONTH_DAYS: i32 = 62;

/// A clock time before this hour, told after a night the story is at, is on the morning after
/// it.
const NIGHT_ENDS_HOUR: u8 = 12;
/// The furthest day of an event counted from its first ("on the 100th day of the siege").
const MAX_NTH_DAY: i64 = 1000;
/// A clock time from this hour on is late evening: a time before `DAWN_HOUR` told after it,
/// with no day of its own, is in the small hours of the next day.
const EVENING_STARTS_HOUR: i8 = 20;
/// See `EVENING_STARTS_HOUR`.
const DAWN_HOUR: u8 = 7;

/// How far ahead of the anchor "the new year" is looked for.
const NEW_YEAR_AHEAD_DAYS: i64 = 61;

fn cal(year: YearField, part: DatePart, time: Option<TimeOfDay>) -> CalendarValue {
    CalendarValue { year, part, time }
}

fn y16(y: i64) -> Option<i16> {
    i16::try_from(y).ok().filter(|y| (-9999..=9999).contains(y))
}

fn weekday_of(n: u8) -> Option<Weekday> {
    Weekday::from_monday_one_offset(n as i8).ok()
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_days(n).ok()?).ok()
}

fn add_months(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_months(n).ok()?).ok()
}

fn add_years(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_years(n).ok()?).ok()
}

fn iso_week(d: Date) -> (i64, u8) {
    let w = d.iso_week_date();
    (i64::from(w.year()), w.week() as u8)
}

fn clock(f: &Frame) -> Option<TimeOfDay> {
    if let Some(h) = f.hour {
        let mut hour = h;
        // Without a.m. or p.m., an afternoon or an evening says p.m.: "twenty past six in the
        // evening", "Friday night at 10".
        let meridiem = f.meridiem.or(match f.part_of_day {
            Some(PartOfDay::Afternoon | PartOfDay::Evening) => Some(Meridiem::Pm),
            Some(PartOfDay::Night) if h >= 6 => Some(Meridiem::Pm),
            _ => None,
        });
        match meridiem {
            Some(Meridiem::Pm) if hour < 12 => hour += 12,
            Some(Meridiem::Am) if hour == 12 => hour = 0,
            _ => {}
        }
        if hour > 24 {
            return None;
        }
        let mut minute = f.minute.unwrap_or(0);
        if f.to_hour == Some(true) {
            // "A quarter to ten": fifteen minutes before 10:00.
            if !(1..60).contains(&minute) {
                return None;
            }
            minute = 60 - minute;
            hour = hour.checked_sub(1).unwrap_or(23);
        }
        return Some(TimeOfDay::Clock {
            hour,
            minute: Some(minute),
            second: f.second,
        });
    }
    f.part_of_day.map(TimeOfDay::Part)
}

fn to_duration_unit(u: Unit) -> (DurationUnit, f64) {
    match u {
        Unit::Millennium => (DurationUnit::Year, 1000.0),
        Unit::Century => (DurationUnit::Year, 100.0),
        Unit::Decade => (DurationUnit::Year, 10.0),
        Unit::Year => (DurationUnit::Year, 1.0),
        Unit::Half => (DurationUnit::Month, 6.0),
        Unit::Quarter => (DurationUnit::Quarter, 1.0),
        Unit::Season => (DurationUnit::Month, 3.0),
        Unit::Month => (DurationUnit::Month, 1.0),
        Unit::Week => (DurationUnit::Week, 1.0),
        Unit::Weekend => (DurationUnit::Day, 2.0),
        Unit::Day | Unit::Night => (DurationUnit::Day, 1.0),
        Unit::Hour => (DurationUnit::Hour, 1.0),
        Unit::Minute => (DurationUnit::Minute, 1.0),
        Unit::Second => (DurationUnit::Second, 1.0),
    }
}

fn duration(count: Option<Count>, unit: Unit) -> TimexValue {
    let (du, mult) = to_duration_unit(unit);
    let amount = match count {
        Some(Count::N(n)) => Amount::Known(n * mult),
        Some(Count::Some) => Amount::Unknown,
        None => Amount::Known(mult),
    };
    // A vague count of a compound unit stays in that unit: "decades" is PXDE, not PXY.
    let du = match (amount, unit) {
        (Amount::Unknown, Unit::Decade) => DurationUnit::Decade,
        (Amount::Unknown, Unit::Century) => DurationUnit::Century,
        _ => du,
    };
    TimexValue::Duration(DurationValue {
        parts: split_fraction(amount, du),
    })
}

/// "two and a half years" is `P2Y6M` and "5 1/2 hours" `PT5H30M`, as TimeBank writes them:
/// a fraction of a unit becomes whole units of the next smaller one when it divides evenly.
/// Other fractions stay decimal ("a month and a half" is `P1.5M`).
fn split_fraction(amount: Amount, unit: DurationUnit) -> Vec<(Amount, DurationUnit)> {
    let Amount::Known(x) = amount else {
        return vec![(amount, unit)];
    };
    let (smaller, per) = match unit {
        DurationUnit::Year => (DurationUnit::Month, 12.0),
        DurationUnit::Day => (DurationUnit::Hour, 24.0),
        DurationUnit::Hour => (DurationUnit::Minute, 60.0),
        DurationUnit::Minute => (DurationUnit::Second, 60.0),
        _ => return vec![(amount, unit)],
    };
    let (whole, part) = (x.trunc(), x.fract() * per);
    if x.fract() == 0.0 || !x.is_finite() || (part - part.round()).abs() > 1e-9 {
        return vec![(amount, unit)];
    }
    let part = (Amount::Known(part.round()), smaller);
    if whole == 0.0 {
        vec![part]
    } else {
        vec![(Amount::Known(whole), unit), part]
    }
}

/// A date at the granularity of `unit`, e.g. the month containing `d` for `Unit::Month`.
fn at_granularity(d: Date, unit: Unit) -> (TimexType, CalendarValue) {
    let y = i32::from(d.year());
    let m = d.month() as u8;
    let year = YearField::Year(y);
    let v = match unit {
        // Before the common era decades and centuries count back from year 1 BC: 485 BC is in
        // the 480s BC and the 5th century BC.
        // (The years 9 to 1 BC stay years: their decade, `BC000`, would be number -0, which
        // `YearField::Decade` cannot tell from the 0s AD.)
        Unit::Millennium | Unit::Century if y <= 0 => {
            cal(YearField::Century(-((-y) / 100 + 1)), DatePart::None, None)
        }
        Unit::Decade if y <= 0 && y > -9 => cal(year, DatePart::None, None),
        Unit::Decade if y <= 0 => cal(YearField::Decade(-((1 - y) / 10)), DatePart::None, None),
        Unit::Millennium | Unit::Century => {
            cal(YearField::Century(y.div_euclid(100)), DatePart::None, None)
        }
        Unit::Decade => cal(YearField::Decade(y.div_euclid(10)), DatePart::None, None),
        Unit::Year => cal(year, DatePart::None, None),
        Unit::Half => cal(year, DatePart::Half(if m <= 6 { 1 } else { 2 }), None),
        Unit::Quarter => cal(year, DatePart::Quarter((m - 1) / 3 + 1), None),
        Unit::Season => {
            let (sy, s) = season_of(d);
            cal(YearField::Year(sy), DatePart::Season(s), None)
        }
        Unit::Month => cal(year, DatePart::Month(Some(m)), None),
        Unit::Week => {
            let (wy, w) = iso_week(d);
            cal(YearField::Year(wy as i32), DatePart::Week(Some(w)), None)
        }
        Unit::Weekend => {
            let (wy, w) = iso_week(d);
            cal(YearField::Year(wy as i32), DatePart::Weekend(Some(w)), None)
        }
        Unit::Day | Unit::Night | Unit::Hour | Unit::Minute | Unit::Second => CalendarValue::day(d),
    };
    (TimexType::Date, v)
}

fn season_of(d: Date) -> (i32, Season) {
    let y = i32::from(d.year());
    match d.month() {
        3..=5 => (y, Season::Spring),
        6..=8 => (y, Season::Summer),
        9..=11 => (y, Season::Fall),
        12 => (y + 1, Season::Winter),
        _ => (y, Season::Winter),
    }
}

/// Moves `d` by `n` units.
fn shift(d: Date, unit: Unit, n: i64) -> Option<Date> {
    match unit {
        Unit::Millennium => add_years(d, n.checked_mul(1000)?),
        Unit::Century => add_years(d, n.checked_mul(100)?),
        Unit::Decade => add_years(d, n.checked_mul(10)?),
        Unit::Year => add_years(d, n),
        Unit::Half => add_months(d, n.checked_mul(6)?),
        Unit::Quarter | Unit::Season => add_months(d, n.checked_mul(3)?),
        Unit::Month => add_months(d, n),
        Unit::Week | Unit::Weekend => add_days(d, n.checked_mul(7)?),
        Unit::Day | Unit::Night => add_days(d, n),
        // Without a time of day to count from, whole days only: "48 hours ago" is two days
        // back, "three hours ago" today.
        Unit::Hour => add_days(d, n / 24),
        Unit::Minute => add_days(d, n / (24 * 60)),
        Unit::Second => add_days(d, n / (24 * 60 * 60)),
    }
}

/// How many months either way to look for a day of the month on the weekday named with it
/// ("Friday the 13th"); every 13th is a Friday within 14 months, most within a few.
const NAMED_WEEKDAY_MONTHS: i64 = 14;

/// The first day of the period that a value denotes (for using it as an anchor).
fn anchor_date(v: &CalendarValue) -> Option<Date> {
    v.interval().map(|iv| iv.start.date())
}

impl Context {
    /// The date to anchor on and which anchor it is.
    fn anchor(&self, pref: Option<AnchorPref>) -> Option<(Date, AnchorUsed)> {
        let reference = self
            .reference
            .as_ref()
            .and_then(anchor_date)
            .map(|d| (d, AnchorUsed::Narrative));
        let dct = self.dct.map(|d| (d, AnchorUsed::Dct));
        match pref {
            Some(AnchorPref::Narrative) => reference.or(dct),
            Some(AnchorPref::Dct) => dct.or(reference),
            None if self.narrative || (self.recent_reference && !self.reference_began) => {
                reference.or(dct)
            }
            None => dct.or(reference),
        }
    }

    /// In a history, a day counted from the story ("the next day", "that day", "four days
    /// later") when the story is at a month or a year rather than a day: which day is unknown,
    /// but not its year, nor its month when the count is small (`BC0479-06-XX`, the TimeML
    /// corpora's convention). Counting from an older day, or from the DCT, would be wrong.
    /// The same in news right after the text stated such a month or year ("Since 2000 the day
    /// is marked at noon"). `None` otherwise in news, and when the story is at a day.
    fn unknown_story_day(&self, pref: Option<AnchorPref>, days: i64) -> Option<CalendarValue> {
        if !(self.narrative || self.recent_reference || self.day_left_for_month)
            || pref == Some(AnchorPref::Dct)
        {
            return None;
        }
        self.unknown_day_of_story(days)
    }

    /// An unknown day of the story's year or month (see `unknown_story_day`) for "that
    /// afternoon", "that night", which point back into the story even in news, when the
    /// writer's day is not in it: "In 1994 the war went on. They met that afternoon".
    fn unknown_day_of_story_apart(&self) -> Option<CalendarValue> {
        let iv = self.reference?.interval()?;
        let dct = self.dct?;
        // (Only a story told of the past: a year the text looks ahead to, "talks will be
        // frozen until the end of 2028. Thousands gather that evening", is no story's.)
        if dct < iv.end.date() {
            return None;
        }
        self.unknown_day_of_story(0)
    }

    fn unknown_day_of_story(&self, days: i64) -> Option<CalendarValue> {
        let r = self.reference?;
        // (A story already at an unknown day of its year, "2026-XX-XXT23:00", stays on one:
        // "from 11 p.m. to 5 a.m." is not 5 a.m. on 1 January.)
        if !matches!(r.year, YearField::Year(_))
            || matches!(
                r.part,
                DatePart::Day { day: Some(_), .. } | DatePart::WeekDay { .. }
            )
        {
            return None;
        }
        let iv = r.interval()?;
        let day_in_story = self
            .day_reference
            .and_then(|d| d.to_date())
            .is_some_and(|d| iv.start.date() <= d && d < iv.end.date());
        if day_in_story {
            return None;
        }
        let month = match r.part {
            DatePart::Month(Some(m)) if days.abs() <= 1 => Some(m),
            DatePart::Day { month, day: None } if days == 0 => month,
            _ => None,
        };
        Some(cal(r.year, DatePart::Day { month, day: None }, None))
    }

    /// `day_anchor`, except that in news a sentence that looks ahead speaks from the writer's
    /// day, not from a past day the text mentioned: "a strike on Nov. 17 killed nine … figures
    /// will be out by the end of the day" is the DCT's day. So does a past-tense sentence after
    /// a day ahead ("the march will go ahead on 20 January … by mid-morning the square was
    /// empty", "winds will ease by Sunday … power was cut overnight").
    fn day_anchor_in(
        &self,
        pref: Option<AnchorPref>,
        tense: Option<Tense>,
    ) -> Option<(Date, AnchorUsed)> {
        let found = self.day_anchor(pref)?;
        match (found, self.dct) {
            ((day, AnchorUsed::Narrative), Some(dct))
                if !self.narrative
                    && ((tense == Some(Tense::Future) && day < dct)
                        || (tense == Some(Tense::Past) && day > dct)) =>
            {
                Some((dct, AnchorUsed::Dct))
            }
            _ => Some(found),
        }
    }

    /// The day to anchor day-level expressions on ("Friday", "4 a.m.", "the next day"): the
    /// last day mentioned when narrative, the DCT otherwise.
    fn day_anchor(&self, pref: Option<AnchorPref>) -> Option<(Date, AnchorUsed)> {
        let day_ref = self
            .day_reference
            .as_ref()
            .and_then(CalendarValue::to_date)
            .map(|d| (d, AnchorUsed::Narrative));
        let dct = self.dct.map(|d| (d, AnchorUsed::Dct));
        match pref {
            // A day counted from a year ("the next day" after "in 1990") is meaningless: without
            // a day to count from, fall back on the DCT.
            // Right after the text stated a month that left the last day behind ("In June a
            // draft was published, and withdrawn a week later"), count from that month.
            Some(AnchorPref::Narrative) => day_ref
                .or_else(|| {
                    (self.recent_reference || self.day_left_for_month)
                        .then(|| self.anchor(pref))
                        .flatten()
                })
                .or(dct)
                .or_else(|| self.anchor(pref)),
            Some(AnchorPref::Dct) => dct.or(day_ref),
            None if self.narrative || (self.recent_reference && self.day_in_reference()) => {
                day_ref.or(dct).or_else(|| self.anchor(None))
            }
            None => dct.or(day_ref),
        }
    }

    /// Whether the day reference lies within the reference time: in news, a year stated in
    /// the sentence ("the first talks since 2023 ended on Tuesday") says nothing about the
    /// day an earlier sentence was at.
    fn day_in_reference(&self) -> bool {
        let day = self.day_reference.and_then(|d| d.to_date());
        let span = self.reference.and_then(|r| r.interval());
        match (day, span) {
            (Some(d), Some(iv)) => iv.start.date() <= d && d < iv.end.date(),
            _ => true,
        }
    }
}

pub(crate) fn resolve(f: &Frame, tense: Option<Tense>, ctx: &Context) -> Option<Resolved> {
    if f.reject == Some(true) {
        return None;
    }
    let done = |kind, value, anchor| {
        Some(Resolved {
            kind,
            value,
            modifier: f.modifier,
            quant: f.quant,
            freq: None,
            anchor,
        })
    };

    if let Some(r) = f.reference {
        return done(TimexType::Date, TimexValue::Ref(r), AnchorUsed::None);
    }
    if f.set.is_some() || f.kind == Some(TimexType::Set) {
        return resolve_set(f);
    }

    // "The turn of the 20th century" is 1900; "the turn of the 5th century BC" 500 BC. Without
    // an ordinal, the turn nearest the anchor: 2000 in news of 2026, 1900 in a history of 1897.
    if f.turn == Some(true) {
        let (year, used) = match f.century {
            Some(c) if f.bce == Some(true) => (1 - (c + 1).checked_mul(100)?, AnchorUsed::None),
            Some(c) => (c.checked_mul(100)?, AnchorUsed::None),
            None => {
                let (a, used) = ctx.anchor(f.anchor)?;
                // "The turn of the millennium": 2000 in news, 1000 in a chronicle of 998.
                let step = if f.unit == Some(Unit::Millennium) {
                    1000
                } else {
                    100
                };
                (
                    (i64::from(a.year()) + step / 2).div_euclid(step) * step,
                    used,
                )
            }
        };
        return done(
            TimexType::Date,
            TimexValue::Calendar(cal(
                YearField::Year(y16(year)?.into()),
                DatePart::None,
                None,
            )),
            used,
        );
    }
    // "In the new year": the year under way two months after the anchor, so from November to
    // February it is the year that January begins.
    if f.new_year == Some(true) {
        let (a, used) = ctx.anchor(f.anchor)?;
        let y = i32::from(add_days(a, NEW_YEAR_AHEAD_DAYS)?.year());
        return done(
            TimexType::Date,
            TimexValue::Calendar(cal(YearField::Year(y), DatePart::None, None)),
            used,
        );
    }
    // "the day before yesterday", "the day after March 3": the stated date, shifted.
    if f.from_date == Some(true)
        && let (Some(unit), Some(dir)) = (f.unit, f.dir)
    {
        return resolve_from_date(f, unit, dir, tense, ctx);
    }
    let counted = f.count.is_some() || f.plural == Some(true);
    // "three years ago", "two days later", "a year earlier"
    if let (Some(unit), Some(dir)) = (f.unit, f.dir)
        && f.kind != Some(TimexType::Duration)
    {
        return resolve_offset(f, unit, dir, tense, ctx);
    }
    if let Some(unit) = f.unit {
        let is_duration = f.kind == Some(TimexType::Duration)
            || (counted && (f.same != Some(true)))
            || f.span_to_anchor == Some(true)
            || (f.rel.is_none()
                && f.same.is_none()
                && f.day_offset.is_none()
                && !has_calendar_fields(f));
        if is_duration {
            let count = if f.plural == Some(true) && f.count.is_none() {
                Some(Count::Some)
            } else {
                f.count
            };
            return done(TimexType::Duration, duration(count, unit), AnchorUsed::None);
        }
    }
    // "tonight, on November 9, 1989": a stated date outranks the deictic day.
    let stated_date = f.year.is_some() && (f.month.is_some() || f.day.is_some());
    if let Some(off) = f.day_offset.filter(|_| !stated_date) {
        // Quoted in a history: the day the story is at, or unknown (never the writer's day).
        let (d, used) = if ctx.narrative && ctx.quoted {
            (ctx.day_reference?.to_date()?, AnchorUsed::Narrative)
        } else {
            ctx.anchor(Some(AnchorPref::Dct))?
        };
        let day = add_days(d, off)?;
        let time = clock(f);
        let v = CalendarValue::day_at(day, time);
        let kind = if time.is_some() {
            TimexType::Time
        } else {
            TimexType::Date
        };
        return done(kind, TimexValue::Calendar(v), used);
    }
    if let Some(unit) = f.unit {
        if f.same == Some(true) && unit == Unit::Quarter {
            // "the quarter": the quarter under discussion, else the last one completed.
            let v = match ctx.quarter_reference {
                // "the 1988 quarter": the quarter under discussion, in the year given.
                Some(q) if f.year.is_some() => {
                    let y = i32::try_from(f.year?).ok()?;
                    (cal(YearField::Year(y), q.part, None), AnchorUsed::Narrative)
                }
                Some(q) => (q, AnchorUsed::Narrative),
                None if f.year.is_some() => {
                    let y = i32::try_from(f.year?).ok()?;
                    return done(
                        TimexType::Date,
                        TimexValue::Calendar(cal(YearField::Year(y), DatePart::None, None)),
                        AnchorUsed::None,
                    );
                }
                None => {
                    let d = ctx.dct?;
                    let (_, v) = at_granularity(shift(d, Unit::Quarter, -1)?, Unit::Quarter);
                    (v, AnchorUsed::Dct)
                }
            };
            return done(TimexType::Date, TimexValue::Calendar(v.0), v.1);
        }
        if f.same == Some(true) {
            // "that day", "the same year": the reference at the unit's granularity.
            let pref = f.anchor.or(Some(AnchorPref::Narrative));
            if unit == Unit::Day
                && f.day.is_none()
                && let Some(mut v) = ctx.unknown_story_day(pref, 0).or_else(|| {
                    if f.anchor == Some(AnchorPref::Narrative) {
                        ctx.unknown_day_of_story_apart()
                    } else {
                        None
                    }
                })
            {
                // "At night", "in the morning" after a month: that part of an unknown day of
                // it (`1950-09-XXTNI`).
                v.time = clock(f);
                let kind = if v.time.is_some() {
                    TimexType::Time
                } else {
                    TimexType::Date
                };
                return done(kind, TimexValue::Calendar(v), AnchorUsed::Narrative);
            }
            let (d, used) = if is_day_unit(unit) {
                ctx.day_anchor_in(pref, tense)?
            } else {
                match (ctx.anchor(pref)?, tense, ctx.dct) {
                    // In news, a sentence that looks ahead speaks of the writer's year: "the
                    // first report was published in 2019; a new one is expected later in the
                    // year" is this year.
                    ((a, AnchorUsed::Narrative), Some(Tense::Future), Some(dct))
                        if !ctx.narrative && a < dct =>
                    {
                        (dct, AnchorUsed::Dct)
                    }
                    (found, _, _) => found,
                }
            };
            let (kind, mut v) = at_granularity(d, unit);
            let mut kind = kind;
            // "the 28th of that month": that month's day. After a story that named only a year
            // or a season ("In 1992 … On the 24th"), which month is unknown: `1992-XX-24`.
            if let (Some(day), DatePart::Month(Some(month))) = (f.day, v.part) {
                let month_known = used != AnchorUsed::Narrative
                    || ctx.reference.is_none_or(|r| {
                        matches!(
                            r.part,
                            DatePart::Month(Some(_))
                                | DatePart::Day { month: Some(_), .. }
                                | DatePart::Week(Some(_))
                                | DatePart::Weekend(Some(_))
                                | DatePart::WeekDay { week: Some(_), .. }
                        )
                    });
                v.part = DatePart::Day {
                    month: month_known.then_some(month),
                    day: Some(day),
                };
                // No 30th of February.
                if month_known {
                    v.interval()?;
                }
                // "On the 14th", read against the DCT, is this month's unless the tense puts
                // it on the other side of today: then last month's, or next month's.
                if used == AnchorUsed::Dct
                    && let Some(date) = v.to_date()
                {
                    let step = match tense {
                        Some(Tense::Past) if date > d => -1,
                        Some(Tense::Future) if date < d => 1,
                        _ => 0,
                    };
                    if step != 0
                        && let Some(other) = shift(d, Unit::Month, step)
                    {
                        let (_, mut w) = at_granularity(other, Unit::Month);
                        if let DatePart::Month(m) = w.part {
                            w.part = DatePart::Day {
                                month: m,
                                day: Some(day),
                            };
                            if w.interval().is_some() {
                                v = w;
                            }
                        }
                    }
                }
                // "Friday the 13th": the nearest month whose 13th is a Friday.
                if let (Some(wd), Some(date)) = (f.weekday.and_then(weekday_of), v.to_date())
                    && date.weekday() != wd
                    && let Some(near) = (1..=NAMED_WEEKDAY_MONTHS)
                        .flat_map(|k| [-k, k])
                        .filter_map(|k| shift(date, Unit::Month, k))
                        .find(|m| m.day() == date.day() && m.weekday() == wd)
                {
                    v = CalendarValue::day(near);
                }
            }
            if let Some(t) = clock(f)
                && matches!(v.part, DatePart::Day { .. })
            {
                v.time = Some(t);
                kind = TimexType::Time;
            }
            return done(kind, TimexValue::Calendar(v), used);
        }
        if let Some(rel) = f.rel {
            // "the first Monday of next month": that weekday counted in that month.
            if unit == Unit::Month
                && let (Some(wd), Some(nth)) = (f.weekday.and_then(weekday_of), f.nth)
                && f.month.is_none()
                && f.year.is_none()
            {
                // "The second Tuesday of the month": the story's month while it tells a day of
                // another year.
                let pref = f
                    .anchor
                    .or(in_the_story(f, ctx, tense).then_some(AnchorPref::Narrative));
                let (a, used) = ctx.anchor(pref)?;
                let month = shift(a, Unit::Month, rel)?;
                let day = nth_weekday(i64::from(month.year()), month.month() as u8, 1, wd, nth)?;
                return done(
                    TimexType::Date,
                    TimexValue::Calendar(CalendarValue::day(day)),
                    used,
                );
            }
            // "the 20th of last month": that month's day.
            if unit == Unit::Month
                && let Some(day) = f.day
                && f.month.is_none()
                && f.year.is_none()
            {
                let (a, used) = ctx.anchor(f.anchor)?;
                let (_, mut v) = at_granularity(shift(a, Unit::Month, rel)?, Unit::Month);
                let DatePart::Month(month) = v.part else {
                    return None;
                };
                v.part = DatePart::Day {
                    month,
                    day: Some(day),
                };
                v.interval()?;
                return done(TimexType::Date, TimexValue::Calendar(v), used);
            }
            // "last year", "next week", "this month", "the following day"
            if !has_calendar_fields(f) || only_time_fields(f) {
                // "last year", "this week" are deictic: the DCT unless the rule says otherwise;
                // in a history narrative, "this day" is the day the story is at.
                let story = in_the_story(f, ctx, tense);
                let pref = f.anchor.or(Some(if ctx.narrative || story {
                    AnchorPref::Narrative
                } else {
                    AnchorPref::Dct
                }));
                if unit == Unit::Day
                    && clock(f).is_none()
                    && let Some(v) = ctx.unknown_story_day(pref, rel)
                {
                    return done(
                        TimexType::Date,
                        TimexValue::Calendar(v),
                        AnchorUsed::Narrative,
                    );
                }
                let (d, used) = if is_day_unit(unit) {
                    ctx.day_anchor_in(pref, tense)?
                } else {
                    ctx.anchor(pref)?
                };
                let (mut kind, mut v) = match shift(d, unit, rel) {
                    Some(s) => at_granularity(s, unit),
                    None => return None,
                };
                if let Some(t) = clock(f)
                    && matches!(v.part, DatePart::Day { .. })
                {
                    v.time = Some(t);
                    kind = TimexType::Time;
                }
                // "The last day of next month".
                if f.last_day == Some(true) {
                    v = last_day_of(v)?;
                }
                return done(kind, TimexValue::Calendar(v), used);
            }
        }
    }
    let (mut v, used) = resolve_calendar(f, tense, ctx)?;
    if f.last_day == Some(true) {
        v = last_day_of(v)?;
    }
    if f.weekend == Some(true)
        && matches!(v.part, DatePart::Day { .. })
        && let Some(d) = v.to_date()
    {
        // "The Labor Day weekend", "Easter weekend": the weekend nearest the day (a Monday's
        // is the one before it, a Friday's the one after).
        let to_saturday = match d.weekday() {
            Weekday::Monday => -2,
            Weekday::Tuesday => -3,
            Weekday::Wednesday => 3,
            Weekday::Thursday => 2,
            Weekday::Friday => 1,
            Weekday::Saturday => 0,
            Weekday::Sunday => -1,
        };
        let (wy, w) = iso_week(add_days(d, to_saturday)?);
        v = cal(YearField::Year(wy as i32), DatePart::Weekend(Some(w)), None);
    }
    if f.unit == Some(Unit::Week) && f.weekday.is_none() {
        // "the week of March 6": the ISO week containing the day.
        if let Some(d) = v.to_date() {
            let (wy, w) = iso_week(d);
            v = cal(YearField::Year(wy as i32), DatePart::Week(Some(w)), None);
        }
    }
    let kind = match f.kind {
        Some(k @ (TimexType::Date | TimexType::Time)) => k,
        _ if v.time.is_some() => TimexType::Time,
        _ => TimexType::Date,
    };
    done(kind, TimexValue::Calendar(v), used)
}

/// The last day of a year or a month ("the last day of February 1988": the day before the
/// period's end); `None` for any other value.
fn last_day_of(mut v: CalendarValue) -> Option<CalendarValue> {
    if !matches!(v.year, YearField::Year(_))
        || !matches!(v.part, DatePart::Month(_) | DatePart::None)
    {
        return None;
    }
    let last = v.interval()?.end.date().yesterday().ok()?;
    v.part = DatePart::Day {
        month: Some(last.month() as u8),
        day: Some(last.day() as u8),
    };
    Some(v)
}

/// An offset from the date the frame states: that date resolved on its own, then shifted by
/// `dir` × the count in `unit`s, at the unit's granularity.
fn resolve_from_date(
    f: &Frame,
    unit: Unit,
    dir: i64,
    tense: Option<Tense>,
    ctx: &Context,
) -> Option<Resolved> {
    let n = match f.count {
        Some(Count::N(n)) if n.fract() == 0.0 && n.abs() < 1e7 => n as i64,
        None => 1,
        Some(_) => return None,
    };
    let stated = Frame {
        unit: None,
        dir: None,
        count: None,
        plural: None,
        anchor: None,
        from_date: None,
        to_the_day: None,
        grain: None,
        ..f.clone()
    };
    // "A week from Tuesday" counts on from a Tuesday still ahead, unless the sentence tells
    // of the past.
    let tense = match tense {
        Some(Tense::Past) => tense,
        _ if dir > 0 && f.weekday.is_some() => Some(Tense::Future),
        _ => tense,
    };
    let base = resolve(&stated, tense, ctx)?;
    let TimexValue::Calendar(v) = &base.value else {
        return None;
    };
    let granularity = if let Some(grain) = f.grain {
        grain
    } else if f.to_the_day == Some(true) && matches!(v.part, DatePart::Day { .. }) {
        Unit::Day
    } else {
        unit
    };
    let (mut kind, mut value) =
        at_granularity(shift(v.to_date()?, unit, dir.checked_mul(n)?)?, granularity);
    // "Thirty-six years ago tonight": the night, that many years back.
    if granularity == Unit::Day && v.time.is_some() {
        value.time = v.time;
        kind = TimexType::Time;
    }
    Some(Resolved {
        kind,
        value: TimexValue::Calendar(value),
        modifier: f.modifier,
        quant: None,
        freq: None,
        anchor: base.anchor,
    })
}

fn is_day_unit(u: Unit) -> bool {
    matches!(
        u,
        Unit::Day
            | Unit::Night
            | Unit::Hour
            | Unit::Minute
            | Unit::Second
            | Unit::Week
            | Unit::Weekend
    )
}

fn has_calendar_fields(f: &Frame) -> bool {
    f.year.is_some()
        || f.short_year.is_some()
        || f.decade.is_some()
        || f.century.is_some()
        || f.month.is_some()
        || f.day.is_some()
        || f.weekday.is_some()
        || f.easter.is_some()
        || f.week.is_some()
        || f.quarter.is_some()
        || f.half.is_some()
        || f.season.is_some()
        || f.hour.is_some()
        || f.part_of_day.is_some()
        || (f.nth.is_some() && matches!(f.unit, Some(Unit::Quarter | Unit::Half | Unit::Century)))
}

fn only_time_fields(f: &Frame) -> bool {
    (f.hour.is_some() || f.part_of_day.is_some())
        && f.year.is_none()
        && f.month.is_none()
        && f.day.is_none()
        && f.weekday.is_none()
        && f.season.is_none()
        && f.quarter.is_none()
}

fn resolve_set(f: &Frame) -> Option<Resolved> {
    let mut freq = f.times.map(|t| format!("{t}X"));
    let value = if let (Some(per), Some(unit)) = (f.per, f.unit) {
        // "three days a week": every week, three days of it (freq `3D`).
        let amount = duration(f.count, unit).to_string();
        freq = Some(
            amount
                .trim_start_matches('P')
                .trim_start_matches('T')
                .to_string(),
        );
        duration(None, per)
    } else if let Some(wd) = f.weekday {
        let mut v = cal(
            YearField::Unknown,
            DatePart::WeekDay {
                week: None,
                weekday: wd,
            },
            None,
        );
        v.time = clock(f);
        TimexValue::Calendar(v)
    } else if let Some(m) = f.month {
        // "each July", "every 20 January".
        let part = match f.day {
            Some(day) => DatePart::Day {
                month: Some(m),
                day: Some(day),
            },
            None => DatePart::Month(Some(m)),
        };
        TimexValue::Calendar(cal(YearField::Unknown, part, None))
    } else if let Some(season) = f.season {
        // "each spring".
        TimexValue::Calendar(cal(YearField::Unknown, DatePart::Season(season), None))
    } else if f.unit == Some(Unit::Weekend) && f.count.is_none() {
        // "on weekends": every weekend.
        TimexValue::Calendar(cal(YearField::Unknown, DatePart::Weekend(None), None))
    } else if f.unit.is_none() && (f.part_of_day.is_some() || f.hour.is_some()) {
        TimexValue::Calendar(cal(
            YearField::Unknown,
            DatePart::Day {
                month: None,
                day: None,
            },
            clock(f),
        ))
    } else if let Some(unit) = f.unit {
        duration(f.count, unit)
    } else {
        return None;
    };
    Some(Resolved {
        kind: TimexType::Set,
        value,
        modifier: f.modifier,
        quant: f.quant,
        freq,
        anchor: AnchorUsed::None,
    })
}

/// What a vague offset ("days later", "years ago") counts from, as its words say.
fn vague_anchor(f: &Frame) -> AnchorUsed {
    match f.anchor {
        Some(AnchorPref::Narrative) => AnchorUsed::Narrative,
        Some(AnchorPref::Dct) => AnchorUsed::Dct,
        None => AnchorUsed::None,
    }
}

fn resolve_offset(
    f: &Frame,
    unit: Unit,
    dir: i64,
    tense: Option<Tense>,
    ctx: &Context,
) -> Option<Resolved> {
    let vague = |used| {
        Some(Resolved {
            kind: TimexType::Date,
            value: TimexValue::Ref(if dir < 0 {
                RefPoint::Past
            } else {
                RefPoint::Future
            }),
            modifier: f.modifier,
            quant: None,
            freq: None,
            anchor: used,
        })
    };
    // "Two and a half hours later" is 150 minutes later; "a year and a half ago", 18 months
    // ago. (A day and a half would need a time of day the story rarely gives.)
    let (unit, count) = match (f.count, unit) {
        (
            Some(Count::N(x)),
            Unit::Hour | Unit::Minute | Unit::Week | Unit::Year | Unit::Decade | Unit::Century,
        ) if x.fract() != 0.0 => {
            let (smaller, per) = match unit {
                Unit::Hour => (Unit::Minute, 60.0),
                Unit::Minute => (Unit::Second, 60.0),
                Unit::Week => (Unit::Day, 7.0),
                // "Half a century ago" is fifty years ago.
                Unit::Century => (Unit::Year, 100.0),
                Unit::Decade => (Unit::Year, 10.0),
                _ => (Unit::Month, 12.0),
            };
            let y = x * per;
            if (y - y.round()).abs() < 1e-9 {
                (smaller, Some(Count::N(y.round())))
            } else {
                (unit, f.count)
            }
        }
        _ => (unit, f.count),
    };
    let n = match count {
        Some(Count::N(n)) if n.fract() == 0.0 && n.abs() < 1e7 => n as i64,
        // "Days later", "a few years ago": somewhere after the story's day, before the
        // writer's; which one the words say.
        Some(Count::N(_)) | Some(Count::Some) => return vague(vague_anchor(f)),
        None if f.plural == Some(true) => return vague(vague_anchor(f)),
        None if unit == Unit::Day && f.nth.is_some() => nth_day_offset(f, ctx)?,
        None => 1,
    };
    let pref = f.anchor;
    if matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) {
        // "nine hours later": clock arithmetic from the last stated time, or the DCT's. (Not
        // the DCT's after a day of the story without a time: "on 14 March 1986 … 36 hours
        // later" counts whole days from that day, below.)
        let story_day_apart = ctx
            .day_reference
            .and_then(|d| d.to_date())
            .is_some_and(|d| Some(d) != ctx.dct);
        let base = match pref {
            Some(AnchorPref::Narrative) => ctx
                .time_reference
                .map(|t| (t, AnchorUsed::Narrative))
                .or(ctx
                    .dct_time
                    .filter(|_| !story_day_apart)
                    .map(|t| (t, AnchorUsed::Dct))),
            _ => ctx.dct_time.map(|t| (t, AnchorUsed::Dct)),
        };
        if let Some((t, used)) = base {
            let k = dir.checked_mul(n)?;
            let span = match unit {
                Unit::Hour => Span::new().try_hours(k).ok()?,
                Unit::Minute => Span::new().try_minutes(k).ok()?,
                _ => Span::new().try_seconds(k).ok()?,
            };
            let Ok(target) = t.checked_add(span) else {
                return vague(used);
            };
            let mut v = CalendarValue::day(target.date());
            v.time = Some(TimeOfDay::Clock {
                hour: target.hour() as u8,
                minute: Some(target.minute() as u8),
                second: (unit == Unit::Second).then_some(target.second() as u8),
            });
            return Some(Resolved {
                kind: TimexType::Time,
                value: TimexValue::Calendar(v),
                modifier: f.modifier,
                quant: None,
                freq: None,
                anchor: used,
            });
        }
    }
    // "Two years later" with no date before it counts from something the text has not
    // placed: counting from the DCT would put it two years after the writer's day. (Hours
    // still count from the DCT: "three hours later!!!" in a post is its day. So does "the
    // year before": "sales fell from $450 million the year before" compares with the
    // writer's year.)
    if pref == Some(AnchorPref::Narrative)
        && dir > 0
        && !matches!(unit, Unit::Hour | Unit::Minute | Unit::Second)
        && ctx.reference.is_none()
        && ctx.day_reference.is_none()
        && ctx.time_reference.is_none()
    {
        return vague(AnchorUsed::None);
    }
    let narrative_date = |v: CalendarValue| {
        Some(Resolved {
            kind: TimexType::Date,
            value: TimexValue::Calendar(v),
            modifier: f.modifier,
            quant: None,
            freq: None,
            anchor: AnchorUsed::Narrative,
        })
    };
    // "Restored in August 2018, almost 11 months later": set off by a comma after a date, the
    // offset says again when that was, counted from an earlier point of the story.
    if ctx.appositive
        && pref == Some(AnchorPref::Narrative)
        && let Some(r) = ctx.reference
    {
        return narrative_date(r);
    }
    if unit == Unit::Day
        && let Some(v) = ctx.unknown_story_day(pref, dir.saturating_mul(n))
    {
        return narrative_date(v);
    }
    let (d, used) = if is_day_unit(unit) {
        ctx.day_anchor_in(pref, tense)?
    } else {
        ctx.anchor(pref)?
    };
    // In a report about a quarter, "a year earlier" and "a year ago" mean that quarter of the
    // year before (the TimeBank convention): year offsets keep the quarter under discussion.
    if unit == Unit::Year
        && n == 1
        && !ctx.several_quarters
        && let Some(r) = ctx.quarter_reference
        && let (YearField::Year(y), DatePart::Quarter(_) | DatePart::Half(_)) = (r.year, r.part)
    {
        let ny = i64::from(y) + dir * n;
        if y16(ny).is_some() {
            return narrative_date(cal(YearField::Year(ny as i32), r.part, None));
        }
    }
    let Some(mut target) = dir.checked_mul(n).and_then(|k| shift(d, unit, k)) else {
        return vague(used);
    };
    // Years counted on from the story that would pass the writer's own year land on it, unless
    // the sentence looks ahead: "Thirty years on, survivors are still waiting", written in 2018
    // after a story that ran into 1989, is 2018. Decades too: "two decades later, the same
    // generals are in charge", after a sentence about this week, is not the 2040s.
    if matches!(unit, Unit::Year | Unit::Decade | Unit::Century)
        && dir > 0
        && used == AnchorUsed::Narrative
        && tense != Some(Tense::Future)
        && let Some(dct) = ctx.dct
        && target.year() > dct.year()
    {
        target = dct;
    }
    // Weeks counted from a day the story is at land on a day: "a week earlier" than Sunday
    // June 16 is Sunday June 9.
    let unit = if unit == Unit::Week && used == AnchorUsed::Narrative {
        Unit::Day
    } else {
        unit
    };
    let (kind, v) = at_granularity(target, unit);
    Some(Resolved {
        kind,
        value: TimexValue::Calendar(v),
        modifier: f.modifier,
        quant: None,
        freq: None,
        anchor: used,
    })
}

/// How many days "the fifth day" lies after the day the story is at: four, as the story is at
/// the first; none when it stands in apposition to that day ("On 21 July, the fifth day of the
/// rebellion"). With no such day, which day it is stays unknown.
fn nth_day_offset(f: &Frame, ctx: &Context) -> Option<i64> {
    let k = f.nth.filter(|k| (1..=MAX_NTH_DAY).contains(k))?;
    ctx.day_reference.and_then(|d| d.to_date())?;
    Some(if ctx.appositive { 0 } else { k - 1 })
}

/// The year field a frame states outright, if any.
fn stated_year(f: &Frame, ctx: &Context) -> Option<YearField> {
    if let Some(y) = f.year {
        let y = if f.bce == Some(true) { 1 - y } else { y };
        // "The winter of 1942-43" is named by its January's year.
        let y = match (f.season, f.short_year) {
            (Some(Season::Winter), Some(next)) if (y + 1).rem_euclid(100) == next => y + 1,
            _ => y,
        };
        return Some(YearField::Year(i32::try_from(y).ok()?));
    }
    if let Some(r) = f.year_rel {
        // "Last year's third quarter", "the spring of next year": the writer's year in news,
        // the story's in a history, and the story's wherever the words say so ("January of
        // the following year").
        let story = f.anchor == Some(AnchorPref::Narrative)
            || ctx.narrative
            || (f.story == Some(true) && ctx.story_reference);
        let base = match (story, ctx.reference.map(|r| r.year)) {
            (true, Some(YearField::Year(y))) => i64::from(y),
            _ => i64::from(ctx.dct?.year()),
        };
        return Some(YearField::Year(i32::try_from(base.checked_add(r)?).ok()?));
    }
    if let (Some(hi), Some(lo)) = (f.year_high, f.short_year) {
        return Some(YearField::Year(i32::try_from(hi * 100 + lo).ok()?));
    }
    if let Some(sy) = f.short_year {
        // "'99" in a history of the 1800s is 1899: the year nearest the one the story is at.
        let story_year = match ctx.reference.map(|r| r.year) {
            Some(YearField::Year(y)) if ctx.narrative => Some(i64::from(y)),
            _ => None,
        };
        if let Some(base) = story_year {
            let y = (base / 100) * 100 + sy;
            let nearest = [y - 100, y, y + 100]
                .into_iter()
                .min_by_key(|c| (c - base).abs())
                .unwrap_or(y);
            return Some(YearField::Year(i32::try_from(nearest).ok()?));
        }
        // "'98" in news: the century of the DCT, or the previous one if that would be the
        // future.
        let base = ctx.dct.map(|d| i64::from(d.year())).unwrap_or(2000);
        let mut y = (base / 100) * 100 + sy;
        if y > base + 10 {
            y -= 100;
        }
        return Some(YearField::Year(y as i32));
    }
    let bce = f.bce == Some(true);
    if let Some(d) = f.decade {
        let d = i32::try_from(d).ok()?;
        return Some(YearField::Decade(if bce { -d } else { d }));
    }
    if let Some(c) = f.century {
        // The frame holds the century's first digits (19 for the 20th); before the common era
        // the value is the ordinal, negated.
        let c = i32::try_from(c).ok()?;
        // "The first decade of the 21st century" is the 2000s, "the last decade of the 20th
        // century" the 1990s.
        if f.unit == Some(Unit::Decade)
            && !bce
            && let Some(n) = f.nth.filter(|n| (1..=10).contains(n) || *n == -1)
        {
            let tens = if n == -1 {
                9
            } else {
                i32::try_from(n).ok()? - 1
            };
            return Some(YearField::Decade(c.checked_mul(10)?.checked_add(tens)?));
        }
        return Some(YearField::Century(if bce { -(c + 1) } else { c }));
    }
    None
}

/// The part below the year that a frame states.
fn stated_part(f: &Frame) -> DatePart {
    let quarter = f.quarter.or_else(|| {
        (f.unit == Some(Unit::Quarter))
            .then_some(f.nth)
            .flatten()
            .map(|n| n as u8)
    });
    let half = f.half.or_else(|| {
        (f.unit == Some(Unit::Half))
            .then_some(f.nth)
            .flatten()
            .map(|n| n as u8)
    });
    if let Some(q) = quarter.filter(|q| (1..=4).contains(q)) {
        DatePart::Quarter(q)
    } else if let Some(h) = half.filter(|h| (1..=2).contains(h)) {
        DatePart::Half(h)
    } else if let Some(s) = f.season {
        DatePart::Season(s)
    } else if let Some(m) = f.month {
        if f.day.is_some() {
            DatePart::Day {
                month: Some(m),
                day: f.day,
            }
        } else {
            DatePart::Month(Some(m))
        }
    } else if let Some(w) = f.week {
        DatePart::Week(Some(w))
    } else {
        DatePart::None
    }
}

/// Candidate occurrences of a partial date around an anchor, as (value, first day, end day).
fn occurrence(part: DatePart, year: i64) -> Option<(CalendarValue, Date, Date)> {
    let v = cal(YearField::Year(i32::try_from(year).ok()?), part, None);
    let iv = v.interval()?;
    Some((v, iv.start.date(), iv.end.date()))
}

fn resolve_calendar(
    f: &Frame,
    tense: Option<Tense>,
    ctx: &Context,
) -> Option<(CalendarValue, AnchorUsed)> {
    let time = clock(f);
    let part = stated_part(f);
    if let Some(offset) = f.easter {
        // "Easter 1916": that year's.
        // ("At 3 a.m. on Easter Sunday": with its time of day.)
        if let Some(y) = f.year {
            let day = add_days(easter_sunday(y)?, offset)?;
            return Some((CalendarValue::day_at(day, time), AnchorUsed::None));
        }
        // "Easter", "Good Friday": the feast in the year nearest in the tense's direction.
        let (a, used) = ctx.anchor(f.anchor)?;
        let day = yearly_day_near(a, f.rel, tense, |y| add_days(easter_sunday(y)?, offset))?;
        return Some((CalendarValue::day_at(day, time), used));
    }
    if let Some(year) = stated_year(f, ctx) {
        // "Thanksgiving 1998": that year's fourth Thursday of November.
        if let (Some(m), Some(wd), Some(nth), YearField::Year(y)) =
            (f.month, f.weekday.and_then(weekday_of), f.nth, year)
        {
            let day = nth_weekday(i64::from(y), m, f.day.unwrap_or(1), wd, nth)?;
            return Some((CalendarValue::day_at(day, time), AnchorUsed::None));
        }
        // A weekday with a full date adds nothing; a weekday with only a year is odd: ignore.
        if f.century.is_some() && f.unit == Some(Unit::Century) {
            return Some((cal(year, DatePart::None, None), AnchorUsed::None));
        }
        return Some((cal(year, part, time), AnchorUsed::None));
    }
    let rel = f.rel;
    // Weekdays stay on the writer's week even in an anniversary story: in news, "Friday" after
    // a sentence about 1988 is still last Friday (counting them from the story's day cost
    // five weekdays on TimeBank).
    let day_pref = f.anchor;
    if let (Some(m), Some(wd), Some(nth)) = (f.month, f.weekday.and_then(weekday_of), f.nth) {
        // "Thanksgiving": the fourth Thursday of November of the year nearest in the tense's
        // direction.
        let (a, used) = ctx.anchor(f.anchor)?;
        let from = f.day.unwrap_or(1);
        let day = yearly_day_near(a, rel, tense, |y| nth_weekday(y, m, from, wd, nth))?;
        return Some((CalendarValue::day_at(day, time), used));
    }
    if let Some(wd) = f.weekday.and_then(weekday_of)
        && (part == DatePart::None || matches!(part, DatePart::Week(_)))
    {
        let (mut a, mut used) = ctx.day_anchor(day_pref)?;
        // Nor does a day stated earlier in the same sentence move it: "Three years after the
        // earthquakes of 6 February 2023, figures released on Thursday show…" is the Thursday
        // before publication, and "The vote on 20 January was postponed; it will now be held
        // on Thursday", written on 6 February, the Thursday after it. (Counted from the
        // sentence's day, a past-tense weekday fell before it, and a future one in January.)
        if !ctx.narrative
            && day_pref.is_none()
            && used == AnchorUsed::Narrative
            && let Some(dct) = ctx.dct
        {
            (a, used) = (dct, AnchorUsed::Dct);
        }
        let day = match (f.unit, rel) {
            // "Monday next week": that weekday of the week `rel` weeks on.
            (Some(Unit::Week), Some(r)) => add_days(
                week_monday(a)?,
                r.checked_mul(7)? + i64::from(wd.to_monday_zero_offset()),
            )?,
            // "Since Friday" on a Friday: a week ago, not today.
            (_, None) if ctx.looked_back_to => pick_weekday(a, wd, Some(-1), tense)?,
            // A history tells its days in order, all in the past tense: "The next day,
            // Roosevelt addressed Congress. On Thursday, Germany declared war" is the
            // Thursday after.
            (_, None) if ctx.narrative && used == AnchorUsed::Narrative => {
                pick_weekday(a, wd, None, Some(Tense::Future))?
            }
            _ => pick_weekday(a, wd, rel, tense)?,
        };
        return Some((CalendarValue::day_at(day, time), used));
    }
    if part == DatePart::None {
        if f.weekend == Some(true) {
            let (a, used) = ctx.day_anchor(day_pref)?;
            // Without a tense, "the weekend" is the nearest one: the coming one late in the
            // week ("have a great weekend" on a Friday), the last one early in it.
            // On the weekend itself, it is this one: on a Saturday always, on a Sunday unless
            // the sentence looks ahead ("talks will resume at the weekend").
            let on_it = match a.weekday() {
                Weekday::Saturday => true,
                Weekday::Sunday => tense != Some(Tense::Future),
                _ => false,
            };
            let d = if rel.is_none() && on_it {
                add_days(week_monday(a)?, 5)?
            } else {
                let tense = tense.or_else(|| {
                    (a.weekday().to_monday_zero_offset() >= 3).then_some(Tense::Future)
                });
                pick_weekday(a, Weekday::Saturday, rel, tense)?
            };
            let (wy, w) = iso_week(d);
            return Some((
                cal(YearField::Year(wy as i32), DatePart::Weekend(Some(w)), None),
                used,
            ));
        }
        // A time alone: "at 10 p.m." is on the last day the text mentioned, else the DCT's;
        // after a year or month the text moved on to, on an unknown day of it ("Since 2000
        // the day has been marked at noon" does not go back to a day of 1990).
        if time.is_some() {
            // (Not in news looking ahead: "Turnout in March 2020 was 61 percent. Polls open at
            // 8 a.m." is the coming polling day's, or the writer's, not one of March 2020.)
            let looks_ahead = !ctx.narrative && tense == Some(Tense::Future);
            // "I have been waiting since 6am": the period reaches the time of writing, so it
            // began on the writer's day, whatever day the story was at.
            // "A curfew from 11 p.m. to 5 a.m. remains in force": told in the present, in
            // news, the writer's night, whatever day the story was at.
            let told_now = !ctx.narrative && tense.is_none() && !ctx.recent_reference;
            let pref = if ctx.reaches_now || told_now {
                Some(AnchorPref::Dct)
            } else {
                f.anchor.or(Some(AnchorPref::Narrative))
            };
            if pref != Some(AnchorPref::Dct)
                && !looks_ahead
                && let Some(mut v) = ctx.unknown_story_day(Some(AnchorPref::Narrative), 0)
            {
                v.time = time;
                return Some((v, AnchorUsed::Narrative));
            }
            let (mut a, used) = ctx.day_anchor_in(pref, tense)?;
            // After "the night of January 19", "at 5:30 a.m." is the morning after it; so is
            // a time before dawn after a late evening one ("began at 11 p.m. on Sunday and
            // went on until 5 a.m.").
            let evening_before = ctx
                .time_reference
                .is_some_and(|t| t.date() == a && t.hour() >= EVENING_STARTS_HOUR)
                && matches!(time, Some(TimeOfDay::Clock { hour, .. }) if hour < DAWN_HOUR);
            if used == AnchorUsed::Narrative
                && (evening_before
                    || (ctx.day_reference_night
                        && ctx.day_reference.and_then(|r| r.to_date()) == Some(a)
                        && matches!(time, Some(TimeOfDay::Clock { hour, .. }) if hour < NIGHT_ENDS_HOUR)))
            {
                a = add_days(a, 1)?;
            }
            // "A truce began at midnight", told on the writer's day: the midnight that began
            // it, which ended the day before.
            if used == AnchorUsed::Dct
                && tense == Some(Tense::Past)
                && matches!(time, Some(TimeOfDay::Clock { hour: 24, .. }))
            {
                a = add_days(a, -1)?;
            }
            // "The curfew will last until 5 a.m.", written at noon: the next 5 a.m.
            if used == AnchorUsed::Dct
                && tense == Some(Tense::Future)
                && let (Some(now), Some(TimeOfDay::Clock { hour, minute, .. })) =
                    (ctx.dct_time, time)
                && now.date() == a
                && (i32::from(hour), i32::from(minute.unwrap_or(0)))
                    < (i32::from(now.hour()), i32::from(now.minute()))
            {
                a = add_days(a, 1)?;
            }
            let mut v = CalendarValue::day(a);
            v.time = time;
            return Some((v, used));
        }
        return None;
    }
    // A bare month continues the story only when it follows the story's day closely
    // ("January 20, 1990 … in early February"): one that would fall before it, or long
    // after, is the writer's ("killed on Dec. 21, 1988 … handed over in April" is this April).
    let story = ctx.story_reference
        && tense != Some(Tense::Future)
        && !ctx.reaches_now
        && rel.is_none()
        && f.anchor.is_none()
        && match part {
            DatePart::Day { .. } => true,
            DatePart::Month(_) | DatePart::Season(_) => {
                let reach = if matches!(part, DatePart::Season(_)) {
                    STORY_SEASON_DAYS
                } else {
                    STORY_MONTH_DAYS
                };
                ctx.anchor(Some(AnchorPref::Narrative))
                    .is_some_and(|(day, _)| {
                        // A story years before the writer's may also look back a little
                        // ("That winter … The ice road opened in late November", in 2026 of
                        // 1941): the writer's November is too far to be meant. (Not far back:
                        // "the Dec. 21, 1988, bombing … agreed in April", in 1999, is April
                        // 1999.)
                        let old_story = ctx.dct.is_some_and(|d| {
                            i64::from(d.year()) - i64::from(day.year()) >= OLD_STORY_YEARS
                        });
                        // (A winter is named by its January: the story's December is in the
                        // next year's.)
                        let y = i64::from(day.year());
                        let last = if part == DatePart::Season(Season::Winter) {
                            y + 1
                        } else {
                            y
                        };
                        (y..=last).any(|y| {
                            occurrence(part, y).is_some_and(|(_, start, end)| {
                                (end > day
                                    || (old_story
                                        && (day - end).get_days() <= OLD_STORY_BEHIND_DAYS))
                                    && (start - day).get_days() <= reach
                            })
                        })
                    })
            }
            _ => false,
        };
    let (a, used) = if story {
        ctx.anchor(Some(AnchorPref::Narrative))?
    } else {
        // "Next spring", "last March" are deictic: the writer's, in news, even right after a
        // year the text stated ("in office since 2019 and up for re-election next spring").
        // So in a history is one a period runs from up to now ("since last spring a walkway
        // has run along the walls").
        let pref = f
            .anchor
            .or((rel.is_some() && (!ctx.narrative || ctx.reaches_now)).then_some(AnchorPref::Dct));
        match (ctx.anchor(pref)?, tense, ctx.dct) {
            // In news, a future-tense sentence speaks from the writer's present even right
            // after a past date: "invited in July 1997, will join on March 12" is the coming
            // March 12, not March 1997.
            ((a, AnchorUsed::Narrative), Some(Tense::Future), Some(dct))
                if !ctx.narrative && f.anchor.is_none() && a < dct =>
            {
                (dct, AnchorUsed::Dct)
            }
            (found, _, _) => found,
        }
    };
    // "The next spring" after a year the story is in: count from the end of that year.
    let a = match (used, rel, ctx.reference.and_then(|r| r.interval())) {
        (AnchorUsed::Narrative, Some(r), Some(iv)) if r > 0 => {
            iv.end.date().yesterday().unwrap_or(a)
        }
        _ => a,
    };
    let ay = i64::from(a.year());
    if used == AnchorUsed::Narrative && rel.is_none() {
        // A partial date in a story takes the year of the date the story is at, unless the
        // story is at a month or day of a year the text stated, late in that year, and the
        // date comes soon after in the next: a history moves forward, so "14 January" after
        // "In December 1916" is 1917. (After a year the text left to be inferred, a wrong
        // guess would carry into the next year.)
        let (mut v, start, end) = occurrence(part, ay)?;
        // The winter of the story's year ended in its March: after that, "the winter" is the
        // one ahead, named by the next year ("in December 1914 … in winter" is 1915-WI).
        if part == DatePart::Season(Season::Winter)
            && end <= a
            && let Some((next, _, _)) = occurrence(part, ay + 1)
        {
            v = next;
        }
        // A story at a winter is at its December: its January is the next year's, whether or
        // not the text stated the winter's year.
        let at_winter = ctx
            .reference
            .is_some_and(|r| r.part == DatePart::Season(Season::Winter));
        // (A month whose year was inferred counts when it follows the story's last day
        // closely: "25 November 1950 … by mid-December … on 4 January" is 1951.)
        let follows_the_day = || {
            let (Some(day), Some(iv)) = (
                ctx.day_reference.and_then(|d| d.to_date()).or(ctx.left_day),
                ctx.reference.and_then(|r| r.interval()),
            ) else {
                return false;
            };
            let start = iv.start.date();
            start >= day && (start - day).get_days() <= STORY_MONTH_DAYS
        };
        if (ctx.narrative || ctx.story_reference)
            && (at_winter
                || ((ctx.reference_year_stated || follows_the_day())
                    && ctx.reference.is_some_and(|r| {
                        matches!(r.part, DatePart::Month(Some(_)) | DatePart::Day { .. })
                    })))
            && matches!(part, DatePart::Month(_) | DatePart::Day { .. })
            && (a - start).get_days() > STORY_WRAP_BEHIND_DAYS
            && let Some((next, next_start, _)) = occurrence(part, ay + 1)
            && (next_start - a).get_days() <= STORY_WRAP_AHEAD_DAYS
        {
            v = next;
        }
        v = with_stated_weekday(v, f, part, ay, tense);
        v.time = time;
        return Some((v, used));
    }
    // A winter is named by its January's year: the one ahead of a day in December is two
    // years on, and "this winter" is the one that holds the anchor or begins in its December.
    let winter = part == DatePart::Season(Season::Winter);
    let this_year = if winter && a.month() > 2 { ay + 1 } else { ay };
    let candidates: Vec<(CalendarValue, Date, Date)> = (ay - 1..=ay + 1 + i64::from(winter))
        .filter_map(|y| occurrence(part, y))
        .collect();
    let containing = candidates.iter().find(|(_, s, e)| *s <= a && a < *e);
    let chosen = match rel {
        Some(r) if r < 0 => candidates.iter().rev().find(|(_, _, e)| *e <= a),
        Some(r) if r > 0 => candidates.iter().find(|(_, s, _)| *s > a),
        Some(_) => candidates
            .iter()
            .find(|(v, _, _)| v.year == YearField::Year(this_year as i32)),
        // Quarters and halves without a year are the anchor year's unless the sentence looks
        // back: "expects to report third-quarter results" in October means this year's. One
        // that ended more than a quarter ago is next year's when the sentence looks ahead
        // ("cuts will come in the first quarter", in December).
        None if matches!(part, DatePart::Quarter(_) | DatePart::Half(_))
            && tense != Some(Tense::Past) =>
        {
            let this_years = candidates
                .iter()
                .find(|(v, _, _)| v.year == YearField::Year(ay as i32));
            match this_years {
                Some((_, _, e))
                    if tense == Some(Tense::Future)
                        && (a - *e).get_days() > QUARTER_REPORTED_DAYS =>
                {
                    candidates.iter().find(|(_, _, e)| *e > a)
                }
                found => found,
            }
        }
        // A day of a month: the next one if it comes within about three months (news announces
        // deadlines and meetings: "expires Nov. 16", "was extended to Nov. 16"), else the last
        // one; only a future-tense sentence reaches further ahead. (In the TimeBank corpus this
        // gets 94% of month-day dates right; the sentence's tense alone gets far fewer.)
        None if matches!(part, DatePart::Day { .. }) && tense != Some(Tense::Future) => {
            let next = candidates.iter().find(|(_, s, _)| *s > a);
            match next {
                Some(n)
                    if (n.1 - a).get_days()
                        <= if tense == Some(Tense::Past) {
                            NEAR_FUTURE_PAST_DAYS.min(ctx.days_before.unwrap_or(i32::MAX))
                        } else {
                            NEAR_FUTURE_DAYS
                        }
                        && !(tense == Some(Tense::Past)
                            && (ctx.tense_attached || (ctx.event_day && !ctx.tense_reported))) =>
                {
                    Some(n)
                }
                _ => candidates.iter().rev().find(|(_, s, _)| *s <= a),
            }
        }
        None => match tense {
            Some(Tense::Past) => candidates.iter().rev().find(|(_, s, _)| *s <= a),
            // "Declared a state of emergency for 30 days starting Dec. 1", on Dec. 2: a day
            // a few days past is that day, not the same day a year ahead, which a writer
            // would mark ("Dec. 1 next year").
            Some(Tense::Future) if matches!(part, DatePart::Day { .. }) => candidates
                .iter()
                .rev()
                .find(|(_, s, e)| *s <= a && *e <= a && (a - *s).get_days() <= RECENT_DAYS)
                .or_else(|| candidates.iter().find(|(_, _, e)| *e > a)),
            Some(Tense::Future) => candidates.iter().find(|(_, _, e)| *e > a),
            None => containing.or_else(|| {
                let next = candidates.iter().find(|(_, s, _)| *s > a);
                match next {
                    Some(n) if (n.1 - a).get_days() <= NEAR_FUTURE_MONTH_DAYS => Some(n),
                    _ => candidates.iter().rev().find(|(_, s, _)| *s <= a),
                }
            }),
        },
    };
    let (v, _, _) = *chosen?;
    let mut v = with_stated_weekday(v, f, part, ay, tense);
    v.time = time;
    Some((v, used))
}

/// A day of a month that the text gives a weekday but no year ("Tuesday, March 3"): if the
/// year chosen does not put it on that weekday, the year beside it that does, the later one
/// first in a future-tense sentence.
fn with_stated_weekday(
    chosen: CalendarValue,
    f: &Frame,
    part: DatePart,
    year: i64,
    tense: Option<Tense>,
) -> CalendarValue {
    let Some(wd) = f.weekday.and_then(weekday_of) else {
        return chosen;
    };
    if !matches!(part, DatePart::Day { .. }) || chosen.to_date().is_none_or(|d| d.weekday() == wd) {
        return chosen;
    }
    let step = if tense == Some(Tense::Future) { 1 } else { -1 };
    [year, year + step, year - step]
        .into_iter()
        .filter_map(|y| occurrence(part, y))
        .find(|(_, start, _)| start.weekday() == wd)
        .map_or(chosen, |(v, _, _)| v)
}

/// The occurrence of a day that comes once a year (a feast, "the fourth Thursday of
/// November") nearest to `a` in the direction the words or the tense give: "last" or past
/// tense looks back, "next" or future tense ahead; otherwise the one in `a`'s year.
fn yearly_day_near(
    a: Date,
    rel: Option<i64>,
    tense: Option<Tense>,
    day_in: impl Fn(i64) -> Option<Date>,
) -> Option<Date> {
    let ay = i64::from(a.year());
    let days: Vec<Date> = (ay - 1..=ay + 1).filter_map(day_in).collect();
    match (rel, tense) {
        (Some(r), _) if r < 0 => days.iter().rev().find(|d| **d < a),
        (Some(r), _) if r > 0 => days.iter().find(|d| **d > a),
        (_, Some(Tense::Past)) => days.iter().rev().find(|d| **d <= a),
        (_, Some(Tense::Future)) => days.iter().find(|d| **d >= a),
        _ => days.iter().find(|d| d.year() == a.year()),
    }
    .copied()
}

/// Easter Sunday of year `y` in the Gregorian calendar (the anonymous Gregorian algorithm,
/// "Meeus/Jones/Butcher"), for years 1583 to 9999.
fn easter_sunday(y: i64) -> Option<Date> {
    if !(1583..=9999).contains(&y) {
        return None;
    }
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(y16(y)?, month as i8, day as i8).ok()
}

/// The `nth` (1-based; -1 = last) `wd` of month `m` of year `y`, counting from day
/// `from_day` of the month (1 for most holidays; 2 for the US Election Day, the first Tuesday
/// after the first Monday).
fn nth_weekday(y: i64, m: u8, from_day: u8, wd: Weekday, nth: i64) -> Option<Date> {
    let first = Date::new(y16(y)?, m as i8, i8::try_from(from_day).ok()?).ok()?;
    if nth > 0 {
        let offset =
            (wd.to_monday_zero_offset() - first.weekday().to_monday_zero_offset()).rem_euclid(7);
        let d = add_days(first, i64::from(offset) + 7 * (nth - 1))?;
        (d.month() == first.month()).then_some(d)
    } else {
        let last = first.last_of_month();
        let back =
            (last.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7);
        add_days(last, -i64::from(back))
    }
}

/// The Monday of `a`'s ISO week.
fn week_monday(a: Date) -> Option<Date> {
    add_days(a, -i64::from(a.weekday().to_monday_zero_offset()))
}

fn pick_weekday(a: Date, wd: Weekday, rel: Option<i64>, tense: Option<Tense>) -> Option<Date> {
    let back = (a.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7);
    let fwd = (wd.to_monday_zero_offset() - a.weekday().to_monday_zero_offset()).rem_euclid(7);
    let prev = add_days(a, -i64::from(back))?;
    let next = add_days(a, i64::from(fwd))?;
    match rel {
        // "last Friday": strictly before; "next Friday": strictly after.
        Some(r) if r < 0 => add_days(a, -i64::from(if back == 0 { 7 } else { back })),
        Some(r) if r > 0 => add_days(a, i64::from(if fwd == 0 { 7 } else { fwd })),
        // "this Friday": in the anchor's week.
        Some(_) => add_days(week_monday(a)?, i64::from(wd.to_monday_zero_offset())),
        None => match tense {
            Some(Tense::Future) => Some(next),
            _ => Some(prev),
        },
    }
}

/// The value of an expression that needs an anchor when there is none (no DCT, no date
/// mentioned before it): what the words state, with the rest unknown — "yesterday" is
/// `XXXX-XX-XX`, "in March" is `XXXX-03` — marked as unanchored rather than guessed.
pub(crate) fn unanchored(f: &Frame) -> Option<Resolved> {
    if f.reject == Some(true) {
        return None;
    }
    let time = clock(f);
    let mut part = stated_part(f);
    if part == DatePart::None
        && let Some(weekday) = f.weekday.filter(|w| (1..=7).contains(w))
    {
        part = DatePart::WeekDay {
            week: None,
            weekday,
        };
    }
    // "On the 15th" with no month known: that day of an unknown month, `XXXX-XX-15`.
    if part == DatePart::None && f.day.is_some() {
        part = DatePart::Day {
            month: None,
            day: f.day,
        };
    }
    if part == DatePart::None {
        part = match f.unit {
            Some(Unit::Year | Unit::Decade | Unit::Century | Unit::Millennium) => DatePart::None,
            Some(Unit::Month) => DatePart::Month(None),
            Some(Unit::Week) => DatePart::Week(None),
            Some(Unit::Quarter | Unit::Half | Unit::Season) if f.dir.is_none() => DatePart::None,
            _ => DatePart::Day {
                month: None,
                day: None,
            },
        };
    }
    let v = cal(YearField::Unknown, part, time);
    Some(Resolved {
        kind: if time.is_some() {
            TimexType::Time
        } else {
            TimexType::Date
        },
        value: TimexValue::Calendar(v),
        modifier: f.modifier,
        quant: f.quant,
        freq: None,
        anchor: AnchorUsed::None,
    })
}

/// Whether "the month" or "the year" (`story` in the frame) is the story's: it told a day of
/// another year a few sentences back, and the sentence does not look ahead ("a memorial will
/// open by the end of the year" is the writer's year).
fn in_the_story(f: &Frame, ctx: &Context, tense: Option<Tense>) -> bool {
    f.story == Some(true) && ctx.story_reference && tense != Some(Tense::Future) && !ctx.reaches_now
}

/// Whether an expression names a particular time only by where the text stands: a month,
/// weekday, day of a month or clock time without a year, and no counting from an anchor
/// ("next", "two days later", "the same day"). Said of what happens as a rule ("usually in
/// June"), such an expression names no particular one, and [`unanchored`] gives its value.
pub(crate) fn may_be_habitual(f: &Frame) -> bool {
    f.set.is_none()
        && f.reject.is_none()
        && f.year.is_none()
        && f.year_rel.is_none()
        && f.short_year.is_none()
        && f.decade.is_none()
        && f.century.is_none()
        && f.rel.is_none()
        && f.dir.is_none()
        && f.day_offset.is_none()
        && f.same.is_none()
        && f.reference.is_none()
        && f.anchor.is_none()
        && f.from_date.is_none()
        && f.count.is_none()
        && f.unit.is_none()
        && f.easter.is_none()
        && (f.month.is_some() || f.weekday.is_some() || f.hour.is_some())
}

/// Whether a resolved value can serve as the reference time for what follows.
pub(crate) fn as_reference(v: &TimexValue) -> Option<CalendarValue> {
    match v {
        TimexValue::Calendar(c) if matches!(c.year, YearField::Year(_)) => {
            Some(CalendarValue { time: None, ..*c })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(dct: &str) -> Result<Context, jiff::Error> {
        Ok(Context {
            dct: Some(dct.parse()?),
            reference: None,
            day_reference: None,
            quarter_reference: None,
            several_quarters: false,
            time_reference: None,
            day_reference_night: false,
            day_left_for_month: false,
            left_day: None,
            dct_time: None,
            narrative: false,
            recent_reference: false,
            reference_began: false,
            story_reference: false,
            reference_year_stated: false,
            tense_attached: false,
            quoted: false,
            looked_back_to: false,
            reaches_now: false,
            event_day: false,
            tense_reported: false,
            appositive: false,
            days_before: None,
        })
    }

    fn value(spec: &str, tense: Option<Tense>, c: &Context) -> Result<String, String> {
        let f = Frame::parse(spec)?;
        Ok(resolve(&f, tense, c)
            .map(|r| r.value.to_string())
            .unwrap_or_default())
    }

    #[test]
    fn weekdays_follow_the_tense() -> Result<(), Box<dyn std::error::Error>> {
        // 2025-03-12 is a Wednesday.
        let c = ctx("2025-03-12")?;
        assert_eq!(value("weekday=5", Some(Tense::Past), &c)?, "2025-03-07");
        assert_eq!(value("weekday=5", Some(Tense::Future), &c)?, "2025-03-14");
        assert_eq!(value("weekday=3", Some(Tense::Past), &c)?, "2025-03-12");
        assert_eq!(value("weekday=5 rel=-1", None, &c)?, "2025-03-07");
        assert_eq!(value("weekday=3 rel=-1", None, &c)?, "2025-03-05");
        assert_eq!(value("weekday=5 rel=1", None, &c)?, "2025-03-14");
        Ok(())
    }

    #[test]
    fn easter_falls_where_the_calendar_puts_it() -> Result<(), Box<dyn std::error::Error>> {
        // Known dates, Western reckoning.
        for (y, m, d) in [
            (1961, 4, 2),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2025, 4, 20),
            (2038, 4, 25),
        ] {
            assert_eq!(
                easter_sunday(y),
                Some(jiff::civil::date(y as i16, m, d)),
                "{y}"
            );
        }
        assert_eq!(easter_sunday(1200), None);
        let c = ctx("2025-03-12")?;
        assert_eq!(value("easter=0", None, &c)?, "2025-04-20");
        assert_eq!(value("easter=-2", Some(Tense::Past), &c)?, "2024-03-29");
        assert_eq!(value("easter=1 rel=1", None, &c)?, "2025-04-21");
        Ok(())
    }

    #[test]
    fn months_follow_the_tense() -> Result<(), Box<dyn std::error::Error>> {
        let c = ctx("2025-03-12")?;
        assert_eq!(value("month=11", Some(Tense::Past), &c)?, "2024-11");
        assert_eq!(value("month=11", Some(Tense::Future), &c)?, "2025-11");
        assert_eq!(value("month=3 day=3", None, &c)?, "2025-03-03");
        // Without a tense: the coming month if it is near, else the last one.
        assert_eq!(value("month=4", None, &c)?, "2025-04");
        assert_eq!(value("month=11", None, &c)?, "2024-11");
        assert_eq!(value("month=3 rel=-1", None, &c)?, "2024-03");
        assert_eq!(value("season=fall rel=-1", None, &c)?, "2024-FA");
        Ok(())
    }

    #[test]
    fn offsets_and_relative_units() -> Result<(), Box<dyn std::error::Error>> {
        let c = ctx("2025-03-14")?;
        assert_eq!(value("count=37 unit=year dir=-1", None, &c)?, "1988");
        assert_eq!(value("unit=year rel=-1", None, &c)?, "2024");
        assert_eq!(value("unit=month rel=1", None, &c)?, "2025-04");
        assert_eq!(value("unit=week rel=0", None, &c)?, "2025-W11");
        assert_eq!(value("day_offset=-1", None, &c)?, "2025-03-13");
        assert_eq!(value("count=3 unit=year", None, &c)?, "P3Y");
        assert_eq!(value("plural=true unit=year", None, &c)?, "PXY");
        assert_eq!(value("count=5 unit=hour", None, &c)?, "PT5H");
        Ok(())
    }

    #[test]
    fn absurd_offsets_degrade_instead_of_failing() -> Result<(), Box<dyn std::error::Error>> {
        let c = ctx("2025-03-14")?;
        assert_eq!(
            value("count=100000000 unit=year dir=-1", None, &c)?,
            "PAST_REF"
        );
        assert_eq!(
            value("count=900000 unit=year dir=1", None, &c)?,
            "FUTURE_REF"
        );
        Ok(())
    }

    #[test]
    fn narrative_anchor_uses_the_reference() -> Result<(), Box<dyn std::error::Error>> {
        let mut c = ctx("2025-03-14")?;
        c.reference = Some(CalendarValue::day("1988-03-03".parse()?));
        c.day_reference = c.reference;
        assert_eq!(
            value("unit=day rel=1 anchor=narrative", None, &c)?,
            "1988-03-04"
        );
        assert_eq!(value("unit=year rel=-1", None, &c)?, "2024");
        Ok(())
    }
}
