//! Unit tests of the match-spec compiler and runner.

use super::guards;
use crate::atom::{self, am};
use crate::bif::test_terms;

#[test]
fn every_guard_function_has_a_bif() {
    for &(name, arity) in guards::all_bif_guards() {
        assert!(
            crate::bif::lookup(am::ERLANG, atom::intern(name), arity as u32).is_some(),
            "{name}/{arity}"
        );
    }
}
