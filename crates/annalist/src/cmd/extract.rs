//! `annalist extract`: read articles, find their publication date, tag them; one JSON line
//! per document.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use annalist_extract::extract;
use annalist_ingest::{Dct, Format, IngestOptions, read_inputs};
use anyhow::Context;

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Files, folders (read recursively, hidden files skipped) or `-` for standard input.
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// Publication date for every document, overriding what is detected
    /// (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    dct: Option<String>,
    /// Date that completes year-less datelines ("TBILISI, March 3 (Reuters)") when the file
    /// path or URL holds none.
    #[arg(long)]
    context_date: Option<String>,
    /// Input format instead of sniffing: text, html, json, jsonl.
    #[arg(long)]
    input_format: Option<String>,
    /// Character encoding instead of detection (windows-1251, koi8-r, iso-8859-9, …).
    #[arg(long)]
    encoding: Option<String>,
    /// Largest document accepted, in MB.
    #[arg(long, default_value_t = 50)]
    max_size_mb: u64,
    /// JSON field(s) holding the text (tried in order, before the defaults).
    #[arg(long)]
    text_field: Vec<String>,
    /// JSON field(s) holding the publication date.
    #[arg(long)]
    date_field: Vec<String>,
    /// JSON field(s) holding the title.
    #[arg(long)]
    title_field: Vec<String>,
    /// JSON field(s) holding the URL.
    #[arg(long)]
    url_field: Vec<String>,
    /// Never show a progress bar.
    #[arg(long)]
    pub(crate) quiet: bool,
    #[command(flatten)]
    pub(crate) tagging: super::pack::TaggerArgs,
}

fn prepend(list: &mut Vec<String>, extra: &[String]) {
    let mut v = extra.to_vec();
    v.append(list);
    *list = v;
}

pub fn options(args: &ExtractArgs) -> anyhow::Result<IngestOptions> {
    let mut opts = IngestOptions {
        max_document_bytes: args.max_size_mb.saturating_mul(1 << 20),
        encoding: args.encoding.clone(),
        ..IngestOptions::default()
    };
    if let Some(f) = &args.input_format {
        opts.format = Some(f.parse::<Format>().map_err(|_| {
            anyhow::anyhow!("--input-format: expected text, html, json or jsonl, not {f:?}")
        })?);
    }
    if let Some(d) = &args.dct {
        opts.dct = Some(
            d.parse::<Dct>()
                .map_err(|e| anyhow::anyhow!("--dct {d:?}: {e}"))?,
        );
    }
    if let Some(d) = &args.context_date {
        let dct = d
            .parse::<Dct>()
            .map_err(|e| anyhow::anyhow!("--context-date {d:?}: {e}"))?;
        opts.context_date = Some(dct.date);
    }
    prepend(&mut opts.fields.text, &args.text_field);
    prepend(&mut opts.fields.date, &args.date_field);
    prepend(&mut opts.fields.title, &args.title_field);
    prepend(&mut opts.fields.url, &args.url_field);
    opts.check().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(opts)
}

pub fn run(args: ExtractArgs) -> anyhow::Result<()> {
    let opts = options(&args)?;
    let taggers = args.tagging.taggers()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let progress = if !args.quiet && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} documents ({per_sec}) {elapsed} {msg}",
            )
            .context("progress bar template")?,
        );
        Some(bar)
    } else {
        None
    };
    let (mut read, mut skipped) = (0u64, Vec::new());
    for item in read_inputs(&args.paths, &opts) {
        match item {
            Ok(doc) => {
                for w in &doc.warnings {
                    let line = doc.line.map(|l| format!(":{l}")).unwrap_or_default();
                    eprintln!("annalist: warning: {}{line}: {w}", doc.path);
                }
                let x = extract(doc, &taggers);
                serde_json::to_writer(&mut out, &x)?;
                out.write_all(b"\n")?;
                read += 1;
            }
            Err(e) => {
                let msg = e.to_string();
                match &progress {
                    Some(bar) => bar.suspend(|| eprintln!("annalist: {msg}")),
                    None => eprintln!("annalist: {msg}"),
                }
                skipped.push(msg);
            }
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    out.flush()?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let mut summary = format!(
        "read {} documents, {} skipped",
        group(read),
        group(skipped.len() as u64)
    );
    if !skipped.is_empty() {
        let first: Vec<&str> = skipped.iter().take(3).map(String::as_str).collect();
        summary.push_str(": ");
        summary.push_str(&first.join("; "));
        if skipped.len() > 3 {
            summary.push_str("; …");
        }
    }
    eprintln!("{summary}");
    if !skipped.is_empty() {
        // The summary said what was skipped; the exit status says that something was.
        std::process::exit(1);
    }
    Ok(())
}

/// 1204 → "1,204".
fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::group;

    #[test]
    fn groups_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1204), "1,204");
        assert_eq!(group(1_000_000), "1,000,000");
    }
}
