//! `annalist add`: read, extract and store articles.
//!
//! One reader walks the inputs, worker threads extract (a pure function, so it scales with
//! cores), and this thread is the only writer: it commits batches, each one transaction, so
//! `kill -9` at any moment leaves whole documents or none, and a re-run skips what is
//! already stored (by content id) and finishes the job. Channels are bounded, so memory is
//! bounded by the batch size and the number of workers, not by the corpus.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use annalist_extract::{Extraction, Taggers, extract};
use annalist_ingest::{Document, read_inputs};
use annalist_store::{Inserted, Store};
use anyhow::Context;

use super::archive::{DbArg, number};
use super::extract::{ExtractArgs, options};

#[derive(clap::Args)]
pub struct AddArgs {
    #[command(flatten)]
    input: ExtractArgs,
    #[command(flatten)]
    db: DbArg,
    /// Documents per transaction.
    #[arg(long, default_value_t = 256)]
    batch: usize,
    /// Extraction threads (default: the number of cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// Extract documents already stored again and replace what was found in them: after
    /// adding a language pack (`--pack`) or upgrading annalist. Each batch is still one
    /// transaction.
    #[arg(long)]
    retag: bool,
}

/// What the reader and workers send the writer.
enum Item {
    Extracted(Box<Extraction>),
    Known,
    Failed(String),
}

#[derive(Default)]
struct Tally {
    added: u64,
    versions: u64,
    unchanged: u64,
    retagged: u64,
    failed: Vec<String>,
    events: u64,
    figures: u64,
}

pub fn run(args: AddArgs) -> anyhow::Result<()> {
    let opts = options(&args.input)?;
    let taggers = args.input.tagging.taggers()?;
    let path = args.db.path();
    let mut store = Store::open(&path)?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let batch = args.batch.max(1);
    let started = Instant::now();

    let show_progress = !args.input.quiet && std::io::stderr().is_terminal();
    let total_bytes = if show_progress {
        input_bytes(&args.input.paths)
    } else {
        None
    };
    let bytes_read = Arc::new(AtomicU64::new(0));
    let progress = show_progress.then(|| progress_bar(total_bytes));

    let (doc_tx, doc_rx) = sync_channel::<Document>(jobs * 4);
    let (item_tx, item_rx) = sync_channel::<Item>(batch.max(64));
    let doc_rx = Arc::new(Mutex::new(doc_rx));

    let reader = {
        let item_tx = item_tx.clone();
        let paths = args.input.paths.clone();
        let db_path = path.clone();
        let bytes_read = bytes_read.clone();
        let skip_known = !args.retag;
        std::thread::spawn(move || {
            read(
                &paths,
                &opts,
                &db_path,
                skip_known,
                &doc_tx,
                &item_tx,
                &bytes_read,
            )
        })
    };
    let workers: Vec<_> = (0..jobs)
        .map(|_| {
            let rx = doc_rx.clone();
            let tx = item_tx.clone();
            let taggers = taggers.clone();
            std::thread::spawn(move || work(&rx, &tx, &taggers))
        })
        .collect();
    drop(item_tx);

    let tally = write(
        &mut store,
        &item_rx,
        batch,
        args.retag,
        progress.as_ref(),
        &bytes_read,
    )?;
    let read_result = reader.join();
    for w in workers {
        let _ = w.join();
    }
    if let Ok(Err(e)) = read_result {
        return Err(e);
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64();
    let done = tally.added + tally.versions;
    let size = store_size(&path);
    let retagged = if args.retag {
        format!(", {} retagged", number(tally.retagged as f64))
    } else {
        String::new()
    };
    eprintln!(
        "added {} documents ({} new versions){retagged}, {} already stored, {} skipped; {} events, {} figures; {} in {:.1}s ({:.0} documents/s); store {} ({:.1} MB)",
        number(done as f64),
        number(tally.versions as f64),
        number(tally.unchanged as f64),
        number(tally.failed.len() as f64),
        number(tally.events as f64),
        number(tally.figures as f64),
        number((done + tally.unchanged + tally.retagged) as f64),
        secs,
        (done + tally.unchanged + tally.retagged) as f64 / secs.max(1e-3),
        path.display(),
        size as f64 / 1e6,
    );
    if !tally.failed.is_empty() {
        for f in tally.failed.iter().take(3) {
            eprintln!("annalist: skipped {f}");
        }
        std::process::exit(1);
    }
    Ok(())
}

/// The reader: walks the inputs, skips documents already stored, feeds the workers.
fn read(
    paths: &[PathBuf],
    opts: &annalist_ingest::IngestOptions,
    db_path: &Path,
    skip_known: bool,
    docs: &SyncSender<Document>,
    items: &SyncSender<Item>,
    bytes_read: &AtomicU64,
) -> anyhow::Result<()> {
    // A second connection, only to check what is stored: a resumed run skips extraction.
    let known = Store::open_read_only(db_path).context("opening the store to resume")?;
    let mut last_path = String::new();
    for item in read_inputs(paths, opts) {
        let sent = match item {
            Ok(doc) => {
                if doc.path != last_path {
                    last_path.clone_from(&doc.path);
                    if let Ok(m) = std::fs::metadata(&doc.path) {
                        bytes_read.fetch_add(m.len(), Ordering::Relaxed);
                    }
                }
                if skip_known && known.contains(&doc.id)? {
                    items.send(Item::Known).is_ok()
                } else {
                    docs.send(doc).is_ok()
                }
            }
            Err(e) => items.send(Item::Failed(e.to_string())).is_ok(),
        };
        if !sent {
            break; // the writer stopped (an error): nothing more to do.
        }
    }
    Ok(())
}

/// A worker: extracts documents until the reader is done.
fn work(docs: &Mutex<Receiver<Document>>, items: &SyncSender<Item>, taggers: &Taggers) {
    loop {
        let next = match docs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(doc) = next else { return };
        if items
            .send(Item::Extracted(Box::new(extract(doc, taggers))))
            .is_err()
        {
            return;
        }
    }
}

/// The single writer: commits a batch when it is full or a second old.
fn write(
    store: &mut Store,
    items: &Receiver<Item>,
    batch: usize,
    retag: bool,
    progress: Option<&indicatif::ProgressBar>,
    bytes_read: &AtomicU64,
) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    let mut pending: Vec<Extraction> = Vec::with_capacity(batch);
    let mut last_commit = Instant::now();
    let commit = |store: &mut Store, pending: &mut Vec<Extraction>, tally: &mut Tally| {
        if pending.is_empty() {
            return Ok::<_, anyhow::Error>(());
        }
        let outcomes = if retag {
            store.retag_batch(pending)?
        } else {
            store.insert_batch(pending)?
        };
        for (x, o) in pending.iter().zip(outcomes) {
            match o {
                Inserted::Added => tally.added += 1,
                Inserted::NewVersion(_) => tally.versions += 1,
                Inserted::Retagged => tally.retagged += 1,
                Inserted::Unchanged => {
                    tally.unchanged += 1;
                    continue;
                }
            }
            tally.events += x.events.len() as u64;
            tally.figures += x.figures.len() as u64;
        }
        pending.clear();
        Ok(())
    };
    loop {
        match items.recv_timeout(Duration::from_millis(500)) {
            Ok(Item::Extracted(x)) => {
                for w in &x.doc.warnings {
                    let line = x.doc.line.map(|l| format!(":{l}")).unwrap_or_default();
                    let msg = format!("annalist: warning: {}{line}: {w}", x.doc.path);
                    match progress {
                        Some(bar) => bar.suspend(|| eprintln!("{msg}")),
                        None => eprintln!("{msg}"),
                    }
                }
                pending.push(*x);
            }
            Ok(Item::Known) => tally.unchanged += 1,
            Ok(Item::Failed(msg)) => {
                match progress {
                    Some(bar) => bar.suspend(|| eprintln!("annalist: {msg}")),
                    None => eprintln!("annalist: {msg}"),
                }
                tally.failed.push(msg);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        }
        if pending.len() >= batch || last_commit.elapsed() > Duration::from_secs(1) {
            commit(store, &mut pending, &mut tally)?;
            last_commit = Instant::now();
        }
        if let Some(bar) = progress {
            bar.set_position(bytes_read.load(Ordering::Relaxed));
            let secs = bar.elapsed().as_secs_f64().max(1e-3);
            let docs = tally.added + tally.versions + tally.unchanged + pending.len() as u64;
            bar.set_message(format!(
                "{} documents ({:.0}/s)",
                number(docs as f64),
                docs as f64 / secs
            ));
        }
    }
    commit(store, &mut pending, &mut tally)?;
    Ok(tally)
}

fn progress_bar(total: Option<u64>) -> indicatif::ProgressBar {
    match total {
        Some(t) => {
            let bar = indicatif::ProgressBar::new(t);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:30} {percent:>3}% {msg} {elapsed} ETA {eta}",
            ) {
                bar.set_style(style);
            }
            bar
        }
        None => {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            {
                bar.set_style(style);
            }
            bar
        }
    }
}

/// Total size of the input files (for the ETA); `None` when reading standard input.
fn input_bytes(paths: &[PathBuf]) -> Option<u64> {
    let mut total = 0u64;
    let mut stack: Vec<PathBuf> = paths.to_vec();
    while let Some(p) = stack.pop() {
        if p.as_os_str() == "-" {
            return None;
        }
        let meta = std::fs::metadata(&p).ok()?;
        if meta.is_dir() {
            for entry in std::fs::read_dir(&p).ok()?.flatten() {
                if !entry.file_name().to_string_lossy().starts_with('.') {
                    stack.push(entry.path());
                }
            }
        } else {
            total += meta.len();
        }
    }
    Some(total)
}

fn store_size(path: &Path) -> u64 {
    let mut size = std::fs::metadata(path).map_or(0, |m| m.len());
    for suffix in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        size += std::fs::metadata(PathBuf::from(p)).map_or(0, |m| m.len());
    }
    size
}
