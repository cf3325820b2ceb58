//! TIMEX3 values: what a time expression *means*, in TimeML's ISO-8601-based notation.
//!
//! TimeML values cannot be represented by a calendar library's types alone: they have reduced
//! granularity (`1990-01` is a month, not the first of January), unspecified parts
//! (`XXXX-12-25`, `XXXX-WXX-1`), units that ISO dates lack (decades `199`, centuries `19`,
//! quarters `1990-Q1`, seasons `1990-SU`, parts of the day `1990-01-20TNI`), vague durations
//! (`PXY`) and the deictic references `PRESENT_REF`, `PAST_REF` and `FUTURE_REF`.
//!
//! So this module has its own value type, [`TimexValue`], which formats to (and parses from)
//! the TimeML notation, and knows the concrete interval `[start, end)` it denotes when it has
//! one ([`TimexValue::interval`]). Intervals use `jiff`'s civil date-times, which cover every
//! year from 9999 BCE to 9999 CE, so "44 BC" and "1453" sort on the same axis as "2026".

use std::fmt;

use jiff::civil::{Date, DateTime};
use serde::{Serialize, Serializer};

/// The four TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar period of a day or longer: `1988-03-03`, `1988`, `198`, `PRESENT_REF`.
    Date,
    /// A point or period within a day: `1988-03-03T04:00`, `1988-03-03TNI`.
    Time,
    /// A length of time: `P3Y`, `PT5H`, `PXD`.
    Duration,
    /// A recurring time: `P1Y` (every year), `XXXX-WXX-1` (every Monday).
    Set,
}

impl TimexType {
    /// The TimeML spelling: `DATE`, `TIME`, `DURATION` or `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

impl fmt::Display for TimexType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The TIMEX3 `mod` attribute: how the text qualifies the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mod {
    /// "early 1990": the start of the period.
    Start,
    /// "mid-1990".
    Mid,
    /// "late 1990".
    End,
    /// "about three weeks", "around 1990".
    Approx,
    /// "before 1990".
    Before,
    /// "after 1990".
    After,
    /// "by 1990", "no later than 1990".
    OnOrBefore,
    /// "1990 or later".
    OnOrAfter,
    /// "less than two hours".
    LessThan,
    /// "more than a decade".
    MoreThan,
    /// "up to two hours", "at most".
    EqualOrLess,
    /// "at least two hours".
    EqualOrMore,
}

impl Mod {
    /// The TimeML spelling, e.g. `START` or `EQUAL_OR_MORE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
            Mod::Approx => "APPROX",
            Mod::Before => "BEFORE",
            Mod::After => "AFTER",
            Mod::OnOrBefore => "ON_OR_BEFORE",
            Mod::OnOrAfter => "ON_OR_AFTER",
            Mod::LessThan => "LESS_THAN",
            Mod::MoreThan => "MORE_THAN",
            Mod::EqualOrLess => "EQUAL_OR_LESS",
            Mod::EqualOrMore => "EQUAL_OR_MORE",
        }
    }

    /// Parses the TimeML spelling (`START`, `EQUAL_OR_MORE`, …).
    pub fn parse(s: &str) -> Option<Mod> {
        Some(match s {
            "START" => Mod::Start,
            "MID" => Mod::Mid,
            "END" => Mod::End,
            "APPROX" => Mod::Approx,
            "BEFORE" => Mod::Before,
            "AFTER" => Mod::After,
            "ON_OR_BEFORE" => Mod::OnOrBefore,
            "ON_OR_AFTER" => Mod::OnOrAfter,
            "LESS_THAN" => Mod::LessThan,
            "MORE_THAN" => Mod::MoreThan,
            "EQUAL_OR_LESS" => Mod::EqualOrLess,
            "EQUAL_OR_MORE" => Mod::EqualOrMore,
            _ => return None,
        })
    }
}

impl fmt::Display for Mod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Seasons, as TimeML abbreviates them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Season {
    /// `SP`
    Spring,
    /// `SU`
    Summer,
    /// `FA`
    Fall,
    /// `WI`. A winter is named by the year of its January, as WikiWars and the tweets write
    /// it (TimeBank never infers one): `1943-WI` is the winter of 1942–43.
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// The months a season covers in the northern hemisphere, as `(first month, month count)`;
    /// winter starts in the December before the named year.
    fn months(self) -> (i8, i8) {
        match self {
            Season::Spring => (3, 3),
            Season::Summer => (6, 3),
            Season::Fall => (9, 3),
            Season::Winter => (12, 3),
        }
    }
}

/// Parts of the day, as TimeML abbreviates them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartOfDay {
    /// `MO`, morning.
    Morning,
    /// `MI`, midday.
    Midday,
    /// `AF`, afternoon.
    Afternoon,
    /// `EV`, evening.
    Evening,
    /// `NI`, night.
    Night,
    /// `DT`, daytime.
    Daytime,
}

impl PartOfDay {
    fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Midday => "MI",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
            PartOfDay::Daytime => "DT",
        }
    }

    /// Conventional clock hours `[start, end)` for a part of the day (night runs past midnight).
    fn hours(self) -> (i8, i8) {
        match self {
            PartOfDay::Morning => (6, 12),
            PartOfDay::Midday => (11, 14),
            PartOfDay::Afternoon => (12, 18),
            PartOfDay::Evening => (18, 22),
            PartOfDay::Night => (20, 30),
            PartOfDay::Daytime => (7, 19),
        }
    }
}

/// The year part of a calendar value, at the precision the text gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum YearField {
    /// A year, astronomical numbering: 1 BCE is 0, 44 BCE is -43.
    Year(i32),
    /// A decade, by its first three digits: 199 is the 1990s. Negative numbers count decades
    /// before the common era the way TimeML writes them: -48 is `BC048`, the 480s BC (489 to
    /// 480 BC).
    Decade(i32),
    /// A century, by its first two digits: 19 is the 1900s (the 20th century). Negative
    /// numbers are centuries before the common era by their ordinal: -4 is the 4th century BC
    /// (400 to 301 BC), which TimeML writes `BC03`.
    Century(i32),
    /// Unknown: `XXXX`.
    Unknown,
}

/// The part of a calendar value below the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatePart {
    /// Only the year.
    None,
    /// A month, known or `XX`.
    Month(Option<u8>),
    /// A day of a month; either may be unknown.
    Day {
        /// Month 1–12 or unknown.
        month: Option<u8>,
        /// Day 1–31 or unknown.
        day: Option<u8>,
    },
    /// An ISO week, known or `WXX`.
    Week(Option<u8>),
    /// A day of an ISO week (1 = Monday).
    WeekDay {
        /// ISO week or unknown.
        week: Option<u8>,
        /// 1 = Monday … 7 = Sunday.
        weekday: u8,
    },
    /// The weekend of an ISO week: `1998-W10-WE`.
    Weekend(Option<u8>),
    /// A quarter, 1–4.
    Quarter(u8),
    /// A half year, 1–2.
    Half(u8),
    /// A season.
    Season(Season),
}

/// The time-of-day part of a calendar value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeOfDay {
    /// A clock time.
    Clock {
        /// 0–24.
        hour: u8,
        /// 0–59, `None` when only the hour is known.
        minute: Option<u8>,
        /// 0–59.
        second: Option<u8>,
    },
    /// A part of the day: morning, night…
    Part(PartOfDay),
}

/// A calendar value (DATE or TIME), possibly with unknown or reduced parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CalendarValue {
    /// The year, decade or century.
    pub year: YearField,
    /// Month, day, week, quarter, season… below the year.
    pub part: DatePart,
    /// Time of day, for TIME values.
    pub time: Option<TimeOfDay>,
}

/// The unit of a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DurationUnit {
    /// `CE`: centuries.
    Century,
    /// `DE`: decades.
    Decade,
    /// `Y`
    Year,
    /// `Q`: quarters.
    Quarter,
    /// `M`
    Month,
    /// `W`
    Week,
    /// `D`
    Day,
    /// `TH`
    Hour,
    /// `TM`
    Minute,
    /// `TS`
    Second,
}

impl DurationUnit {
    fn code(self) -> &'static str {
        match self {
            DurationUnit::Century => "CE",
            DurationUnit::Decade => "DE",
            DurationUnit::Year => "Y",
            DurationUnit::Quarter => "Q",
            DurationUnit::Month => "M",
            DurationUnit::Week => "W",
            DurationUnit::Day => "D",
            DurationUnit::Hour => "H",
            DurationUnit::Minute => "M",
            DurationUnit::Second => "S",
        }
    }

    fn is_clock(self) -> bool {
        matches!(
            self,
            DurationUnit::Hour | DurationUnit::Minute | DurationUnit::Second
        )
    }
}

/// A duration: one or more `(amount, unit)` components; an unknown amount is written `X`.
#[derive(Clone, Debug, PartialEq)]
pub struct DurationValue {
    /// Components, largest unit first: `P1Y6M` is `[(1, Year), (6, Month)]`.
    pub parts: Vec<(Amount, DurationUnit)>,
}

/// The amount of a duration component.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Amount {
    /// A known amount; fractions are allowed ("1.5 hours").
    Known(f64),
    /// `X`: "years", "several days".
    Unknown,
}

/// Deictic references without a calendar value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefPoint {
    /// `PRESENT_REF`: now, currently.
    Present,
    /// `PAST_REF`: recently, in the past.
    Past,
    /// `FUTURE_REF`: soon, in the future.
    Future,
}

/// A TIMEX3 value.
#[derive(Clone, Debug, PartialEq)]
pub enum TimexValue {
    /// A DATE or TIME value, possibly partial (`XXXX-03-03`).
    Calendar(CalendarValue),
    /// A duration (`P3Y`, `PT5H`, `PXD`).
    Duration(DurationValue),
    /// `PRESENT_REF`, `PAST_REF` or `FUTURE_REF`.
    Ref(RefPoint),
}

/// A half-open interval of civil date-times `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    /// First instant inside the interval.
    pub start: DateTime,
    /// First instant after the interval.
    pub end: DateTime,
}

impl Serialize for Interval {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Interval", 2)?;
        st.serialize_field("start", &format_datetime(self.start))?;
        st.serialize_field("end", &format_datetime(self.end))?;
        st.end()
    }
}

/// Splits a TIMEX3 value, as written, into its date and its time of day:
/// `1990-01-19T05:30` gives `("1990-01-19", "05:30")`, `1990-01-19TNI` gives
/// `("1990-01-19", "NI")`. Values with no time of day give `None`, including those with a
/// `T` of their own (`PRESENT_REF`, `PT5H`).
pub fn split_time_of_day(value: &str) -> Option<(&str, &str)> {
    let (date, time) = value.split_once('T')?;
    let date_like = !date.is_empty()
        && date
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'X' | b'-' | b'+' | b'B' | b'C'))
        && date.bytes().any(|b| b.is_ascii_digit() || b == b'X');
    (date_like && !time.is_empty()).then_some((date, time))
}

/// Formats a civil date-time compactly: the date alone at midnight, minutes otherwise.
/// Years before 1 CE or after 9999 use a sign and six digits, as ISO 8601 expanded years do.
pub fn format_datetime(dt: DateTime) -> String {
    let y = dt.year();
    let year = if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else if y < 0 {
        format!("-{:06}", -i32::from(y))
    } else {
        format!("+{y:06}")
    };
    let mut s = format!("{year}-{:02}-{:02}", dt.month(), dt.day());
    if dt.hour() != 0 || dt.minute() != 0 || dt.second() != 0 {
        s.push_str(&format!("T{:02}:{:02}", dt.hour(), dt.minute()));
        if dt.second() != 0 {
            s.push_str(&format!(":{:02}", dt.second()));
        }
    }
    s
}

impl fmt::Display for TimexValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimexValue::Calendar(c) => c.fmt(f),
            TimexValue::Duration(d) => d.fmt(f),
            TimexValue::Ref(RefPoint::Present) => f.write_str("PRESENT_REF"),
            TimexValue::Ref(RefPoint::Past) => f.write_str("PAST_REF"),
            TimexValue::Ref(RefPoint::Future) => f.write_str("FUTURE_REF"),
        }
    }
}

fn write_opt2(f: &mut fmt::Formatter<'_>, v: Option<u8>) -> fmt::Result {
    match v {
        Some(v) => write!(f, "{v:02}"),
        None => f.write_str("XX"),
    }
}

impl fmt::Display for CalendarValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            YearField::Year(y) if y <= 0 => write!(f, "BC{:04}", 1 - i64::from(y))?,
            YearField::Year(y) => write!(f, "{y:04}")?,
            YearField::Decade(d) if d < 0 => write!(f, "BC{:03}", -i64::from(d))?,
            YearField::Decade(d) => write!(f, "{d:03}")?,
            YearField::Century(c) if c < 0 => write!(f, "BC{:02}", -i64::from(c) - 1)?,
            YearField::Century(c) => write!(f, "{c:02}")?,
            YearField::Unknown => f.write_str("XXXX")?,
        }
        match self.part {
            DatePart::None => {}
            DatePart::Month(m) => {
                f.write_str("-")?;
                write_opt2(f, m)?;
            }
            DatePart::Day { month, day } => {
                f.write_str("-")?;
                write_opt2(f, month)?;
                f.write_str("-")?;
                write_opt2(f, day)?;
            }
            DatePart::Week(w) => {
                f.write_str("-W")?;
                write_opt2(f, w)?;
            }
            DatePart::WeekDay { week, weekday } => {
                f.write_str("-W")?;
                write_opt2(f, week)?;
                write!(f, "-{weekday}")?;
            }
            DatePart::Weekend(w) => {
                f.write_str("-W")?;
                write_opt2(f, w)?;
                f.write_str("-WE")?;
            }
            DatePart::Quarter(q) => write!(f, "-Q{q}")?,
            DatePart::Half(h) => write!(f, "-H{h}")?,
            DatePart::Season(s) => write!(f, "-{}", s.code())?,
        }
        match self.time {
            None => Ok(()),
            Some(TimeOfDay::Part(p)) => write!(f, "T{}", p.code()),
            Some(TimeOfDay::Clock {
                hour,
                minute,
                second,
            }) => {
                write!(f, "T{hour:02}")?;
                match (minute, second) {
                    (None, _) => f.write_str(":00"),
                    (Some(m), None) => write!(f, ":{m:02}"),
                    (Some(m), Some(s)) => write!(f, ":{m:02}:{s:02}"),
                }
            }
        }
    }
}

impl fmt::Display for DurationValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P")?;
        let mut in_time = false;
        for (amount, unit) in &self.parts {
            if unit.is_clock() && !in_time {
                f.write_str("T")?;
                in_time = true;
            }
            match amount {
                Amount::Unknown => f.write_str("X")?,
                Amount::Known(v) => write!(f, "{}", format_amount(*v))?,
            }
            f.write_str(unit.code())?;
        }
        Ok(())
    }
}

fn format_amount(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl Serialize for TimexValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// How precise a calendar value is: what a timeline should print it as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// `19`: a century.
    Century,
    /// `199`: a decade.
    Decade,
    /// `1990`.
    Year,
    /// `1990-H1`.
    Half,
    /// `1990-Q1`.
    Quarter,
    /// `1990-SU`.
    Season,
    /// `1990-01`.
    Month,
    /// `1990-W03`, `1990-W03-WE`.
    Week,
    /// `1990-01-20`.
    Day,
    /// `1990-01-20TNI`: a part of a day.
    PartOfDay,
    /// `1990-01-20T05`: an hour.
    Hour,
    /// `1990-01-20T05:30`.
    Minute,
    /// `1990-01-20T05:30:15`.
    Second,
}

impl Granularity {
    /// The lower-case name it serializes as (`year`, `partofday`, `minute`).
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Century => "century",
            Granularity::Decade => "decade",
            Granularity::Year => "year",
            Granularity::Half => "half",
            Granularity::Quarter => "quarter",
            Granularity::Season => "season",
            Granularity::Month => "month",
            Granularity::Week => "week",
            Granularity::Day => "day",
            Granularity::PartOfDay => "partofday",
            Granularity::Hour => "hour",
            Granularity::Minute => "minute",
            Granularity::Second => "second",
        }
    }
}

impl TimexValue {
    /// The granularity of a calendar value (`None` for durations and references).
    pub fn granularity(&self) -> Option<Granularity> {
        let TimexValue::Calendar(c) = self else {
            return None;
        };
        Some(match (c.time, c.part, c.year) {
            (Some(TimeOfDay::Part(_)), _, _) => Granularity::PartOfDay,
            (
                Some(TimeOfDay::Clock {
                    second: Some(_), ..
                }),
                _,
                _,
            ) => Granularity::Second,
            (
                Some(TimeOfDay::Clock {
                    minute: Some(_), ..
                }),
                _,
                _,
            ) => Granularity::Minute,
            (Some(TimeOfDay::Clock { .. }), _, _) => Granularity::Hour,
            (None, DatePart::Day { .. } | DatePart::WeekDay { .. }, _) => Granularity::Day,
            (None, DatePart::Week(_) | DatePart::Weekend(_), _) => Granularity::Week,
            (None, DatePart::Month(_), _) => Granularity::Month,
            (None, DatePart::Season(_), _) => Granularity::Season,
            (None, DatePart::Quarter(_), _) => Granularity::Quarter,
            (None, DatePart::Half(_), _) => Granularity::Half,
            (None, DatePart::None, YearField::Century(_)) => Granularity::Century,
            (None, DatePart::None, YearField::Decade(_)) => Granularity::Decade,
            (None, DatePart::None, _) => Granularity::Year,
        })
    }

    /// The concrete interval this value denotes, when it has one: a fully specified year,
    /// month, day, week, quarter, season, decade, century or clock time, or the month or year
    /// that holds an unknown day (`1944-06-XX`). `None` for durations, references and values
    /// with other unknown parts (`XXXX-03-03`).
    pub fn interval(&self) -> Option<Interval> {
        match self {
            TimexValue::Calendar(c) => c.interval(),
            _ => None,
        }
    }

    /// The part of this value's interval before `day`
    /// ([`Side::Before`](crate::frame::Side::Before): "earlier this year", written on `day`)
    /// or after it ([`Side::After`](crate::frame::Side::After): "later this month"); `None`
    /// when `day` leaves nothing of the period on that side.
    pub(crate) fn interval_beside(&self, day: Date, side: crate::frame::Side) -> Option<Interval> {
        let whole = self.interval()?;
        let cut = match side {
            crate::frame::Side::Before => midnight(day),
            crate::frame::Side::After => midnight(day.tomorrow().ok()?),
        };
        let iv = match side {
            crate::frame::Side::Before => Interval {
                start: whole.start,
                end: cut.min(whole.end),
            },
            crate::frame::Side::After => Interval {
                start: cut.max(whole.start),
                end: whole.end,
            },
        };
        (iv.start < iv.end).then_some(iv)
    }

    /// The interval of this value as `modifier` qualifies it: "early", "mid-" and "late"
    /// ([`Mod::Start`], [`Mod::Mid`], [`Mod::End`]) keep the first, middle or last third of
    /// the period, so that "late 1990" sorts after "mid-1990" and a search for September to
    /// December finds it while one for March does not. Other modifiers keep the whole
    /// period. The thirds are rounded to the nearest whole year for periods of five years or
    /// more (the late 1980s are 1987 to 1989), to the nearest month for periods of two months
    /// or more (early 1990 is January to April, late in the first quarter is March), and down
    /// to whole days for periods of three days or more (early March is the 1st to the 10th).
    pub fn interval_with(&self, modifier: Option<Mod>) -> Option<Interval> {
        let whole = self.interval()?;
        let third: i32 = match modifier {
            Some(Mod::Start) => 0,
            Some(Mod::Mid) => 1,
            Some(Mod::End) => 2,
            _ => return Some(whole),
        };
        let span = whole.start.duration_until(whole.end);
        let at = |k: i32| -> Option<DateTime> {
            if k == 3 {
                return Some(whole.end);
            }
            let t = whole
                .start
                .checked_add(span.checked_div(3)?.checked_mul(k)?)
                .ok()?;
            let days = span.as_secs() / 86_400;
            // The nearer of two boundaries, so that a quarter's thirds are its months.
            let nearer = |a: Date, b: Option<Date>| match b.map(midnight) {
                Some(b) if t.duration_until(b) < midnight(a).duration_until(t) => b,
                _ => midnight(a),
            };
            Some(if days >= 5 * 365 {
                let first = t.date().first_of_year();
                nearer(first, first.checked_add(jiff::Span::new().years(1)).ok())
            } else if days >= 60 {
                let first = t.date().first_of_month();
                nearer(first, first.checked_add(jiff::Span::new().months(1)).ok())
            } else if days >= 3 {
                midnight(t.date())
            } else {
                t
            })
        };
        match (at(third), at(third + 1)) {
            (Some(start), Some(end)) if start < end => Some(Interval { start, end }),
            _ => Some(whole),
        }
    }
}

fn date(y: i32, m: i8, d: i8) -> Option<Date> {
    let y = i16::try_from(y).ok()?;
    Date::new(y, m, d).ok()
}

fn midnight(d: Date) -> DateTime {
    d.to_datetime(jiff::civil::Time::midnight())
}

/// The interval of whole months `[first month, first month + count)` starting in `year`.
fn months_interval(year: i32, first: i8, count: i8) -> Option<Interval> {
    let start = date(year, first, 1)?;
    // The last months of 9999 CE end past jiff's range: close them at its last instant.
    let end = start
        .checked_add(jiff::Span::new().months(count))
        .map(midnight)
        .unwrap_or(DateTime::MAX);
    Some(Interval {
        start: midnight(start),
        end,
    })
}

/// The first (astronomical) year of a decade or century (see [`YearField`]). Before the common
/// era the years run backwards, as the names do: the 480s BC run from 489 BC (year -488) down
/// to 480 BC, the 4th century BC from 400 BC (year -399) down to 301 BC.
fn bce_span_start(n: i32, len: i32) -> Option<i32> {
    if n >= 0 {
        return n.checked_mul(len);
    }
    let first_bc = match len {
        100 => n.checked_neg()?.checked_mul(100)?,
        _ => n.checked_neg()?.checked_mul(len)?.checked_add(len - 1)?,
    };
    Some(1 - first_bc)
}

fn years_interval(first: i32, count: i32) -> Option<Interval> {
    let start = date(first, 1, 1)?;
    let end = first
        .checked_add(count)
        .and_then(|y| date(y, 1, 1))
        .map(midnight)
        .unwrap_or(DateTime::MAX);
    Some(Interval {
        start: midnight(start),
        end,
    })
}

impl CalendarValue {
    /// Whether the year lies in the range TIMEX3 can write and annalist supports, 9999 BCE
    /// (astronomical -9999, written `BC10000`) to 9999 CE; decades and centuries likewise.
    pub fn year_in_range(&self) -> bool {
        match self.year {
            YearField::Year(y) => (-9999..=9999).contains(&y),
            YearField::Decade(d) => (-999..=999).contains(&d),
            YearField::Century(c) => (-99..=99).contains(&c),
            YearField::Unknown => true,
        }
    }

    /// Hangs a time of day on a day, as TIMEX3 requires: a value that gives one with only a
    /// year or a month ("5 a.m. on the last day of December" when the year is unknown) gets an
    /// unknown day, `XXXX-12-XXT05:00`; one with a week, quarter or season keeps that and
    /// loses the time. Returns whether the time was dropped.
    pub fn hang_time_on_a_day(&mut self) -> bool {
        if self.time.is_none() {
            return false;
        }
        match self.part {
            DatePart::Day { .. } | DatePart::WeekDay { .. } => false,
            DatePart::Month(month) => {
                self.part = DatePart::Day { month, day: None };
                false
            }
            DatePart::None => {
                self.part = DatePart::Day {
                    month: None,
                    day: None,
                };
                false
            }
            DatePart::Week(_)
            | DatePart::Weekend(_)
            | DatePart::Quarter(_)
            | DatePart::Half(_)
            | DatePart::Season(_) => {
                self.time = None;
                true
            }
        }
    }

    /// A value with only the year known.
    pub fn year(y: i32) -> Self {
        CalendarValue {
            year: YearField::Year(y),
            part: DatePart::None,
            time: None,
        }
    }

    /// A fully specified day.
    pub fn day(d: Date) -> Self {
        CalendarValue {
            year: YearField::Year(i32::from(d.year())),
            part: DatePart::Day {
                month: Some(d.month() as u8),
                day: Some(d.day() as u8),
            },
            time: None,
        }
    }

    /// A day, at a time of day if there is one ("3 a.m. on Easter Sunday").
    pub(crate) fn day_at(d: Date, time: Option<TimeOfDay>) -> Self {
        CalendarValue {
            time,
            ..CalendarValue::day(d)
        }
    }

    /// The concrete date of a fully specified day value.
    pub fn to_date(&self) -> Option<Date> {
        match (self.year, self.part) {
            (
                YearField::Year(y),
                DatePart::Day {
                    month: Some(m),
                    day: Some(d),
                },
            ) => date(y, m as i8, d as i8),
            _ => None,
        }
    }

    /// See [`TimexValue::interval`].
    pub fn interval(&self) -> Option<Interval> {
        let y = match self.year {
            YearField::Year(y) => y,
            YearField::Decade(d) if self.part == DatePart::None => {
                return years_interval(bce_span_start(d, 10)?, 10);
            }
            YearField::Century(c) if self.part == DatePart::None => {
                return years_interval(bce_span_start(c, 100)?, 100);
            }
            _ => return None,
        };
        let days = match self.part {
            DatePart::None => {
                return if self.time.is_none() {
                    years_interval(y, 1)
                } else {
                    None
                };
            }
            // A day of a known month or year that the text leaves unknown ("the same day" in a
            // story at June 1944, `1944-06-XX`) lies somewhere in that month or year.
            DatePart::Month(Some(m)) => months_interval(y, m as i8, 1)?,
            DatePart::Day {
                month: Some(m),
                day: None,
            } if self.time.is_none() => months_interval(y, m as i8, 1)?,
            DatePart::Day {
                month: None,
                day: None,
            } if self.time.is_none() => return years_interval(y, 1),
            DatePart::Quarter(q) if (1..=4).contains(&q) => {
                months_interval(y, (q as i8 - 1) * 3 + 1, 3)?
            }
            DatePart::Half(h) if (1..=2).contains(&h) => {
                months_interval(y, (h as i8 - 1) * 6 + 1, 6)?
            }
            DatePart::Season(s) => {
                let (first, count) = s.months();
                // A winter is named by the year of its January: `1943-WI` runs from December
                // 1942.
                let from = if s == Season::Winter {
                    y.checked_sub(1)?
                } else {
                    y
                };
                months_interval(from, first, count)?
            }
            DatePart::Day {
                month: Some(m),
                day: Some(d),
            } => {
                let start = date(y, m as i8, d as i8)?;
                Interval {
                    start: midnight(start),
                    end: midnight(start.tomorrow().ok()?),
                }
            }
            DatePart::Week(Some(w)) | DatePart::Weekend(Some(w)) => {
                let y16 = i16::try_from(y).ok()?;
                let wd = jiff::civil::ISOWeekDate::new(y16, w as i8, jiff::civil::Weekday::Monday)
                    .ok()?;
                let monday = wd.date();
                let (skip, len) = if matches!(self.part, DatePart::Weekend(_)) {
                    (5, 2)
                } else {
                    (0, 7)
                };
                let start = monday.checked_add(jiff::Span::new().days(skip)).ok()?;
                let end = start.checked_add(jiff::Span::new().days(len)).ok()?;
                Interval {
                    start: midnight(start),
                    end: midnight(end),
                }
            }
            DatePart::WeekDay {
                week: Some(w),
                weekday,
            } => {
                let y16 = i16::try_from(y).ok()?;
                let wday = jiff::civil::Weekday::from_monday_one_offset(weekday as i8).ok()?;
                let d = jiff::civil::ISOWeekDate::new(y16, w as i8, wday)
                    .ok()?
                    .date();
                Interval {
                    start: midnight(d),
                    end: midnight(d.tomorrow().ok()?),
                }
            }
            _ => return None,
        };
        match self.time {
            None => Some(days),
            Some(TimeOfDay::Part(p)) => {
                let (from, to) = p.hours();
                let base = days.start;
                Some(Interval {
                    start: base.checked_add(jiff::Span::new().hours(from)).ok()?,
                    end: base.checked_add(jiff::Span::new().hours(to)).ok()?,
                })
            }
            Some(TimeOfDay::Clock {
                hour,
                minute,
                second,
            }) => {
                let base = days.start;
                let start = base
                    .checked_add(
                        jiff::Span::new()
                            .hours(i64::from(hour))
                            .minutes(i64::from(minute.unwrap_or(0)))
                            .seconds(i64::from(second.unwrap_or(0))),
                    )
                    .ok()?;
                let step = if second.is_some() {
                    jiff::Span::new().seconds(1)
                } else if minute.is_some() {
                    jiff::Span::new().minutes(1)
                } else {
                    jiff::Span::new().hours(1)
                };
                Some(Interval {
                    start,
                    end: start.checked_add(step).ok()?,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(year: YearField, part: DatePart, time: Option<TimeOfDay>) -> TimexValue {
        TimexValue::Calendar(CalendarValue { year, part, time })
    }

    #[test]
    fn only_dates_split_into_a_day_and_a_time() {
        assert_eq!(
            split_time_of_day("1990-01-19T05:30"),
            Some(("1990-01-19", "05:30"))
        );
        assert_eq!(
            split_time_of_day("XXXX-XX-XXTNI"),
            Some(("XXXX-XX-XX", "NI"))
        );
        for none in [
            "PRESENT_REF",
            "PAST_REF",
            "FUTURE_REF",
            "PT5H",
            "1990-W03",
            "T",
            "",
        ] {
            assert_eq!(split_time_of_day(none), None, "{none}");
        }
    }

    #[test]
    fn formats_reduced_granularity() {
        assert_eq!(
            cal(YearField::Year(1990), DatePart::None, None).to_string(),
            "1990"
        );
        assert_eq!(
            cal(YearField::Year(1990), DatePart::Month(Some(1)), None).to_string(),
            "1990-01"
        );
        assert_eq!(
            cal(YearField::Decade(199), DatePart::None, None).to_string(),
            "199"
        );
        assert_eq!(
            cal(YearField::Century(19), DatePart::None, None).to_string(),
            "19"
        );
        assert_eq!(
            cal(YearField::Year(1990), DatePart::Quarter(1), None).to_string(),
            "1990-Q1"
        );
        assert_eq!(
            cal(
                YearField::Year(1990),
                DatePart::Season(Season::Summer),
                None
            )
            .to_string(),
            "1990-SU"
        );
        assert_eq!(
            cal(YearField::Year(1990), DatePart::Week(Some(3)), None).to_string(),
            "1990-W03"
        );
        assert_eq!(
            cal(
                YearField::Unknown,
                DatePart::WeekDay {
                    week: None,
                    weekday: 1
                },
                None
            )
            .to_string(),
            "XXXX-WXX-1"
        );
        assert_eq!(
            cal(
                YearField::Unknown,
                DatePart::Day {
                    month: Some(12),
                    day: Some(25)
                },
                None
            )
            .to_string(),
            "XXXX-12-25"
        );
        assert_eq!(
            cal(
                YearField::Year(1990),
                DatePart::Day {
                    month: Some(1),
                    day: Some(20)
                },
                Some(TimeOfDay::Part(PartOfDay::Night))
            )
            .to_string(),
            "1990-01-20TNI"
        );
        assert_eq!(
            cal(
                YearField::Year(1990),
                DatePart::Day {
                    month: Some(1),
                    day: Some(20)
                },
                Some(TimeOfDay::Clock {
                    hour: 5,
                    minute: Some(30),
                    second: None
                })
            )
            .to_string(),
            "1990-01-20T05:30"
        );
        assert_eq!(
            cal(YearField::Year(-43), DatePart::None, None).to_string(),
            "BC0044"
        );
    }

    #[test]
    fn formats_durations() {
        let d = |parts: Vec<(Amount, DurationUnit)>| TimexValue::Duration(DurationValue { parts });
        assert_eq!(
            d(vec![(Amount::Known(36.0), DurationUnit::Year)]).to_string(),
            "P36Y"
        );
        assert_eq!(
            d(vec![(Amount::Known(5.0), DurationUnit::Hour)]).to_string(),
            "PT5H"
        );
        assert_eq!(
            d(vec![(Amount::Known(2.0), DurationUnit::Month)]).to_string(),
            "P2M"
        );
        assert_eq!(
            d(vec![(Amount::Known(2.0), DurationUnit::Minute)]).to_string(),
            "PT2M"
        );
        assert_eq!(
            d(vec![(Amount::Unknown, DurationUnit::Year)]).to_string(),
            "PXY"
        );
        assert_eq!(
            d(vec![(Amount::Known(1.5), DurationUnit::Hour)]).to_string(),
            "PT1.5H"
        );
        assert_eq!(
            d(vec![
                (Amount::Known(1.0), DurationUnit::Year),
                (Amount::Known(6.0), DurationUnit::Month)
            ])
            .to_string(),
            "P1Y6M"
        );
        assert_eq!(
            TimexValue::Ref(RefPoint::Present).to_string(),
            "PRESENT_REF"
        );
    }

    #[test]
    fn intervals_cover_the_named_period() {
        let span = |v: &TimexValue| {
            v.interval()
                .map(|iv| (format_datetime(iv.start), format_datetime(iv.end)))
        };
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        let month = cal(YearField::Year(1990), DatePart::Month(Some(1)), None);
        assert_eq!(span(&month), pair("1990-01-01", "1990-02-01"));

        let q4 = cal(YearField::Year(1989), DatePart::Quarter(4), None);
        assert_eq!(span(&q4), pair("1989-10-01", "1990-01-01"));

        let winter = cal(
            YearField::Year(1989),
            DatePart::Season(Season::Winter),
            None,
        );
        assert_eq!(span(&winter), pair("1988-12-01", "1989-03-01"));

        let decade = cal(YearField::Decade(199), DatePart::None, None);
        assert_eq!(span(&decade), pair("1990-01-01", "2000-01-01"));

        // ISO week 1 of 2009 starts on Monday 2008-12-29.
        let week = cal(YearField::Year(2009), DatePart::Week(Some(1)), None);
        assert_eq!(span(&week), pair("2008-12-29", "2009-01-05"));

        let clock = cal(
            YearField::Year(1988),
            DatePart::Day {
                month: Some(3),
                day: Some(3),
            },
            Some(TimeOfDay::Clock {
                hour: 4,
                minute: None,
                second: None,
            }),
        );
        assert_eq!(span(&clock), pair("1988-03-03T04:00", "1988-03-03T05:00"));
    }

    #[test]
    fn early_mid_and_late_keep_a_third_of_the_period() {
        let third = |v: TimexValue, m: Mod| {
            v.interval_with(Some(m))
                .map(|iv| (format_datetime(iv.start), format_datetime(iv.end)))
        };
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        let year = cal(YearField::Year(1990), DatePart::None, None);
        assert_eq!(
            third(year.clone(), Mod::Start),
            pair("1990-01-01", "1990-05-01")
        );
        assert_eq!(
            third(year.clone(), Mod::Mid),
            pair("1990-05-01", "1990-09-01")
        );
        assert_eq!(
            third(year.clone(), Mod::End),
            pair("1990-09-01", "1991-01-01")
        );
        // Whole years for a decade or a century, as "the late 1980s" is usually meant.
        let decade = cal(YearField::Decade(198), DatePart::None, None);
        assert_eq!(
            third(decade.clone(), Mod::Start),
            pair("1980-01-01", "1983-01-01")
        );
        assert_eq!(
            third(decade.clone(), Mod::Mid),
            pair("1983-01-01", "1987-01-01")
        );
        assert_eq!(third(decade, Mod::End), pair("1987-01-01", "1990-01-01"));
        let century = cal(YearField::Century(19), DatePart::None, None);
        assert_eq!(third(century, Mod::End), pair("1967-01-01", "2000-01-01"));
        // A quarter's thirds are its months, a month's are ten days or so.
        let q1 = cal(YearField::Year(1990), DatePart::Quarter(1), None);
        assert_eq!(
            third(q1.clone(), Mod::Start),
            pair("1990-01-01", "1990-02-01")
        );
        assert_eq!(third(q1, Mod::End), pair("1990-03-01", "1990-04-01"));
        let march = cal(YearField::Year(1990), DatePart::Month(Some(3)), None);
        assert_eq!(
            third(march.clone(), Mod::Start),
            pair("1990-03-01", "1990-03-11")
        );
        assert_eq!(third(march, Mod::End), pair("1990-03-21", "1990-04-01"));
        // Other modifiers name the whole period.
        assert_eq!(year.interval_with(Some(Mod::Approx)), year.interval());
        // Years before the common era divide as any other.
        let bc = cal(YearField::Year(-43), DatePart::None, None);
        assert_eq!(third(bc, Mod::End), pair("-000043-09-01", "-000042-01-01"));
    }

    #[test]
    fn granularity_names_are_what_serde_writes() -> Result<(), serde_json::Error> {
        use Granularity::*;
        for g in [
            Century, Decade, Year, Half, Quarter, Season, Month, Week, Day, PartOfDay, Hour,
            Minute, Second,
        ] {
            let json = serde_json::to_string(&g)?;
            assert_eq!(json, format!("\"{}\"", g.as_str()));
        }
        Ok(())
    }

    #[test]
    fn intervals_reach_ancient_years() {
        let bc44 = cal(YearField::Year(-43), DatePart::None, None).interval();
        assert_eq!(
            bc44.map(|iv| format_datetime(iv.start)).as_deref(),
            Some("-000043-01-01")
        );
        let y1453 = cal(YearField::Year(1453), DatePart::None, None).interval();
        assert!(matches!((bc44, y1453), (Some(a), Some(b)) if a.end < b.start));
        // Out of the representable range: no interval, no panic.
        assert_eq!(
            cal(YearField::Year(99_999), DatePart::None, None).interval(),
            None
        );
        let last = cal(YearField::Year(9999), DatePart::None, None).interval();
        assert_eq!(last.map(|iv| iv.end), Some(DateTime::MAX));
    }

    #[test]
    fn granularity_follows_the_written_precision() {
        assert_eq!(
            cal(YearField::Year(1990), DatePart::None, None).granularity(),
            Some(Granularity::Year)
        );
        assert_eq!(
            cal(YearField::Decade(199), DatePart::None, None).granularity(),
            Some(Granularity::Decade)
        );
        assert_eq!(
            cal(
                YearField::Year(1990),
                DatePart::Day {
                    month: Some(1),
                    day: Some(20)
                },
                Some(TimeOfDay::Clock {
                    hour: 5,
                    minute: Some(30),
                    second: None
                })
            )
            .granularity(),
            Some(Granularity::Minute)
        );
        assert!(Granularity::Year < Granularity::Day, "coarser sorts first");
        assert_eq!(TimexValue::Ref(RefPoint::Past).granularity(), None);
    }

    #[test]
    fn partial_values_have_no_interval() {
        let v = cal(
            YearField::Unknown,
            DatePart::Day {
                month: Some(12),
                day: Some(25),
            },
            None,
        );
        assert_eq!(v.interval(), None);
        let feb30 = cal(
            YearField::Year(1990),
            DatePart::Day {
                month: Some(2),
                day: Some(30),
            },
            None,
        );
        assert_eq!(feb30.interval(), None);
    }

    #[test]
    fn an_unknown_day_lies_in_its_month_or_year() {
        let span = |month| {
            cal(
                YearField::Year(1944),
                DatePart::Day { month, day: None },
                None,
            )
            .interval()
            .map(|iv| (iv.start.date().to_string(), iv.end.date().to_string()))
        };
        assert_eq!(
            span(Some(6)),
            Some(("1944-06-01".into(), "1944-07-01".into()))
        );
        assert_eq!(span(None), Some(("1944-01-01".into(), "1945-01-01".into())));
        assert_eq!(
            cal(
                YearField::Year(1944),
                DatePart::Day {
                    month: Some(6),
                    day: None
                },
                None
            )
            .to_string(),
            "1944-06-XX"
        );
    }
}
