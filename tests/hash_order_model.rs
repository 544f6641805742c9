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
        let a = run_checked(
            Command::new(env!("CARGO_BIN_EXE_zeekling")).args(["-b", "w.zeek"]),
            &dir,
            &seed,
        );
        let b = run_checked(
            Command::new("python3")
                .arg("driver.py")
                .arg(&model)
                .arg("ops.json"),
            &dir,
            &seed,
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
    let run = |cmd: &mut Command| run_checked(cmd, &dir, &seed);
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

/// Runs `cmd` in `dir` with the test seed; its stdout, after asserting it succeeded.
fn run_checked(cmd: &mut Command, dir: &Path, seed: &Path) -> String {
    let out = cmd
        .current_dir(dir)
        .env("ZEEK_SEED_FILE", seed)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The model's version of the loop below: Zeek's loop iterator walks the live slot table
/// (no remaps while it is alive), so the body's deletes and inserts decide what it visits.
const LIVE_LOOP_DRIVER: &str = r#"
import sys
sys.path.insert(0, sys.argv[1])
import zeekorder as z
t = z.ZTable(1)
for i in range(300):
    t.insert(z._autoidx(i * 7))
d = t.d
d.num_iterators += 1
pos = 0
while pos < d.capacity():
    e = d.table[pos]
    pos += 1
    if e is None:
        continue
    k = t.idx_of[e.key][0].py()
    print(k)
    if k < 10000 and k % 3 == 0:
        t.remove(z._autoidx(k))
        t.insert(z._autoidx(k + 10000))
    if k % 5 == 1 and t.lookup(z._autoidx(k + 7)):
        print("hit")
d.num_iterators -= 1
print("after")
for (k,) in t.keys():
    print(k.py())
"#;

/// A `for` loop whose body deletes visited keys and inserts new ones sees the table as it
/// changes, exactly as Zeek's iterator does (new keys placed after the cursor are visited,
/// keys moved before it are not), and no remap happens until the loop ends.
#[test]
fn a_loop_that_changes_its_table_walks_it_as_zeek_does() {
    let Some(model) = model_dir() else {
        eprintln!("reference model not found next to the repository; skipping");
        return;
    };
    let script = "global s: set[count];\nevent zeek_init()\n\t{\n\
        \tlocal i = 0;\n\twhile ( i < 300 ) { add s[i * 7]; ++i; }\n\
        \tfor ( k in s )\n\t\t{\n\t\tprint k;\n\
        \t\tif ( k < 10000 && k % 3 == 0 ) { delete s[k]; add s[k + 10000]; }\n\
        \t\tif ( k % 5 == 1 && (k + 7) in s ) print \"hit\";\n\t\t}\n\
        \tprint \"after\";\n\tfor ( k in s ) print k;\n\t}\n";
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/test.seed");
    let dir = std::env::temp_dir().join(format!("zeekling-order-live-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("driver.py"), LIVE_LOOP_DRIVER).unwrap();
    std::fs::write(dir.join("w.zeek"), script).unwrap();
    let ours = run_checked(
        Command::new(env!("CARGO_BIN_EXE_zeekling")).args(["-b", "w.zeek"]),
        &dir,
        &seed,
    );
    let theirs = run_checked(
        Command::new("python3").arg("driver.py").arg(&model),
        &dir,
        &seed,
    );
    let (during, after) = ours.split_once("after\n").expect("loop finished");
    // Some inserted keys landed after the cursor and were visited, others were not.
    let visited_new = during.lines().filter(|k| k.len() >= 5).count();
    assert!(
        visited_new > 0 && visited_new < 100,
        "{visited_new} new keys visited"
    );
    assert_eq!(after.lines().count(), 300);
    assert!(ours == theirs, "--- zeekling\n{ours}--- model\n{theirs}");
    let _ = std::fs::remove_dir_all(&dir);
}
