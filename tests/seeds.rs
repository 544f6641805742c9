//! Seeds for Zeek's table order: `-H FILE` saves a seed file, `-G FILE` or `ZEEK_SEED_FILE` load
//! one, and a given seed always gives the same iteration order.

use std::process::Command;

const SCRIPT: &str =
    "global s = set(\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\");\nprint s;\n";

fn run(args: &[&str], env: Option<(&str, &str)>, dir: &std::path::Path) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zeekling"));
    cmd.args(args).current_dir(dir).env_remove("ZEEK_SEED_FILE");
    if let Some((k, v)) = env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run zeekling");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn saved_seed_reproduces_the_order() {
    let dir = std::env::temp_dir().join(format!("zeekling-seeds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("s.zeek"), SCRIPT).unwrap();
    let first = run(&["-b", "-H", "my.seed", "s.zeek"], None, &dir);
    let words = std::fs::read_to_string(dir.join("my.seed")).unwrap();
    assert_eq!(
        words.split_whitespace().count(),
        21,
        "Zeek's seed files hold 21 numbers"
    );
    assert_eq!(run(&["-b", "-G", "my.seed", "s.zeek"], None, &dir), first);
    let path = dir.join("my.seed");
    assert_eq!(
        run(
            &["-b", "s.zeek"],
            Some(("ZEEK_SEED_FILE", path.to_str().unwrap())),
            &dir
        ),
        first
    );
    // All eight elements are printed, whatever the order.
    for c in ["a", "b", "c", "d", "e", "f", "g", "h"] {
        assert!(
            first.lines().any(|l| l.trim_end_matches(',') == c),
            "{} missing in {}",
            c,
            first
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
