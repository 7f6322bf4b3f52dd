//! `prim_socket`'s NIFs (`nif::prim_socket`): they replace the module's
//! `erlang:nif_error/1` bodies.

use super::{bif, BifDef};
use crate::nif::prim_socket as n;

pub const BIFS: &[BifDef] = &[
    bif!("prim_socket", "nif_info", 0, n::nif_info0),
    bif!("prim_socket", "nif_info", 1, n::nif_info1),
    bif!("prim_socket", "nif_command", 1, n::nif_command),
    bif!("prim_socket", "nif_supports", 0, n::nif_supports0),
    bif!("prim_socket", "nif_supports", 1, n::nif_supports1),
    bif!("prim_socket", "nif_open", 2, n::nif_open2),
    bif!("prim_socket", "nif_open", 4, n::nif_open4),
    bif!("prim_socket", "nif_bind", 2, n::nif_bind),
    bif!("prim_socket", "nif_connect", 1, n::nif_connect1),
    bif!("prim_socket", "nif_connect", 3, n::nif_connect3),
    bif!("prim_socket", "nif_listen", 2, n::nif_listen),
    bif!("prim_socket", "nif_accept", 2, n::nif_accept),
    bif!("prim_socket", "nif_send", 4, n::nif_send),
    bif!("prim_socket", "nif_sendto", 5, n::nif_sendto),
    bif!("prim_socket", "nif_sendmsg", 5, n::nif_sendmsg),
    bif!("prim_socket", "nif_recv", 4, n::nif_recv),
    bif!("prim_socket", "nif_recvmsg", 5, n::nif_recvmsg),
    bif!("prim_socket", "nif_recvfrom", 4, n::nif_recvfrom),
    bif!("prim_socket", "nif_close", 1, n::nif_close),
    bif!(
        "prim_socket",
        "nif_finalize_close",
        1,
        n::nif_finalize_close
    ),
    bif!("prim_socket", "nif_shutdown", 2, n::nif_shutdown),
    bif!("prim_socket", "nif_setopt", 5, n::nif_setopt),
    bif!("prim_socket", "nif_getopt", 3, n::nif_getopt3),
    bif!("prim_socket", "nif_getopt", 4, n::nif_getopt4),
    bif!("prim_socket", "nif_sockname", 1, n::nif_sockname),
    bif!("prim_socket", "nif_peername", 1, n::nif_peername),
    bif!("prim_socket", "nif_cancel", 3, n::nif_cancel),
];
