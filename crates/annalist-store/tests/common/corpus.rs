//! A generated corpus of realistic news articles (~5 KB each) for tests and benchmarks:
#![allow(dead_code)]
//! dated reports of clashes, arrests and deployments, with figures, names and filler, as
//! wire copy reads. Deterministic: article `i` is always the same text.

/// SplitMix64: small, fast, good enough for picking words.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const PLACES: &[&str] = &[
    "Baku",
    "Tbilisi",
    "Yerevan",
    "Vilnius",
    "Riga",
    "Dushanbe",
    "Osh",
    "Sumgait",
    "Almaty",
    "Chisinau",
    "Grozny",
    "Stepanakert",
    "Kutaisi",
    "Gyumri",
    "Andijan",
    "Bishkek",
];
const SOURCES: &[&str] = &[
    "example-news.org",
    "wire.example.com",
    "daily.example.net",
    "www.herald.example",
    "radio.example.am",
    "post.example.ge",
];
const PEOPLE: &[&str] = &[
    "President Ayaz Mutalibov",
    "Gen. Valentin Varennikov",
    "Mr. Levon Ter-Petrosyan",
    "Minister Vadim Bakatin",
    "Dr. Nino Burjanadze",
    "Colonel Ruslan Aushev",
];
const FORCES: &[&str] = &[
    "troops",
    "riot police",
    "soldiers",
    "interior ministry forces",
];
const FILLER: &[&str] = &[
    "Witnesses described scenes of confusion as crowds gathered near the central square.",
    "The authorities declined to comment on the reports, citing the ongoing investigation.",
    "Shops remained closed and public transport was suspended across much of the city.",
    "Opposition leaders called for calm and urged their supporters to stay at home.",
    "Foreign diplomats said they were following the situation closely and with concern.",
    "Local television broadcast only music and official statements for most of the day.",
    "Hospitals asked residents to donate blood, according to a doctor who spoke by telephone.",
    "The government said order had been restored, a claim residents disputed.",
    "Journalists were not allowed to enter the district, and telephone lines were cut.",
    "Analysts said the events could reshape politics in the region for years to come.",
];

/// The base day of article `i`'s story: 2,000 distinct days, so stories overlap.
fn base_day(i: u64) -> (i64, u64, u64) {
    let mut r = Rng::new(i % 2000);
    (1985 + r.below(38) as i64, 1 + r.below(12), 1 + r.below(28))
}

/// Article `i`: a metadata header and about 5 KB of text.
pub fn article(i: u64) -> String {
    let mut r = Rng::new(i);
    let (y, m, d) = base_day(i);
    let place = r.pick(PLACES);
    let source = r.pick(SOURCES);
    let pub_day = (d + 1 + r.below(3)).min(28);
    let mut out = format!(
        "Date: {y}-{m:02}-{pub_day:02}\nTitle: Unrest in {place} ({i})\nURL: https://{source}/{y}/{m:02}/story-{i}\n\n"
    );
    let month = MONTHS[(m - 1) as usize];
    let mut paragraphs = 0;
    while out.len() < 4_800 {
        let mut p = String::new();
        for _ in 0..4 {
            let s = match r.below(9) {
                0 => format!(
                    "On {month} {d}, {y}, {} people were killed when {} opened fire on protesters in {place}.",
                    5 + r.below(200),
                    r.pick(FORCES)
                ),
                1 => format!(
                    "{} said on {month} {}, {y} that at least {} people had been arrested in {place}.",
                    r.pick(PEOPLE),
                    (d + 1).min(28),
                    10 + r.below(500)
                ),
                2 => format!(
                    "More than {},000 {} were brought into {place} in {month} {y}, the ministry said.",
                    1 + r.below(30),
                    r.pick(FORCES)
                ),
                3 => format!(
                    "In {}, the parliament in {} passed an amnesty law that freed {} prisoners.",
                    y - 1 - r.below(10) as i64,
                    r.pick(PLACES),
                    100 + r.below(900)
                ),
                4 => format!(
                    "About {} people were injured, and {} homes were destroyed, officials said.",
                    20 + r.below(300),
                    r.below(60) + 2
                ),
                _ => r.pick(FILLER).to_string(),
            };
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(&s);
        }
        out.push_str(&p);
        out.push_str("\n\n");
        paragraphs += 1;
        if paragraphs > 40 {
            break;
        }
    }
    out
}

/// Writes articles `0..n` as `.txt` files under `dir` (100 per subfolder).
pub fn write_corpus(dir: &std::path::Path, n: u64) -> std::io::Result<u64> {
    let mut bytes = 0;
    for i in 0..n {
        let sub = dir.join(format!("{:04}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        let text = article(i);
        bytes += text.len() as u64;
        std::fs::write(sub.join(format!("{i:06}.txt")), text)?;
    }
    Ok(bytes)
}
