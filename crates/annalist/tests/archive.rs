//! The archive commands, run as a user runs them: add, then ask questions; and a real
//! `kill -9` in the middle of an `add`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../../annalist-store/tests/common/corpus.rs"]
mod corpus;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use annalist_store::Store;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn annalist(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_annalist"));
    c.env("ANNALIST_DB", db).env("NO_COLOR", "1");
    c
}

fn ok(out: Output) -> Result<String, Box<dyn std::error::Error>> {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8(out.stdout)?)
}

fn write(dir: &Path, name: &str, text: &str) -> std::io::Result<()> {
    std::fs::write(dir.join(name), text)
}

/// Three articles: two agree on 52 killed on 20 January 1990, one says 130; one states
/// a year-level fact.
fn small_archive() -> Result<(tempfile::TempDir, std::path::PathBuf), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs)?;
    write(
        &docs,
        "a.txt",
        "Date: 2025-01-21\nTitle: Black January\nURL: https://a.example/black-january\n\nOn January 20, 1990 troops entered the city and 52 people were killed. In 1991 the republic declared independence.\n",
    )?;
    write(
        &docs,
        "b.txt",
        "Date: 2025-01-22\nTitle: Remembering\nURL: https://b.example/remembering\n\nOn January 20, 1990 troops entered the city and 52 people were killed.\n",
    )?;
    write(
        &docs,
        "c.txt",
        "Date: 2025-01-23\nTitle: Another account\nURL: https://c.example/account\n\nOn January 20, 1990 more than 130 people were killed, a rights group said. The amnesty of 1996 freed the last prisoners.\n",
    )?;
    let db = dir.path().join("store.db");
    let out = annalist(&db).arg("add").arg(&docs).output()?;
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    ok(out)?;
    assert!(err.contains("added 3 documents"), "{err}");
    Ok((dir, db))
}

#[test]
fn adding_twice_stores_once() -> TestResult {
    let (dir, db) = small_archive()?;
    let out = annalist(&db)
        .arg("add")
        .arg(dir.path().join("docs"))
        .output()?;
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    ok(out)?;
    assert!(
        err.contains("added 0 documents") && err.contains("3 already stored"),
        "{err}"
    );
    let stats: serde_json::Value = serde_json::from_str(&ok(annalist(&db)
        .args(["stats", "--format", "json"])
        .output()?)?)?;
    assert_eq!(stats["documents"], 3);
    Ok(())
}

#[test]
fn a_pack_given_later_tags_stored_documents_with_retag() -> TestResult {
    let (dir, db) = small_archive()?;
    write(
        &dir.path().join("docs"),
        "ru.txt",
        "Date: 2027-01-20\n\nТридцать семь лет назад, 20 января 1990 года, в Баку вошли советские \
         войска. На следующий день объявили комендантский час.\n",
    )?;
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/packs/ru");
    let stats = |db: &Path| -> Result<serde_json::Value, Box<dyn std::error::Error>> {
        Ok(serde_json::from_str(&ok(annalist(db)
            .args(["stats", "--format", "json"])
            .output()?)?)?)
    };
    // Added without its pack, the Russian article is stored untagged; adding it again with
    // the pack does nothing (it is stored); with --retag it is tagged.
    ok(annalist(&db)
        .arg("add")
        .arg(dir.path().join("docs"))
        .output()?)?;
    let untagged = stats(&db)?;
    let out = annalist(&db)
        .arg("add")
        .arg(dir.path().join("docs"))
        .arg("--pack")
        .arg(&pack)
        .output()?;
    ok(out)?;
    assert_eq!(stats(&db)?["events"], untagged["events"]);
    let out = annalist(&db)
        .arg("add")
        .arg(dir.path().join("docs"))
        .arg("--pack")
        .arg(&pack)
        .arg("--retag")
        .output()?;
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    ok(out)?;
    assert!(err.contains("4 retagged"), "{err}");
    let tagged = stats(&db)?;
    assert_eq!(tagged["documents"], untagged["documents"]);
    assert_eq!(
        tagged["events"].as_u64().ok_or("no event count")?,
        untagged["events"].as_u64().ok_or("no event count")? + 2
    );
    let timeline = ok(annalist(&db)
        .args(["timeline", "--from", "1990-01-21", "--to", "1990-01-22"])
        .output()?)?;
    assert!(timeline.contains("На следующий день"), "{timeline}");
    Ok(())
}

#[test]
fn the_timeline_merges_sources_and_prints_years_as_years() -> TestResult {
    let (_dir, db) = small_archive()?;
    let text = ok(annalist(&db).arg("timeline").output()?)?;
    let lines: Vec<&str> = text.lines().collect();
    // 20 January 1990 (merged a+b), 20 January 1990 (c), 1991, 1996 — in that order.
    let merged = lines
        .iter()
        .find(|l| l.contains("killed 52"))
        .ok_or_else(|| text.clone())?;
    assert!(merged.starts_with("1990-01-20"), "{merged}");
    assert!(merged.ends_with("a.example, b.example"), "{merged}");
    let year = lines
        .iter()
        .position(|l| l.starts_with("1991 "))
        .ok_or_else(|| text.clone())?;
    assert!(!lines[year].starts_with("1991-01-01"));
    assert!(
        year > lines
            .iter()
            .position(|l| l.starts_with("1990-01-20"))
            .ok_or("no 1990-01-20 line")?
    );
    // Filters.
    let c = ok(annalist(&db)
        .args(["timeline", "--source", "c.example"])
        .output()?)?;
    assert!(c.lines().all(|l| l.ends_with("c.example")), "{c}");
    let window = ok(annalist(&db)
        .args(["timeline", "--from", "1990-01", "--to", "1990-01"])
        .output()?)?;
    assert_eq!(window.lines().count(), 2, "{window}");
    // Machine formats parse.
    let json: serde_json::Value = serde_json::from_str(&ok(annalist(&db)
        .args(["timeline", "--format", "json"])
        .output()?)?)?;
    assert_eq!(
        json.as_array().ok_or("timeline JSON is no array")?.len(),
        lines.len()
    );
    let tl: serde_json::Value = serde_json::from_str(&ok(annalist(&db)
        .args(["timeline", "--format", "timelinejs"])
        .output()?)?)?;
    let year_event = tl["events"]
        .as_array()
        .ok_or("no events array")?
        .iter()
        .find(|e| e["display_date"] == "1991")
        .ok_or("no 1991 event")?;
    assert_eq!(year_event["start_date"], serde_json::json!({"year": 1991}));
    let csv = ok(annalist(&db)
        .args(["timeline", "--format", "csv"])
        .output()?)?;
    assert!(csv.starts_with("date,granularity,"), "{csv}");
    assert_eq!(csv.lines().count(), lines.len() + 1);
    let ics = ok(annalist(&db)
        .args(["timeline", "--format", "ics"])
        .output()?)?;
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(ics.contains("DTSTART;VALUE=DATE:19900120\r\n"), "{ics}");
    assert!(
        ics.contains("DTSTART;VALUE=DATE:19910101\r\nDTEND;VALUE=DATE:19920101"),
        "{ics}"
    );
    // Bad input is an error message, not a panic.
    let bad = annalist(&db)
        .args(["timeline", "--from", "March"])
        .output()?;
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("cannot read \"March\""));
    Ok(())
}

#[test]
fn search_highlights_and_names_the_dates() -> TestResult {
    let (_dir, db) = small_archive()?;
    let out = ok(annalist(&db).args(["search", "amnesty"]).output()?)?;
    assert!(out.contains("The **amnesty** of 1996"), "{out}");
    assert!(out.contains("about 1996"), "{out}");
    let none = ok(annalist(&db)
        .args(["search", "amnesty", "--from", "1990", "--to", "1990"])
        .output()?)?;
    assert!(none.is_empty(), "{none}");
    Ok(())
}

#[test]
fn conflicts_show_each_source_and_the_summary() -> TestResult {
    let (_dir, db) = small_archive()?;
    let out = ok(annalist(&db).arg("conflicts").output()?)?;
    // Depends on the figures extractor finding "52 people were killed" and "more than 130".
    let head = out
        .lines()
        .next()
        .ok_or_else(|| format!("no conflict: {out}"))?;
    assert_eq!(head, "1990-01-20 killed: low 52 · best 52 · high 130");
    assert_eq!(
        out.lines().filter(|l| l.contains(" — ")).count(),
        3,
        "{out}"
    );
    Ok(())
}

#[test]
fn show_export_and_anniversaries() -> TestResult {
    let (dir, db) = small_archive()?;
    let out = ok(annalist(&db)
        .args(["show", "https://a.example/black-january"])
        .output()?)?;
    assert!(out.contains("[January 20, 1990]⟨1990-01-20⟩"), "{out}");
    assert!(out.contains("title     Black January"), "{out}");
    let missing = annalist(&db).args(["show", "zzzzzz"]).output()?;
    assert!(!missing.status.success());
    let exp = dir.path().join("out");
    for format in ["json", "jsonl", "csv", "timeml", "timelinejs"] {
        ok(annalist(&db)
            .args(["export", "--format", format])
            .arg(&exp)
            .output()?)?;
    }
    let docs: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(exp.join("documents.json"))?)?;
    assert_eq!(
        docs.as_array().ok_or("documents.json is no array")?.len(),
        3
    );
    assert_eq!(
        std::fs::read_to_string(exp.join("documents.jsonl"))?
            .lines()
            .count(),
        3
    );
    assert_eq!(
        std::fs::read_to_string(exp.join("documents.csv"))?
            .lines()
            .count(),
        4
    );
    let tml: Vec<_> = std::fs::read_dir(&exp)?
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "tml"))
        .collect();
    assert_eq!(tml.len(), 3);
    let one = std::fs::read_to_string(tml[0].path())?;
    assert!(
        one.contains("functionInDocument=\"CREATION_TIME\"") && one.contains("<TIMEX3 tid=\"t1\""),
        "{one}"
    );
    // Each file is TimeML that reads back, with a DCT and its expressions.
    for f in &tml {
        let doc = annalist_timeml::parse_tml(&std::fs::read_to_string(f.path())?)
            .map_err(|e| format!("{}: {e}", f.path().display()))?;
        assert!(
            doc.dct.is_some() && !doc.timexes.is_empty(),
            "{}",
            f.path().display()
        );
    }
    assert!(exp.join("timeline.json").exists());
    let day = ok(annalist(&db)
        .args(["on-this-day", "--date", "01-20"])
        .output()?)?;
    assert_eq!(day.lines().count(), 2, "{day}");
    let ics = ok(annalist(&db)
        .args(["on-this-day", "--date", "01-20", "--format", "ics"])
        .output()?)?;
    assert_eq!(ics.matches("RRULE:FREQ=YEARLY").count(), 2, "{ics}");
    assert!(
        ok(annalist(&db)
            .args(["on-this-day", "--date", "07-04"])
            .output()?)?
        .is_empty()
    );
    Ok(())
}

#[test]
fn commands_on_a_missing_store_say_so() -> TestResult {
    let dir = tempfile::tempdir()?;
    let out = annalist(&dir.path().join("none.db"))
        .arg("stats")
        .output()?;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store at"));
    assert!(!dir.path().join("none.db").exists());
    Ok(())
}

/// A small article (one or two paragraphs of the generated ones).
fn small_article(i: u64) -> String {
    let full = corpus::article(i);
    let mut cut = 0;
    for (k, _) in full.match_indices("\n\n") {
        cut = k;
        if k > 900 {
            break;
        }
    }
    full[..cut].to_string() + "\n"
}

type Counts = (usize, usize, usize, usize, usize);

fn counts(db: &Path) -> Result<Counts, Box<dyn std::error::Error>> {
    let s = Store::open_read_only(db)?.stats()?;
    Ok((s.documents, s.sentences, s.timexes, s.events, s.figures))
}

#[test]
fn a_killed_add_leaves_a_consistent_store_and_a_rerun_completes_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = dir.path().join("docs");
    let n = 3000u64;
    for i in 0..n {
        let sub = docs.join(format!("{:03}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        std::fs::write(sub.join(format!("{i:05}.txt")), small_article(i))?;
    }
    // Reference: a clean run.
    let clean = dir.path().join("clean.db");
    ok(annalist(&clean)
        .args(["add", "--batch", "64"])
        .arg(&docs)
        .output()?)?;
    let expected = counts(&clean)?;
    assert_eq!(expected.0, n as usize);

    // Killed run: wait until some batches are committed, then SIGKILL.
    let db = dir.path().join("killed.db");
    let mut child = annalist(&db)
        .args(["add", "--batch", "64"])
        .arg(&docs)
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(20));
        let stored = Store::open_read_only(&db)
            .ok()
            .and_then(|s| s.stats().ok())
            .map_or(0, |s| s.documents);
        if stored >= 200 {
            break;
        }
        assert!(
            child.try_wait()?.is_none(),
            "add finished before it could be killed"
        );
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "add made no progress"
        );
    }
    child.kill()?; // SIGKILL on Unix
    child.wait()?;

    // Consistent: the store opens, and every stored document is whole — its sentences,
    // timexes, events and figures are exactly those of a clean run's copy.
    let partial = counts(&db)?;
    assert!(
        partial.0 < n as usize,
        "the kill came too late to test anything"
    );
    let killed = Store::open(&db)?;
    let reference = Store::open_read_only(&clean)?;
    for id in killed.document_ids()? {
        let a = killed.document(&id)?;
        let b = reference.document(&id)?;
        assert_eq!(
            (
                a.sentences.len(),
                a.timexes.len(),
                a.events.len(),
                a.figures.len()
            ),
            (
                b.sentences.len(),
                b.timexes.len(),
                b.events.len(),
                b.figures.len()
            ),
            "document {id} is half-written"
        );
    }
    drop(killed);

    // The re-run finishes the job, without duplicates.
    let out = annalist(&db)
        .args(["add", "--batch", "64"])
        .arg(&docs)
        .output()?;
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    ok(out)?;
    assert!(
        err.contains(&format!("{} already stored", partial.0)) || partial.0 == 0,
        "{err}"
    );
    assert_eq!(counts(&db)?, expected);
    Ok(())
}

#[test]
fn two_adds_at_once_serialize_and_both_complete() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir(&a)?;
    std::fs::create_dir(&b)?;
    for i in 0..300u64 {
        std::fs::write(a.join(format!("{i}.txt")), small_article(i))?;
        std::fs::write(b.join(format!("{i}.txt")), small_article(i + 10_000))?;
    }
    let db = dir.path().join("both.db");
    // Create the store first, so both processes find it at the current schema.
    ok(annalist(&db)
        .arg("add")
        .arg(dir.path().join("a/0.txt"))
        .output()?)?;
    let first = annalist(&db)
        .args(["add", "--batch", "16"])
        .arg(&a)
        .spawn()?;
    let second = annalist(&db)
        .args(["add", "--batch", "16"])
        .arg(&b)
        .output()?;
    let first = first.wait_with_output()?;
    ok(first)?;
    ok(second)?;
    // The two folders share no article (generated from different seeds).
    assert_eq!(counts(&db)?.0, 600);
    Ok(())
}
