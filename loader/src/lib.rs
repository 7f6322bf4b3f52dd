//! `girder-loader`: parses `.beam` files produced by OTP 25's `erlc` into
//! an owned, execution-agnostic module IR ([`Module`]). It knows nothing
//! about execution.
//!
//! Every parse error is a [`LoadError`]; no input makes the loader panic.
//!
//! Conventions of the IR:
//! * Atom operand `Atom(i)` is `Module::atoms[i - 1]`; atom index 0 is
//!   [`Operand::Nil`].
//! * Each [`Function`] holds its instructions from its leading `label`
//!   (then optional `line`, `func_info`, entry `label`) up to the next
//!   function; `int_code_end` is dropped.
//! * [`Operand::Literal`] indexes `Module::literals`: the `LitT` entries,
//!   then any pre-R16B float operands (converted to literals).
//! * A typed register is [`Operand::TypedReg`] only when the module has a
//!   `Type` chunk; otherwise it is the bare register.
//! * Every label operand is below `Module::label_count`, every register
//!   below [`MAX_REG`], every atom, literal and type index in range, and
//!   every `line` operand indexes `Module::lines.items` (when there is a
//!   line table). Import indexes and other `u` operands are not checked.
//! * The `Code` header's `max_opcode` is not enforced; an opcode above 180
//!   is an error when it is actually used.
//! * Integers are `i64` when they fit, else sign + magnitude
//!   ([`BigIntRepr`]); there is no bignum arithmetic here.
//!
//! One module per job:
//! * [`chunks`]: the IFF container,
//! * `tables`, `literals`, `lines`, `types`: the table chunks,
//! * `compact`: the compact term encoding of operands,
//! * `code` and `functions`: instruction decoding and function splitting,
//! * `opcodes`: the generic instruction set (one table: numbers, names,
//!   operand kinds, JIT families),
//! * `verify`: the checks that make a parsed module safe for the JIT,
//! * `etf` and `term`: the external term format.

mod bigint;
mod checksum;
pub mod chunks;
mod code;
mod compact;
mod error;
mod etf;
pub mod fasthash;
mod functions;
mod inflate;
mod legacy_bs;
mod lines;
mod literals;
mod module;
mod opcodes;
mod operand;
mod reader;
mod tables;
mod term;
mod types;
mod verify;

pub use bigint::BigIntRepr;
pub use code::{CodeHeader, MAX_REG};
pub use error::{Kind as LoadErrorKind, LoadError};
pub use etf::{decode_etf, decode_etf_body, MAX_TERM_DEPTH};
pub use fasthash::{FastBuild, FastHasher, FastMap, FastSet};
pub use functions::Function;
pub use lines::{LineItem, LineTable};
pub use module::{
    parse_module, parse_module_code, parse_module_tables, parse_module_unverified,
    parse_module_with_header, Module,
};
pub use opcodes::{Family, OpInfo, Opcode, MAX_OPCODE};
pub use operand::{Args, Instr, Operand};
pub use tables::{Export, Import, Lambda};
pub use term::ETerm;
pub use types::{type_bits, TypeInfo};
pub use verify::{verify, MAX_HEAP_NEED};
