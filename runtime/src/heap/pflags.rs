//! Per-process settings of `process_flag/2` that only change what the
//! process reports or how its calls resolve, grouped so that `Process`
//! carries them as one field: `message_queue_data`, `sensitive`,
//! `priority` and `error_handler`.

use crate::term::atom::am;
use crate::term::Term;

/// `process_flag(priority, P)`'s levels, BEAM's order.
pub const PRIORITIES: [&str; 4] = ["max", "high", "normal", "low"];

#[derive(Clone, Copy, Debug)]
pub struct PFlags {
    /// `message_queue_data` is `off_heap`. Girder keeps every queued
    /// message in its own fragment whatever the setting (see ARCHITECTURE
    /// "Message queue"), so only `process_info` reads it.
    pub off_heap_msgq: bool,
    /// `process_flag(sensitive, true)`: `process_info` hides the
    /// dictionary, messages, backtrace and call history.
    pub sensitive: bool,
    /// Index into `PRIORITIES` (girder's one run queue does not order by
    /// it; `process_info(P, priority)` reports it).
    pub priority: u8,
    /// The module whose `undefined_function/3` and `undefined_lambda/3`
    /// handle calls of undefined code (`process_flag(error_handler, M)`).
    pub error_handler: Term,
}

impl Default for PFlags {
    fn default() -> Self {
        PFlags {
            off_heap_msgq: false,
            sensitive: false,
            priority: 2,
            error_handler: am::ERROR_HANDLER,
        }
    }
}

impl PFlags {
    /// The priority level's atom name.
    pub fn priority_name(&self) -> &'static str {
        PRIORITIES[self.priority as usize & 3]
    }
}
