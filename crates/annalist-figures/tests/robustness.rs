//! No input makes the extractor panic or return offsets outside the text, and figures'
//! offsets always cut out exactly their `text`. Speed on pathological input is measured by
//! the benchmark (`digits_10mb`, `powers`), not timed here.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_figures::{FigureOptions, Vocabulary, extract_figures};
use proptest::prelude::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn check(text: &str, opts: &FigureOptions) -> TestResult {
    check_with(Vocabulary::english()?, text, opts);
    Ok(())
}

/// The Turkish sketch's vocabulary: full stops group thousands, the verb comes last.
fn turkish() -> Result<&'static Vocabulary, Box<dyn std::error::Error>> {
    static TURKISH: std::sync::OnceLock<Result<Vocabulary, annalist_figures::LexiconError>> =
        std::sync::OnceLock::new();
    let parsed = TURKISH.get_or_init(|| {
        let data = include_str!("../../../examples/packs/tr/figures.txt");
        Vocabulary::parse(&[("figures.txt", data)])
    });
    Ok(parsed.as_ref().map_err(ToString::to_string)?)
}

fn check_with(vocabulary: &Vocabulary, text: &str, opts: &FigureOptions) {
    let chars: Vec<char> = text.chars().collect();
    let mut last_start = 0;
    for f in vocabulary.extract(text, opts) {
        assert!(f.start < f.end && f.end <= chars.len(), "{f:?} in {text:?}");
        let cut: String = chars[f.start..f.end].iter().collect();
        assert_eq!(cut, f.text);
        assert!(f.start >= last_start, "figures out of order in {text:?}");
        last_start = f.start;
        assert_eq!(text.get(f.byte_start..f.byte_end), Some(f.text.as_str()));
        assert!(
            f.start <= f.number_span.0 && f.number_span.1 <= f.end,
            "{f:?}"
        );
        assert!(f.value.is_finite());
        if let (Some(l), Some(h)) = (f.low, f.high) {
            assert!(l < h);
        }
    }
}

/// Words and numbers of the Turkish sketch, to be run together.
const TURKISH_PIECES: &[&str] = &[
    "52",
    "kişi",
    "öldü",
    ",",
    "20.000",
    "'den",
    "fazla",
    "asker",
    "getirildi",
    ".",
    "en",
    "az",
    "yüzde",
    "%",
    "12",
    "1.500",
    "3,5",
    "bin",
    "yüzlerce",
    "on",
    "binlerce",
    "gözaltına",
    "alındı",
    "bölgeye",
    "ölü",
    "sayısı",
    "61",
    "'e",
    "yükseldi",
    "ve",
    "ile",
    "kayıp",
    "yaklaşık",
    "civarında",
    "1.000.000.000.000.000.000",
    "9,9,9",
    "..",
    "-",
];

/// Pieces of news prose that exercise every rule, to be shuffled together.
const PIECES: [&str; 40] = [
    "52",
    "20,000",
    "20 000",
    "3.5",
    "million",
    "one",
    "hundred",
    "forty",
    "-",
    "–",
    "one-",
    "dozens",
    "of",
    "tens",
    "thousands",
    "between",
    "and",
    "more than",
    "at least",
    "up to",
    "people",
    "were",
    "killed",
    "wounded",
    "the killing of",
    "troops",
    "police",
    "detained",
    ",",
    ".",
    "$",
    "%",
    "percent",
    "March",
    "1988",
    "aged",
    "Article",
    "(",
    ")",
    "\n\n",
];

/// Found by the property below: a byte end inside the text's last character.
#[test]
fn a_span_ending_inside_the_last_character_stays_inside_the_text() {
    let text = "ab ਏ"; // 'ਏ' is three bytes, starting at byte 3
    let opts = FigureOptions::from_byte_spans(text, &[(0, 4)]);
    assert_eq!(opts.exclude, vec![(0, 4)]);
    let opts = FigureOptions::from_byte_spans(text, &[(4, 5)]);
    assert_eq!(opts.exclude, vec![(3, 4)]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_on_any_string(text in "\\PC{0,200}") {
        check(&text, &FigureOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }

    /// A pack's figures.txt is user input: any text parses or is an error, never a panic,
    /// and what parses extracts without panicking.
    #[test]
    fn any_vocabulary_file_parses_or_is_an_error(
        lines in proptest::collection::vec(prop_oneof![
            Just("[settings]"), Just("[atom]"), Just("[killed verb]"), Just("[ending]"),
            Just("[human]"), Just("[at_least after]"), Just("[nonsense x y]"), Just("["),
            Just("thousands = ."), Just("decimal = ,"), Just("decimal = ."), Just("people ="),
            Just("word_order = verb-final"), Just("bir = 1, iki = x"), Just("öldü, , ,"),
            Just("> 52 kişi öldü => 52 | exact | killed | kişi"), Just("> no arrow"),
            Just("kişi"), Just("- dən çox"), Just(""), Just("="), Just("[range]"),
            Just("<n> ile <n> arasında"), Just("<n> <n>"), Just("от <n> до <n>, <n>")
        ], 0..20),
        text in "[0-9 .,'a-zğüşıöç-]{0,60}",
    ) {
        let data = lines.join("\n");
        if let Ok(v) = Vocabulary::parse(&[("figures.txt", &data)]) {
            check_with(&v, &text, &FigureOptions::default());
            let _ = v.check_examples();
        }
    }

    #[test]
    fn a_pack_vocabulary_never_panics_either(
        picks in proptest::collection::vec(0..TURKISH_PIECES.len(), 0..80),
        glue in proptest::collection::vec(prop_oneof![Just(" "), Just(""), Just("'")], 80),
    ) {
        let text: String = picks
            .iter()
            .zip(&glue)
            .flat_map(|(&i, g)| [TURKISH_PIECES[i], *g])
            .collect();
        let turkish = turkish().map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_with(turkish, &text, &FigureOptions::default());
    }

    #[test]
    fn never_panics_on_news_like_soup(
        picks in proptest::collection::vec(0..PIECES.len(), 0..80),
        spans in proptest::collection::vec((0usize..400, 0usize..400), 0..6),
    ) {
        let text = picks.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
        check(&text, &FigureOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Exclusions may be reversed, empty, overlapping or out of range.
        check(&text, &FigureOptions { exclude: spans })
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
}

#[test]
fn pathological_inputs_finish() -> TestResult {
    let digits = "9".repeat(1 << 20);
    assert!(extract_figures(&digits, &FigureOptions::default()).is_empty());
    let powers = "10^30 ".repeat(50_000);
    check(&powers, &FigureOptions::default())?;
    let groups = format!("1{}", ",000".repeat(100_000));
    assert!(extract_figures(&groups, &FigureOptions::default()).is_empty());
    let spaced = format!("killed 1{}", " 000".repeat(100_000));
    check(&spaced, &FigureOptions::default())?;
    let dotted = format!("1{}", ".000".repeat(100_000));
    assert!(
        turkish()?
            .extract(&dotted, &FigureOptions::default())
            .is_empty()
    );
    let verb_final = "52 kişi ".to_string() + &"bölgeye ".repeat(100_000) + "öldü";
    check_with(turkish()?, &verb_final, &FigureOptions::default());
    let words = "one hundred ".repeat(50_000) + "people were killed";
    check(&words, &FigureOptions::default())?;
    let list = "killed 5 men, ".repeat(50_000);
    assert_eq!(
        extract_figures(&list, &FigureOptions::default()).len(),
        50_000
    );
    Ok(())
}

proptest! {
    /// Byte spans anywhere (inside characters, past the end, reversed) convert without
    /// panicking, to character spans inside the text.
    #[test]
    fn byte_spans_convert_without_panicking(
        text in "\\PC{0,40}",
        spans in proptest::collection::vec((0usize..200, 0usize..200), 0..6),
    ) {
        let opts = FigureOptions::from_byte_spans(&text, &spans);
        let n = text.chars().count();
        for &(s, e) in &opts.exclude {
            prop_assert!(s <= e && e <= n, "{:?} of {:?}", (s, e), text);
        }
        check(&text, &opts).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
}
