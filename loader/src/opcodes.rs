//! The generic BEAM instruction set of OTP 25 (opcodes 1..=180 of
//! genop.tab): numbers, names and operand counts.

use std::fmt;

/// Highest generic opcode known (OTP 25: `badrecord/1`).
pub const MAX_OPCODE: u8 = 180;

/// A generic BEAM opcode. The discriminant is the opcode number from
/// genop.tab; the variant name is the CamelCase genop name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Opcode {
    Label = 1,
    FuncInfo = 2,
    IntCodeEnd = 3,
    Call = 4,
    CallLast = 5,
    CallOnly = 6,
    CallExt = 7,
    CallExtLast = 8,
    Bif0 = 9,
    Bif1 = 10,
    Bif2 = 11,
    Allocate = 12,
    AllocateHeap = 13,
    AllocateZero = 14,
    AllocateHeapZero = 15,
    TestHeap = 16,
    Init = 17,
    Deallocate = 18,
    Return = 19,
    Send = 20,
    RemoveMessage = 21,
    Timeout = 22,
    LoopRec = 23,
    LoopRecEnd = 24,
    Wait = 25,
    WaitTimeout = 26,
    MPlus = 27,
    MMinus = 28,
    MTimes = 29,
    MDiv = 30,
    IntDiv = 31,
    IntRem = 32,
    IntBand = 33,
    IntBor = 34,
    IntBxor = 35,
    IntBsl = 36,
    IntBsr = 37,
    IntBnot = 38,
    IsLt = 39,
    IsGe = 40,
    IsEq = 41,
    IsNe = 42,
    IsEqExact = 43,
    IsNeExact = 44,
    IsInteger = 45,
    IsFloat = 46,
    IsNumber = 47,
    IsAtom = 48,
    IsPid = 49,
    IsReference = 50,
    IsPort = 51,
    IsNil = 52,
    IsBinary = 53,
    IsConstant = 54,
    IsList = 55,
    IsNonemptyList = 56,
    IsTuple = 57,
    TestArity = 58,
    SelectVal = 59,
    SelectTupleArity = 60,
    Jump = 61,
    Catch = 62,
    CatchEnd = 63,
    Move = 64,
    GetList = 65,
    GetTupleElement = 66,
    SetTupleElement = 67,
    PutString = 68,
    PutList = 69,
    PutTuple = 70,
    Put = 71,
    Badmatch = 72,
    IfEnd = 73,
    CaseEnd = 74,
    CallFun = 75,
    MakeFun = 76,
    IsFunction = 77,
    CallExtOnly = 78,
    BsStartMatch = 79,
    BsGetInteger = 80,
    BsGetFloat = 81,
    BsGetBinary = 82,
    BsSkipBits = 83,
    BsTestTail = 84,
    BsSave = 85,
    BsRestore = 86,
    BsInit = 87,
    BsFinal = 88,
    BsPutInteger = 89,
    BsPutBinary = 90,
    BsPutFloat = 91,
    BsPutString = 92,
    BsNeedBuf = 93,
    Fclearerror = 94,
    Fcheckerror = 95,
    Fmove = 96,
    Fconv = 97,
    Fadd = 98,
    Fsub = 99,
    Fmul = 100,
    Fdiv = 101,
    Fnegate = 102,
    MakeFun2 = 103,
    Try = 104,
    TryEnd = 105,
    TryCase = 106,
    TryCaseEnd = 107,
    Raise = 108,
    BsInit2 = 109,
    BsBitsToBytes = 110,
    BsAdd = 111,
    Apply = 112,
    ApplyLast = 113,
    IsBoolean = 114,
    IsFunction2 = 115,
    BsStartMatch2 = 116,
    BsGetInteger2 = 117,
    BsGetFloat2 = 118,
    BsGetBinary2 = 119,
    BsSkipBits2 = 120,
    BsTestTail2 = 121,
    BsSave2 = 122,
    BsRestore2 = 123,
    GcBif1 = 124,
    GcBif2 = 125,
    BsFinal2 = 126,
    BsBitsToBytes2 = 127,
    PutLiteral = 128,
    IsBitstr = 129,
    BsContextToBinary = 130,
    BsTestUnit = 131,
    BsMatchString = 132,
    BsInitWritable = 133,
    BsAppend = 134,
    BsPrivateAppend = 135,
    Trim = 136,
    BsInitBits = 137,
    BsGetUtf8 = 138,
    BsSkipUtf8 = 139,
    BsGetUtf16 = 140,
    BsSkipUtf16 = 141,
    BsGetUtf32 = 142,
    BsSkipUtf32 = 143,
    BsUtf8Size = 144,
    BsPutUtf8 = 145,
    BsUtf16Size = 146,
    BsPutUtf16 = 147,
    BsPutUtf32 = 148,
    OnLoad = 149,
    RecvMark = 150,
    RecvSet = 151,
    GcBif3 = 152,
    Line = 153,
    PutMapAssoc = 154,
    PutMapExact = 155,
    IsMap = 156,
    HasMapFields = 157,
    GetMapElements = 158,
    IsTaggedTuple = 159,
    BuildStacktrace = 160,
    RawRaise = 161,
    GetHd = 162,
    GetTl = 163,
    PutTuple2 = 164,
    BsGetTail = 165,
    BsStartMatch3 = 166,
    BsGetPosition = 167,
    BsSetPosition = 168,
    Swap = 169,
    BsStartMatch4 = 170,
    MakeFun3 = 171,
    InitYregs = 172,
    RecvMarkerBind = 173,
    RecvMarkerClear = 174,
    RecvMarkerReserve = 175,
    RecvMarkerUse = 176,
    BsCreateBin = 177,
    CallFun2 = 178,
    NifStart = 179,
    Badrecord = 180,
}

/// (opcode, genop name, operand count), indexed by opcode number - 1.
const TABLE: [(Opcode, &str, u8); MAX_OPCODE as usize] = [
    (Opcode::Label, "label", 1),
    (Opcode::FuncInfo, "func_info", 3),
    (Opcode::IntCodeEnd, "int_code_end", 0),
    (Opcode::Call, "call", 2),
    (Opcode::CallLast, "call_last", 3),
    (Opcode::CallOnly, "call_only", 2),
    (Opcode::CallExt, "call_ext", 2),
    (Opcode::CallExtLast, "call_ext_last", 3),
    (Opcode::Bif0, "bif0", 2),
    (Opcode::Bif1, "bif1", 4),
    (Opcode::Bif2, "bif2", 5),
    (Opcode::Allocate, "allocate", 2),
    (Opcode::AllocateHeap, "allocate_heap", 3),
    (Opcode::AllocateZero, "allocate_zero", 2),
    (Opcode::AllocateHeapZero, "allocate_heap_zero", 3),
    (Opcode::TestHeap, "test_heap", 2),
    (Opcode::Init, "init", 1),
    (Opcode::Deallocate, "deallocate", 1),
    (Opcode::Return, "return", 0),
    (Opcode::Send, "send", 0),
    (Opcode::RemoveMessage, "remove_message", 0),
    (Opcode::Timeout, "timeout", 0),
    (Opcode::LoopRec, "loop_rec", 2),
    (Opcode::LoopRecEnd, "loop_rec_end", 1),
    (Opcode::Wait, "wait", 1),
    (Opcode::WaitTimeout, "wait_timeout", 2),
    (Opcode::MPlus, "m_plus", 4),
    (Opcode::MMinus, "m_minus", 4),
    (Opcode::MTimes, "m_times", 4),
    (Opcode::MDiv, "m_div", 4),
    (Opcode::IntDiv, "int_div", 4),
    (Opcode::IntRem, "int_rem", 4),
    (Opcode::IntBand, "int_band", 4),
    (Opcode::IntBor, "int_bor", 4),
    (Opcode::IntBxor, "int_bxor", 4),
    (Opcode::IntBsl, "int_bsl", 4),
    (Opcode::IntBsr, "int_bsr", 4),
    (Opcode::IntBnot, "int_bnot", 3),
    (Opcode::IsLt, "is_lt", 3),
    (Opcode::IsGe, "is_ge", 3),
    (Opcode::IsEq, "is_eq", 3),
    (Opcode::IsNe, "is_ne", 3),
    (Opcode::IsEqExact, "is_eq_exact", 3),
    (Opcode::IsNeExact, "is_ne_exact", 3),
    (Opcode::IsInteger, "is_integer", 2),
    (Opcode::IsFloat, "is_float", 2),
    (Opcode::IsNumber, "is_number", 2),
    (Opcode::IsAtom, "is_atom", 2),
    (Opcode::IsPid, "is_pid", 2),
    (Opcode::IsReference, "is_reference", 2),
    (Opcode::IsPort, "is_port", 2),
    (Opcode::IsNil, "is_nil", 2),
    (Opcode::IsBinary, "is_binary", 2),
    (Opcode::IsConstant, "is_constant", 2),
    (Opcode::IsList, "is_list", 2),
    (Opcode::IsNonemptyList, "is_nonempty_list", 2),
    (Opcode::IsTuple, "is_tuple", 2),
    (Opcode::TestArity, "test_arity", 3),
    (Opcode::SelectVal, "select_val", 3),
    (Opcode::SelectTupleArity, "select_tuple_arity", 3),
    (Opcode::Jump, "jump", 1),
    (Opcode::Catch, "catch", 2),
    (Opcode::CatchEnd, "catch_end", 1),
    (Opcode::Move, "move", 2),
    (Opcode::GetList, "get_list", 3),
    (Opcode::GetTupleElement, "get_tuple_element", 3),
    (Opcode::SetTupleElement, "set_tuple_element", 3),
    (Opcode::PutString, "put_string", 3),
    (Opcode::PutList, "put_list", 3),
    (Opcode::PutTuple, "put_tuple", 2),
    (Opcode::Put, "put", 1),
    (Opcode::Badmatch, "badmatch", 1),
    (Opcode::IfEnd, "if_end", 0),
    (Opcode::CaseEnd, "case_end", 1),
    (Opcode::CallFun, "call_fun", 1),
    (Opcode::MakeFun, "make_fun", 3),
    (Opcode::IsFunction, "is_function", 2),
    (Opcode::CallExtOnly, "call_ext_only", 2),
    (Opcode::BsStartMatch, "bs_start_match", 2),
    (Opcode::BsGetInteger, "bs_get_integer", 5),
    (Opcode::BsGetFloat, "bs_get_float", 5),
    (Opcode::BsGetBinary, "bs_get_binary", 5),
    (Opcode::BsSkipBits, "bs_skip_bits", 4),
    (Opcode::BsTestTail, "bs_test_tail", 2),
    (Opcode::BsSave, "bs_save", 1),
    (Opcode::BsRestore, "bs_restore", 1),
    (Opcode::BsInit, "bs_init", 2),
    (Opcode::BsFinal, "bs_final", 2),
    (Opcode::BsPutInteger, "bs_put_integer", 5),
    (Opcode::BsPutBinary, "bs_put_binary", 5),
    (Opcode::BsPutFloat, "bs_put_float", 5),
    (Opcode::BsPutString, "bs_put_string", 2),
    (Opcode::BsNeedBuf, "bs_need_buf", 1),
    (Opcode::Fclearerror, "fclearerror", 0),
    (Opcode::Fcheckerror, "fcheckerror", 1),
    (Opcode::Fmove, "fmove", 2),
    (Opcode::Fconv, "fconv", 2),
    (Opcode::Fadd, "fadd", 4),
    (Opcode::Fsub, "fsub", 4),
    (Opcode::Fmul, "fmul", 4),
    (Opcode::Fdiv, "fdiv", 4),
    (Opcode::Fnegate, "fnegate", 3),
    (Opcode::MakeFun2, "make_fun2", 1),
    (Opcode::Try, "try", 2),
    (Opcode::TryEnd, "try_end", 1),
    (Opcode::TryCase, "try_case", 1),
    (Opcode::TryCaseEnd, "try_case_end", 1),
    (Opcode::Raise, "raise", 2),
    (Opcode::BsInit2, "bs_init2", 6),
    (Opcode::BsBitsToBytes, "bs_bits_to_bytes", 3),
    (Opcode::BsAdd, "bs_add", 5),
    (Opcode::Apply, "apply", 1),
    (Opcode::ApplyLast, "apply_last", 2),
    (Opcode::IsBoolean, "is_boolean", 2),
    (Opcode::IsFunction2, "is_function2", 3),
    (Opcode::BsStartMatch2, "bs_start_match2", 5),
    (Opcode::BsGetInteger2, "bs_get_integer2", 7),
    (Opcode::BsGetFloat2, "bs_get_float2", 7),
    (Opcode::BsGetBinary2, "bs_get_binary2", 7),
    (Opcode::BsSkipBits2, "bs_skip_bits2", 5),
    (Opcode::BsTestTail2, "bs_test_tail2", 3),
    (Opcode::BsSave2, "bs_save2", 2),
    (Opcode::BsRestore2, "bs_restore2", 2),
    (Opcode::GcBif1, "gc_bif1", 5),
    (Opcode::GcBif2, "gc_bif2", 6),
    (Opcode::BsFinal2, "bs_final2", 2),
    (Opcode::BsBitsToBytes2, "bs_bits_to_bytes2", 2),
    (Opcode::PutLiteral, "put_literal", 2),
    (Opcode::IsBitstr, "is_bitstr", 2),
    (Opcode::BsContextToBinary, "bs_context_to_binary", 1),
    (Opcode::BsTestUnit, "bs_test_unit", 3),
    (Opcode::BsMatchString, "bs_match_string", 4),
    (Opcode::BsInitWritable, "bs_init_writable", 0),
    (Opcode::BsAppend, "bs_append", 8),
    (Opcode::BsPrivateAppend, "bs_private_append", 6),
    (Opcode::Trim, "trim", 2),
    (Opcode::BsInitBits, "bs_init_bits", 6),
    (Opcode::BsGetUtf8, "bs_get_utf8", 5),
    (Opcode::BsSkipUtf8, "bs_skip_utf8", 4),
    (Opcode::BsGetUtf16, "bs_get_utf16", 5),
    (Opcode::BsSkipUtf16, "bs_skip_utf16", 4),
    (Opcode::BsGetUtf32, "bs_get_utf32", 5),
    (Opcode::BsSkipUtf32, "bs_skip_utf32", 4),
    (Opcode::BsUtf8Size, "bs_utf8_size", 3),
    (Opcode::BsPutUtf8, "bs_put_utf8", 3),
    (Opcode::BsUtf16Size, "bs_utf16_size", 3),
    (Opcode::BsPutUtf16, "bs_put_utf16", 3),
    (Opcode::BsPutUtf32, "bs_put_utf32", 3),
    (Opcode::OnLoad, "on_load", 0),
    (Opcode::RecvMark, "recv_mark", 1),
    (Opcode::RecvSet, "recv_set", 1),
    (Opcode::GcBif3, "gc_bif3", 7),
    (Opcode::Line, "line", 1),
    (Opcode::PutMapAssoc, "put_map_assoc", 5),
    (Opcode::PutMapExact, "put_map_exact", 5),
    (Opcode::IsMap, "is_map", 2),
    (Opcode::HasMapFields, "has_map_fields", 3),
    (Opcode::GetMapElements, "get_map_elements", 3),
    (Opcode::IsTaggedTuple, "is_tagged_tuple", 4),
    (Opcode::BuildStacktrace, "build_stacktrace", 0),
    (Opcode::RawRaise, "raw_raise", 0),
    (Opcode::GetHd, "get_hd", 2),
    (Opcode::GetTl, "get_tl", 2),
    (Opcode::PutTuple2, "put_tuple2", 2),
    (Opcode::BsGetTail, "bs_get_tail", 3),
    (Opcode::BsStartMatch3, "bs_start_match3", 4),
    (Opcode::BsGetPosition, "bs_get_position", 3),
    (Opcode::BsSetPosition, "bs_set_position", 2),
    (Opcode::Swap, "swap", 2),
    (Opcode::BsStartMatch4, "bs_start_match4", 4),
    (Opcode::MakeFun3, "make_fun3", 3),
    (Opcode::InitYregs, "init_yregs", 1),
    (Opcode::RecvMarkerBind, "recv_marker_bind", 2),
    (Opcode::RecvMarkerClear, "recv_marker_clear", 1),
    (Opcode::RecvMarkerReserve, "recv_marker_reserve", 1),
    (Opcode::RecvMarkerUse, "recv_marker_use", 1),
    (Opcode::BsCreateBin, "bs_create_bin", 6),
    (Opcode::CallFun2, "call_fun2", 3),
    (Opcode::NifStart, "nif_start", 0),
    (Opcode::Badrecord, "badrecord", 1),
];

impl Opcode {
    /// The opcode with number `n`, if `n` is a known generic opcode.
    pub fn from_u8(n: u8) -> Option<Opcode> {
        let index = usize::from(n).checked_sub(1)?;
        TABLE.get(index).map(|entry| entry.0)
    }

    fn entry(self) -> (Opcode, &'static str, u8) {
        // Every variant's discriminant is in 1..=MAX_OPCODE, so the lookup
        // always succeeds; the fallback is never taken.
        TABLE
            .get(usize::from(self as u8).wrapping_sub(1))
            .copied()
            .unwrap_or((self, "unknown", 0))
    }

    /// The genop name, e.g. `"call_ext_only"`.
    pub fn name(self) -> &'static str {
        self.entry().1
    }

    /// The number of operands the instruction takes in the code chunk.
    /// (An extended list operand counts as one operand.)
    pub fn arity(self) -> usize {
        usize::from(self.entry().2)
    }

    /// The opcode number.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// Every opcode, in numeric order.
    pub fn all() -> impl Iterator<Item = Opcode> {
        TABLE.iter().map(|entry| entry.0)
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
        for (i, entry) in TABLE.iter().enumerate() {
            assert_eq!(entry.0 as usize, i + 1, "{}", entry.1);
            assert_eq!(Opcode::from_u8(i as u8 + 1), Some(entry.0));
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
