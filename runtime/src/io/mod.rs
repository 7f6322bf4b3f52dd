//! Native I/O: ports (`port/`, entities, see `proc::entity`), the BREAK
//! menu, the OS environment and I/O counters. Uses the layers below `io`.

pub mod brk;
pub mod osenv;
pub mod ossig;
pub mod port;
pub mod stats;
pub mod termios;
