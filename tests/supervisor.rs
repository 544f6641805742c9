//! Real process trees through the binary: `zeekling -j policy.zeek` with real forks, pipes and
//! signals. Each test runs in its own directory; nodes report their pids through files so the
//! test can check from outside that nothing outlives its parent.

#[path = "support/tree.rs"]
mod tree;

use std::time::{Duration, Instant};
use tree::{alive, read, wait_for, Tree};

#[test]
fn api_errors_use_zeeks_strings() {
    let t = Tree::start(
        r#"
event zeek_init()
	{
	if ( Supervisor::is_supervised() )
		return;
	print Supervisor::is_supervisor(), Supervisor::is_supervised();
	print Supervisor::create([$name=""]);
	print Supervisor::create([$name="a b"]);
	print Supervisor::create([$name="x", $interface="lo", $pcap_file="f.pcap"]);
	print Supervisor::create([$name="ok"]) == "";
	print Supervisor::create([$name="ok"]);
	print Supervisor::destroy("nope"), Supervisor::restart("nope");
	print Supervisor::destroy("ok"), |Supervisor::status()$nodes|;
	terminate();
	}
"#,
        &[],
    );
    assert!(t.wait_exit(Duration::from_secs(10)).success());
    assert_eq!(
        read(&t.dir.join("out")),
        "T, F\n\
         node names must not be an empty string\n\
         node names must not contain spaces: 'a b'\n\
         node with name 'x' has interface and pcap_file set\n\
         T\n\
         node with name 'ok' already exists\n\
         F, F\n\
         T, 0\n"
    );
}

#[test]
fn node_sees_its_config_and_pid_matches_status() {
    let t = Tree::start(
        r#"
redef exit_only_after_terminate = T;
event Supervisor::node_status(node: string, pid: count)
	{
	local ns = Supervisor::status(node)$nodes[node];
	print node, ns$pid == pid, ns$node$env["GREETING"];
	}
event zeek_init()
	{
	if ( Supervisor::is_supervised() )
		{
		local n = Supervisor::node();
		local f = open("node.out");
		print f, n$name, getenv("GREETING"), getenv("CLUSTER_NODE"), n$interface;
		print f, |n$cluster|, n$cluster["w1"]$role, n$cluster["w1"]$p;
		print f, Supervisor::is_supervisor(), Supervisor::is_supervised();
		close(f);
		terminate();
		return;
		}
	local c: table[string] of Supervisor::ClusterEndpoint = table(
		["w1"] = Supervisor::ClusterEndpoint($role=Supervisor::WORKER, $host=127.0.0.1, $p=0/tcp));
	Supervisor::create([$name="w1", $directory="sub/dir", $env=table(["GREETING"] = "hi"),
	                    $interface="eth9", $cluster=c]);
	}
"#,
        &[],
    );
    let node_out = t.dir.join("sub/dir/node.out");
    wait_for(Duration::from_secs(10), || {
        read(&node_out).lines().count() == 3
    });
    assert_eq!(
        read(&node_out),
        "w1, hi, w1, eth9\n1, Supervisor::WORKER, 0/tcp\nF, T\n"
    );
    wait_for(Duration::from_secs(5), || {
        read(&t.dir.join("out")).contains("w1, T, hi")
    });
    t.stop();
}

#[test]
fn output_is_prefixed_and_hooks_can_suppress_it() {
    let t = Tree::start(
        r#"
redef exit_only_after_terminate = T;
hook Supervisor::stdout_hook(node: string, msg: string)
	{
	if ( /secret/ in msg )
		break;
	}
hook Supervisor::stderr_hook(node: string, msg: string)
	{
	local f = open_for_append("hooked");
	print f, fmt("%s|%s", node, msg);
	close(f);
	}
event zeek_init()
	{
	if ( Supervisor::is_supervised() )
		{
		print "hello";
		print "secret stuff";
		print "";
		system("printf 'to stderr\\n' >&2");
		terminate();
		}
	else
		Supervisor::create([$name="n1"]);
	}
event zeek_done()
	{
	# The node's last output is a line without a newline: it is delivered at exit.
	if ( Supervisor::is_supervised() )
		system("printf 'no newline at end' >&2");
	}
"#,
        &[],
    );
    wait_for(Duration::from_secs(10), || {
        read(&t.dir.join("hooked")).contains("no newline at end")
            && read(&t.dir.join("out")).contains("hello")
    });
    t.stop();
    let out = read(&t.dir.join("out"));
    assert!(out.contains("[supervisor:STDOUT] [n1] hello\n"), "{}", out);
    assert!(!out.contains("secret"), "{}", out);
    assert!(!out.contains("[n1] \n"), "empty lines are dropped: {}", out);
    let err = read(&t.dir.join("err"));
    assert!(
        err.contains("[supervisor:STDERR] [n1] to stderr\n"),
        "{}",
        err
    );
    assert!(
        err.contains("[supervisor:STDERR] [n1] no newline at end\n"),
        "{}",
        err
    );
    assert!(read(&t.dir.join("hooked")).contains("n1|to stderr\n"));
}

#[test]
fn output_flood_from_four_nodes_loses_nothing() {
    let _serial = tree::exclusive();
    const LINES: usize = 200_000;
    let t = Tree::start(
        &format!(
            r#"
redef exit_only_after_terminate = T;
global done = 0;
hook Supervisor::stdout_hook(node: string, msg: string)
	{{
	if ( msg == "end" && ++done == 4 )
		terminate();
	}}
event zeek_init()
	{{
	if ( Supervisor::is_supervised() )
		{{
		local me = Supervisor::node()$name;
		local i = 0;
		while ( i < {LINES} )
			{{
			print fmt("%s-%d-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", me, i);
			++i;
			}}
		print "end";
		return;
		}}
	for ( n in set("a", "b", "c", "d") )
		Supervisor::create([$name=n]);
	}}
"#
        ),
        &[],
    );
    assert!(t.wait_exit(Duration::from_secs(120)).success());
    let out = read(&t.dir.join("out"));
    for node in ["a", "b", "c", "d"] {
        let prefix = format!("[supervisor:STDOUT] [{}] {}-", node, node);
        let mut next = 0;
        for line in out.lines().filter(|l| l.starts_with(&prefix)) {
            let seq: usize = line[prefix.len()..]
                .split('-')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(seq, next, "node {} line out of order or lost", node);
            assert!(line.ends_with("-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
            next += 1;
        }
        assert_eq!(next, LINES, "node {} lines delivered", node);
    }
    assert_eq!(out.lines().count(), 4 * LINES + 4, "no torn or extra lines");
}

#[test]
fn sigterm_stops_every_node_with_zeek_done_then_the_supervisor() {
    let policy = done_recording_policy(&["a", "b", "c"])
        + r#"
event zeek_done()
	{
	if ( Supervisor::is_supervisor() )
		{
		local f = open("sup.done");
		print f, "done";
		close(f);
		}
	}
"#;
    let t = Tree::start(&policy, &[]);
    let pids = t.node_pids(&["a", "b", "c"]);
    t.signal(libc::SIGTERM);
    assert!(t.wait_exit(Duration::from_secs(10)).success());
    for n in ["a", "b", "c", "sup"] {
        assert_eq!(
            read(&t.dir.join(format!("{}.done", n))),
            "done\n",
            "{} ran zeek_done",
            n
        );
    }
    for p in pids {
        assert!(!alive(p), "node {} is gone", p);
    }
    assert!(read(&t.dir.join("err")).contains("received termination signal"));
}

#[test]
fn kill_9_of_the_supervisor_takes_down_the_tree_within_a_second() {
    let _serial = tree::exclusive();
    let t = Tree::start(&pid_reporting_policy(&["a", "b"]), &[]);
    let pids = t.node_pids(&["a", "b"]);
    let stem = t.stem_pid();
    t.signal(libc::SIGKILL);
    let start = Instant::now();
    wait_for(Duration::from_secs(3), || {
        !pids.iter().any(|p| alive(*p)) && !alive(stem)
    });
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_killed_stem_is_revived_and_recreates_its_nodes() {
    let t = Tree::start(&pid_reporting_policy(&["a"]), &[]);
    let old = t.node_pids(&["a"]);
    let old_stem = t.stem_pid();
    unsafe { libc::kill(old_stem, libc::SIGKILL) };
    wait_for(Duration::from_secs(5), || {
        t.node_pids_now(&["a"]).is_some_and(|p| p != old)
    });
    let new_stem = t.stem_pid();
    assert_ne!(new_stem, old_stem);
    assert!(alive(new_stem));
    wait_for(Duration::from_secs(2), || !alive(old[0]));
    t.stop();
    assert!(!alive(new_stem));
}

#[test]
fn crash_loop_follows_the_revival_schedule() {
    let _serial = tree::exclusive();
    let t = Tree::start(
        r#"
redef exit_only_after_terminate = T;
global starts: vector of time;
event Supervisor::node_status(node: string, pid: count)
	{
	starts += current_time();
	if ( |starts| < 7 )
		return;
	local i = 1;
	while ( i < |starts| )
		{
		print fmt("%.2f", interval_to_double(starts[i] - starts[i-1]));
		++i;
		}
	terminate();
	}
event zeek_init()
	{
	if ( Supervisor::is_supervised() )
		exit(3);
	Supervisor::create([$name="crashy"]);
	}
"#,
        &[],
    );
    assert!(t.wait_exit(Duration::from_secs(30)).success());
    let gaps: Vec<f64> = read(&t.dir.join("out"))
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    let want = [1.0, 1.0, 1.0, 2.0, 2.0, 2.0];
    assert_eq!(gaps.len(), want.len());
    for (g, w) in gaps.iter().zip(want) {
        assert!(
            *g >= w - 0.05 && *g < w + 0.3,
            "gaps {:?}, want {:?}",
            gaps,
            want
        );
    }
    let err = read(&t.dir.join("err"));
    assert!(
        err.contains("error: Supervised node 'crashy' (PID ")
            && err.contains(") exited prematurely with status 3"),
        "{}",
        err
    );
    assert!(err.contains(") revived after premature exit"), "{}", err);
}

#[test]
fn a_node_killed_by_a_signal_is_reported_and_revived_at_once() {
    let _serial = tree::exclusive();
    let t = Tree::start(&pid_reporting_policy(&["a"]), &[]);
    let old = t.node_pids(&["a"])[0];
    // The node has been up for less than a second: its revival waits out the 1 s delay.
    std::thread::sleep(Duration::from_millis(1100));
    unsafe { libc::kill(old, libc::SIGKILL) };
    let killed = Instant::now();
    wait_for(Duration::from_secs(3), || {
        t.node_pids_now(&["a"]).is_some_and(|p| p[0] != old)
    });
    assert!(
        killed.elapsed() < Duration::from_millis(500),
        "{:?}",
        killed.elapsed()
    );
    wait_for(Duration::from_secs(2), || {
        read(&t.dir.join("err"))
            .contains(&format!("(PID {}) terminated prematurely by signal 9", old))
    });
    t.stop();
}

#[test]
fn a_node_ignoring_sigterm_is_killed_after_the_grace_period_without_stalling_others() {
    let _serial = tree::exclusive();
    let t = Tree::start(
        r#"
redef exit_only_after_terminate = T;
redef Supervisor::node_stop_grace = 1.5 sec;
global ticks = 0;
event destroy_busy()
	{
	local f = open("destroying");
	close(f);
	Supervisor::destroy("busy");
	}
event Supervisor::node_status(node: string, pid: count)
	{
	if ( node == "busy" )
		schedule 0.5 sec { destroy_busy() };
	}
event tick()
	{
	print fmt("tick %d", ++ticks);
	schedule 0.1 sec { tick() };
	}
event zeek_init()
	{
	if ( ! Supervisor::is_supervised() )
		{
		Supervisor::create([$name="busy"]);
		Supervisor::create([$name="chatty"]);
		return;
		}
	local f = open(Supervisor::node()$name + ".pid");
	print f, getpid();
	close(f);
	if ( Supervisor::node()$name == "chatty" )
		event tick();
	else
		while ( T ) { }
	}
"#,
        &[],
    );
    let pids = t.node_pids(&["busy", "chatty"]);
    wait_for(Duration::from_secs(5), || t.dir.join("destroying").exists());
    let destroy = Instant::now();
    wait_for(Duration::from_secs(5), || !alive(pids[0]));
    let took = destroy.elapsed();
    assert!(
        took >= Duration::from_millis(1400) && took < Duration::from_secs(3),
        "{:?}",
        took
    );
    // chatty kept printing while busy was being stopped.
    let ticks_then = read(&t.dir.join("out")).matches("[chatty] tick").count();
    std::thread::sleep(Duration::from_millis(500));
    assert!(read(&t.dir.join("out")).matches("[chatty] tick").count() > ticks_then);
    t.stop();
}

#[test]
fn a_hundred_nodes_start_and_stop_cleanly() {
    let _serial = tree::exclusive();
    let t = Tree::start(
        &(prints_all_up_after(100)
            + r#"
event zeek_init()
	{
	if ( Supervisor::is_supervised() )
		return;
	local i = 0;
	while ( ++i <= 100 )
		Supervisor::create([$name=fmt("n%d", i)]);
	}
"#),
        &[],
    );
    wait_for(Duration::from_secs(20), || {
        read(&t.dir.join("out")).contains("all up")
    });
    let stem = t.stem_pid();
    t.signal(libc::SIGTERM);
    assert!(t.wait_exit(Duration::from_secs(20)).success());
    assert!(!alive(stem));
    assert!(tree::children_of(stem).is_empty());
}

#[test]
fn thirty_two_nodes_with_large_cluster_tables_all_start() {
    let _serial = tree::exclusive();
    let t = Tree::start(
        &(prints_all_up_after(32)
            + r#"
event zeek_init()
	{
	if ( Supervisor::is_supervised() )
		{
		local f = open(Supervisor::node()$name + ".size");
		print f, |Supervisor::node()$cluster|, getenv("CLUSTER_NODE");
		close(f);
		return;
		}
	local cluster: table[string] of Supervisor::ClusterEndpoint;
	local i = 0;
	while ( ++i <= 1024 )
		cluster[fmt("worker-%d", i)] = Supervisor::ClusterEndpoint(
			$role=Supervisor::WORKER, $host=127.0.0.1, $p=count_to_port(10000 + i, tcp));
	i = 0;
	while ( ++i <= 32 )
		Supervisor::create([$name=fmt("worker-%d", i), $cluster=cluster]);
	}
"#),
        &[],
    );
    wait_for(Duration::from_secs(30), || {
        read(&t.dir.join("out")).contains("all up")
    });
    wait_for(Duration::from_secs(10), || {
        (1..=32).all(|i| {
            read(&t.dir.join(format!("worker-{}.size", i))) == format!("1024, worker-{}\n", i)
        })
    });
    t.stop();
}

#[test]
fn node_output_files_and_extra_scripts() {
    let t = Tree::start(
        r#"
redef exit_only_after_terminate = T;
@ifdef ( Extra::loaded )
event zeek_init() &priority=-10 { print "user script saw", Extra::loaded; }
@endif
event zeek_init()
	{
	if ( Supervisor::is_supervised() )
		{
		print "to the file";
		return;
		}
	Supervisor::create([$name="n", $directory="nd", $stdout_file="n.out",
	                    $addl_base_scripts=vector("../base.zeek"),
	                    $addl_user_scripts=vector("../user.zeek")]);
	}
"#,
        &[
            (
                "base.zeek",
                "module Extra; export { global loaded = \"base\" &redef; }\n",
            ),
            (
                "user.zeek",
                "event zeek_init() { print \"after\", Extra::loaded; }\n",
            ),
        ],
    );
    let f = t.dir.join("nd/n.out");
    wait_for(Duration::from_secs(10), || read(&f).lines().count() == 3);
    t.stop();
    // zeek_init handlers: priority 0 in load order (policy, then the user script), then -10.
    assert_eq!(
        read(&f),
        "to the file\nafter, base\nuser script saw, base\n"
    );
    assert!(!read(&t.dir.join("out")).contains("to the file"));
}

/// Nodes that record their pid in NAME.pid and stay up; the supervisor records the stem's pid.
fn pid_reporting_policy(names: &[&str]) -> String {
    let creates: String = names
        .iter()
        .map(|n| format!("Supervisor::create([$name=\"{}\"]);\n", n))
        .collect();
    format!(
        r#"
redef exit_only_after_terminate = T;
event zeek_init()
	{{
	if ( Supervisor::is_supervised() )
		{{
		local f = open(Supervisor::node()$name + ".pid");
		print f, getpid();
		close(f);
		return;
		}}
	{}
	}}
"#,
        creates
    )
}

/// Nodes that append "done" to NAME.done in zeek_done, and record their pid.
fn done_recording_policy(names: &[&str]) -> String {
    pid_reporting_policy(names)
        + r#"
event zeek_done()
	{
	if ( ! Supervisor::is_supervised() )
		return;
	local f = open_for_append(Supervisor::node()$name + ".done");
	print f, "done";
	close(f);
	}
"#
}

#[test]
fn terminal_interrupt_reaches_only_the_supervisor_which_stops_the_tree() {
    let t = Tree::start_in_own_group(&done_recording_policy(&["a", "b"]));
    let pids = t.node_pids(&["a", "b"]);
    // What ^C does: SIGINT to the whole foreground process group.
    unsafe { libc::kill(-t.pid, libc::SIGINT) };
    assert!(t.wait_exit(Duration::from_secs(10)).success());
    for (n, p) in ["a", "b"].iter().zip(&pids) {
        assert_eq!(read(&t.dir.join(format!("{}.done", n))), "done\n");
        assert!(!alive(*p));
    }
    // Each node was told once, by the stem (SIGTERM), not by the terminal.
    let err = read(&t.dir.join("err"));
    assert_eq!(
        err.matches("[a] received termination signal").count(),
        1,
        "{}",
        err
    );
}

#[test]
fn a_stem_stopped_with_sigterm_stops_its_nodes_and_is_revived() {
    let t = Tree::start(&done_recording_policy(&["a"]), &[]);
    let old = t.node_pids(&["a"]);
    let old_stem = t.stem_pid();
    unsafe { libc::kill(old_stem, libc::SIGTERM) };
    wait_for(Duration::from_secs(5), || {
        read(&t.dir.join("a.done")) == "done\n"
    });
    wait_for(Duration::from_secs(5), || {
        t.node_pids_now(&["a"]).is_some_and(|p| p != old)
    });
    assert_ne!(t.stem_pid(), old_stem);
    t.stop();
    assert_eq!(read(&t.dir.join("a.done")), "done\ndone\n");
}

#[test]
fn no_sigkill_setting_keeps_sending_sigterm_and_orphans_still_die() {
    let _serial = tree::exclusive();
    let policy = r#"
redef exit_only_after_terminate = T;
redef Supervisor::node_stop_grace = 0.5 sec;
event Supervisor::node_status(node: string, pid: count)
	{
	schedule 0.3 sec { destroy_it() };
	}
event destroy_it()
	{
	Supervisor::destroy("busy");
	}
event zeek_init()
	{
	if ( ! Supervisor::is_supervised() )
		{
		Supervisor::create([$name="busy"]);
		return;
		}
	local f = open("busy.pid");
	print f, getpid();
	close(f);
	while ( T ) { }
	}
"#;
    let t = Tree::start_with(
        policy,
        &[],
        &["-j", "-b", "policy.zeek"],
        &[("ZEEK_SUPERVISOR_NO_SIGKILL", "1")],
    );
    let busy = t.node_pids(&["busy"])[0];
    std::thread::sleep(Duration::from_millis(1800));
    assert!(alive(busy), "no SIGKILL with ZEEK_SUPERVISOR_NO_SIGKILL");
    // Even then, a busy node does not outlive a vanished supervisor.
    t.signal(libc::SIGKILL);
    wait_for(Duration::from_millis(1500), || !alive(busy));
}

#[test]
fn crash_and_restart_cycles_leave_no_zombies() {
    let t = Tree::start(
        r#"
redef exit_only_after_terminate = T;
global n = 0;
event Supervisor::node_status(node: string, pid: count)
	{
	if ( ++n == 40 )
		print "cycled";
	else
		Supervisor::restart(node);
	}
event zeek_init()
	{
	if ( ! Supervisor::is_supervised() )
		Supervisor::create([$name="r"]);
	}
"#,
        &[],
    );
    wait_for(Duration::from_secs(20), || {
        read(&t.dir.join("out")).contains("cycled")
    });
    let stem = t.stem_pid();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(tree::zombies_of(stem), 0);
    t.stop();
}

/// A waiting supervisor that prints "all up" once `n` nodes have reported running.
fn prints_all_up_after(n: usize) -> String {
    format!(
        r#"
redef exit_only_after_terminate = T;
global up = 0;
event Supervisor::node_status(node: string, pid: count)
	{{
	if ( ++up == {n} )
		print "all up";
	}}
"#
    )
}
