//! `open_port(PortName, PortSettings)`: the arguments decoded into an
//! `OpenSpec`, or the error atom `erts_internal:open_port/2` returns
//! (`badarg`, `badopt`, `einval`), which `erlang:open_port/2` raises as
//! erl does (`badopt` becomes `badarg` with cause `badopt`).

use super::frame::Mode;
use crate::term::atom::{self, am};
use crate::term::Term;

/// What to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `{spawn, Cmd}`: `/bin/sh -c "exec Cmd"`.
    Shell(Vec<u8>),
    /// `{spawn_executable, File}`: exec'd directly.
    Exec(Vec<u8>),
    /// `{fd, In, Out}`.
    Fd(i32, i32),
    /// A built-in driver (`driver::DRIVERS`), by `{spawn, Name}` or
    /// `{spawn_driver, Name}`.
    Driver(&'static super::driver::DriverDef),
}

/// `{env, _}`: (name, Some(value)) sets a variable, None unsets it.
pub type EnvChanges = Vec<(Vec<u8>, Option<Vec<u8>>)>;

/// Decoded `open_port` arguments.
#[derive(Debug, Clone)]
pub struct OpenSpec {
    pub target: Target,
    /// The port's name (`port_info(P, name)`).
    pub name: Vec<u8>,
    pub mode: Mode,
    pub binary: bool,
    pub eof: bool,
    pub exit_status: bool,
    pub use_stdio: bool,
    pub stderr_to_stdout: bool,
    pub input: bool,
    pub output: bool,
    pub parallelism: bool,
    pub args: Option<Vec<Vec<u8>>>,
    pub arg0: Option<Vec<u8>>,
    pub env: EnvChanges,
    pub cd: Option<Vec<u8>>,
}

fn is(t: Term, name: &str) -> bool {
    t.is_atom() && atom::name(t) == name
}

/// The bytes of a file name or command: a string (code points above 255
/// in UTF-8), a binary, or an atom.
pub fn name_bytes(t: Term) -> Option<Vec<u8>> {
    if t.is_atom() {
        return Some(atom::name(t).as_bytes().to_vec());
    }
    if t.is_boxed() {
        return crate::data::chardata::binary_bytes(t);
    }
    if !t.is_list() && t != crate::term::NIL {
        return None;
    }
    let mut out = Vec::new();
    let mut cur = t;
    while cur.is_list() {
        // SAFETY: `cur` is a cons cell.
        let (h, tl) = unsafe { (cur.head(), cur.tail()) };
        if !h.is_small() {
            return None;
        }
        let c = u32::try_from(h.small_value()).ok()?;
        let ch = char::from_u32(c)?;
        let mut b = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
        cur = tl;
    }
    (cur == crate::term::NIL).then_some(out)
}

fn pair(t: Term) -> Option<(Term, Term)> {
    // SAFETY: element reads guarded by the tuple arity.
    unsafe { (t.is_tuple() && t.tuple_arity() == 2).then(|| (t.tuple_elem(0), t.tuple_elem(1))) }
}

fn fd_number(t: Term) -> Result<i32, Term> {
    if !t.is_small() {
        return Err(am::BADARG);
    }
    match i32::try_from(t.small_value()) {
        Ok(n) if n >= 0 => Ok(n),
        _ => Err(atom::intern("einval")),
    }
}

fn target(name: Term) -> Result<(Target, Vec<u8>), Term> {
    // An atom or a string alone is a command, as `{spawn, Name}`.
    if name.is_atom() || name.is_list() {
        let b = name_bytes(name).ok_or(am::BADARG)?;
        return shell_or_driver(b);
    }
    // SAFETY: element reads guarded by the tuple arity.
    let (tag, a, b) = unsafe {
        match (name.is_tuple(), name.is_tuple().then(|| name.tuple_arity())) {
            (true, Some(2)) => (name.tuple_elem(0), name.tuple_elem(1), None),
            (true, Some(3)) => (
                name.tuple_elem(0),
                name.tuple_elem(1),
                Some(name.tuple_elem(2)),
            ),
            _ => return Err(am::BADARG),
        }
    };
    match b {
        Some(out) if is(tag, "fd") => {
            let (i, o) = (fd_number(a)?, fd_number(out)?);
            let n = format!("{i}/{o}").into_bytes();
            Ok((Target::Fd(i, o), n))
        }
        Some(_) => Err(am::BADARG),
        None => {
            let bytes = name_bytes(a).ok_or(am::BADARG)?;
            if is(tag, "spawn") {
                shell_or_driver(bytes)
            } else if is(tag, "spawn_driver") {
                match super::driver::find(&bytes) {
                    Some(d) => Ok((Target::Driver(d), bytes)),
                    None => Err(am::BADARG),
                }
            } else if is(tag, "spawn_executable") {
                if bytes.is_empty() {
                    return Err(am::BADARG);
                }
                Ok((Target::Exec(bytes.clone()), bytes))
            } else {
                Err(am::BADARG)
            }
        }
    }
}

/// `{spawn, Cmd}`: a built-in driver when its first word names one
/// Girder has (`driver::DRIVERS`), else a shell command.
fn shell_or_driver(bytes: Vec<u8>) -> Result<(Target, Vec<u8>), Term> {
    if bytes.is_empty() {
        return Err(am::BADARG);
    }
    if let Some(d) = super::driver::find(&bytes) {
        return Ok((Target::Driver(d), bytes));
    }
    if first_word_is_driver(&bytes) {
        return Err(am::BADARG);
    }
    Ok((Target::Shell(bytes.clone()), bytes))
}

/// erl starts the drivers compiled into it by name from `{spawn, Cmd}`
/// (`tty_sl -c -e`, `udp_inet`, ...). Those Girder does not have fail to
/// open as in an erl without them (badarg), so callers such as
/// `user_drv` fall back as they would there, instead of exec'ing a
/// program of that name.
fn first_word_is_driver(cmd: &[u8]) -> bool {
    let word = cmd.split(|&b| b == b' ').next().unwrap_or(&[]);
    const STATIC: &[&[u8]] = &[
        b"tty_sl",
        b"udp_inet",
        b"tcp_inet",
        b"sctp_inet",
        b"ram_file_drv",
        b"zlib_drv",
        b"inet_gethost_drv",
    ];
    STATIC.contains(&word)
}

fn string_list(t: Term) -> Option<Vec<Vec<u8>>> {
    let items = crate::data::build::list_to_vec(t)?;
    items.into_iter().map(name_bytes).collect()
}

fn env_list(t: Term) -> Option<EnvChanges> {
    let items = crate::data::build::list_to_vec(t)?;
    let mut out = Vec::new();
    for it in items {
        let (k, v) = pair(it)?;
        let k = name_bytes(k)?;
        if k.is_empty() || k.contains(&b'=') {
            return None;
        }
        if v == am::FALSE {
            out.push((k, None));
        } else {
            out.push((k, Some(name_bytes(v)?)));
        }
    }
    Some(out)
}

fn limits_ok(v: Term) -> bool {
    if is(v, "disabled") {
        return true;
    }
    pair(v).is_some_and(|(lo, hi)| lo.is_small() && hi.is_small() && lo.small_value() >= 0)
}

/// Decodes `open_port(Name, Settings)`.
pub fn parse(name: Term, settings: Term) -> Result<OpenSpec, Term> {
    let badopt = || atom::intern("badopt");
    let Some(opts) = crate::data::build::list_to_vec(settings) else {
        return Err(badopt());
    };
    let (target, pname) = target(name)?;
    let mut s = OpenSpec {
        target,
        name: pname,
        mode: Mode::Stream,
        binary: false,
        eof: false,
        exit_status: false,
        use_stdio: true,
        stderr_to_stdout: false,
        input: false,
        output: false,
        parallelism: false,
        args: None,
        arg0: None,
        env: Vec::new(),
        cd: None,
    };
    for o in opts {
        if o.is_atom() {
            match atom::name(o) {
                "stream" => s.mode = Mode::Stream,
                "binary" => s.binary = true,
                "eof" => s.eof = true,
                "exit_status" => s.exit_status = true,
                "use_stdio" => s.use_stdio = true,
                "nouse_stdio" => s.use_stdio = false,
                "stderr_to_stdout" => s.stderr_to_stdout = true,
                "in" => s.input = true,
                "out" => s.output = true,
                "hide" | "overlapped_io" => {}
                _ => return Err(badopt()),
            }
            continue;
        }
        let Some((k, v)) = pair(o) else {
            return Err(badopt());
        };
        match k.is_atom().then(|| atom::name(k)) {
            Some("packet") => match v.is_small().then(|| v.small_value()) {
                Some(n @ (1 | 2 | 4)) => s.mode = Mode::Packet(n as u8),
                _ => return Err(badopt()),
            },
            Some("line") => match v.is_small().then(|| v.small_value()) {
                Some(n) if n > 0 => s.mode = Mode::Line(n as usize),
                _ => return Err(badopt()),
            },
            Some("args") => s.args = Some(string_list(v).ok_or_else(badopt)?),
            Some("arg0") => s.arg0 = Some(name_bytes(v).ok_or_else(badopt)?),
            Some("env") => s.env = env_list(v).ok_or_else(badopt)?,
            Some("cd") => s.cd = Some(name_bytes(v).ok_or(am::BADARG)?),
            Some("parallelism") if v == am::TRUE || v == am::FALSE => s.parallelism = v == am::TRUE,
            Some("busy_limits_port" | "busy_limits_msgq") if limits_ok(v) => {}
            _ => return Err(badopt()),
        }
    }
    if !s.input && !s.output {
        s.input = true;
        s.output = true;
    }
    if (s.args.is_some() || s.arg0.is_some()) && !matches!(s.target, Target::Exec(_)) {
        return Err(am::BADARG);
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::{list_from_slice, make_string, make_tuple};

    #[test]
    fn options_and_errors() {
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let cat = make_string(ctx, "cat");
        let name = make_tuple(ctx, &[atom::intern("spawn"), cat]);
        let pk = make_tuple(ctx, &[atom::intern("packet"), Term::small(2)]);
        let opts = list_from_slice(ctx, &[pk, atom::intern("binary")]);
        let s = parse(name, opts).unwrap();
        assert_eq!(s.mode, Mode::Packet(2));
        assert!(s.binary && s.input && s.output);
        assert_eq!(s.target, Target::Shell(b"cat".to_vec()));
        let bad = make_tuple(ctx, &[atom::intern("packet"), Term::small(3)]);
        let opts = list_from_slice(ctx, &[bad]);
        assert_eq!(parse(name, opts).unwrap_err(), atom::intern("badopt"));
        assert_eq!(
            parse(name, atom::intern("x")).unwrap_err(),
            atom::intern("badopt")
        );
        let fd = make_tuple(ctx, &[atom::intern("fd"), Term::small(-1), Term::small(1)]);
        assert_eq!(
            parse(fd, crate::term::NIL).unwrap_err(),
            atom::intern("einval")
        );
        let empty = make_tuple(ctx, &[atom::intern("spawn"), crate::term::NIL]);
        assert_eq!(parse(empty, crate::term::NIL).unwrap_err(), am::BADARG);
    }
}
