//! Prints one JSON line per document (`{"doc": …, "sentences": […]}`) for the inputs given,
//! and the errors on stderr: a stand-in for `annalist extract` without tagging.
//!
//! `cargo run -p annalist-ingest --example ingest -- PATH… [-]`

use annalist_ingest::{IngestOptions, read_inputs, segment};
use std::path::PathBuf;

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let (mut read, mut skipped) = (0usize, 0usize);
    for item in read_inputs(&paths, &IngestOptions::default()) {
        match item {
            Ok(doc) => {
                read += 1;
                let sentences = segment(&doc.text);
                let line = serde_json::json!({ "doc": doc, "sentences": sentences });
                println!("{line}");
            }
            Err(e) => {
                skipped += 1;
                eprintln!("error: {e}");
            }
        }
    }
    eprintln!("read {read} documents, {skipped} skipped");
    if skipped > 0 {
        std::process::exit(1);
    }
}
