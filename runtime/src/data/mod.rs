//! The data types built on the word: numbers, binaries, maps,
//! tuple/list builders, term order, display, hashing, the external
//! term format, character data. Uses `term`, `heap`, `code`.

pub mod big;
pub mod bigfast;
pub mod binary;
pub mod build;
pub mod chardata;
pub mod compare;
pub mod display;
pub mod etf;
pub mod ext_ident;
pub mod hash;
pub mod literal_build;
pub mod map;
pub mod packet;
pub mod posix;
pub mod resource;
pub mod term_hash;
