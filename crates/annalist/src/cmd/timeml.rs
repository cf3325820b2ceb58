//! `annalist timeml` and `annalist eval`: TimeML in and out, TempEval-3 scoring.

use std::path::PathBuf;

use annalist_time::{Anchor, Tagger};
use annalist_timeml::{
    TimexAnnotation, TmlDocument, evaluate_dirs, parse_tml, tml_files, write_tml,
};
use anyhow::Context;

#[derive(clap::Args)]
pub struct TimemlArgs {
    /// Folder of .tml files (read recursively).
    #[arg(long = "in")]
    input: PathBuf,
    /// Folder to write the tagged .tml files to (same relative paths).
    #[arg(long = "out")]
    output: PathBuf,
}

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Folder of gold .tml files.
    #[arg(long)]
    gold: PathBuf,
    /// Folder of system .tml files (matched to gold files by relative path).
    #[arg(long)]
    system: PathBuf,
    /// List every miss, spurious expression and wrong extent, type or value, with context.
    #[arg(long)]
    errors: bool,
    /// Scores per file as well as overall.
    #[arg(long)]
    per_file: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
}

/// How `eval` prints its scores.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ReportFormat {
    /// Tables of precision, recall and F1, and the errors as lines of text.
    Text,
    /// One JSON object: `{"overall", "missing_files", "extra_files"}`, with `files` and
    /// `errors` on request.
    Json,
}

/// Tags one TimeML document's text against its DCT.
pub fn tag_document(tagger: &Tagger, doc: &TmlDocument) -> anyhow::Result<Vec<TimexAnnotation>> {
    let anchor = match &doc.dct {
        Some(d) => Anchor::from_dct(&d.value)?,
        None => Anchor::none(),
    };
    Ok(tagger
        .tag(&doc.text, &anchor)
        .into_iter()
        .enumerate()
        .map(|(i, t)| TimexAnnotation {
            start: t.start,
            end: t.end,
            tid: format!("t{}", i + 1),
            kind: t.kind.to_string(),
            value: t.value.to_string(),
            modifier: t.modifier.map(|m| m.to_string()),
            quant: t.quant.map(str::to_string),
            freq: t.freq,
            ..TimexAnnotation::default()
        })
        .collect())
}

pub fn run(args: TimemlArgs) -> anyhow::Result<()> {
    let tagger = Tagger::english();
    let files = tml_files(&args.input)?;
    if files.is_empty() {
        anyhow::bail!("{}: no .tml files found", args.input.display());
    }
    for (rel, path) in &files {
        let xml = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        let doc = parse_tml(&xml).with_context(|| path.display().to_string())?;
        let ours = tag_document(&tagger, &doc).with_context(|| path.display().to_string())?;
        let out = write_tml(&xml, &ours).with_context(|| path.display().to_string())?;
        let target = args.output.join(rel);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create folder", dir.display()))?;
        }
        std::fs::write(&target, out)
            .with_context(|| format!("{}: cannot write", target.display()))?;
    }
    eprintln!(
        "tagged {} files into {}",
        files.len(),
        args.output.display()
    );
    Ok(())
}

pub fn eval(args: EvalArgs) -> anyhow::Result<()> {
    let report = evaluate_dirs(&args.gold, &args.system)?;
    match args.format {
        ReportFormat::Text => print!("{}", report.to_text(args.per_file, args.errors)),
        ReportFormat::Json => {
            let mut v = serde_json::json!({
                "overall": report.overall,
                "missing_files": report.missing_files,
                "extra_files": report.extra_files,
            });
            if args.per_file {
                v["files"] = serde_json::to_value(&report.files)?;
            }
            if args.errors {
                v["errors"] = serde_json::to_value(&report.errors)?;
            }
            println!("{v}");
        }
    }
    Ok(())
}
