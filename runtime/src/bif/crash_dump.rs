//! `erl_crash.dump`: what `erlang:halt(Slogan)` writes before the VM
//! exits, in erl's format (crashdump_viewer reads it): the header with the
//! slogan, memory, every process, port and ETS table, the atoms, `=end`.
//! Sections describe only what Girder knows; erl's sections about
//! allocators, schedulers' internals and code addresses are left out.
//!
//! As in erl: the file is `$ERL_CRASH_DUMP` (default `erl_crash.dump` in
//! the current directory); `ERL_CRASH_DUMP_SECONDS=0` or
//! `ERL_CRASH_DUMP_BYTES=0` means no dump; stderr gets the slogan, then
//! `Crash dump is being written to: FILE...done`.

use crate::proc::ptable;
use crate::term::atom;
use crate::term::Term;
use std::io::Write;

/// Whether the environment asks for no dump.
fn disabled() -> bool {
    ["ERL_CRASH_DUMP_SECONDS", "ERL_CRASH_DUMP_BYTES"]
        .iter()
        .any(|v| std::env::var(v).is_ok_and(|s| s.trim() == "0"))
}

/// The local time as C's `ctime` writes it (`Sun Dec  6 22:33:05 2026`).
fn now_text() -> String {
    let mut buf = [0u8; 64];
    // SAFETY: `time`, `localtime_r` and `strftime` get valid pointers to
    // locals; strftime writes at most `buf.len()` bytes and returns how
    // many it wrote (0 on failure).
    let n = unsafe {
        let t = libc::time(std::ptr::null_mut());
        let mut tm: libc::tm = std::mem::zeroed();
        libc::localtime_r(&t, &mut tm);
        libc::strftime(
            buf.as_mut_ptr().cast(),
            buf.len(),
            c"%a %b %e %H:%M:%S %Y".as_ptr(),
            &tm,
        )
    };
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

fn show(t: Term) -> String {
    crate::data::display::display_string(t)
}

fn list_text(items: &[Term]) -> String {
    let parts: Vec<String> = items.iter().map(|&t| show(t)).collect();
    format!("[{}]", parts.join(", "))
}

fn header(out: &mut Vec<u8>, slogan: &str) {
    let _ = write!(
        out,
        "=erl_crash_dump:0.5\n{}\nSlogan: {}\nSystem version: {}\nTaints: \nAtoms: {}\nCalling Thread: scheduler:1\n",
        now_text(),
        slogan,
        super::sysinfo::SYSTEM_VERSION.trim_end(),
        atom::count()
    );
}

pub(super) fn memory(out: &mut Vec<u8>) {
    out.extend_from_slice(b"=memory\n");
    for k in super::memory::KINDS {
        let _ = writeln!(out, "{k}: {}", super::memory::value(k).unwrap_or(0));
    }
}

pub(super) fn processes(out: &mut Vec<u8>) {
    for pid in ptable::all_pids() {
        process(out, pid);
    }
}

/// The `=proc` record of `pid` (nothing if it is gone). Called where no
/// other process runs: on the scheduler thread from inside a BIF (with
/// one scheduler), or from the BREAK menu while `sched::world` holds
/// every scheduler at a slice boundary.
fn process(out: &mut Vec<u8>, pid: Term) {
    use crate::heap::process::pstate;
    use std::sync::atomic::Ordering;
    {
        let Some(r) = ptable::lookup(pid) else {
            return;
        };
        if !r.is_alive() {
            return;
        }
        // SAFETY: no other process runs (see above), and the table
        // reference keeps this one alive; its fields are only read.
        let p = unsafe { &*r.ptr() };
        let state = match p.state.load(Ordering::Acquire) {
            pstate::WAITING => "Waiting",
            pstate::RUNNABLE => "Scheduled",
            pstate::RUNNING => "Running",
            _ => "Exiting",
        };
        let _ = writeln!(out, "=proc:{}\nState: {state}", show(pid));
        if let Some(name) = ptable::name_of(pid) {
            let _ = writeln!(out, "Name: {}", show(name));
        }
        let (m, f, a) = p.initial;
        if m.is_atom() && f.is_atom() {
            let fname = atom::name(f);
            if fname.starts_with('-') && fname.contains("-fun-") {
                out.extend_from_slice(b"Spawned as: erlang:apply/2\n");
            } else {
                let _ = writeln!(out, "Spawned as: {}:{}/{a}", show(m), show(f));
            }
        }
        let queued = p.msgq.len() + p.inbox.lock().map_or(0, |q| q.len());
        let words = p.block.len();
        let _ = write!(
            out,
            "Message queue length: {queued}\nNumber of heap fragments: {}\nLink list: {}\nReductions: {}\nStack+heap: {words}\nOldHeap: {}\nMemory: {}\n",
            p.frags.len(),
            list_text(&p.links),
            p.reductions,
            p.old_size(),
            (words + p.old_size()) * 8 + std::mem::size_of::<crate::heap::process::Process>()
        );
    }
}

fn ports(out: &mut Vec<u8>) {
    use crate::io::port::{self, Driver};
    for t in port::all() {
        let Some(p) = port::resolve(t) else {
            continue;
        };
        let st = p.lock();
        let flags = if st.binary {
            "CONNECTED|BINARY_IO"
        } else {
            "CONNECTED"
        };
        let name = String::from_utf8_lossy(&st.name).into_owned();
        let what = match st.driver {
            Driver::Fd => format!("Port is UNIX fd not opened by emulator: {name}"),
            Driver::Spawn => format!("Port controls external process: {name}"),
            Driver::Vm => format!("Port controls linked-in driver: {name}"),
        };
        let _ = write!(
            out,
            "=port:{}\nState: {flags}\nConnected: {}\nLinks: {}\n{what}\nInput: {}\nOutput: {}\nQueue: {}\n",
            show(t),
            show(st.owner),
            list_text(&st.links).trim_start_matches('[').trim_end_matches(']'),
            st.input_bytes,
            st.output_bytes,
            st.wq.len()
        );
    }
}

fn tables(out: &mut Vec<u8>) {
    use crate::ets::Protection;
    for t in crate::ets::all_tables() {
        let protection = match t.protection() {
            Protection::Public => "public",
            Protection::Protected => "protected",
            Protection::Private => "private",
        };
        let _ = write!(
            out,
            "=ets:{}\nTable: {}\nName: {}\nObjects: {}\nWords: {}\nType: {}\nProtection: {protection}\nCompressed: {}\nWrite Concurrency: {}\nRead Concurrency: {}\n",
            show(t.owner()),
            show(t.name()),
            show(t.name()),
            t.size(),
            t.memory(),
            show(t.type_atom()),
            t.compressed,
            show(t.write_concurrency),
            t.read_concurrency
        );
    }
}

/// Newest first, as erl lists them.
fn atoms(out: &mut Vec<u8>) {
    out.extend_from_slice(b"=atoms\n");
    for i in (0..atom::count()).rev() {
        let _ = writeln!(out, "{}", show(Term::atom(i as u32)));
    }
}

/// The whole dump.
pub fn render(slogan: &str) -> Vec<u8> {
    let mut out = Vec::new();
    header(&mut out, slogan);
    memory(&mut out);
    processes(&mut out);
    ports(&mut out);
    tables(&mut out);
    atoms(&mut out);
    out.extend_from_slice(b"=end\n");
    out
}

/// What the BREAK menu's information options print (erl's `break.c`),
/// with the records the dump has: `o` the ports, `p` the processes and
/// the ports, `i` memory and the atom table, `l` the loaded modules'
/// code sizes, `D` the ETS tables, `d` the distribution (none). The menu
/// calls it with every scheduler stopped (`sched::world`).
pub fn break_info(option: u8) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    match option {
        b'o' => ports(&mut out),
        b'p' => {
            processes(&mut out);
            ports(&mut out);
        }
        b'i' => {
            memory(&mut out);
            let n = atom::count();
            let _ = write!(out, "=index_table:atom_tab\nentries: {n}\n");
        }
        b'l' => loaded(&mut out),
        b'D' => tables(&mut out),
        b'd' => {
            let node = show(crate::term::atom::am::NONODE);
            let _ = write!(out, "=node:{node}\n=no_distribution\n");
        }
        _ => return None,
    }
    Some(out)
}

/// The BREAK menu's `l`: totals, then one line per module (erl's
/// interactive form of `loaded()`).
fn loaded(out: &mut Vec<u8>) {
    let mods = crate::code::module::sizes_by_module();
    let cur: usize = mods.iter().map(|m| m.1).sum();
    let old: usize = mods.iter().map(|m| m.2).sum();
    let _ = write!(out, "Current code: {cur}\nOld code: {old}\n");
    for (m, c, o) in mods {
        let _ = write!(out, "{} {c}", show(m));
        if o != 0 {
            let _ = write!(out, " ({o} old)");
        }
        out.push(b'\n');
    }
}

/// The BREAK menu's `k` shows each process's record before asking.
pub fn break_process(pid: Term) -> Vec<u8> {
    let mut out = Vec::new();
    process(&mut out, pid);
    out
}

/// Writes the dump for `slogan` (unless disabled) and says so on stderr
/// after the slogan, as erl does for `halt(Slogan)` (erts prints the
/// slogan with a line end of its own, so a blank line follows).
pub fn write(slogan: &str) {
    write_after(slogan, "\r\n");
}

/// The same for the BREAK menu's `A`, whose slogan erts prints with no
/// line end (`erts_exit(ERTS_ERROR_EXIT, "Crash dump requested by
/// user")`): no blank line before "Crash dump is being written".
pub fn write_requested(slogan: &str) {
    write_after(slogan, "");
}

fn write_after(slogan: &str, end: &str) {
    let mut e = std::io::stderr().lock();
    let _ = write!(e, "{slogan}{end}");
    if disabled() {
        let _ = e.flush();
        return;
    }
    let path = std::env::var("ERL_CRASH_DUMP").unwrap_or_else(|_| "erl_crash.dump".into());
    let _ = write!(e, "\r\nCrash dump is being written to: {path}...");
    let _ = e.flush();
    let written = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o640)
            .open(&path)
            .and_then(|mut f| f.write_all(&render(slogan)))
    };
    if written.is_ok() {
        let _ = write!(e, "done\r\n");
    }
    let _ = e.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn break_listings_have_erls_headers() {
        crate::bif::install();
        let text = |k: u8| String::from_utf8(break_info(k).unwrap()).unwrap();
        assert_eq!(text(b'd'), "=node:'nonode@nohost'\n=no_distribution\n");
        let l = text(b'l');
        assert!(l.starts_with("Current code: "), "{l}");
        assert!(l.lines().nth(1).unwrap().starts_with("Old code: "), "{l}");
        let i = text(b'i');
        assert!(i.starts_with("=memory\ntotal: "), "{i}");
        assert!(i.contains("\n=index_table:atom_tab\nentries: "), "{i}");
        assert!(break_info(b'x').is_none());
        // No such process: no record.
        assert!(break_process(Term::pid(987_654)).is_empty());
    }
}
