//! The `otp` option level (`esock_setopt_otp` / `esock_getopt_otp`):
//! options of the socket layer itself, not of the kernel.

use super::addr::encode_domain;
use super::poll;
use super::sock::{st, Inner, Sock, CTRL_BUF_DEFAULT, RECV_BUF_DEFAULT};
use super::util::{a, error2, error_invalid, get_bool, get_u32, invalid, ok2, raise_invalid};
use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::nif::owned::OwnedTerm;
use crate::term::atom::am;
use crate::term::Term;

const DEBUG: i32 = 1001;
const IOW: i32 = 1002;
const CTRL_PROC: i32 = 1003;
const RCVBUF: i32 = 1004;
const RCVCTRLBUF: i32 = 1006;
const SNDCTRLBUF: i32 = 1007;
const FD: i32 = 1008;
const META: i32 = 1009;
const USE_REGISTRY: i32 = 1010;
const DOMAIN: i32 = 1999;

/// `esock_decode_bufsz`: `default` or a positive size.
fn bufsz(t: Term, dflt: usize) -> Option<usize> {
    if t == a("default") {
        return Some(dflt);
    }
    super::util::get_u64(t)
        .filter(|&v| v > 0 && v <= isize::MAX as u64)
        .map(|v| v as usize)
}

fn bad_opt(ctx: &mut Ctx, opt: i32) -> Term {
    let w = make_tuple(ctx, &[a("otp_socket_option"), Term::small(opt as i64)]);
    raise_invalid(ctx, w)
}

pub fn setopt(ctx: &mut Ctx, s: &Sock, me: Term, opt: i32, v: Term) -> Term {
    let mut i = s.lock();
    let open = if matches!(opt, RCVBUF | RCVCTRLBUF) {
        st::is_open(i.rstate)
    } else {
        st::is_open(i.wstate)
    };
    if !matches!(
        opt,
        DEBUG | IOW | CTRL_PROC | RCVBUF | RCVCTRLBUF | SNDCTRLBUF | META | USE_REGISTRY
    ) {
        drop(i);
        return bad_opt(ctx, opt);
    }
    if !open {
        return error2(ctx, a("closed"));
    }
    match opt {
        DEBUG | IOW => match get_bool(v) {
            Some(b) => {
                if opt == DEBUG {
                    i.dbg = b
                } else {
                    i.iow = b
                }
                am::OK
            }
            None => invalid(ctx, a("value")),
        },
        CTRL_PROC => {
            if i.owner != me {
                return error_invalid(ctx, a("not_owner"));
            }
            if !v.is_pid() {
                return invalid(ctx, a("value"));
            }
            i.owner = v;
            if crate::proc::ptable::lookup(v).is_none() {
                // The new owner is dead already: as if its monitor fired.
                drop(i);
                super::close::down(s, v);
                return am::OK;
            }
            poll::watch(&mut i, v, s.id);
            am::OK
        }
        RCVBUF => {
            if let Some(sz) = bufsz(v, RECV_BUF_DEFAULT) {
                i.r_num = 0;
                i.r_buf_sz = sz;
                return am::OK;
            }
            // {N, Size}: read N full buffers before a package is done.
            // SAFETY: tuple accessors after the arity check.
            let pair = unsafe {
                (v.is_tuple() && v.tuple_arity() == 2).then(|| (v.tuple_elem(0), v.tuple_elem(1)))
            };
            match pair.and_then(|(n, sz)| {
                Some((get_u32(n).filter(|&n| n > 0)?, bufsz(sz, RECV_BUF_DEFAULT)?))
            }) {
                Some((n, sz)) => {
                    i.r_num = n;
                    i.r_buf_sz = sz;
                    am::OK
                }
                None => invalid(ctx, a("value")),
            }
        }
        RCVCTRLBUF | SNDCTRLBUF => match bufsz(v, CTRL_BUF_DEFAULT) {
            Some(sz) => {
                if opt == RCVCTRLBUF {
                    i.r_ctrl_sz = sz
                } else {
                    i.w_ctrl_sz = sz
                }
                am::OK
            }
            None => invalid(ctx, a("value")),
        },
        META => {
            if i.owner != me {
                return error_invalid(ctx, a("not_owner"));
            }
            i.meta = OwnedTerm::new(v);
            am::OK
        }
        _ => match get_bool(v) {
            // use_registry: only turning it on is allowed.
            Some(true) => {
                if !i.use_reg {
                    i.use_reg = true;
                    poll::send_registry(s, "add");
                }
                am::OK
            }
            _ => invalid(ctx, a("value")),
        },
    }
}

pub fn getopt(ctx: &mut Ctx, i: &Inner, opt: i32) -> Term {
    if !matches!(
        opt,
        DEBUG
            | IOW
            | CTRL_PROC
            | RCVBUF
            | RCVCTRLBUF
            | SNDCTRLBUF
            | FD
            | META
            | USE_REGISTRY
            | DOMAIN
    ) {
        return bad_opt(ctx, opt);
    }
    let open = if opt == SNDCTRLBUF {
        st::is_open(i.wstate)
    } else {
        st::is_open(i.rstate)
    };
    if !open {
        return error2(ctx, a("closed"));
    }
    let v = match opt {
        DEBUG => Term::boolean(i.dbg),
        IOW => Term::boolean(i.iow),
        CTRL_PROC => i.owner,
        RCVBUF => {
            let sz = crate::data::big::make_u64(ctx, i.r_buf_sz as u64);
            if i.r_num == 0 {
                sz
            } else {
                make_tuple(ctx, &[Term::small(i.r_num as i64), sz])
            }
        }
        RCVCTRLBUF => Term::small(i.r_ctrl_sz as i64),
        SNDCTRLBUF => Term::small(i.w_ctrl_sz as i64),
        FD => Term::small(i.fd as i64),
        META => i.meta.to_heap(ctx),
        USE_REGISTRY => Term::boolean(i.use_reg),
        _ => encode_domain(i.domain),
    };
    ok2(ctx, v)
}
