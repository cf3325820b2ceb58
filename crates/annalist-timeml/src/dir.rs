//! Whole corpora: directories of `.tml` files, matched by relative path.
//!
//! Corpora are trees (`TimeBank/`, `AQUAINT/`), and a system's output mirrors the gold tree, so
//! files are named by their path relative to the root, with `/` separators, and listed in
//! sorted order so that reports are the same on every machine.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::document::TmlDocument;
use crate::error::TimeMlError;
use crate::read::parse_tml;
use crate::score::{Report, evaluate};

/// Every `*.tml` file under `dir`, recursively, as `(relative path with '/' separators, full
/// path)`, sorted by relative path. Symbolic links to directories are not followed.
pub fn tml_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, TimeMlError> {
    let mut files = Vec::new();
    collect(dir, "", &mut files)?;
    files.sort();
    Ok(files)
}

fn collect(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) -> Result<(), TimeMlError> {
    let io = |source| TimeMlError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = format!("{prefix}{name}");
        let file_type = entry.file_type().map_err(io)?;
        if file_type.is_dir() {
            collect(&path, &format!("{relative}/"), out)?;
        } else if path.extension().is_some_and(|e| e == "tml") && path.is_file() {
            out.push((relative, path));
        }
    }
    Ok(())
}

/// Reads one `.tml` file; errors carry its path.
pub fn read_file(path: &Path) -> Result<TmlDocument, TimeMlError> {
    let xml = std::fs::read_to_string(path).map_err(|source| TimeMlError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_tml(&xml).map_err(|e| TimeMlError::File {
        path: path.to_path_buf(),
        source: Box::new(e),
    })
}

/// Reads and parses every `*.tml` file under `dir` (recursively), sorted by relative path.
/// The first file that cannot be read or parsed fails the whole call, naming the file.
pub fn read_dir(dir: &Path) -> Result<Vec<(String, TmlDocument)>, TimeMlError> {
    tml_files(dir)?
        .into_iter()
        .map(|(name, path)| read_file(&path).map(|doc| (name, doc)))
        .collect()
}

/// Scores the `.tml` files under `system` against those under `gold`, matched by relative
/// path. A gold file with no system file counts as all misses and is listed in
/// [`Report::missing_files`]; system files without a gold file are listed in
/// [`Report::extra_files`] and not scored.
pub fn evaluate_dirs(gold: &Path, system: &Path) -> Result<Report, TimeMlError> {
    let gold_docs = read_dir(gold)?;
    let mut system_docs: HashMap<String, TmlDocument> = read_dir(system)?.into_iter().collect();
    let mut stand_ins = Vec::new();
    for (name, g) in &gold_docs {
        if !system_docs.contains_key(name) {
            stand_ins.push((
                name.clone(),
                TmlDocument {
                    timexes: Vec::new(),
                    ..g.clone()
                },
            ));
        }
    }
    let missing: Vec<String> = stand_ins.iter().map(|(n, _)| n.clone()).collect();
    let mut extra: Vec<String> = system_docs
        .keys()
        .filter(|n| !gold_docs.iter().any(|(g, _)| g == *n))
        .cloned()
        .collect();
    extra.sort();
    system_docs.extend(stand_ins);
    let pairs: Vec<(&str, &TmlDocument, &TmlDocument)> = gold_docs
        .iter()
        .filter_map(|(name, g)| system_docs.get(name).map(|s| (name.as_str(), g, s)))
        .collect();
    let mut report = evaluate(&pairs);
    for file in &mut report.files {
        file.missing = missing.contains(&file.name);
    }
    report.missing_files = missing;
    report.extra_files = extra;
    Ok(report)
}

/// What [`rewrite_dir`] wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rewritten {
    /// Files written.
    pub files: usize,
    /// TIMEX3 elements written, over all files.
    pub timexes: usize,
}

/// Rewrites every `*.tml` file under `input` into the same relative path under `output`
/// (directories are created), with the annotations `annotate` gives for each
/// `(relative path, parsed document)` in place of the gold ones (see [`crate::write_tml`]).
///
/// Stops at the first file that cannot be read, parsed, annotated validly (overlapping
/// annotations are refused: pass them through [`crate::non_overlapping`] first) or written,
/// with that file's path in the error.
pub fn rewrite_dir(
    input: &Path,
    output: &Path,
    mut annotate: impl FnMut(&str, &TmlDocument) -> Vec<crate::TimexAnnotation>,
) -> Result<Rewritten, TimeMlError> {
    let mut done = Rewritten::default();
    for (name, path) in tml_files(input)? {
        let in_file = |e: TimeMlError| TimeMlError::File {
            path: path.clone(),
            source: Box::new(e),
        };
        let xml = std::fs::read_to_string(&path).map_err(|source| TimeMlError::Io {
            path: path.clone(),
            source,
        })?;
        let doc = parse_tml(&xml).map_err(in_file)?;
        let timexes = annotate(&name, &doc);
        let rewritten = crate::write_tml(&xml, &timexes).map_err(in_file)?;
        let target = output.join(&name);
        let io = |source| TimeMlError::Io {
            path: target.clone(),
            source,
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&target, rewritten).map_err(io)?;
        done.files += 1;
        done.timexes += timexes.len();
    }
    Ok(done)
}
