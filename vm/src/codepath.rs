//! The code path and loading modules on first call: `-pa` directories, the
//! current directory, the OTP installation's `lib/*/ebin` (preloaded
//! modules included), then `-pz` directories.

use girder_runtime::atom;
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

/// Loads and compiles `path`, publishing its exports.
pub fn load_file(
    path: &Path,
    opts: &girder_jit::Options,
) -> Result<girder_jit::CompileStats, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let m = girder_loader::parse_module(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    girder_jit::compile_module(&m, opts)
}

/// The runtime's `load_module` hook.
pub fn load_module(m: Term) -> Result<(), String> {
    let _guard = LOAD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if girder_runtime::module::get(m).is_some() {
        return Ok(());
    }
    let name = atom::name(m);
    let path = find(name).ok_or_else(|| format!("module {name} not found"))?;
    let cp = PATH.get().ok_or("code path not set")?;
    load_file(&path, &cp.opts).map(|_| ())
}

/// The runtime's loader for `erlang:load_module/2` and `code:load_binary/3`:
/// `bytes` must be a `.beam` image of module `expected`.
pub fn load_binary(expected: Term, bytes: &[u8]) -> Result<(), String> {
    let _guard = LOAD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let m = girder_loader::parse_module(bytes).map_err(|e| e.to_string())?;
    if atom::intern(&m.name) != expected {
        return Err(format!("module name in object code is {}", m.name));
    }
    let cp = PATH.get().ok_or("code path not set")?;
    girder_jit::compile_module(&m, &cp.opts).map(|_| ())
}
