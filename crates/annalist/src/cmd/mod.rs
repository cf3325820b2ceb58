//! One module per subcommand.

pub mod extract;
pub mod serve;
pub mod tag;
pub mod timeml;
