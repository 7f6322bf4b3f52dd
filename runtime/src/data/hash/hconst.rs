//! The golden-ratio multiples BEAM's term hashes mix in (`HCONST`,
//! `HCONST_2` ... `HCONST_22` of `erl_utils.h`), shared by `make_hash2`
//! (`hash2.rs`), the map hash (`data/map/hash.rs`) and ETS's
//! `make_internal_hash` (`ets/beam_hash_term.rs`).

pub const HCONST: u32 = 0x9e37_79b9;
pub const HCONST_2: u32 = 0x3c6e_f372;
pub const HCONST_3: u32 = 0xdaa6_6d2b;
pub const HCONST_4: u32 = 0x78dd_e6e4;
pub const HCONST_5: u32 = 0x1715_609d;
pub const HCONST_6: u32 = 0xb54c_da56;
pub const HCONST_7: u32 = 0x5384_540f;
pub const HCONST_9: u32 = 0x8ff3_4781;
pub const HCONST_10: u32 = 0x2e2a_c13a;
pub const HCONST_11: u32 = 0xcc62_3af3;
pub const HCONST_12: u32 = 0x6a99_b4ac;
pub const HCONST_13: u32 = 0x08d1_2e65;
pub const HCONST_14: u32 = 0xa708_a81e;
pub const HCONST_15: u32 = 0x4540_21d7;
pub const HCONST_16: u32 = 0xe377_9b90;
pub const HCONST_17: u32 = 0x81af_1549;
pub const HCONST_18: u32 = 0x1fe6_8f02;
pub const HCONST_19: u32 = 0xbe1e_08bb;
pub const HCONST_20: u32 = 0x5c55_8274;
pub const HCONST_21: u32 = 0xfa8c_fc2d;
pub const HCONST_22: u32 = 0x98c4_75e6;
