//! Prints the figures of the text on stdin, one JSON object per line.
//!
//! `cargo run -p annalist-figures --example figures < article.txt`

use std::io::Read;

use annalist_figures::{FigureOptions, extract_figures};

fn main() -> std::io::Result<()> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    for f in extract_figures(&text, &FigureOptions::default()) {
        match serde_json::to_string(&f) {
            Ok(line) => println!("{line}"),
            Err(e) => eprintln!("{e}"),
        }
    }
    Ok(())
}
