//! Datelines: the date written at the top of an article body.
//!
//! Wire copy starts `TBILISI, March 3 (Reuters) -`; regional sites print `03.03.2025, 12:20`
//! above the text; blogs write `Published: Monday 3 March 2025`. Only the first few lines
//! are searched, and only lines that *are* a dateline (a city in capitals before the date,
//! or nothing but a date and a few label words), so a date mentioned in the story itself
//! ("talks on March 3") is never taken for the publication date.

use crate::dct::{Found, english_month, other_month, scan};

/// How many non-empty lines at the top of the body may hold a dateline.
const MAX_LINES: usize = 4;

/// Words allowed before a date on a date-only line (and English weekdays).
const LABELS: &[&str] = &[
    "published",
    "posted",
    "on",
    "date",
    "dated",
    "first",
    "at",
    "updated",
    "last",
    "modified",
    "опубликовано",
    "дата",
    "yayınlanma",
    "tarihi",
    "yayın",
    "tarix",
    "dərc",
    "edilib",
];

/// Words a time of day after a date-only line's date may have ("at 9:15 am EDT", "12:20 local
/// time"), besides the `LABELS` ("at"); a time zone's capitals ("GMT", "MSK") pass too.
const TIME_WORDS: &[&str] = &[
    "am", "pm", "a", "p", "m", "h", "hrs", "local", "time", "gmt", "utc",
];

/// A dateline found at the top of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The date parts (year may be missing: `March 3 (Reuters)`).
    pub(crate) found: Found,
    /// True when the line said "updated"/"modified" rather than published.
    pub updated: bool,
}

/// Finds the dateline at the top of `body`, preferring a "published" line to an "updated" one.
pub fn find_dateline(body: &str) -> Option<Dateline> {
    let mut first_updated = None;
    for line in body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(MAX_LINES)
    {
        let line = cut(line, 300);
        if let Some(found) = agency_dateline(line) {
            return Some(Dateline {
                found,
                updated: false,
            });
        }
        if let Some((found, updated)) = date_line(line) {
            if !updated {
                return Some(Dateline { found, updated });
            }
            first_updated.get_or_insert(Dateline { found, updated });
        }
    }
    first_updated
}

/// Where the date of a wire dateline opening `body` ends, as a byte offset in `body`
/// ("KARACHI, Dec. 7 — Rains lashed…" gives the end of "Dec. 7"): what follows is the story.
/// `None` when the first line is no wire dateline.
pub fn wire_dateline_end(body: &str) -> Option<usize> {
    let start = body.len() - body.trim_start().len();
    let line = body[start..].lines().next()?;
    agency_dateline(cut(line, 300)).map(|found| start + found.end)
}

fn cut(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `CITY[, REGION], <date> [(Agency)] -`: capitals before the first comma, a date right after.
fn agency_dateline(line: &str) -> Option<Found> {
    let comma = line.find(',')?;
    if comma > 60 {
        return None;
    }
    let city = &line[..comma];
    let letters = city.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || city.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // English wires put the city in capitals ("TBILISI,"). Russian, Turkish and Azerbaijani
    // ones write it as a name ("Москва,", "Bakı,", "Ankara,"): one capitalized word with a
    // letter beyond ASCII or before a month named in one of those languages, so that an
    // English "However, March 3 —" is still no dateline.
    let in_capitals = !city.chars().any(char::is_lowercase);
    let one_name =
        !city.trim().contains(char::is_whitespace) && city.trim().starts_with(char::is_uppercase);
    let beyond_ascii = city.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    if !in_capitals && !one_name {
        return None;
    }
    let rest = &line[comma + 1..];
    // Allow one more capitalised region: "KYIV, Ukraine, March 3".
    let found = scan(rest).ok()??;
    if found.start > 30 {
        return None;
    }
    let mut date_words = rest[found.start..found.end]
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase);
    let foreign_month =
        date_words.any(|w| english_month(&w).is_none() && other_month(&w).is_some());
    if !in_capitals && !beyond_ascii && !foreign_month {
        return None;
    }
    let after = rest[found.end..].trim_start();
    // "Bakı, 26 fevral, AZƏRTAC": the agency after a comma, in capitals, ends the line.
    if let Some(agency) = after.strip_prefix(',') {
        let agency = agency
            .trim()
            .trim_end_matches(['.', '-', '–', '—'])
            .trim_end();
        let letters = agency.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = agency
            .chars()
            .all(|c| c.is_uppercase() || c.is_whitespace() || matches!(c, '-' | '.' | '"'));
        return (letters >= 2 && agency.chars().count() <= 30 && capitals)
            .then_some(shift(found, comma + 1));
    }
    // "20 января 2027 г. —": the Russian abbreviation for "year" may follow the date.
    let after = after.strip_prefix("г.").map_or(after, str::trim_start);
    let after = match after.strip_prefix('(') {
        Some(a) => a.split_once(')').map_or("", |(_, r)| r).trim_start(),
        None => after,
    };
    after
        .starts_with(['-', '–', '—', ':', '/'])
        .then_some(shift(found, comma + 1))
}

fn shift(mut f: Found, by: usize) -> Found {
    f.start += by;
    f.end += by;
    f
}

/// A line that holds only a date, optionally after label words: `Published: Monday 3 March 2025`.
/// Whether `line` is nothing but a publication date and its label ("Posted: September 14, 2026
/// at 9:15 am EDT", "03.03.2025, 12:20"): metadata printed above a story, not part of it.
pub fn is_date_only_line(line: &str) -> bool {
    let line = line.trim();
    !line.contains('\n') && date_line(cut(line, 300)).is_some()
}

fn date_line(line: &str) -> Option<(Found, bool)> {
    let found = scan(line).ok()??;
    let prefix = line[..found.start].to_lowercase();
    let words_ok = prefix
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| LABELS.contains(&w) || crate::dct::english_weekday(w));
    let tail = line[found.end..].trim_matches(|c: char| !c.is_alphanumeric());
    // After the date, only a time of day: "at 9:15 am EDT", "12:20", not "Shusha fell".
    let time_words_only = tail
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || TIME_WORDS.contains(&w.to_lowercase().as_str())
                || LABELS.contains(&w.to_lowercase().as_str())
                || (w.chars().count() <= 5 && w.chars().all(|c| c.is_ascii_uppercase()))
        });
    if !words_ok || !time_words_only || tail.chars().count() > 20 {
        return None;
    }
    let updated = prefix.contains("updated") || prefix.contains("modified");
    Some((found, updated))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(body: &str) -> Option<(Option<i16>, i8, i8)> {
        find_dateline(body).map(|d| (d.found.year, d.found.month, d.found.day))
    }

    #[test]
    fn a_wire_datelines_date_ends_where_the_story_starts() {
        let body = "  KARACHI, Dec. 7 — Rains lashed Sindh on Sunday night.";
        assert_eq!(
            wire_dateline_end(body).map(|e| &body[..e]),
            Some("  KARACHI, Dec. 7")
        );
        assert_eq!(
            wire_dateline_end("Rains lashed Sindh, Dec. 5 — then stopped."),
            None
        );
    }

    #[test]
    fn only_a_label_and_a_date_make_a_date_only_line() {
        assert!(is_date_only_line(
            "Posted: September 14, 2026 at 9:15 am EDT"
        ));
        assert!(is_date_only_line("03.03.2025, 12:20"));
        assert!(!is_date_only_line("Talks on March 3, 2025 failed."));
        assert!(!is_date_only_line(
            "TBILISI, March 3 (Reuters) - Thousands rallied."
        ));
        // A short sentence after a date is no time of day.
        assert!(!is_date_only_line("On 8 November, Shusha fell."));
        assert!(is_date_only_line("Published on 8 November 2026, 14:05 GMT"));
    }

    #[test]
    fn wire_datelines() {
        assert_eq!(
            ymd("TBILISI, March 3 (Reuters) - Thousands rallied."),
            Some((None, 3, 3))
        );
        assert_eq!(
            ymd("KYIV, Ukraine, Feb. 24, 2025 (AP) — Sirens sounded."),
            Some((Some(2025), 2, 24))
        );
        assert_eq!(
            ymd("BAKU, 3 March 2025 /Trend/ - Talks began."),
            Some((Some(2025), 3, 3))
        );
    }

    #[test]
    fn datelines_with_the_city_as_a_name() {
        assert_eq!(
            ymd("Москва, 20 января 2027 г. — Тридцать семь лет назад войска вошли в Баку."),
            Some((Some(2027), 1, 20))
        );
        assert_eq!(
            ymd("Bakı, 26 fevral 2026 — Xocalı faciəsinin ildönümü."),
            Some((Some(2026), 2, 26))
        );
        assert_eq!(ymd("However, March 3 — the talks failed."), None);
        assert_eq!(
            ymd("Dərc edilib: 26 fevral 2026\nXocalı faciəsi."),
            Some((Some(2026), 2, 26))
        );
        assert_eq!(ymd("In Bakı, 20 January 1990 — the troops came."), None);
        // An ASCII city name before a month in Turkish, Russian or Azerbaijani.
        assert_eq!(
            ymd("Ankara, 3 Mart 2025 — Meclis toplandı."),
            Some((Some(2025), 3, 3))
        );
        assert_eq!(ymd("Meanwhile, 3 May 2025 — talks."), None);
        // The agency after a comma, on its own line's end.
        assert_eq!(
            ymd("Bakı, 26 fevral, AZƏRTAC\nXocalı faciəsinin ildönümü."),
            Some((None, 2, 26))
        );
        assert_eq!(
            ymd("Bakı, 26 fevral 2026, AZƏRTAC.\nMətn."),
            Some((Some(2026), 2, 26))
        );
        assert_eq!(ymd("Bakı, 26 fevral, dedi nazir.\nMətn."), None);
    }

    #[test]
    fn date_only_lines() {
        assert_eq!(
            ymd("03.03.2025, 12:20\n\nThe mayor said."),
            Some((Some(2025), 3, 3))
        );
        assert_eq!(
            ymd("Published: Monday 3 March 2025\nText."),
            Some((Some(2025), 3, 3))
        );
        assert_eq!(
            ymd("Updated: 5 March 2025\nPublished: 3 March 2025\nText."),
            Some((Some(2025), 3, 3))
        );
    }

    #[test]
    fn dates_in_the_story_are_not_datelines() {
        assert_eq!(
            ymd("Talks were held on March 3, 2025 in Geneva, officials said."),
            None
        );
        assert_eq!(ymd("The Ministry, on March 3 (Tuesday) - said"), None);
        assert_eq!(
            ymd("Line one.\nLine two.\nLine three.\nLine four.\nMarch 3, 2025"),
            None
        );
    }
}
