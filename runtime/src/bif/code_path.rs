//! The code-path queries of the `code` module, answered without a code
//! server (OTP's bodies call `code_server`, which girder does not run):
//! `code:root_dir/0`, `lib_dir/0,1`, `priv_dir/1`, `get_path/0`,
//! `which/1` and `all_loaded/0`. The launcher installs the OTP root and
//! the `-pa`/`-pz` directories; the path is laid out as erl's boot script
//! lays it out: `-pa` dirs, `"."`, kernel, stdlib, then the other OTP
//! libraries in reverse name order (`ebin` where it exists), then `-pz`.

use super::{bif, BifDef};
use crate::code::module;
use crate::data::build::{list_from_slice, make_string, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::Term;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub const BIFS: &[BifDef] = &[
    bif!("code", "root_dir", 0, root_dir_0),
    bif!("code", "lib_dir", 0, lib_dir_0),
    bif!("code", "lib_dir", 1, lib_dir_1),
    bif!("code", "priv_dir", 1, priv_dir_1),
    bif!("code", "get_path", 0, get_path_0),
    bif!("code", "which", 1, which_1),
    bif!("code", "all_loaded", 0, all_loaded_0),
];

/// What the launcher knows about the code path.
pub struct PathInfo {
    pub root: PathBuf,
    pub pa: Vec<PathBuf>,
    pub pz: Vec<PathBuf>,
}

static INFO: OnceLock<PathInfo> = OnceLock::new();

/// Installs the OTP root and `-pa`/`-pz` directories (the launcher does).
pub fn install(info: PathInfo) {
    let _ = INFO.set(info);
}

fn info() -> Option<&'static PathInfo> {
    INFO.get()
}

/// OTP library directories, `name-vsn`, sorted by name.
fn libs(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root.join("lib"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// The application name of a library directory (`stdlib-4.2` -> `stdlib`).
fn app_name(dir: &Path) -> String {
    let n = dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    match n.rsplit_once('-') {
        Some((a, v)) if v.starts_with(|c: char| c.is_ascii_digit()) => a.to_string(),
        _ => n,
    }
}

/// The code path, as erl's boot script builds it.
fn path() -> Vec<PathBuf> {
    let Some(i) = info() else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = i.pa.clone();
    out.push(PathBuf::from("."));
    let libs = libs(&i.root);
    let ebin_or_dir = |d: &PathBuf| {
        let e = d.join("ebin");
        if e.is_dir() {
            e
        } else {
            d.clone()
        }
    };
    for first in ["kernel", "stdlib"] {
        out.extend(
            libs.iter()
                .filter(|d| app_name(d) == first)
                .map(ebin_or_dir),
        );
    }
    out.extend(
        libs.iter()
            .rev()
            .filter(|d| !matches!(app_name(d).as_str(), "kernel" | "stdlib"))
            .map(ebin_or_dir),
    );
    out.extend(i.pz.iter().filter(|d| d.is_dir()).cloned());
    out
}

fn string(ctx: &mut Ctx, p: &Path) -> Term {
    make_string(ctx, &p.to_string_lossy())
}

fn bad_name(ctx: &mut Ctx) -> Term {
    let b = atom::intern("bad_name");
    make_tuple(ctx, &[am::ERROR, b])
}

fn root_dir_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let root = info().map(|i| i.root.clone()).unwrap_or_default();
    string(ctx, &root)
}

fn lib_dir_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let root = info().map(|i| i.root.clone()).unwrap_or_default();
    string(ctx, &root.join("lib"))
}

/// The newest `lib/App-Vsn` directory of application `app`.
fn app_dir(app: Term) -> Option<PathBuf> {
    if !app.is_atom() {
        return None;
    }
    let name = atom::name(app);
    let i = info()?;
    libs(&i.root).into_iter().rfind(|d| app_name(d) == name)
}

fn lib_dir_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let app = args[0];
    match app_dir(app) {
        Some(d) => string(ctx, &d),
        None => bad_name(ctx),
    }
}

fn priv_dir_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let app = args[0];
    match app_dir(app) {
        Some(d) => string(ctx, &d.join("priv")),
        None => bad_name(ctx),
    }
}

fn get_path_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let dirs: Vec<Term> = path().iter().map(|d| string(ctx, d)).collect();
    list_from_slice(ctx, &dirs)
}

/// Where module `name` would load from: `preloaded` for erts's own
/// modules (as erl reports them), else the first `.beam` on the path.
fn locate(ctx: &mut Ctx, name: &str) -> Option<Term> {
    let file = format!("{name}.beam");
    let hit = path()
        .into_iter()
        .map(|d| d.join(&file))
        .find(|p| p.is_file())?;
    let preloaded = hit
        .parent()
        .and_then(|e| e.parent())
        .is_some_and(|l| app_name(l) == "erts");
    Some(if preloaded {
        atom::intern("preloaded")
    } else {
        string(ctx, &hit)
    })
}

fn which_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !m.is_atom() {
        return ctx.error(am::FUNCTION_CLAUSE);
    }
    locate(ctx, atom::name(m)).unwrap_or_else(|| atom::intern("non_existing"))
}

fn all_loaded_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let mods = module::loaded();
    let mut items = Vec::with_capacity(mods.len());
    for m in mods {
        let at = locate(ctx, atom::name(m)).unwrap_or_else(|| atom::intern("loaded"));
        items.push(make_tuple(ctx, &[m, at]));
    }
    list_from_slice(ctx, &items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_names() {
        assert_eq!(app_name(Path::new("/x/lib/stdlib-4.2")), "stdlib");
        assert_eq!(
            app_name(Path::new("/x/lib/erl_interface-5.3")),
            "erl_interface"
        );
        assert_eq!(app_name(Path::new("/x/lib/odd-name")), "odd-name");
    }
}
