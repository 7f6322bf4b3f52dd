//! `prim_file`'s NIFs (erts' `prim_file_nif.c` with `unix_prim_file.c`):
//! file handles and path operations, each returning what the NIF returns
//! so that OTP's own `prim_file.erl` runs on top unchanged.
//!
//! - [`posix`]: errno values as erl's `{error, Posix}` atoms.
//! - [`name`]: `internal_name2native/1` and friends (file name encoding).
//! - [`handle`]: open files, owned by the process that opened them and
//!   closed when it dies (an exit hook).
//! - [`fs`]: operations on paths (stat, directories, links, cwd).

pub mod fs;
pub mod handle;
pub mod name;
pub use crate::data::posix;

/// The result of a file operation: a value or an errno.
pub type Res<T> = Result<T, i32>;

/// The errno of the last failed system call.
pub fn last_errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}
