//! Scores a system directory against a gold one and prints the table (and the errors with
//! `--errors`, or JSON with `--json`), until the `annalist eval` command does it.
//!
//! `cargo run -p annalist-timeml --example score -- GOLD_DIR SYSTEM_DIR [--errors] [--json]`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dirs: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [gold, system] = dirs[..] else {
        return Err("usage: score GOLD_DIR SYSTEM_DIR [--errors] [--json]".into());
    };
    let report = annalist_timeml::evaluate_dirs(gold.as_ref(), system.as_ref())?;
    if args.iter().any(|a| a == "--json") {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!(
            "{}",
            report.to_text(true, args.iter().any(|a| a == "--errors"))
        );
    }
    Ok(())
}
