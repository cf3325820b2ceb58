//! Runs the `>` example lines of every vocabulary file: each line is a sentence and the
//! figures expected from it, written by hand next to the words they exercise.

use crate::lang::ENGLISH_FILES;
use crate::{FigureOptions, extract_figures};

/// One expected figure: `value | bound | category[:quantity] | counted`.
#[derive(Debug, PartialEq)]
struct Expected {
    value: String,
    bound: String,
    category: String,
    counted: String,
}

fn parse(expect: &str) -> Vec<Expected> {
    if expect.trim() == "none" {
        return Vec::new();
    }
    expect
        .split(";;")
        .map(|one| {
            let f: Vec<&str> = one.split('|').map(str::trim).collect();
            assert_eq!(f.len(), 4, "bad expectation {one:?}");
            let category = if f[2].contains(':') {
                f[2].to_string()
            } else {
                format!("{}:count", f[2])
            };
            Expected {
                value: f[0].to_string(),
                bound: f[1].to_string(),
                category,
                counted: f[3].to_lowercase(),
            }
        })
        .collect()
}

fn format_value(v: f64) -> String {
    format!("{v}")
}

#[test]
fn vocabulary_examples() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (file, data) in ENGLISH_FILES {
        for line in data.lines() {
            let Some(example) = line.strip_prefix('>') else {
                continue;
            };
            let (sentence, expect) = example.split_once("=>").expect("example needs =>");
            let sentence = sentence.trim();
            count += 1;
            let got: Vec<Expected> = extract_figures(sentence, &FigureOptions::default())
                .into_iter()
                .map(|f| Expected {
                    value: match (f.low, f.high) {
                        (Some(l), Some(h)) => format!("{}-{}", format_value(l), format_value(h)),
                        _ => format_value(f.value),
                    },
                    bound: f.bound.as_str().to_string(),
                    category: format!("{}:{}", f.category.as_str(), f.quantity.as_str()),
                    counted: f.counted.to_lowercase(),
                })
                .collect();
            let want = parse(expect);
            if got != want {
                failures.push(format!(
                    "{file}: {sentence:?}\n  want {want:?}\n  got  {got:?}"
                ));
            }
        }
    }
    assert!(count >= 50, "only {count} examples");
    assert!(
        failures.is_empty(),
        "{} of {count} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
