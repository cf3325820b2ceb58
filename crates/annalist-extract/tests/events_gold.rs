//! Event dates on the hand-written gold set in `tests/gold/` (see its README): each expected
//! event is looked up by a substring of its sentence, and its time value compared.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::Path;

use annalist_extract::extract;
use annalist_ingest::{IngestOptions, read_bytes};

struct Score {
    expected: usize,
    found: usize,
    correct: usize,
    wrong: Vec<String>,
}

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn score(dir: &Path) -> Result<Score, Box<dyn std::error::Error>> {
    let tagger = annalist_extract::Taggers::english();
    let tsv = std::fs::read_to_string(dir.join("events.tsv"))?;
    let mut s = Score {
        expected: 0,
        found: 0,
        correct: 0,
        wrong: Vec::new(),
    };
    let mut cache = std::collections::HashMap::new();
    for line in tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, needle, value) = (cols[0], cols[1], cols[2]);
        let x = match cache.entry(file.to_string()) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let bytes = std::fs::read(dir.join(file))?;
                let doc = read_bytes(file, &bytes, &IngestOptions::default())
                    .into_iter()
                    .next()
                    .ok_or("no document read")??;
                e.insert(extract(doc, &tagger))
            }
        };
        s.expected += 1;
        match x.events.iter().find(|e| e.text.contains(needle)) {
            None => s.wrong.push(format!("{file}: no event for {needle:?}")),
            Some(e) => {
                s.found += 1;
                // `a|b`: either is right ("shortly before midnight on November 9").
                if value.split('|').any(|v| v == e.time.value) {
                    s.correct += 1;
                } else {
                    s.wrong.push(format!(
                        "{file}: {needle:?}: expected {value}, found {}",
                        e.time.value
                    ));
                }
            }
        }
    }
    Ok(s)
}

fn report(name: &str, s: &Score) -> f64 {
    let acc = s.correct as f64 / s.expected as f64;
    println!(
        "{name}: {} expected events, {} found, {} with the right date: accuracy {:.3}",
        s.expected, s.found, s.correct, acc
    );
    for w in &s.wrong {
        println!("  {w}");
    }
    acc
}

#[test]
fn event_dates_on_the_gold_set() -> TestResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold");
    let tune = score(&root.join("tune"))?;
    let heldout = score(&root.join("heldout"))?;
    let t = report("tune", &tune);
    report("held-out (never tuned on)", &heldout);
    assert!(t >= 0.90, "event date accuracy {t:.3} on the tuning part");
    Ok(())
}
