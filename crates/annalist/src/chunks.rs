//! Reading a text stream in bounded chunks cut at paragraph breaks, so that a 1 GB file is
//! tagged in constant memory.

use std::io::Read;

use anyhow::bail;

/// Target size of a chunk; a chunk ends at the first paragraph break after it.
const TARGET: usize = 64 * 1024;
/// Past this size a chunk is cut at a line break, then at white space, whatever it finds.
const LIMIT: usize = 4 * TARGET;

/// Yields consecutive UTF-8 chunks of a byte stream.
pub struct ChunkReader<R> {
    inner: R,
    buf: Vec<u8>,
    /// Bytes of the stream already returned, for error messages.
    consumed: u64,
    eof: bool,
    name: String,
}

impl<R: Read> ChunkReader<R> {
    /// Wraps a reader; `name` is used in error messages.
    pub fn new(inner: R, name: impl Into<String>) -> Self {
        ChunkReader {
            inner,
            buf: Vec::with_capacity(LIMIT + TARGET),
            consumed: 0,
            eof: false,
            name: name.into(),
        }
    }

    /// The next chunk, or `None` at the end of the stream.
    pub fn next_chunk(&mut self) -> anyhow::Result<Option<String>> {
        while !self.eof && !has_cut(&self.buf) {
            let old = self.buf.len();
            self.buf.resize(old + TARGET, 0);
            let n = self.inner.read(&mut self.buf[old..]).map_err(|e| {
                anyhow::anyhow!(
                    "{}: read error after byte {}: {e}",
                    self.name,
                    self.consumed
                )
            })?;
            self.buf.truncate(old + n);
            if n == 0 {
                self.eof = true;
            }
        }
        if self.buf.is_empty() {
            return Ok(None);
        }
        let cut = if self.eof && !has_cut(&self.buf) {
            self.buf.len()
        } else {
            cut_point(&self.buf)
        };
        let rest = self.buf.split_off(cut);
        let chunk = std::mem::replace(&mut self.buf, rest);
        match String::from_utf8(chunk) {
            Ok(s) => {
                self.consumed += s.len() as u64;
                Ok(Some(s))
            }
            Err(e) => {
                let at = self.consumed + e.utf8_error().valid_up_to() as u64;
                bail!(
                    "{}: not valid UTF-8 at byte {at}; convert the file first (e.g. with iconv)",
                    self.name
                )
            }
        }
    }
}

fn has_cut(buf: &[u8]) -> bool {
    (buf.len() >= TARGET && find(&buf[TARGET..], b"\n\n").is_some()) || buf.len() >= LIMIT
}

/// Where to cut a full buffer: after the first blank line past TARGET, else after the last
/// line break, else after the last white space, else at a character boundary.
fn cut_point(buf: &[u8]) -> usize {
    if buf.len() > TARGET
        && let Some(i) = find(&buf[TARGET..], b"\n\n")
    {
        return TARGET + i + 2;
    }
    let window = &buf[..buf.len().min(LIMIT)];
    if let Some(i) = window.iter().rposition(|&b| b == b'\n').filter(|&i| i > 0) {
        return i + 1;
    }
    if let Some(i) = window
        .iter()
        .rposition(|b| b.is_ascii_whitespace())
        .filter(|&i| i > 0)
    {
        return i + 1;
    }
    // No white space at all: cut before a UTF-8 continuation run.
    let mut i = window.len();
    while i > 1 && (window[i - 1] & 0xC0) == 0x80 {
        i -= 1;
    }
    if i > 1 && window[i - 1] >= 0xC0 {
        i - 1
    } else {
        window.len()
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_chunks(data: &[u8]) -> anyhow::Result<Vec<String>> {
        let mut r = ChunkReader::new(data, "test");
        let mut out = Vec::new();
        while let Some(c) = r.next_chunk()? {
            out.push(c);
        }
        Ok(out)
    }

    #[test]
    fn chunks_reassemble_the_text_and_stay_bounded() -> anyhow::Result<()> {
        let para = "On March 3, 1988 a curfew was announced.\n\n";
        let text = para.repeat(20_000);
        let chunks = all_chunks(text.as_bytes())?;
        assert!(chunks.len() > 5);
        assert_eq!(chunks.concat(), text);
        for c in &chunks[..chunks.len() - 1] {
            assert!(c.ends_with("\n\n"), "cut inside a paragraph");
            assert!(c.len() <= LIMIT + TARGET);
        }
        Ok(())
    }

    #[test]
    fn one_huge_line_is_cut_at_white_space_or_characters() -> anyhow::Result<()> {
        let text = "ə".repeat(300_000); // two bytes each, no white space at all
        let chunks = all_chunks(text.as_bytes())?;
        assert_eq!(chunks.concat(), text);
        assert!(chunks.iter().all(|c| c.len() <= LIMIT + TARGET));
        Ok(())
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let mut data = b"fine text\n".to_vec();
        data.push(0xFF);
        let err = all_chunks(&data).unwrap_err().to_string();
        assert!(err.contains("byte 10"), "{err}");
    }
}
