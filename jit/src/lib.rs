//! Girder's JIT: lowers BEAM instructions to Cranelift IR and publishes
//! the native code to the runtime. There is no interpreter: every Erlang
//! function that runs, runs as code compiled here.

mod background;
pub mod cache;
mod clifstats;
mod codemem;
pub mod compile;
mod dump;
pub mod isa;
mod lazy;
mod lower;
mod modcx;
mod pack;
mod place;
mod plan;
mod refine;
mod reloc;
mod rt;
pub mod stats;
pub mod stubs;
pub mod tier;
mod units;

pub use cache::index::{parse_module, Parsed};
pub use compile::{compile_module, load_module, prepare_module, supported, CompileStats, Options};
