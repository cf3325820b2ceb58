//! The `annalist` binary, run as a user runs it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::io::Write;
use std::process::{Command, Stdio};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn annalist() -> Command {
    Command::new(env!("CARGO_BIN_EXE_annalist"))
}

fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn run_with_stdin(
    cmd: &mut Command,
    input: impl AsRef<[u8]>,
) -> Result<std::process::Output, Box<dyn std::error::Error>> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Written from another thread: a large input and a large output would otherwise fill
    // both pipes and wait on each other.
    let mut stdin = child.stdin.take().ok_or("the child's stdin")?;
    let input = input.as_ref().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output()?;
    writer
        .join()
        .map_err(|_| "the thread writing stdin panicked")??;
    Ok(out)
}

#[test]
fn tags_the_bundled_example() -> TestResult {
    let out = annalist()
        .args(["tag", "--dct", "2026-01-20", "--format", "json"])
        .arg(repo("examples/articles/baku-1990.txt"))
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(v["dct"], "2026-01-20");
    let timexes = v["timexes"].as_array().ok_or("no timexes array")?;
    let find = |text: &str| {
        timexes
            .iter()
            .find(|t| t["text"] == text)
            .ok_or_else(|| format!("{text:?} not found"))
    };
    let d = find("the night of January 19, 1990")?;
    assert_eq!(d["type"], "TIME");
    assert_eq!(d["value"], "1990-01-19TNI");
    // A night runs from 20:00 into the next morning.
    assert_eq!(d["interval"]["start"], "1990-01-19T20:00");
    assert_eq!(d["interval"]["end"], "1990-01-20T06:00");
    // An anniversary piece: the months and days after the stated date keep its year.
    assert_eq!(find("early February")?["value"], "1990-02");
    // Narrative: the next day after the night of January 19/20.
    assert_eq!(find("The next day")?["anchor"], "narrative");
    assert_eq!(find("this year")?["value"], "2026");
    Ok(())
}

#[test]
fn tag_writes_a_timeml_document_that_reads_back_as_the_json_output() -> TestResult {
    // About 200 KB, so that the text streams through in several chunks; with characters to
    // escape and one (U+0001) that XML cannot carry.
    let paragraph = "On March 3, 1988 & <after> a curfew was announced at 4 a.m.\u{1} \
                     Thirty-seven years ago \"today\", from 2001 to 2009, twice a week.\n\n";
    let input = paragraph.repeat(2_000);
    let tag = |format: &str| -> Result<String, Box<dyn std::error::Error>> {
        let out = run_with_stdin(
            annalist().args(["tag", "-", "--dct", "2025-03-03", "--format", format]),
            &input,
        )?;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(String::from_utf8(out.stdout)?)
    };
    let doc = annalist_timeml::parse_tml(&tag("timeml")?)?;
    assert_eq!(doc.dct.ok_or("no DCT")?.value, "2025-03-03");
    assert_eq!(doc.text, input.replace('\u{1}', "\u{FFFD}"));
    let json: serde_json::Value = serde_json::from_str(&tag("json")?)?;
    let expected = json["timexes"]
        .as_array()
        .ok_or("no timexes array")?
        .iter()
        .map(|t| {
            let s = |k: &str| t[k].as_str().ok_or(format!("no {k}"));
            Ok((
                t["start"].as_u64().ok_or("no start")?,
                t["end"].as_u64().ok_or("no end")?,
                s("type")?,
                s("value")?,
            ))
        })
        .collect::<Result<Vec<(u64, u64, &str, &str)>, Box<dyn std::error::Error>>>()?;
    let got: Vec<(u64, u64, &str, &str)> = doc
        .timexes
        .iter()
        .map(|t| {
            (
                t.start as u64,
                t.end as u64,
                t.kind.as_str(),
                t.value.as_str(),
            )
        })
        .collect();
    assert_eq!(got.len(), 2_000 * 7, "seven expressions a paragraph");
    assert_eq!(got, expected);
    let twice = doc
        .timexes
        .iter()
        .find(|t| t.kind == "SET")
        .ok_or("no SET")?;
    assert_eq!(twice.freq.as_deref(), Some("2X"));
    Ok(())
}

#[test]
fn jsonl_mode_reports_bad_lines_and_goes_on() -> TestResult {
    let input = concat!(
        r#"{"id": 1, "text": "It rained yesterday.", "dct": "2025-03-14"}"#,
        "\n",
        "not json\n",
        r#"{"id": 3, "text": "Talks resume next week.", "dct": "2025-03-14"}"#,
        "\n",
    );
    let out = run_with_stdin(annalist().args(["tag", "--jsonl"]), input)?;
    assert!(
        !out.status.success(),
        "a bad line makes the run fail at the end"
    );
    let lines = String::from_utf8(out.stdout)?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<Vec<serde_json::Value>, _>>()?;
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["timexes"][0]["value"], "2025-03-13");
    assert_eq!(lines[1]["line"], 2);
    assert!(
        lines[1]["error"]
            .as_str()
            .ok_or("no error")?
            .contains("line 2")
    );
    assert_eq!(lines[2]["timexes"][0]["value"], "2025-W12");
    Ok(())
}

#[test]
fn the_date_order_flag_turns_ambiguous_numeric_dates_round() -> TestResult {
    let text = "The hearing was set for 6/12/2026.";
    let value = |order: &str| -> Result<String, Box<dyn std::error::Error>> {
        let out = run_with_stdin(
            annalist().args(["tag", "--dct", "2026-12-07", "--date-order", order]),
            text,
        )?;
        assert!(out.status.success(), "{out:?}");
        let stdout = String::from_utf8(out.stdout)?;
        Ok(stdout.split('\t').nth(3).unwrap_or_default().to_string())
    };
    assert_eq!(value("day-first")?, "2026-12-06");
    assert_eq!(value("month-first")?, "2026-06-12");
    assert_eq!(value("auto")?, "2026-06-12");
    // JSON lines take it too.
    let line = r#"{"id": 1, "text": "Set for 6/12/2026.", "dct": "2026-12-07"}"#;
    let out = run_with_stdin(
        annalist().args(["tag", "--jsonl", "--date-order", "day-first"]),
        line,
    )?;
    let json: serde_json::Value = serde_json::from_str(String::from_utf8(out.stdout)?.trim())?;
    assert_eq!(json["timexes"][0]["value"], "2026-12-06");
    Ok(())
}

#[test]
fn bad_dct_and_bad_utf8_are_one_line_errors() -> TestResult {
    let out = annalist()
        .args(["tag", "--dct", "2026-13-45"])
        .arg(repo("examples/articles/baku-1990.txt"))
        .output()?;
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr)?;
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("2026-13-45"), "{err}");

    let out = run_with_stdin(
        annalist().args(["tag", "--dct", "2025-01-01", "-"]),
        b"ok text\n\xff\xfe bad",
    )?;
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr)?;
    assert!(err.contains("not valid UTF-8 at byte 8"), "{err}");
    Ok(())
}

#[test]
fn extract_reads_a_folder_reports_skips_and_fails() -> TestResult {
    let out = annalist()
        .args(["extract", "--quiet"])
        .arg(repo("crates/annalist-ingest/tests/fixtures"))
        .output()?;
    assert_eq!(
        out.status.code(),
        Some(1),
        "skipped inputs make the run fail"
    );
    let err = String::from_utf8(out.stderr)?;
    let summary = err.lines().last().ok_or("nothing on stderr")?;
    assert!(summary.starts_with("read "), "{summary}");
    assert!(summary.contains("skipped"), "{summary}");
    let docs = String::from_utf8(out.stdout)?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<Vec<serde_json::Value>, _>>()?;
    assert!(docs.len() >= 30);
    for d in &docs {
        let text: Vec<char> = d["doc"]["text"]
            .as_str()
            .ok_or("no doc text")?
            .chars()
            .collect();
        for t in d["timexes"].as_array().ok_or("no timexes array")? {
            let (s, e) = (
                t["start"].as_u64().ok_or("no start")? as usize,
                t["end"].as_u64().ok_or("no end")? as usize,
            );
            let span: String = text[s..e].iter().collect();
            assert_eq!(span, t["text"].as_str().ok_or("no text")?);
        }
        assert!(d["doc"]["id"].as_str().ok_or("no doc id")?.len() >= 32);
    }
    Ok(())
}

/// `annalist extract --quiet FLAGS -` on `input`: the one document's JSON, the run checked.
fn extract_stdin(
    flags: &[&str],
    input: &str,
) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    let mut args = vec!["extract", "--quiet"];
    args.extend_from_slice(flags);
    args.push("-");
    let out = run_with_stdin(annalist().args(&args), input)?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(serde_json::from_slice(&out.stdout)?)
}

#[test]
fn extract_takes_the_date_order_for_every_document() -> TestResult {
    let value = |order: &str| -> Result<String, Box<dyn std::error::Error>> {
        let d = extract_stdin(
            &["--date-order", order],
            "Date: 2026-12-07\n\nThe hearing was set for 6/12/2026.\n",
        )?;
        Ok(d["timexes"][0]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string())
    };
    assert_eq!(value("day-first")?, "2026-12-06");
    assert_eq!(value("auto")?, "2026-06-12");
    Ok(())
}

#[test]
fn extract_from_stdin_with_a_dct_flag() -> TestResult {
    let d = extract_stdin(
        &["--dct", "2025-03-14"],
        "Title: Curfew\n\nThirty-seven years ago a curfew was announced on the radio.\n",
    )?;
    assert_eq!(d["doc"]["dct_source"], "flag");
    assert_eq!(d["timexes"][0]["value"], "1988");
    Ok(())
}

#[test]
fn timeline_of_files_is_chronological_across_eras() -> TestResult {
    let out = annalist()
        .args(["timeline", "--format", "json"])
        .arg(repo(
            "crates/annalist-extract/tests/gold/tune/10_ancient_rome.txt",
        ))
        .arg(repo(
            "crates/annalist-extract/tests/gold/tune/06_fall_of_constantinople.txt",
        ))
        .arg(repo("examples/articles/baku-1990.txt"))
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = String::from_utf8(out.stdout)?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<Vec<serde_json::Value>, _>>()?;
    let starts: Vec<String> = rows
        .iter()
        .filter_map(|r| r["date"]["interval"]["start"].as_str().map(str::to_string))
        .collect();
    assert!(starts.len() >= 8, "{starts:?}");
    // 46 BC, 44 BC, 27 BC, 1453, …, 1990, 2026: chronological, not lexical.
    assert!(starts[0].starts_with("-000045"), "{starts:?}");
    let pos = |prefix: &str| {
        starts
            .iter()
            .position(|s| s.starts_with(prefix))
            .ok_or_else(|| format!("no start with {prefix}"))
    };
    assert!(pos("-000026")? < pos("1453")?);
    assert!(pos("1453")? < pos("1990")?);
    assert!(pos("1990")? < pos("2026")?);
    // Every row names its source span.
    assert!(
        rows.iter()
            .all(|r| r["source"]["end"].as_u64() > r["source"]["start"].as_u64())
    );
    Ok(())
}

#[test]
fn a_language_pack_folder_is_checked_and_used_without_rebuilding() -> TestResult {
    let pack = repo("examples/packs/ru");
    let out = check_pack(&pack)?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("examples pass"), "{stdout}");

    let out = run_with_stdin(
        annalist()
            .args([
                "tag",
                "-",
                "--dct",
                "2027-01-20",
                "--format",
                "json",
                "--pack",
            ])
            .arg(&pack),
        "Тридцать семь лет назад, 20 января 1990 года, в Баку вошли войска.",
    )?;
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let values = v["timexes"]
        .as_array()
        .ok_or("no timexes array")?
        .iter()
        .map(|t| t["value"].as_str().ok_or("no value"))
        .collect::<Result<Vec<&str>, _>>()?;
    assert_eq!(values, ["1990", "1990-01-20"]);

    // `extract` (and `add`, which shares its options) tags documents in the pack's language.
    let doc = "Date: 2027-01-20\n\nТридцать семь лет назад, 20 января 1990 года, в Баку вошли \
               советские войска.\n";
    let docs = tempfile::tempdir()?;
    std::fs::write(docs.path().join("baku.txt"), doc)?;
    let extracted =
        |extra: &[&std::path::Path]| -> Result<serde_json::Value, Box<dyn std::error::Error>> {
            let out = annalist()
                .arg("extract")
                .arg(docs.path())
                .args(
                    extra
                        .iter()
                        .flat_map(|p| [std::path::Path::new("--pack"), p]),
                )
                .output()?;
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            Ok(serde_json::from_slice::<serde_json::Value>(&out.stdout)?)
        };
    let with_pack = extracted(&[&pack])?;
    assert_eq!(with_pack["doc"]["language"], "ru");
    assert_eq!(with_pack["timexes"][1]["value"], "1990-01-20");
    let without = extracted(&[])?;
    assert_eq!(
        without["timexes"]
            .as_array()
            .ok_or("no timexes array")?
            .len(),
        0
    );
    assert!(
        without["notes"][0]
            .as_str()
            .ok_or("no note")?
            .contains("--pack")
    );

    // A pack whose example is wrong fails the check and names the line.
    let dir = copy_pack_with(
        &pack,
        "rules.txt",
        "=> DATE 1990-01-20",
        "=> DATE 1990-01-21",
    )?;
    assert_check_fails(
        dir.path(),
        &["(date.day-month-year)", "expected DATE 1990-01-21"],
        &[
            ": 1 of ",
            " rule examples and 0 of ",
            " figures examples fail",
        ],
    )?;
    // A pack that does not parse is a one-line error with the file and line.
    std::fs::write(
        dir.path().join("rules.txt"),
        "rule a\n  match: NOSUCHCLASS\n",
    )?;
    assert_check_fails(dir.path(), &[], &["rules.txt:2"])
}

fn check_pack(dir: &std::path::Path) -> std::io::Result<std::process::Output> {
    annalist().arg("check-pack").arg(dir).output()
}

/// A copy of the pack in `pack` with `from` replaced by `to` in its file `name`.
fn copy_pack_with(
    pack: &std::path::Path,
    name: &str,
    from: &str,
    to: &str,
) -> Result<tempfile::TempDir, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    for entry in std::fs::read_dir(pack)? {
        let path = entry?.path();
        std::fs::copy(
            &path,
            dir.path().join(path.file_name().ok_or("no file name")?),
        )?;
    }
    let text = std::fs::read_to_string(pack.join(name))?;
    assert!(text.contains(from), "{name} has no {from:?}");
    std::fs::write(dir.path().join(name), text.replace(from, to))?;
    Ok(dir)
}

/// `check-pack` on `dir` fails, printing each of `stdout_has`, with a one-line error that
/// contains each of `error_has`.
fn assert_check_fails(
    dir: &std::path::Path,
    stdout_has: &[&str],
    error_has: &[&str],
) -> TestResult {
    let out = check_pack(dir)?;
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    for needle in stdout_has {
        assert!(stdout.contains(needle), "{needle:?} not in {stdout}");
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    for needle in error_has {
        assert!(stderr.contains(needle), "{needle:?} not in {stderr}");
    }
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    Ok(())
}

#[test]
fn a_pack_with_figures_txt_finds_figures_in_its_language() -> TestResult {
    let pack = repo("examples/packs/tr");
    let out = check_pack(&pack)?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("figures examples pass"), "{stdout}");

    let docs = tempfile::tempdir()?;
    let doc = "Tarih: 3 Mart 2025\n\nOtuz yedi yıl önce, 3 Mart 1988'de bölgeye 20.000'den \
               fazla asker getirildi. Ertesi gün 52 kişi öldü.\n";
    std::fs::write(docs.path().join("anma.txt"), doc)?;
    let out = annalist()
        .arg("extract")
        .arg(docs.path())
        .arg("--pack")
        .arg(&pack)
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(
        v["doc"]["published"]
            .as_str()
            .ok_or("no published date")?
            .get(..10),
        Some("2025-03-03")
    );
    let figures = v["figures"]
        .as_array()
        .ok_or("no figures array")?
        .iter()
        .map(|f| {
            Ok((
                f["value"].as_f64().ok_or("no value")?,
                f["category"].as_str().ok_or("no category")?,
            ))
        })
        .collect::<Result<Vec<(f64, &str)>, Box<dyn std::error::Error>>>()?;
    assert_eq!(figures, [(20000.0, "deployed"), (52.0, "killed")]);

    // A wrong figures example fails the check, naming its line; a broken file is one line.
    let dir = copy_pack_with(
        &pack,
        "figures.txt",
        "=> 97 | exact | arrested",
        "=> 98 | exact | arrested",
    )?;
    assert_check_fails(
        dir.path(),
        &["figures.txt:", "got 97 | exact | arrested"],
        &[
            ": 0 of ",
            " rule examples and 1 of ",
            " figures examples fail",
        ],
    )?;
    std::fs::write(
        dir.path().join("figures.txt"),
        "[killed verb]\nöldü\n[nonsense]\nx\n",
    )?;
    assert_check_fails(dir.path(), &[], &["figures.txt:4"])
}

#[test]
fn sources_in_different_languages_are_compared() -> TestResult {
    // One day, told in English, Russian and Turkish, with a figure that disagrees.
    let docs = tempfile::tempdir()?;
    let write = |name: &str, text: &str| std::fs::write(docs.path().join(name), text);
    write(
        "en.txt",
        "Date: 2026-02-27\n\nBAKU, Feb. 27 (Wire) - On February 26, 1992 the attack on the town \
         killed 613 people, officials say.\n",
    )?;
    write(
        "ru.txt",
        "Дата: 27 февраля 2026\n\nТридцать четыре года назад, 26 февраля 1992 года, при \
         нападении на город погибли 485 человек.\n",
    )?;
    write(
        "tr.txt",
        "Tarih: 27 Şubat 2026\n\nOtuz dört yıl önce, 26 Şubat 1992'de kasabada 613 kişi \
         hayatını kaybetti.\n",
    )?;
    let db = docs.path().join("archive.db");
    let out = annalist()
        .arg("add")
        .arg(docs.path())
        .arg("--db")
        .arg(&db)
        .arg("--pack")
        .arg(repo("examples/packs/ru"))
        .arg("--pack")
        .arg(repo("examples/packs/tr"))
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = annalist()
        .args(["conflicts", "--format", "json", "--db"])
        .arg(&db)
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let conflict = &v["conflicts"][0];
    assert_eq!(conflict["date"], "1992-02-26");
    assert_eq!(conflict["category"], "killed");
    assert_eq!(conflict["best"], 485.0);
    let mut sides = conflict["figures"]
        .as_array()
        .ok_or("no figures array")?
        .iter()
        .map(|f| {
            Ok((
                f["figure"]["text"]
                    .as_str()
                    .ok_or("no figure text")?
                    .to_string(),
                f["figure"]["value"].as_f64().ok_or("no figure value")?,
            ))
        })
        .collect::<Result<Vec<(String, f64)>, Box<dyn std::error::Error>>>()?;
    sides.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        sides,
        [
            ("485 человек".to_string(), 485.0),
            ("613 kişi".to_string(), 613.0),
            ("613 people".to_string(), 613.0)
        ]
    );
    Ok(())
}

#[test]
fn the_example_articles_in_other_languages_are_read_with_their_packs() -> TestResult {
    let mut extract = annalist();
    extract.arg("extract").arg(repo("examples/articles-other"));
    for code in ["ru", "tr", "az"] {
        extract
            .arg("--pack")
            .arg(repo(&format!("examples/packs/{code}")));
    }
    let out = extract.output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<Vec<serde_json::Value>, _>>()?;
    assert_eq!(docs.len(), 3);
    for doc in &docs {
        let language = doc["doc"]["language"].as_str().ok_or("no language")?;
        let path = doc["doc"]["path"].as_str().ok_or("no path")?;
        assert!(
            path.ends_with(&format!("-{language}.txt")),
            "{path} read as {language}"
        );
        assert_eq!(
            doc["doc"]["published"]
                .as_str()
                .ok_or("no published date")?
                .get(..10),
            Some("2026-01-20")
        );
        // Each tells the night of 19-20 January 1990 and gives the official toll.
        let values = doc["timexes"]
            .as_array()
            .ok_or("no timexes array")?
            .iter()
            .map(|t| t["value"].as_str().ok_or("no value"))
            .collect::<Result<Vec<&str>, _>>()?;
        assert!(
            values.iter().any(|v| v.starts_with("1990-01-")),
            "{path}: {values:?}"
        );
        let figures = doc["figures"]
            .as_array()
            .ok_or("no figures array")?
            .iter()
            .map(|f| {
                Ok((
                    f["value"].as_f64().ok_or("no value")?,
                    f["category"].as_str().ok_or("no category")?,
                ))
            })
            .collect::<Result<Vec<(f64, &str)>, Box<dyn std::error::Error>>>()?;
        assert!(figures.contains(&(131.0, "killed")), "{path}: {figures:?}");
        assert!(figures.contains(&(744.0, "injured")), "{path}: {figures:?}");
    }
    Ok(())
}
