//! Opaque values: the incremental states behind `md5_hash_init`, `sha*_hash_init` and
//! `entropy_test_init`, as Zeek's OpaqueVal subclasses (printed `<opaque of MD5Val>`).

use md5::Digest;

/// One incremental digest; cloning copies the state (Zeek's `copy()` of an opaque hash).
#[derive(Clone)]
pub enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

/// The digest algorithms by the names the bifs use (`md5`, `sha1`, ...).
pub const HASH_NAMES: [&str; 6] = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"];

impl Hasher {
    pub fn new(name: &str) -> Option<Hasher> {
        Some(match name {
            "md5" => Hasher::Md5(Default::default()),
            "sha1" => Hasher::Sha1(Default::default()),
            "sha224" => Hasher::Sha224(Default::default()),
            "sha256" => Hasher::Sha256(Default::default()),
            "sha384" => Hasher::Sha384(Default::default()),
            "sha512" => Hasher::Sha512(Default::default()),
            _ => return None,
        })
    }

    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Md5(h) => h.update(data),
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha224(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    pub fn finish(self) -> Vec<u8> {
        match self {
            Hasher::Md5(h) => h.finalize().to_vec(),
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha224(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        }
    }

    /// The digest of `data` in one go.
    pub fn digest(name: &str, data: &[u8]) -> Vec<u8> {
        let mut h = Hasher::new(name).expect("known digest name");
        h.update(data);
        h.finish()
    }
}

/// John Walker's `ent` randomness tests over a byte stream, fed incrementally (Zeek's
/// RandTest): entropy, chi-square, mean, Monte Carlo pi and serial correlation.
#[derive(Clone)]
pub struct Entropy {
    ccount: [u64; 256],
    totalc: u64,
    monte: [u8; 6],
    mp: usize,
    inmont: u64,
    mcount: u64,
    sccu0: f64,
    scclast: f64,
    scct1: f64,
    scct2: f64,
    scct3: f64,
}

/// (256^3 - 1)^2: a Monte Carlo point inside the quarter circle.
const INCIRC: f64 = 281474943156225.0;

impl Default for Entropy {
    fn default() -> Self {
        Entropy {
            ccount: [0; 256],
            totalc: 0,
            monte: [0; 6],
            mp: 0,
            inmont: 0,
            mcount: 0,
            sccu0: 0.0,
            scclast: 0.0,
            scct1: 0.0,
            scct2: 0.0,
            scct3: 0.0,
        }
    }
}

impl Entropy {
    pub fn add(&mut self, data: &[u8]) {
        for &b in data {
            let oc = f64::from(b);
            self.ccount[b as usize] += 1;
            if self.totalc == 0 {
                self.sccu0 = oc;
            } else {
                self.scct1 += self.scclast * oc;
            }
            self.totalc += 1;
            self.monte[self.mp] = b;
            self.mp += 1;
            if self.mp == self.monte.len() {
                self.monte_point();
            }
            self.scct2 += oc;
            self.scct3 += oc * oc;
            self.scclast = oc;
        }
    }

    /// Six bytes make one point: two 24-bit coordinates.
    fn monte_point(&mut self) {
        self.mp = 0;
        self.mcount += 1;
        let (mut x, mut y) = (0.0f64, 0.0f64);
        for j in 0..3 {
            x = x * 256.0 + f64::from(self.monte[j]);
            y = y * 256.0 + f64::from(self.monte[3 + j]);
        }
        if x * x + y * y <= INCIRC {
            self.inmont += 1;
        }
    }

    /// [entropy, chi_square, mean, monte_carlo_pi, serial_correlation].
    pub fn finish(&self) -> [f64; 5] {
        let totalc = self.totalc as f64;
        let scct1 = self.scct1 + self.scclast * self.sccu0;
        let scct2 = self.scct2 * self.scct2;
        let denom = totalc * self.scct3 - scct2;
        let scc = if denom == 0.0 {
            -100000.0
        } else {
            (totalc * scct1 - scct2) / denom
        };
        let cexp = totalc / 256.0;
        let (mut chisq, mut datasum, mut ent) = (0.0, 0.0, 0.0);
        for (i, &c) in self.ccount.iter().enumerate() {
            let d = c as f64 - cexp;
            let prob = c as f64 / totalc;
            chisq += d * d / cexp;
            datasum += i as f64 * c as f64;
            if prob > 0.0 {
                ent += prob * (std::f64::consts::LOG2_10 * (1.0 / prob).log10());
            }
        }
        let montepi = if self.mcount == 0 {
            0.0
        } else {
            4.0 * (self.inmont as f64 / self.mcount as f64)
        };
        [ent, chisq, datasum / totalc, montepi, scc]
    }
}

/// What an opaque value holds.
#[derive(Clone)]
pub enum OpaqueState {
    /// A digest being fed; `None` once finished (Zeek's invalid hash value).
    Hash(Option<Box<Hasher>>),
    /// Both states are boxed: they differ in size by kilobytes.
    Entropy(Box<Entropy>),
}

#[derive(Clone)]
pub struct OpaqueVal {
    /// The type's name after `opaque of` (`md5`, `entropy`, ...).
    pub type_name: &'static str,
    pub state: OpaqueState,
}

impl std::fmt::Debug for OpaqueVal {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "opaque of {}", self.type_name)
    }
}

impl OpaqueVal {
    /// The name Zeek prints: its C++ class (`<opaque of SHA256Val>`).
    pub fn class_name(&self) -> &'static str {
        match self.type_name {
            "md5" => "MD5Val",
            "sha1" => "SHA1Val",
            "sha224" => "SHA224Val",
            "sha256" => "SHA256Val",
            "sha384" => "SHA384Val",
            "sha512" => "SHA512Val",
            "entropy" => "EntropyVal",
            other => other,
        }
    }
}
