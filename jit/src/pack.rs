//! A compact byte form of a function's decoded instructions, for the
//! functions of a lazily compiled module that have not run yet: the
//! decoded form (`Vec<Instr>`, a heap vector of 32-byte operands per
//! instruction) takes about 130 bytes per BEAM instruction, this about
//! 8. A module keeps its functions packed until their first call
//! (`lazy.rs`), which unpacks them for lowering.
//!
//! Format: per instruction the opcode number and the operand count, then
//! the operands, each a tag byte and LEB128 fields.

use girder_loader::{BigIntRepr, Instr, Opcode, Operand};

fn put(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn put_big(out: &mut Vec<u8>, b: &BigIntRepr) {
    out.push(b.negative as u8);
    put(out, b.magnitude_le.len() as u64);
    out.extend_from_slice(&b.magnitude_le);
}

fn operand(out: &mut Vec<u8>, op: &Operand) {
    use Operand::*;
    let (tag, v) = match op {
        Unsigned(v) => (0, *v),
        UnsignedBig(b) => {
            out.push(1);
            put_big(out, b);
            return;
        }
        Integer(v) => (2, ((*v << 1) ^ (*v >> 63)) as u64),
        BigInt(b) => {
            out.push(3);
            put_big(out, b);
            return;
        }
        Atom(v) => (4, *v as u64),
        Nil => (5, 0),
        X(v) => (6, *v as u64),
        Y(v) => (7, *v as u64),
        FReg(v) => (8, *v as u64),
        Label(v) => (9, *v as u64),
        Char(v) => (10, *v as u64),
        Literal(v) => (11, *v as u64),
        List(items) => {
            out.push(12);
            put(out, items.len() as u64);
            items.iter().for_each(|o| operand(out, o));
            return;
        }
        AllocList(items) => {
            out.push(13);
            put(out, items.len() as u64);
            for (k, n) in items.iter() {
                put(out, *k as u64);
                put(out, *n as u64);
            }
            return;
        }
        TypedReg { reg, type_index } => {
            out.push(14);
            put(out, *type_index as u64);
            operand(out, reg);
            return;
        }
    };
    out.push(tag);
    put(out, v);
}

pub fn pack(instrs: &[Instr]) -> Box<[u8]> {
    let mut out = Vec::with_capacity(instrs.len() * 8);
    put(&mut out, instrs.len() as u64);
    for i in instrs {
        out.push(i.op.number());
        put(&mut out, i.args.len() as u64);
        i.args.iter().for_each(|a| operand(&mut out, a));
    }
    out.into_boxed_slice()
}

struct Rd<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Rd<'_> {
    fn byte(&mut self) -> Option<u8> {
        let v = *self.b.get(self.pos)?;
        self.pos += 1;
        Some(v)
    }
    fn uint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }
    fn big(&mut self) -> Option<BigIntRepr> {
        let negative = self.byte()? != 0;
        let n = self.uint()? as usize;
        let magnitude_le = self.b.get(self.pos..self.pos.checked_add(n)?)?.to_vec();
        self.pos += n;
        Some(BigIntRepr {
            negative,
            magnitude_le,
        })
    }
    fn operand(&mut self) -> Option<Operand> {
        use Operand::*;
        Some(match self.byte()? {
            0 => Unsigned(self.uint()?),
            1 => UnsignedBig(Box::new(self.big()?)),
            2 => {
                let z = self.uint()?;
                Integer(((z >> 1) as i64) ^ -((z & 1) as i64))
            }
            3 => BigInt(Box::new(self.big()?)),
            4 => Atom(self.u32()?),
            5 => {
                self.uint()?;
                Nil
            }
            6 => X(self.u32()?),
            7 => Y(self.u32()?),
            8 => FReg(self.u32()?),
            9 => Label(self.u32()?),
            10 => Char(self.u32()?),
            11 => Literal(self.u32()?),
            12 => {
                let n = self.uint()? as usize;
                let mut v = Vec::with_capacity(n.min(self.b.len()));
                for _ in 0..n {
                    v.push(self.operand()?);
                }
                List(Box::new(v))
            }
            13 => {
                let n = self.uint()? as usize;
                let mut v = Vec::with_capacity(n.min(self.b.len()));
                for _ in 0..n {
                    v.push((self.u32()?, self.u32()?));
                }
                AllocList(Box::new(v))
            }
            14 => {
                let type_index = self.u32()?;
                let reg = Box::new(self.operand()?);
                TypedReg { reg, type_index }
            }
            _ => return None,
        })
    }
}

/// The instructions `pack` encoded; `None` if `b` is not such an encoding.
pub fn unpack(b: &[u8]) -> Option<Vec<Instr>> {
    let mut r = Rd { b, pos: 0 };
    let n = r.uint()? as usize;
    let mut out = Vec::with_capacity(n.min(b.len()));
    for _ in 0..n {
        let op = Opcode::from_u8(r.byte()?)?;
        let k = r.uint()? as usize;
        let mut args = girder_loader::Args::with_capacity(k.min(b.len()));
        for _ in 0..k {
            args.push(r.operand()?);
        }
        out.push(Instr { op, args });
    }
    (r.pos == b.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every function of a few OTP modules comes back exactly.
    #[test]
    fn round_trip_otp_modules() {
        let root = std::path::Path::new("/usr/lib/erlang/lib");
        let Ok(libs) = std::fs::read_dir(root) else {
            return; // no OTP installed: nothing to read
        };
        let mut seen = 0;
        for lib in libs.flatten() {
            let n = lib.file_name().to_string_lossy().into_owned();
            if !(n.starts_with("stdlib-") || n.starts_with("kernel-")) {
                continue;
            }
            for m in [
                "lists",
                "erl_parse",
                "unicode_util",
                "io_lib_format",
                "code_server",
            ] {
                let Ok(b) = std::fs::read(lib.path().join("ebin").join(format!("{m}.beam"))) else {
                    continue;
                };
                let module = girder_loader::parse_module(&b).expect("OTP module parses");
                for f in &module.functions {
                    let p = pack(&f.instrs);
                    assert_eq!(unpack(&p).as_deref(), Some(&f.instrs[..]), "{m}:{}", f.name);
                    seen += 1;
                }
            }
        }
        assert!(seen > 0 || !root.exists());
    }

    #[test]
    fn operands_round_trip_and_garbage_is_refused() {
        use Operand::*;
        let big = BigIntRepr {
            negative: true,
            magnitude_le: vec![1, 2, 3, 4, 5, 6, 7, 8, 9],
        };
        let i = vec![Instr {
            op: Opcode::Move,
            args: vec![
                List(Box::new(vec![
                    Integer(i64::MIN),
                    Integer(-1),
                    Integer(i64::MAX),
                    BigInt(Box::new(big.clone())),
                    UnsignedBig(Box::new(big)),
                    Unsigned(u64::MAX),
                    Nil,
                    Atom(7),
                    Char(0x10ffff),
                ])),
                AllocList(Box::new(vec![(0, 3), (1, u32::MAX)])),
                TypedReg {
                    reg: Box::new(Y(3)),
                    type_index: 9,
                },
                Label(0),
                FReg(2),
                Literal(5),
                X(1023),
            ]
            .into(),
        }];
        let p = pack(&i);
        assert_eq!(unpack(&p), Some(i));
        assert_eq!(unpack(&p[..p.len() - 1]), None);
        assert_eq!(unpack(&[1, 255]), None);
    }
}
