//! Civil date-times as sortable integers, and the dates users type on the command line.
//!
//! The store keeps every interval as seconds since 1970-01-01T00:00, civil time read as UTC
//! (news is dated in its own zone; the archive compares calendar dates, not instants). The
//! conversion is plain arithmetic on the proleptic Gregorian calendar (Howard Hinnant's
//! `days_from_civil`), so it is exact for any year jiff can hold, 9999 BCE included, and the
//! integers sort and overlap exactly as the dates do.

use jiff::civil::{Date, DateTime};

use crate::StoreError;

/// Days from 1970-01-01 to the given proleptic Gregorian date (negative before).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`]: `(year, month, day)`.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Seconds since 1970-01-01T00:00 of a civil date-time.
pub fn seconds(dt: DateTime) -> i64 {
    days_from_civil(
        i64::from(dt.year()),
        i64::from(dt.month()),
        i64::from(dt.day()),
    ) * 86_400
        + i64::from(dt.hour()) * 3600
        + i64::from(dt.minute()) * 60
        + i64::from(dt.second())
}

/// ISO 8601 text of a second count: `1990-01-19`, `1990-01-19T05:30`, `-000043-03-15`.
pub fn format_seconds(s: i64) -> String {
    let (y, m, d) = civil_from_days(s.div_euclid(86_400));
    let rest = s.rem_euclid(86_400);
    let year = if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else if y < 0 {
        format!("-{:06}", -y)
    } else {
        format!("+{y:06}")
    };
    let mut out = format!("{year}-{m:02}-{d:02}");
    if rest != 0 {
        out.push_str(&format!("T{:02}:{:02}", rest / 3600, rest / 60 % 60));
        if rest % 60 != 0 {
            out.push_str(&format!(":{:02}", rest % 60));
        }
    }
    out
}

/// `(year, month, day)` of the day a second count falls on.
pub fn date_of(s: i64) -> (i64, i64, i64) {
    civil_from_days(s.div_euclid(86_400))
}

/// A period typed by a user: `1988`, `1988-03`, `1988-03-03`, `1988-03-03T14:00`, with an
/// optional sign for years before the common era (`-0043-03-15` is 44 BCE, astronomical
/// numbering). Returns its `[start, end)` in seconds: `--from` takes the start, `--to` the
/// end, so `--from 1988-03 --to 1988-03` is the whole of March.
pub fn parse_period(text: &str) -> Result<(i64, i64), StoreError> {
    let bad = || {
        StoreError::BadQuery(format!(
            "cannot read {text:?} as a date: expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ))
    };
    let t = text.trim();
    let (sign, rest) = match t.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, t.strip_prefix('+').unwrap_or(t)),
    };
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, tm)) => (d, Some(tm)),
        None => (rest, None),
    };
    let mut fields = date_part.split('-');
    let year_text = fields.next().ok_or_else(bad)?;
    if year_text.is_empty() || year_text.len() > 6 || !year_text.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let year: i64 = sign * year_text.parse::<i64>().map_err(|_| bad())?;
    if !(-9999..=9999).contains(&year) {
        return Err(bad());
    }
    let number = |s: Option<&str>| -> Result<Option<i64>, StoreError> {
        match s {
            None => Ok(None),
            Some(s) if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(Some(s.parse().map_err(|_| bad())?))
            }
            Some(_) => Err(bad()),
        }
    };
    let month = number(fields.next())?;
    let day = number(fields.next())?;
    if fields.next().is_some() {
        return Err(bad());
    }
    let y16 = i16::try_from(year).map_err(|_| bad())?;
    match (month, day) {
        (None, None) => {
            if time_part.is_some() {
                return Err(bad());
            }
            Ok((
                days_from_civil(year, 1, 1) * 86_400,
                days_from_civil(year + 1, 1, 1) * 86_400,
            ))
        }
        (Some(m), None) => {
            if !(1..=12).contains(&m) || time_part.is_some() {
                return Err(bad());
            }
            let (ny, nm) = if m == 12 {
                (year + 1, 1)
            } else {
                (year, m + 1)
            };
            Ok((
                days_from_civil(year, m, 1) * 86_400,
                days_from_civil(ny, nm, 1) * 86_400,
            ))
        }
        (Some(m), Some(d)) => {
            // jiff checks the day exists (no 30 February).
            Date::new(y16, m as i8, d as i8).map_err(|_| bad())?;
            let day_start = days_from_civil(year, m, d) * 86_400;
            match time_part {
                None => Ok((day_start, day_start + 86_400)),
                Some(tm) => {
                    let (h, mi) = tm.split_once(':').ok_or_else(bad)?;
                    let h = number(Some(h))?.ok_or_else(bad)?;
                    let mi = number(Some(mi))?.ok_or_else(bad)?;
                    if h > 23 || mi > 59 {
                        return Err(bad());
                    }
                    let s = day_start + h * 3600 + mi * 60;
                    Ok((s, s + 60))
                }
            }
        }
        (None, Some(_)) => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_days() -> Result<(), jiff::Error> {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        // 1 March 1 BCE (year 0) is 366 days after 1 March 1 BCE... checked against jiff:
        let jiff_days = |y: i16, m: i8, d: i8| -> Result<i64, jiff::Error> {
            Ok(i64::from(
                Date::new(y, m, d)?
                    .since(Date::new(1970, 1, 1)?)?
                    .get_days(),
            ))
        };
        for (y, m, d) in [
            (-9999, 1, 1),
            (-44, 3, 15),
            (0, 2, 29),
            (1600, 12, 31),
            (9999, 12, 31),
        ] {
            assert_eq!(
                days_from_civil(y, m, d),
                jiff_days(y as i16, m as i8, d as i8)?,
                "{y}-{m}-{d}"
            );
            assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
        }
        Ok(())
    }

    #[test]
    fn formats_like_timex_values() {
        assert_eq!(format_seconds(0), "1970-01-01");
        assert_eq!(
            format_seconds(days_from_civil(-43, 3, 15) * 86_400),
            "-000043-03-15"
        );
        assert_eq!(
            format_seconds(86_400 + 5 * 3600 + 30 * 60),
            "1970-01-02T05:30"
        );
    }

    #[test]
    fn periods_cover_what_they_name() -> Result<(), StoreError> {
        let (s, e) = parse_period("1988-03")?;
        assert_eq!(format_seconds(s), "1988-03-01");
        assert_eq!(format_seconds(e), "1988-04-01");
        let (s, e) = parse_period("1988")?;
        assert_eq!(
            (format_seconds(s).as_str(), format_seconds(e).as_str()),
            ("1988-01-01", "1989-01-01")
        );
        let (s, e) = parse_period("1988-12-31")?;
        assert_eq!(format_seconds(e - s + s), "1989-01-01");
        assert_eq!(
            format_seconds(parse_period("-0043-03-15")?.0),
            "-000043-03-15"
        );
        for bad in [
            "",
            "88-3",
            "1988-13",
            "1988-02-30",
            "abc",
            "1988-03-03T25:00",
            "1988--03",
            "99999",
        ] {
            assert!(parse_period(bad).is_err(), "{bad}");
        }
        Ok(())
    }
}
