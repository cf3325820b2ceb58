//! Streaming over inputs: files, folders, stdin and in-memory bytes.
//!
//! The CLI drives [`read_inputs`] as an iterator, so memory stays bounded by one document
//! however many inputs there are: a 2 GB file is refused from its metadata without being
//! read, a JSONL file is read line by line, and a 100 MB line is skipped while it is read
//! (never held in memory) with an error naming its line. Errors are items of the iterator,
//! so one bad input never stops the run.

use crate::document::Document;
use crate::encoding::{decode, encoding_for_label};
use crate::error::{ErrorKind, IngestError};
use crate::extracted::Extracted;
use crate::options::IngestOptions;
use crate::sniff::{FolderPolicy, Format, folder_policy, format_from_extension, sniff_format};
use crate::{html, json, text};
use encoding_rs::Encoding;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

/// Reads every input in `paths` (files, folders walked recursively, `-` for stdin) lazily.
///
/// Each item is a document or an error naming the input (and line). Folders skip hidden
/// entries and files that are not documents (images, styles…); named files are always read.
pub fn read_inputs(paths: &[PathBuf], opts: &IngestOptions) -> Inputs<'static> {
    Inputs {
        opts: opts.clone(),
        queue: paths.iter().cloned().collect(),
        walker: None,
        pending: VecDeque::new(),
        lines: None,
    }
}

/// Reads one in-memory input (an HTTP upload, a test fixture). `name` is used in errors
/// and, through its extension, to pick the format when `opts.format` is not set.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Vec<Result<Document, IngestError>> {
    let mut inputs = Inputs {
        opts: opts.clone(),
        queue: VecDeque::new(),
        walker: None,
        pending: VecDeque::new(),
        lines: None,
    };
    let format = opts
        .format
        .or_else(|| format_from_extension(Path::new(name)));
    inputs.open(
        name.to_string(),
        Box::new(Cursor::new(bytes)),
        Some(bytes.len() as u64),
        format,
    );
    inputs.collect()
}

/// The iterator returned by [`read_inputs`].
pub struct Inputs<'a> {
    opts: IngestOptions,
    queue: VecDeque<PathBuf>,
    walker: Option<Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>>>>,
    pending: VecDeque<Result<Document, IngestError>>,
    lines: Option<JsonLines<'a>>,
}

impl std::fmt::Debug for Inputs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("queue", &self.queue)
            .finish_non_exhaustive()
    }
}

impl Iterator for Inputs<'_> {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if let Some(lines) = &mut self.lines {
                match lines.next_record(&self.opts) {
                    Some(item) => return Some(item),
                    None => self.lines = None,
                }
                continue;
            }
            if let Some(walker) = &mut self.walker {
                match walker.next() {
                    Some(Ok(entry)) => {
                        if entry.file_type().is_file() {
                            self.open_folder_file(entry.path());
                        }
                    }
                    Some(Err(e)) => {
                        let path = e
                            .path()
                            .map_or_else(String::new, |p| p.display().to_string());
                        let err = e
                            .into_io_error()
                            .unwrap_or_else(|| io::Error::other("loop in folder links"));
                        return Some(Err(IngestError::new(path, ErrorKind::Io(err))));
                    }
                    None => self.walker = None,
                }
                continue;
            }
            let path = self.queue.pop_front()?;
            self.open_path(&path);
        }
    }
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0
        && entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.'))
}

impl<'a> Inputs<'a> {
    fn fail(&mut self, name: &str, kind: ErrorKind) {
        self.pending.push_back(Err(IngestError::new(name, kind)));
    }

    fn open_path(&mut self, path: &Path) {
        if path == Path::new("-") {
            let stdin = Box::new(BufReader::with_capacity(1 << 16, io::stdin()));
            self.open("-".to_string(), stdin, None, self.opts.format);
            return;
        }
        let name = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let walker = walkdir::WalkDir::new(path)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| !is_hidden(e));
                self.walker = Some(Box::new(walker));
            }
            Ok(m) => {
                let format = self.opts.format.or_else(|| format_from_extension(path));
                self.open_file(&name, path, m.len(), format);
            }
            Err(e) => self.fail(&name, ErrorKind::Io(e)),
        }
    }

    fn open_folder_file(&mut self, path: &Path) {
        let name = path.display().to_string();
        let format = match (self.opts.format, folder_policy(path)) {
            (Some(f), FolderPolicy::Read(_) | FolderPolicy::Sniff) => Some(f),
            (_, FolderPolicy::Read(f)) => Some(f),
            (_, FolderPolicy::Sniff) => None,
            (_, FolderPolicy::Skip) => return,
        };
        let len = match std::fs::metadata(path) {
            Ok(m) => m.len(),
            Err(e) => return self.fail(&name, ErrorKind::Io(e)),
        };
        if format.is_none() {
            // Unknown kind of file in a folder: read it only if it starts like text.
            let mut head = [0u8; 1024];
            let n = File::open(path)
                .and_then(|mut f| f.read(&mut head))
                .unwrap_or(0);
            if n == 0 || crate::encoding::binary_kind(&head[..n]).is_some() {
                return;
            }
        }
        self.open_file(&name, path, len, format);
    }

    fn open_file(&mut self, name: &str, path: &Path, len: u64, format: Option<Format>) {
        let limit = self.opts.max_document_bytes;
        // Only JSONL is read record by record; anything else over the limit is refused unread.
        if len > limit && format.is_some_and(|f| f != Format::Jsonl) {
            return self.fail(name, ErrorKind::TooLarge { size: len, limit });
        }
        match File::open(path) {
            Ok(f) => self.open(
                name.to_string(),
                Box::new(BufReader::with_capacity(1 << 16, f)),
                Some(len),
                format,
            ),
            Err(e) => self.fail(name, ErrorKind::Io(e)),
        }
    }

    /// Sniffs (if needed) and reads one input from `reader`.
    fn open(
        &mut self,
        name: String,
        mut reader: Box<dyn BufRead + 'a>,
        len: Option<u64>,
        format: Option<Format>,
    ) {
        let forced = match self
            .opts
            .encoding
            .as_deref()
            .map(encoding_for_label)
            .transpose()
        {
            Ok(e) => e,
            Err(kind) => return self.fail(&name, kind),
        };
        let format = match format {
            Some(f) => f,
            None => match reader.fill_buf() {
                Ok(head) => sniff_head(head),
                Err(e) => return self.fail(&name, ErrorKind::Io(e)),
            },
        };
        if format == Format::Jsonl {
            self.lines = Some(JsonLines {
                name,
                reader,
                line: 0,
                forced,
            });
            return;
        }
        let limit = self.opts.max_document_bytes;
        if let Some(len) = len
            && len > limit
        {
            return self.fail(&name, ErrorKind::TooLarge { size: len, limit });
        }
        let mut bytes = Vec::with_capacity(len.map_or(1 << 16, |l| l as usize));
        if let Err(e) = reader.take(limit + 1).read_to_end(&mut bytes) {
            return self.fail(&name, ErrorKind::Io(e));
        }
        if bytes.len() as u64 > limit {
            return self.fail(
                &name,
                ErrorKind::TooLarge {
                    size: bytes.len() as u64,
                    limit,
                },
            );
        }
        for item in read_document(&name, &bytes, format, forced, &self.opts) {
            self.pending.push_back(item);
        }
    }
}

fn sniff_head(head: &[u8]) -> Format {
    let text = match Encoding::for_bom(head) {
        Some((enc, bom)) => enc.decode_without_bom_handling(&head[bom..]).0,
        None => String::from_utf8_lossy(head),
    };
    sniff_format(&text)
}

/// Reads a whole (non-JSONL) input already in memory.
fn read_document(
    name: &str,
    bytes: &[u8],
    format: Format,
    forced: Option<&'static Encoding>,
    opts: &IngestOptions,
) -> Vec<Result<Document, IngestError>> {
    let one = |r: Result<Document, ErrorKind>| vec![r.map_err(|k| IngestError::new(name, k))];
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return one(Err(ErrorKind::Empty));
    }
    let text = match decode(bytes, forced, format == Format::Html) {
        Ok(t) => t,
        Err(k) => return one(Err(k)),
    };
    if text.trim().is_empty() {
        return one(Err(ErrorKind::Empty));
    }
    match format {
        Format::Text => one(text::read_text(&text).and_then(|e| e.finish(name, None, opts))),
        Format::Html => {
            one(html::read_html(&text, opts.max_html_depth)
                .and_then(|e| e.finish(name, None, opts)))
        }
        Format::Json => json::read_json(&text, &opts.fields)
            .into_iter()
            .map(|(item, r)| {
                r.and_then(|e: Extracted| e.finish(name, item, opts))
                    .map_err(|k| IngestError {
                        path: name.to_string(),
                        line: item,
                        kind: k,
                    })
            })
            .collect(),
        Format::Jsonl => {
            let mut lines = JsonLines {
                name: name.to_string(),
                reader: Box::new(Cursor::new(bytes)),
                line: 0,
                forced,
            };
            std::iter::from_fn(|| lines.next_record(opts)).collect()
        }
    }
}

/// A JSONL input being read one record at a time.
struct JsonLines<'a> {
    name: String,
    reader: Box<dyn BufRead + 'a>,
    line: u64,
    forced: Option<&'static Encoding>,
}

impl JsonLines<'_> {
    /// The next record (document or error), or `None` at the end of input.
    fn next_record(&mut self, opts: &IngestOptions) -> Option<Result<Document, IngestError>> {
        let limit = opts.max_document_bytes;
        loop {
            let mut buf = Vec::new();
            let (size, complete) = match read_line_bounded(&mut self.reader, &mut buf, limit) {
                Ok(r) => r,
                Err(e) => {
                    return Some(Err(IngestError::at_line(
                        &self.name,
                        self.line + 1,
                        ErrorKind::Io(e),
                    )));
                }
            };
            if size == 0 && complete {
                return None;
            }
            self.line += 1;
            let err = |kind| Some(Err(IngestError::at_line(&self.name, self.line, kind)));
            if size > limit {
                return err(ErrorKind::TooLarge { size, limit });
            }
            let bytes = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf);
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = match decode(bytes, self.forced, false) {
                Ok(t) => t,
                Err(k) => return err(k),
            };
            let value: serde_json::Value = match serde_json::from_str(&text) {
                Ok(v) => v,
                Err(e) => return err(ErrorKind::Json(e.to_string())),
            };
            let doc = json::read_record(&value, &opts.fields)
                .and_then(|e| e.finish(&self.name, Some(self.line), opts));
            return Some(doc.map_err(|k| IngestError::at_line(&self.name, self.line, k)));
        }
    }
}

/// Reads one line into `buf` (without the `\n`), keeping at most `limit` bytes; the rest of
/// an oversized line is consumed and counted, not stored. Returns (line size, hit end of input).
fn read_line_bounded(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
) -> io::Result<(u64, bool)> {
    let mut size: u64 = 0;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((size, true));
        }
        let (part, found) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], true),
            None => (chunk, false),
        };
        let used = part.len() + usize::from(found);
        if size + (part.len() as u64) <= limit {
            buf.extend_from_slice(part);
        } else {
            buf.clear();
        }
        size += part.len() as u64;
        r.consume(used);
        if found {
            return Ok((size.max(1), false));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_lines() -> io::Result<()> {
        let mut r = Cursor::new(b"abc\n\nxxxxxxxxxx\nlast".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 5)?, (3, false));
        assert_eq!(buf, b"abc");
        buf.clear();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 5)?, (1, false));
        buf.clear();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 5)?, (10, false));
        assert!(buf.is_empty());
        buf.clear();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 5)?, (4, true));
        Ok(())
    }
}
