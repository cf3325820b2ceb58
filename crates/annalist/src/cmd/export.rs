//! `annalist export --format F DIR`: the whole archive for other tools — JSON or JSON Lines
//! (every document with everything found in it), CSV (one file per table, for
//! spreadsheets), TimeML (one `.tml` per document, for NLP tools) or TimelineJS3 JSON (the
//! merged timeline, for newsrooms).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use annalist_store::{Store, StoredDocument, TimelineQuery};
use anyhow::Context;

use super::archive::{DbArg, csv, timelinejs, timelinejs_event};
use crate::xml::escape as xml;

#[derive(clap::Args)]
pub struct ExportArgs {
    /// Format: json, jsonl, csv, timeml or timelinejs.
    #[arg(long)]
    format: String,
    /// Directory to write into (created if missing).
    dir: PathBuf,
    #[command(flatten)]
    db: DbArg,
}

pub fn run(args: ExportArgs) -> anyhow::Result<()> {
    let store = args.db.open_read()?;
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("creating {}", args.dir.display()))?;
    let written = match args.format.as_str() {
        "json" => json(&store, &args.dir, false)?,
        "jsonl" => json(&store, &args.dir, true)?,
        "csv" => csv_tables(&store, &args.dir)?,
        "timeml" => timeml(&store, &args.dir)?,
        "timelinejs" => {
            let path = args.dir.join("timeline.json");
            let mut events = Vec::new();
            store.timeline_for_each(&TimelineQuery::default(), |e| {
                events.push(timelinejs_event(e));
                true
            })?;
            let mut out = create(&path)?;
            serde_json::to_writer_pretty(&mut out, &timelinejs("annalist timeline", events))?;
            out.flush()?;
            vec![path]
        }
        other => anyhow::bail!(
            "--format: expected json, jsonl, csv, timeml or timelinejs, not {other:?}"
        ),
    };
    for p in written {
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}

fn create(path: &Path) -> anyhow::Result<BufWriter<File>> {
    Ok(BufWriter::new(
        File::create(path).with_context(|| format!("creating {}", path.display()))?,
    ))
}

/// Every document, one at a time (never the whole archive in memory).
fn each_document(
    store: &Store,
    mut f: impl FnMut(StoredDocument) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    for id in store.document_ids()? {
        f(store.document(&id)?)?;
    }
    Ok(())
}

fn json(store: &Store, dir: &Path, lines: bool) -> anyhow::Result<Vec<PathBuf>> {
    let path = dir.join(if lines {
        "documents.jsonl"
    } else {
        "documents.json"
    });
    let mut out = create(&path)?;
    if !lines {
        out.write_all(b"[\n")?;
    }
    let mut first = true;
    each_document(store, |d| {
        if !lines && !first {
            out.write_all(b",\n")?;
        }
        first = false;
        serde_json::to_writer(&mut out, &d)?;
        if lines {
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    if !lines {
        out.write_all(b"\n]\n")?;
    }
    out.flush()?;
    Ok(vec![path])
}

fn csv_tables(store: &Store, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let paths: Vec<PathBuf> = ["documents", "events", "figures", "timexes"]
        .iter()
        .map(|n| dir.join(format!("{n}.csv")))
        .collect();
    let mut docs = create(&paths[0])?;
    let mut events = create(&paths[1])?;
    let mut figures = create(&paths[2])?;
    let mut timexes = create(&paths[3])?;
    writeln!(
        docs,
        "id,published,source,url,title,author,language,path,version,superseded_by"
    )?;
    writeln!(
        events,
        "doc_id,index,value,granularity,start,end,time_source,sentence,text"
    )?;
    writeln!(
        figures,
        "doc_id,index,event,category,value,low,high,bound,counted,quantity,text"
    )?;
    writeln!(timexes, "doc_id,index,type,value,mod,start,end,text")?;
    let opt = |o: &Option<String>| csv(o.as_deref().unwrap_or(""));
    let num = |o: Option<f64>| o.map(|v| v.to_string()).unwrap_or_default();
    let secs = |o: Option<i64>| {
        o.map(annalist_store::instant::format_seconds)
            .unwrap_or_default()
    };
    each_document(store, |d| {
        writeln!(
            docs,
            "{},{},{},{},{},{},{},{},{},{}",
            d.id,
            opt(&d.published),
            csv(&d.source),
            opt(&d.url),
            opt(&d.title),
            opt(&d.author),
            csv(&d.language),
            csv(&d.path),
            d.version,
            opt(&d.superseded_by)
        )?;
        let mut event_of = vec![String::new(); d.figures.len()];
        for (i, e) in d.events.iter().enumerate() {
            for &f in &e.figures {
                if let Some(slot) = event_of.get_mut(f) {
                    *slot = i.to_string();
                }
            }
            writeln!(
                events,
                "{},{i},{},{},{},{},{},{},{}",
                d.id,
                csv(&e.value),
                opt(&e.granularity),
                secs(e.start_s),
                secs(e.end_s),
                e.time_source,
                e.sentence,
                csv(&e.text)
            )?;
        }
        for (i, f) in d.figures.iter().enumerate() {
            writeln!(
                figures,
                "{},{i},{},{},{},{},{},{},{},{},{}",
                d.id,
                event_of[i],
                csv(&f.category),
                f.value,
                num(f.low),
                num(f.high),
                csv(&f.bound),
                csv(&f.counted),
                csv(&f.quantity),
                csv(&f.text)
            )?;
        }
        for (i, t) in d.timexes.iter().enumerate() {
            writeln!(
                timexes,
                "{},{i},{},{},{},{},{},{}",
                d.id,
                t.kind,
                csv(&t.value),
                opt(&t.modifier),
                secs(t.start_s),
                secs(t.end_s),
                csv(&t.text)
            )?;
        }
        Ok(())
    })?;
    for w in [&mut docs, &mut events, &mut figures, &mut timexes] {
        w.flush()?;
    }
    Ok(paths)
}

/// One TimeML document: the DCT as the creation-time TIMEX3, the text with its TIMEX3 tags.
pub fn timeml_document(d: &StoredDocument) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TimeML>\n");
    out.push_str(&format!("<DOCID>{}</DOCID>\n", xml(&d.id)));
    if let Some(p) = &d.published {
        let date: String = p.chars().take_while(|c| *c != 'T').collect();
        out.push_str(&format!(
            "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{}\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">{}</TIMEX3></DCT>\n",
            xml(&date),
            xml(&date)
        ));
    }
    if let Some(t) = &d.title {
        out.push_str(&format!("<TITLE>{}</TITLE>\n", xml(t)));
    }
    out.push_str("<TEXT>");
    let chars: Vec<char> = d.text.chars().collect();
    let mut at = 0;
    for (i, t) in d.timexes.iter().enumerate() {
        if t.start < at || t.end > chars.len() || t.start > t.end {
            continue;
        }
        out.push_str(&xml(&chars[at..t.start].iter().collect::<String>()));
        let modifier = t
            .modifier
            .as_ref()
            .map(|m| format!(" mod=\"{}\"", xml(m)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\"{modifier}>{}</TIMEX3>",
            i + 1,
            xml(&t.kind),
            xml(&t.value),
            xml(&chars[t.start..t.end].iter().collect::<String>())
        ));
        at = t.end;
    }
    out.push_str(&xml(&chars[at.min(chars.len())..]
        .iter()
        .collect::<String>()));
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}

fn timeml(store: &Store, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = 0usize;
    each_document(store, |d| {
        let path = dir.join(format!("{}.tml", d.id));
        std::fs::write(&path, timeml_document(&d))
            .with_context(|| format!("writing {}", path.display()))?;
        written += 1;
        Ok(())
    })?;
    eprintln!("{written} TimeML documents");
    Ok(vec![dir.to_path_buf()])
}
