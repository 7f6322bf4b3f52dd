use super::*;

#[test]
fn atom_hash_values() {
    // hashpjw of "a" is its byte.
    assert_eq!(name_hvalue(b"a"), 97);
    assert_eq!(name_hvalue(b"ab"), 97 * 16 + 98);
}
