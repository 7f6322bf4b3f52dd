//! The code path and loading modules on first call: `-pa` directories, the
//! current directory, the OTP installation's `lib/*/ebin` (preloaded
//! modules included), then `-pz` directories.

use girder_runtime::code::hooks::LoadFailure;
use girder_runtime::code::module;
use girder_runtime::code::prepared::{self, Prepared};
use girder_runtime::term::atom;
use girder_runtime::term::Term;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

pub struct CodePath {
    pub dirs: Vec<PathBuf>,
    pub opts: girder_jit::Options,
}

static PATH: OnceLock<CodePath> = OnceLock::new();
static LOAD_LOCK: Mutex<()> = Mutex::new(());

/// The OTP installation: `$ERL_ROOTDIR`, else where `erl` on PATH lives,
/// else /usr/lib/erlang.
pub fn otp_root() -> PathBuf {
    if let Ok(r) = std::env::var("ERL_ROOTDIR") {
        return PathBuf::from(r);
    }
    if let Some(paths) = std::env::var_os("PATH") {
        for d in std::env::split_paths(&paths) {
            let erl = d.join("erl");
            if let Ok(real) = std::fs::canonicalize(&erl) {
                // .../lib/erlang/bin/erl -> .../lib/erlang
                if let Some(root) = real.parent().and_then(|b| b.parent()) {
                    if root.join("lib").is_dir() {
                        return root.to_path_buf();
                    }
                }
            }
        }
    }
    PathBuf::from("/usr/lib/erlang")
}

/// erts' `bin` directory (`$ROOT/erts-V/bin`, erlexec's `BINDIR`), else
/// `$ROOT/bin`.
pub fn erts_bindir(root: &Path) -> PathBuf {
    let found = std::fs::read_dir(root).ok().and_then(|rd| {
        rd.filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("erts-"))
            })
            .max()
    });
    found.map_or_else(|| root.join("bin"), |p| p.join("bin"))
}

/// OTP's ebin directories, preloaded (erts) first.
pub fn otp_ebins(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(root.join("lib")) else {
        return out;
    };
    let mut libs: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    libs.sort();
    for l in libs {
        let ebin = l.join("ebin");
        if ebin.is_dir() {
            let erts = l
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("erts-"));
            if erts {
                out.insert(0, ebin);
            } else {
                out.push(ebin);
            }
        }
    }
    out
}

pub fn install(cp: CodePath) {
    let _ = PATH.set(cp);
}

pub fn find(module: &str) -> Option<PathBuf> {
    let cp = PATH.get()?;
    let file = format!("{module}.beam");
    cp.dirs.iter().map(|d| d.join(&file)).find(|p| p.is_file())
}

/// Parses, verifies and prepares the `.beam` image `bytes`, which must
/// define module `expected` (`erlang:prepare_loading/2`'s work; nothing is
/// published). A module that fails is reported on stderr in one line,
/// worded as erl's loader does ("Error loading function M:F/A: op ...:
/// why", or "Error loading module M: why"). A panic while compiling (a
/// bug: the verifier should have rejected the module) is caught here and
/// is a failure like any other, so it never unwinds into the runtime's
/// `extern "C"` callers.
fn prepare_bytes(
    expected: Term,
    bytes: &[u8],
    opts: &girder_jit::Options,
) -> Result<Prepared, String> {
    let name = atom::name(expected);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let m = girder_jit::parse_module(bytes).map_err(|e| {
            if e.msg.starts_with("function ") {
                format!("Error loading {e}")
            } else {
                format!("Error loading module {name}: {e}")
            }
        })?;
        if atom::intern(&m.name) != expected {
            return Err(format!(
                "Error loading module {name}: module name in object code is {}",
                m.name
            ));
        }
        girder_jit::prepare_module(m, opts).map_err(|e| format!("Error loading module {name}: {e}"))
    }));
    let r = r.unwrap_or_else(|_| {
        Err(format!(
            "Error loading module {name}: the compiler failed (internal error)"
        ))
    });
    if let Err(e) = &r {
        eprintln!("{e}");
    }
    r
}

/// The runtime's `load_module` hook: loads `m` from the code path (the
/// loads girder makes itself, without a code server); an on_load
/// function then runs natively at the first call.
pub fn load_module(m: Term) -> Result<(), LoadFailure> {
    let _guard = LOAD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if module::get(m).is_some() || module::on_load_version(m).is_some() {
        return Ok(());
    }
    let path = find(atom::name(m)).ok_or(LoadFailure::NoFile)?;
    let cp = PATH.get().ok_or(LoadFailure::NoFile)?;
    let bytes = std::fs::read(&path).map_err(|_| LoadFailure::NoFile)?;
    let p = prepare_bytes(m, &bytes, &cp.opts).map_err(|_| LoadFailure::BadFile)?;
    if let Some(published) = p.publish() {
        prepared::finish(published, true);
    }
    Ok(())
}

/// The runtime's preparer (`erlang:prepare_loading/2`, `code:load_binary/3`):
/// `bytes` must be a `.beam` image of module `expected`.
pub fn prepare(expected: Term, bytes: &[u8]) -> Result<Prepared, String> {
    let cp = PATH.get().ok_or("code path not set")?;
    prepare_bytes(expected, bytes, &cp.opts)
}
