//! `annalist conflicts`: where sources give different figures for the same date and
//! category, every figure with its source, and low / best / high.

use annalist_store::BEST_RULE;

use super::archive::{DbArg, RangeArgs, number};

#[derive(clap::Args)]
pub struct ConflictsArgs {
    #[command(flatten)]
    range: RangeArgs,
    /// Only this category (killed, injured, arrested, …).
    #[arg(long)]
    category: Option<String>,
    /// Output format: text or json.
    #[arg(long, default_value = "text")]
    format: String,
    #[command(flatten)]
    db: DbArg,
}

pub fn run(args: ConflictsArgs) -> anyhow::Result<()> {
    let json = match args.format.as_str() {
        "text" => false,
        "json" => true,
        other => anyhow::bail!("--format: expected text or json, not {other:?}"),
    };
    let (from, to) = args.range.bounds()?;
    let store = args.db.open_read()?;
    let conflicts = store.conflicts(from, to, args.category.as_deref())?;
    if json {
        let doc = serde_json::json!({ "best_rule": BEST_RULE, "conflicts": conflicts });
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(());
    }
    for c in &conflicts {
        println!(
            "{} {}: low {} · best {} · high {}",
            c.date,
            c.category,
            number(c.low),
            number(c.best),
            number(c.high)
        );
        for f in &c.figures {
            let range = match (f.figure.low, f.figure.high) {
                (Some(l), Some(h)) if l != h => format!("{}–{}", number(l), number(h)),
                _ => number(f.figure.value),
            };
            println!(
                "    {range:>10} {:<9} \"{}\" — {} ({}, sentence {})",
                f.figure.bound,
                f.figure.text,
                f.source.source,
                &f.source.doc_id[..f.source.doc_id.len().min(12)],
                f.source.sentence
            );
        }
    }
    eprintln!("{} conflicts. Rule: {BEST_RULE}", conflicts.len());
    Ok(())
}
