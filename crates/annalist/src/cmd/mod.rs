//! One module per subcommand.

pub mod add;
pub mod archive;
pub mod conflicts;
pub mod export;
pub mod extract;
pub mod on_this_day;
pub mod pack;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod tag;
pub mod timeline;
pub mod timeline_files;
pub mod timeml;
