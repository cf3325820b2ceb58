//! Scores the extractor against the hand-written gold set in `tests/gold/` (see its
//! README): per-category and overall precision and recall, for the tuning part and the
//! held-out part. Fails if the tuning part falls below 0.90 precision or recall; the
//! held-out part is reported, not enforced.
//!
//! `FIGURES_GOLD_VERBOSE=1` lists the misses and false alarms of the tuning part (never
//! of the held-out part, so nobody tunes on it by accident).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use annalist_figures::{Figure, FigureOptions, extract_figures};

#[derive(Debug, Clone)]
struct Gold {
    value: f64,
    low: Option<f64>,
    high: Option<f64>,
    bound: String,
    category: String,
    quantity: String,
    counted: String,
    start: usize,
    end: usize,
    line: String,
}

fn parse_value(s: &str) -> (f64, Option<f64>, Option<f64>) {
    let num = |t: &str| -> f64 {
        t.trim()
            .parse()
            .unwrap_or_else(|_| panic!("bad gold value {t:?}"))
    };
    match s.split_once('-') {
        Some((l, h)) => (num(l), Some(num(l)), Some(num(h))),
        None => (num(s), None, None),
    }
}

/// Reads an expectation file, locating each phrase in the text (in order).
fn read_gold(text: &str, expected: &str, name: &str) -> Vec<Gold> {
    let chars: Vec<char> = text.chars().collect();
    let mut from = 0usize;
    let mut out = Vec::new();
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        assert_eq!(f.len(), 5, "{name}: bad line {line:?}");
        let (value, low, high) = parse_value(f[0]);
        let (category, quantity) = match f[2].split_once(':') {
            Some((c, q)) => (c.to_string(), q.to_string()),
            None => (f[2].to_string(), "count".to_string()),
        };
        let phrase: Vec<char> = f[4].chars().collect();
        let start = (from..chars.len().saturating_sub(phrase.len()) + 1)
            .find(|&s| chars[s..].starts_with(&phrase))
            .unwrap_or_else(|| panic!("{name}: phrase {:?} not found after char {from}", f[4]));
        from = start + 1;
        out.push(Gold {
            value,
            low,
            high,
            bound: f[1].to_string(),
            category,
            quantity,
            counted: f[3].to_string(),
            start,
            end: start + phrase.len(),
            line: line.to_string(),
        });
    }
    out
}

fn head(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase()
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(1.0)
}

fn matches(g: &Gold, f: &Figure) -> bool {
    let opt = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (None, None) => true,
        _ => false,
    };
    f.start < g.end
        && g.start < f.end
        && same(g.value, f.value)
        && opt(g.low, f.low)
        && opt(g.high, f.high)
        && g.bound == f.bound.as_str()
        && g.category == f.category.as_str()
        && g.quantity == f.quantity.as_str()
        && head(&g.counted) == head(&f.counted)
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp_gold: usize,
    gold: usize,
    tp_pred: usize,
    pred: usize,
}

impl Counts {
    fn p(&self) -> f64 {
        if self.pred == 0 {
            1.0
        } else {
            self.tp_pred as f64 / self.pred as f64
        }
    }
    fn r(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp_gold as f64 / self.gold as f64
        }
    }
}

struct Score {
    articles: usize,
    by_category: BTreeMap<String, Counts>,
    overall: Counts,
}

fn key(category: &str, quantity: &str) -> String {
    if quantity == "count" {
        category.to_string()
    } else {
        format!("{category}:{quantity}")
    }
}

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn score(dir: &Path, verbose: bool) -> Result<Score, Box<dyn std::error::Error>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut s = Score {
        articles: files.len(),
        by_category: BTreeMap::new(),
        overall: Counts::default(),
    };
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("read article: {e}"))?;
        let expected = std::fs::read_to_string(path.with_extension("expected"))
            .map_err(|e| format!("{name}: no .expected file: {e}"))?;
        let gold = read_gold(&text, &expected, &name);
        let pred = extract_figures(&text, &FigureOptions::default());
        let mut used = vec![false; pred.len()];
        let mut gold_hit = vec![false; gold.len()];
        for (gi, g) in gold.iter().enumerate() {
            if let Some(pi) = (0..pred.len()).find(|&pi| !used[pi] && matches(g, &pred[pi])) {
                used[pi] = true;
                gold_hit[gi] = true;
            }
        }
        for (g, hit) in gold.iter().zip(&gold_hit) {
            let c = s
                .by_category
                .entry(key(&g.category, &g.quantity))
                .or_default();
            c.gold += 1;
            s.overall.gold += 1;
            if *hit {
                c.tp_gold += 1;
                s.overall.tp_gold += 1;
            } else if verbose {
                println!("  MISS {name}: {}", g.line);
            }
        }
        for (f, hit) in pred.iter().zip(&used) {
            let c = s
                .by_category
                .entry(key(f.category.as_str(), f.quantity.as_str()))
                .or_default();
            c.pred += 1;
            s.overall.pred += 1;
            if *hit {
                c.tp_pred += 1;
                s.overall.tp_pred += 1;
            } else if verbose {
                println!(
                    "  FALSE {name}: {} | {} | {} | {} | {:?} (low {:?} high {:?})",
                    f.value,
                    f.bound.as_str(),
                    key(f.category.as_str(), f.quantity.as_str()),
                    f.counted,
                    f.text,
                    f.low,
                    f.high
                );
            }
        }
    }
    Ok(s)
}

fn report(part: &str, s: &Score) {
    println!("\n{part}: {} articles", s.articles);
    println!(
        "  {:<20} {:>5} {:>5} {:>6} {:>6}",
        "category", "gold", "pred", "P", "R"
    );
    for (k, c) in &s.by_category {
        println!(
            "  {k:<20} {:>5} {:>5} {:>6.3} {:>6.3}",
            c.gold,
            c.pred,
            c.p(),
            c.r()
        );
    }
    let o = s.overall;
    println!(
        "  {:<20} {:>5} {:>5} {:>6.3} {:>6.3}",
        "OVERALL",
        o.gold,
        o.pred,
        o.p(),
        o.r()
    );
}

#[test]
fn gold_precision_and_recall() -> TestResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold");
    let verbose = std::env::var_os("FIGURES_GOLD_VERBOSE").is_some();
    let tune = score(&root.join("tune"), verbose)?;
    let heldout = score(&root.join("heldout"), false)?;
    report("tune", &tune);
    report("held-out (never tuned on)", &heldout);
    assert!(
        tune.articles >= 30,
        "tuning part has {} articles",
        tune.articles
    );
    assert!(
        heldout.articles >= 10,
        "held-out part has {} articles",
        heldout.articles
    );
    assert!(
        tune.overall.p() >= 0.90,
        "tune precision {:.3} < 0.90",
        tune.overall.p()
    );
    assert!(
        tune.overall.r() >= 0.90,
        "tune recall {:.3} < 0.90",
        tune.overall.r()
    );
    Ok(())
}
