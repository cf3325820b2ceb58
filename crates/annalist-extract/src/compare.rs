//! Comparing sources: which of their figures are about the same time.
//!
//! Sources date one event differently. One says "on the night of January 19-20, 1990, 147
//! civilians were killed", another "by the morning of January 20, at least 131 had been
//! killed": the first statement starts on the 19th, the second on the 20th, and grouping by
//! the day each starts on would never set them side by side. So statements of a day or less
//! (and ranges of up to [`SAME_TIME_MAX_DAYS`] days) are compared by the days they cover: those
//! whose days overlap are about the same time. A group never grows wider than that many days,
//! so a run of daily tolls does not chain into one. Statements of a month or coarser are about
//! a period, not an event, and are compared only with statements of the same period: "in
//! March, 300 were arrested" is no rival to "on March 3, 40 were arrested".
//!
//! Both the store and the server's in-memory archive group their conflicts here, so that the
//! two agree.

/// How many days a group of statements about one time may span at most (a range of dates
/// wider than this is compared only with the same range).
pub const SAME_TIME_MAX_DAYS: i64 = 3;

const DAY: i64 = 86_400;

/// When a statement with figures is placed, for grouping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct When {
    /// The date as shown: the day for statements of a day or finer (`1990-01-19` for
    /// `1990-01-19TNI`), else the value (`1990-03`, `1992/1994`).
    pub key: String,
    /// Start of the statement's interval, in seconds since 1970.
    pub start_s: i64,
    /// End of the interval (exclusive), in seconds since 1970.
    pub end_s: i64,
    /// Whether the statement is of a day or finer (a range of such days too).
    pub day_or_finer: bool,
}

/// Figures of one category that sources give for one time.
#[derive(Clone, Debug, PartialEq)]
pub struct Group<T> {
    /// The date shown: one day or value, or the first and last day joined by `/`
    /// (`1990-01-19/1990-01-20`) when the statements grouped start on different days.
    pub date: String,
    /// Start of the earliest statement, in seconds since 1970.
    pub start_s: i64,
    /// End of the latest statement (exclusive), in seconds since 1970.
    pub end_s: i64,
    /// The category the figures share.
    pub category: String,
    /// The items, in the order given.
    pub items: Vec<T>,
}

/// The group of statements of a day or less that the next one may join.
struct Open {
    /// Index of the group.
    group: usize,
    /// Its first day and one past its last (days since 1970).
    from: i64,
    until: i64,
    /// The date of its first statement, and of the one that starts latest, and when that
    /// one starts.
    first_key: String,
    last_key: String,
    last_start: i64,
}

/// Groups `items` (each with its category and when its statement is placed) by category and
/// time, as the module documentation says; groups come in date order, then category.
pub fn group_by_time<T>(items: Vec<(String, When, T)>) -> Vec<Group<T>> {
    let mut groups: Vec<Group<T>> = Vec::new();
    // Statements of a period: one group per category, value and start.
    let mut periods: std::collections::BTreeMap<(String, String, i64), usize> =
        std::collections::BTreeMap::new();
    // Statements of a day or less: compared by the days they cover.
    let mut days: Vec<(String, i64, i64, usize, When, T)> = Vec::new();
    for (position, (category, when, item)) in items.into_iter().enumerate() {
        let first_day = when.start_s.div_euclid(DAY);
        let end_day = (when.end_s + DAY - 1).div_euclid(DAY).max(first_day + 1);
        if when.day_or_finer && end_day - first_day <= SAME_TIME_MAX_DAYS {
            days.push((category, first_day, end_day, position, when, item));
            continue;
        }
        let slot = (category.clone(), when.key.clone(), when.start_s);
        match periods.get(&slot) {
            Some(&g) => groups[g].items.push(item),
            None => {
                periods.insert(slot, groups.len());
                groups.push(Group {
                    date: when.key,
                    start_s: when.start_s,
                    end_s: when.end_s,
                    category,
                    items: vec![item],
                });
            }
        }
    }
    // By category, then by the first day covered; each statement joins the open group when
    // their days overlap and the group stays narrow enough.
    days.sort_by(|a, b| (&a.0, a.1, a.2, a.3).cmp(&(&b.0, b.1, b.2, b.3)));
    let mut open: Option<Open> = None;
    for (category, first_day, end_day, _, when, item) in days {
        if let Some(o) = open.as_mut()
            && groups[o.group].category == category
            && first_day < o.until
            && o.until.max(end_day) - o.from <= SAME_TIME_MAX_DAYS
        {
            o.until = o.until.max(end_day);
            if when.start_s > o.last_start {
                o.last_start = when.start_s;
                o.last_key = when.key;
            }
            let group = &mut groups[o.group];
            group.items.push(item);
            group.start_s = group.start_s.min(when.start_s);
            group.end_s = group.end_s.max(when.end_s);
            group.date = if o.last_key == o.first_key {
                o.first_key.clone()
            } else {
                format!("{}/{}", o.first_key, o.last_key)
            };
            continue;
        }
        open = Some(Open {
            group: groups.len(),
            from: first_day,
            until: end_day,
            first_key: when.key.clone(),
            last_key: when.key.clone(),
            last_start: when.start_s,
        });
        groups.push(Group {
            date: when.key,
            start_s: when.start_s,
            end_s: when.end_s,
            category,
            items: vec![item],
        });
    }
    groups
        .sort_by(|a, b| (a.start_s, &a.date, &a.category).cmp(&(b.start_s, &b.date, &b.category)));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seconds of a day's start, 1990-01-01 being day 0 here (only differences matter).
    fn at(day: i64, hour: i64) -> i64 {
        day * DAY + hour * 3600
    }

    fn when(key: &str, start_s: i64, end_s: i64, day_or_finer: bool) -> When {
        When {
            key: key.to_string(),
            start_s,
            end_s,
            day_or_finer,
        }
    }

    fn dates_and_items(groups: &[Group<&str>]) -> Vec<(String, String, Vec<String>)> {
        groups
            .iter()
            .map(|g| {
                (
                    g.date.clone(),
                    g.category.clone(),
                    g.items.iter().map(|s| s.to_string()).collect(),
                )
            })
            .collect()
    }

    fn owned(list: &[(&str, &str, &[&str])]) -> Vec<(String, String, Vec<String>)> {
        list.iter()
            .map(|(d, c, items)| {
                (
                    d.to_string(),
                    c.to_string(),
                    items.iter().map(|s| s.to_string()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_night_and_the_morning_after_it_are_one_time() {
        let killed = "killed".to_string();
        let groups = group_by_time(vec![
            // "On the night of January 19-20, 147 civilians were killed."
            (
                killed.clone(),
                when("1990-01-19", at(18, 18), at(20, 0), true),
                "147",
            ),
            // "By the morning of January 20, at least 131 had been killed."
            (
                killed.clone(),
                when("1990-01-20", at(19, 6), at(19, 12), true),
                "131",
            ),
            // Another category, the same night: a group of its own.
            (
                "injured".to_string(),
                when("1990-01-20", at(19, 0), at(20, 0), true),
                "744",
            ),
        ]);
        assert_eq!(
            dates_and_items(&groups),
            owned(&[
                ("1990-01-19/1990-01-20", "killed", &["147", "131"]),
                ("1990-01-20", "injured", &["744"]),
            ])
        );
        assert_eq!(groups[0].start_s, at(18, 18));
        assert_eq!(groups[0].end_s, at(20, 0));
    }

    #[test]
    fn days_apart_periods_and_long_runs_stay_apart() {
        let k = || "killed".to_string();
        let groups = group_by_time(vec![
            // Two days that do not overlap.
            (k(), when("1990-01-19", at(18, 0), at(19, 0), true), "a"),
            (k(), when("1990-01-21", at(20, 0), at(21, 0), true), "b"),
            // A month is compared with the same month only, not with its days.
            (k(), when("1990-01", at(0, 0), at(31, 0), false), "c"),
            (k(), when("1990-01", at(0, 0), at(31, 0), false), "d"),
            // A week-long range of days is a period of its own.
            (
                k(),
                when("1990-01-10/1990-01-16", at(9, 0), at(16, 0), true),
                "e",
            ),
        ]);
        assert_eq!(
            dates_and_items(&groups),
            owned(&[
                ("1990-01", "killed", &["c", "d"]),
                ("1990-01-10/1990-01-16", "killed", &["e"]),
                ("1990-01-19", "killed", &["a"]),
                ("1990-01-21", "killed", &["b"]),
            ])
        );
        // Overlapping two-day ranges day after day do not chain past the limit.
        let chain: Vec<(String, When, &str)> = (0..6)
            .map(|d| {
                (
                    k(),
                    when(&format!("day{d}"), at(d, 0), at(d + 2, 0), true),
                    "x",
                )
            })
            .collect();
        let groups = group_by_time(chain);
        assert!(groups.len() >= 2);
        for g in &groups {
            assert!(g.end_s - g.start_s <= SAME_TIME_MAX_DAYS * DAY, "{g:?}");
        }
    }
}
