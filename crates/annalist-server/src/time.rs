//! Dates at the edge of the API: query parameters in, drawable numbers out.
//!
//! A query date is a period, not an instant: `from=1990` starts at the beginning of 1990 and
//! `to=1990` ends at the end of it, so "from 1988 to 1990" includes all of 1990. Years
//! before 1 CE are written as ISO 8601 expanded years (`-0043` is 44 BCE) or with a `BCE`
//! suffix (`44 BCE`). The page draws times as seconds since 1970, computed here with plain
//! integer arithmetic so any year jiff can hold converts without a time zone database.

use jiff::civil::{Date, DateTime, Time};

/// Seconds from 1970-01-01T00:00 to `dt`, reading civil time as UTC.
pub fn epoch_seconds(dt: DateTime) -> i64 {
    let days = days_from_civil(
        i64::from(dt.year()),
        i64::from(dt.month()),
        i64::from(dt.day()),
    );
    days * 86_400
        + i64::from(dt.hour()) * 3600
        + i64::from(dt.minute()) * 60
        + i64::from(dt.second())
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A date parameter that could not be read, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateParamError(String);

/// Reads a date parameter as the period `[start, end)` it names.
///
/// Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]`, a sign before the
/// year for ISO 8601 expanded years (`-0043`), or a year followed by `BCE`/`BC`.
pub fn parse_date_param(raw: &str) -> Result<(DateTime, DateTime), DateParamError> {
    let bad = |why: &str| DateParamError(format!("date {raw:?} {why}"));
    let s = raw.trim();
    if s.is_empty() {
        return Err(bad("is empty"));
    }
    let upper = s.to_ascii_uppercase();
    if let Some(year) = upper
        .strip_suffix("BCE")
        .or_else(|| upper.strip_suffix("BC"))
    {
        let year: i32 = year
            .trim()
            .parse()
            .map_err(|_| bad("is not a year before the common era (e.g. 44 BCE)"))?;
        if !(1..=9999).contains(&year) {
            return Err(bad("must be between 1 and 9999 BCE"));
        }
        // 1 BCE is astronomical year 0.
        return year_period(1 - year).ok_or_else(|| bad("is out of range"));
    }
    let (negative, body) = match s.as_bytes()[0] {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (date_part, time_part) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let mut fields = date_part.split('-');
    let year_text = fields.next().unwrap_or("");
    if year_text.is_empty() || year_text.len() > 6 || !year_text.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad(
            "must look like YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM",
        ));
    }
    let year: i32 = year_text.parse().map_err(|_| bad("has a bad year"))?;
    let year = if negative { -year } else { year };
    if !(-9999..=9999).contains(&year) {
        return Err(bad("has a year outside -9999..9999"));
    }
    let number = |t: Option<&str>, what: &str| -> Result<Option<i8>, DateParamError> {
        match t {
            None => Ok(None),
            Some(t) if t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()) => {
                t.parse().map(Some).map_err(|_| bad(what))
            }
            Some(_) => Err(bad(what)),
        }
    };
    let month = number(fields.next(), "has a bad month (use two digits)")?;
    let day = number(fields.next(), "has a bad day (use two digits)")?;
    if fields.next().is_some() {
        return Err(bad("has too many parts"));
    }
    let Some(month) = month else {
        if time_part.is_some() {
            return Err(bad("gives a time without a day"));
        }
        return year_period(year).ok_or_else(|| bad("is out of range"));
    };
    let Some(day) = day else {
        if time_part.is_some() {
            return Err(bad("gives a time without a day"));
        }
        let start = Date::new(year as i16, month, 1).map_err(|_| bad("is not a valid month"))?;
        let end = start
            .checked_add(jiff::Span::new().months(1))
            .unwrap_or(Date::MAX);
        return Ok((
            start.to_datetime(Time::midnight()),
            end.to_datetime(Time::midnight()),
        ));
    };
    let date = Date::new(year as i16, month, day).map_err(|_| bad("is not a valid date"))?;
    let Some(time) = time_part else {
        let end = date.tomorrow().unwrap_or(Date::MAX);
        return Ok((
            date.to_datetime(Time::midnight()),
            end.to_datetime(Time::midnight()),
        ));
    };
    let mut hms = time.split(':');
    let hour = number(hms.next(), "has a bad hour")?.ok_or_else(|| bad("has a bad hour"))?;
    let minute = number(hms.next(), "has a bad minute")?.unwrap_or(0);
    let second = number(hms.next(), "has a bad second")?;
    if hms.next().is_some() {
        return Err(bad("has a bad time"));
    }
    let t = Time::new(hour, minute, second.unwrap_or(0), 0).map_err(|_| bad("has a bad time"))?;
    let start = date.to_datetime(t);
    let step = if second.is_some() {
        jiff::Span::new().seconds(1)
    } else {
        jiff::Span::new().minutes(1)
    };
    let end = start.checked_add(step).unwrap_or(DateTime::MAX);
    Ok((start, end))
}

fn year_period(year: i32) -> Option<(DateTime, DateTime)> {
    let y = i16::try_from(year).ok()?;
    let start = Date::new(y, 1, 1).ok()?.to_datetime(Time::midnight());
    let end = match Date::new(y.checked_add(1)?, 1, 1) {
        Ok(d) => d.to_datetime(Time::midnight()),
        Err(_) => DateTime::MAX,
    };
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn epoch_seconds_match_known_instants() {
        assert_eq!(epoch_seconds(date(1970, 1, 1).at(0, 0, 0, 0)), 0);
        // 2000-03-01 is 11,017 days after the epoch.
        assert_eq!(
            epoch_seconds(date(2000, 3, 1).at(0, 0, 0, 0)),
            11_017 * 86_400
        );
        assert_eq!(epoch_seconds(date(1969, 12, 31).at(23, 0, 0, 0)), -3600);
        // Year 0 (1 BCE) is a leap year: 1 March follows 29 February.
        let feb29 = epoch_seconds(date(0, 2, 29).at(0, 0, 0, 0));
        assert_eq!(epoch_seconds(date(0, 3, 1).at(0, 0, 0, 0)) - feb29, 86_400);
    }

    #[test]
    fn dates_name_whole_periods() -> Result<(), DateParamError> {
        let (s, e) = parse_date_param("1990")?;
        assert_eq!(
            (s, e),
            (
                date(1990, 1, 1).at(0, 0, 0, 0),
                date(1991, 1, 1).at(0, 0, 0, 0)
            )
        );
        let (s, e) = parse_date_param("1990-02")?;
        assert_eq!(
            (s, e),
            (
                date(1990, 2, 1).at(0, 0, 0, 0),
                date(1990, 3, 1).at(0, 0, 0, 0)
            )
        );
        let (s, e) = parse_date_param("1990-01-19T23:30")?;
        assert_eq!(
            (s, e),
            (
                date(1990, 1, 19).at(23, 30, 0, 0),
                date(1990, 1, 19).at(23, 31, 0, 0)
            )
        );
        let (s, _) = parse_date_param("44 BCE")?;
        assert_eq!(s, date(-43, 1, 1).at(0, 0, 0, 0));
        assert_eq!(parse_date_param("-0043")?.0, s);
        Ok(())
    }

    proptest::proptest! {
        /// Query parameters are untrusted: any text gives a period or a reason, never a panic,
        /// and a period always starts before it ends.
        #[test]
        fn any_text_parses_or_says_why(raw in "\\PC{0,24}|[-+]?[0-9]{1,7}(-[0-9]{1,3}){0,2}(T[0-9:]{0,8})?( ?BC| ?BCE)?") {
            if let Ok((start, end)) = parse_date_param(&raw) {
                proptest::prop_assert!(start < end, "{raw:?}: {start} .. {end}");
            }
        }
    }

    #[test]
    fn bad_dates_say_what_is_wrong() {
        for (raw, why) in [
            ("", "empty"),
            ("yesterday", "must look like"),
            ("1990-13", "not a valid month"),
            ("1990-02-30", "not a valid date"),
            ("1990-2-3", "two digits"),
            ("1990T10:00", "time without a day"),
            ("1990-01-01T25:00", "bad time"),
            ("0 BCE", "between 1 and 9999"),
            ("123456", "outside"),
        ] {
            let err = parse_date_param(raw).unwrap_err().to_string();
            assert!(err.contains(why), "{raw:?}: {err}");
        }
    }
}
