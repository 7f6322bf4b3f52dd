//! Booting the VM: what erts does in C before any Erlang code runs
//! (`otp.rs`); from then on OTP's own `erl_init` and `init` run
//! `-s`/`-run`/`-eval`, the kernel and the shell, as on erl.

pub mod otp;
