//! Integers too large for `i64`, kept as sign + magnitude (no bignum
//! arithmetic lives in the loader).

/// An integer as sign and little-endian magnitude bytes.
///
/// The loader always produces a normalized value: no trailing (most
/// significant) zero bytes and a value that does not fit in `i64` (values
/// that fit are given as plain `i64` instead).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct BigIntRepr {
    pub negative: bool,
    /// Little-endian bytes of the absolute value.
    pub magnitude_le: Vec<u8>,
}

/// An integer as decoded: small enough for `i64`, or big.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum IntValue {
    Small(i64),
    Big(BigIntRepr),
}

impl BigIntRepr {
    /// The value as `i64` if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        let mag = trimmed(&self.magnitude_le);
        if mag.len() > 8 {
            return None;
        }
        let mut abs: u64 = 0;
        for &b in mag.iter().rev() {
            abs = (abs << 8) | u64::from(b);
        }
        if self.negative {
            if abs <= 1u64 << 63 {
                Some((abs as i64).wrapping_neg())
            } else {
                None
            }
        } else {
            i64::try_from(abs).ok()
        }
    }

    /// True when the magnitude is zero.
    pub fn is_zero(&self) -> bool {
        self.magnitude_le.iter().all(|&b| b == 0)
    }

    /// The value as big-endian two's complement bytes (the shortest form
    /// that keeps the sign bit right).
    pub fn to_twos_complement_be(&self) -> Vec<u8> {
        let mut le: Vec<u8> = trimmed(&self.magnitude_le).to_vec();
        le.push(0); // room for the sign bit
        if self.negative {
            let mut carry = true;
            for b in le.iter_mut() {
                let (v, c) = (!*b).overflowing_add(u8::from(carry));
                *b = v;
                carry = c;
            }
        }
        // Drop redundant sign bytes.
        while let [.., next, top] = le.as_slice() {
            let next_negative = next & 0x80 != 0;
            if (*top == 0 && !next_negative) || (*top == 0xff && next_negative) {
                le.pop();
            } else {
                break;
            }
        }
        le.reverse();
        le
    }
}

impl std::fmt::Display for BigIntRepr {
    /// Decimal, with a leading `-` when negative.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Repeated division by 10^9 over big-endian base-256 digits.
        let mut digits: Vec<u8> = trimmed(&self.magnitude_le).iter().rev().copied().collect();
        let mut chunks: Vec<u32> = Vec::new();
        while !digits.is_empty() {
            let mut rem: u64 = 0;
            let mut quotient = Vec::with_capacity(digits.len());
            for &d in &digits {
                let cur = (rem << 8) | u64::from(d);
                let q = cur / 1_000_000_000;
                rem = cur % 1_000_000_000;
                if !(quotient.is_empty() && q == 0) {
                    quotient.push(q as u8);
                }
            }
            chunks.push(rem as u32);
            digits = quotient;
        }
        let mut text = String::new();
        if self.negative && !chunks.is_empty() {
            text.push('-');
        }
        match chunks.split_last() {
            None => text.push('0'),
            Some((top, rest)) => {
                text.push_str(&top.to_string());
                for chunk in rest.iter().rev() {
                    text.push_str(&format!("{chunk:09}"));
                }
            }
        }
        f.pad(&text)
    }
}

fn trimmed(mag: &[u8]) -> &[u8] {
    let len = mag.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    mag.get(..len).unwrap_or(&[])
}

/// Builds a normalized integer from a sign and little-endian magnitude.
pub(crate) fn from_sign_magnitude(negative: bool, magnitude_le: &[u8]) -> IntValue {
    let repr = BigIntRepr {
        negative,
        magnitude_le: trimmed(magnitude_le).to_vec(),
    };
    match repr.to_i64() {
        Some(v) => IntValue::Small(v),
        None => IntValue::Big(repr),
    }
}

/// Builds a normalized integer from big-endian two's complement bytes.
pub(crate) fn from_twos_complement_be(bytes: &[u8]) -> IntValue {
    let negative = bytes.first().is_some_and(|&b| b & 0x80 != 0);
    let mut le: Vec<u8> = bytes.iter().rev().copied().collect();
    if negative {
        // Negate: invert and add one.
        let mut carry = true;
        for b in le.iter_mut() {
            let (v, c) = (!*b).overflowing_add(u8::from(carry));
            *b = v;
            carry = c;
        }
        // A lone carry out means the input was zero, which is not negative.
    }
    from_sign_magnitude(negative, &le)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(negative: bool, le: &[u8]) -> IntValue {
        IntValue::Big(BigIntRepr {
            negative,
            magnitude_le: le.to_vec(),
        })
    }

    #[test]
    fn twos_complement_small() {
        assert_eq!(from_twos_complement_be(&[0xff]), IntValue::Small(-1));
        assert_eq!(from_twos_complement_be(&[0x00, 0x80]), IntValue::Small(128));
        assert_eq!(from_twos_complement_be(&[0x80]), IntValue::Small(-128));
        assert_eq!(from_twos_complement_be(&[]), IntValue::Small(0));
        assert_eq!(
            from_twos_complement_be(&[0x80, 0, 0, 0, 0, 0, 0, 0]),
            IntValue::Small(i64::MIN)
        );
        assert_eq!(
            from_twos_complement_be(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]),
            IntValue::Small(-2)
        );
    }

    #[test]
    fn twos_complement_big() {
        // 2^64
        assert_eq!(
            from_twos_complement_be(&[1, 0, 0, 0, 0, 0, 0, 0, 0]),
            big(false, &[0, 0, 0, 0, 0, 0, 0, 0, 1])
        );
        // -(2^63) - 1
        assert_eq!(
            from_twos_complement_be(&[0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            big(true, &[1, 0, 0, 0, 0, 0, 0, 0x80])
        );
        // 2^63
        assert_eq!(
            from_twos_complement_be(&[0, 0x80, 0, 0, 0, 0, 0, 0, 0]),
            big(false, &[0, 0, 0, 0, 0, 0, 0, 0x80])
        );
    }

    #[test]
    fn round_trip_twos_complement() {
        let cases: [&[u8]; 4] = [
            &[1, 0, 0, 0, 0, 0, 0, 0, 0],
            &[0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
            &[0, 0x80, 0, 0, 0, 0, 0, 0, 0],
            &[0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ];
        for case in cases {
            match from_twos_complement_be(case) {
                IntValue::Big(b) => assert_eq!(b.to_twos_complement_be(), case.to_vec()),
                other => panic!("expected big, got {other:?}"),
            }
        }
    }

    #[test]
    fn decimal_display() {
        let b = BigIntRepr {
            negative: true,
            magnitude_le: vec![0, 0, 0, 0, 0, 0, 0, 0, 1],
        };
        assert_eq!(b.to_string(), "-18446744073709551616");
        assert_eq!(BigIntRepr::default().to_string(), "0");
        let b = BigIntRepr {
            negative: false,
            magnitude_le: vec![0xff; 8],
        };
        assert_eq!(b.to_string(), u64::MAX.to_string());
    }

    #[test]
    fn sign_magnitude_normalizes() {
        assert_eq!(from_sign_magnitude(true, &[0, 0]), IntValue::Small(0));
        assert_eq!(from_sign_magnitude(true, &[5, 0, 0]), IntValue::Small(-5));
        assert_eq!(
            from_sign_magnitude(true, &[0, 0, 0, 0, 0, 0, 0, 0x80, 0]),
            IntValue::Small(i64::MIN)
        );
        assert_eq!(
            from_sign_magnitude(false, &[0, 0, 0, 0, 0, 0, 0, 0x80, 0]),
            big(false, &[0, 0, 0, 0, 0, 0, 0, 0x80])
        );
    }
}
