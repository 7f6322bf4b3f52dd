//! The single error type of the loader.

use std::fmt;

/// An error found while parsing a `.beam` file or an external term.
///
/// The message says what was wrong and, where it helps, where (chunk name,
/// byte offset, instruction index). `kind` is the class of BEAM's reader
/// the error falls in, for reports worded as erl's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub msg: String,
    pub kind: Kind,
}

/// What part of a `.beam` image was wrong, as BEAM's reader
/// (`beam_file.c` `beamfile_read`) classifies it: erl reports each class
/// with a fixed text. `Other` is anything BEAM finds later (instructions,
/// functions), where girder's verifier words its own reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Other,
    FileHeader,
    MissingCode,
    CorruptCode,
    MissingAtoms,
    CorruptAtoms,
    MissingImports,
    CorruptImports,
    MissingExports,
    CorruptExports,
    CorruptLambdas,
    CorruptLiterals,
    CorruptLines,
    CorruptTypes,
}

impl Kind {
    /// erl's report for this class: the line of `beam/beam_load.c` (OTP
    /// 25.2.3) that reports it and its text; None for `Other`.
    pub fn erl_reason(self) -> Option<(u32, &'static str)> {
        Some(match self {
            Kind::Other => return None,
            Kind::FileHeader => (144, "corrupt file header"),
            Kind::MissingAtoms => (146, "missing atom table"),
            Kind::CorruptAtoms => (150, "corrupt atom table"),
            Kind::MissingCode => (152, "missing code chunk"),
            Kind::CorruptCode => (154, "corrupt code chunk"),
            Kind::MissingExports => (156, "missing export table"),
            Kind::CorruptExports => (158, "corrupt export table"),
            Kind::MissingImports => (160, "missing import table"),
            Kind::CorruptImports => (162, "corrupt import table"),
            Kind::CorruptLambdas => (164, "corrupt lambda table"),
            Kind::CorruptLines => (166, "corrupt line table"),
            Kind::CorruptLiterals => (168, "corrupt literal table"),
            Kind::CorruptTypes => (172, "corrupt type table"),
        })
    }
}

impl LoadError {
    /// Builds an error from any message.
    pub fn new(msg: impl Into<String>) -> LoadError {
        LoadError {
            msg: msg.into(),
            kind: Kind::Other,
        }
    }

    /// Returns the same error with `context` put in front of the message.
    pub fn context(self, context: &str) -> LoadError {
        LoadError {
            msg: format!("{context}: {}", self.msg),
            kind: self.kind,
        }
    }

    /// Returns the same error classified as `kind`.
    pub fn of_kind(self, kind: Kind) -> LoadError {
        LoadError { kind, ..self }
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

/// `Err` of `msg` classified as `kind`.
pub(crate) fn fail_as<T>(kind: Kind, msg: impl Into<String>) -> Result<T, LoadError> {
    Err(LoadError::new(msg).of_kind(kind))
}
