//! Flow control of TCP sends, as inet_drv does it: a send that finds data
//! already queued and brings the queue to the high watermark makes the
//! port *busy*; its sender gets no `{inet_reply, S, ok}` (so
//! `gen_tcp:send/2` waits) until the queue drains to the low watermark,
//! or `{error, timeout}` after `send_timeout` (then the socket closes if
//! `send_timeout_close`). BEAM suspends other senders at `port_command`
//! while the port is busy; here their data is queued and their replies
//! wait in order behind the busy sender's (`erlang:port_command/3` with
//! `nosuspend` sees the busy port and returns false).

use crate::term::Term;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// What a send's caller is told now.
#[derive(Debug, PartialEq)]
pub enum Answer {
    Ok,
    Timeout,
    /// Nothing yet: the port is busy.
    Wait,
}

#[derive(Default)]
pub struct SendGate {
    /// The sender that made the port busy and its `send_timeout` deadline.
    busy: Option<(Term, Option<Instant>)>,
    /// Senders that came while busy (BEAM: suspended in port_command).
    behind: VecDeque<Term>,
}

impl SendGate {
    pub fn is_busy(&self) -> bool {
        self.busy.is_some()
    }

    /// `caller` queued `size` bytes behind `before` already queued (0:
    /// written at once, what was left queued); `send_timeout` in ms (< 0:
    /// infinity).
    pub fn on_send(
        &mut self,
        caller: Term,
        before: usize,
        size: usize,
        high: u32,
        send_timeout: i64,
    ) -> Answer {
        if self.busy.is_some() {
            self.behind.push_back(caller);
            return Answer::Wait;
        }
        if before == 0 || before + size < high as usize {
            return Answer::Ok;
        }
        if send_timeout == 0 {
            return Answer::Timeout;
        }
        let until =
            (send_timeout > 0).then(|| Instant::now() + Duration::from_millis(send_timeout as u64));
        self.busy = Some((caller, until));
        Answer::Wait
    }

    /// The queue holds `queued` bytes now: at or below `low`, the port is
    /// no longer busy; returns the senders to answer `ok`.
    pub fn on_drained(&mut self, queued: usize, low: u32) -> Vec<Term> {
        if queued > low as usize {
            return Vec::new();
        }
        let Some((first, _)) = self.busy.take() else {
            return Vec::new();
        };
        std::iter::once(first)
            .chain(self.behind.drain(..))
            .collect()
    }

    /// At `now`: the busy sender whose `send_timeout` passed (answered
    /// `{error, timeout}`); the next sender behind it becomes the busy one
    /// with a deadline of its own.
    pub fn on_timer(&mut self, now: Instant, send_timeout: i64) -> Option<Term> {
        let (caller, until) = self.busy?;
        if until.is_none_or(|u| u > now) {
            return None;
        }
        self.busy = self.behind.pop_front().map(|next| {
            let until =
                (send_timeout > 0).then(|| now + Duration::from_millis(send_timeout as u64));
            (next, until)
        });
        Some(caller)
    }

    pub fn deadline(&self) -> Option<Instant> {
        self.busy.and_then(|b| b.1)
    }

    /// Every waiting sender (the socket closed: they are told `closed`).
    pub fn take_all(&mut self) -> Vec<Term> {
        let first = self.busy.take().map(|b| b.0);
        first.into_iter().chain(self.behind.drain(..)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pid(n: u64) -> Term {
        Term::small(n as i64)
    }

    #[test]
    fn busy_from_high_to_low_watermark() {
        let mut g = SendGate::default();
        // Written at once: never busy, whatever the size.
        assert_eq!(g.on_send(pid(1), 0, 100_000, 8192, -1), Answer::Ok);
        assert_eq!(g.on_send(pid(1), 5000, 1000, 8192, -1), Answer::Ok);
        assert_eq!(g.on_send(pid(1), 6000, 3000, 8192, -1), Answer::Wait);
        assert!(g.is_busy());
        assert_eq!(g.on_send(pid(2), 9000, 10, 8192, -1), Answer::Wait);
        assert!(g.on_drained(5000, 4096).is_empty());
        assert_eq!(g.on_drained(4096, 4096), vec![pid(1), pid(2)]);
        assert!(!g.is_busy());
        assert_eq!(g.on_send(pid(3), 9000, 1, 8192, 0), Answer::Timeout);
    }

    #[test]
    fn send_timeout_passes_to_the_next_sender() {
        let mut g = SendGate::default();
        assert_eq!(g.on_send(pid(1), 9000, 1, 8192, 50), Answer::Wait);
        assert_eq!(g.on_send(pid(2), 9001, 1, 8192, 50), Answer::Wait);
        let now = Instant::now();
        assert_eq!(g.on_timer(now, 50), None);
        let later = now + Duration::from_millis(60);
        assert_eq!(g.on_timer(later, 50), Some(pid(1)));
        assert!(g.is_busy());
        assert_eq!(g.take_all(), vec![pid(2)]);
    }
}
