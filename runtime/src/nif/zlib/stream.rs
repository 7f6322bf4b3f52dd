//! One stream of the system zlib (the library erl's zlib NIF links), so
//! that equal parameters and an equal sequence of calls give erl's bytes.
//! Every `unsafe` block of the zlib NIF is in this file: the `z_stream`
//! is boxed (zlib's state points back at it, so it never moves), only
//! this struct touches it, and the pointers handed to zlib are set from
//! live slices right before each call.

use libz_sys as z;
use std::os::raw::{c_int, c_uint, c_void};

pub use z::{
    Z_BUF_ERROR, Z_DATA_ERROR, Z_NEED_DICT, Z_NO_FLUSH, Z_OK, Z_STREAM_END, Z_STREAM_ERROR,
};

extern "C" {
    // In zlib since 1.2.7.1 (the system library is 1.2.13); libz-sys
    // does not declare it.
    fn inflateGetDictionary(strm: z::z_streamp, dictionary: *mut u8, len: *mut c_uint) -> c_int;
}

/// zlib's allocator hooks (zlib needs zero-filled memory only where it
/// asks for it, calloc is the simple safe choice).
unsafe extern "C" fn zalloc(_opaque: *mut c_void, items: c_uint, size: c_uint) -> *mut c_void {
    libc::calloc(items as usize, size as usize)
}

unsafe extern "C" fn zfree(_opaque: *mut c_void, p: *mut c_void) {
    libc::free(p)
}

/// Which codec an initialised stream runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Deflate,
    Inflate,
}

pub struct ZStream {
    s: Box<z::z_stream>,
    /// Set while an `*Init2` succeeded and its `*End` is due.
    active: Option<Kind>,
}

// SAFETY: the z_stream and the state zlib allocates for it belong to this
// value alone; zlib streams may be used from any thread, one at a time,
// which `&mut self` on every call guarantees.
unsafe impl Send for ZStream {}

impl Default for ZStream {
    fn default() -> Self {
        Self::new()
    }
}

impl ZStream {
    pub fn new() -> ZStream {
        ZStream {
            s: Box::new(z::z_stream {
                next_in: std::ptr::null_mut(),
                avail_in: 0,
                total_in: 0,
                next_out: std::ptr::null_mut(),
                avail_out: 0,
                total_out: 0,
                msg: std::ptr::null_mut(),
                state: std::ptr::null_mut(),
                zalloc,
                zfree,
                opaque: std::ptr::null_mut(),
                data_type: z::Z_BINARY,
                adler: 0,
                reserved: 0,
            }),
            active: None,
        }
    }

    /// The stream's running checksum (`strm->adler`).
    pub fn adler(&self) -> u64 {
        self.s.adler
    }

    /// `deflateInit2`.
    pub fn deflate_init(
        &mut self,
        level: i32,
        method: i32,
        wbits: i32,
        mem: i32,
        strategy: i32,
    ) -> i32 {
        self.end();
        // SAFETY: the stream is not initialised (ended above) and boxed;
        // version and size are the library's own.
        let r = unsafe {
            z::deflateInit2_(
                &mut *self.s,
                level,
                method,
                wbits,
                mem,
                strategy,
                z::zlibVersion(),
                std::mem::size_of::<z::z_stream>() as c_int,
            )
        };
        if r == Z_OK {
            self.active = Some(Kind::Deflate);
        }
        r
    }

    /// `inflateInit2`.
    pub fn inflate_init(&mut self, wbits: i32) -> i32 {
        self.end();
        // SAFETY: as in `deflate_init`.
        let r = unsafe {
            z::inflateInit2_(
                &mut *self.s,
                wbits,
                z::zlibVersion(),
                std::mem::size_of::<z::z_stream>() as c_int,
            )
        };
        if r == Z_OK {
            self.active = Some(Kind::Inflate);
        }
        r
    }

    /// `deflateEnd`/`inflateEnd` of an initialised stream (Z_OK if there
    /// is none).
    pub fn end(&mut self) -> i32 {
        // SAFETY: the stream was initialised for `kind` and not ended.
        let r = match self.active.take() {
            Some(Kind::Deflate) => unsafe { z::deflateEnd(&mut *self.s) },
            Some(Kind::Inflate) => unsafe { z::inflateEnd(&mut *self.s) },
            None => Z_OK,
        };
        self.s.next_in = std::ptr::null_mut();
        self.s.next_out = std::ptr::null_mut();
        r
    }

    /// `deflateReset`/`inflateReset`.
    pub fn reset(&mut self) -> i32 {
        // SAFETY: zlib checks the state itself; the stream is boxed.
        match self.active {
            Some(Kind::Deflate) => unsafe { z::deflateReset(&mut *self.s) },
            Some(Kind::Inflate) => unsafe { z::inflateReset(&mut *self.s) },
            None => Z_STREAM_ERROR,
        }
    }

    /// `deflateSetDictionary`/`inflateSetDictionary`.
    pub fn set_dictionary(&mut self, dict: &[u8]) -> i32 {
        let Ok(len) = c_uint::try_from(dict.len()) else {
            return Z_STREAM_ERROR;
        };
        // SAFETY: zlib reads `len` bytes of `dict` during the call only.
        match self.active {
            Some(Kind::Deflate) => unsafe {
                z::deflateSetDictionary(&mut *self.s, dict.as_ptr(), len)
            },
            Some(Kind::Inflate) => unsafe {
                z::inflateSetDictionary(&mut *self.s, dict.as_ptr(), len)
            },
            None => Z_STREAM_ERROR,
        }
    }

    /// `inflateGetDictionary` into a 32 KB buffer (the largest window).
    pub fn get_dictionary(&mut self) -> Result<Vec<u8>, i32> {
        if self.active != Some(Kind::Inflate) {
            return Err(Z_STREAM_ERROR);
        }
        let mut buf = vec![0u8; 32768];
        let mut len: c_uint = 0;
        // SAFETY: zlib writes at most the window size (≤ 32 KB) into `buf`.
        let r = unsafe { inflateGetDictionary(&mut *self.s, buf.as_mut_ptr(), &mut len) };
        if r < 0 {
            return Err(r);
        }
        buf.truncate((len as usize).min(buf.len()));
        Ok(buf)
    }

    /// `deflateParams` with a one-byte output buffer, as erl calls it
    /// (the stream was flushed before); also returns whether that byte
    /// was used.
    pub fn params(&mut self, level: i32, strategy: i32) -> (i32, bool) {
        if self.active != Some(Kind::Deflate) {
            return (Z_STREAM_ERROR, false);
        }
        let mut dummy = [0u8; 1];
        self.s.next_out = dummy.as_mut_ptr();
        self.s.avail_out = 1;
        // SAFETY: the output pointer covers `dummy` for this call.
        let r = unsafe { z::deflateParams(&mut *self.s, level, strategy) };
        let used = self.s.avail_out == 0;
        self.s.next_out = std::ptr::null_mut();
        self.s.avail_out = 0;
        (r, used)
    }

    /// One `deflate`/`inflate` call from `input` into `out[*pos..]`,
    /// advancing `*pos`; returns zlib's code and the input bytes consumed.
    pub fn step(
        &mut self,
        input: &[u8],
        out: &mut [u8],
        pos: &mut usize,
        flush: i32,
    ) -> (i32, usize) {
        let Some(kind) = self.active else {
            return (Z_STREAM_ERROR, 0);
        };
        let avail_in = c_uint::try_from(input.len()).unwrap_or(c_uint::MAX);
        let start = (*pos).min(out.len());
        let room = &mut out[start..];
        let avail_out = c_uint::try_from(room.len()).unwrap_or(c_uint::MAX);
        self.s.next_in = if input.is_empty() {
            std::ptr::null_mut()
        } else {
            input.as_ptr() as *mut u8
        };
        self.s.avail_in = avail_in;
        self.s.next_out = room.as_mut_ptr();
        self.s.avail_out = avail_out;
        // SAFETY: next_in/next_out cover `input` and `room` for this call;
        // zlib never writes through next_in.
        let r = unsafe {
            match kind {
                Kind::Deflate => z::deflate(&mut *self.s, flush),
                Kind::Inflate => z::inflate(&mut *self.s, flush),
            }
        };
        let consumed = (avail_in - self.s.avail_in) as usize;
        *pos += (avail_out - self.s.avail_out) as usize;
        self.s.next_in = std::ptr::null_mut();
        self.s.next_out = std::ptr::null_mut();
        (r, consumed)
    }
}

impl Drop for ZStream {
    fn drop(&mut self) {
        self.end();
    }
}

/// zlib's `crc32` over `data`, continuing from `crc`.
pub fn crc32(mut crc: u64, data: &[u8]) -> u64 {
    for c in data.chunks(1 << 30) {
        // SAFETY: zlib reads `c.len()` bytes of `c`.
        crc = unsafe { z::crc32(crc as _, c.as_ptr(), c.len() as c_uint) } as u64;
    }
    crc
}

/// zlib's `adler32` over `data`, continuing from `adler`.
pub fn adler32(mut adler: u64, data: &[u8]) -> u64 {
    for c in data.chunks(1 << 30) {
        // SAFETY: zlib reads `c.len()` bytes of `c`.
        adler = unsafe { z::adler32(adler as _, c.as_ptr(), c.len() as c_uint) } as u64;
    }
    adler
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &mut ZStream, input: &[u8], flush: i32) -> (i32, Vec<u8>) {
        let mut out = vec![0u8; 1 << 16];
        let mut pos = 0;
        let (r, n) = s.step(input, &mut out, &mut pos, flush);
        assert_eq!(n, input.len());
        out.truncate(pos);
        (r, out)
    }

    #[test]
    fn deflate_inflate_round_trip() {
        let mut d = ZStream::new();
        assert_eq!(d.deflate_init(-1, 8, 15, 8, 0), Z_OK);
        let (r, z) = run(&mut d, b"abcde", 4);
        assert_eq!(r, Z_STREAM_END);
        // erl: zlib:compress(<<"abcde">>)
        assert_eq!(z, [120, 156, 75, 76, 74, 78, 73, 5, 0, 5, 200, 1, 240]);
        assert_eq!(d.end(), Z_OK);
        let mut i = ZStream::new();
        assert_eq!(i.inflate_init(15), Z_OK);
        let (r, o) = run(&mut i, &z, 0);
        assert_eq!(r, Z_STREAM_END);
        assert_eq!(o, b"abcde");
        assert!(i.get_dictionary().is_ok());
    }

    #[test]
    fn bad_parameters_and_checksums() {
        let mut d = ZStream::new();
        assert_eq!(d.deflate_init(-1, 8, -8, 8, 0), Z_STREAM_ERROR);
        assert_eq!(d.step(b"x", &mut [0u8; 4], &mut 0, 0).0, Z_STREAM_ERROR);
        assert_eq!(crc32(0, b"abc"), 0x352441c2);
        assert_eq!(adler32(1, b"abc"), 0x024d0127);
    }
}
