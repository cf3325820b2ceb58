//! One module per subcommand.

pub mod extract;
pub mod tag;
pub mod timeline_files;
pub mod timeml;
