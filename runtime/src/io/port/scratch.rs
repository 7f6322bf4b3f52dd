//! The port layer's use of the scratch process (`heap::scratch`).

pub(crate) use crate::heap::scratch::with_ctx;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::Term;

    #[test]
    fn builds_and_copies_out() {
        let m = with_ctx(|ctx| {
            let t = crate::data::build::make_tuple(ctx, &[Term::small(1), Term::small(2)]);
            let inner = with_ctx(|c2| {
                let b = crate::data::binary::build::make_binary(c2, &[7u8; 100]);
                crate::gc::copy::copy_to_message(b)
            });
            (crate::gc::copy::copy_to_message(t), inner)
        });
        // SAFETY: the tuple was built above with two elements.
        unsafe {
            assert_eq!(m.0.term.tuple_arity(), 2);
            assert_eq!(m.0.term.tuple_elem(1), Term::small(2));
        }
        assert_eq!(crate::data::binary::view(m.1.term).unwrap().bits, 800);
    }
}
