//! annalist-timeml: TimeML documents in and out, and the TempEval-3 Task A scorer.
//!
//! TimeML is how temporal annotation is exchanged and scored: the TempEval-3 corpora are
//! TimeML files, and anyone comparing taggers expects output in it. This crate knows nothing
//! about tagging (it does not depend on the tagger); it moves plain [`TimexAnnotation`]s in and
//! out of files and scores them:
//!
//! * [`parse_tml`] reads a `.tml` file into a [`TmlDocument`]: DOCID, DCT, the raw text inside
//!   `<TEXT>` (tags removed, entities decoded) and the gold TIMEX3s with character offsets;
//! * [`write_tml`] writes a document back with other TIMEX3s in its text, and
//!   `parse_tml(write_tml(x, a))` gives `a` back;
//! * [`evaluate`] and [`evaluate_dirs`] score system annotations against gold ones as
//!   TempEval-3 Task A does, into a [`Report`] that lists every mistake in context;
//! * [`read_dir`] and [`tml_files`] walk a corpus directory; [`rewrite_dir`] writes a corpus
//!   back with a tagger's annotations ([`non_overlapping`] makes any set writable).
//!
//! Nothing here panics on any input: malformed files are [`TimeMlError`]s.
//!
//! ```
//! let xml = "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\">Jan 8</TIMEX3></DCT>\
//!            <TEXT>It rained <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-01-07\">yesterday</TIMEX3>.</TEXT></TimeML>";
//! let gold = annalist_timeml::parse_tml(xml)?;
//! assert_eq!(gold.text, "It rained yesterday.");
//! assert_eq!((gold.timexes[0].start, gold.timexes[0].end), (10, 19));
//!
//! let ours = vec![annalist_timeml::TimexAnnotation::new(10, 19, "DATE", "1998-01-08")];
//! let system = annalist_timeml::parse_tml(&annalist_timeml::write_tml(xml, &ours)?)?;
//! let report = annalist_timeml::evaluate(&[("doc.tml", &gold, &system)]);
//! assert_eq!(report.overall.strict.f1, 1.0);
//! assert_eq!(report.overall.value_f1, 0.0);
//! # Ok::<(), annalist_timeml::TimeMlError>(())
//! ```

#![warn(missing_docs)]

mod dir;
mod document;
mod error;
mod read;
mod score;
mod write;

pub use dir::{Rewritten, evaluate_dirs, read_dir, read_file, rewrite_dir, tml_files};
pub use document::{Dct, TimexAnnotation, TmlDocument, non_overlapping};
pub use error::TimeMlError;
pub use read::parse_tml;
pub use score::{Counts, ErrorKind, FileScore, Prf, Report, Scores, TimexError, evaluate};
pub use write::write_tml;
