//! NIF-backed modules: the logic of OTP's built-in NIFs (`zlib`,
//! `prim_buffer`), whose functions `runtime/src/bif/` registers so that
//! they replace the modules' `erlang:nif_error` bodies.

pub mod ioq;
pub mod owned;
pub mod prim_buffer;
pub mod zlib;
