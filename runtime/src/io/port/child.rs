//! Starting the OS process of a `spawn`/`spawn_executable` port: fork and
//! exec with pipes, as erl's spawn driver does it (`{spawn, Cmd}` runs
//! `sh -c "exec Cmd"`; `spawn_executable` execs the file with `args` and
//! `arg0`; `env`, `cd`, `use_stdio`/`nouse_stdio` (fds 0/1 or 3/4 in the
//! child), `stderr_to_stdout`).
//!
//! Everything the child needs is prepared before `fork`, so the child
//! only makes async-signal-safe calls (dup2, chdir, sigaction,
//! sigprocmask, execve, write, _exit): other threads may hold locks
//! (the allocator's) at the moment of the fork.

use super::opts::{OpenSpec, Target};
use std::ffi::CString;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// A started child: its pid and the parent's ends of the pipes.
pub struct Spawned {
    pub pid: i32,
    /// Writes go to the child's stdin (fd 0, or 3 with `nouse_stdio`).
    pub to_child: Option<OwnedFd>,
    /// Reads come from the child's stdout (fd 1, or 4).
    pub from_child: Option<OwnedFd>,
}

/// The errno of the last failed call.
fn errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

/// A close-on-exec pipe: (read end, write end).
fn pipe() -> Result<(OwnedFd, OwnedFd), i32> {
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(errno());
    }
    // SAFETY: pipe2 just returned these two open descriptors, owned by no
    // one else.
    unsafe { Ok((OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1]))) }
}

/// Makes `fd` non-blocking (the parent's ends: the poll thread reads
/// them, the scheduler writes them).
pub fn set_nonblocking(fd: i32) {
    // SAFETY: fcntl on a descriptor we own; no memory is passed.
    unsafe {
        let fl = libc::fcntl(fd, libc::F_GETFL);
        if fl >= 0 {
            libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK);
        }
    }
}

fn cstr(b: &[u8]) -> Result<CString, i32> {
    CString::new(b.to_vec()).map_err(|_| libc::EINVAL)
}

/// The child's environment: erl's (`io::osenv`) with `spec.env` applied.
fn environment(spec: &OpenSpec) -> Result<Vec<CString>, i32> {
    let mut vars = crate::io::osenv::all();
    for (k, v) in &spec.env {
        vars.retain(|(n, _)| n != k);
        if let Some(v) = v {
            vars.push((k.clone(), v.clone()));
        }
    }
    vars.into_iter()
        .map(|(mut k, v)| {
            k.push(b'=');
            k.extend_from_slice(&v);
            cstr(&k)
        })
        .collect()
}

/// Checks that `spawn_executable`'s file may be executed (erl refuses
/// with `enoent`/`eacces` before starting anything).
fn check_executable(path: &CString) -> Result<(), i32> {
    // SAFETY: `path` is a valid NUL-terminated string.
    if unsafe { libc::access(path.as_ptr(), libc::X_OK) } != 0 {
        return Err(errno());
    }
    Ok(())
}

/// Starts the child for `spec` (a Shell or Exec target). Err: an errno.
pub fn spawn(spec: &OpenSpec) -> Result<Spawned, i32> {
    let (prog, argv): (CString, Vec<CString>) = match &spec.target {
        Target::Shell(cmd) => {
            let mut c = b"exec ".to_vec();
            c.extend_from_slice(cmd);
            (
                cstr(b"/bin/sh")?,
                vec![cstr(b"sh")?, cstr(b"-c")?, cstr(&c)?],
            )
        }
        Target::Exec(file) => {
            let prog = cstr(file)?;
            check_executable(&prog)?;
            let mut argv = vec![cstr(spec.arg0.as_deref().unwrap_or(file))?];
            for a in spec.args.iter().flatten() {
                argv.push(cstr(a)?);
            }
            (prog, argv)
        }
        Target::Fd(..) | Target::Driver(_) => return Err(libc::EINVAL),
    };
    let envp = environment(spec)?;
    let cd = spec.cd.as_deref().map(cstr).transpose()?;
    let cd_msg = spec.cd.as_ref().map(|d| {
        let mut m = b"spawn: Could not cd to ".to_vec();
        m.extend_from_slice(d);
        m.push(b'\n');
        m
    });
    // Child-side descriptors: its stdin source and stdout sink.
    let to_child = if spec.output { Some(pipe()?) } else { None };
    let from_child = if spec.input { Some(pipe()?) } else { None };
    let (in_fd, out_fd) = if spec.use_stdio { (0, 1) } else { (3, 4) };
    let plan = ChildPlan {
        prog: &prog,
        argv: argv
            .iter()
            .map(|c| c.as_ptr())
            .chain([std::ptr::null()])
            .collect(),
        envp: envp
            .iter()
            .map(|c| c.as_ptr())
            .chain([std::ptr::null()])
            .collect(),
        cd: cd.as_ref(),
        cd_msg: cd_msg.as_deref(),
        stdin_src: to_child.as_ref().map(|(r, _)| r.as_raw_fd()),
        stdout_dst: from_child.as_ref().map(|(_, w)| w.as_raw_fd()),
        in_fd,
        out_fd,
        stderr_too: spec.stderr_to_stdout,
    };
    // SAFETY: see `fork_exec`.
    let pid = unsafe { fork_exec(&plan) }?;
    let to_child = to_child.map(|(_, w)| w);
    let from_child = from_child.map(|(r, _)| r);
    for fd in to_child.iter().chain(from_child.iter()) {
        set_nonblocking(fd.as_raw_fd());
    }
    Ok(Spawned {
        pid,
        to_child,
        from_child,
    })
}

/// What the child does between fork and exec, all prepared in advance.
struct ChildPlan<'a> {
    prog: &'a CString,
    argv: Vec<*const libc::c_char>,
    envp: Vec<*const libc::c_char>,
    cd: Option<&'a CString>,
    cd_msg: Option<&'a [u8]>,
    stdin_src: Option<i32>,
    stdout_dst: Option<i32>,
    in_fd: i32,
    out_fd: i32,
    stderr_too: bool,
}

/// Forks; the child sets up its descriptors and execs. Returns the pid.
/// # Safety
/// Every pointer in `plan` must be valid (they point into CStrings the
/// caller keeps alive). The child only calls async-signal-safe functions
/// and never returns.
unsafe fn fork_exec(plan: &ChildPlan) -> Result<i32, i32> {
    let pid = libc::fork();
    if pid < 0 {
        return Err(errno());
    }
    if pid > 0 {
        return Ok(pid);
    }
    // The child: nothing blocked, and the dispositions erl's children
    // inherit (ignored signals survive exec): erts ignores SIGPIPE and
    // SIGFPE, so `yes | head -1` run by os:cmd says "Broken pipe" there.
    let mut set: libc::sigset_t = std::mem::zeroed();
    libc::sigemptyset(&mut set);
    libc::sigprocmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
    libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    libc::signal(libc::SIGFPE, libc::SIG_IGN);
    if let Some(fd) = plan.stdin_src {
        libc::dup2(fd, plan.in_fd);
    }
    if let Some(fd) = plan.stdout_dst {
        libc::dup2(fd, plan.out_fd);
        if plan.stderr_too {
            libc::dup2(fd, 2);
        }
    }
    if let Some(dir) = plan.cd {
        if libc::chdir(dir.as_ptr()) != 0 {
            if let Some(m) = plan.cd_msg {
                libc::write(2, m.as_ptr().cast(), m.len());
            }
            libc::_exit(1);
        }
    }
    libc::execve(plan.prog.as_ptr(), plan.argv.as_ptr(), plan.envp.as_ptr());
    // As erl's child setup: the exit status is the errno of the exec.
    libc::_exit(errno());
}

/// The exit status erl reports for a wait status: the code, or 128 plus
/// the signal that ended the process.
pub fn status_code(st: i32) -> i32 {
    if libc::WIFEXITED(st) {
        libc::WEXITSTATUS(st)
    } else if libc::WIFSIGNALED(st) {
        128 + libc::WTERMSIG(st)
    } else {
        st
    }
}

/// Collects `pid` if it has exited: Some(status code).
pub fn try_reap(pid: i32) -> Option<i32> {
    let mut st = 0;
    // SAFETY: waitpid writes the status into `st`.
    let r = unsafe { libc::waitpid(pid, &mut st, libc::WNOHANG) };
    if r == pid {
        Some(status_code(st))
    } else if r < 0 {
        // Not our child any more (already collected): nothing to wait for.
        Some(0)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(t: Target) -> OpenSpec {
        OpenSpec {
            target: t,
            name: Vec::new(),
            mode: super::super::frame::Mode::Stream,
            binary: false,
            eof: false,
            exit_status: false,
            use_stdio: true,
            stderr_to_stdout: false,
            input: true,
            output: true,
            parallelism: false,
            args: None,
            arg0: None,
            env: Vec::new(),
            cd: None,
        }
    }

    fn wait(pid: i32) -> i32 {
        loop {
            if let Some(s) = try_reap(pid) {
                return s;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn exit_codes_and_missing_files() {
        let _g = crate::sched::tests::serial();
        let s = spawn(&spec(Target::Shell(b"sh -c 'exit 3'".to_vec()))).unwrap();
        assert_eq!(wait(s.pid), 3);
        let e = spawn(&spec(Target::Exec(b"/nonexistent/x".to_vec())));
        assert_eq!(e.err(), Some(libc::ENOENT));
    }

    #[test]
    fn reads_what_the_child_writes() {
        let _g = crate::sched::tests::serial();
        use std::io::Read;
        let mut sp = spec(Target::Exec(b"/bin/echo".to_vec()));
        sp.args = Some(vec![b"hi".to_vec()]);
        let s = spawn(&sp).unwrap();
        assert_eq!(wait(s.pid), 0);
        let fd = s.from_child.unwrap();
        let mut f = std::fs::File::from(fd);
        let mut out = String::new();
        f.read_to_string(&mut out).unwrap();
        assert_eq!(out, "hi\n");
    }
}
