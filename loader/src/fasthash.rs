//! A fast hasher for the per-module and per-function tables of the loader
//! and the JIT (labels, instruction indexes, registers, symbols). std's
//! default, SipHash with random keys, resists flooding by chosen keys;
//! these keys are made by the compiler and bounded by the module, and
//! hashing them with it was ~3% of a cold start's instructions.
//!
//! Each word is folded in by a rotate, xor and multiply by 2^64 divided by
//! the golden ratio; `finish` rotates the high bits (which a multiply mixes
//! best) down, because hashbrown picks buckets by the low bits, which it
//! mixes least (keys that are multiples of 8, like frame offsets, would
//! share buckets).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

const K: u64 = 0x9e37_79b9_7f4a_7c15;

impl FastHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(w));
        }
        self.add(bytes.len() as u64);
    }
    #[inline]
    fn write_u8(&mut self, x: u8) {
        self.add(u64::from(x));
    }
    #[inline]
    fn write_u16(&mut self, x: u16) {
        self.add(u64::from(x));
    }
    #[inline]
    fn write_u32(&mut self, x: u32) {
        self.add(u64::from(x));
    }
    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.add(x);
    }
    #[inline]
    fn write_usize(&mut self, x: usize) {
        self.add(x as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// The `BuildHasher` of [`FastMap`] and [`FastSet`].
pub type FastBuild = BuildHasherDefault<FastHasher>;
/// A `HashMap` with [`FastHasher`] (make one with `FastMap::default()`).
pub type FastMap<K, V> = HashMap<K, V, FastBuild>;
/// A `HashSet` with [`FastHasher`].
pub type FastSet<K> = HashSet<K, FastBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work_and_spread_aligned_keys() {
        let mut m: FastMap<(u32, i64), u32> = FastMap::default();
        for i in 0..1000u32 {
            m.insert((i % 7, i64::from(i) * 8), i);
        }
        assert_eq!(m.len(), 1000);
        assert_eq!(m[&(3, 80)], 10);
        // Multiples of 8 still reach all of the low three bits.
        let lows: FastSet<u64> = (0..64u64)
            .map(|i| {
                let mut h = FastHasher::default();
                h.write_u64(i * 8);
                h.finish() & 7
            })
            .collect();
        assert_eq!(lows.len(), 8);
    }
}
