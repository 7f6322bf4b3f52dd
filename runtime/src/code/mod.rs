//! Code as terms and the scheduler see it: the export table, fun
//! entries and modules, code locations, and the JIT's hooks
//! (`hooks`). Uses `term`, `heap`.

pub mod export;
pub mod hooks;
pub mod loc;
pub mod module;
pub mod on_load;
pub mod prepared;
