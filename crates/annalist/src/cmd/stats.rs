//! `annalist stats`: what the archive holds.

use super::archive::{DbArg, number};

#[derive(clap::Args)]
pub struct StatsArgs {
    /// Output format: text or json.
    #[arg(long, default_value = "text")]
    format: String,
    #[command(flatten)]
    db: DbArg,
}

pub fn run(args: StatsArgs) -> anyhow::Result<()> {
    let store = args.db.open_read()?;
    let s = store.stats()?;
    match args.format.as_str() {
        "json" => println!("{}", serde_json::to_string_pretty(&s)?),
        "text" => {
            println!("store       {}", store.path().display());
            println!(
                "documents   {} ({} older versions kept)",
                number(s.documents as f64),
                number(s.superseded as f64)
            );
            println!("sources     {}", number(s.sources as f64));
            println!("sentences   {}", number(s.sentences as f64));
            println!("timexes     {}", number(s.timexes as f64));
            println!("events      {}", number(s.events as f64));
            println!("figures     {}", number(s.figures as f64));
            if let (Some(a), Some(b)) = (&s.earliest, &s.latest) {
                println!("dates       {a} to {b} (exclusive)");
            }
            if !s.categories.is_empty() {
                println!("categories  {}", s.categories.join(", "));
            }
        }
        other => anyhow::bail!("--format: expected text or json, not {other:?}"),
    }
    Ok(())
}
