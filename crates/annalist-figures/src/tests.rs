//! Unit tests of the public function on sentences written for them.

use crate::{Bound, Category, FigureOptions, Quantity, extract_figures};

fn figures(text: &str) -> Vec<crate::Figure> {
    extract_figures(text, &FigureOptions::default())
}

#[test]
fn vocabulary_parses() {
    assert!(crate::check_vocabulary().is_ok());
}

#[test]
fn the_issue_sentence() {
    let text = "the killing of 52 people across the province, the wounding of 310, the arrest of \
                97 individuals, and the destruction of 40 homes and shops, 12 vehicles including \
                ambulances";
    let got: Vec<(f64, Category, String)> = figures(text)
        .into_iter()
        .map(|f| (f.value, f.category, f.counted))
        .collect();
    assert_eq!(
        got,
        vec![
            (52.0, Category::Killed, "people".to_string()),
            (310.0, Category::Injured, "people".to_string()),
            (97.0, Category::Arrested, "individuals".to_string()),
            (40.0, Category::Destroyed, "homes and shops".to_string()),
            (12.0, Category::Destroyed, "vehicles".to_string()),
        ]
    );
}

#[test]
fn offsets_are_characters_and_cover_the_phrase() {
    let text = "Über “more than 20,000 troops” arrived.";
    let f = &figures(text)[0];
    let chars: Vec<char> = text.chars().collect();
    let phrase: String = chars[f.start..f.end].iter().collect();
    assert_eq!(phrase, "more than 20,000 troops");
    assert_eq!(f.text, phrase);
    assert_eq!(f.bound, Bound::AtLeast);
    assert_eq!(f.category, Category::Deployed);
}

#[test]
fn exclusions_hide_numbers_inside_time_expressions() {
    let text = "On the 3 days of fighting 12 people were killed";
    // Pretend a tagger marked "12" as part of a time expression.
    let opts = FigureOptions {
        exclude: vec![(26, 28)],
    };
    assert!(extract_figures(text, &opts).is_empty());
    assert_eq!(figures(text).len(), 1);
}

#[test]
fn money_and_percent_are_their_own_quantities() {
    let f = figures("The government pledged $5 million and 12 percent more troops.");
    assert_eq!(f[0].quantity, Quantity::Money);
    assert_eq!(f[0].value, 5_000_000.0);
    assert_eq!(f[0].category, Category::Other);
    assert_eq!(f[1].quantity, Quantity::Percent);
    assert_eq!(f[1].category, Category::Other);
}

#[test]
fn serializes_with_lowercase_names() {
    let f = &figures("at least 12 people were killed")[0];
    let json = serde_json::to_value(f).unwrap_or_default();
    assert_eq!(json["bound"], "at_least");
    assert_eq!(json["category"], "killed");
    assert_eq!(json["quantity"], "count");
    assert_eq!(json["counted"], "people");
    assert_eq!(json["start"], 0);
}

#[test]
fn revised_tolls_are_separate_figures() {
    let f = figures("The death toll rose from 52 to 61 on Sunday.");
    let values: Vec<f64> = f.iter().map(|f| f.value).collect();
    assert_eq!(values, vec![52.0, 61.0]);
    assert!(f.iter().all(|f| f.category == Category::Killed));
}

#[test]
fn more_takes_the_previous_noun_or_the_next() {
    let f = figures("The floods destroyed 3,400 homes and damaged 12,000 more.");
    assert_eq!(f[1].counted, "homes");
    assert_eq!(f[1].category, Category::Destroyed);
    let f = figures("Officials said 12 more people were killed.");
    assert_eq!(f[0].counted, "people");
    assert_eq!(f[0].category, Category::Killed);
}

#[test]
fn noun_modifiers_are_not_what_is_counted() {
    let f = figures("56 inmates dead");
    assert_eq!(
        (f[0].counted.as_str(), f[0].category),
        ("inmates", Category::Killed)
    );
    // "militant" alone would be a person; here it modifies "commanders".
    let f = figures("freed in exchange for 5 militant commanders");
    assert_eq!(f[0].counted, "militant commanders");
    // A singular noun before an unknown noun counts that unknown thing: dropped.
    assert!(figures("3 police sirens").is_empty());
    // Before a known one, the two are what is counted.
    assert_eq!(figures("3 police dogs")[0].counted, "police dogs");
}

#[test]
fn never_figures() {
    for text in [
        "In 1988 people fled.",
        "On March 3 people were killed.",
        "Clashes began at 10:30 and at 5 p.m. people were killed.",
        "On the 20th people were arrested.",
        "Article 1 and Resolution 1483 and No. 5 were cited.",
        "A 17-year-old and a 45-year-old man were killed.",
        "The victim, aged 45, was killed.",
        "Call +1 (202) 555-0134 to report people missing.",
        "See page 12 for the list of people killed.",
        "The 1990s saw people displaced.",
    ] {
        let found = figures(text);
        assert!(found.is_empty(), "{text:?} gave {found:?}");
    }
}

#[test]
fn brief_number_shapes() {
    let value = |t: &str| figures(t).first().map(|f| (f.value, f.bound));
    assert_eq!(value("20 000 people fled"), Some((20_000.0, Bound::Exact)));
    assert_eq!(
        value("3.5 million people fled"),
        Some((3_500_000.0, Bound::Exact))
    );
    assert_eq!(
        value("one hundred fifty-two people died"),
        Some((152.0, Bound::Exact))
    );
    assert_eq!(value("a dozen people died"), Some((12.0, Bound::Exact)));
    assert_eq!(value("dozens died"), Some((12.0, Bound::Approx)));
    assert_eq!(
        value("hundreds were arrested"),
        Some((100.0, Bound::Approx))
    );
    assert_eq!(
        value("tens of people were arrested"),
        Some((10.0, Bound::Approx))
    );
    assert_eq!(value("thousands fled"), Some((1000.0, Bound::Approx)));
    assert_eq!(value("almost 40 people died"), Some((40.0, Bound::AtMost)));
    assert_eq!(value("roughly 40 people died"), Some((40.0, Bound::Approx)));
    assert_eq!(value("over 40 people died"), Some((40.0, Bound::AtLeast)));
    let f = &figures("between 130 and 150 people were killed")[0];
    assert_eq!((f.low, f.high, f.value), (Some(130.0), Some(150.0), 130.0));
}

#[test]
fn byte_offsets_and_number_span_locate_the_parts() {
    let text = "Über “more than 20,000 troops” arrived.";
    let f = &figures(text)[0];
    // "Ü" and "“" are two and three bytes: byte offsets differ from character offsets.
    assert_eq!(&text[f.byte_start..f.byte_end], "more than 20,000 troops");
    assert_eq!((f.start, f.end), (6, 29));
    assert_eq!((f.byte_start, f.byte_end), (9, 32));
    // The number alone: characters 16..22 are "20,000".
    let chars: Vec<char> = text.chars().collect();
    let number: String = chars[f.number_span.0..f.number_span.1].iter().collect();
    assert_eq!(number, "20,000");
}

#[test]
fn number_span_of_a_range_covers_both_ends() {
    let text = "Between 130 and 150 people were killed.";
    let f = &figures(text)[0];
    assert_eq!((f.low, f.high), (Some(130.0), Some(150.0)));
    assert_eq!(&text[f.number_span.0..f.number_span.1], "130 and 150");
    assert_eq!(
        &text[f.byte_start..f.byte_end],
        "Between 130 and 150 people"
    );
}

#[test]
fn approx_flags_vague_counts_and_approximating_qualifiers() {
    let flags = |t: &str| -> Vec<(f64, Bound, bool)> {
        figures(t)
            .into_iter()
            .map(|f| (f.value, f.bound, f.approx))
            .collect()
    };
    assert_eq!(
        flags("Dozens of people were arrested."),
        vec![(12.0, Bound::Approx, true)]
    );
    assert_eq!(
        flags("About 300 people were arrested."),
        vec![(300.0, Bound::Approx, true)]
    );
    assert_eq!(
        flags("Exactly 52 people were killed."),
        vec![(52.0, Bound::Exact, false)]
    );
    assert_eq!(
        flags("At least 14 people were killed."),
        vec![(14.0, Bound::AtLeast, false)]
    );
    // "a dozen" is a number word, not a vague count.
    assert_eq!(
        flags("More than a dozen people were arrested."),
        vec![(12.0, Bound::AtLeast, false)]
    );
    // A vague count stays approximate under a bound.
    assert_eq!(
        flags("Well over tens of thousands of people marched."),
        vec![(10_000.0, Bound::AtLeast, true)]
    );
}

#[test]
fn a_vague_count_keeps_its_words() {
    let words =
        |t: &str| -> Vec<Option<String>> { figures(t).into_iter().map(|f| f.vague).collect() };
    assert_eq!(
        words("Hundreds of protesters were arrested."),
        [Some("Hundreds".to_string())]
    );
    assert_eq!(
        words("Police detained tens of thousands of people."),
        [Some("tens of thousands".to_string())]
    );
    assert_eq!(
        words("Well over several hundred homes were destroyed."),
        [Some("several hundred".to_string())]
    );
    // Numbers, even in words or approximate, are not vague.
    assert_eq!(
        words("About forty people and more than a dozen soldiers were killed."),
        [None, None]
    );
}

#[test]
fn the_count_a_revision_replaced_is_marked() {
    let replaced = |t: &str| -> Vec<(f64, bool)> {
        figures(t)
            .into_iter()
            .map(|f| (f.value, f.replaced))
            .collect()
    };
    assert_eq!(
        replaced("The death toll was revised down to 74 from 81 on Monday."),
        [(74.0, false), (81.0, true)]
    );
    assert_eq!(
        replaced("Officials revised the number of people injured upward from 120 to 310."),
        [(120.0, true), (310.0, false)]
    );
    assert_eq!(
        replaced("The ministry corrected the number of missing from 40 to 12."),
        [(40.0, true), (12.0, false)]
    );
    // An update too: the old count held at another time than the sentence's.
    assert_eq!(
        replaced("The death toll rose to 90, up from 74 on Sunday."),
        [(90.0, false), (74.0, true)]
    );
    assert_eq!(
        replaced("The number of dead rose to 77 from 52."),
        [(77.0, false), (52.0, true)]
    );
    assert_eq!(
        replaced("Authorities lowered the number of missing from 40 to 12."),
        [(40.0, true), (12.0, false)]
    );
    // "Up" replaces only right before "from".
    assert_eq!(
        replaced("Up to 5,000 people fled from 20 villages."),
        [(5000.0, false), (20.0, false)]
    );
    // The revision must be in the number's clause.
    assert_eq!(
        replaced("The figures were revised. 300 people fled from 12 villages."),
        [(300.0, false), (12.0, false)]
    );
}

#[test]
fn byte_span_exclusions_match_character_ones() {
    // "März" has a two-byte "ä": byte offsets of "3" and "12" are one more than their
    // character offsets.
    let text = "Am 3. März: 12 people were killed";
    let byte_3 = text.find('3').unwrap_or(0);
    let byte_12 = text.find("12").unwrap_or(0);
    assert_eq!((byte_3, byte_12), (3, 13));
    let opts =
        FigureOptions::from_byte_spans(text, &[(byte_12, byte_12 + 2), (byte_3, byte_3 + 1)]);
    assert_eq!(opts.exclude, vec![(3, 4), (12, 14)]);
    assert!(extract_figures(text, &opts).is_empty());
    // A span ending inside "ä" covers it; one past the end is clipped.
    let opts = FigureOptions::from_byte_spans(text, &[(7, 8), (30, 99)]);
    assert_eq!(opts.exclude, vec![(7, 8), (29, 33)]);
}

#[test]
fn lists_of_ages_are_not_figures() {
    let text = "His two sons, aged 12 and 15, were among those arrested.";
    let got: Vec<f64> = figures(text).into_iter().map(|f| f.value).collect();
    // "two sons" is a count; 12 and 15 are ages.
    assert!(!got.contains(&12.0) && !got.contains(&15.0), "{got:?}");
    let text = "Three men, aged 19, 23 and 41, were detained.";
    let got: Vec<f64> = figures(text).into_iter().map(|f| f.value).collect();
    assert_eq!(got, vec![3.0]);
    // The ages are skipped like an appositive on the way to the verb.
    let text = "Two men, aged 19 and 23, were detained.";
    let got: Vec<(f64, Category)> = figures(text)
        .into_iter()
        .map(|f| (f.value, f.category))
        .collect();
    assert_eq!(got, vec![(2.0, Category::Arrested)]);
}

#[test]
fn every_category_is_listed_once_and_round_trips_through_its_name() {
    use crate::Category;
    let mut names: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    for c in Category::ALL {
        assert_eq!(Category::parse(c.as_str()), Some(c));
    }
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Category::ALL.len());
    assert_eq!(Category::parse("Killed"), None);
}

/// `flag` of each figure in `text`.
fn flags(text: &str, flag: fn(&crate::Figure) -> bool) -> Vec<bool> {
    figures(text).iter().map(flag).collect()
}

#[test]
fn a_running_total_is_marked_to_date() {
    let to_date = |text: &str| flags(text, |f| f.to_date);
    assert_eq!(
        to_date("Since then, at least 41 people have been killed."),
        [true]
    );
    assert_eq!(to_date("So far 12 people have been arrested."), [true]);
    assert_eq!(
        to_date("The army has lost 300 soldiers to date, and 40 tanks."),
        [true, true]
    );
    // Only its own sentence: the next one is a count of a particular day.
    assert_eq!(
        to_date("So far 12 people have died. On Monday 3 more were killed."),
        [true, false]
    );
    assert_eq!(
        to_date("The death toll has risen to 312, with 1,100 injured."),
        [true, true]
    );
    assert_eq!(to_date("The toll now stands at 87."), [true]);
    // "Since" with a count told in the present perfect: a running total, whatever follows it.
    assert_eq!(
        to_date("More than 1,500 people have been detained since the protests began."),
        [true]
    );
    assert_eq!(
        to_date("Police detained 1,500 people, the most since the protests began."),
        [false]
    );
    // A state that holds as it is told.
    assert_eq!(to_date("Eleven people remain missing."), [true]);
    assert_eq!(to_date("Some 250 people remained in detention."), [false]);
    assert_eq!(to_date("At least 120 are still unaccounted for."), [true]);
    assert_eq!(to_date("At least 120 were still unaccounted for."), [false]);
    // Told of the story's time, not the writer's.
    assert_eq!(to_date("By March the toll had risen to 300."), [false]);
    assert_eq!(to_date("In 1988 the army killed 52 people."), [false]);
}

#[test]
fn a_count_told_in_the_present_is_marked() {
    let now = |text: &str| flags(text, |f| f.told_now);
    assert_eq!(now("At least 300 people have been killed."), [true]);
    assert_eq!(now("The town now has 8,000 residents."), [true]);
    // A modal's "have", a relative clause's, or a sentence before a quote's close, is not.
    assert_eq!(now("Holders would have received $20 a share."), [false]);
    assert_eq!(
        now("They arrested 2 men at the factory, which has been closed."),
        [false]
    );
    assert_eq!(
        now("\"Prices have fallen.\" Police arrested 40 people."),
        [false]
    );
    assert_eq!(now("By then 300 soldiers had died."), [false]);
}

#[test]
fn a_count_told_in_the_present_or_future_tense_is_marked() {
    let present = |text: &str| flags(text, |f| f.present);
    assert_eq!(present("Six suspects are known to be in custody."), [true]);
    assert_eq!(present("About $225,000 will be available."), [true]);
    assert_eq!(
        present("The government said it would deploy 1,500 troops."),
        [true]
    );
    assert_eq!(present("Another eight have been charged."), [true]);
    // A past auxiliary anywhere in the sentence, or none at all, and it is not.
    assert_eq!(present("Three of the victims were stabbed."), [false]);
    assert_eq!(
        present("Police said 12 people who are from Kano were arrested."),
        [false]
    );
    assert_eq!(present("Gunmen killed 14 traders."), [false]);
}

#[test]
fn a_count_told_in_the_perfect_is_marked() {
    let perfect = |text: &str| flags(text, |f| f.perfect);
    assert_eq!(
        perfect("More than 12,000 civilians have been killed since 2022."),
        [true]
    );
    assert_eq!(perfect("By then 300 soldiers had died."), [true]);
    assert_eq!(
        perfect("It was the deadliest since 2014, when 79 people died."),
        [false]
    );
}
