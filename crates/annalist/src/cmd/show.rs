//! `annalist show DOC`: one stored document with its time expressions and figures marked
//! (colour on a terminal, brackets when piped), then its dated statements.

use annalist_store::StoredDocument;

use super::archive::{DbArg, color, figures_text};

#[derive(clap::Args)]
pub struct ShowArgs {
    /// Document id (or its first characters), URL, or input path.
    doc: String,
    /// Output format: text or json.
    #[arg(long, default_value = "text")]
    format: String,
    #[command(flatten)]
    db: DbArg,
}

pub fn run(args: ShowArgs) -> anyhow::Result<()> {
    let store = args.db.open_read()?;
    let doc = store.document(&args.doc)?;
    match args.format.as_str() {
        "json" => println!("{}", serde_json::to_string_pretty(&doc)?),
        "text" => print!("{}", render(&doc, color())),
        other => anyhow::bail!("--format: expected text or json, not {other:?}"),
    }
    Ok(())
}

/// The document as text: a header, the text with marks, the events.
pub fn render(doc: &StoredDocument, colored: bool) -> String {
    let mut out = String::new();
    out.push_str(&format!("id        {}\n", doc.id));
    for (label, value) in [
        ("title", &doc.title),
        ("url", &doc.url),
        ("author", &doc.author),
        ("published", &doc.published),
    ] {
        if let Some(v) = value {
            out.push_str(&format!("{label:<9} {v}\n"));
        }
    }
    out.push_str(&format!(
        "source    {} · {} · version {}{}\n\n",
        doc.source,
        doc.path,
        doc.version,
        doc.superseded_by
            .as_ref()
            .map(|s| format!(" (superseded by {s})"))
            .unwrap_or_default()
    ));
    // Marks: (start, end, opening, closing), never overlapping (figures avoid timexes).
    let mut marks: Vec<(usize, usize, String, String)> = Vec::new();
    for t in &doc.timexes {
        let (open, close) = if colored {
            (
                "\x1b[36m".to_string(),
                format!("\x1b[0m\x1b[2m⟨{}⟩\x1b[0m", t.value),
            )
        } else {
            ("[".to_string(), format!("]⟨{}⟩", t.value))
        };
        marks.push((t.start, t.end, open, close));
    }
    for f in &doc.figures {
        let (open, close) = if colored {
            (
                "\x1b[1;31m".to_string(),
                format!("\x1b[0m\x1b[2m⟨{}⟩\x1b[0m", f.category),
            )
        } else {
            ("{".to_string(), format!("}}⟨{}⟩", f.category))
        };
        marks.push((f.start, f.end, open, close));
    }
    marks.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
    let mut next = 0;
    let mut open_end: Option<(usize, String)> = None;
    for (i, c) in doc.text.chars().enumerate() {
        if let Some((end, close)) = &open_end
            && *end == i
        {
            out.push_str(close);
            open_end = None;
        }
        while next < marks.len() && marks[next].0 < i {
            next += 1; // overlapping mark: skipped
        }
        if open_end.is_none() && next < marks.len() && marks[next].0 == i {
            let (_, end, open, close) = &marks[next];
            out.push_str(open);
            open_end = Some((*end, close.clone()));
            next += 1;
        }
        out.push(c);
    }
    if let Some((_, close)) = open_end {
        out.push_str(&close);
    }
    out.push_str("\n\n");
    if !doc.events.is_empty() {
        out.push_str("events:\n");
        for e in &doc.events {
            let figures: Vec<_> = e
                .figures
                .iter()
                .filter_map(|&i| doc.figures.get(i).cloned())
                .collect();
            let figures = if figures.is_empty() {
                String::new()
            } else {
                format!("  [{}]", figures_text(&figures))
            };
            out.push_str(&format!(
                "  {:<14} ({}) {}{figures}\n",
                e.value, e.time_source, e.text
            ));
        }
    }
    out
}
