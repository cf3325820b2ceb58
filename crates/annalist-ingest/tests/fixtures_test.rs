//! Checks every hand-written fixture against the hand-written manifest (tests/manifest.json):
//! DCT and its source, title, a snippet of the main text, text that must have been dropped,
//! and the one-line error for inputs that must be refused. Reports DCT detection accuracy
//! and fails below 95%.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_ingest::{Document, IngestError, IngestOptions, read_bytes, read_inputs};
use serde_json::Value;
use std::path::PathBuf;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn manifest() -> Result<Vec<Value>, Box<dyn std::error::Error>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/manifest.json");
    let text = std::fs::read_to_string(path).map_err(|e| format!("manifest readable: {e}"))?;
    Ok(serde_json::from_str::<Value>(&text)
        .map_err(|e| format!("manifest is JSON: {e}"))?
        .as_array()
        .ok_or("array")?
        .clone())
}

fn results_for(file: &str) -> Vec<Result<Document, IngestError>> {
    read_inputs(&[fixtures().join(file)], &IngestOptions::default()).collect()
}

fn pick(
    results: &[Result<Document, IngestError>],
    line: Option<u64>,
) -> Option<&Result<Document, IngestError>> {
    results.iter().find(|r| match r {
        Ok(d) => d.line == line,
        Err(e) => e.line == line,
    })
}

#[test]
fn fixtures_match_manifest_and_dct_accuracy() -> TestResult {
    let entries = manifest()?;
    assert!(
        entries.len() >= 40,
        "at least 40 fixture documents, have {}",
        entries.len()
    );
    let (mut dct_total, mut dct_ok) = (0, 0);
    let mut failures = Vec::new();
    for e in &entries {
        let file = e["file"].as_str().ok_or("manifest entry has no file")?;
        let line = e["line"].as_u64();
        let results = results_for(file);
        let Some(result) = pick(&results, line) else {
            failures.push(format!("{file}:{line:?}: no result"));
            continue;
        };
        if let Some(expected) = e["error"].as_str() {
            match result {
                Err(err) => {
                    let msg = err.to_string();
                    if !msg.contains(expected)
                        || !msg.contains(file.rsplit('/').next().ok_or("empty file name")?)
                    {
                        failures.push(format!(
                            "{file}: error {msg:?} lacks {expected:?} or the file name"
                        ));
                    }
                    if msg.contains('\n') {
                        failures.push(format!("{file}: error is not one line"));
                    }
                }
                Ok(d) => failures.push(format!(
                    "{file}:{line:?}: expected error {expected:?}, got a document {:?}",
                    d.title
                )),
            }
            continue;
        }
        let doc = match result {
            Ok(d) => d,
            Err(err) => {
                failures.push(format!("{file}: unexpected error {err}"));
                dct_total += 1;
                continue;
            }
        };
        dct_total += 1;
        let got = doc.published.as_ref().map(|d| d.to_iso_string());
        let want = e["dct"].as_str().map(str::to_string);
        let source_ok = e["source"].as_str() == Some(doc.dct_source.as_str());
        if got == want && source_ok {
            dct_ok += 1;
        } else {
            failures.push(format!(
                "{file}:{line:?}: DCT {got:?} ({}) != {want:?} ({})",
                doc.dct_source.as_str(),
                e["source"]
            ));
        }
        let checks = [
            ("title", &doc.title),
            ("author", &doc.author),
            ("url", &doc.url),
            ("partial", &doc.dct_partial),
        ];
        for (key, value) in checks {
            if let Some(want) = e[key].as_str()
                && value.as_deref() != Some(want)
            {
                failures.push(format!("{file}:{line:?}: {key} {value:?} != {want:?}"));
            }
        }
        if let Some(snippet) = e["snippet"].as_str()
            && !doc.text.contains(snippet)
        {
            failures.push(format!(
                "{file}:{line:?}: text lacks {snippet:?}: {:?}",
                doc.text
            ));
        }
        if let Some(absent) = e["absent"].as_str()
            && doc.text.contains(absent)
        {
            failures.push(format!("{file}:{line:?}: text still has {absent:?}"));
        }
        if let Some(want) = e.get("date_order") {
            let got = serde_json::to_value(doc.date_order)?;
            if &got != want {
                failures.push(format!("{file}:{line:?}: date order {got} != {want}"));
            }
        }
        if let Some(warning) = e["warning"].as_str()
            && !doc.warnings.iter().any(|w| w.contains(warning))
        {
            failures.push(format!(
                "{file}:{line:?}: no warning with {warning:?}: {:?}",
                doc.warnings
            ));
        }
        if let Some(lang) = e["language"].as_str()
            && doc.language != lang
        {
            failures.push(format!(
                "{file}:{line:?}: language {} != {lang}",
                doc.language
            ));
        }
    }
    let accuracy = dct_ok as f64 / dct_total as f64 * 100.0;
    println!("DCT detection: {dct_ok}/{dct_total} fixtures correct = {accuracy:.1}%");
    assert!(
        accuracy >= 95.0,
        "DCT accuracy {accuracy:.1}% below 95%:\n{}",
        failures.join("\n")
    );
    assert!(
        failures.is_empty(),
        "{} fixture checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    Ok(())
}

#[test]
fn folder_walk_reads_everything_skips_hidden_and_goes_on_after_errors() -> TestResult {
    let all: Vec<_> = read_inputs(&[fixtures()], &IngestOptions::default()).collect();
    let docs: Vec<&Document> = all.iter().filter_map(|r| r.as_ref().ok()).collect();
    let errors: Vec<String> = all
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    let manifest = manifest()?;
    let want_docs = manifest.iter().filter(|e| e["error"].is_null()).count();
    let want_errors = manifest.iter().filter(|e| !e["error"].is_null()).count();
    assert_eq!(docs.len(), want_docs, "errors: {errors:#?}");
    assert_eq!(errors.len(), want_errors, "{errors:#?}");
    assert!(docs.iter().all(|d| !d.path.contains(".draft")));
    Ok(())
}

#[test]
fn same_article_twice_gets_the_same_id() -> TestResult {
    let opts = IngestOptions::default();
    let a = read_bytes(
        "a.txt",
        b"Date: 2025-01-01\nTitle: X\n\nTroops left the city.\n\nThey crossed the river.",
        &opts,
    );
    let b = read_bytes(
        "b.html",
        b"<html><body><article><p>Troops left the city.</p><p>They crossed the river.</p></article></body></html>",
        &opts,
    );
    let (a, b) = (
        a[0].as_ref().map_err(ToString::to_string)?,
        b[0].as_ref().map_err(ToString::to_string)?,
    );
    assert_eq!(a.id, b.id);
    Ok(())
}

#[test]
fn dct_flag_overrides_and_size_limit_applies() -> TestResult {
    let opts = IngestOptions {
        dct: Some("2024-05-05".parse()?),
        ..IngestOptions::default()
    };
    let r = read_bytes("x.txt", b"Date: 2025-01-01\n\nSomething happened.", &opts);
    let d = r[0].as_ref().map_err(ToString::to_string)?;
    assert_eq!(
        (
            d.published
                .as_ref()
                .ok_or("no published date")?
                .to_iso_string()
                .as_str(),
            d.dct_source.as_str()
        ),
        ("2024-05-05", "flag")
    );

    let small = IngestOptions {
        max_document_bytes: 100,
        ..IngestOptions::default()
    };
    let big = vec![b'a'; 101];
    let err = read_bytes("big.txt", &big, &small).remove(0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "big.txt: 101 bytes is over the 100 bytes per-document limit"
    );

    // A JSONL line over the limit is refused by line number; the next line still reads.
    let mut jsonl = format!("{{\"text\": \"{}\"}}\n", "x".repeat(500)).into_bytes();
    jsonl.extend_from_slice(b"{\"text\": \"short one\", \"date\": \"2025-01-02\"}\n");
    let r = read_bytes("f.jsonl", &jsonl, &small);
    assert_eq!(
        r[0].as_ref().unwrap_err().to_string(),
        "f.jsonl:1: 512 bytes is over the 100 bytes per-document limit"
    );
    assert_eq!(r[1].as_ref().map_err(ToString::to_string)?.line, Some(2));
    Ok(())
}

#[test]
fn no_dct_is_warned_and_serialized_as_none() -> TestResult {
    let r = read_bytes(
        "n.txt",
        b"The army said it had left the town on Monday.",
        &IngestOptions::default(),
    );
    let d = r[0].as_ref().map_err(ToString::to_string)?;
    assert!(d.warnings.iter().any(|w| w.contains("unanchored")));
    let json = serde_json::to_value(d)?;
    assert_eq!(json["dct_source"], "none");
    assert!(json["published"].is_null());
    assert_eq!(json["language"], "en");
    Ok(())
}

#[test]
fn forced_encoding_is_used() -> TestResult {
    let (bytes, _, _) = encoding_rs_free_koi8();
    let opts = IngestOptions {
        encoding: Some("koi8-r".into()),
        ..IngestOptions::default()
    };
    let r = read_bytes("k.txt", &bytes, &opts);
    assert!(
        r[0].as_ref()
            .map_err(ToString::to_string)?
            .text
            .starts_with("Привет")
    );
    let bad = IngestOptions {
        encoding: Some("klingon".into()),
        ..IngestOptions::default()
    };
    assert!(
        read_bytes("k.txt", &bytes, &bad)[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("unknown encoding")
    );
    Ok(())
}

/// "Привет, мир." in KOI8-R, written out by hand from the KOI8-R table.
fn encoding_rs_free_koi8() -> (Vec<u8>, (), ()) {
    (
        vec![
            0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4, b',', b' ', 0xCD, 0xC9, 0xD2, b'.',
        ],
        (),
        (),
    )
}
