//! NIF-backed modules: the logic behind the native functions that OTP's
//! preloaded modules load with `erlang:load_nif/2` (their thin `bif!`
//! adapters live in `bif/`).

pub mod prim_file;
