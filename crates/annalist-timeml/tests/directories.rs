//! Corpus directories: listing, reading, matching gold and system files by relative path.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::fs;
use std::path::{Path, PathBuf};

use annalist_timeml::{
    ErrorKind, TimeMlError, TimexAnnotation, evaluate_dirs, read_dir, tml_files,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A fresh directory under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> std::io::Result<Scratch> {
        let dir =
            std::env::temp_dir().join(format!("annalist-timeml-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)?;
        Ok(Scratch(dir))
    }

    fn write(&self, relative: &str, content: &str) -> TestResult {
        let path = self.0.join(relative);
        fs::create_dir_all(path.parent().ok_or("a parent directory")?)?;
        fs::write(path, content)?;
        Ok(())
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn tml(text_with_tags: &str) -> String {
    format!(
        "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2001-09-11\">x</TIMEX3></DCT><TEXT>{text_with_tags}</TEXT></TimeML>"
    )
}

#[test]
fn lists_tml_files_recursively_in_path_order() -> TestResult {
    let d = Scratch::new("list")?;
    d.write("b.tml", &tml("b"))?;
    d.write("a/z.tml", &tml("z"))?;
    d.write("a/notes.txt", "not TimeML")?;
    d.write("A.tml", &tml("A"))?;
    let names: Vec<String> = tml_files(d.path())?.into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["A.tml", "a/z.tml", "b.tml"]);
    let docs = read_dir(d.path())?;
    assert_eq!(docs[1].1.text, "z");
    Ok(())
}

#[test]
fn errors_name_the_file() -> TestResult {
    let d = Scratch::new("errors")?;
    d.write("good.tml", &tml("fine"))?;
    d.write("sub/bad.tml", "<TimeML><TEXT>never closed")?;
    let e = read_dir(d.path()).unwrap_err();
    assert!(matches!(e, TimeMlError::File { .. }));
    assert!(e.to_string().contains("sub/bad.tml"), "{e}");

    let missing = d.path().join("nowhere");
    let e = read_dir(&missing).unwrap_err();
    assert!(matches!(e, TimeMlError::Io { .. }));
    assert!(e.to_string().contains("nowhere"), "{e}");
    Ok(())
}

#[test]
fn scores_directories_matched_by_relative_path() -> TestResult {
    let gold = Scratch::new("gold")?;
    let system = Scratch::new("system")?;
    let t = |v: &str, s: &str| format!(r#"<TIMEX3 tid="t1" type="DATE" value="{v}">{s}</TIMEX3>"#);
    gold.write(
        "news/a.tml",
        &tml(&format!("Attacked {}.", t("2001-09-11", "today"))),
    )?;
    gold.write(
        "news/b.tml",
        &tml(&format!(
            "Met {} and {}.",
            t("2001-09-10", "Monday"),
            t("2001-09", "September").replace("t1", "t2")
        )),
    )?;
    system.write(
        "news/a.tml",
        &tml(&format!("Attacked {}.", t("2001-09-12", "today"))),
    )?;
    system.write("news/c.tml", &tml("unrelated"))?;

    let report = evaluate_dirs(gold.path(), system.path())?;
    // a.tml: one strict pair with the wrong value; b.tml: no system file, two misses.
    // gold 3, system 1: strict P = 1, R = 1/3, F1 = 2·(1/3)/(4/3) = 0.5; value F1 = 0 × 0.5.
    let c = report.overall.counts;
    assert_eq!((c.gold, c.system, c.strict, c.value_correct), (3, 1, 1, 0));
    assert!((report.overall.strict.f1 - 0.5).abs() < 1e-12);
    assert_eq!(report.overall.value_f1, 0.0);
    assert_eq!(report.missing_files, ["news/b.tml"]);
    assert_eq!(report.extra_files, ["news/c.tml"]);
    let names: Vec<(&str, bool)> = report
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.missing))
        .collect();
    assert_eq!(names, [("news/a.tml", false), ("news/b.tml", true)]);
    assert_eq!(report.errors_of(ErrorKind::Missed).count(), 2);
    assert_eq!(report.errors_of(ErrorKind::Value).count(), 1);
    assert!(report.text_mismatches.is_empty());
    let table = report.to_text(true, true);
    assert!(table.contains("news/b.tml (no system file)"), "{table}");
    assert!(table.contains("no system file for news/b.tml"), "{table}");
    Ok(())
}

#[test]
fn rewrites_a_directory_with_new_annotations() -> TestResult {
    let input = Scratch::new("rewrite-in")?;
    let output = Scratch::new("rewrite-out")?;
    input.write(
        "x/a.tml",
        &tml(r#"Left <TIMEX3 tid="t1" type="DATE" value="2001-09-10">yesterday</TIMEX3>."#),
    )?;
    input.write("b.tml", &tml("Nothing."))?;
    let mut seen = Vec::new();
    let done = annalist_timeml::rewrite_dir(input.path(), output.path(), |name, doc| {
        seen.push((name.to_string(), doc.dct.as_ref().map(|d| d.value.clone())));
        // Tag every "Left"/"Nothing" word [0, 4) as a DATE, nested in a longer one: the
        // nested one is dropped.
        annalist_timeml::non_overlapping(vec![
            TimexAnnotation::new(0, 2, "DATE", "inner"),
            TimexAnnotation::new(0, 4, "DATE", "outer"),
        ])
    })?;
    assert_eq!(done.files, 2);
    assert_eq!(done.timexes, 2);
    assert_eq!(
        seen,
        [
            ("b.tml".to_string(), Some("2001-09-11".to_string())),
            ("x/a.tml".to_string(), Some("2001-09-11".to_string()))
        ]
    );
    let docs = read_dir(output.path())?;
    assert_eq!(docs[1].0, "x/a.tml");
    assert_eq!(docs[1].1.text, "Left yesterday.");
    let t = &docs[1].1.timexes;
    assert_eq!(
        (t.len(), t[0].value.as_str(), t[0].tid.as_str()),
        (1, "outer", "t1")
    );

    // Overlapping annotations are refused, naming the file.
    let e = annalist_timeml::rewrite_dir(input.path(), output.path(), |_, _| {
        vec![
            TimexAnnotation::new(0, 3, "DATE", "a"),
            TimexAnnotation::new(2, 4, "DATE", "b"),
        ]
    })
    .unwrap_err();
    assert!(
        e.to_string().contains("b.tml") && e.to_string().contains("overlaps"),
        "{e}"
    );
    Ok(())
}
