//! Processes: the process table, signals, links, monitors, aliases,
//! the process dictionary, spawning, timers, the run queue, and the
//! entity / exit-hook interface. Uses every layer below `sched`.

pub mod alias;
pub mod entity;
pub mod fd_watch;
pub mod fun_purge;
pub mod gc_state;
pub mod max_heap;
pub mod monitor;
pub mod on_load;
pub mod pdict;
pub mod prioq;
pub mod ptable;
pub mod purge;
pub mod runq;
pub mod seq_trace;
pub mod signal;
pub mod spawn;
pub mod suspend;
pub mod sys_task;
pub mod syslog;
pub mod timer;
pub mod tracing;
