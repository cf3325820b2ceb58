//! What the archive commands share: the `--db` flag, date bounds, and output formats
//! (CSV, iCalendar, TimelineJS3) that more than one command writes.

use std::io::IsTerminal;
use std::path::PathBuf;

use annalist_store::{FigureRecord, Store, TimelineEntry, instant};
use anyhow::Context;

/// `--db`, shared by every archive command.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArg {
    /// The store (default: $ANNALIST_DB, else ./annalist.db).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

impl DbArg {
    /// The store path after the flag and the environment.
    pub fn path(&self) -> PathBuf {
        annalist_store::resolve_path(self.db.as_deref())
    }

    /// Opens the store for reading; a missing store is an error, never created.
    pub fn open_read(&self) -> anyhow::Result<Store> {
        Ok(Store::open_read_only(self.path())?)
    }
}

/// `--from`/`--to`, shared by the commands that take a date range.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RangeArgs {
    /// Start of the range: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM (from its start).
    #[arg(long)]
    pub from: Option<String>,
    /// End of the range, inclusive of the period named (`--to 1988-03` is up to 31 March).
    #[arg(long)]
    pub to: Option<String>,
}

impl RangeArgs {
    /// The range in seconds (see `annalist_store::instant`).
    pub fn bounds(&self) -> anyhow::Result<(Option<i64>, Option<i64>)> {
        let from = match &self.from {
            Some(s) => Some(instant::parse_period(s).context("--from")?.0),
            None => None,
        };
        let to = match &self.to {
            Some(s) => Some(instant::parse_period(s).context("--to")?.1),
            None => None,
        };
        if let (Some(f), Some(t)) = (from, to)
            && f >= t
        {
            anyhow::bail!("--from must come before --to");
        }
        Ok((from, to))
    }
}

/// True when stdout is a terminal and colour is not turned off (`NO_COLOR`).
pub fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A number as people write it: 52, 1,250, 2.5.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let s = format!("{}", v.abs() as u64);
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if v < 0.0 { format!("-{out}") } else { out }
    } else {
        format!("{v}")
    }
}

/// `killed 52, deployed at least 20,000`.
pub fn figures_text(figures: &[FigureRecord]) -> String {
    figures
        .iter()
        .map(|f| figure_text(&FigureLine::from(f)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What [`figure_text`] shows of a figure, stored or just extracted.
pub struct FigureLine<'a> {
    /// `killed`, `injured`, …
    pub category: &'a str,
    /// `exact`, `at_least`, `at_most` or `approx`.
    pub bound: &'a str,
    /// The value, and a range's ends when the text gives one.
    pub number: (f64, Option<f64>, Option<f64>),
    /// What is counted, or the currency.
    pub counted: &'a str,
    /// `count`, `money` or `percent`.
    pub quantity: &'a str,
    /// The words of a vague count ("hundreds").
    pub vague: Option<&'a str>,
    /// The count a revision or an update replaced.
    pub replaced: bool,
}

/// Both kinds of figure (stored, just extracted) name their fields alike.
macro_rules! figure_line_from {
    ($($ty:ty),*) => {$(
        impl<'a> From<&'a $ty> for FigureLine<'a> {
            fn from(f: &'a $ty) -> FigureLine<'a> {
                FigureLine {
                    category: &f.category,
                    bound: &f.bound,
                    number: (f.value, f.low, f.high),
                    counted: &f.counted,
                    quantity: &f.quantity,
                    vague: f.vague.as_deref(),
                    replaced: f.replaced,
                }
            }
        }
    )*};
}

figure_line_from!(FigureRecord, annalist_extract::Figure);

/// One figure as a reader should see it: "killed at least 14 people", "killed 130–150
/// people", "other about 10%". A vague count shows its words beside the number that codes
/// them, so that "dozens" never reads as twelve: "arrested about 100 protesters
/// ("hundreds")"; a count a revision or an update replaced says so: "killed 81 people (replaced)".
pub fn figure_text(f: &FigureLine<'_>) -> String {
    let (value, low, high) = f.number;
    let bound = match f.bound {
        "at_least" => "at least ",
        "at_most" => "at most ",
        "approx" => "about ",
        _ => "",
    };
    let n = match (low, high) {
        (Some(l), Some(h)) if l != h => format!("{}–{}", number(l), number(h)),
        _ => format!("{bound}{}", number(value)),
    };
    let percent = if f.quantity == "percent" { "%" } else { "" };
    let counted = if f.counted.is_empty() {
        String::new()
    } else {
        format!(" {}", f.counted)
    };
    let words = match f.vague {
        Some(w) => format!(" (\"{}\")", w.to_lowercase()),
        None => String::new(),
    };
    let replaced = if f.replaced { " (replaced)" } else { "" };
    format!("{} {n}{percent}{counted}{words}{replaced}", f.category)
}

/// A CSV field (RFC 4180 quoting).
pub fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Text escaped for an iCalendar property value.
pub fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// An iCalendar `DATE` (YYYYMMDD) for a second count, if its year fits (1–9999).
pub fn ics_date(s: i64) -> Option<String> {
    let (y, m, d) = instant::date_of(s);
    (1..=9999)
        .contains(&y)
        .then(|| format!("{y:04}{m:02}{d:02}"))
}

/// Folds an iCalendar line at 75 octets, as RFC 5545 requires.
pub fn ics_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 74 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// One VEVENT for a timeline entry (all-day, from its start day to its end day); `yearly`
/// makes it an anniversary. Entries whose year iCalendar cannot write are skipped.
pub fn ics_event(out: &mut String, e: &TimelineEntry, yearly: bool) {
    let (Some(start), Some(end)) = (
        ics_date(e.start_s),
        ics_date(e.end_s.max(e.start_s + 86_400)),
    ) else {
        return;
    };
    let sources: Vec<String> = e
        .sources
        .iter()
        .map(|s| s.url.clone().unwrap_or_else(|| s.source.clone()))
        .collect();
    ics_line(out, "BEGIN:VEVENT");
    ics_line(out, &format!("UID:{}@annalist", e.id.replace(':', "-")));
    ics_line(out, "DTSTAMP:20000101T000000Z");
    ics_line(out, &format!("DTSTART;VALUE=DATE:{start}"));
    if yearly {
        ics_line(out, "RRULE:FREQ=YEARLY");
    } else {
        ics_line(out, &format!("DTEND;VALUE=DATE:{end}"));
    }
    let mut summary = e.description.clone();
    if summary.chars().count() > 120 {
        summary = summary.chars().take(119).collect::<String>() + "…";
    }
    ics_line(out, &format!("SUMMARY:{}", ics_text(&summary)));
    let mut description = format!("{} ({})", e.description, e.display_date);
    if !e.figures.is_empty() {
        description.push_str(&format!("\nFigures: {}", figures_text(&e.figures)));
    }
    description.push_str(&format!("\nSources: {}", sources.join(" ")));
    ics_line(out, &format!("DESCRIPTION:{}", ics_text(&description)));
    ics_line(out, "END:VEVENT");
}

/// Opens an iCalendar.
pub fn ics_begin(out: &mut String, name: &str) {
    ics_line(out, "BEGIN:VCALENDAR");
    ics_line(out, "VERSION:2.0");
    ics_line(out, "PRODID:-//annalist//timeline//EN");
    ics_line(out, &format!("X-WR-CALNAME:{}", ics_text(name)));
}

/// A TimelineJS3 date object at the entry's granularity (no day for a year-level entry).
fn timelinejs_date(s: i64, granularity: Option<&str>) -> serde_json::Value {
    let (y, m, d) = instant::date_of(s);
    let mut date = serde_json::json!({ "year": y });
    let coarse = matches!(granularity, Some("century" | "decade" | "year"));
    let month_only = matches!(granularity, Some("half" | "quarter" | "season" | "month"));
    if !coarse {
        date["month"] = m.into();
        if !month_only {
            date["day"] = d.into();
            let rest = s.rem_euclid(86_400);
            if matches!(granularity, Some("hour" | "minute" | "second")) {
                date["hour"] = (rest / 3600).into();
                date["minute"] = (rest / 60 % 60).into();
            }
        }
    }
    date
}

/// A TimelineJS3 event (<https://timeline.knightlab.com/docs/json-format.html>).
pub fn timelinejs_event(e: &TimelineEntry) -> serde_json::Value {
    let sources: Vec<String> = e
        .sources
        .iter()
        .map(|s| {
            let name = html_escape(s.title.as_deref().unwrap_or(&s.source));
            match &s.url {
                Some(u) => format!("<a href=\"{}\">{name}</a>", html_escape(u)),
                None => name,
            }
        })
        .collect();
    let mut text = html_escape(&e.description);
    if !e.figures.is_empty() {
        text.push_str(&format!(
            "<br><b>{}</b>",
            html_escape(&figures_text(&e.figures))
        ));
    }
    text.push_str(&format!(
        "<br><small>Sources: {}</small>",
        sources.join(", ")
    ));
    let mut ev = serde_json::json!({
        "unique_id": e.id.replace(':', "-"),
        "start_date": timelinejs_date(e.start_s, e.granularity.as_deref()),
        "display_date": e.display_date,
        "text": { "headline": e.display_date, "text": text },
    });
    if matches!(
        e.granularity.as_deref(),
        Some("century" | "decade" | "half" | "quarter" | "season" | "week")
    ) {
        ev["end_date"] = timelinejs_date(e.end_s - 1, e.granularity.as_deref());
    }
    if let Some(c) = e.figures.first() {
        ev["group"] = c.category.clone().into();
    }
    ev
}

/// A TimelineJS3 document.
pub fn timelinejs(title: &str, events: Vec<serde_json::Value>) -> serde_json::Value {
    serde_json::json!({
        "title": { "text": { "headline": html_escape(title), "text": "Built by annalist from the archive." } },
        "events": events,
    })
}

/// Text made safe inside HTML.
pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line<'a>(
        category: &'a str,
        bound: &'a str,
        number: (f64, Option<f64>, Option<f64>),
        counted: &'a str,
        quantity: &'a str,
    ) -> FigureLine<'a> {
        FigureLine {
            category,
            bound,
            number,
            counted,
            quantity,
            vague: None,
            replaced: false,
        }
    }

    #[test]
    fn a_figure_reads_as_a_phrase() {
        let at_least = line(
            "killed",
            "at_least",
            (12_000.0, None, None),
            "people",
            "count",
        );
        assert_eq!(figure_text(&at_least), "killed at least 12,000 people");
        let percent = line("killed", "approx", (10.0, None, None), "", "percent");
        assert_eq!(figure_text(&percent), "killed about 10%");
        let range = line(
            "killed",
            "at_least",
            (130.0, Some(130.0), Some(150.0)),
            "people",
            "count",
        );
        assert_eq!(figure_text(&range), "killed 130–150 people");
        let mut vague = line("destroyed", "approx", (12.0, None, None), "homes", "count");
        vague.vague = Some("Dozens");
        assert_eq!(figure_text(&vague), "destroyed about 12 homes (\"dozens\")");
        let mut replaced = line("killed", "exact", (81.0, None, None), "people", "count");
        replaced.replaced = true;
        assert_eq!(figure_text(&replaced), "killed 81 people (replaced)");
    }

    #[test]
    fn numbers_group_thousands() {
        assert_eq!(number(20_000.0), "20,000");
        assert_eq!(number(52.0), "52");
        assert_eq!(number(2.5), "2.5");
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a, \"b\""), "\"a, \"\"b\"\"\"");
    }

    #[test]
    fn ics_lines_fold_at_75_octets_and_escape() -> anyhow::Result<()> {
        let mut out = String::new();
        ics_line(&mut out, &format!("SUMMARY:{}", "x".repeat(100)));
        assert!(out.split("\r\n").all(|l| l.len() <= 75), "{out}");
        assert_eq!(ics_text("a,b;c\nd"), "a\\,b\\;c\\nd");
        assert_eq!(ics_date(0).as_deref(), Some("19700101"));
        assert_eq!(ics_date(instant::parse_period("-0043")?.0), None);
        Ok(())
    }

    #[test]
    fn timelinejs_dates_stop_at_the_granularity() -> anyhow::Result<()> {
        let (s, _) = instant::parse_period("1990-01-19")?;
        assert_eq!(
            timelinejs_date(s, Some("year")),
            serde_json::json!({"year": 1990})
        );
        assert_eq!(
            timelinejs_date(s, Some("day")),
            serde_json::json!({"year": 1990, "month": 1, "day": 19})
        );
        Ok(())
    }
}
