//! The sequential trace token of a process (`seq_trace`), as data the
//! process owns outside its heap: the collector never sees it, and
//! updating the serial numbers on every traced send changes two integers
//! in place. What the token does (and its `Drop`, which gives back the
//! label copy's binary references) is `proc::seq_trace`.

use crate::term::Term;

/// BEAM's token `{Flags, Label, Serial, From, LastCnt}`.
pub struct SeqToken {
    /// `send` 1, `'receive'` 2, `print` 4 and the timestamp kind (8, 16, 32).
    pub flags: u32,
    /// An immediate, or a term in `label_frag` (a copy of the label).
    pub label: Term,
    pub label_frag: Option<Vec<u64>>,
    pub serial: i64,
    /// The process that last updated the serial (a pid).
    pub from: Term,
    pub lastcnt: i64,
}

/// A process's sequential trace state: its token (None: BEAM's `[]`) and
/// the two counters that outlive it (`p->seq_trace_clock`,
/// `p->seq_trace_lastcnt`).
#[derive(Default)]
pub struct SeqState {
    pub token: Option<Box<SeqToken>>,
    pub clock: u64,
    pub lastcnt: u64,
}
