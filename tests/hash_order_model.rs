//! zeekling's table order against the Python reference model of Zeek's dictionary
//! (shared/docs/hash-order/zeekorder.py, next to this repository): random workloads of inserts,
//! deletes and lookups on sets of counts, strings and (string, count) pairs, with our own seed
//! file, must iterate in the same order in both.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Count,
    Str,
    Pair,
}

/// One key in Zeek syntax and in the JSON the Python driver reads.
fn key(kind: Kind, n: u64) -> (String, String) {
    match kind {
        Kind::Count => (n.to_string(), n.to_string()),
        Kind::Str => (format!("\"k{}\"", n), format!("\"k{}\"", n)),
        Kind::Pair => (
            format!("\"p{}\", {}", n % 7, n),
            format!("[\"p{}\", {}]", n % 7, n),
        ),
    }
}

fn model_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/docs/hash-order");
    d.join("zeekorder.py").exists().then_some(d)
}

/// Build a workload; returns the Zeek script and the JSON list of operations.
fn workload(rng: &mut Lcg, kind: Kind, ops: usize) -> (String, String) {
    let (decl, print) = match kind {
        Kind::Count => ("global s: set[count];", "for ( k in s ) print k;"),
        Kind::Str => ("global s: set[string];", "for ( k in s ) print k;"),
        Kind::Pair => (
            "global s: set[string, count];",
            "for ( [a, b] in s ) print fmt(\"%s,%s\", a, b);",
        ),
    };
    let mut script = format!("{}\nglobal hits = 0;\nevent zeek_init()\n\t{{\n", decl);
    let mut json = String::from("[");
    let range = 1 + rng.below(400);
    for i in 0..ops {
        let (zk, jk) = key(kind, rng.below(range));
        let op = match rng.below(10) {
            0..=5 => "insert",
            6..=7 => "delete",
            _ => "lookup",
        };
        match op {
            "insert" => writeln!(script, "\tadd s[{}];", zk).unwrap(),
            "delete" => writeln!(script, "\tdelete s[{}];", zk).unwrap(),
            _ => writeln!(script, "\tif ( [{}] in s ) ++hits;", zk).unwrap(),
        }
        if i > 0 {
            json.push(',');
        }
        write!(json, "[\"{}\", {}]", op, jk).unwrap();
    }
    writeln!(script, "\t{}\n\t}}", print).unwrap();
    json.push(']');
    (script, json)
}

const DRIVER: &str = r#"
import json, sys
sys.path.insert(0, sys.argv[1])
import zeekorder as z
ops = [(op, tuple(k) if isinstance(k, list) else k) for op, k in json.load(open(sys.argv[2]))]
for k in z.zeek_order([], ops=ops):
    print(",".join(str(c) for c in k) if isinstance(k, tuple) else k)
"#;

#[test]
fn random_workloads_match_the_reference_model() {
    let Some(model) = model_dir() else {
        eprintln!("reference model not found next to the repository; skipping");
        return;
    };
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/test.seed");
    let dir = std::env::temp_dir().join(format!("zeekling-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("driver.py"), DRIVER).unwrap();
    let mut rng = Lcg(0x5eed_2026);
    let mut compared = 0;
    for round in 0..24 {
        let kind = [Kind::Count, Kind::Str, Kind::Pair][round % 3];
        let ops = 50 + rng.below(600) as usize;
        let (script, json) = workload(&mut rng, kind, ops);
        std::fs::write(dir.join("w.zeek"), &script).unwrap();
        std::fs::write(dir.join("ops.json"), &json).unwrap();
        let ours = Command::new(env!("CARGO_BIN_EXE_zeekling"))
            .args(["-b", "w.zeek"])
            .current_dir(&dir)
            .env("ZEEK_SEED_FILE", &seed)
            .output()
            .unwrap();
        assert!(
            ours.status.success(),
            "{}",
            String::from_utf8_lossy(&ours.stderr)
        );
        let model_out = Command::new("python3")
            .arg("driver.py")
            .arg(&model)
            .arg("ops.json")
            .current_dir(&dir)
            .env("ZEEK_SEED_FILE", &seed)
            .output()
            .unwrap();
        assert!(
            model_out.status.success(),
            "{}",
            String::from_utf8_lossy(&model_out.stderr)
        );
        let (a, b) = (
            String::from_utf8_lossy(&ours.stdout),
            String::from_utf8_lossy(&model_out.stdout),
        );
        assert!(
            a == b,
            "round {}: order differs\n--- zeekling\n{}--- model\n{}--- script\n{}",
            round,
            a,
            b,
            script
        );
        compared += a.lines().count();
    }
    assert!(compared > 1000, "only {} elements compared", compared);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A table large enough that its bucket index has more than 16 bits while remaps are still
/// pending (slots then derive new buckets from their stored hash fragment), checked in full.
#[test]
fn a_large_table_with_pending_remaps_matches_the_reference_model() {
    let Some(model) = model_dir() else {
        eprintln!("reference model not found next to the repository; skipping");
        return;
    };
    const N: u64 = 140_000;
    let key = |i: u64| i * 7919 % 1_000_003;
    let script = format!(
        "global s: set[count];\nevent zeek_init()\n\t{{\n\tlocal i = 0;\n\
         \twhile ( i < {N} ) {{ add s[i * 7919 % 1000003]; ++i; }}\n\
         \ti = 0;\n\twhile ( i < {N} ) {{ delete s[i * 7919 % 1000003]; i += 5; }}\n\
         \tfor ( k in s ) print k;\n\t}}\n"
    );
    let mut ops: Vec<String> = (0..N)
        .map(|i| format!("[\"insert\", {}]", key(i)))
        .collect();
    ops.extend(
        (0..N)
            .step_by(5)
            .map(|i| format!("[\"delete\", {}]", key(i))),
    );
    let json = format!("[{}]", ops.join(","));
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/test.seed");
    let dir = std::env::temp_dir().join(format!("zeekling-order-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("driver.py"), DRIVER).unwrap();
    std::fs::write(dir.join("w.zeek"), &script).unwrap();
    std::fs::write(dir.join("ops.json"), &json).unwrap();
    let run = |cmd: &mut Command| {
        let out = cmd
            .current_dir(&dir)
            .env("ZEEK_SEED_FILE", &seed)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let ours = run(Command::new(env!("CARGO_BIN_EXE_zeekling")).args(["-b", "w.zeek"]));
    let theirs = run(Command::new("python3")
        .arg("driver.py")
        .arg(&model)
        .arg("ops.json"));
    assert_eq!(ours.lines().count(), (N - N / 5) as usize);
    assert!(
        ours == theirs,
        "order of the large table differs from the model"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
