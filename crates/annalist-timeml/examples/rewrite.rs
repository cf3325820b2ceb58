//! Rewrites one `.tml` file with its own gold TIMEX3s, printing the result: a quick way to see
//! what [`annalist_timeml::write_tml`] produces.
//!
//! `cargo run -p annalist-timeml --example rewrite -- FILE.tml`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: rewrite FILE.tml")?;
    let xml = std::fs::read_to_string(&path)?;
    let doc = annalist_timeml::parse_tml(&xml)?;
    print!("{}", annalist_timeml::write_tml(&xml, &doc.timexes)?);
    Ok(())
}
