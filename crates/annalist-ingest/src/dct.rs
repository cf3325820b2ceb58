//! The document creation time (DCT) and the lenient date parser every reader shares.
//!
//! News sites write publication dates in dozens of ways: RFC 3339 in a meta tag,
//! RFC 2822 in a mail header, "Monday 3 March 2025" in a byline, `03.03.2025, 12:20`
//! in a dateline. Rather than one format string per site, this module tokenizes the
//! value and looks for the *parts* (a date, then a time, then an offset or zone), so a
//! single parser serves the header, dateline, HTML and JSON readers alike.
//!
//! It must never guess silently: a value that clearly tries to be a date but is not
//! one (`2026-13-45`) is an error, not "no date", so a lying header is reported.
//! A date without a year is returned as partial and resolved (or not) by the caller.

use crate::locale::NumericDateOrder;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A document creation time: a civil date with an optional time of day and UTC offset.
///
/// Many sources give only a date, or a local time without a zone; the missing parts
/// stay missing rather than being filled with midnight or UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dct {
    /// The calendar date of publication.
    pub date: Date,
    /// The local time of day, when the source gives one.
    pub time: Option<Time>,
    /// The UTC offset of `time`, when the source gives one (or a zone that implies it).
    pub offset: Option<Offset>,
    /// The zone name as written when one was given (`"EST"`, `"Europe/Moscow"`, `"UTC"`).
    pub zone: Option<String>,
}

impl Dct {
    /// A date-only DCT.
    pub fn from_date(date: Date) -> Self {
        Dct {
            date,
            time: None,
            offset: None,
            zone: None,
        }
    }

    /// RFC 3339 form (`2025-03-14T09:05:00+04:00`), available only when time and offset are known.
    pub fn to_rfc3339(&self) -> Option<String> {
        let time = self.time?;
        let offset = self.offset?;
        Some(format!(
            "{}T{}{}",
            self.date,
            fmt_time(time),
            fmt_offset(offset)
        ))
    }

    /// The plain calendar date, `2025-03-14`.
    pub fn to_date_string(&self) -> String {
        self.date.to_string()
    }

    /// The most precise ISO 8601 form available: RFC 3339, a local date-time, or a date.
    pub fn to_iso_string(&self) -> String {
        match (self.time, self.offset) {
            (Some(t), Some(o)) => format!("{}T{}{}", self.date, fmt_time(t), fmt_offset(o)),
            (Some(t), None) => format!("{}T{}", self.date, fmt_time(t)),
            _ => self.date.to_string(),
        }
    }

    /// The civil date-time (midnight when no time is known).
    pub fn datetime(&self) -> DateTime {
        self.date.to_datetime(self.time.unwrap_or(Time::midnight()))
    }
}

fn fmt_time(t: Time) -> String {
    format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
}

fn fmt_offset(o: Offset) -> String {
    let secs = o.seconds();
    if secs == 0 {
        return "Z".to_string();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)
}

impl fmt::Display for Dct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso_string())
    }
}

impl Serialize for Dct {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso_string())
    }
}

impl<'de> Deserialize<'de> for Dct {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl FromStr for Dct {
    type Err = DateError;

    /// Parses a DCT given by the user (`--dct`): any form [`parse_dct`] accepts, with a year.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match scan(s)? {
            Some(found) => found.into_dct().ok_or_else(|| DateError {
                value: s.to_string(),
                reason: "the date has no year".to_string(),
            }),
            None => Err(DateError {
                value: s.to_string(),
                reason: "no date found".to_string(),
            }),
        }
    }
}

/// A value that looks like a date but is not a valid one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {value:?}: {reason}")]
pub struct DateError {
    /// The value as written (possibly truncated).
    pub value: String,
    /// Why it was rejected, e.g. "month 13 out of range".
    pub reason: String,
}

/// Parses a publication date written in any common form.
///
/// Returns `Ok(None)` when the value holds no date at all, or only a date without a year,
/// and `Err` when it holds something date-shaped that is not a real date.
///
/// ```
/// use annalist_ingest::parse_dct;
/// let d = parse_dct("date 2025-03-14 14 March 2025 09:05 (UTC+04:00)")?.ok_or("no date")?;
/// assert_eq!(d.to_rfc3339().ok_or("no offset")?, "2025-03-14T09:05:00+04:00");
/// assert!(parse_dct("date 2026-13-45").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_dct(s: &str) -> Result<Option<Dct>, DateError> {
    Ok(parse_dct_reading(s)?.map(|(dct, _)| dct))
}

/// [`parse_dct`], with how a numeric date in `s` was read.
pub(crate) fn parse_dct_reading(
    s: &str,
) -> Result<Option<(Dct, Option<NumericReading>)>, DateError> {
    Ok(scan(s)?.and_then(|found| {
        let numeric = found.numeric;
        Some((found.into_dct()?, numeric))
    }))
}

/// What [`scan`] found: date parts (year possibly missing), time and offset, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub year: Option<i16>,
    pub month: i8,
    pub day: i8,
    pub time: Option<Time>,
    pub offset: Option<Offset>,
    pub zone: Option<String>,
    /// Byte offset in the input where the date starts.
    pub start: usize,
    /// Byte offset just past the last token used (date, time or zone).
    pub end: usize,
    /// How the date was written, when in digits with the year last ("06/12/2026").
    pub numeric: Option<NumericReading>,
}

/// How a numeric date with the year last was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumericReading {
    /// Both readings are dates ("06/12/2026"); it was read day first.
    Ambiguous,
    /// Only one reading is a date ("25/11/2026", "11/25/2026"), or the form says which
    /// ("06.12.2026": dotted dates are day first).
    Only(NumericDateOrder),
}

impl Found {
    /// The full DCT, or `None` when the year is missing (the date is then partial).
    pub fn into_dct(self) -> Option<Dct> {
        let date = Date::new(self.year?, self.month, self.day).ok()?;
        Some(Dct {
            date,
            time: self.time,
            offset: self.offset,
            zone: self.zone,
        })
    }

    /// Resolves a year-less date against a context date: the year that puts it nearest.
    pub fn resolve_year(&self, context: Date) -> Option<Dct> {
        let mut best: Option<(i64, Date)> = None;
        for y in [context.year() - 1, context.year(), context.year() + 1] {
            let Ok(d) = Date::new(y, self.month, self.day) else {
                continue;
            };
            let dist = (d.since(context).ok()?.get_days() as i64).abs();
            if best.is_none_or(|(b, _)| dist < b) {
                best = Some((dist, d));
            }
        }
        let (_, date) = best?;
        Some(Dct {
            date,
            time: self.time,
            offset: self.offset,
            zone: self.zone.clone(),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Kind<'a> {
    /// Digits: value (saturated) and digit count.
    Num(u32, usize),
    /// Letters, lowercased lazily by the matcher.
    Word(&'a str),
    Sym(char),
}

#[derive(Debug, Clone)]
struct Tok<'a> {
    kind: Kind<'a>,
    start: usize,
    end: usize,
    space_before: bool,
}

/// Longest input the parser looks at: dates sit at the start of a value, and a cap keeps
/// the cost of scanning a hostile megabyte-long "date" field constant.
const MAX_SCAN_BYTES: usize = 256;

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut chars = s.char_indices().peekable();
    let mut space = false;
    while let Some((i, c)) = chars.next() {
        if i >= MAX_SCAN_BYTES {
            break;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let mut end = i + c.len_utf8();
        let kind = if c.is_ascii_digit() {
            let mut v: u32 = c as u32 - '0' as u32;
            let mut n = 1;
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                v = v.saturating_mul(10).saturating_add(d as u32 - '0' as u32);
                n += 1;
                end = j + 1;
                chars.next();
            }
            Kind::Num(v, n)
        } else if c.is_alphabetic() {
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            Kind::Word(&s[i..end])
        } else {
            Kind::Sym(c)
        };
        toks.push(Tok {
            kind,
            start: i,
            end,
            space_before: space,
        });
        space = false;
    }
    toks
}

fn num(t: Option<&Tok<'_>>) -> Option<(u32, usize)> {
    match t?.kind {
        Kind::Num(v, n) => Some((v, n)),
        _ => None,
    }
}

fn sym(t: Option<&Tok<'_>>) -> Option<char> {
    match t?.kind {
        Kind::Sym(c) => Some(c),
        _ => None,
    }
}

fn word_lc(t: Option<&Tok<'_>>) -> Option<String> {
    match t?.kind {
        Kind::Word(w) => Some(w.to_lowercase()),
        _ => None,
    }
}

/// Month number for a month name or abbreviation in English, Russian, Turkish or Azerbaijani.
pub(crate) fn month_number(word_lower: &str) -> Option<i8> {
    english_month(word_lower).or_else(|| other_month(word_lower))
}

/// Month number for an English month name or abbreviation ("March", "Mar", "Sept").
pub(crate) fn english_month(word_lower: &str) -> Option<i8> {
    const EN: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (i, m) in EN.iter().enumerate() {
        if word_lower == *m
            || (word_lower.len() >= 3 && word_lower.len() <= 4 && m.starts_with(word_lower))
        {
            // "sept" is the only 4-letter abbreviation; "marc" or "augu" are not months.
            if word_lower.len() == 4 && word_lower != "sept" && word_lower != *m {
                continue;
            }
            return Some(i as i8 + 1);
        }
    }
    None
}

/// Whether a lowercase word is an English weekday or its abbreviation ("monday", "tues",
/// "thu").
pub(crate) fn english_weekday(word_lower: &str) -> bool {
    const EN: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    EN.iter().any(|d| {
        word_lower == *d
            || (word_lower.len() >= 3 && word_lower.len() <= 5 && d.starts_with(word_lower))
    })
}

/// Month number for a Russian, Turkish or Azerbaijani month name, in the case forms dates
/// give it ("января", "Mart", "fevralın").
pub(crate) fn other_month(word_lower: &str) -> Option<i8> {
    const RU: [&str; 12] = [
        "январ",
        "феврал",
        "март",
        "апрел",
        "ма",
        "июн",
        "июл",
        "август",
        "сентябр",
        "октябр",
        "ноябр",
        "декабр",
    ];
    for (i, stem) in RU.iter().enumerate() {
        let ok = if i == 4 {
            matches!(word_lower, "мая" | "май")
        } else {
            word_lower.starts_with(stem) && word_lower.chars().count() <= stem.chars().count() + 2
        };
        if ok {
            return Some(i as i8 + 1);
        }
    }
    const TR: [&str; 12] = [
        "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
        "kasım", "aralık",
    ];
    if let Some(i) = TR.iter().position(|m| *m == word_lower) {
        return Some(i as i8 + 1);
    }
    // Azerbaijani, with the case endings a dateline gives them ("20 yanvar", "yanvarın 20-si",
    // "20 yanvarda").
    const AZ: [&str; 12] = [
        "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr",
        "oktyabr", "noyabr", "dekabr",
    ];
    // The endings follow the stem's last vowel, and are listed so that English "mayor" or
    // "Martin" stay words.
    const BACK: [&str; 6] = ["", "ın", "ı", "da", "ında", "dan"];
    const FRONT: [&str; 6] = ["", "in", "i", "də", "ində", "dən"];
    const ROUNDED: [&str; 6] = ["", "un", "u", "da", "unda", "dan"];
    AZ.iter()
        .position(|stem| {
            let endings = match *stem {
                "aprel" => &FRONT,
                "iyun" | "iyul" | "avqust" => &ROUNDED,
                _ => &BACK,
            };
            word_lower
                .strip_prefix(stem)
                .is_some_and(|ending| endings.contains(&ending))
        })
        .map(|i| i as i8 + 1)
}

/// Fixed offsets of zone abbreviations common in English-language news.
fn zone_abbreviation(word_lower: &str) -> Option<i32> {
    Some(
        match word_lower {
            "utc" | "gmt" | "z" => 0,
            "est" => -5,
            "edt" => -4,
            "cst" => -6,
            "cdt" => -5,
            "mst" => -7,
            "mdt" => -6,
            "pst" => -8,
            "pdt" => -7,
            "bst" | "cet" | "wat" => 1,
            "cest" | "eet" | "sast" | "cat" => 2,
            "eest" | "msk" | "trt" | "ast" | "eat" => 3,
            "get" | "azt" | "amt" | "gst" => 4,
            "pkt" => 5,
            "jst" | "kst" => 9,
            _ => return None,
        } * 3600,
    )
}

fn invalid(s: &str, reason: impl Into<String>) -> DateError {
    let value: String = s.chars().take(80).collect();
    DateError {
        value,
        reason: reason.into(),
    }
}

fn check_ymd(s: &str, y: u32, m: u32, d: u32) -> Result<(), DateError> {
    if !(1900..=2200).contains(&y) {
        return Err(invalid(s, format!("year {y} out of range")));
    }
    if !(1..=12).contains(&m) {
        return Err(invalid(s, format!("month {m} out of range")));
    }
    if Date::new(y as i16, m as i8, d as i8).is_err() || d == 0 || d > 31 {
        return Err(invalid(s, format!("day {d} does not exist in {y}-{m:02}")));
    }
    Ok(())
}

/// Finds the first date in `s` (with time and offset when they follow it).
pub(crate) fn scan(s: &str) -> Result<Option<Found>, DateError> {
    let toks = tokenize(s);
    let Some((year, month, day, start, mut i, numeric)) = find_date(s, &toks)? else {
        return Ok(None);
    };
    let mut end = toks[i - 1].end;
    let mut found = Found {
        year,
        month,
        day,
        time: None,
        offset: None,
        zone: None,
        start,
        end,
        numeric,
    };
    // A time may follow after a few tokens (a weekday, "at", a repeated human date).
    let mut j = i;
    let limit = (i + 12).min(toks.len());
    while j < limit {
        if let Some((t, next)) = time_at(s, &toks, j)? {
            found.time = Some(t);
            i = next;
            end = toks[next - 1].end;
            if let Some((offset, zone, next)) = offset_at(s, &toks, i)? {
                found.offset = Some(offset);
                found.zone = zone;
                end = toks[next - 1].end;
            }
            break;
        }
        j += 1;
    }
    found.end = end;
    // Resolve a named IANA zone when no numeric offset was written: [Europe/Moscow].
    if found.offset.is_none()
        && let (Some(t), Some(zone)) = (found.time, iana_zone_after(s, end))
        && let Some(y) = found.year
        && let Ok(date) = Date::new(y, found.month, found.day)
        && let Ok(tz) = TimeZone::get(&zone)
        && let Ok(zdt) = date.to_datetime(t).to_zoned_datetime(tz)
    {
        found.offset = Some(zdt.offset());
        found.zone = Some(zone);
    }
    Ok(Some(found))
}

fn iana_zone_after(s: &str, end: usize) -> Option<String> {
    let rest = s.get(end..)?.trim_start();
    let rest = rest.strip_prefix('[').unwrap_or(rest);
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-'))
        .collect();
    (name.contains('/') && name.len() < 40).then_some(name)
}

/// Year, month, day, byte start, next token, and how a numeric date was read.
type DateHit = (Option<i16>, i8, i8, usize, usize, Option<NumericReading>);

/// A hit for a full date that [`check_ymd`] accepted, so every part fits its type.
fn checked_hit(
    y: u32,
    m: u32,
    d: u32,
    start: usize,
    next: usize,
    numeric: Option<NumericReading>,
) -> DateHit {
    (Some(y as i16), m as i8, d as i8, start, next, numeric)
}

fn find_date(s: &str, t: &[Tok<'_>]) -> Result<Option<DateHit>, DateError> {
    for i in 0..t.len() {
        // ISO 8601: 2025-03-14 or 2025/03/14.
        if let Some((y, 4)) = num(t.get(i))
            && let Some(sep @ ('-' | '/')) = sym(t.get(i + 1))
            && let Some((m, 1..=2)) = num(t.get(i + 2))
            && sym(t.get(i + 3)) == Some(sep)
            && let Some((d, 1..=2)) = num(t.get(i + 4))
        {
            check_ymd(s, y, m, d)?;
            return Ok(Some(checked_hit(y, m, d, t[i].start, i + 5, None)));
        }
        // Numeric day first: 03.03.2025, 14/03/2025, 14-03-2025.
        if let Some((a, 1..=2)) = num(t.get(i))
            && let Some(sep @ ('.' | '/' | '-')) = sym(t.get(i + 1))
            && let Some((b, 1..=2)) = num(t.get(i + 2))
            && sym(t.get(i + 3)) == Some(sep)
            && let Some((y, 4)) = num(t.get(i + 4))
        {
            // Day first unless that is impossible (03/14/2025 is US month-first).
            let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
            check_ymd(s, y, m, d)?;
            let reading = if sep == '.' || a > 12 {
                Some(NumericReading::Only(NumericDateOrder::DayFirst))
            } else if b > 12 {
                Some(NumericReading::Only(NumericDateOrder::MonthFirst))
            } else if a != b {
                Some(NumericReading::Ambiguous)
            } else {
                None
            };
            return Ok(Some(checked_hit(y, m, d, t[i].start, i + 5, reading)));
        }
        // Month names: "14 March 2025", "March 14, 2025", "3 марта 2025", "Mar. 3".
        if let Some(w) = word_lc(t.get(i))
            && let Some(m) = month_number(&w)
            && let Some(hit) = named_month_date(s, t, i, m)?
        {
            return Ok(Some(hit));
        }
    }
    Ok(None)
}

fn is_day(v: Option<(u32, usize)>) -> Option<u32> {
    match v {
        Some((d @ 1..=31, 1..=2)) => Some(d),
        _ => None,
    }
}

fn named_month_date(s: &str, t: &[Tok<'_>], i: usize, m: i8) -> Result<Option<DateHit>, DateError> {
    // Day before the month: "14 March", "3rd of March", "14. März".
    let mut day_before = None;
    if i >= 1 {
        let mut k = i - 1;
        if word_lc(t.get(k)).as_deref() == Some("of") && k >= 1 {
            k -= 1;
        }
        if matches!(
            word_lc(t.get(k)).as_deref(),
            Some("st" | "nd" | "rd" | "th")
        ) && k >= 1
        {
            k -= 1;
        }
        if sym(t.get(k)) == Some('.') && k >= 1 {
            k -= 1;
        }
        if let Some(d) = is_day(num(t.get(k))) {
            day_before = Some((d, k));
        }
    }
    let mut j = i + 1;
    if sym(t.get(j)) == Some('.') {
        j += 1;
    }
    if let Some((d, k)) = day_before {
        // Year after the month: "14 March 2025", "3 марта 2025 г.", "3 March, 2025".
        let mut y_at = j;
        if sym(t.get(y_at)) == Some(',') {
            y_at += 1;
        }
        if let Some((y, 4)) = num(t.get(y_at)) {
            check_ymd(s, y, m as u32, d)?;
            return Ok(Some((
                Some(y as i16),
                m,
                d as i8,
                t[k].start,
                y_at + 1,
                None,
            )));
        }
        if check_ymd(s, 2000, m as u32, d).is_ok() {
            return Ok(Some((None, m, d as i8, t[k].start, j, None)));
        }
        return Ok(None);
    }
    // Day after the month: "March 14, 2025", "Mar. 3", "March 3rd 2025".
    if let Some(d) = is_day(num(t.get(j))) {
        let mut k = j + 1;
        if matches!(
            word_lc(t.get(k)).as_deref(),
            Some("st" | "nd" | "rd" | "th")
        ) && !t[k].space_before
        {
            k += 1;
        }
        let mut y_at = k;
        if sym(t.get(y_at)) == Some(',') {
            y_at += 1;
        }
        if let Some((y, 4)) = num(t.get(y_at)) {
            check_ymd(s, y, m as u32, d)?;
            return Ok(Some((
                Some(y as i16),
                m,
                d as i8,
                t[i].start,
                y_at + 1,
                None,
            )));
        }
        // "May 5" alone is only a date when the word is written as a month (capitalised).
        let capital =
            matches!(t[i].kind, Kind::Word(w) if w.chars().next().is_some_and(char::is_uppercase));
        if capital && check_ymd(s, 2000, m as u32, d).is_ok() {
            return Ok(Some((None, m, d as i8, t[i].start, k, None)));
        }
    }
    Ok(None)
}

/// A time at token `i`: `09:05`, `9:05:30`, `9:05 p.m.`, `12:20:00.000`.
fn time_at(s: &str, t: &[Tok<'_>], i: usize) -> Result<Option<(Time, usize)>, DateError> {
    let Some((h, 1..=2)) = num(t.get(i)) else {
        return Ok(None);
    };
    if sym(t.get(i + 1)) != Some(':') {
        return Ok(None);
    }
    let Some((mi, 2)) = num(t.get(i + 2)) else {
        return Ok(None);
    };
    let mut k = i + 3;
    let mut sec = 0;
    if sym(t.get(k)) == Some(':')
        && let Some((sv, 2)) = num(t.get(k + 1))
    {
        sec = sv;
        k += 2;
        // Fractional seconds are dropped: a DCT to the second is plenty.
        if matches!(sym(t.get(k)), Some('.' | ',')) && num(t.get(k + 1)).is_some() {
            k += 2;
        }
    }
    let mut hour = h;
    let meridiem = match word_lc(t.get(k)).as_deref() {
        Some("am") => Some((false, k + 1)),
        Some("pm") => Some((true, k + 1)),
        Some(w @ ("a" | "p"))
            if sym(t.get(k + 1)) == Some('.') && word_lc(t.get(k + 2)).as_deref() == Some("m") =>
        {
            let mut next = k + 3;
            if sym(t.get(next)) == Some('.') {
                next += 1;
            }
            Some((w == "p", next))
        }
        _ => None,
    };
    if let Some((pm, next)) = meridiem {
        if !(1..=12).contains(&hour) {
            return Err(invalid(s, format!("hour {hour} with am/pm")));
        }
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
        k = next;
    }
    match Time::new(hour as i8, mi.min(99) as i8, sec.min(99) as i8, 0) {
        Ok(time) if hour < 24 && mi < 60 && sec < 60 => Ok(Some((time, k))),
        _ => Err(invalid(s, format!("time {h}:{mi:02} out of range"))),
    }
}

/// An offset or zone at token `i`: `Z`, `+04:00`, `+0400`, `UTC+4`, `(UTC+04:00)`, `GMT`, `EST`.
fn offset_at(
    s: &str,
    t: &[Tok<'_>],
    mut i: usize,
) -> Result<Option<(Offset, Option<String>, usize)>, DateError> {
    if sym(t.get(i)) == Some('(') {
        i += 1;
    }
    let mut zone = None;
    let mut base = None;
    if let Some(w) = word_lc(t.get(i))
        && let Some(secs) = zone_abbreviation(&w)
    {
        base = Some(secs);
        if w != "z" {
            zone = Some(w.to_uppercase());
        }
        i += 1;
    }
    if let Some(sign @ ('+' | '-' | '−')) = sym(t.get(i))
        && let Some((v, n)) = num(t.get(i + 1))
        && !t[i + 1].space_before
        && base.is_none_or(|b| b == 0)
    {
        let (mut hours, mut mins) = match n {
            1 | 2 => (v, 0),
            4 => (v / 100, v % 100),
            _ => return Ok(base.map(|b| (offset(b), zone, i))),
        };
        let mut next = i + 2;
        if n <= 2
            && sym(t.get(next)) == Some(':')
            && let Some((mv, 2)) = num(t.get(next + 1))
        {
            mins = mv;
            next += 2;
        }
        if hours > 18 || mins > 59 {
            return Err(invalid(
                s,
                format!("UTC offset {sign}{hours}:{mins:02} out of range"),
            ));
        }
        if sign != '+' {
            hours = hours.wrapping_neg();
            mins = mins.wrapping_neg();
        }
        let secs = (hours as i32) * 3600 + (mins as i32) * 60;
        if sym(t.get(next)) == Some(')') {
            next += 1;
        }
        let zone = zone.filter(|z| z != "UTC" && z != "GMT");
        return Ok(Some((offset(secs), zone, next)));
    }
    if let Some(b) = base {
        if sym(t.get(i)) == Some(')') {
            i += 1;
        }
        return Ok(Some((offset(b), zone, i)));
    }
    Ok(None)
}

fn offset(secs: i32) -> Offset {
    Offset::from_seconds(secs).unwrap_or(Offset::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    fn iso(s: &str) -> Result<String, Box<dyn Error>> {
        Ok(parse_dct(s)?.ok_or("no date found")?.to_iso_string())
    }

    #[test]
    fn iso_and_rfc3339() -> Result<(), Box<dyn Error>> {
        assert_eq!(iso("2025-03-14")?, "2025-03-14");
        assert_eq!(iso("2025-03-14T09:05:00Z")?, "2025-03-14T09:05:00Z");
        assert_eq!(
            iso("2025-03-14T09:05:00.123+04:00")?,
            "2025-03-14T09:05:00+04:00"
        );
        assert_eq!(iso("2025-03-14 09:05")?, "2025-03-14T09:05:00");
        assert_eq!(
            iso("2025-03-14T21:05:00-0500")?,
            "2025-03-14T21:05:00-05:00"
        );
        Ok(())
    }

    #[test]
    fn scraper_style_and_human() -> Result<(), Box<dyn Error>> {
        assert_eq!(
            iso("date 2025-03-14 14 March 2025 09:05 (UTC+04:00)")?,
            "2025-03-14T09:05:00+04:00"
        );
        assert_eq!(
            iso("Fri, 14 Mar 2025 09:05:00 +0400")?,
            "2025-03-14T09:05:00+04:00"
        );
        assert_eq!(
            iso("Fri, 14 Mar 2025 09:05:00 GMT")?,
            "2025-03-14T09:05:00Z"
        );
        assert_eq!(
            iso("March 14, 2025 9:05 p.m. EST")?,
            "2025-03-14T21:05:00-05:00"
        );
        assert_eq!(iso("Published: Monday 3 March 2025")?, "2025-03-03");
        assert_eq!(iso("03.03.2025, 12:20")?, "2025-03-03T12:20:00");
        assert_eq!(iso("3rd of March 2025")?, "2025-03-03");
        assert_eq!(iso("Sept. 9, 2024, 12:00 a.m.")?, "2024-09-09T00:00:00");
        assert_eq!(iso("3 марта 2025 г., 14:00")?, "2025-03-03T14:00:00");
        assert_eq!(iso("14 Mart 2025")?, "2025-03-14");
        assert_eq!(iso("20 yanvar 2026, 10:15")?, "2026-01-20T10:15:00");
        assert_eq!(iso("Bakı, 26 fevral 2026")?, "2026-02-26");
        assert_eq!(month_number("yanvarın"), Some(1));
        assert_eq!(month_number("mayor"), None);
        assert_eq!(month_number("martin"), None);
        assert_eq!(
            iso("2025-03-14T09:05:00 [Europe/Moscow]")?,
            "2025-03-14T09:05:00+03:00"
        );
        Ok(())
    }

    #[test]
    fn lying_dates_are_errors() {
        let e = parse_dct("date 2026-13-45").unwrap_err();
        assert_eq!(e.reason, "month 13 out of range");
        assert!(parse_dct("2025-02-30").is_err());
        assert!(parse_dct("31.04.2025").is_err());
        assert!(parse_dct("2025-03-14T25:10").is_err());
        assert!(parse_dct("2025-03-14T10:10+25:00").is_err());
    }

    #[test]
    fn how_a_numeric_date_was_read() -> Result<(), Box<dyn Error>> {
        use NumericDateOrder::{DayFirst, MonthFirst};
        let reading = |s: &str| -> Result<Option<NumericReading>, Box<dyn Error>> {
            Ok(scan(s)?.ok_or("no date found")?.numeric)
        };
        assert_eq!(reading("06/12/2026")?, Some(NumericReading::Ambiguous));
        assert_eq!(reading("25/11/2026")?, Some(NumericReading::Only(DayFirst)));
        assert_eq!(
            reading("11/25/2026")?,
            Some(NumericReading::Only(MonthFirst))
        );
        assert_eq!(reading("06.12.2026")?, Some(NumericReading::Only(DayFirst)));
        assert_eq!(reading("03/03/2026")?, None);
        assert_eq!(reading("2026-12-06")?, None);
        assert_eq!(reading("6 December 2026")?, None);
        assert_eq!(iso("06/12/2026")?, "2026-12-06");
        Ok(())
    }

    #[test]
    fn no_date_or_no_year() -> Result<(), Box<dyn Error>> {
        assert_eq!(parse_dct("no date here, may be later")?, None);
        assert_eq!(parse_dct("March 3")?, None);
        let f = scan("TBILISI, March 3 (Reuters)")?.ok_or("no date found")?;
        assert_eq!((f.year, f.month, f.day), (None, 3, 3));
        let ctx = Date::new(2026, 1, 2)?;
        let f = scan("Dec 31")?.ok_or("no date found")?;
        assert_eq!(
            f.resolve_year(ctx)
                .ok_or("year not resolved")?
                .to_iso_string(),
            "2025-12-31"
        );
        Ok(())
    }

    #[test]
    fn serde_round_trip() -> Result<(), serde_json::Error> {
        for s in [
            "2025-03-14",
            "2025-03-14T09:05:00",
            "2025-03-14T09:05:00+04:00",
            "2025-03-14T09:05:00Z",
        ] {
            let dct: Dct = serde_json::from_str(&format!("\"{s}\""))?;
            assert_eq!(serde_json::to_string(&dct)?, format!("\"{s}\""));
        }
        Ok(())
    }

    #[test]
    fn from_str_for_flag() -> Result<(), DateError> {
        assert_eq!("2025-03-03".parse::<Dct>()?.to_date_string(), "2025-03-03");
        assert!("March 3".parse::<Dct>().is_err());
        assert!("yesterday".parse::<Dct>().is_err());
        Ok(())
    }
}
