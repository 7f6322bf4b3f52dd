//! A bounds-checked big-endian byte reader. Every read returns a
//! `LoadError` instead of panicking when the input runs out.

use crate::error::{fail, LoadError};

/// Cursor over an untrusted byte slice.
#[derive(Clone, Debug)]
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// `what` names the data being read; it prefixes error messages.
    pub(crate) fn new(data: &'a [u8], what: &'static str) -> Reader<'a> {
        Reader { data, pos: 0, what }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    pub(crate) fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// The unread rest of the input.
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or(&[])
    }

    fn eof<T>(&self, wanted: usize) -> Result<T, LoadError> {
        fail(format!(
            "{}: unexpected end of data at offset {} (wanted {} more bytes, {} left)",
            self.what,
            self.pos,
            wanted,
            self.remaining()
        ))
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], LoadError> {
        let end = match self.pos.checked_add(n) {
            Some(end) if end <= self.data.len() => end,
            _ => return self.eof(n),
        };
        let out = self.data.get(self.pos..end).unwrap_or(&[]);
        self.pos = end;
        Ok(out)
    }

    pub(crate) fn skip(&mut self, n: usize) -> Result<(), LoadError> {
        self.bytes(n).map(|_| ())
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], LoadError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.bytes(N)?);
        Ok(out)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, LoadError> {
        Ok(self.array::<1>()?[0])
    }

    pub(crate) fn u16(&mut self) -> Result<u16, LoadError> {
        Ok(u16::from_be_bytes(self.array()?))
    }

    pub(crate) fn u32(&mut self) -> Result<u32, LoadError> {
        Ok(u32::from_be_bytes(self.array()?))
    }

    pub(crate) fn i32(&mut self) -> Result<i32, LoadError> {
        Ok(i32::from_be_bytes(self.array()?))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, LoadError> {
        Ok(u64::from_be_bytes(self.array()?))
    }

    pub(crate) fn i64(&mut self) -> Result<i64, LoadError> {
        Ok(i64::from_be_bytes(self.array()?))
    }

    pub(crate) fn f64(&mut self) -> Result<f64, LoadError> {
        Ok(f64::from_be_bytes(self.array()?))
    }

    /// Reads a 32-bit count and converts it to `usize`.
    pub(crate) fn count32(&mut self) -> Result<usize, LoadError> {
        let n = self.u32()?;
        usize::try_from(n).or_else(|_| fail(format!("{}: count {n} too large", self.what)))
    }

    /// An error message carrying this reader's name and position.
    pub(crate) fn error<T>(&self, msg: impl std::fmt::Display) -> Result<T, LoadError> {
        fail(format!("{} (offset {}): {}", self.what, self.pos, msg))
    }
}

/// A capacity hint that cannot be abused by a huge declared count: every
/// element needs at least `min_bytes_each` bytes of input.
pub(crate) fn capacity_hint(
    declared: usize,
    available_bytes: usize,
    min_bytes_each: usize,
) -> usize {
    declared.min(available_bytes / min_bytes_each.max(1))
}
