//! Oversized inputs are refused without being read into memory, and the run goes on.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_ingest::{ErrorKind, IngestOptions, read_bytes, read_inputs};
use std::path::PathBuf;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn temp_dir(tag: &str) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("annalist-ingest-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

#[test]
fn two_gigabyte_file_is_refused_from_its_size() -> TestResult {
    let dir = temp_dir("big")?;
    let big = dir.join("huge.txt");
    // A sparse file: 2 GB on paper, nothing on disk, so the test is cheap. Reading it
    // would take seconds and 2 GB of memory; refusing it from metadata takes nothing.
    std::fs::File::create(&big)?.set_len(2_000_000_000)?;
    let ok = dir.join("ok.txt");
    std::fs::write(&ok, "Date: 2025-03-14\n\nA short article.")?;
    let results: Vec<_> = read_inputs(&[big.clone(), ok], &IngestOptions::default()).collect();
    let err = results[0].as_ref().unwrap_err();
    assert!(matches!(
        err.kind,
        ErrorKind::TooLarge {
            size: 2_000_000_000,
            limit: 50_000_000
        }
    ));
    assert_eq!(
        err.to_string(),
        format!(
            "{}: 2.0 GB is over the 50 MB per-document limit",
            big.display()
        )
    );
    assert!(results[1].is_ok());
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

#[test]
fn hundred_megabyte_json_line_is_rejected_cleanly() -> TestResult {
    let mut data = Vec::with_capacity(100_100_000);
    data.extend_from_slice(b"{\"text\": \"");
    data.resize(100_000_000, b'x');
    data.extend_from_slice(
        b"\"}\n{\"text\": \"Next record reads fine.\", \"date\": \"2025-03-14\"}\n",
    );
    let results = read_bytes("dump.jsonl", &data, &IngestOptions::default());
    assert_eq!(results.len(), 2);
    let err = results[0].as_ref().unwrap_err();
    assert_eq!(
        err.to_string(),
        "dump.jsonl:1: 100 MB is over the 50 MB per-document limit"
    );
    assert_eq!(
        results[1].as_ref().map_err(ToString::to_string)?.line,
        Some(2)
    );
    Ok(())
}

#[test]
fn missing_file_and_folder_errors_name_the_path() {
    let results: Vec<_> = read_inputs(
        &[PathBuf::from("/nonexistent/annalist/x.txt")],
        &IngestOptions::default(),
    )
    .collect();
    let msg = results[0].as_ref().unwrap_err().to_string();
    assert!(
        msg.starts_with("/nonexistent/annalist/x.txt: cannot read:"),
        "{msg}"
    );
}
