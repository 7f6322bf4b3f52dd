//! The generic BEAM instruction set of OTP 25 (opcodes 1..=180 of
//! genop.tab), as ONE declarative table: number, name, operand kinds
//! (whose count is the arity) and the JIT family that lowers it. The
//! decoder (arity), the verifier (kinds) and the JIT (`supported()` and
//! its dispatch, both from the family) are all derived from it, so they
//! cannot drift apart.
//!
//! Operand kinds, one letter per operand (checked by `verify`):
//!
//! | kind | accepts |
//! |---|---|
//! | `u` | an unsigned number |
//! | `r` | an arity: unsigned, at most 255 |
//! | `v` | a live-register or stack-slot count: unsigned, at most `MAX_REG` |
//! | `t` | heap words (at most `MAX_HEAP_NEED`), or an allocation list |
//! | `f` | a label in this function, or 0 (no fail label) |
//! | `j` | a label in this function (never 0) |
//! | `g` | a label in this function (never 0), or an atom (`bs_start_match4`) |
//! | `c` | the entry label of a function of this module |
//! | `b` | an import index |
//! | `F` | a lambda (`FunT`) index |
//! | `s` | a source: x or y register, atom, `[]`, integer, character or literal |
//! | `d` | a destination: x or y register |
//! | `y` | a y register |
//! | `a` | an atom or `[]` |
//! | `l` | a float register |
//! | `S` | a source or a float register (`fmove`) |
//! | `D` | a destination or a float register (`fmove`) |
//! | `L` | an extended list (its shape is checked per instruction) |
//! | `*` | anything (instructions the JIT does not lower) |

use std::fmt;

/// Highest generic opcode known (OTP 25: `badrecord/1`).
pub const MAX_OPCODE: u8 = 180;

/// Which family of the JIT lowers an instruction (one file of
/// `jit/src/lower/` each); `None`: the JIT does not lower it, and a
/// function using it is compiled to a stub that raises
/// `{girder_unsupported, Op}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// `label`, `line`, `int_code_end`: no code.
    Meta,
    /// `func_info`: raises `function_clause`.
    Head,
    Move,
    Call,
    Data,
    Test,
    Exc,
    Fun,
    Maps,
    Bs,
    Float,
    Msg,
    None,
}

/// Declares `Opcode` and the table from one list of
/// `Variant = number, "genop name", "operand kinds", Family;`.
macro_rules! opcodes {
    ($($variant:ident = $num:literal, $name:literal, $kinds:literal, $family:ident;)*) => {
        /// A generic BEAM opcode. The discriminant is the opcode number
        /// from genop.tab; the variant name is the CamelCase genop name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Opcode {
            $($variant = $num,)*
        }

        /// One row of the table.
        #[derive(Clone, Copy, Debug)]
        pub struct OpInfo {
            pub op: Opcode,
            pub name: &'static str,
            /// One kind letter per operand (see the module doc).
            pub kinds: &'static str,
            pub family: Family,
        }

        /// Indexed by opcode number - 1.
        const TABLE: &[OpInfo] = &[
            $(OpInfo {
                op: Opcode::$variant,
                name: $name,
                kinds: $kinds,
                family: Family::$family,
            },)*
        ];
    };
}

opcodes! {
    Label = 1, "label", "u", Meta;
    FuncInfo = 2, "func_info", "aar", Head;
    IntCodeEnd = 3, "int_code_end", "", Meta;
    Call = 4, "call", "rc", Call;
    CallLast = 5, "call_last", "rcv", Call;
    CallOnly = 6, "call_only", "rc", Call;
    CallExt = 7, "call_ext", "rb", Call;
    CallExtLast = 8, "call_ext_last", "rbv", Call;
    Bif0 = 9, "bif0", "bd", Call;
    Bif1 = 10, "bif1", "fbsd", Call;
    Bif2 = 11, "bif2", "fbssd", Call;
    Allocate = 12, "allocate", "vv", Move;
    AllocateHeap = 13, "allocate_heap", "vtv", Move;
    AllocateZero = 14, "allocate_zero", "vv", Move;
    AllocateHeapZero = 15, "allocate_heap_zero", "vtv", Move;
    TestHeap = 16, "test_heap", "tv", Move;
    Init = 17, "init", "y", Move;
    Deallocate = 18, "deallocate", "v", Move;
    Return = 19, "return", "", Call;
    Send = 20, "send", "", Msg;
    RemoveMessage = 21, "remove_message", "", Msg;
    Timeout = 22, "timeout", "", Msg;
    LoopRec = 23, "loop_rec", "jd", Msg;
    LoopRecEnd = 24, "loop_rec_end", "j", Msg;
    Wait = 25, "wait", "j", Msg;
    WaitTimeout = 26, "wait_timeout", "js", Msg;
    MPlus = 27, "m_plus", "****", None;
    MMinus = 28, "m_minus", "****", None;
    MTimes = 29, "m_times", "****", None;
    MDiv = 30, "m_div", "****", None;
    IntDiv = 31, "int_div", "****", None;
    IntRem = 32, "int_rem", "****", None;
    IntBand = 33, "int_band", "****", None;
    IntBor = 34, "int_bor", "****", None;
    IntBxor = 35, "int_bxor", "****", None;
    IntBsl = 36, "int_bsl", "****", None;
    IntBsr = 37, "int_bsr", "****", None;
    IntBnot = 38, "int_bnot", "***", None;
    IsLt = 39, "is_lt", "jss", Test;
    IsGe = 40, "is_ge", "jss", Test;
    IsEq = 41, "is_eq", "jss", Test;
    IsNe = 42, "is_ne", "jss", Test;
    IsEqExact = 43, "is_eq_exact", "jss", Test;
    IsNeExact = 44, "is_ne_exact", "jss", Test;
    IsInteger = 45, "is_integer", "js", Test;
    IsFloat = 46, "is_float", "js", Test;
    IsNumber = 47, "is_number", "js", Test;
    IsAtom = 48, "is_atom", "js", Test;
    IsPid = 49, "is_pid", "js", Test;
    IsReference = 50, "is_reference", "js", Test;
    IsPort = 51, "is_port", "js", Test;
    IsNil = 52, "is_nil", "js", Test;
    IsBinary = 53, "is_binary", "js", Test;
    IsConstant = 54, "is_constant", "**", None;
    IsList = 55, "is_list", "js", Test;
    IsNonemptyList = 56, "is_nonempty_list", "js", Test;
    IsTuple = 57, "is_tuple", "js", Test;
    TestArity = 58, "test_arity", "jsu", Data;
    SelectVal = 59, "select_val", "sfL", Test;
    SelectTupleArity = 60, "select_tuple_arity", "sfL", Data;
    Jump = 61, "jump", "j", Test;
    Catch = 62, "catch", "yj", Exc;
    CatchEnd = 63, "catch_end", "y", Exc;
    Move = 64, "move", "sd", Move;
    GetList = 65, "get_list", "sdd", Data;
    GetTupleElement = 66, "get_tuple_element", "sud", Data;
    SetTupleElement = 67, "set_tuple_element", "ssu", Data;
    PutString = 68, "put_string", "***", None;
    PutList = 69, "put_list", "ssd", Data;
    PutTuple = 70, "put_tuple", "**", None;
    Put = 71, "put", "*", None;
    Badmatch = 72, "badmatch", "s", Exc;
    IfEnd = 73, "if_end", "", Exc;
    CaseEnd = 74, "case_end", "s", Exc;
    CallFun = 75, "call_fun", "r", Call;
    MakeFun = 76, "make_fun", "***", None;
    IsFunction = 77, "is_function", "js", Test;
    CallExtOnly = 78, "call_ext_only", "rb", Call;
    BsStartMatch = 79, "bs_start_match", "**", None;
    BsGetInteger = 80, "bs_get_integer", "*****", None;
    BsGetFloat = 81, "bs_get_float", "*****", None;
    BsGetBinary = 82, "bs_get_binary", "*****", None;
    BsSkipBits = 83, "bs_skip_bits", "****", None;
    BsTestTail = 84, "bs_test_tail", "**", None;
    BsSave = 85, "bs_save", "*", None;
    BsRestore = 86, "bs_restore", "*", None;
    BsInit = 87, "bs_init", "**", None;
    BsFinal = 88, "bs_final", "**", None;
    BsPutInteger = 89, "bs_put_integer", "*****", None;
    BsPutBinary = 90, "bs_put_binary", "*****", None;
    BsPutFloat = 91, "bs_put_float", "*****", None;
    BsPutString = 92, "bs_put_string", "**", None;
    BsNeedBuf = 93, "bs_need_buf", "*", None;
    Fclearerror = 94, "fclearerror", "", Float;
    Fcheckerror = 95, "fcheckerror", "f", Float;
    Fmove = 96, "fmove", "SD", Float;
    Fconv = 97, "fconv", "sl", Float;
    Fadd = 98, "fadd", "flll", Float;
    Fsub = 99, "fsub", "flll", Float;
    Fmul = 100, "fmul", "flll", Float;
    Fdiv = 101, "fdiv", "flll", Float;
    Fnegate = 102, "fnegate", "fll", Float;
    MakeFun2 = 103, "make_fun2", "F", Fun;
    Try = 104, "try", "yj", Exc;
    TryEnd = 105, "try_end", "y", Exc;
    TryCase = 106, "try_case", "y", Exc;
    TryCaseEnd = 107, "try_case_end", "s", Exc;
    Raise = 108, "raise", "ss", Exc;
    BsInit2 = 109, "bs_init2", "******", None;
    BsBitsToBytes = 110, "bs_bits_to_bytes", "***", None;
    BsAdd = 111, "bs_add", "fssud", Bs;
    Apply = 112, "apply", "r", Call;
    ApplyLast = 113, "apply_last", "rv", Call;
    IsBoolean = 114, "is_boolean", "js", Test;
    IsFunction2 = 115, "is_function2", "jss", Test;
    BsStartMatch2 = 116, "bs_start_match2", "*****", None;
    BsGetInteger2 = 117, "bs_get_integer2", "jsvsuud", Bs;
    BsGetFloat2 = 118, "bs_get_float2", "jsvsuud", Bs;
    BsGetBinary2 = 119, "bs_get_binary2", "jsvsuud", Bs;
    BsSkipBits2 = 120, "bs_skip_bits2", "jssuu", Bs;
    BsTestTail2 = 121, "bs_test_tail2", "jsu", Bs;
    BsSave2 = 122, "bs_save2", "**", None;
    BsRestore2 = 123, "bs_restore2", "**", None;
    GcBif1 = 124, "gc_bif1", "fvbsd", Call;
    GcBif2 = 125, "gc_bif2", "fvbssd", Call;
    BsFinal2 = 126, "bs_final2", "**", None;
    BsBitsToBytes2 = 127, "bs_bits_to_bytes2", "**", None;
    PutLiteral = 128, "put_literal", "**", None;
    IsBitstr = 129, "is_bitstr", "js", Test;
    BsContextToBinary = 130, "bs_context_to_binary", "*", None;
    BsTestUnit = 131, "bs_test_unit", "jsu", Bs;
    BsMatchString = 132, "bs_match_string", "jsuu", Bs;
    BsInitWritable = 133, "bs_init_writable", "", Bs;
    BsAppend = 134, "bs_append", "********", None;
    BsPrivateAppend = 135, "bs_private_append", "******", None;
    Trim = 136, "trim", "vv", Move;
    BsInitBits = 137, "bs_init_bits", "******", None;
    BsGetUtf8 = 138, "bs_get_utf8", "jsvud", Bs;
    BsSkipUtf8 = 139, "bs_skip_utf8", "jsvu", Bs;
    BsGetUtf16 = 140, "bs_get_utf16", "jsvud", Bs;
    BsSkipUtf16 = 141, "bs_skip_utf16", "jsvu", Bs;
    BsGetUtf32 = 142, "bs_get_utf32", "jsvud", Bs;
    BsSkipUtf32 = 143, "bs_skip_utf32", "jsvu", Bs;
    BsUtf8Size = 144, "bs_utf8_size", "fsd", Bs;
    BsPutUtf8 = 145, "bs_put_utf8", "***", None;
    BsUtf16Size = 146, "bs_utf16_size", "fsd", Bs;
    BsPutUtf16 = 147, "bs_put_utf16", "***", None;
    BsPutUtf32 = 148, "bs_put_utf32", "***", None;
    OnLoad = 149, "on_load", "", Meta;
    RecvMark = 150, "recv_mark", "*", None;
    RecvSet = 151, "recv_set", "*", None;
    GcBif3 = 152, "gc_bif3", "fvbsssd", Call;
    Line = 153, "line", "u", Meta;
    PutMapAssoc = 154, "put_map_assoc", "fsdvL", Maps;
    PutMapExact = 155, "put_map_exact", "fsdvL", Maps;
    IsMap = 156, "is_map", "js", Test;
    HasMapFields = 157, "has_map_fields", "jsL", Maps;
    GetMapElements = 158, "get_map_elements", "jsL", Maps;
    IsTaggedTuple = 159, "is_tagged_tuple", "jsua", Data;
    BuildStacktrace = 160, "build_stacktrace", "", Exc;
    RawRaise = 161, "raw_raise", "", Exc;
    GetHd = 162, "get_hd", "sd", Data;
    GetTl = 163, "get_tl", "sd", Data;
    PutTuple2 = 164, "put_tuple2", "dL", Data;
    BsGetTail = 165, "bs_get_tail", "sdv", Bs;
    BsStartMatch3 = 166, "bs_start_match3", "jsvd", Bs;
    BsGetPosition = 167, "bs_get_position", "sdv", Bs;
    BsSetPosition = 168, "bs_set_position", "ss", Bs;
    Swap = 169, "swap", "dd", Move;
    BsStartMatch4 = 170, "bs_start_match4", "gvsd", Bs;
    MakeFun3 = 171, "make_fun3", "FdL", Fun;
    InitYregs = 172, "init_yregs", "L", Move;
    RecvMarkerBind = 173, "recv_marker_bind", "ss", Msg;
    RecvMarkerClear = 174, "recv_marker_clear", "s", Msg;
    RecvMarkerReserve = 175, "recv_marker_reserve", "d", Msg;
    RecvMarkerUse = 176, "recv_marker_use", "s", Msg;
    BsCreateBin = 177, "bs_create_bin", "ftvudL", Bs;
    CallFun2 = 178, "call_fun2", "*rs", Call;
    NifStart = 179, "nif_start", "", Meta;
    Badrecord = 180, "badrecord", "s", Exc;
}

impl Opcode {
    /// The opcode with number `n`, if `n` is a known generic opcode.
    pub fn from_u8(n: u8) -> Option<Opcode> {
        let index = usize::from(n).checked_sub(1)?;
        TABLE.get(index).map(|entry| entry.op)
    }

    /// This opcode's row of the table.
    pub fn info(self) -> &'static OpInfo {
        // Every variant's discriminant is in 1..=MAX_OPCODE and the table
        // is in numeric order (checked by a test), so the lookup always
        // succeeds; the fallback row is never used.
        static UNKNOWN: OpInfo = OpInfo {
            op: Opcode::IntCodeEnd,
            name: "unknown",
            kinds: "",
            family: Family::None,
        };
        TABLE
            .get(usize::from(self as u8).wrapping_sub(1))
            .unwrap_or(&UNKNOWN)
    }

    /// The genop name, e.g. `"call_ext_only"`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The number of operands the instruction takes in the code chunk.
    /// (An extended list operand counts as one operand.)
    pub fn arity(self) -> usize {
        self.info().kinds.len()
    }

    /// The operand kinds, one letter per operand (see the module doc).
    pub fn kinds(self) -> &'static [u8] {
        self.info().kinds.as_bytes()
    }

    /// The JIT family that lowers this instruction.
    pub fn family(self) -> Family {
        self.info().family
    }

    /// The opcode number.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// Every opcode, in numeric order.
    pub fn all() -> impl Iterator<Item = Opcode> {
        TABLE.iter().map(|entry| entry.op)
    }
}

impl fmt::Display for Opcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        assert_eq!(TABLE.len(), usize::from(MAX_OPCODE));
        for (i, entry) in TABLE.iter().enumerate() {
            assert_eq!(entry.op as usize, i + 1, "{}", entry.name);
            assert_eq!(Opcode::from_u8(i as u8 + 1), Some(entry.op));
            assert!(
                entry
                    .kinds
                    .bytes()
                    .all(|k| b"urvtfjgcbFsdyalSDL*".contains(&k)),
                "{}: unknown operand kind",
                entry.name
            );
        }
        assert_eq!(Opcode::from_u8(0), None);
        assert_eq!(Opcode::from_u8(181), None);
        assert_eq!(Opcode::from_u8(255), None);
        assert_eq!(Opcode::all().count(), 180);
    }

    #[test]
    fn known_entries() {
        assert_eq!(Opcode::CallExtOnly.name(), "call_ext_only");
        assert_eq!(Opcode::CallExtOnly as u8, 78);
        assert_eq!(Opcode::BsCreateBin.arity(), 6);
        assert_eq!(Opcode::BsCreateBin as u8, 177);
        assert_eq!(Opcode::Badrecord as u8, 180);
        assert_eq!(Opcode::NifStart.arity(), 0);
        assert_eq!(Opcode::Catch.name(), "catch");
        assert_eq!(Opcode::Try.name(), "try");
        assert_eq!(Opcode::FuncInfo.arity(), 3);
        assert_eq!(Opcode::IsTaggedTuple.arity(), 4);
        assert_eq!(Opcode::CallFun2.arity(), 3);
        assert_eq!(Opcode::RecvMarkerBind.arity(), 2);
        assert_eq!(Opcode::BsStartMatch3.arity(), 4);
    }
}
