//! `+JDdump true`: writes `Module.asm`, the native code of every entry
//! point disassembled with iced-x86 (x86-64; raw words elsewhere) and
//! labelled by BEAM function.

use cranelift_jit::JITModule;
use cranelift_module::FuncId;
use std::fmt::Write as _;
use std::path::Path;

pub fn write_asm(dir: &Path, module: &str, listing: &[(String, FuncId, Vec<u8>)], jm: &JITModule) {
    let mut out = String::new();
    for (label, id, bytes) in listing {
        let addr = jm.get_finalized_function(*id) as u64;
        let _ = writeln!(out, "\n;; {label} @ {addr:#x} ({} bytes)", bytes.len());
        // Disassemble the final code (relocations applied), not the
        // pre-link buffer.
        // SAFETY: the function was finalized and is `bytes.len()` long.
        let code = unsafe { std::slice::from_raw_parts(addr as *const u8, bytes.len()) };
        disassemble(code, addr, &mut out);
    }
    let path = dir.join(format!("{module}.asm"));
    if let Err(e) = std::fs::write(&path, out) {
        eprintln!("girder: cannot write {}: {e}", path.display());
    }
}

#[cfg(target_arch = "x86_64")]
fn disassemble(code: &[u8], addr: u64, out: &mut String) {
    use iced_x86::{Decoder, DecoderOptions, Formatter, IntelFormatter};
    let mut dec = Decoder::with_ip(64, code, addr, DecoderOptions::NONE);
    let mut fmt = IntelFormatter::new();
    let mut text = String::new();
    for ins in &mut dec {
        text.clear();
        fmt.format(&ins, &mut text);
        let _ = writeln!(out, "  {:016x}  {}", ins.ip(), text);
    }
}

/// Other targets (aarch64): no disassembler is linked in. Every aarch64
/// instruction is one little-endian 32-bit word, printed as a GNU `as`
/// `.inst` directive so the listing can be assembled and read back with
/// `aarch64-linux-gnu-objdump -d` (or `llvm-mc --disassemble`).
#[cfg(not(target_arch = "x86_64"))]
fn disassemble(code: &[u8], addr: u64, out: &mut String) {
    for (i, chunk) in code.chunks(4).enumerate() {
        let mut w = [0u8; 4];
        w[..chunk.len()].copy_from_slice(chunk);
        let _ = writeln!(
            out,
            "  {:016x}  .inst 0x{:08x}",
            addr + 4 * i as u64,
            u32::from_le_bytes(w)
        );
    }
}

/// `+JPperf true`: appends `ADDR SIZE NAME` lines to `/tmp/perf-PID.map`,
/// the format `perf report` reads to name JIT code.
pub fn append_perf_map(listing: &[(String, FuncId, Vec<u8>)], jm: &JITModule) {
    use std::io::Write as _;
    let path = format!("/tmp/perf-{}.map", std::process::id());
    let mut text = String::new();
    for (label, id, bytes) in listing {
        let addr = jm.get_finalized_function(*id) as usize;
        let _ = writeln!(text, "{addr:x} {:x} {label}", bytes.len());
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path);
    if let Ok(mut f) = file {
        let _ = f.write_all(text.as_bytes());
    }
}
