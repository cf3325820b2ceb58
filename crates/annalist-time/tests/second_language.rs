//! A second language, added as data only: the Russian sketch pack in `examples/packs/ru`
//! must parse, pass its own rule examples and tag a short news text, with no change to the
//! engine. If this test needs an engine change to pass, the engine has grown an English
//! assumption that a language pack cannot express.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_time::{Anchor, LanguagePack, Tagger};

const LEXICON: &str = include_str!("../../../examples/packs/ru/lexicon.txt");
const RULES: &str = include_str!("../../../examples/packs/ru/rules.txt");

fn russian() -> Tagger {
    Tagger::with_pack(LanguagePack::parse("ru", LEXICON, RULES).expect("the sketch pack parses"))
}

#[test]
fn the_russian_sketch_passes_its_own_examples() {
    let tagger = russian();
    assert!(tagger.pack().examples().len() >= 25);
    let failures: Vec<String> = tagger
        .check_examples()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_russian_sketch_tags_a_news_paragraph() {
    let text = "Тридцать семь лет назад, 20 января 1990 года в 4 часа утра, в Баку вошли \
                войска. На следующий день объявили комендантский час. В прошлом году \
                митинг прошёл в воскресенье, а через два дня начнутся слушания.";
    let anchor = Anchor::from_dct("2027-01-20").unwrap();
    let found: Vec<(String, String, String)> = russian()
        .tag(text, &anchor)
        .into_iter()
        .map(|t| (t.text, t.kind.as_str().to_string(), t.value.to_string()))
        .collect();
    let want = [
        ("Тридцать семь лет назад", "DATE", "1990"),
        (
            "20 января 1990 года в 4 часа утра",
            "TIME",
            "1990-01-20T04:00",
        ),
        ("На следующий день", "DATE", "1990-01-21"),
        ("прошлом году", "DATE", "2026"),
        ("воскресенье", "DATE", "2027-01-17"),
        ("два дня", "DATE", "2027-01-22"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(found, want);
}
