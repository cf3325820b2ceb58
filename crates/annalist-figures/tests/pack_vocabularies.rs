//! The figures vocabularies of the sketch language packs in `examples/packs/` (Turkish,
//! Azerbaijani, Russian) parse and pass their own example lines, with no change to the engine:
//! if one needs an engine change to pass, the engine has grown an English assumption that a
//! vocabulary cannot express. (Writing them found six, now settings or
//! classes: number separators, the implied noun, singular nouns after numbers, verb-final
//! clauses, case endings on numbers and the words of a range.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_figures::{FigureOptions, Vocabulary};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn vocabulary(code: &str) -> Result<Vocabulary, Box<dyn std::error::Error>> {
    let path = format!(
        "{}/../../examples/packs/{code}/figures.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let data = std::fs::read_to_string(&path)?;
    Ok(Vocabulary::parse(&[("figures.txt", &data)])?)
}

fn assert_examples_pass(code: &str) -> TestResult {
    let v = vocabulary(code)?;
    assert!(v.examples().len() >= 12, "{code}: too few examples");
    let failures: Vec<String> = v.check_examples().iter().map(ToString::to_string).collect();
    assert!(failures.is_empty(), "{code}:\n{}", failures.join("\n"));
    Ok(())
}

#[test]
fn the_turkish_figures_pass_their_examples() -> TestResult {
    assert_examples_pass("tr")
}

#[test]
fn the_azerbaijani_figures_pass_their_examples() -> TestResult {
    assert_examples_pass("az")
}

#[test]
fn the_russian_figures_pass_their_examples() -> TestResult {
    assert_examples_pass("ru")
}

/// (value, category, counted) of each figure.
fn found(v: &Vocabulary, text: &str) -> Vec<(f64, &'static str, String)> {
    v.extract(text, &FigureOptions::default())
        .into_iter()
        .map(|f| (f.value, f.category.as_str(), f.counted))
        .collect()
}

#[test]
fn a_case_ending_on_a_number_is_no_compound_adjective() -> TestResult {
    let az = vocabulary("az")?;
    // "The number of dead reached 61; 12 people are missing": 61 is a count of the dead, not
    // an adjective as English "17-year-old" would be, and "çatdı" (reached) is not counted.
    assert_eq!(
        found(&az, "Ölənlərin sayı 61-ə çatdı, 12 nəfər itkin düşdü."),
        [
            (61.0, "killed", "nəfər".to_string()),
            (12.0, "missing", "nəfər".to_string())
        ]
    );
    // Without a listed ending, a hyphenated word still makes an adjective.
    assert!(found(&az, "Ölənlərin sayı 61-xyz çatdı.").is_empty());
    Ok(())
}

#[test]
fn each_language_reads_its_own_number_separators() -> TestResult {
    let (tr, ru) = (vocabulary("tr")?, vocabulary("ru")?);
    assert_eq!(found(&tr, "20.000 asker getirildi.")[0].0, 20000.0);
    assert_eq!(found(&ru, "Погибли 3,5 тысячи человек.")[0].0, 3500.0);
    assert_eq!(found(&ru, "Введены 26 000 военнослужащих.")[0].0, 26000.0);
    Ok(())
}
