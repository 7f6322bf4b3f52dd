//! The execution context (`Ctx`, allocation) and the process
//! structure: heap block, fragments, queues. Uses `term`.

pub mod alloc_tune;
pub mod ctx;
pub mod max_heap;
pub mod pflags;
pub mod process;
pub mod scratch;
pub mod seq_token;
pub mod trace_flags;
pub mod vheap;
