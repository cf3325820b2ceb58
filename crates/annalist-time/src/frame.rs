//! Frames: the language-independent meaning of a matched expression, before resolution.
//!
//! A language pack never computes dates. Its vocabulary and rules only say *what the words
//! contribute*: "March" contributes `month=3`, "last" contributes `rel=-1`, "ago" contributes
//! `dir=-1` and `anchor=dct`, a number matched as `NUM:count` contributes `count=3`. When a
//! rule matches, the contributions of its parts are merged into one [`Frame`]; the resolver
//! (`resolve.rs`) then turns the frame into a TIMEX3 value against the right anchor. This is
//! what lets Azerbaijani, Russian or Turkish be added as data: their words contribute the same
//! features, and the engine does the same arithmetic.
//!
//! Merging is strict: two parts that set the same feature to different values make the match
//! fail, which keeps rules from silently producing nonsense ("March May 3").

use crate::value::{Mod, PartOfDay, RefPoint, Season, TimexType};

/// Calendar and clock units, as far as the grammar knows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Millennia.
    Millennium,
    /// Centuries.
    Century,
    /// Decades.
    Decade,
    /// Years.
    Year,
    /// Half years.
    Half,
    /// Quarters.
    Quarter,
    /// Seasons (as a unit: "this season").
    Season,
    /// Months.
    Month,
    /// Weeks.
    Week,
    /// Weekends.
    Weekend,
    /// Days.
    Day,
    /// Nights (as a unit of duration: "two nights").
    Night,
    /// Hours.
    Hour,
    /// Minutes.
    Minute,
    /// Seconds.
    Second,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "millennium" => Unit::Millennium,
            "century" => Unit::Century,
            "decade" => Unit::Decade,
            "year" => Unit::Year,
            "half" => Unit::Half,
            "quarter" => Unit::Quarter,
            "season" => Unit::Season,
            "month" => Unit::Month,
            "week" => Unit::Week,
            "weekend" => Unit::Weekend,
            "day" => Unit::Day,
            "night" => Unit::Night,
            "hour" => Unit::Hour,
            "minute" => Unit::Minute,
            "second" => Unit::Second,
            _ => return None,
        })
    }
}

/// Morning or afternoon on a 12-hour clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meridiem {
    /// a.m.
    Am,
    /// p.m.
    Pm,
}

/// Which anchor a relative expression is resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnchorPref {
    /// The document creation time: "today", "three years ago", "last Friday".
    Dct,
    /// The last date mentioned in the text: "the next day", "two weeks later".
    Narrative,
}

/// A vague or exact count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Count {
    /// A number: "three", "36", "1.5".
    N(f64),
    /// An unspecified number: "several", "a few", "many".
    Some,
}

/// What a recurring expression says about recurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetKind {
    /// "every", "each", "daily": one per unit.
    Every,
    /// "twice a week": `freq`, given by `times`.
    Times,
}

/// The merged meaning of an expression's parts. Every field is optional: a part contributes
/// what it knows.
#[allow(missing_docs)]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    pub year: Option<i64>,
    /// A year relative to the anchor's: "last year's third quarter" has -1.
    pub year_rel: Option<i64>,
    /// The spoken century of a year: "nineteen" in "nineteen ninety-six".
    pub year_high: Option<i64>,
    /// A two-digit year ("'98"), completed by the resolver.
    pub short_year: Option<i64>,
    /// First three digits: 199 = the 1990s.
    pub decade: Option<i64>,
    /// First two digits: 19 = the 1900s.
    pub century: Option<i64>,
    /// Before the common era ("44 BC").
    pub bce: Option<bool>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub weekday: Option<u8>,
    /// Days from Easter Sunday (Western reckoning): "Good Friday" is -2, "Easter Monday" +1.
    pub easter: Option<i64>,
    pub week: Option<u8>,
    pub quarter: Option<u8>,
    pub half: Option<u8>,
    pub season: Option<Season>,
    pub weekend: Option<bool>,
    pub hour: Option<u8>,
    pub minute: Option<u8>,
    pub second: Option<u8>,
    pub meridiem: Option<Meridiem>,
    /// The minutes count back from the hour: "a quarter to ten" is 9:45.
    pub to_hour: Option<bool>,
    pub part_of_day: Option<PartOfDay>,
    /// An ordinal: "third quarter", "first half", "21st century".
    pub nth: Option<i64>,
    pub count: Option<Count>,
    pub unit: Option<Unit>,
    /// True when the unit was plural with no count ("years", "months").
    pub plural: Option<bool>,
    /// last = -1, this = 0, next = +1 (of a unit, weekday, month…).
    pub rel: Option<i64>,
    /// Direction of an offset: "ago"/"earlier"/"before" = -1, "later"/"from now" = +1.
    pub dir: Option<i64>,
    /// Which anchor to resolve against.
    pub anchor: Option<AnchorPref>,
    /// "today" = 0, "yesterday" = -1, "tomorrow" = +1, in days.
    pub day_offset: Option<i64>,
    /// "now", "recently", "soon".
    pub reference: Option<RefPoint>,
    /// "that day", "the same day": the anchor itself at the unit's granularity.
    pub same: Option<bool>,
    pub modifier: Option<Mod>,
    pub set: Option<SetKind>,
    pub times: Option<i64>,
    /// `quant="EACH"`, `quant="EVERY"`.
    pub quant: Option<&'static str>,
    /// A rule forcing the type ("the past year" is a DURATION).
    pub kind: Option<TimexType>,
    /// Not a time expression after all (a rule that only blocks others).
    pub reject: Option<bool>,
    /// A fiscal year or quarter: resolved like calendar ones.
    pub fiscal: Option<bool>,
    /// An expression that counts up to the anchor: "the past three years" (a duration
    /// ending now).
    pub span_to_anchor: Option<bool>,
    /// An offset counted from the date the expression states itself rather than from an
    /// anchor: "the day before yesterday", "the day after March 3".
    pub from_date: Option<bool>,
    /// With `from_date`, the shifted date keeps the stated date's granularity rather than
    /// taking the unit's: "a week from Tuesday" is a Tuesday, "the week after Christmas" a
    /// week.
    pub to_the_day: Option<bool>,
    /// The granularity an offset from a stated date keeps: "forty years ago this week" is a
    /// week.
    pub grain: Option<Unit>,
    /// "The month", "the year": the story's while a day of another year is being told ("Troops
    /// entered on March 3, 1988. By the end of the month …"), else the writer's.
    pub story: Option<bool>,
    /// The last day of the period the frame states: "the last day of February 1988" is
    /// 1988-02-29, whatever the month's length.
    pub last_day: Option<bool>,
    /// "The new year": the year that begins soon after the anchor, or began just before it.
    pub new_year: Option<bool>,
    /// "The turn of the century": the year a century begins, the one stated or the one
    /// nearest the anchor.
    pub turn: Option<bool>,
    /// The period a count of units recurs in: "three days a week" (count 3, unit day, per
    /// week).
    pub per: Option<Unit>,
    /// The part of the period on one side of the anchor: "earlier this year" is the year up
    /// to the writer's day (`Before`), "later this month" the month after it (`After`). The
    /// value stays the period's, with `mod` START or END; only the interval says which part.
    pub side: Option<Side>,
    /// Which of day and month the date writes first: "7 December" and "20.01.1990" day first,
    /// "December 7" and "3/14/2025" month first. Written-out dates are the document's evidence
    /// for how it writes numeric ones.
    pub order: Option<Order>,
    /// Day and month are both numbers ("03/04/2015"), so that when both could be a month the
    /// document's habit decides which is which (see `order`).
    pub numeric: Option<bool>,
}

/// The order of day and month in a date (see [`Frame::order`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// "December 7", "12/7/2026".
    MonthFirst,
    /// "7 December", "7/12/2026", "07.12.2026".
    DayFirst,
}

/// Why two frames could not be merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict(pub &'static str);

/// Which side of the anchor a period is cut to (see [`Frame::side`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// From the period's start up to the anchor's day.
    Before,
    /// From the day after the anchor's to the period's end.
    After,
}

macro_rules! merge_fields {
    ($self:ident, $other:ident, $($field:ident),* $(,)?) => {
        $(
            if let Some(v) = $other.$field {
                match &$self.$field {
                    Some(old) if *old != v => return Err(Conflict(stringify!($field))),
                    _ => $self.$field = Some(v),
                }
            }
        )*
    };
}

impl Frame {
    /// Adds `other`'s features to this frame; fails if they disagree on any feature.
    pub fn merge(&mut self, other: &Frame) -> Result<(), Conflict> {
        merge_fields!(
            self,
            other,
            year,
            year_rel,
            year_high,
            short_year,
            decade,
            century,
            bce,
            month,
            day,
            weekday,
            easter,
            week,
            quarter,
            half,
            season,
            weekend,
            hour,
            minute,
            second,
            meridiem,
            to_hour,
            part_of_day,
            nth,
            count,
            unit,
            plural,
            rel,
            dir,
            anchor,
            day_offset,
            reference,
            same,
            modifier,
            set,
            times,
            quant,
            kind,
            reject,
            fiscal,
            span_to_anchor,
            from_date,
            to_the_day,
            story,
            grain,
            last_day,
            new_year,
            turn,
            per,
            side,
            order,
            numeric,
        );
        Ok(())
    }

    /// Sets one feature from its textual form (`month=3`, `rel=-1`, `unit=year`, `mod=START`),
    /// as written in language packs.
    pub fn set_feature(&mut self, key: &str, value: &str) -> Result<(), String> {
        let bad = || format!("bad value {value:?} for feature {key:?}");
        let int = || value.parse::<i64>().map_err(|_| bad());
        let small = || value.parse::<u8>().map_err(|_| bad());
        let yes = || match value {
            "true" | "yes" | "1" => Ok(true),
            "false" | "no" | "0" => Ok(false),
            _ => Err(bad()),
        };
        let mut f = Frame::default();
        match key {
            "year" => f.year = Some(int()?),
            "year_rel" => f.year_rel = Some(int()?),
            "decade" => f.decade = Some(int()?),
            "century" => f.century = Some(int()?),
            "bce" => f.bce = Some(yes()?),
            "month" => f.month = Some(small()?),
            "day" => f.day = Some(small()?),
            "weekday" => f.weekday = Some(small()?),
            "easter" => f.easter = Some(int()?),
            "week" => f.week = Some(small()?),
            "quarter" => f.quarter = Some(small()?),
            "half" => f.half = Some(small()?),
            "season" => {
                f.season = Some(match value {
                    "spring" => Season::Spring,
                    "summer" => Season::Summer,
                    "fall" | "autumn" => Season::Fall,
                    "winter" => Season::Winter,
                    _ => return Err(bad()),
                })
            }
            "weekend" => f.weekend = Some(yes()?),
            "hour" => f.hour = Some(small()?),
            "minute" => f.minute = Some(small()?),
            "second" => f.second = Some(small()?),
            "meridiem" => {
                f.meridiem = Some(match value {
                    "am" => Meridiem::Am,
                    "pm" => Meridiem::Pm,
                    _ => return Err(bad()),
                })
            }
            "pod" => {
                f.part_of_day = Some(match value {
                    "morning" => PartOfDay::Morning,
                    "midday" => PartOfDay::Midday,
                    "afternoon" => PartOfDay::Afternoon,
                    "evening" => PartOfDay::Evening,
                    "night" => PartOfDay::Night,
                    "daytime" => PartOfDay::Daytime,
                    _ => return Err(bad()),
                })
            }
            "nth" => f.nth = Some(int()?),
            "count" => {
                f.count = Some(if value == "some" {
                    Count::Some
                } else {
                    Count::N(value.parse::<f64>().map_err(|_| bad())?)
                })
            }
            "unit" => f.unit = Some(Unit::parse(value).ok_or_else(bad)?),
            "plural" => f.plural = Some(yes()?),
            "rel" => f.rel = Some(int()?),
            "dir" => f.dir = Some(int()?),
            "anchor" => {
                f.anchor = Some(match value {
                    "dct" => AnchorPref::Dct,
                    "narrative" => AnchorPref::Narrative,
                    _ => return Err(bad()),
                })
            }
            "day_offset" => f.day_offset = Some(int()?),
            "ref" => {
                f.reference = Some(match value {
                    "present" => RefPoint::Present,
                    "past" => RefPoint::Past,
                    "future" => RefPoint::Future,
                    _ => return Err(bad()),
                })
            }
            "same" => f.same = Some(yes()?),
            "mod" => f.modifier = Some(Mod::parse(value).ok_or_else(bad)?),
            "set" => {
                f.set = Some(match value {
                    "every" => SetKind::Every,
                    "times" => SetKind::Times,
                    _ => return Err(bad()),
                })
            }
            "times" => f.times = Some(int()?),
            "quant" => {
                f.quant = Some(match value {
                    "EACH" => "EACH",
                    "EVERY" => "EVERY",
                    _ => return Err(bad()),
                })
            }
            "type" => {
                f.kind = Some(match value {
                    "DATE" => TimexType::Date,
                    "TIME" => TimexType::Time,
                    "DURATION" => TimexType::Duration,
                    "SET" => TimexType::Set,
                    _ => return Err(bad()),
                })
            }
            "reject" => f.reject = Some(yes()?),
            "fiscal" => f.fiscal = Some(yes()?),
            "span_to_anchor" => f.span_to_anchor = Some(yes()?),
            "from_date" => f.from_date = Some(yes()?),
            "to_the_day" => f.to_the_day = Some(yes()?),
            "story" => f.story = Some(yes()?),
            "grain" => f.grain = Some(Unit::parse(value).ok_or_else(bad)?),
            "last_day" => f.last_day = Some(yes()?),
            "new_year" => f.new_year = Some(yes()?),
            "turn" => f.turn = Some(yes()?),
            "to_hour" => f.to_hour = Some(yes()?),
            "per" => f.per = Some(Unit::parse(value).ok_or_else(bad)?),
            "side" => {
                f.side = Some(match value {
                    "before" => Side::Before,
                    "after" => Side::After,
                    _ => return Err(bad()),
                })
            }
            "order" => {
                f.order = Some(match value {
                    "month-first" => Order::MonthFirst,
                    "day-first" => Order::DayFirst,
                    _ => return Err(bad()),
                })
            }
            "numeric" => f.numeric = Some(yes()?),
            _ => return Err(format!("unknown feature {key:?}")),
        }
        self.merge(&f)
            .map_err(|c| format!("feature {} set twice with different values", c.0))
    }

    /// Parses a list of `key=value` features separated by spaces or commas.
    pub fn parse(spec: &str) -> Result<Frame, String> {
        let mut f = Frame::default();
        for item in spec.split([' ', ',']).filter(|s| !s.is_empty()) {
            let (k, v) = item
                .split_once('=')
                .ok_or_else(|| format!("expected key=value, found {item:?}"))?;
            f.set_feature(k, v)?;
        }
        Ok(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_disjoint_features() -> Result<(), String> {
        let mut a = Frame::parse("month=3")?;
        assert_eq!(a.merge(&Frame::parse("day=3 year=1988")?), Ok(()));
        assert_eq!((a.year, a.month, a.day), (Some(1988), Some(3), Some(3)));
        Ok(())
    }

    #[test]
    fn refuses_conflicting_features() -> Result<(), String> {
        let mut a = Frame::parse("month=3")?;
        assert_eq!(a.merge(&Frame::parse("month=5")?), Err(Conflict("month")));
        // Agreeing features are fine.
        assert!(a.merge(&Frame::parse("month=3")?).is_ok());
        Ok(())
    }

    #[test]
    fn rejects_unknown_features_and_values() {
        assert!(Frame::parse("colour=red").is_err());
        assert!(Frame::parse("month=march").is_err());
        assert!(Frame::parse("month").is_err());
        assert!(Frame::parse("unit=fortnightish").is_err());
    }
}
