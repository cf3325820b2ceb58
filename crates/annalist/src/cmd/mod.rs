//! One module per subcommand.

pub mod tag;
