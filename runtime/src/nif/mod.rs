//! NIF-backed modules: the logic behind the native functions of OTP's
//! built-in NIF libraries (`prim_file`, `zlib`, `prim_buffer`,
//! `prim_socket`), which
//! their preloaded modules load with `erlang:load_nif/2`; the thin `bif!`
//! adapters in `bif/` register them so that they replace the modules'
//! `erlang:nif_error` bodies.

pub mod ioq;
pub mod owned;
pub mod prim_buffer;
pub mod prim_file;
pub mod prim_socket;
pub mod zlib;
