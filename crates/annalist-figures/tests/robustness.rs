//! No input makes the extractor panic or return offsets outside the text, and figures'
//! offsets always cut out exactly their `text`. Speed on pathological input is measured by
//! the benchmark (`digits_10mb`, `powers`), not timed here.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_figures::{FigureOptions, extract_figures};
use proptest::prelude::*;

fn check(text: &str, opts: &FigureOptions) {
    let chars: Vec<char> = text.chars().collect();
    let mut last_start = 0;
    for f in extract_figures(text, opts) {
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
        check(&text, &FigureOptions::default());
    }

    #[test]
    fn never_panics_on_news_like_soup(
        picks in proptest::collection::vec(0..PIECES.len(), 0..80),
        spans in proptest::collection::vec((0usize..400, 0usize..400), 0..6),
    ) {
        let text = picks.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
        check(&text, &FigureOptions::default());
        // Exclusions may be reversed, empty, overlapping or out of range.
        check(&text, &FigureOptions { exclude: spans });
    }
}

#[test]
fn pathological_inputs_finish() {
    let digits = "9".repeat(1 << 20);
    assert!(extract_figures(&digits, &FigureOptions::default()).is_empty());
    let powers = "10^30 ".repeat(50_000);
    check(&powers, &FigureOptions::default());
    let groups = format!("1{}", ",000".repeat(100_000));
    assert!(extract_figures(&groups, &FigureOptions::default()).is_empty());
    let spaced = format!("killed 1{}", " 000".repeat(100_000));
    check(&spaced, &FigureOptions::default());
    let words = "one hundred ".repeat(50_000) + "people were killed";
    check(&words, &FigureOptions::default());
    let list = "killed 5 men, ".repeat(50_000);
    assert_eq!(
        extract_figures(&list, &FigureOptions::default()).len(),
        50_000
    );
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
        check(&text, &opts);
    }
}
