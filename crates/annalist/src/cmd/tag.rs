//! `annalist tag`: tag one text, or a stream of JSON lines.

use std::io::{BufRead, BufWriter, Read, Write};

use crate::chunks::ChunkReader;
use std::path::PathBuf;

use annalist_time::{Anchor, DateOrder, Style, Tagger, Timex};

use super::pack::DateOrderArg;
use anyhow::{Context, bail};
use serde::Serialize;

/// Output format.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// One line per expression: offsets, type, value, text.
    Text,
    /// One JSON object: `{"dct", "timexes": [...]}`.
    Json,
    /// The text as a TimeML document: the DCT, and the text with a TIMEX3 element around
    /// each expression (what `annalist timeml` writes for a `.tml` file).
    Timeml,
}

/// How partial dates find their year.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum StyleArg {
    /// Decide per document.
    Auto,
    /// Resolve against the document creation time.
    News,
    /// Resolve against the last date mentioned (history narratives).
    Narrative,
}

impl From<StyleArg> for Style {
    fn from(s: StyleArg) -> Style {
        match s {
            StyleArg::Auto => Style::Auto,
            StyleArg::News => Style::News,
            StyleArg::Narrative => Style::Narrative,
        }
    }
}

#[derive(clap::Args)]
pub struct TagArgs {
    /// The text file to tag; `-` or nothing reads standard input.
    file: Option<PathBuf>,
    /// Document creation time: YYYY-MM-DD or RFC 3339 (2025-03-14T09:05:00+04:00).
    /// Without it, relative expressions stay unresolved.
    #[arg(long)]
    dct: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Read JSON lines `{"id", "text", "dct"}` on standard input and write one line
    /// `{"id", "timexes"}` per input.
    #[arg(long)]
    jsonl: bool,
    /// How partial dates ("March 3") find their year.
    #[arg(long, value_enum, default_value = "auto")]
    style: StyleArg,
    /// Whether "03/04/2015" is 4 March or 3 April.
    #[arg(long, value_enum, default_value = "auto")]
    date_order: DateOrderArg,
    /// Show which rule matched each expression and which anchor resolved it.
    #[arg(long)]
    explain: bool,
    /// Tag with the language pack in this folder (lexicon.txt, rules.txt) instead of the
    /// built-in English one.
    #[arg(long, value_name = "DIR")]
    pack: Option<PathBuf>,
}

pub fn run(args: TagArgs) -> anyhow::Result<()> {
    let tagger = match &args.pack {
        Some(dir) => crate::cmd::pack::load(dir)?,
        None => Tagger::english(),
    };
    if args.jsonl {
        return run_jsonl(&tagger, args.style.into(), args.date_order.into());
    }
    let mut anchor = match &args.dct {
        Some(d) => Anchor::from_dct(d)?,
        None => Anchor::none(),
    };
    anchor.style = args.style.into();
    anchor.date_order = args.date_order.into();
    let (reader, name): (Box<dyn Read>, String) = match args.file.as_deref() {
        None => (Box::new(std::io::stdin().lock()), "<stdin>".into()),
        Some(p) if p.as_os_str() == "-" => (Box::new(std::io::stdin().lock()), "<stdin>".into()),
        Some(p) => (
            Box::new(
                std::fs::File::open(p).with_context(|| format!("{}: cannot open", p.display()))?,
            ),
            p.display().to_string(),
        ),
    };
    // The text is read and tagged a chunk at a time (cut at paragraph breaks), so memory
    // stays flat whatever the size of the file.
    let mut chunks = ChunkReader::new(reader, name);
    let mut session = tagger.session(&anchor);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut first = true;
    let mut timeml = TimemlWriter::default();
    match args.format {
        Format::Json => {
            let dct = anchor.dct.map(annalist_time::value::format_datetime);
            write!(
                out,
                "{{\"dct\":{},\"timexes\":[",
                serde_json::to_string(&dct)?
            )?;
        }
        Format::Timeml => timeml.start(&mut out, anchor.dct)?,
        Format::Text => {}
    }
    while let Some(chunk) = chunks.next_chunk()? {
        let timexes = session.tag_chunk(&chunk);
        if let Format::Timeml = args.format {
            timeml.chunk(&mut out, &chunk, &timexes)?;
            continue;
        }
        for t in timexes {
            match args.format {
                Format::Json => {
                    if !first {
                        out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut out, &t)?;
                }
                Format::Text => write_text_line(&mut out, &t, args.explain)?,
                Format::Timeml => {}
            }
            first = false;
        }
    }
    match args.format {
        Format::Json => writeln!(out, "]}}")?,
        Format::Timeml => out.write_all(b"</TEXT>\n</TimeML>\n")?,
        Format::Text => {}
    }
    out.flush()?;
    Ok(())
}

/// Writes a TimeML document as the text streams through, a chunk at a time: the text is
/// escaped (see [`crate::xml`]), with a TIMEX3 element around each expression.
#[derive(Default)]
struct TimemlWriter {
    /// Byte offset of the current chunk in the whole text.
    base: usize,
    /// The last tid written.
    tid: usize,
}

impl TimemlWriter {
    fn start(
        &mut self,
        out: &mut impl Write,
        dct: Option<jiff::civil::DateTime>,
    ) -> std::io::Result<()> {
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TimeML>\n")?;
        if let Some(dct) = dct {
            let value = annalist_time::value::format_datetime(dct);
            let date = value.split('T').next().unwrap_or(&value);
            writeln!(
                out,
                "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{date}\" temporalFunction=\"false\" \
                 functionInDocument=\"CREATION_TIME\">{date}</TIMEX3></DCT>"
            )?;
        }
        out.write_all(b"<TEXT>")
    }

    fn chunk(
        &mut self,
        out: &mut impl Write,
        chunk: &str,
        timexes: &[Timex],
    ) -> std::io::Result<()> {
        let mut at = 0;
        for t in timexes {
            let (Some(start), Some(end)) = (
                t.byte_start.checked_sub(self.base),
                t.byte_end.checked_sub(self.base),
            ) else {
                continue;
            };
            // Expressions never overlap; one that would is left out rather than nested.
            if start < at || end > chunk.len() || start >= end {
                continue;
            }
            write_xml_text(out, &chunk[at..start])?;
            self.tid += 1;
            write!(
                out,
                "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"",
                self.tid, t.kind
            )?;
            write_xml_text(out, &t.value.to_string())?;
            out.write_all(b"\"")?;
            if let Some(m) = t.modifier {
                write!(out, " mod=\"{m}\"")?;
            }
            if let Some(q) = t.quant {
                write!(out, " quant=\"{q}\"")?;
            }
            if let Some(f) = &t.freq {
                out.write_all(b" freq=\"")?;
                write_xml_text(out, f)?;
                out.write_all(b"\"")?;
            }
            out.write_all(b">")?;
            write_xml_text(out, &chunk[start..end])?;
            out.write_all(b"</TIMEX3>")?;
            at = end;
        }
        write_xml_text(out, &chunk[at..])?;
        self.base += chunk.len();
        Ok(())
    }
}

/// Writes `s` escaped for XML text and attribute values.
fn write_xml_text(out: &mut impl Write, s: &str) -> std::io::Result<()> {
    out.write_all(crate::xml::escape(s).as_bytes())
}

fn write_text_line(out: &mut impl Write, t: &Timex, explain: bool) -> std::io::Result<()> {
    write!(out, "{}\t{}\t{}\t{}", t.start, t.end, t.kind, t.value)?;
    if let Some(m) = t.modifier {
        write!(out, " mod={m}")?;
    }
    write!(out, "\t{}", t.text.replace(['\n', '\t'], " "))?;
    if explain {
        write!(out, "\trule={} anchor={:?}", t.rule, t.anchor)?;
    }
    writeln!(out)
}

#[derive(serde::Deserialize)]
struct JsonlInput {
    id: Option<serde_json::Value>,
    text: String,
    dct: Option<String>,
}

#[derive(Serialize)]
struct JsonlOutput<'a> {
    id: Option<serde_json::Value>,
    timexes: &'a [Timex],
}

fn run_jsonl(tagger: &Tagger, style: Style, date_order: DateOrder) -> anyhow::Result<()> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut bad = 0usize;
    for (n, line) in stdin.lock().lines().enumerate() {
        let lineno = n + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("annalist: <stdin>:{lineno}: cannot read line: {e}");
                bad += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let input: JsonlInput = match serde_json::from_str(&line) {
            Ok(i) => i,
            Err(e) => {
                let msg = format!("line {lineno}: not a JSON object with a \"text\" field: {e}");
                eprintln!("annalist: <stdin>:{lineno}: {msg}");
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({"line": lineno, "error": msg}),
                )?;
                writeln!(out)?;
                bad += 1;
                continue;
            }
        };
        let mut anchor = match input.dct.as_deref().map(Anchor::from_dct) {
            Some(Ok(a)) => a,
            Some(Err(e)) => {
                let msg = format!("line {lineno}: {e}");
                eprintln!("annalist: <stdin>:{lineno}: {e}");
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({"id": input.id, "line": lineno, "error": msg}),
                )?;
                writeln!(out)?;
                bad += 1;
                continue;
            }
            None => Anchor::none(),
        };
        anchor.style = style;
        anchor.date_order = date_order;
        let timexes = tagger.tag(&input.text, &anchor);
        serde_json::to_writer(
            &mut out,
            &JsonlOutput {
                id: input.id,
                timexes: &timexes,
            },
        )?;
        writeln!(out)?;
    }
    out.flush()?;
    if bad > 0 {
        bail!("{bad} input line(s) could not be tagged (see the error lines above)");
    }
    Ok(())
}
