//! `annalist timeline FILE…`: the events of the given articles in chronological order,
//! extracted on the fly (no archive needed).

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use annalist_extract::{Event, Extraction, Taggers, extract};
use annalist_ingest::read_inputs;

/// Output format of a file timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FileTimelineFormat {
    /// One line per event: date, what, figures, source.
    Text,
    /// One JSON object per line.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

struct Row<'a> {
    x: &'a Extraction,
    e: &'a Event,
}

impl Row<'_> {
    /// Sort key: the start of the event's interval (undated values last), then granularity
    /// (a year before the days inside it), then document order.
    fn key(&self) -> (bool, String, Option<annalist_time::Granularity>, usize) {
        match &self.e.time.interval {
            Some(iv) => (
                false,
                sortable(iv.start),
                self.e.time.granularity,
                self.e.start,
            ),
            None => (true, self.e.time.value.clone(), None, self.e.start),
        }
    }

    fn figures(&self) -> String {
        self.e
            .figures
            .iter()
            .filter_map(|&i| self.x.figures.get(i))
            .map(|f| super::archive::figure_text(&f.into()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn source(&self) -> String {
        let d = &self.x.doc;
        let name = d.url.as_deref().unwrap_or(&d.path);
        format!("{name} [{}..{}]", self.e.start, self.e.end)
    }
}

/// Dates as text that sorts chronologically across eras: a leading 0 for years before 1 CE
/// (offset so that earlier is smaller), 1 for the others.
fn sortable(dt: jiff::civil::DateTime) -> String {
    let y = i32::from(dt.year());
    format!(
        "{}{:06}-{:02}-{:02}T{:02}:{:02}",
        if y < 0 { '0' } else { '1' },
        if y < 0 { 1_000_000 + y } else { y },
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute()
    )
}

fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Extracts `paths` and prints their events in chronological order.
pub fn run(
    paths: &[PathBuf],
    opts: &annalist_ingest::IngestOptions,
    taggers: &Taggers,
    format: FileTimelineFormat,
) -> anyhow::Result<()> {
    let mut extractions = Vec::new();
    let mut skipped = 0usize;
    for item in read_inputs(paths, opts) {
        match item {
            Ok(doc) => extractions.push(extract(doc, taggers)),
            Err(e) => {
                eprintln!("annalist: {e}");
                skipped += 1;
            }
        }
    }
    let mut rows: Vec<Row> = extractions
        .iter()
        .flat_map(|x| x.events.iter().map(move |e| Row { x, e }))
        .collect();
    rows.sort_by_key(|r| r.key());
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if format == FileTimelineFormat::Csv {
        writeln!(out, "date,granularity,source_of_date,what,figures,source")?;
    }
    for r in &rows {
        let t = &r.e.time;
        let granularity = t
            .granularity
            .map(|g| format!("{g:?}").to_lowercase())
            .unwrap_or_default();
        match format {
            FileTimelineFormat::Text => {
                let figures = r.figures();
                writeln!(
                    out,
                    "{:<18} {}{}\n{:<18} ({}, {})",
                    annalist_store::display_date(
                        &t.value,
                        Some(&granularity),
                        t.modifier.map(|m| m.as_str()),
                    ),
                    r.e.text,
                    if figures.is_empty() {
                        String::new()
                    } else {
                        format!("  [{figures}]")
                    },
                    "",
                    r.source(),
                    serde_json::to_value(t.source)?.as_str().unwrap_or("")
                )?;
            }
            FileTimelineFormat::Json => {
                let figures: Vec<_> =
                    r.e.figures
                        .iter()
                        .filter_map(|&i| r.x.figures.get(i))
                        .collect();
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({
                        "date": t,
                        "what": r.e.text,
                        "figures": figures,
                        "names": r.e.names,
                        "source": {
                            "doc": r.x.doc.id,
                            "path": r.x.doc.path,
                            "url": r.x.doc.url,
                            "title": r.x.doc.title,
                            "start": r.e.start,
                            "end": r.e.end,
                        },
                    }),
                )?;
                writeln!(out)?;
            }
            FileTimelineFormat::Csv => writeln!(
                out,
                "{},{},{},{},{},{}",
                csv(&t.value),
                granularity,
                serde_json::to_value(t.source)?.as_str().unwrap_or(""),
                csv(&r.e.text),
                csv(&r.figures()),
                csv(&r.source())
            )?,
        }
    }
    out.flush()?;
    if skipped > 0 {
        eprintln!("{} input(s) skipped", skipped);
        std::process::exit(1);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::sortable;

    #[test]
    fn sortable_dates_order_across_eras() {
        let d = |y: i16| jiff::civil::date(y, 1, 1).to_datetime(jiff::civil::Time::midnight());
        let mut v = vec![
            sortable(d(2026)),
            sortable(d(-43)),
            sortable(d(1453)),
            sortable(d(-9999)),
        ];
        v.sort();
        assert_eq!(
            v,
            [
                sortable(d(-9999)),
                sortable(d(-43)),
                sortable(d(1453)),
                sortable(d(2026))
            ]
        );
    }
}
