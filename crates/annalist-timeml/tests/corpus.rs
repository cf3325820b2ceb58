//! The real corpora in ../shared/data: counts, offsets, round trips and self-scoring.
//!
//! The corpora live outside the repository. When one is missing these tests fail under
//! `CI=true` and otherwise skip with a message.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::{Path, PathBuf};

use annalist_timeml::{evaluate, parse_tml, read_dir, tml_files, write_tml};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn corpus(relative: &str) -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(relative);
    if root.is_dir() {
        return Some(root);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "corpus missing at {} (required when CI=true)",
            root.display()
        );
    }
    eprintln!("skipping: corpus not found at {}", root.display());
    None
}

/// The text of every TIMEX3 inside `<TEXT>`, found with plain string search (not the crate's
/// reader), tags inside removed and the few entities the corpora use decoded.
fn timex_texts_by_search(xml: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let xml = xml.replace("\r\n", "\n");
    let start = xml.find("<TEXT>").ok_or("a <TEXT>")?;
    let end = xml.find("</TEXT>").ok_or("a </TEXT>")?;
    let mut rest = &xml[start..end];
    let mut found = Vec::new();
    while let Some(i) = rest.find("<TIMEX3") {
        let after_tag = &rest[i..][rest[i..].find('>').ok_or("tag end")? + 1..];
        let close = after_tag.find("</TIMEX3>").ok_or("a </TIMEX3>")?;
        let mut inner = String::new();
        let mut in_tag = false;
        for c in after_tag[..close].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => inner.push(c),
                _ => {}
            }
        }
        found.push(
            inner
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&"),
        );
        rest = &after_tag[close..];
    }
    Ok(found)
}

fn check_offsets_and_round_trip(root: &Path) -> Result<usize, Box<dyn std::error::Error>> {
    let mut total = 0;
    for (name, path) in tml_files(root)? {
        let xml = std::fs::read_to_string(&path)?;
        let doc = parse_tml(&xml).map_err(|e| format!("{name}: {e}"))?;
        let sliced: Vec<String> = doc.timexes.iter().map(|t| doc.covered_text(t)).collect();
        assert_eq!(sliced, timex_texts_by_search(&xml)?, "{name}");
        total += doc.timexes.len();

        let rewritten = write_tml(&xml, &doc.timexes).map_err(|e| format!("{name}: {e}"))?;
        let back = parse_tml(&rewritten).map_err(|e| format!("{name} rewritten: {e}"))?;
        assert_eq!(back.text, doc.text, "{name}");
        assert_eq!(back.timexes, doc.timexes, "{name}");
        assert_eq!(back.dct, doc.dct, "{name}");
        assert_eq!(back.docid, doc.docid, "{name}");
        // Kept up to <TEXT>, nothing but closing tags after </TEXT>.
        let open = xml.find("<TEXT>").ok_or("a <TEXT>")? + "<TEXT>".len();
        assert_eq!(rewritten[..open], xml[..open], "{name}");
        assert!(rewritten.ends_with("</TEXT>\n</TimeML>\n"), "{name}");
        assert_eq!(rewritten.matches("</TEXT>").count(), 1, "{name}");
        let text_part = &rewritten[open..];
        assert!(
            !text_part.contains("<EVENT") && !text_part.contains("<TLINK"),
            "{name}"
        );
    }
    Ok(total)
}

#[test]
fn tempeval3_train_has_256_files_and_1822_timexes() -> TestResult {
    let Some(root) = corpus("tempeval3/train") else {
        return Ok(());
    };
    let docs = read_dir(&root)?;
    assert_eq!(docs.len(), 256);
    assert_eq!(
        docs.iter()
            .filter(|(n, _)| n.starts_with("TimeBank/"))
            .count(),
        183
    );
    assert_eq!(
        docs.iter()
            .filter(|(n, _)| n.starts_with("AQUAINT/"))
            .count(),
        73
    );
    let count = |prefix: &str| -> usize {
        docs.iter()
            .filter(|(n, _)| n.starts_with(prefix))
            .map(|(_, d)| d.timexes.len())
            .sum()
    };
    assert_eq!(count("TimeBank/"), 1243);
    assert_eq!(count("AQUAINT/"), 579);
    assert!(
        docs.iter()
            .all(|(_, d)| d.dct.is_some() && d.docid.is_some())
    );
    let mut names: Vec<&String> = docs.iter().map(|(n, _)| n).collect();
    names.sort();
    assert!(
        names.iter().copied().eq(docs.iter().map(|(n, _)| n)),
        "sorted by path"
    );

    // The first TimeBank file, checked by eye against the XML.
    let (name, abc) = &docs
        .iter()
        .find(|(n, _)| n.starts_with("TimeBank/"))
        .ok_or("a TimeBank file")?;
    assert_eq!(name.as_str(), "TimeBank/ABC19980108.1830.0711.tml");
    let dct = abc.dct.as_ref().ok_or("a DCT")?;
    assert_eq!(
        (dct.value.as_str(), dct.kind.as_str(), dct.tid.as_str()),
        ("1998-01-08", "DATE", "t0")
    );
    assert_eq!(
        abc.covered_text(&abc.timexes[1]),
        "the last twenty four hours"
    );
    assert_eq!(abc.timexes[1].value, "P1D");
    assert_eq!(abc.timexes[1].anchor_time_id.as_deref(), Some("t0"));
    assert!(
        abc.text
            .starts_with("\nOn the other hand, it's turning out to be")
    );
    Ok(())
}

#[test]
fn tempeval3_offsets_slice_the_tagged_text_and_round_trip() -> TestResult {
    let Some(root) = corpus("tempeval3/train") else {
        return Ok(());
    };
    assert_eq!(check_offsets_and_round_trip(&root)?, 1822);
    Ok(())
}

#[test]
fn tempeval3_scored_against_itself_is_perfect() -> TestResult {
    let Some(root) = corpus("tempeval3/train") else {
        return Ok(());
    };
    let docs = read_dir(&root)?;
    let pairs: Vec<(&str, _, _)> = docs.iter().map(|(n, d)| (n.as_str(), d, d)).collect();
    let report = evaluate(&pairs);
    for s in std::iter::once(&report.overall).chain(report.files.iter().map(|f| &f.scores)) {
        for figure in [
            s.strict.precision,
            s.strict.recall,
            s.strict.f1,
            s.relaxed.precision,
            s.relaxed.recall,
            s.relaxed.f1,
            s.type_accuracy,
            s.type_f1,
            s.value_accuracy,
            s.value_f1,
            s.mod_accuracy,
        ] {
            assert_eq!(figure, 1.0);
        }
    }
    assert_eq!(report.overall.counts.strict, 1822);
    assert!(report.errors.is_empty());
    assert!(report.text_mismatches.is_empty());
    Ok(())
}

#[test]
fn wikiwars_and_tweets_read_and_round_trip() -> TestResult {
    for corpus_dir in ["wikiwars-timex3", "tweets-zhong"] {
        let Some(root) = corpus(corpus_dir) else {
            continue;
        };
        assert!(check_offsets_and_round_trip(&root)? > 0, "{corpus_dir}");
    }
    Ok(())
}
