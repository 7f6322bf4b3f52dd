//! Girder's runtime: terms, heaps, GC, processes, schedulers and BIFs. It
//! knows nothing about Cranelift; generated code reaches it through the
//! context layout (`heap::ctx`) and the `extern "C"` entry points in `abi`.
//!
//! The modules are layers, bottom first: `term`, `heap`, `code`, `data`,
//! `gc`, `proc`, `sched`, `io` (with its peers `ets`, `nif`), `boot`,
//! `abi`, `bif`. A file uses only its own layer and the layers below it
//! (`runtime/layers.txt`, checked by `runtime/tests/layers.rs`; see
//! docs/ARCHITECTURE.md, "Runtime layers").

pub mod abi;
pub mod bif;
pub mod boot;
pub mod code;
pub mod data;
pub mod ets;
pub mod gc;
pub mod heap;
pub mod io;
pub mod nif;
pub mod proc;
pub mod sched;
pub mod term;
#[cfg(test)]
pub mod testutil;
