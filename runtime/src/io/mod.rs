//! Native I/O: the standard I/O servers (entities, see
//! `proc::entity`). Uses the layers below `io`.

pub mod stats;
pub mod stdio;
