//! The single error type of the loader.

use std::fmt;

/// An error found while parsing a `.beam` file or an external term.
///
/// The message says what was wrong and, where it helps, where (chunk name,
/// byte offset, instruction index).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub msg: String,
}

impl LoadError {
    /// Builds an error from any message.
    pub fn new(msg: impl Into<String>) -> LoadError {
        LoadError { msg: msg.into() }
    }

    /// Returns the same error with `context` put in front of the message.
    pub fn context(self, context: &str) -> LoadError {
        LoadError {
            msg: format!("{context}: {}", self.msg),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for LoadError {}

/// Shorthand for `Err(LoadError::new(msg))`.
pub(crate) fn fail<T>(msg: impl Into<String>) -> Result<T, LoadError> {
    Err(LoadError::new(msg))
}
