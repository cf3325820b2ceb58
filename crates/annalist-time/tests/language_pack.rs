//! A language is data: a small Azerbaijani pack, written here as text, runs on the unchanged
//! engine. (A sketch to prove the point, not a supported language yet.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use annalist_time::{Anchor, LanguagePack, Tagger};

const LEXICON: &str = r#"
NUMBER: bir=1 iki=2 üç=3 dörd=4 beş=5 altı=6 yeddi=7 səkkiz=8 doqquz=9 on=10 iyirmi=20 otuz=30
SCALE: yüz=100 min=1000
PAST: idi oldu
FUTURE: olacaq
MONTH: yanvar = month=1
MONTH: fevral = month=2
MONTH: mart = month=3
TODAY: bugün = day_offset=0
TODAY: dünən = day_offset=-1
TODAY: sabah = day_offset=1
UNIT: il = unit=year
UNIT: gün = unit=day
AGO: əvvəl = dir=-1 anchor=dct
RANGE_LINK: - –
ELIDED_LINK: - –
ELIDED_LINK_FINAL: və
"#;

const RULES: &str = r#"
dct 2026-01-20
rule date.day-month-year
  match: NUM:day MONTH NUM:year
  ex: 20 Yanvar 1990 => DATE 1990-01-20

rule date.day-month
  match: NUM:day MONTH
  ex: 20 Yanvar => DATE 2026-01-20

rule ref.today
  match: TODAY
  ex: dünən => DATE 2026-01-19

rule offset.ago
  match: NUM:count UNIT AGO
  ex: otuz altı il əvvəl => DATE 1990
"#;

#[test]
fn an_azerbaijani_sketch_runs_on_the_same_engine() {
    let pack = LanguagePack::parse("az", LEXICON, RULES).unwrap();
    let tagger = Tagger::with_pack(pack);
    let anchor = Anchor::from_dct("2026-01-20").unwrap();
    let found = tagger.tag(
        "Otuz altı il əvvəl, 20 Yanvar 1990-cı ildə qoşunlar Bakıya girdi. Dünən anım günü idi.",
        &anchor,
    );
    let got: Vec<(String, String)> = found
        .iter()
        .map(|t| (t.text.clone(), t.value.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("Otuz altı il əvvəl".to_string(), "1990".to_string()),
            ("20 Yanvar 1990".to_string(), "1990-01-20".to_string()),
            ("Dünən".to_string(), "2026-01-19".to_string()),
        ]
    );
}

#[test]
fn range_words_are_pack_data() {
    let pack = LanguagePack::parse("az", LEXICON, RULES).unwrap();
    let tagger = Tagger::with_pack(pack);
    let anchor = Anchor::from_dct("2026-01-20").unwrap();
    let found = tagger.tag("6-7 yanvar 1990 və 20 və 21 yanvar 1990", &anchor);
    let got: Vec<(&str, String)> = found
        .iter()
        .map(|t| (t.text.as_str(), t.value.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("6", "1990-01-06".to_string()),
            ("7 yanvar 1990", "1990-01-07".to_string()),
            ("20", "1990-01-20".to_string()),
            ("21 yanvar 1990", "1990-01-21".to_string()),
        ]
    );
    assert!(found[0].range.is_some());
    // English link words mean nothing here.
    let found = tagger.tag("6 and 7 yanvar 1990", &anchor);
    assert_eq!(found.len(), 1);
}
