//! errno values as erl names them (`erl_errno_id`): the lower-case
//! constant name, `unknown` for a value it does not know. Where two names
//! share a value on Linux (`EDEADLOCK`/`EDEADLK`, `EOPNOTSUPP`/`ENOTSUP`,
//! `EWOULDBLOCK`/`EAGAIN`), erl names the one listed first here.

/// `(errno, name)` in erl's order; the first entry with a value wins.
const NAMES: &[(i32, &str)] = &[
    (libc::E2BIG, "e2big"),
    (libc::EACCES, "eacces"),
    (libc::EADDRINUSE, "eaddrinuse"),
    (libc::EADDRNOTAVAIL, "eaddrnotavail"),
    (libc::EADV, "eadv"),
    (libc::EAFNOSUPPORT, "eafnosupport"),
    (libc::EAGAIN, "eagain"),
    (libc::EALREADY, "ealready"),
    (libc::EBADE, "ebade"),
    (libc::EBADF, "ebadf"),
    (libc::EBADFD, "ebadfd"),
    (libc::EBADMSG, "ebadmsg"),
    (libc::EBADR, "ebadr"),
    (libc::EBADRQC, "ebadrqc"),
    (libc::EBADSLT, "ebadslt"),
    (libc::EBFONT, "ebfont"),
    (libc::EBUSY, "ebusy"),
    (libc::ECHILD, "echild"),
    (libc::ECHRNG, "echrng"),
    (libc::ECOMM, "ecomm"),
    (libc::ECONNABORTED, "econnaborted"),
    (libc::ECONNREFUSED, "econnrefused"),
    (libc::ECONNRESET, "econnreset"),
    (libc::EDEADLK, "edeadlk"),
    (libc::EDEADLOCK, "edeadlock"),
    (libc::EDESTADDRREQ, "edestaddrreq"),
    (libc::EDOM, "edom"),
    (libc::EDOTDOT, "edotdot"),
    (libc::EDQUOT, "edquot"),
    (libc::EEXIST, "eexist"),
    (libc::EFAULT, "efault"),
    (libc::EFBIG, "efbig"),
    (libc::EHOSTDOWN, "ehostdown"),
    (libc::EHOSTUNREACH, "ehostunreach"),
    (libc::EIDRM, "eidrm"),
    (libc::EILSEQ, "eilseq"),
    (libc::EINPROGRESS, "einprogress"),
    (libc::EINTR, "eintr"),
    (libc::EINVAL, "einval"),
    (libc::EIO, "eio"),
    (libc::EISCONN, "eisconn"),
    (libc::EISDIR, "eisdir"),
    (libc::EISNAM, "eisnam"),
    (libc::EL2HLT, "el2hlt"),
    (libc::EL2NSYNC, "el2nsync"),
    (libc::EL3HLT, "el3hlt"),
    (libc::EL3RST, "el3rst"),
    (libc::ELIBACC, "elibacc"),
    (libc::ELIBBAD, "elibbad"),
    (libc::ELIBEXEC, "elibexec"),
    (libc::ELIBMAX, "elibmax"),
    (libc::ELIBSCN, "elibscn"),
    (libc::ELNRNG, "elnrng"),
    (libc::ELOOP, "eloop"),
    (libc::EMFILE, "emfile"),
    (libc::EMLINK, "emlink"),
    (libc::EMSGSIZE, "emsgsize"),
    (libc::EMULTIHOP, "emultihop"),
    (libc::ENAMETOOLONG, "enametoolong"),
    (libc::ENAVAIL, "enavail"),
    (libc::ENETDOWN, "enetdown"),
    (libc::ENETRESET, "enetreset"),
    (libc::ENETUNREACH, "enetunreach"),
    (libc::ENFILE, "enfile"),
    (libc::ENOANO, "enoano"),
    (libc::ENOBUFS, "enobufs"),
    (libc::ENOCSI, "enocsi"),
    (libc::ENODATA, "enodata"),
    (libc::ENODEV, "enodev"),
    (libc::ENOENT, "enoent"),
    (libc::ENOEXEC, "enoexec"),
    (libc::ENOLCK, "enolck"),
    (libc::ENOLINK, "enolink"),
    (libc::ENOMEM, "enomem"),
    (libc::ENOMSG, "enomsg"),
    (libc::ENONET, "enonet"),
    (libc::ENOPKG, "enopkg"),
    (libc::ENOPROTOOPT, "enoprotoopt"),
    (libc::ENOSPC, "enospc"),
    (libc::ENOSR, "enosr"),
    (libc::ENOSTR, "enostr"),
    (libc::ENOSYS, "enosys"),
    (libc::ENOTBLK, "enotblk"),
    (libc::ENOTCONN, "enotconn"),
    (libc::ENOTDIR, "enotdir"),
    (libc::ENOTEMPTY, "enotempty"),
    (libc::ENOTNAM, "enotnam"),
    (libc::ENOTSOCK, "enotsock"),
    (libc::ENOTSUP, "enotsup"),
    (libc::ENOTTY, "enotty"),
    (libc::ENOTUNIQ, "enotuniq"),
    (libc::ENXIO, "enxio"),
    (libc::EOPNOTSUPP, "eopnotsupp"),
    (libc::EOVERFLOW, "eoverflow"),
    (libc::EPERM, "eperm"),
    (libc::EPFNOSUPPORT, "epfnosupport"),
    (libc::EPIPE, "epipe"),
    (libc::EPROTO, "eproto"),
    (libc::EPROTONOSUPPORT, "eprotonosupport"),
    (libc::EPROTOTYPE, "eprototype"),
    (libc::ERANGE, "erange"),
    (libc::EREMCHG, "eremchg"),
    (libc::EREMOTE, "eremote"),
    (libc::EREMOTEIO, "eremoteio"),
    (libc::EROFS, "erofs"),
    (libc::ESHUTDOWN, "eshutdown"),
    (libc::ESOCKTNOSUPPORT, "esocktnosupport"),
    (libc::ESPIPE, "espipe"),
    (libc::ESRCH, "esrch"),
    (libc::ESRMNT, "esrmnt"),
    (libc::ESTALE, "estale"),
    (libc::ETIME, "etime"),
    (libc::ETIMEDOUT, "etimedout"),
    (libc::ETOOMANYREFS, "etoomanyrefs"),
    (libc::ETXTBSY, "etxtbsy"),
    (libc::EUCLEAN, "euclean"),
    (libc::EUNATCH, "eunatch"),
    (libc::EUSERS, "eusers"),
    (libc::EWOULDBLOCK, "ewouldblock"),
    (libc::EXDEV, "exdev"),
    (libc::EXFULL, "exfull"),
];

/// erl's name for errno `e`.
pub fn name(e: i32) -> &'static str {
    NAMES
        .iter()
        .find(|&&(v, _)| v == e)
        .map_or("unknown", |&(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::name;

    #[test]
    fn names() {
        assert_eq!(name(libc::ENOENT), "enoent");
        assert_eq!(name(libc::EACCES), "eacces");
        // Shared values take erl's first name.
        assert_eq!(name(libc::EOPNOTSUPP), "enotsup");
        assert_eq!(name(libc::EWOULDBLOCK), "eagain");
        assert_eq!(name(libc::EDEADLOCK), "edeadlk");
        assert_eq!(name(100_000), "unknown");
    }
}
