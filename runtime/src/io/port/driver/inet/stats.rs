//! Socket statistics (`inet:getstat/1,2`): what inet_drv counts per
//! socket and how `INET_REQ_GETSTAT` answers. Received packets are counted
//! as delivered (TCP: each packet of the `packet` mode, header included;
//! UDP: each datagram), sent ones per send command (TCP: with the packet
//! header). Averages are running means (`avg += (len - avg) / n`) and the
//! deviation a running mean of `len - avg`, as BEAM keeps them; counts,
//! maxima and averages answer as 32-bit values (truncated), the octet
//! counts as 64-bit ones.

/// Statistic codes of `inet_int.hrl` (`INET_STAT_*`).
const RECV_CNT: u8 = 1;
const RECV_MAX: u8 = 2;
const RECV_AVG: u8 = 3;
const RECV_DVI: u8 = 4;
const SEND_CNT: u8 = 5;
const SEND_MAX: u8 = 6;
const SEND_AVG: u8 = 7;
const SEND_PEND: u8 = 8;
const RECV_OCT: u8 = 9;
const SEND_OCT: u8 = 10;

#[derive(Default, Debug, Clone)]
pub struct Stats {
    recv_cnt: u64,
    recv_max: u64,
    recv_avg: f64,
    recv_dvi: f64,
    recv_oct: u64,
    send_cnt: u64,
    send_max: u64,
    send_avg: f64,
    send_oct: u64,
}

impl Stats {
    /// A packet of `len` bytes was received.
    pub fn input(&mut self, len: usize) {
        let len = len as u64;
        let n = self.recv_cnt.wrapping_add(1).max(1);
        self.recv_oct = self.recv_oct.wrapping_add(len);
        let avg = self.recv_avg + (len as f64 - self.recv_avg) / n as f64;
        self.recv_avg = avg;
        self.recv_max = self.recv_max.max(len);
        self.recv_dvi += ((len as f64 - avg) - self.recv_dvi) / n as f64;
        self.recv_cnt = n;
    }

    /// A packet of `len` bytes was sent.
    pub fn output(&mut self, len: usize) {
        let len = len as u64;
        let n = self.send_cnt.wrapping_add(1).max(1);
        self.send_oct = self.send_oct.wrapping_add(len);
        self.send_avg += (len as f64 - self.send_avg) / n as f64;
        self.send_max = self.send_max.max(len);
        self.send_cnt = n;
    }

    /// The answer to `INET_REQ_GETSTAT` for the statistic codes `ops`
    /// (`[1 | code, value...]`), `pending` bytes waiting to be sent; None
    /// for an unknown code (`einval`).
    pub fn reply(&self, ops: &[u8], pending: usize) -> Option<Vec<u8>> {
        let mut v = vec![super::REP_OK];
        for &op in ops {
            v.push(op);
            let val = match op {
                RECV_CNT => self.recv_cnt,
                RECV_MAX => self.recv_max,
                RECV_AVG => self.recv_avg as u64,
                RECV_DVI => self.recv_dvi.abs() as u64,
                SEND_CNT => self.send_cnt,
                SEND_MAX => self.send_max,
                SEND_AVG => self.send_avg as u64,
                SEND_PEND => pending as u64,
                RECV_OCT | SEND_OCT => {
                    let o = if op == RECV_OCT {
                        self.recv_oct
                    } else {
                        self.send_oct
                    };
                    v.extend_from_slice(&o.to_be_bytes());
                    continue;
                }
                _ => return None,
            };
            v.extend_from_slice(&(val as u32).to_be_bytes());
        }
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_means_and_reply_layout() {
        let mut s = Stats::default();
        for len in [10, 30, 20] {
            s.input(len);
        }
        s.output(100);
        s.output(50);
        assert_eq!(s.recv_avg, 20.0);
        // dvi: 0 + ((10-10)-0)/1 = 0; 0 + ((30-20)-0)/2 = 5; 5 + ((20-20)-5)/3 = 3.33
        assert_eq!(s.recv_dvi.abs() as u64, 3);
        let r = s
            .reply(&[RECV_CNT, RECV_OCT, SEND_AVG, SEND_MAX, SEND_PEND], 7)
            .unwrap();
        let mut want = vec![super::super::REP_OK, RECV_CNT, 0, 0, 0, 3, RECV_OCT];
        want.extend_from_slice(&60u64.to_be_bytes());
        want.extend_from_slice(&[SEND_AVG, 0, 0, 0, 75, SEND_MAX, 0, 0, 0, 100]);
        want.extend_from_slice(&[SEND_PEND, 0, 0, 0, 7]);
        assert_eq!(r, want);
        assert_eq!(s.reply(&[42], 0), None);
    }
}
