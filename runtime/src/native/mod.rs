//! `extern "C"` entry points that generated code calls directly.

pub mod call;
pub mod error;
pub mod float;
pub mod gc;
pub mod recv;
