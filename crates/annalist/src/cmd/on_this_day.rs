//! `annalist on-this-day`: anniversary journalism — every event on this month and day, in
//! any year, oldest first.

use std::io::BufWriter;

use super::archive::DbArg;
use super::timeline::{Format, Writer};

#[derive(clap::Args)]
pub struct OnThisDayArgs {
    /// The day as MM-DD (default: today).
    #[arg(long)]
    date: Option<String>,
    /// Output format: text, json, csv, timelinejs or ics (a calendar of yearly anniversaries).
    #[arg(long, default_value = "text")]
    format: String,
    #[command(flatten)]
    db: DbArg,
}

/// Reads `MM-DD`.
fn month_day(s: &str) -> anyhow::Result<(u8, u8)> {
    let bad = || anyhow::anyhow!("--date: expected MM-DD (03-15), not {s:?}");
    let (m, d) = s.trim().split_once('-').ok_or_else(bad)?;
    let m: u8 = m.parse().map_err(|_| bad())?;
    let d: u8 = d.parse().map_err(|_| bad())?;
    // 29 February is valid: it has anniversaries in leap years.
    jiff::civil::Date::new(2000, m as i8, d as i8).map_err(|_| bad())?;
    Ok((m, d))
}

pub fn run(args: OnThisDayArgs) -> anyhow::Result<()> {
    let format = Format::parse(&args.format)?;
    let (m, d) = match &args.date {
        Some(s) => month_day(s)?,
        None => {
            let today = jiff::ZonedDateTime::now().date();
            (today.month() as u8, today.day() as u8)
        }
    };
    let store = args.db.open_read()?;
    let entries = store.on_this_day(m, d)?;
    let stdout = std::io::stdout();
    let name = format!("On this day: {m:02}-{d:02}");
    let mut out = Writer::new(BufWriter::new(stdout.lock()), format, &name, true);
    out.begin()?;
    for e in &entries {
        out.entry(e)?;
    }
    out.end()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::month_day;

    #[test]
    fn reads_month_and_day() -> anyhow::Result<()> {
        assert_eq!(month_day("03-15")?, (3, 15));
        assert_eq!(month_day("02-29")?, (2, 29));
        for bad in ["02-30", "13-01", "3/15", "", "03-"] {
            assert!(month_day(bad).is_err(), "{bad}");
        }
        Ok(())
    }
}
