//! Truncated and corrupted input must give `Ok` or `Err`, never a panic.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::XorShift;
use girder_loader::chunks::read_chunks;
use girder_loader::{decode_etf, decode_etf_body, parse_module};

const MODULES: [&str; 5] = ["lists", "gen_server", "erl_parse", "base64", "maps"];

fn no_panic<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| format!("panic on {what}"))
}

fn real_files() -> Vec<(String, Vec<u8>)> {
    MODULES
        .iter()
        .filter_map(|m| common::otp_module(m))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

/// Re-packs a beam file with its chunks in order, optionally replacing one.
fn repack(bytes: &[u8], replace: Option<(&[u8; 4], Vec<u8>)>) -> Vec<u8> {
    let chunks = read_chunks(bytes).unwrap();
    let mut body = b"BEAM".to_vec();
    for c in &chunks {
        let data = match &replace {
            Some((id, data)) if **id == c.id => data.as_slice(),
            _ => c.data,
        };
        body.extend_from_slice(&c.id);
        body.extend_from_slice(&(data.len() as u32).to_be_bytes());
        body.extend_from_slice(data);
        while !body.len().is_multiple_of(4) {
            body.push(0);
        }
    }
    let mut out = b"FOR1".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_be_bytes());
    out.extend_from_slice(&body);
    out
}

/// The same module with its `LitT` chunk stored uncompressed (size 0), so
/// that corruptions reach the literal terms instead of failing the zlib
/// checksum.
fn with_plain_literals(bytes: &[u8]) -> Option<Vec<u8>> {
    let chunks = read_chunks(bytes).ok()?;
    let lit = chunks.iter().find(|c| &c.id == b"LitT")?;
    let mut decoder = flate2::read::ZlibDecoder::new(lit.data.get(4..)?);
    let mut table = Vec::new();
    std::io::Read::read_to_end(&mut decoder, &mut table).ok()?;
    let mut plain = vec![0, 0, 0, 0];
    plain.extend_from_slice(&table);
    Some(repack(bytes, Some((b"LitT", plain))))
}

#[test]
fn uncompressed_literal_table_gives_same_module() {
    for (name, bytes) in real_files() {
        let Some(plain) = with_plain_literals(&bytes) else {
            continue;
        };
        let a = parse_module(&bytes).unwrap();
        let mut b = parse_module(&plain).unwrap();
        assert!(!a.literals.is_empty(), "{name}");
        // BEAM's module checksum covers the LitT chunk as stored, so it
        // differs by design; everything else must be the same.
        assert_ne!(a.checksum, b.checksum, "{name}");
        b.checksum = a.checksum;
        assert_eq!(a, b, "{name}");
    }
}

#[test]
fn gzipped_beam_file_loads() {
    let Some((_, bytes)) = real_files().into_iter().next() else {
        return;
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &bytes).unwrap();
    let gz = gz.finish().unwrap();
    assert_eq!(parse_module(&gz).unwrap(), parse_module(&bytes).unwrap());
    assert!(parse_module(&gz[..gz.len() / 2]).is_err());
}

#[test]
fn truncations_never_panic() {
    let mut failures = Vec::new();
    let mut runs = 0;
    for (name, bytes) in real_files() {
        let stride = (bytes.len() / 1500).max(1);
        let lengths = (0..bytes.len().min(600)).chain((600..bytes.len()).step_by(stride));
        for len in lengths {
            runs += 1;
            let what = format!("{name} truncated to {len}");
            match no_panic(&what, || parse_module(&bytes[..len])) {
                Ok(Ok(_)) => failures.push(format!("{what}: parsed OK")),
                Ok(Err(_)) => {}
                Err(p) => failures.push(p),
            }
        }
    }
    println!("{runs} truncated inputs");
    assert!(failures.is_empty(), "{failures:#?}");
}

fn mutate(rng: &mut XorShift, input: &[u8]) -> Vec<u8> {
    mutate_in(rng, input, (0, input.len()))
}

/// Mutates bytes at positions within `range` (start, end).
fn mutate_in(rng: &mut XorShift, input: &[u8], range: (usize, usize)) -> Vec<u8> {
    let mut out = input.to_vec();
    let (start, end) = range;
    if end <= start || end > out.len() {
        return out;
    }
    let pos = |rng: &mut XorShift| start + rng.below(end - start);
    match rng.below(4) {
        0 => {
            let i = pos(rng);
            out[i] = rng.byte();
        }
        1 => {
            let i = pos(rng);
            out[i] ^= 1 << rng.below(8);
        }
        2 => {
            for _ in 0..1 + rng.below(8) {
                let i = pos(rng);
                out[i] = rng.byte();
            }
        }
        _ => {
            // Overwrite a short run with "interesting" bytes.
            let i = pos(rng);
            let fill = [0x00, 0xff, 0x7f, 0x80, 0xf8, 0x18][rng.below(6)];
            for b in out.iter_mut().skip(i).take(1 + rng.below(6)) {
                *b = fill;
            }
        }
    }
    out
}

/// Truncates each chunk the loader reads (fixing up the sizes, so the
/// container stays valid) to reach every chunk parser's end-of-data paths.
#[test]
fn chunk_truncations_never_panic() {
    let mut failures = Vec::new();
    let mut runs = 0;
    for (name, bytes) in real_files() {
        if bytes.len() > 200_000 {
            continue;
        }
        let mut inputs = vec![bytes.clone()];
        inputs.extend(with_plain_literals(&bytes));
        for input in &inputs {
            for chunk in read_chunks(input).unwrap() {
                let id = chunk.id;
                if !LOADED_CHUNKS.contains(&&id) {
                    continue;
                }
                let stride = (chunk.data.len() / 150).max(1);
                for len in (0..chunk.data.len()).step_by(stride) {
                    runs += 1;
                    let cut = repack(input, Some((&id, chunk.data[..len].to_vec())));
                    let what = format!("{name} chunk {} cut to {len}", chunk.name());
                    if let Err(p) = no_panic(&what, || parse_module(&cut)) {
                        failures.push(p);
                    }
                }
            }
        }
    }
    println!("{runs} inputs with a truncated chunk");
    assert!(failures.is_empty(), "{failures:#?}");
}

const LOADED_CHUNKS: [&[u8; 4]; 13] = [
    b"AtU8", b"Atom", b"Code", b"StrT", b"ImpT", b"ExpT", b"FunT", b"LitT", b"LocT", b"Attr",
    b"CInf", b"Line", b"Type",
];

/// Byte ranges (in the file) of the chunks the loader reads.
fn loaded_ranges(input: &[u8]) -> Vec<(usize, usize)> {
    let base = input.as_ptr() as usize;
    read_chunks(input)
        .unwrap()
        .iter()
        .filter(|c| LOADED_CHUNKS.contains(&&c.id) && !c.data.is_empty())
        .map(|c| {
            let start = c.data.as_ptr() as usize - base;
            (start, start + c.data.len())
        })
        .collect()
}

#[test]
fn corruptions_never_panic() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut failures = Vec::new();
    let mut outcomes = [0usize; 2];
    for (name, bytes) in real_files() {
        let mut inputs = vec![bytes.clone()];
        inputs.extend(with_plain_literals(&bytes));
        for input in &inputs {
            let rounds = if input.len() > 200_000 { 150 } else { 1500 };
            let ranges = loaded_ranges(input);
            for round in 0..rounds {
                // Every other round hits a chunk the loader reads.
                let mutated = if round % 2 == 0 {
                    mutate(&mut rng, input)
                } else {
                    let range = ranges[rng.below(ranges.len())];
                    mutate_in(&mut rng, input, range)
                };
                let what = format!("{name} mutation {round}");
                match no_panic(&what, || parse_module(&mutated)) {
                    Ok(r) => outcomes[usize::from(r.is_err())] += 1,
                    Err(p) => failures.push(p),
                }
            }
        }
    }
    println!(
        "corrupted inputs: {} loaded, {} rejected",
        outcomes[0], outcomes[1]
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Byte strings from `term_to_binary/1` used as seeds for ETF fuzzing.
const ETF_SEEDS: [&[u8]; 6] = [
    &[131, 104, 3, 100, 0, 1, 97, 97, 1, 106],
    &[
        131, 116, 0, 0, 0, 2, 100, 0, 1, 97, 97, 1, 100, 0, 1, 98, 108, 0, 0, 0, 1, 100, 0, 1, 120,
        106,
    ],
    &[131, 110, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 64],
    &[131, 77, 0, 0, 0, 3, 5, 1, 2, 24],
    &[
        131, 112, 0, 0, 0, 77, 1, 129, 134, 241, 133, 94, 58, 86, 254, 233, 132, 180, 120, 240, 84,
        94, 168, 0, 0, 0, 0, 0, 0, 0, 1, 100, 0, 7, 101, 116, 102, 103, 101, 110, 50, 97, 0, 98, 4,
        12, 55, 140, 88, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115,
        116, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 97, 7,
    ],
    &[
        131, 80, 0, 0, 3, 38, 120, 156, 203, 97, 96, 96, 72, 73, 97, 96, 205, 72, 205, 201, 201,
        31, 165, 71, 233, 81, 26, 147, 206, 2, 0, 52, 16, 250, 15,
    ],
];

#[test]
fn etf_garbage_never_panics() {
    let mut seeds: Vec<Vec<u8>> = ETF_SEEDS.iter().map(|s| s.to_vec()).collect();
    // Attr and CInf chunks of real files are uncompressed external terms.
    for (_, bytes) in real_files() {
        for chunk in read_chunks(&bytes).unwrap() {
            if &chunk.id == b"Attr" || &chunk.id == b"CInf" {
                assert!(decode_etf(chunk.data).is_ok());
                seeds.push(chunk.data.to_vec());
            }
        }
    }
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut failures = Vec::new();
    let mut runs = 0;
    for seed in &seeds {
        for len in (0..seed.len()).step_by((seed.len() / 400).max(1)) {
            runs += 1;
            if let Err(p) = no_panic("truncated term", || decode_etf(&seed[..len])) {
                failures.push(p);
            }
        }
        for _ in 0..3000 {
            runs += 1;
            let m = mutate(&mut rng, seed);
            if let Err(p) = no_panic("mutated term", || decode_etf(&m)) {
                failures.push(format!("{p}: {m:?}"));
            }
            if let Err(p) = no_panic("mutated body", || {
                decode_etf_body(m.get(1..).unwrap_or(&[]))
            }) {
                failures.push(format!("{p}: {m:?}"));
            }
        }
    }
    for _ in 0..20000 {
        runs += 1;
        let len = rng.below(64);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.byte()).collect();
        if let Some(first) = bytes.first_mut() {
            *first = 131;
        }
        if let Err(p) = no_panic("random term", || decode_etf(&bytes)) {
            failures.push(format!("{p}: {bytes:?}"));
        }
    }
    println!("{runs} external-term inputs");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = XorShift(0xdead_beef_cafe_f00d);
    for _ in 0..5000 {
        let len = rng.below(256);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.byte()).collect();
        // Often give it a plausible header so the chunk code is reached.
        if len >= 12 && rng.below(2) == 0 {
            bytes[..4].copy_from_slice(b"FOR1");
            bytes[4..8].copy_from_slice(&((len - 8) as u32).to_be_bytes());
            bytes[8..12].copy_from_slice(b"BEAM");
        }
        let r = no_panic("random file", || parse_module(&bytes));
        assert!(r.is_ok(), "{bytes:?}");
    }
}
