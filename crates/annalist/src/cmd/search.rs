//! `annalist search`: full-text search over the archive's sentences, with highlighted
//! snippets and the dates each hit talks about.

use annalist_store::SearchQuery;

use super::archive::{DbArg, RangeArgs, color};

#[derive(clap::Args)]
pub struct SearchArgs {
    /// Words to find (all of them).
    #[arg(required = true)]
    query: Vec<String>,
    #[command(flatten)]
    range: RangeArgs,
    /// Largest number of hits.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Output format: text or json.
    #[arg(long, default_value = "text")]
    format: String,
    #[command(flatten)]
    db: DbArg,
}

pub fn run(args: SearchArgs) -> anyhow::Result<()> {
    let json = match args.format.as_str() {
        "text" => false,
        "json" => true,
        other => anyhow::bail!("--format: expected text or json, not {other:?}"),
    };
    let (from, to) = args.range.bounds()?;
    let store = args.db.open_read()?;
    let results = store.search(
        &args.query.join(" "),
        &SearchQuery {
            from,
            to,
            limit: Some(args.limit),
        },
    )?;
    if json {
        println!("{}", serde_json::to_string_pretty(&results)?);
        return Ok(());
    }
    let colored = color();
    for hit in &results.hits {
        let s = &hit.source;
        let title = s.title.as_deref().unwrap_or("(untitled)");
        let published = s.published.as_deref().unwrap_or("undated");
        let dates = if hit.dates.is_empty() {
            String::new()
        } else {
            format!(" · about {}", hit.dates.join(", "))
        };
        println!(
            "{} · {title} · {published} · {} sentence {}{dates}",
            s.source,
            &s.doc_id[..s.doc_id.len().min(12)],
            s.sentence
        );
        let mut line = String::from("    ");
        for part in &hit.snippet {
            match (part.highlight, colored) {
                (true, true) => line.push_str(&format!("\x1b[1;33m{}\x1b[0m", part.text)),
                (true, false) => line.push_str(&format!("**{}**", part.text)),
                (false, _) => line.push_str(&part.text),
            }
        }
        println!("{line}");
    }
    eprintln!(
        "{} of {} matching sentences",
        results.hits.len(),
        results.total
    );
    Ok(())
}
