//! Language packs read from a folder: `annalist tag --pack DIR` and `annalist check-pack
//! DIR`. A pack folder holds the same two files as the built-in English one
//! (`crates/annalist-time/src/lang/en/`): `lexicon.txt` and `rules.txt`. Checking a pack runs
//! every example its rules carry, so that a pack can be written and tested without Rust.

use std::path::{Path, PathBuf};

use annalist_extract::Taggers;
use annalist_time::{LanguagePack, Tagger};
use anyhow::{Context, bail};

/// Arguments of `annalist check-pack`.
#[derive(clap::Args)]
pub struct CheckPackArgs {
    /// The pack's folder, holding `lexicon.txt` and `rules.txt`.
    dir: PathBuf,
}

/// Reads the pack in `dir` and builds a tagger for it. The pack's code is the folder's name.
pub fn load(dir: &Path) -> anyhow::Result<Tagger> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path)
            .with_context(|| format!("{}: cannot read the pack's {name}", path.display()))
    };
    let lexicon = read("lexicon.txt")?;
    let rules = read("rules.txt")?;
    let code = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "xx".to_string());
    let pack = LanguagePack::parse(&code, &lexicon, &rules)
        .with_context(|| format!("{}: the language pack is invalid", dir.display()))?;
    Ok(Tagger::with_pack(pack))
}

/// The built-in English tagger and one for each pack folder in `dirs`.
pub fn taggers(dirs: &[PathBuf]) -> anyhow::Result<Taggers> {
    let mut taggers = Taggers::english();
    for dir in dirs {
        taggers.add(load(dir)?);
    }
    Ok(taggers)
}

/// Runs every example of the pack in `dir`; fails, listing each failure, unless all pass.
pub fn check(args: CheckPackArgs) -> anyhow::Result<()> {
    let tagger = load(&args.dir)?;
    let total = tagger.pack().examples().len();
    let failures = tagger.check_examples();
    for f in &failures {
        println!("{}: {f}", args.dir.display());
    }
    if !failures.is_empty() {
        bail!(
            "{}: {} of {total} rule examples fail",
            args.dir.display(),
            failures.len()
        );
    }
    println!(
        "{}: {} rules, all {total} examples pass",
        args.dir.display(),
        tagger.pack().rules().len()
    );
    Ok(())
}
