//! Language packs read from a folder: `annalist tag --pack DIR` and `annalist check-pack
//! DIR`. A pack folder holds the same two files as the built-in English one
//! (`crates/annalist-time/src/lang/en/`): `lexicon.txt` and `rules.txt`, and may hold a third,
//! `figures.txt`, the words figures are read with ("52 kişi öldü"; the format of
//! `crates/annalist-figures/src/lang/en/`). Checking a pack runs every example its files
//! carry, so that a pack can be written and tested without Rust.

use std::path::{Path, PathBuf};

use annalist_extract::Taggers;
use annalist_figures::Vocabulary;
use annalist_time::{DateOrder, LanguagePack, Tagger};
use anyhow::{Context, bail};

/// How numeric dates order day and month.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum DateOrderArg {
    /// Decide per document, from its dates that can be read only one way; month first without
    /// evidence.
    Auto,
    /// "03/04/2015" is 4 March (United States).
    MonthFirst,
    /// "03/04/2015" is 3 April (most of the world).
    DayFirst,
}

impl From<DateOrderArg> for DateOrder {
    fn from(o: DateOrderArg) -> DateOrder {
        match o {
            DateOrderArg::Auto => DateOrder::Auto,
            DateOrderArg::MonthFirst => DateOrder::MonthFirst,
            DateOrderArg::DayFirst => DateOrder::DayFirst,
        }
    }
}

/// How every command that extracts articles tags them: language packs and date order.
#[derive(clap::Args, Debug, Clone)]
pub struct TaggerArgs {
    /// A language pack folder (lexicon.txt, rules.txt, figures.txt) whose name is a language
    /// code ("ru"): documents detected in that language are tagged with it. Repeatable;
    /// English is built in.
    #[arg(long, value_name = "DIR")]
    pub pack: Vec<PathBuf>,
    /// Whether "03/04/2015" is 4 March or 3 April in every document.
    #[arg(long, value_enum, default_value = "auto")]
    pub date_order: DateOrderArg,
}

impl TaggerArgs {
    /// The taggers and figures these arguments ask for.
    pub fn taggers(&self) -> anyhow::Result<Taggers> {
        let mut taggers = taggers(&self.pack)?;
        taggers.set_date_order(self.date_order.into());
        Ok(taggers)
    }
}

/// Arguments of `annalist check-pack`.
#[derive(clap::Args)]
pub struct CheckPackArgs {
    /// The pack's folder, holding `lexicon.txt`, `rules.txt` and, optionally, `figures.txt`.
    dir: PathBuf,
}

/// A pack read from its folder: the tagger, and the figures vocabulary if it has one.
pub struct Pack {
    /// The temporal tagger.
    pub tagger: Tagger,
    /// The figures vocabulary (`figures.txt`), if the folder has one.
    pub figures: Option<Vocabulary>,
}

fn read(dir: &Path, name: &str) -> anyhow::Result<String> {
    let path = dir.join(name);
    std::fs::read_to_string(&path)
        .with_context(|| format!("{}: cannot read the pack's {name}", path.display()))
}

/// Reads the pack in `dir` and builds a tagger for it. The pack's code is the folder's name.
pub fn load(dir: &Path) -> anyhow::Result<Tagger> {
    let lexicon = read(dir, "lexicon.txt")?;
    let rules = read(dir, "rules.txt")?;
    let code = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "xx".to_string());
    let pack = LanguagePack::parse(&code, &lexicon, &rules)
        .with_context(|| format!("{}: the language pack is invalid", dir.display()))?;
    Ok(Tagger::with_pack(pack))
}

/// Reads the whole pack in `dir`: its tagger and, if it has `figures.txt`, its figures
/// vocabulary.
pub fn load_all(dir: &Path) -> anyhow::Result<Pack> {
    let tagger = load(dir)?;
    let figures = if dir.join("figures.txt").exists() {
        let data = read(dir, "figures.txt")?;
        let vocabulary = Vocabulary::parse(&[("figures.txt", &data)])
            .with_context(|| format!("{}: the figures vocabulary is invalid", dir.display()))?;
        Some(vocabulary)
    } else {
        None
    };
    Ok(Pack { tagger, figures })
}

/// The built-in English tagger and figures, and those of each pack folder in `dirs`.
pub fn taggers(dirs: &[PathBuf]) -> anyhow::Result<Taggers> {
    let mut taggers = Taggers::english();
    for dir in dirs {
        let pack = load_all(dir)?;
        if let Some(figures) = pack.figures {
            taggers.add_figures(&pack.tagger.pack().code, figures);
        }
        taggers.add(pack.tagger);
    }
    Ok(taggers)
}

/// Runs every example of the pack in `dir`; fails, listing each failure, unless all pass.
pub fn check(args: CheckPackArgs) -> anyhow::Result<()> {
    let pack = load_all(&args.dir)?;
    let tagger = &pack.tagger;
    let rule_examples = tagger.pack().examples().len();
    let mut failures: Vec<String> = tagger
        .check_examples()
        .iter()
        .map(ToString::to_string)
        .collect();
    let rule_failures = failures.len();
    let figure_examples = pack.figures.as_ref().map_or(0, |f| f.examples().len());
    if let Some(figures) = &pack.figures {
        failures.extend(figures.check_examples().iter().map(ToString::to_string));
    }
    for f in &failures {
        println!("{}: {f}", args.dir.display());
    }
    if !failures.is_empty() {
        let figures = match &pack.figures {
            Some(_) => format!(
                " and {} of {figure_examples} figures examples",
                failures.len() - rule_failures
            ),
            None => String::new(),
        };
        bail!(
            "{}: {rule_failures} of {rule_examples} rule examples{figures} fail",
            args.dir.display(),
        );
    }
    let figures = match &pack.figures {
        Some(_) => format!(", all {figure_examples} figures examples pass"),
        None => " (no figures.txt)".to_string(),
    };
    println!(
        "{}: {} rules, all {rule_examples} examples pass{figures}",
        args.dir.display(),
        tagger.pack().rules().len()
    );
    Ok(())
}
