//! `extern "C"` entry points that generated code calls directly.

pub mod bs;
pub mod call;
pub mod error;
pub mod float;
pub mod gc;
pub mod map;
pub mod recv;
pub mod trace;
