//! The examples written beside each rule in a language pack, run as tests.

use crate::{Anchor, Tagger, TimexType};

/// Runs every example of the English pack and reports all failures at once.
#[test]
fn english_rule_examples() {
    let tagger = Tagger::english();
    assert!(
        tagger.pack().examples().len() > 100,
        "the English pack should carry its examples"
    );
    let failures: Vec<String> = tagger
        .check_examples()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n{}",
        failures.len(),
        tagger.pack().examples().len(),
        failures.join("\n")
    );
}

#[test]
fn without_an_anchor_relative_expressions_are_kept_unresolved() {
    let tagger = Tagger::english();
    let out = tagger.tag(
        "Yesterday the army left; it returns in March.",
        &Anchor::none(),
    );
    let values: Vec<String> = out.iter().map(|t| t.value.to_string()).collect();
    assert_eq!(values, ["XXXX-XX-XX", "XXXX-03"]);
    assert!(out.iter().all(|t| t.anchor == crate::AnchorUsed::None));
    assert!(out.iter().all(|t| t.interval.is_none()));
    // A day of a month no text gave keeps its day.
    let out = tagger.tag(
        "On 13 January the unrest began. On the 15th, it ended. By the morning of the 16th \
         it was quiet.",
        &Anchor::none(),
    );
    let values: Vec<String> = out.iter().map(|t| t.value.to_string()).collect();
    assert_eq!(values, ["XXXX-01-13", "XXXX-XX-15", "XXXX-XX-16TMO"]);
}

/// The anchor of a DCT written in a test; a typo in it fails the test that wrote it.
fn anchor_at(dct: &str) -> Anchor {
    match Anchor::from_dct(dct) {
        Ok(anchor) => anchor,
        Err(e) => panic!("bad DCT {dct:?} in a test: {e}"),
    }
}

/// The values tagged in `text` with `dct` as its DCT.
fn values_in_news(dct: &str, text: &str) -> Vec<String> {
    Tagger::english()
        .tag(text, &anchor_at(dct))
        .iter()
        .map(|t| t.value.to_string())
        .collect()
}

#[test]
fn that_afternoon_points_back_into_a_story_apart_from_the_writers_day() {
    assert_eq!(
        values_in_news(
            "2026-12-07",
            "In 1994 the war went on. They met that afternoon."
        ),
        ["1994", "1994-XX-XXTAF"]
    );
    // A story that holds the writer's day leaves it to the writer's day.
    assert_eq!(
        values_in_news(
            "2026-12-07",
            "This year the talks went on. They met that afternoon."
        ),
        ["2026", "2026-12-07TAF"]
    );
}

#[test]
fn a_clock_time_ahead_that_has_passed_today_is_tomorrows() {
    let at_noon = "2026-12-07T12:00:00+03:00";
    assert_eq!(
        values_in_news(at_noon, "The curfew will last until 5 a.m."),
        ["2026-12-08T05:00"]
    );
    assert_eq!(
        values_in_news(at_noon, "The curfew will last until 5 p.m."),
        ["2026-12-07T17:00"]
    );
    // Told in the past, or without the writer's time of day, it stays on the writer's day.
    assert_eq!(
        values_in_news(at_noon, "The curfew lasted until 5 a.m."),
        ["2026-12-07T05:00"]
    );
    assert_eq!(
        values_in_news("2026-12-07", "The curfew will last until 5 a.m."),
        ["2026-12-07T05:00"]
    );
}

#[test]
fn a_midnight_told_in_the_past_on_the_writers_day_began_it() {
    assert_eq!(
        values_in_news("2026-12-07", "A truce began at midnight."),
        ["2026-12-06T24:00"]
    );
    assert_eq!(
        values_in_news("2026-12-07", "A truce will begin at midnight."),
        ["2026-12-07T24:00"]
    );
}

#[test]
fn a_live_reports_timestamp_is_on_the_writers_day() {
    let text = "15:10 — Crews expect to restore power by tomorrow evening.\n\n\
                13:05 — A red warning is in force.";
    assert_eq!(
        values_in_news("2026-12-07", text),
        ["2026-12-07T15:10", "2026-12-08TEV", "2026-12-07T13:05"]
    );
    // A clock time inside the text still goes with the day the text is at.
    assert_eq!(
        values_in_news(
            "2026-12-07",
            "The march is set for tomorrow. It starts at 13:05."
        ),
        ["2026-12-08", "2026-12-08T13:05"]
    );
}

#[test]
fn a_date_hung_on_a_verb_of_saying_is_marked_reported() {
    let reported = |text: &str| -> Vec<(String, bool)> {
        Tagger::english()
            .tag(text, &anchor_at("2026-12-07"))
            .into_iter()
            .map(|t| (t.text, t.reported))
            .collect()
    };
    assert_eq!(
        reported("Police said on Friday they had arrested 12 people on Wednesday."),
        [
            ("Friday".to_string(), true),
            ("Wednesday".to_string(), false)
        ]
    );
    assert_eq!(
        reported("On Thursday, officials said 40 people were killed."),
        [("Thursday".to_string(), true)]
    );
    assert_eq!(
        reported("On Thursday, police arrested 40 people, officials said."),
        [("Thursday".to_string(), false)]
    );
}

#[test]
fn a_range_opening_the_sentence_takes_the_tense_after_its_comma() {
    for text in [
        "From 9 to 11 March, talks were held.",
        "On 9 and 11 March, talks were held.",
        "From 9-11 March, talks were held.",
    ] {
        assert_eq!(
            values_in_news("2026-12-07", text),
            ["2026-03-09", "2026-03-11"],
            "{text}"
        );
    }
}

#[test]
fn a_list_of_days_shares_the_month_the_last_one_states() {
    let dated = |text: &str| texts_and_values("2026-12-07", text);
    let pairs = |list: &[(&str, &str)]| {
        list.iter()
            .map(|(t, v)| (t.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        dated("On 4, 5 and 6 March, strikes were held."),
        pairs(&[
            ("4", "2026-03-04"),
            ("5", "2026-03-05"),
            ("6 March", "2026-03-06")
        ])
    );
    assert_eq!(
        dated("Strikes were held on March 4, 5 and 6."),
        pairs(&[
            ("March 4", "2026-03-04"),
            ("5", "2026-03-05"),
            ("6", "2026-03-06")
        ])
    );
    assert_eq!(
        dated("Votes were held on 1, 3, 5 and 7 May 2020."),
        pairs(&[
            ("1", "2020-05-01"),
            ("3", "2020-05-03"),
            ("5", "2020-05-05"),
            ("7 May 2020", "2020-05-07"),
        ])
    );
    // A list must end with "and" or "or" and its days must rise; after "and" the last day
    // must end the phrase.
    assert_eq!(
        dated("Strikes were held on March 4, 5 of them violent."),
        pairs(&[("March 4", "2026-03-04")])
    );
    assert_eq!(
        dated("On March 4, 5 and 6 people died."),
        pairs(&[("March 4", "2026-03-04")])
    );
    assert_eq!(
        dated("On 7, 5 and 6 March, votes were held."),
        pairs(&[("5", "2026-03-05"), ("6 March", "2026-03-06")])
    );
    // "the 4th", which alone would be a day of the writer's month, is the range's first day.
    assert_eq!(
        dated("They met on the 4th and 5th of March."),
        pairs(&[("the 4th", "2026-03-04"), ("5th of March", "2026-03-05")])
    );
}

#[test]
fn short_and_irregular_past_forms_look_back() {
    // "died" is too short for the "-ed" ending to count; the lexicon names it.
    for text in [
        "He died on March 4.",
        "On March 4, he died.",
        "The river froze on March 4.",
    ] {
        assert_eq!(values_in_news("2026-12-07", text), ["2026-03-04"], "{text}");
    }
    // A four-letter word in "-ed" is no past form by its ending.
    assert_eq!(
        values_in_news("2026-12-07", "We need it on March 4."),
        ["2027-03-04"]
    );
}

#[test]
fn a_weekday_in_news_is_the_writers_even_after_a_day_stated_in_its_sentence() {
    let text = "Three years after the earthquakes of 6 February 2023, figures released on \
                Thursday showed 40,000 families in tents.";
    assert_eq!(
        values_in_news("2026-02-06", text),
        ["P3Y", "2023-02-06", "2026-02-05"]
    );
    assert_eq!(
        values_in_news(
            "2026-02-06",
            "The vote on 20 January was postponed; it will now be held on Thursday."
        ),
        ["2026-01-20", "PRESENT_REF", "2026-02-12"]
    );
    // A weekday that names the day just stated is that day.
    for text in [
        "On 3 March 1988, a Thursday, the curfew was announced.",
        "The show streams on 3rd March 1988 Thursday.",
    ] {
        assert_eq!(
            values_in_news("2026-02-06", text),
            ["1988-03-03", "1988-03-03"],
            "{text}"
        );
    }
}

#[test]
fn a_clock_time_a_present_perfect_runs_from_is_on_the_writers_day() {
    // After a story at a week, then a year, the time still falls on the writer's day.
    for text in [
        "Results are due mid next week. I have been waiting since 6am.",
        "In 1990, the square was empty. Since 6am it has been raining.",
    ] {
        assert_eq!(
            values_in_news("2026-12-07T10:00:00", text)
                .last()
                .map(String::as_str),
            Some("2026-12-07T06:00"),
            "{text}"
        );
    }
    // A time that is not what the period runs from stays on an unknown day of the year.
    assert_eq!(
        values_in_news(
            "2026-12-07T10:00:00",
            "Since 2000 the day has been marked at noon."
        ),
        ["2000", "2000-XX-XXT12:00"]
    );
}

#[test]
fn a_day_heading_a_chronology_entry_is_when_it_happened() {
    let text = "Here is how they unfolded.\n\nNov. 28 – The prime minister announces that talks \
                will be frozen until the end of 2028. Thousands gather outside parliament that \
                evening.\n\nNov. 29 – 107 people are detained.\n";
    assert_eq!(
        values_in_news("2026-12-07", text),
        ["2026-11-28", "2028", "2026-11-28TEV", "2026-11-29"]
    );
    // Not heading a line, the same day follows the tense.
    assert_eq!(
        values_in_news("2026-12-07", "They say talks will resume on Nov. 28."),
        ["2027-11-28"]
    );
}

#[test]
fn a_phrase_may_end_with_its_line() {
    assert_eq!(
        values_in_news("2026-12-07", "see you on the 12th\nhappy new year"),
        ["2026-12-12"]
    );
    assert_eq!(
        values_in_news("2026-12-07", "Meet me at half past nine\nBring a coat"),
        ["2026-12-07T09:30"]
    );
    // Within a line, a word that carries the phrase on still keeps it from matching.
    assert!(values_in_news("2026-12-07", "They met on the 5th floor\nof the tower").is_empty());
}

/// The value of the first expression in `text`, tagged as news of `dct`.
fn first_value_in_news(dct: &str, text: &str) -> String {
    values_in_news(dct, text).swap_remove(0)
}

/// Each expression tagged in `text` with `dct` as its DCT, as (its text, its value).
fn texts_and_values(dct: &str, text: &str) -> Vec<(String, String)> {
    Tagger::english()
        .tag(text, &anchor_at(dct))
        .into_iter()
        .map(|t| (t.text, t.value.to_string()))
        .collect()
}

#[test]
fn compound_durations_are_one_expression() {
    let tagger = Tagger::english();
    let anchor = anchor_at("2025-03-14");
    let tagged = |text: &str| texts_and_values("2025-03-14", text);
    let one = |text: &str, value: &str| vec![(text.to_string(), value.to_string())];
    assert_eq!(
        tagged("The attack lasted two hours and 40 minutes."),
        one("two hours and 40 minutes", "PT2H40M")
    );
    assert_eq!(
        tagged("The siege lasted 3 years, 10 months and 8 days."),
        one("3 years, 10 months and 8 days", "P3Y10M8D")
    );
    assert_eq!(
        tagged("The flight took 1 hour 20 minutes."),
        one("1 hour 20 minutes", "PT1H20M")
    );
    // A qualifier before the first length covers the whole.
    let out = tagger.tag("It lasted more than two hours and 40 minutes.", &anchor);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].modifier, Some(crate::value::Mod::MoreThan));
    // Units that do not descend, vague counts and "or" are separate lengths.
    assert_eq!(tagged("They met for two days and three days.").len(), 2);
    assert_eq!(tagged("It took several hours and 40 minutes.").len(), 2);
    assert_eq!(tagged("It took two hours or 40 minutes.").len(), 2);
}

#[test]
fn ranges_link_their_ends_and_share_the_year() -> Result<(), Box<dyn std::error::Error>> {
    let tagger = Tagger::english();
    let anchor = anchor_at("2025-03-14");
    let out = tagger.tag(
        "Prices rose between March and May 1990, then from 2001 to 2009.",
        &anchor,
    );
    let values: Vec<String> = out.iter().map(|t| t.value.to_string()).collect();
    assert_eq!(values, ["1990-03", "1990-05", "2001", "2009"]);
    let r = out[0].range.ok_or("the range of the first end")?;
    assert_eq!(r.role, crate::RangeRole::Start);
    assert_eq!(r.other, out[1].start);
    assert_eq!(
        crate::value::format_datetime(r.interval.start),
        "1990-03-01"
    );
    assert_eq!(crate::value::format_datetime(r.interval.end), "1990-06-01");
    let r = out[3].range.ok_or("the range of the fourth end")?;
    assert_eq!(r.role, crate::RangeRole::End);
    assert_eq!(
        crate::value::format_datetime(r.interval.start),
        "2001-01-01"
    );
    assert_eq!(crate::value::format_datetime(r.interval.end), "2010-01-01");
    // "The 1980-90s": the first end is a decade too, and the range runs to 2000.
    let out = tagger.tag("In the 1980-90s the town grew.", &anchor);
    let values: Vec<String> = out.iter().map(|t| t.value.to_string()).collect();
    assert_eq!(values, ["198", "199"]);
    assert_eq!(
        crate::value::format_datetime(out[0].range.ok_or("the range of the 1980s")?.interval.end),
        "2000-01-01"
    );
    assert_eq!(
        values_in_news("2025-03-14", "From 1980 to the 1990s it grew.")[0],
        "1980"
    );
    // A winter that straddles the new year.
    let out = tagger.tag("From December to March 1990 the lake froze.", &anchor);
    assert_eq!(out[0].value.to_string(), "1989-12");
    // Two dates that merely follow each other are not a range.
    let out = tagger.tag("In 1990 it began. In 1994, it ended.", &anchor);
    assert!(out.iter().all(|t| t.range.is_none()));
    // The comma that closes a full date stands between it and the link word; after a date
    // that states no day or year, or before a word that links nothing, there is no range.
    let end_of_range = |text: &str| -> Option<String> {
        let out = tagger.tag(text, &anchor);
        let r = out.first()?.range?;
        Some(crate::value::format_datetime(r.interval.end))
    };
    assert_eq!(
        end_of_range("The strike ran from Monday, March 3, to Friday, March 7.").as_deref(),
        Some("2025-03-08")
    );
    assert_eq!(
        end_of_range("Hearings ran from Jan. 5, 2026, through Feb. 3, 2026.").as_deref(),
        Some("2026-02-04")
    );
    assert_eq!(
        end_of_range("She flew on March 2, to Paris, then on March 6 home."),
        None
    );
    assert_eq!(end_of_range("Prices rose in March, to May's high."), None);
    let out = tagger.tag("the 1990-1994 war", &anchor);
    assert_eq!(out.len(), 2);
    assert!(out[0].range.is_some());
    // A clock time takes the day the other end states; a night shift starts the day before.
    let values = |text: &str| values_in_news("2025-03-12", text);
    assert_eq!(
        values("Polls will be open from 9 a.m. to 5 p.m. Friday."),
        ["2025-03-14T09:00", "2025-03-14T17:00"]
    );
    assert_eq!(
        values("The curfew ran from 10 p.m. to 2 a.m. Friday."),
        ["2025-03-06T22:00", "2025-03-07T02:00"]
    );
    // The second end, stating no day, is on the first end's, whatever its own anchor.
    assert_eq!(
        values("A curfew imposed on Sunday from 6 p.m. to 6 a.m. will remain until Friday."),
        [
            "2025-03-09",
            "2025-03-09T18:00",
            "2025-03-10T06:00",
            "2025-03-14"
        ]
    );
    // Two clock times in clauses joined by "and" share the day too, but are not a range.
    let out = tagger.tag(
        "Polls will open at 7 a.m. and close at 8 p.m. on Friday.",
        &anchor_at("2025-03-12"),
    );
    let got: Vec<String> = out.iter().map(|t| t.value.to_string()).collect();
    assert_eq!(got, ["2025-03-14T07:00", "2025-03-14T20:00"]);
    assert!(out.iter().all(|t| t.range.is_none()));
    assert_eq!(
        values("The raid began at 9 p.m. and ended at 2 a.m. on Friday."),
        ["2025-03-06T21:00", "2025-03-07T02:00"]
    );
    // Not across a clause with words of its own before the second time.
    assert_eq!(
        values("Polls will open at 7 a.m. and the count will start at 8 p.m. on Friday."),
        ["2025-03-12T07:00", "2025-03-14T20:00"]
    );
    // An elided hour takes the other end's half of the day; a night runs into the next day.
    assert_eq!(
        values("Shelling continued between 2 and 4 p.m. on Tuesday."),
        ["2025-03-11T14:00", "2025-03-11T16:00"]
    );
    assert_eq!(
        values("It opens 9-11 a.m."),
        ["2025-03-12T09:00", "2025-03-12T11:00"]
    );
    assert_eq!(
        values("The curfew runs from 10 p.m. until 5 a.m."),
        ["2025-03-12T22:00", "2025-03-13T05:00"]
    );
    // The second end follows the first even when it alone would fall in the week before.
    let out = tagger.tag(
        "The talks ran from 9 a.m. Tuesday to 5 p.m. Friday.",
        &anchor_at("2025-03-13"),
    );
    let values: Vec<String> = out.iter().map(|t| t.value.to_string()).collect();
    assert_eq!(values, ["2025-03-11T09:00", "2025-03-14T17:00"]);
    assert!(out[0].range.is_some());
    // The clock times that hung on the second end move on with it (Thursday alone is the 13th).
    assert_eq!(
        values_in_news(
            "2025-03-12",
            "The court sits Monday to Thursday, from 9.30am to 4pm."
        ),
        [
            "2025-03-17",
            "2025-03-20",
            "2025-03-20T09:30",
            "2025-03-20T16:00"
        ]
    );
    Ok(())
}

#[test]
fn a_story_told_in_relative_steps_keeps_its_year_for_a_day_of_a_month() {
    let values = values_in_news(
        "2026-01-20",
        "On 20 January 1990 tanks reached the centre. That afternoon a curfew was declared. \
         Later that night, shooting resumed. Early the next morning, funerals began. The \
         previous day, the station had been blown up. Two days earlier, on 17 January, crowds \
         had gathered.",
    );
    assert_eq!(values.last().map(String::as_str), Some("1990-01-17"));
    // Without the steps, six sentences on, "17 January" is the writer's.
    let values = values_in_news(
        "2026-01-20",
        "On 20 January 1990 tanks reached the centre. A curfew was declared. Shooting \
         resumed. Funerals began. The station had been blown up. Crowds gathered. On 17 \
         January, the anniversary was marked.",
    );
    assert_eq!(values.last().map(String::as_str), Some("2026-01-17"));
}

#[test]
fn a_weekday_coordinated_with_a_weekly_set_recurs_too() {
    let tagger = Tagger::english();
    let anchor = anchor_at("2026-12-04");
    let out = tagger.tag("Every Monday and Thursday, the market opens.", &anchor);
    let got: Vec<(String, String)> = out
        .iter()
        .map(|t| (t.kind.as_str().to_string(), t.value.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("SET".to_string(), "XXXX-WXX-1".to_string()),
            ("SET".to_string(), "XXXX-WXX-4".to_string())
        ]
    );
    assert!(out[1].interval.is_none());
    // A list: each weekday after the first recurs.
    let out = tagger.tag("It opens every Monday, Wednesday and Friday.", &anchor);
    let values: Vec<String> = out.iter().map(|t| t.value.to_string()).collect();
    assert_eq!(values, ["XXXX-WXX-1", "XXXX-WXX-3", "XXXX-WXX-5"]);
    // Two dates stay dates.
    let values = values_in_news("2026-12-04", "It opened Monday and Thursday.");
    assert_eq!(values, ["2026-11-30", "2026-12-03"]);
}

#[test]
fn weekdays_joined_to_a_recurring_part_of_the_day_share_it() {
    let values = |text: &str| values_in_news("1998-02-13", text);
    assert_eq!(
        values("Two flights will leave Bombay on Monday and Tuesday nights."),
        ["XXXX-WXX-1TNI", "XXXX-WXX-2TNI"]
    );
    assert_eq!(
        values("The shop opens Mondays and Thursday mornings."),
        ["XXXX-WXX-1TMO", "XXXX-WXX-4TMO"]
    );
    // A part of the day the first one states stays its own.
    assert_eq!(
        values("It runs every Monday morning and Thursday."),
        ["XXXX-WXX-1TMO", "XXXX-WXX-4"]
    );
    // A single night is a date.
    assert_eq!(values("He left on Monday night."), ["1998-02-09TNI"]);
}

#[test]
fn range_ends_without_a_year_keep_their_order_and_stay_within_a_year() {
    let values = |text: &str| values_in_news("2026-12-04", text);
    // Alone, "to Feb. 28" would be the coming one: the second end follows the first.
    assert_eq!(
        values("The fighting lasted from Feb. 20 to Feb. 28."),
        ["2026-02-20", "2026-02-28"]
    );
    // Alone, "February" would come before "November": the first end moves back.
    assert_eq!(
        values("The siege lasted from November to February."),
        ["2025-11", "2026-02"]
    );
    // A range runs forward: before a year BC, the first end is BC too; after one, it stays.
    assert_eq!(
        values("The dynasty ruled from c. 1550 to 1070 BC."),
        ["BC1550", "BC1070"]
    );
    assert_eq!(values("It lasted from 30 BC to AD 14."), ["BC0030", "0014"]);
    assert_eq!(values("It lasted from 1070 to 1550."), ["1070", "1550"]);
    // Already in order and close: nothing moves.
    assert_eq!(
        values("The festival runs from December 20 to January 5."),
        ["2026-12-20", "2027-01-05"]
    );
}

#[test]
fn weekday_ranges_run_forward_and_keep_their_tense() {
    // Written on a Monday.
    let values = |text: &str| values_in_news("2026-12-07", text);
    // Told in the past, the Thursday is last week's, and so is the Monday before it.
    assert_eq!(
        values("The strike ran from Monday through Thursday."),
        ["2026-11-30", "2026-12-03"]
    );
    // Ahead, both are this week's.
    assert_eq!(
        values("The strike will run from Monday through Thursday."),
        ["2026-12-07", "2026-12-10"]
    );
    // Alone, the Saturday would be the one before: the second end follows the first.
    assert_eq!(
        values("The fair runs from Friday to Saturday."),
        ["2026-12-11", "2026-12-12"]
    );
}

#[test]
fn a_past_verb_attached_to_a_day_keeps_it_in_the_past() {
    let value = |text: &str| first_value_in_news("2026-12-04", text);
    // Three months ahead would otherwise win: news announces deadlines.
    assert_eq!(value("The strike ended on March 3."), "2026-03-03");
    assert_eq!(value("He was killed Feb. 2."), "2026-02-02");
    // A past verb elsewhere in the sentence leaves the deadline ahead.
    assert_eq!(value("The offer was extended to Jan. 16."), "2027-01-16");
    assert_eq!(
        value("The board authorized a split, payable Jan. 7."),
        "2027-01-07"
    );
    // A past sentence reaches only two months ahead for a deadline.
    assert_eq!(
        value("The camp was shelled between 1 and 5 March."),
        "2026-03-01"
    );
    // "Effective" sets a date ahead, unless a verb makes it past.
    assert_eq!(
        value("The board created a new office, effective Feb. 1."),
        "2027-02-01"
    );
    assert_eq!(value("The cut became effective Jan. 1."), "2026-01-01");
}

#[test]
fn a_day_opening_the_sentence_takes_the_tense_of_the_clause_after_the_comma() {
    let value = |text: &str| first_value_in_news("2026-12-04", text);
    // Up to two words may come before it: the clause after the comma still governs it.
    assert_eq!(
        value("As of March 1, the camp held 20,000 people."),
        "2026-03-01"
    );
    assert_eq!(
        value("As of March 1, the camp will hold 20,000 people."),
        "2027-03-01"
    );
    assert_eq!(
        value("Since Jan. 15, officials said, 40 died."),
        "2026-01-15"
    );
    // Deeper in a sentence, the clause after the comma is another's: "officials said" does
    // not make the deadline past.
    assert_eq!(
        value("Under the plan the talks could resume by Feb. 20, officials said."),
        "2027-02-20"
    );
}
#[test]
fn a_plan_told_in_the_past_still_looks_ahead() {
    // A Wednesday.
    let value = |text: &str| first_value_in_news("2000-01-05", text);
    assert_eq!(
        value("A rally in Little Havana on Saturday was planned by exile groups."),
        "2000-01-08"
    );
    assert_eq!(
        value("The rally on Saturday was expected to draw thousands."),
        "2000-01-08"
    );
    // A plain past auxiliary still looks back.
    assert_eq!(
        value("A rally in Little Havana on Saturday was attended by thousands."),
        "2000-01-01"
    );
}

#[test]
fn elided_ranges_give_the_bare_number_its_own_expression() -> Result<(), Box<dyn std::error::Error>>
{
    let spans = |text: &str| texts_and_values("1999-02-10", text);
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        spans("The battle raged on 6–7 January 1916, then ended."),
        [
            pair("6", "1916-01-06"),
            pair("7 January 1916", "1916-01-07")
        ]
    );
    assert_eq!(
        spans("The summit is on April 24 and 25."),
        [pair("April 24", "1999-04-24"), pair("25", "1999-04-25")]
    );
    assert_eq!(
        spans("Throughout 1915-17, the armies dug in."),
        [pair("1915", "1915"), pair("17", "1917")]
    );
    // Before the common era the first year takes the era the second states, and is larger.
    assert_eq!(
        spans("The Ionian Revolt (499-493 BC) failed."),
        [pair("499", "BC0499"), pair("493 BC", "BC0493")]
    );
    assert_eq!(
        spans("It lasted from 499 to 493 BC."),
        [pair("499", "BC0499"), pair("493 BC", "BC0493")]
    );
    assert_eq!(spans("rows 12-44 BC"), [pair("44 BC", "BC0044")]);
    // AP style: the year after the second day is both days' year, and joins the second end.
    assert_eq!(
        spans("Talks on March 3-4, 1990 failed."),
        [pair("March 3", "1990-03-03"), pair("4, 1990", "1990-03-04")]
    );
    assert_eq!(
        spans("Talks on March 3rd-5th."),
        [pair("March 3rd", "1999-03-03"), pair("5th", "1999-03-05")]
    );
    // Both ends with their article; the first takes the article into its extent.
    assert_eq!(
        spans("It ran from the 3rd to the 5th of May 1990."),
        [
            pair("the 3rd", "1990-05-03"),
            pair("the 5th of May 1990", "1990-05-05")
        ]
    );
    assert_eq!(
        spans("It ran from 3 to the 5th of May 1990."),
        [
            pair("3", "1990-05-03"),
            pair("the 5th of May 1990", "1990-05-05")
        ]
    );
    // "the" belongs to a word before it: no article.
    assert_eq!(
        spans("It ran from bathe 3 to the 5th of May 1990."),
        [
            pair("3", "1990-05-03"),
            pair("the 5th of May 1990", "1990-05-05")
        ]
    );
    // A year the first end states already is kept.
    assert_eq!(
        spans("From March 3, 1988 to 5, 1990."),
        [pair("March 3, 1988", "1988-03-03"), pair("1990", "1990")]
    );
    // Character offsets stay right after a multi-byte dash, and the two ends are linked.
    let out = Tagger::english().tag("Événements: 6–7 January 1916", &anchor_at("1999-02-10"));
    assert_eq!((out[0].start, out[0].end), (12, 13));
    assert_eq!(
        out[0].range.ok_or("the range of the first end")?.other,
        out[1].start
    );
    // A night over two days: the second end is the day alone, and both take the year.
    assert_eq!(
        spans("It fell on the night of February 25-26, 1992."),
        [
            pair("the night of February 25", "1992-02-25TNI"),
            pair("26, 1992", "1992-02-26")
        ]
    );
    // A night before the first day of an elided range is that day's night.
    assert_eq!(
        spans("On the night of 19-20 January 1990, troops entered Baku."),
        [
            pair("the night of 19", "1990-01-19TNI"),
            pair("20 January 1990", "1990-01-20")
        ]
    );
    // British style writes the night with a slash, and a fiscal year the same way.
    assert_eq!(
        spans("On the night of 19/20 January 1990, troops entered Baku."),
        [
            pair("the night of 19", "1990-01-19TNI"),
            pair("20 January 1990", "1990-01-20")
        ]
    );
    assert_eq!(
        spans("The budget for 2025/26 was approved."),
        [pair("2025", "2025"), pair("26", "2026")]
    );
    assert_eq!(
        spans("The budget for fiscal 2025-26 was approved."),
        [pair("fiscal 2025", "2025"), pair("26", "2026")]
    );
    // Translated texts write the night "from" one day "to" the next, and "till" links too.
    assert_eq!(
        spans("In the night from 19 to 20 January 1990 troops came."),
        [
            pair("the night from 19", "1990-01-19TNI"),
            pair("20 January 1990", "1990-01-20")
        ]
    );
    assert_eq!(
        spans("The fair ran from 3 till 5 March 1990."),
        [pair("3", "1990-03-03"), pair("5 March 1990", "1990-03-05")]
    );
    // A slash between numbers that are no dates stays out.
    assert_eq!(
        spans("Open 24/7 since March 3."),
        [pair("March 3", "1998-03-03")]
    );
    // "Of" after a word that names no part of the day adds nothing.
    assert_eq!(
        spans("The battle of 19-20 January 1990 was short."),
        [
            pair("19", "1990-01-19"),
            pair("20 January 1990", "1990-01-20")
        ]
    );
    // The story is then at February 1992, not at the year alone.
    assert_eq!(
        spans("It fell on February 25-26, 1992. Shelling had begun on the 24th.")[2],
        pair("the 24th", "1992-02-24")
    );
    // Counts, percentages and reversed numbers are not range ends.
    // (People died: last March.)
    assert_eq!(
        spans("On March 3 and 4 people died."),
        [pair("March 3", "1998-03-03")]
    );
    // (A day something happened "on" in a past-tense sentence: last March.)
    assert_eq!(
        spans("It rose 3-5% on March 7."),
        [pair("March 7", "1998-03-07")]
    );
    // (Past tense, and 88 days ahead is too far for a deadline: last May.)
    assert_eq!(spans("On May 9-5 it was."), [pair("May 9", "1998-05-09")]);
    assert_eq!(spans("in 1990-85,000 men"), [pair("1990", "1990")]);
    Ok(())
}

#[test]
fn decimals_at_a_sentence_end_are_not_years() {
    let tagger = Tagger::english();
    let anchor = anchor_at("1989-10-30");
    let out = tagger.tag(
        "The DAX dropped 19.69 points Friday to 1462.93. It rose.",
        &anchor,
    );
    let values: Vec<String> = out.iter().map(|t| t.value.to_string()).collect();
    assert_eq!(values, ["1989-10-27"]);
}

/// The values tagged in `text` read as a history narrative written on 2009-12-19.
fn values_in_history(text: &str) -> Vec<String> {
    let mut anchor = anchor_at("2009-12-19");
    anchor.style = crate::Style::Narrative;
    Tagger::english()
        .tag(text, &anchor)
        .iter()
        .map(|t| t.value.to_string())
        .collect()
}

#[test]
fn weekdays_joined_by_and_lie_together() {
    // Written on Monday 7 December 2026: in order, they are the closest pair.
    let values = |text: &str| values_in_news("2026-12-07", text);
    assert_eq!(
        values("Talks were held on Monday and Tuesday."),
        ["2026-11-30", "2026-12-01"]
    );
    assert_eq!(
        values("Talks will be held on Friday and Monday."),
        ["2026-12-11", "2026-12-14"]
    );
    // Listed back, today and yesterday stay where they are.
    assert_eq!(
        values("Statements were made Monday and Sunday."),
        ["2026-12-07", "2026-12-06"]
    );
    // A clause with a verb of its own after "and" does not lend its tense back.
    assert_eq!(
        values("He pleaded guilty in March and will be sentenced on 19 December."),
        ["2026-03", "2026-12-19"]
    );
}

#[test]
fn a_range_of_far_years_moves_a_history() {
    // One far year alone is an aside; a range of them is where the story went (but not one
    // in brackets, as a heading's dates are).
    assert_eq!(
        values_in_history(
            "Carthage was founded in 814 BC. The war lasted from 264 to 241 BC. Twenty-three \
             years later, Hannibal crossed the Alps."
        ),
        ["BC0814", "BC0264", "BC0241", "BC0218"]
    );
    assert_eq!(
        values_in_history(
            "Carthage was founded in 814 BC. The league (477-450 BC) fought on. Twenty-three \
             years later, Hannibal crossed the Alps."
        ),
        ["BC0814", "BC0477", "BC0450", "BC0791"]
    );
}

#[test]
fn a_story_late_in_a_year_moves_into_the_next() {
    // The month after the stated day carries the story on; January is then the next year's,
    // in a history and in news telling an old story alike.
    let text = "The offensive opened on 25 November 1950. By mid-December the retreat had \
                reached the parallel. Seoul fell again on 4 January.";
    let expected = ["1950-11-25", "1950-12", "1951-01-04"];
    assert_eq!(values_in_history(text), expected);
    assert_eq!(values_in_news("2026-12-07", text), expected);
}

#[test]
fn a_story_steps_on_day_by_day() {
    // Each step forward counts from the last one; a step back is a flashback and does not.
    assert_eq!(
        values_in_history(
            "On 3 May 1904 they left. The next day they camped. The next day they arrived. \
             Two days later they rested. A day earlier a storm had passed. The next day they \
             sailed."
        ),
        [
            "1904-05-03",
            "1904-05-04",
            "1904-05-05",
            "1904-05-07",
            "1904-05-06",
            "1904-05-08"
        ]
    );
    // A year long gone starts a story even alone, and a day set off by a comma after a year
    // is in that year.
    assert_eq!(
        values_in_news(
            "2026-12-07",
            "The survey was carried out in 1086. William died the following year, on 9 \
             September. The abbey was consecrated on 28 October."
        ),
        ["1086", "1087", "1087-09-09", "1087-10-28"]
    );
    assert_eq!(
        values_in_news(
            "2026-12-07",
            "The plant closed in 2019. Talks resumed on 9 September."
        ),
        ["2019", "2026-09-09"]
    );
}

#[test]
fn an_aside_about_a_far_year_does_not_move_a_narrative() {
    let values = values_in_history;
    // Documents found in 2004 are an aside in a story of 1920.
    assert_eq!(
        values(
            "Warsaw held on 16 August 1920. Papers found in 2004 show why. On 29 August the cavalry fell back."
        ),
        ["1920-08-16", "2004", "1920-08-29"]
    );
    // Nor is a year the story looks ahead to.
    assert_eq!(
        values(
            "On 10 March 1975 the offensive began. The road would be open for a campaign in 1976. The town fell on 11 March."
        ),
        ["1975-03-10", "1976", "1975-03-11"]
    );
    // A year repeated in a name is still an aside.
    assert_eq!(
        values(
            "On 26 October 1917 the front broke. The '99 Boys (Ragazzi del '99) were called up. In 1918 the line held; in October it advanced."
        ),
        ["1917-10-26", "1899", "1899", "1918", "1918-10"]
    );
    // Two different years near each other move the story: "in May" is then 1066's.
    assert_eq!(
        values(
            "On 3 March 1920 talks began. In 1066 the Normans came, and by 1067 they ruled. In May they built a castle."
        ),
        ["1920-03-03", "1066", "1067", "1067-05"]
    );
    // A year with a month is never an aside.
    assert_eq!(
        values(
            "On 3 March 1920 talks began. In May 1066 the Normans came. On 4 June they built a castle."
        ),
        ["1920-03-03", "1066-05", "1066-06-04"]
    );
}

#[test]
fn quoted_deixis_in_a_history_is_the_speakers_day() {
    let values = values_in_history;
    // Said on 30 June 1936: "today" is that day, "tomorrow" the next.
    assert_eq!(
        values("On 30 June 1936 he told the League: \"It is us today. It will be you tomorrow.\""),
        ["1936-06-30", "1936-06-30", "1936-07-01"]
    );
    // Outside the quotation, "today" is the writer's day.
    assert_eq!(
        values("On 30 June 1936 he spoke in Geneva. Today a plaque marks the spot."),
        ["1936-06-30", "2009-12-19"]
    );
    // Quoted with no day to speak from: unknown rather than the writer's day.
    assert_eq!(
        values("In 1936 he warned: “It will be you tomorrow.”"),
        ["1936", "XXXX-XX-XX"]
    );
}

#[test]
fn a_two_digit_year_in_a_history_takes_the_story_century() {
    assert_eq!(
        values_in_history("The army was reformed in 1897. By '99 it was ready."),
        ["1897", "1899"]
    );
    // In news the DCT's century decides.
    let news = Tagger::english().tag("the class of '99", &anchor_at("2009-12-19"));
    assert_eq!(news[0].value.to_string(), "1999");
}

#[test]
fn decades_and_centuries_before_the_common_era_count_backwards() {
    let values = values_in_history(
        "In 490 BC the Persians landed at Marathon. In the following decade war came again. \
         On 12 August 480 BC the fleets met. The next day the Persians attacked. \
         In the previous century Athens had been small; by the 4th century BC it had declined.",
    );
    // The century before 480 BC is the 6th century BC (600 to 501 BC).
    assert_eq!(
        values,
        [
            "BC0490",
            "BC048",
            "BC0480-08-12",
            "BC0480-08-13",
            "BC05",
            "BC03"
        ]
    );
}

#[test]
fn bce_decades_and_centuries_cover_the_years_their_names_say()
-> Result<(), Box<dyn std::error::Error>> {
    let tagged = Tagger::english().tag(
        "in the 480s BC and in the 4th century BC",
        &anchor_at("2009-12-19"),
    );
    let spans: Vec<(String, String)> = tagged
        .iter()
        .map(|t| -> Result<_, Box<dyn std::error::Error>> {
            let iv = t.value.interval().ok_or("the interval of the value")?;
            Ok((iv.start.date().to_string(), iv.end.date().to_string()))
        })
        .collect::<Result<_, _>>()?;
    // jiff writes astronomical years: -000488 is 489 BC.
    assert_eq!(
        spans,
        [
            ("-000488-01-01".to_string(), "-000478-01-01".to_string()),
            ("-000399-01-01".to_string(), "-000299-01-01".to_string())
        ]
    );
    Ok(())
}

#[test]
fn a_day_counted_from_a_month_in_a_history_is_unknown_but_keeps_month_and_year() {
    assert_eq!(
        values_in_history(
            "In June 1944 the Allies landed. The same day the storm ended. Four days later they took the port."
        ),
        ["1944-06", "1944-06-XX", "1944-XX-XX"]
    );
    // A day the story is at is counted from as before.
    assert_eq!(
        values_in_history("On 6 June 1944 the Allies landed. The next day they took the port."),
        ["1944-06-06", "1944-06-07"]
    );
}

#[test]
fn a_year_looked_back_to_does_not_move_a_history() {
    assert_eq!(
        values_in_history(
            "In 492 BC Mardonius marched north. Thrace had been Persian since 513 BC. The following year Darius sent envoys."
        ),
        ["BC0492", "BC0513", "BC0491"]
    );
    // Without "since" the nearer year moves the story.
    assert_eq!(
        values_in_history(
            "In 492 BC Mardonius marched north. In 513 BC Thrace fell. The following year it rebelled."
        ),
        ["BC0492", "BC0513", "BC0512"]
    );
}

#[test]
fn a_year_in_parentheses_annotates_and_does_not_move_a_history() {
    assert_eq!(
        values_in_history(
            "Peasants revolted in 1793, angered by the Civil Constitution of the Clergy (1790) and the draft. On 17 August the Convention voted."
        ),
        ["1793", "1790", "1793-08-17"]
    );
}

#[test]
fn an_earlier_year_naming_a_thing_does_not_move_a_history() {
    assert_eq!(
        values_in_history(
            "The palace was stormed on 27 December 1979, citing the 1978 Treaty of Friendship. On 29 December troops reached Herat."
        ),
        ["1979-12-27", "1978", "1979-12-29"]
    );
    // Standing alone, the earlier year moves the story.
    assert_eq!(
        values_in_history(
            "The palace was stormed on 27 December 1979. A treaty was signed in 1978. On 29 December troops reached Herat."
        ),
        ["1979-12-27", "1978", "1978-12-29"]
    );
}

#[test]
fn an_earlier_year_told_in_the_pluperfect_does_not_move_a_history() {
    assert_eq!(
        values_in_history(
            "In May 1944 British forces drove the Japanese back, and forces that had invaded Burma in late 1943 besieged them. By June, Henan had fallen."
        ),
        ["1944-05", "1943", "1944-06"]
    );
    // Told in the simple past, the earlier year moves the story.
    assert_eq!(
        values_in_history(
            "In May 1944 British forces drove the Japanese back. Other forces invaded Burma in late 1943. By June, Henan had fallen."
        ),
        ["1944-05", "1943", "1943-06"]
    );
}

#[test]
fn a_month_years_ahead_is_an_aside_in_a_history() {
    assert_eq!(
        values_in_history(
            "On 9 April 2003 Baghdad fell. In November 2008, protesters burned an effigy of Bush. On April 15 the invasion was declared over."
        ),
        ["2003-04-09", "2008-11", "2003-04-15"]
    );
    // A second far year confirms the move.
    assert_eq!(
        values_in_history(
            "On 9 April 2003 Baghdad fell. In November 2008, a pact was signed. In 2009 troops withdrew. On April 15 the last base closed."
        ),
        ["2003-04-09", "2008-11", "2009", "2009-04-15"]
    );
    // A month a year or two on moves the story.
    assert_eq!(
        values_in_history(
            "On 9 April 2003 Baghdad fell. In November 2004, Fallujah was stormed. On December 2 the city was sealed."
        ),
        ["2003-04-09", "2004-11", "2004-12-02"]
    );
}

#[test]
fn an_end_looked_ahead_to_does_not_move_a_history() {
    assert_eq!(
        values_in_history(
            "In October 1944 the Soviets attacked Hungary, a battle that lasted until the fall of Budapest in February 1945. By the end of November they had crossed the Danube."
        ),
        ["1944-10", "1945-02", "1944-11"]
    );
    // Without "until" the later date moves the story.
    assert_eq!(
        values_in_history(
            "In October 1944 the Soviets attacked Hungary. Budapest fell in February 1945. By the end of November they had crossed the Danube."
        ),
        ["1944-10", "1945-02", "1945-11"]
    );
}

#[test]
fn a_history_late_in_a_stated_year_moves_on_into_the_next() {
    assert_eq!(
        values_in_history(
            "In December 1916 the Germans offered to negotiate. The Allies stated their demands on 14 January. In 1917 the blockade began to bite."
        ),
        ["1916-12", "1917-01-14", "1917"]
    );
    // Early in the year, a month further on stays in it.
    assert_eq!(
        values_in_history(
            "In March 1916 the Germans attacked at Verdun. The Allies answered on 14 January. In 1917 the blockade began to bite."
        ),
        ["1916-03", "1916-01-14", "1917"]
    );
}

#[test]
fn every_and_each_say_so_in_quant() {
    let quants = |text: &str| -> Vec<Option<&'static str>> {
        Tagger::english()
            .tag(text, &anchor_at("2026-12-04"))
            .into_iter()
            .map(|t| t.quant)
            .collect()
    };
    assert_eq!(quants("They meet every Monday."), [Some("EVERY")]);
    assert_eq!(quants("The fair opens each March."), [Some("EACH")]);
    assert_eq!(quants("Buses leave every 15 minutes."), [Some("EVERY")]);
    assert_eq!(quants("They meet twice a week."), [None]);
}

#[test]
fn sets_say_how_often_in_freq() {
    let tagger = Tagger::english();
    let anchor = anchor_at("2026-12-04");
    let sets = |text: &str| -> Vec<(String, String, Option<String>)> {
        tagger
            .tag(text, &anchor)
            .into_iter()
            .map(|t| (t.text, t.value.to_string(), t.freq))
            .collect()
    };
    let set = |text: &str, value: &str, freq: Option<&str>| {
        (
            text.to_string(),
            value.to_string(),
            freq.map(str::to_string),
        )
    };
    assert_eq!(
        sets("They meet twice a week."),
        [set("twice a week", "P1W", Some("2X"))]
    );
    assert_eq!(
        sets("He works three days a week."),
        [set("three days a week", "P1W", Some("3D"))]
    );
    assert_eq!(
        sets("It is open 24 hours a day."),
        [set("24 hours a day", "P1D", Some("24H"))]
    );
    assert_eq!(sets("every week"), [set("every week", "P1W", None)]);
    assert_eq!(
        sets("It is taken twice daily."),
        [set("twice daily", "P1D", Some("2X"))]
    );
    assert_eq!(
        sets("Reports come three times weekly."),
        [set("three times weekly", "P1W", Some("3X"))]
    );
}

#[test]
fn until_takes_the_tense_of_its_sentence() {
    // A Friday: last Thursday is the 3rd, next Thursday the 10th.
    let value = |text: &str| first_value_in_news("2026-12-04", text);
    assert_eq!(value("The border was closed until Thursday."), "2026-12-03");
    assert_eq!(
        value("The border stayed closed until Thursday."),
        "2026-12-03"
    );
    assert_eq!(
        value("Until Thursday, the border stayed closed."),
        "2026-12-03"
    );
    assert_eq!(value("The curfew lasted until March 3."), "2026-03-03");
    assert_eq!(
        value("The border will stay closed until Thursday."),
        "2026-12-10"
    );
    // No tense: a state that lasts until a day looks ahead to it.
    assert_eq!(value("Talks continue until Thursday."), "2026-12-10");
    // Put off until a day: ahead, whatever the tense.
    assert_eq!(
        value("The vote was postponed until Thursday."),
        "2026-12-10"
    );
    assert_eq!(
        value("The agency extended its deadline until 9 a.m. Thursday."),
        "2026-12-10T09:00"
    );
}

#[test]
fn a_stated_weekday_picks_the_year_of_a_day_without_one() {
    // 2026-03-03 is a Tuesday, 2027-03-03 a Wednesday.
    let value = |text: &str| first_value_in_news("2026-12-04", text);
    assert_eq!(value("The vote will be held on March 3."), "2027-03-03");
    assert_eq!(
        value("The vote will be held on Wednesday, March 3."),
        "2027-03-03"
    );
    assert_eq!(
        value("The vote, on Tuesday, March 3, was close."),
        "2026-03-03"
    );
    // In a history of 1915, 3 March 1916 was a Friday: the story moves on to it.
    assert_eq!(
        values_in_history("The war dragged on in 1915. On Friday, 3 March, the line broke."),
        ["1915", "1916-03-03"]
    );
}

#[test]
fn a_month_just_before_an_old_storys_day_is_the_storys() {
    let values = values_in_news(
        "2026-12-04",
        "The siege began on 8 September 1941. That winter, 600,000 people died. The ice road \
         opened in late November.",
    );
    assert_eq!(values, ["1941-09-08", "1942-WI", "1941-11"]);
    // A month long before the story's day is still the writer's: the story is a single
    // mention, not where the text is.
    let values = values_in_news(
        "1999-06-07",
        "They were charged in the Dec. 21, 1988, bombing. They were removed after Libya \
         agreed in April to hand them over.",
    );
    assert_eq!(values, ["1988-12-21", "1999-04"]);
    // A recent story does not look back: "in November" after this winter is the writer's
    // November.
    let values = values_in_news(
        "2026-12-04",
        "Fighting resumed on 2 December 2026. The talks had failed in November.",
    );
    assert_eq!(values, ["2026-12-02", "2026-11"]);
}

#[test]
fn a_schedule_told_in_the_present_looks_ahead() {
    // A Friday in December.
    let value = |text: &str| first_value_in_news("2026-12-04", text);
    assert_eq!(value("The trial opens in March."), "2027-03");
    assert_eq!(value("The museum reopens on Tuesday."), "2026-12-08");
    // Told in the past, it looks back.
    assert_eq!(value("The trial opened in March."), "2026-03");
    assert_eq!(value("The museum reopened on Tuesday."), "2026-12-01");
}

#[test]
fn in_news_a_year_since_which_something_holds_is_not_the_story() {
    // The ban began in 2019; the day it was lifted is this year's March 3.
    assert_eq!(
        values_in_news(
            "2024-11-30",
            "For the first time since 2019, the ban was lifted on March 3."
        ),
        ["2019", "2024-03-03"]
    );
    assert_eq!(
        values_in_news(
            "2024-11-30",
            "He has lived in Paris since 2019. On New Year's Eve he was arrested."
        ),
        ["2019", "2023-12-31"]
    );
    // A year stated as such still is.
    assert_eq!(
        values_in_news("2024-11-30", "In 2019 the ban was lifted on March 3."),
        ["2019", "2019-03-03"]
    );
}

#[test]
fn a_month_of_a_year_long_gone_starts_a_story_in_news_too() {
    // Too few years for the document to read as a history: news, but 29 May is 1453's.
    assert_eq!(
        values_in_news(
            "2023-05-29",
            "The Ottoman army laid siege to the city in April 1453. Within seven weeks the \
             walls were breached, and on the morning of 29 May the city fell."
        ),
        ["1453-04", "P7W", "1453-05-29TMO"]
    );
    // A month a few years back is a comparison: the next day of a month is the writer's year.
    assert_eq!(
        values_in_news(
            "2025-05-20",
            "Sales had peaked in March 2023. The company will report on May 29."
        ),
        ["2023-03", "2025-05-29"]
    );
}

#[test]
fn earlier_and_later_this_year_lie_on_their_side_of_the_writers_day()
-> Result<(), Box<dyn std::error::Error>> {
    let tagger = Tagger::english();
    let anchor = anchor_at("2026-12-04");
    let text = "Earlier this year the army withdrew. Later this month talks resume. Early this \
                year it snowed.";
    let got: Vec<(String, String, String, String)> = tagger
        .tag(text, &anchor)
        .into_iter()
        .map(|t| -> Result<_, Box<dyn std::error::Error>> {
            let iv = t.interval.ok_or("the interval of the expression")?;
            Ok((
                t.text,
                t.value.to_string(),
                crate::value::format_datetime(iv.start),
                crate::value::format_datetime(iv.end),
            ))
        })
        .collect::<Result<_, _>>()?;
    let row = |a: &str, b: &str, c: &str, d: &str| {
        (a.to_string(), b.to_string(), c.to_string(), d.to_string())
    };
    assert_eq!(
        got,
        [
            // Written on December 4: the year up to that day, not its first third.
            row("Earlier this year", "2026", "2026-01-01", "2026-12-04"),
            row("Later this month", "2026-12", "2026-12-05", "2027-01-01"),
            // "Early" names the first third, wherever the writer is.
            row("Early this year", "2026", "2026-01-01", "2026-05-01"),
        ]
    );
    Ok(())
}

#[test]
fn an_expression_in_a_since_clause_marks_where_something_began() {
    // (text, the expression, whether it is where something began)
    let cases = [
        (
            "1.2 million people have been displaced since the rains began on Sept. 6.",
            "Sept. 6",
            true,
        ),
        (
            "Since 2011, more than 500,000 people have been killed.",
            "2011",
            true,
        ),
        // A comma or a sentence ends the clause "since" opens.
        (
            "He has not been seen since the raid, which came on Monday.",
            "Monday",
            false,
        ),
        (
            "He has not been seen since. On Monday, police searched his home.",
            "Monday",
            false,
        ),
        ("The rains began on Sept. 6.", "Sept. 6", false),
        // A verb of beginning in a relative clause opens one as "since" does; alone it does not.
        (
            "The war, which broke out in April 2023, has killed 150,000 people.",
            "April 2023",
            true,
        ),
        ("The talks that began in 2011 have failed.", "2011", true),
    ];
    let tagger = Tagger::english();
    for (text, expression, since) in cases {
        let found: Vec<(String, bool)> = tagger
            .tag(text, &anchor_at("2026-09-14"))
            .into_iter()
            .map(|t| (t.text, t.since))
            .collect();
        assert_eq!(found, [(expression.to_string(), since)], "{text}");
    }
}

#[test]
fn a_possessive_date_is_marked() {
    let possessive: Vec<(String, bool)> = Tagger::english()
        .tag(
            "The toll from Tuesday's bombing rose to 38 on Wednesday, and Friday’s too.",
            &anchor_at("2026-12-07"),
        )
        .into_iter()
        .map(|t| (t.text, t.possessive))
        .collect();
    assert_eq!(
        possessive,
        [
            ("Tuesday".to_string(), true),
            ("Wednesday".to_string(), false),
            ("Friday".to_string(), true)
        ]
    );
}

#[test]
fn the_other_side_of_a_comparison_is_marked() {
    let compared = |text: &str| -> Vec<(String, bool)> {
        Tagger::english()
            .tag(text, &anchor_at("2026-12-07"))
            .into_iter()
            .map(|t| (t.text, t.compared))
            .collect()
    };
    assert_eq!(
        compared("41 people were killed this year, up from 29 in 2025."),
        [("this year".to_string(), false), ("2025".to_string(), true)]
    );
    assert_eq!(
        compared("Sales in 2026 versus 2025 rose."),
        [("2026".to_string(), false), ("2025".to_string(), true)]
    );
    assert_eq!(
        compared("It rose in the year, higher than in the whole of 2025."),
        [("the year".to_string(), false), ("2025".to_string(), true)]
    );
    assert_eq!(
        compared("They met more than four decades ago and rallied Saturday."),
        [
            ("more than four decades ago".to_string(), false),
            ("Saturday".to_string(), false)
        ]
    );
    // A comma closes the comparison; "from" alone opens none.
    assert_eq!(
        compared("Compared with 2024, prices rose in 2025."),
        [("2024".to_string(), true), ("2025".to_string(), false)]
    );
    assert_eq!(
        compared("Talks ran from 2001 to 2009."),
        [("2001".to_string(), false), ("2009".to_string(), false)]
    );
}

#[test]
fn what_happens_as_a_rule_names_no_particular_day() {
    let values = |text: &str| values_in_news("2026-12-04", text);
    assert_eq!(values("The monsoon usually arrives in June."), ["XXXX-06"]);
    assert_eq!(
        values("The museum is open daily from 10 a.m. to 6 p.m."),
        ["P1D", "XXXX-XX-XXT10:00", "XXXX-XX-XXT18:00"]
    );
    assert_eq!(
        values("The ceremony takes place every year on the second Sunday of November."),
        ["P1Y", "XXXX-11"]
    );
    // The clause ends at the comma: the museum opened in a particular March.
    assert_eq!(
        values("The museum, which opened in March, is open daily."),
        ["2026-03", "P1D"]
    );
    // A word of habit after the date is about something else.
    assert_eq!(
        values("The attack on July 3 is usually seen as the turning point."),
        ["2026-07-03"]
    );
    // "Daily" describing a noun tells no habit; a series starts on a particular day.
    assert_eq!(
        values("The daily turnover for October was high."),
        ["P1D", "2026-10"]
    );
    assert_eq!(
        values("Flights leave each Thursday from August 6."),
        ["XXXX-WXX-4", "2026-08-06"]
    );
    // A habit held since a time started at a particular one.
    assert_eq!(
        values("Protests have been held every Friday since mid-September."),
        ["XXXX-WXX-5", "2026-09"]
    );
    // A recurring expression that opens the sentence governs the clause after its comma,
    // and only that one.
    assert_eq!(
        values("Every Saturday morning, a bus leaves the regional centre at 8:30."),
        ["XXXX-WXX-6TMO", "XXXX-XX-XXT08:30"]
    );
    assert_eq!(
        values("Every year, the fair opens in June; in 2025, it opened on June 3."),
        ["P1Y", "XXXX-06", "2025", "2025-06-03"]
    );
    assert_eq!(
        values("Every year, the fair opens in June and closes in August."),
        ["P1Y", "XXXX-06", "XXXX-08"]
    );
    // Right after a recurring expression and its comma: when it recurs; a month joined to
    // such a month recurs too.
    assert_eq!(
        values("The firm reports results twice a year, in March and September."),
        ["P1Y", "XXXX-03", "XXXX-09"]
    );
    assert_eq!(
        values("The museum, open daily, closed in March."),
        ["P1D", "2026-03"]
    );
}

#[test]
fn a_weekday_kept_as_a_rule_recurs() {
    let tagger = Tagger::english();
    let anchor = anchor_at("2026-12-04");
    let out = tagger.tag("Markets are usually closed on Friday.", &anchor);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].kind, TimexType::Set);
    assert_eq!(out[0].value.to_string(), "XXXX-WXX-5");
    // Without the habit, a particular Monday.
    let out = tagger.tag("Markets were closed on Monday.", &anchor);
    assert_eq!(out[0].kind, TimexType::Date);
    assert_eq!(out[0].value.to_string(), "2026-11-30");
}

#[test]
fn a_clock_time_and_its_bracketed_other_zone_are_on_the_day_after_them() {
    assert_eq!(
        values_in_news(
            "2026-12-02",
            "Polls opened at 07:00 local time (04:00 GMT) on Sunday."
        ),
        ["2026-11-29T07:00", "2026-11-29T04:00", "2026-11-29"]
    );
    // A bracketed zone name alone, after a sentence about another month.
    assert_eq!(
        values_in_news(
            "2026-12-07",
            "The results came in September. The offer ends at 5 p.m. (London time) on 15 \
             January 2027."
        ),
        ["2026-09", "2027-01-15T17:00", "2027-01-15"]
    );
    // A full stop ends the first sentence after the abbreviation: today's 8 p.m.
    assert_eq!(
        values_in_news("2026-12-02", "Voting ended at 8 p.m. On Sunday it resumed."),
        ["2026-12-02T20:00", "2026-11-29"]
    );
}

#[test]
fn four_old_years_and_no_deixis_make_a_history_even_with_a_dct() {
    // A short history: a month without a year is the story's, not the writer's.
    let values = values_in_news(
        "2026-12-03",
        "The siege began on 8 September 1941. In January and February 1942 many died. A road \
         opened in late November. In January 1943 a corridor opened; the siege ended in 1944.",
    );
    assert_eq!(values[3], "1942-11");
    // With the writer's own time in it, it stays news.
    let values = values_in_news(
        "2026-12-03",
        "The siege began on 8 September 1941. In January and February 1942 many died. A road \
         opened in late November. In January 1943 a corridor opened; the siege ended in 1944. \
         The city marked it last week.",
    );
    assert_eq!(values[3], "2026-11");
}

#[test]
fn a_weekday_joined_to_a_day_ahead_follows_it() {
    // A Wednesday.
    assert_eq!(
        values_in_news(
            "2026-12-02",
            "The minister will travel to Brussels next Tuesday and Wednesday."
        ),
        ["2026-12-08", "2026-12-09"]
    );
    // Back from a day in the past, a weekday stays where the tense puts it.
    assert_eq!(
        values_in_news("2026-12-02", "He was there yesterday and Monday."),
        ["2026-12-01", "2026-11-30"]
    );
}

#[test]
fn a_history_tells_its_weekdays_in_order() {
    assert_eq!(
        values_in_history(
            "Japanese aircraft attacked on Sunday, 7 December 1941. The next day, Roosevelt \
             addressed Congress. On Thursday, Germany declared war."
        ),
        ["1941-12-07", "1941-12-08", "1941-12-11"]
    );
    // The day itself when the story is on that weekday.
    assert_eq!(
        values_in_history(
            "Germany invaded on 22 June 1941. On Sunday, Molotov spoke on the radio."
        ),
        ["1941-06-22", "1941-06-22"]
    );
    // News still looks back from the writer's day.
    assert_eq!(
        values_in_news("2026-12-07", "Germany declared war on Thursday."),
        ["2026-12-03"]
    );
}

#[test]
fn figures_for_a_period_are_for_one_that_has_been_measured() {
    let values = |text: &str| values_in_news("2026-12-07", text);
    assert_eq!(
        values("The figures for the July-September quarter will be released on Thursday."),
        ["2026-07", "2026-09", "2026-12-10"]
    );
    assert_eq!(
        values("Data for November will be published next week."),
        ["2026-11", "2026-W51"]
    );
    // Not a measured figure: a plan for a month ahead.
    assert_eq!(
        values("The budget for March will be set on Friday."),
        ["2027-03", "2026-12-11"]
    );
    // "Daily" still describes the figures, not a habit of the clause.
    assert_eq!(
        values("The daily figures for October were high."),
        ["P1D", "2026-10"]
    );
}

#[test]
fn a_month_that_leaves_the_last_day_behind_anchors_the_days_counted_after_it() {
    // News: the story moves from 1 March to June; "a week later" counts from June.
    assert_eq!(
        values_in_news(
            "2026-12-07",
            "The law took effect on 1 March. A first draft of the next one was published in \
             June but withdrawn a week later."
        ),
        ["2026-03-01", "2026-06", "2026-06-08"]
    );
    // "That same day", after such a month: a day of it, which one unknown.
    assert_eq!(
        values_in_news(
            "2026-12-07",
            "The talks began on 3 March. In October the site was closed, and the list was \
             removed that same day."
        ),
        ["2026-03-03", "2026-10", "2026-10-XX"]
    );
    // A month that holds the day keeps it.
    assert_eq!(
        values_in_history(
            "On 3 June 1990 talks began. In June the draft was published. A week later it was withdrawn."
        ),
        ["1990-06-03", "1990-06", "1990-06-10"]
    );
}

#[test]
fn a_document_that_writes_day_first_reads_its_ambiguous_numeric_dates_day_first() {
    // Written out day first: "7th December".
    assert_eq!(
        values_in_news(
            "2026-12-07",
            "The council met on 7th December 2026. The hearing was set for 6/12/2026."
        ),
        ["2026-12-07", "2026-12-06"]
    );
    // A numeric date that can only be day first, even after the ambiguous one.
    assert_eq!(
        values_in_news(
            "2026-12-07",
            "The hearing is on 03/04/2027. The complaint was filed on 25/11/2026."
        ),
        ["2027-04-03", "2026-11-25"]
    );
    // So do dotted dates, and "on 6/12" without a year turns round too.
    assert_eq!(
        values_in_news("2026-12-07", "Filed 20.01.2026; heard on 6/12."),
        ["2026-01-20", "2026-12-06"]
    );
}

#[test]
fn a_document_that_writes_month_first_or_gives_no_evidence_reads_month_first() {
    assert_eq!(
        values_in_news(
            "2026-12-07",
            "The council met on December 7, 2026. The hearing was set for 6/12/2026."
        ),
        ["2026-12-07", "2026-06-12"]
    );
    assert_eq!(
        values_in_news("2026-12-07", "The hearing was set for 6/12/2026."),
        ["2026-06-12"]
    );
    // One unambiguous numeric date outweighs a date written the other way.
    assert_eq!(
        values_in_news(
            "2026-12-07",
            "Filed on 11/25/2026 in London (hearings began on 24 November). Heard 6/12/2026."
        ),
        ["2026-11-25", "2026-11-24", "2026-06-12"]
    );
}

/// The values of `text`'s expressions, written on 7 December 2026 with its dates read `order`.
fn values_in_order(order: crate::DateOrder, text: &str) -> Vec<String> {
    let mut anchor = anchor_at("2026-12-07");
    anchor.date_order = order;
    Tagger::english()
        .tag(text, &anchor)
        .iter()
        .map(|t| t.value.to_string())
        .collect()
}

#[test]
fn the_caller_can_state_the_date_order() {
    let values = values_in_order;
    assert_eq!(
        values(
            crate::DateOrder::DayFirst,
            "On December 7, 2026, it was set for 6/12/2026."
        ),
        ["2026-12-07", "2026-12-06"]
    );
    assert_eq!(
        values(
            crate::DateOrder::MonthFirst,
            "On 7 December 2026 it was set for 6/12/2026."
        ),
        ["2026-12-07", "2026-06-12"]
    );
}

#[test]
fn a_hint_from_metadata_decides_until_the_text_outweighs_it() {
    use crate::DateOrder::{Auto, LikelyDayFirst, LikelyMonthFirst};
    let values = values_in_order;
    // No evidence in the text: the hint decides, where Auto keeps month first.
    let bare = "It was set for 6/12/2026.";
    assert_eq!(values(Auto, bare), ["2026-06-12"]);
    assert_eq!(values(LikelyDayFirst, bare), ["2026-12-06"]);
    assert_eq!(values(LikelyMonthFirst, bare), ["2026-06-12"]);
    // A numeric date that can only be read day first outweighs a month-first hint (an `en-US`
    // stamped on a British page)...
    assert_eq!(
        values(
            LikelyMonthFirst,
            "Filed on 25/11/2026, it was set for 6/12/2026."
        ),
        ["2026-11-25", "2026-12-06"]
    );
    // ...and one that can only be read month first outweighs a day-first hint.
    assert_eq!(
        values(
            LikelyDayFirst,
            "Filed on 11/25/2026, it was set for 6/12/2026."
        ),
        ["2026-11-25", "2026-06-12"]
    );
    // Two dates written out day first do not outweigh a month-first hint; four do.
    let two = "On 1 December and 2 December 2026 it was put off to 6/12/2026.";
    assert_eq!(
        values(LikelyMonthFirst, two),
        ["2026-12-01", "2026-12-02", "2026-06-12"]
    );
    let four = "On 1 December, 2 December, 3 December and 4 December 2026 it was put off \
                to 6/12/2026.";
    assert_eq!(
        values(LikelyMonthFirst, four).last().map(String::as_str),
        Some("2026-12-06")
    );
}

#[test]
fn a_clock_time_told_in_the_present_in_news_is_the_writers() {
    // Before: the story's day (28 November) held "11 p.m." and "5 a.m.".
    assert_eq!(
        values_in_news(
            "2026-12-07T10:00",
            "The last round, held on November 28, ended without agreement.\n\nA curfew from \
             11 p.m. to 5 a.m. remains in force."
        ),
        ["2026-11-28", "2026-12-07T23:00", "2026-12-08T05:00"]
    );
    // Told in the past, it stays on the story's day.
    assert_eq!(
        values_in_news(
            "2026-12-07T10:00",
            "The last round, held on November 28, ended without agreement. A curfew from \
             11 p.m. to 5 a.m. was imposed."
        ),
        ["2026-11-28", "2026-11-28T23:00", "2026-11-29T05:00"]
    );
}

#[test]
fn the_end_of_a_night_on_an_unknown_day_stays_on_an_unknown_day() {
    // Before: "5 a.m." fell on 1 January of the story's year.
    let values = values_in_news(
        "2026-12-07T10:00",
        "The last round, held on November 28, ended without agreement.\n\nSince the \
         invasion began in February 2022, more than 12,000 civilians have been killed. In the \
         first ten months of this year alone, 1,800 civilians died.\n\nA curfew from 11 p.m. \
         to 5 a.m. was imposed.",
    );
    assert_eq!(
        values[values.len() - 2..],
        ["2026-XX-XXT23:00", "2026-XX-XXT05:00"]
    );
}

#[test]
fn hours_after_a_day_of_the_story_count_from_that_day_not_the_writers_clock() {
    // Before: "36 hours later" was 36 hours after the DCT (2026-12-08T22:00).
    assert_eq!(
        values_in_news(
            "2026-12-07T10:00",
            "The mine exploded on 14 March 1986. Rescuers reached the first survivors 36 hours \
             later."
        ),
        ["1986-03-14", "1986-03-15"]
    );
    // On the writer's day, the writer's clock still counts.
    assert_eq!(
        values_in_news(
            "2026-12-07T10:00",
            "The mine exploded today. Rescuers arrived three hours later."
        ),
        ["2026-12-07", "2026-12-07T13:00"]
    );
}
