//! Native I/O: ports (`port/`) and the standard I/O servers (entities, see
//! `proc::entity`). Uses the layers below `io`.

pub mod brk;
pub mod osenv;
pub mod port;
pub mod stats;
pub mod stdio;
