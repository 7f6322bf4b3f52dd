//! `ram_file_drv`: a file held in memory, the driver behind
//! `file:open(Data, [ram | _])` (kernel's `ram_file.erl`). Commands are
//! one opcode byte and big-endian 32-bit arguments; every command gets
//! exactly one reply: `[0]` ok, `[1 | Errno]` error (the errno's name in
//! lower case), `[3, N:32]` a number, `[2, N:32 | Data]` data. An
//! unknown opcode gets no reply, as in erl (the caller waits).

use super::{Reply, VmDriver};

const OPEN: u8 = 1;
const READ: u8 = 2;
const LSEEK: u8 = 3;
const WRITE: u8 = 4;
const FSYNC: u8 = 9;
const TRUNCATE: u8 = 14;
const PREAD: u8 = 17;
const PWRITE: u8 = 18;
const FDATASYNC: u8 = 19;
const GET: u8 = 30;
const SIZE: u8 = 37;
const ADVISE: u8 = 38;
const ALLOCATE: u8 = 39;

const MODE_READ: u32 = 1;
const MODE_WRITE: u32 = 2;

const RESP_OK: u8 = 0;
const RESP_ERROR: u8 = 1;
const RESP_DATA: u8 = 2;
const RESP_NUMBER: u8 = 3;

/// The largest position or size: the protocol carries signed 32-bit
/// numbers.
const MAX: i64 = i32::MAX as i64;

#[derive(Default)]
struct RamFile {
    /// Open mode bits; 0 until opened (most commands then fail `ebadf`).
    flags: u32,
    data: Vec<u8>,
    cur: i64,
}

pub fn start(_command: &[u8]) -> Option<Box<dyn VmDriver>> {
    Some(Box::new(RamFile::default()))
}

fn int32(b: &[u8], at: usize) -> Option<i64> {
    let w = b.get(at..at + 4)?;
    Some(i32::from_be_bytes([w[0], w[1], w[2], w[3]]) as i64)
}

fn number(n: i64) -> Reply {
    let mut h = vec![RESP_NUMBER];
    h.extend_from_slice(&(n as i32).to_be_bytes());
    Reply::bytes(h)
}

fn error(name: &str) -> Reply {
    let mut h = vec![RESP_ERROR];
    h.extend_from_slice(name.as_bytes());
    Reply::bytes(h)
}

fn ok() -> Reply {
    Reply::bytes(vec![RESP_OK])
}

fn data(d: Vec<u8>) -> Reply {
    let mut h = vec![RESP_DATA];
    h.extend_from_slice(&(d.len() as i32).to_be_bytes());
    Reply {
        header: h,
        data: Some(d),
    }
}

impl RamFile {
    fn write(&mut self, bytes: &[u8], at: Option<i64>) -> Result<i64, &'static str> {
        if self.flags & MODE_WRITE == 0 {
            return Err("ebadf");
        }
        let pos = at.unwrap_or(self.cur);
        let end = pos + bytes.len() as i64;
        if pos < 0 || end > MAX {
            return Err("einval");
        }
        let (pos, end) = (pos as usize, end as usize);
        if end > self.data.len() {
            // Writing past the end leaves a hole of zeros, as the driver's
            // zero-filled buffer does.
            self.data.resize(end, 0);
        }
        self.data[pos..end].copy_from_slice(bytes);
        if at.is_none() {
            self.cur = end as i64;
        }
        Ok(bytes.len() as i64)
    }

    fn read(&mut self, len: i64, at: Option<i64>) -> Result<Vec<u8>, &'static str> {
        if self.flags & MODE_READ == 0 {
            return Err("ebadf");
        }
        let pos = at.unwrap_or(self.cur);
        if pos < 0 || len < 0 {
            return Err("einval");
        }
        let end = self.data.len() as i64;
        let n = if pos < end { len.min(end - pos) } else { 0 };
        let out = if n > 0 {
            self.data[pos as usize..(pos + n) as usize].to_vec()
        } else {
            Vec::new()
        };
        if at.is_none() {
            self.cur = pos + n;
        }
        Ok(out)
    }

    fn seek(&mut self, offset: i64, whence: i64) -> Result<i64, &'static str> {
        if self.flags == 0 {
            return Err("ebadf");
        }
        let pos = match whence {
            0 => offset,
            1 => self.cur + offset,
            2 => self.data.len() as i64 + offset,
            _ => return Err("einval"),
        };
        if pos < 0 {
            return Err("einval");
        }
        self.cur = pos;
        Ok(pos)
    }

    /// One command (opcode stripped); None: no reply.
    fn command(&mut self, op: u8, args: &[u8]) -> Option<Reply> {
        let done = |r: Result<i64, &str>| Some(r.map_or_else(error, number));
        let opened = |f: &RamFile| if f.flags == 0 { error("ebadf") } else { ok() };
        match op {
            OPEN => {
                let mode = int32(args, 0)?;
                self.flags = mode as u32;
                self.data = args[4..].to_vec();
                self.cur = 0;
                Some(number(0))
            }
            FDATASYNC | FSYNC | ADVISE | ALLOCATE => Some(opened(self)),
            WRITE => done(self.write(args, None)),
            PWRITE => match int32(args, 0)? {
                at if at < 0 => Some(error("einval")),
                at => done(self.write(&args[4..], Some(at))),
            },
            LSEEK => done(self.seek(int32(args, 0)?, int32(args, 4)?)),
            PREAD => match int32(args, 0)? {
                at if at < 0 => Some(error("einval")),
                at => Some(
                    self.read(int32(args, 4)?, Some(at))
                        .map_or_else(error, data),
                ),
            },
            READ => Some(self.read(int32(args, 0)?, None).map_or_else(error, data)),
            TRUNCATE => {
                if self.flags & MODE_WRITE == 0 {
                    return Some(error("eacces"));
                }
                // The file ends at the position (zeros up to it when the
                // position is past the end).
                self.data.resize(self.cur.clamp(0, MAX) as usize, 0);
                Some(ok())
            }
            GET => Some(data(self.data.clone())),
            SIZE => Some(number(self.data.len() as i64)),
            _ => None,
        }
    }
}

impl VmDriver for RamFile {
    fn output(&mut self, bytes: &[u8], replies: &mut Vec<Reply>) {
        let Some((&op, args)) = bytes.split_first() else {
            return;
        };
        if let Some(r) = self.command(op, args) {
            replies.push(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: &mut RamFile, cmd: &[u8]) -> Vec<Reply> {
        let mut out = Vec::new();
        f.output(cmd, &mut out);
        out
    }

    #[test]
    fn open_write_seek_read_truncate() {
        let mut f = RamFile::default();
        assert_eq!(run(&mut f, &[READ, 0, 0, 0, 1]), vec![error("ebadf")]);
        assert_eq!(
            run(&mut f, &[OPEN, 0, 0, 0, 3, b'a', b'b']),
            vec![number(0)]
        );
        assert_eq!(run(&mut f, &[WRITE, b'x', b'y', b'z']), vec![number(3)]);
        assert_eq!(run(&mut f, &[SIZE]), vec![number(3)]);
        assert_eq!(
            run(&mut f, &[LSEEK, 0, 0, 0, 1, 0, 0, 0, 0]),
            vec![number(1)]
        );
        assert_eq!(run(&mut f, &[READ, 0, 0, 0, 9]), vec![data(b"yz".to_vec())]);
        assert_eq!(run(&mut f, &[READ, 0, 0, 0, 9]), vec![data(vec![])]);
        // pwrite past the end leaves zeros.
        assert_eq!(run(&mut f, &[PWRITE, 0, 0, 0, 5, b'q']), vec![number(1)]);
        assert_eq!(run(&mut f, &[GET]), vec![data(b"xyz\0\0q".to_vec())]);
        assert_eq!(
            run(&mut f, &[LSEEK, 0, 0, 0, 2, 0, 0, 0, 0]),
            vec![number(2)]
        );
        assert_eq!(run(&mut f, &[TRUNCATE]), vec![ok()]);
        assert_eq!(run(&mut f, &[GET]), vec![data(b"xy".to_vec())]);
        assert_eq!(
            run(&mut f, &[LSEEK, 255, 255, 255, 255, 0, 0, 0, 0]),
            vec![error("einval")]
        );
        assert_eq!(
            run(&mut f, &[PREAD, 255, 255, 255, 255, 0, 0, 0, 1]),
            vec![error("einval")]
        );
        // Unknown opcodes and short commands get no reply.
        assert!(run(&mut f, &[200]).is_empty());
        assert!(run(&mut f, &[LSEEK, 0]).is_empty());
        assert!(run(&mut f, &[]).is_empty());
    }

    #[test]
    fn read_only_refuses_writes() {
        let mut f = RamFile::default();
        run(&mut f, &[OPEN, 0, 0, 0, 1, b'a']);
        assert_eq!(run(&mut f, &[WRITE, b'x']), vec![error("ebadf")]);
        assert_eq!(run(&mut f, &[TRUNCATE]), vec![error("eacces")]);
        assert_eq!(
            run(&mut f, &[PREAD, 0, 0, 0, 0, 0, 0, 0, 5]),
            vec![data(b"a".to_vec())]
        );
    }
}
