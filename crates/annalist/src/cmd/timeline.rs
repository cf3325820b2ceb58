//! `annalist timeline`: the archive's events in chronological order, merged across sources.

use std::io::{BufWriter, Write};

use annalist_store::{TimelineEntry, TimelineQuery};

use super::archive::{
    DbArg, RangeArgs, csv, figures_text, ics_begin, ics_event, ics_line, timelinejs,
    timelinejs_event,
};

#[derive(clap::Args)]
pub struct TimelineArgs {
    /// Articles to extract and put in order on the fly, instead of reading the archive
    /// (formats text, json and csv).
    files: Vec<std::path::PathBuf>,
    #[command(flatten)]
    tagging: super::pack::TaggerArgs,
    #[command(flatten)]
    range: RangeArgs,
    /// Words (all of them) the statement must contain.
    #[arg(long)]
    query: Option<String>,
    /// Only statements with a figure of this category (killed, injured, arrested, charged,
    /// sentenced, released, missing, rescued, displaced, destroyed, deployed, participants,
    /// other).
    #[arg(long)]
    category: Option<String>,
    /// Only this source: URL host (example.org), document id or prefix, or input path.
    #[arg(long)]
    source: Option<String>,
    /// Output format: text, json, csv, timelinejs or ics.
    #[arg(long, default_value = "text")]
    format: String,
    #[command(flatten)]
    db: DbArg,
}

/// The formats `timeline` and `on-this-day` write.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
    TimelineJs,
    Ics,
}

impl Format {
    pub fn parse(s: &str) -> anyhow::Result<Format> {
        Ok(match s {
            "text" => Format::Text,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "timelinejs" => Format::TimelineJs,
            "ics" => Format::Ics,
            other => anyhow::bail!(
                "--format: expected text, json, csv, timelinejs or ics, not {other:?}"
            ),
        })
    }
}

pub fn run(args: TimelineArgs) -> anyhow::Result<()> {
    if !args.files.is_empty() {
        use super::timeline_files::{FileTimelineFormat, run as run_files};
        let format = match args.format.as_str() {
            "text" => FileTimelineFormat::Text,
            "json" => FileTimelineFormat::Json,
            "csv" => FileTimelineFormat::Csv,
            other => anyhow::bail!(
                "--format {other:?} needs the archive; with files, use text, json or csv"
            ),
        };
        let opts = annalist_ingest::IngestOptions::default();
        let taggers = args.tagging.taggers()?;
        return run_files(&args.files, &opts, &taggers, format);
    }
    let format = Format::parse(&args.format)?;
    let (from, to) = args.range.bounds()?;
    let store = args.db.open_read()?;
    let query = TimelineQuery {
        from,
        to,
        text: args.query,
        category: args.category,
        source: args.source,
        ..TimelineQuery::default()
    };
    let stdout = std::io::stdout();
    let mut out = Writer::new(
        BufWriter::new(stdout.lock()),
        format,
        "annalist timeline",
        false,
    );
    out.begin()?;
    let mut failure = None;
    store.timeline_for_each(&query, |e| match out.entry(e) {
        Ok(()) => true,
        Err(err) => {
            failure = Some(err);
            false
        }
    })?;
    if let Some(e) = failure {
        // A closed pipe (`| head`) is not an error worth reporting.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(());
        }
        return Err(e.into());
    }
    out.end()?;
    Ok(())
}

/// Writes timeline entries in one format, streaming where the format allows.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    name: String,
    yearly: bool,
    count: usize,
    timelinejs: Vec<serde_json::Value>,
    ics: String,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, format: Format, name: &str, yearly: bool) -> Writer<W> {
        Writer {
            out,
            format,
            name: name.to_string(),
            yearly,
            count: 0,
            timelinejs: Vec::new(),
            ics: String::new(),
        }
    }

    pub fn begin(&mut self) -> std::io::Result<()> {
        match self.format {
            Format::Json => self.out.write_all(b"[\n"),
            Format::Csv => self
                .out
                .write_all(b"date,granularity,start,end,description,figures,sources,urls\n"),
            Format::Ics => {
                ics_begin(&mut self.ics, &self.name);
                Ok(())
            }
            Format::Text | Format::TimelineJs => Ok(()),
        }
    }

    pub fn entry(&mut self, e: &TimelineEntry) -> std::io::Result<()> {
        match self.format {
            Format::Text => {
                let sources: Vec<&str> = e.sources.iter().map(|s| s.source.as_str()).collect();
                let figures = if e.figures.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", figures_text(&e.figures))
                };
                writeln!(
                    self.out,
                    "{:<12} {}{figures}  — {}",
                    e.display_date,
                    e.description,
                    sources.join(", ")
                )?;
            }
            Format::Json => {
                if self.count > 0 {
                    self.out.write_all(b",\n")?;
                }
                serde_json::to_writer(&mut self.out, e)?;
            }
            Format::Csv => {
                let sources: Vec<&str> = e.sources.iter().map(|s| s.source.as_str()).collect();
                let urls: Vec<&str> = e.sources.iter().filter_map(|s| s.url.as_deref()).collect();
                writeln!(
                    self.out,
                    "{},{},{},{},{},{},{},{}",
                    csv(&e.display_date),
                    csv(e.granularity.as_deref().unwrap_or("")),
                    csv(&e.start),
                    csv(&e.end),
                    csv(&e.description),
                    csv(&figures_text(&e.figures)),
                    csv(&sources.join(" ")),
                    csv(&urls.join(" ")),
                )?;
            }
            Format::TimelineJs => self.timelinejs.push(timelinejs_event(e)),
            Format::Ics => {
                ics_event(&mut self.ics, e, self.yearly);
                if self.ics.len() > 1 << 16 {
                    self.out.write_all(self.ics.as_bytes())?;
                    self.ics.clear();
                }
            }
        }
        self.count += 1;
        Ok(())
    }

    pub fn end(mut self) -> std::io::Result<()> {
        match self.format {
            Format::Json => self.out.write_all(b"\n]\n")?,
            Format::TimelineJs => {
                let doc = timelinejs(&self.name, std::mem::take(&mut self.timelinejs));
                serde_json::to_writer_pretty(&mut self.out, &doc)?;
                self.out.write_all(b"\n")?;
            }
            Format::Ics => {
                ics_line(&mut self.ics, "END:VCALENDAR");
                self.out.write_all(self.ics.as_bytes())?;
            }
            Format::Text | Format::Csv => {}
        }
        self.out.flush()
    }
}
