//! Girder's runtime: terms, heaps, GC, processes, schedulers and BIFs. It
//! knows nothing about Cranelift; generated code reaches it through the
//! context layout (`ctx`) and the `extern "C"` entry points in `native`.

pub mod alias;
pub mod alloc_tune;
pub mod atom;
pub mod atom_beam;
pub mod bif;
pub mod big;
pub mod bigfast;
pub mod binary;
pub mod boot;
pub mod build;
pub mod chardata;
pub mod compare;
pub mod copy;
pub mod ctx;
pub mod display;
pub mod entity;
pub mod etf;
pub mod ets;
pub mod export;
pub mod gc;
pub mod hash;
pub mod hooks;
pub mod literal;
pub mod literal_build;
pub mod loc;
pub mod map;
pub mod max_heap;
pub mod module;
pub mod monitor;
pub mod native;
pub mod packet;
pub mod pdict;
pub mod process;
pub mod ptable;
pub mod runq;
pub mod purge;
pub mod resource;
pub mod sched;
pub mod signal;
pub mod spawn;
pub mod stdio;
pub mod term;
pub mod term_hash;
#[cfg(test)]
pub mod testutil;
pub mod timer;
