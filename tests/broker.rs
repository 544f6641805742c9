//! Events between real processes over real sockets: zeekling peers speaking Zeek's WebSocket
//! API (JSON v1) with each other and with an outside WebSocket client.

#[path = "support/tree.rs"]
mod tree;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tree::{read, wait_for};

/// A plain (non-supervisor) zeekling process running `script` in `dir`.
struct Proc {
    child: Child,
    out: PathBuf,
}

impl Proc {
    fn start(dir: &Path, name: &str, script: &str) -> Proc {
        std::fs::write(dir.join(format!("{}.zeek", name)), script).unwrap();
        let out = dir.join(format!("{}.out", name));
        let child = Command::new(env!("CARGO_BIN_EXE_zeekling"))
            .args(["-b", &format!("{}.zeek", name)])
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(std::fs::File::create(dir.join(format!("{}.err", name))).unwrap())
            .spawn()
            .unwrap();
        Proc { child, out }
    }

    fn output(&self) -> String {
        read(&self.out)
    }

    fn wait_for_output(&self, text: &str) {
        let limit = Duration::from_secs(10);
        let start = std::time::Instant::now();
        while !self.output().contains(text) {
            assert!(
                start.elapsed() < limit,
                "waiting for {:?}; output so far:\n{}",
                text,
                self.output()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn wait_exit(&mut self) {
        for _ in 0..1000 {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("process did not exit");
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn workdir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("broker-{}", name));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A server that listens on a free port and writes it to `port` (readable with `port_of`).
const LISTEN: &str = r#"
event zeek_init()
	{
	local p = Broker::listen("127.0.0.1", 0/tcp);
	local f = open("port");
	print f, port_to_count(p);
	close(f);
	}
"#;

/// A process named `name` that listens (see LISTEN) and then runs `script`.
fn listening(dir: &Path, name: &str, script: &str) -> Proc {
    Proc::start(dir, name, &format!("{}{}", LISTEN, script))
}

fn port_of(dir: &Path) -> u16 {
    let mut port = 0;
    wait_for(Duration::from_secs(10), || {
        port = read(&dir.join("port")).trim().parse().unwrap_or(0);
        port != 0
    });
    port
}

const TYPES: &str = r#"
type Info: record {
	name: string;
	n: count;
	opt: string &optional;
};
type Color: enum { RED, GREEN };
global values: event(c: count, i: int, d: double, b: bool, s: string, a: addr, sn: subnet,
                     p: port, iv: interval, col: Color, st: set[string],
                     t: table[string] of count, v: vector of int, r: Info);
global reply: event(msg: string);
"#;

#[test]
fn two_processes_exchange_events_of_every_kind() {
    let d = workdir("two");
    let server = Proc::start(
        &d,
        "server",
        &format!(
            "{}{}{}",
            TYPES,
            LISTEN,
            r#"
event zeek_init() { Broker::subscribe("zeekling/test/to-server"); }
event values(c: count, i: int, d: double, b: bool, s: string, a: addr, sn: subnet,
             p: port, iv: interval, col: Color, st: set[string],
             t: table[string] of count, v: vector of int, r: Info)
	{
	print c, i, d, b, s, a, sn, p, iv, col;
	print |st|, "x" in st, t["k"], v, r;
	Broker::publish("zeekling/test/to-client", reply, "got it");
	}
"#
        ),
    );
    let port = port_of(&d);
    let client_script = format!(
        r#"
event zeek_init()
	{{
	Broker::subscribe("zeekling/test/to-client");
	Broker::peer("127.0.0.1", {port}/tcp, 0.2 sec);
	}}
event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{{
	print "peered", endpoint$network$address;
	Broker::publish("zeekling/test/to-server", values, 7, -3, 2.5, T, "a \"quoted\" string",
	                10.0.0.1, 10.0.0.0/8, 443/tcp, 1500 msec, GREEN, set("x", "y"),
	                table(["k"] = 9), vector(1, -2), Info($name="n", $n=5));
	}}
event reply(msg: string)
	{{
	print "reply", msg;
	terminate();
	}}
"#
    );
    let client = Proc::start(&d, "client", &(TYPES.to_string() + &client_script));
    client.wait_for_output("reply, got it");
    assert!(client.output().contains("peered, 127.0.0.1"));
    assert_eq!(
        server.output(),
        "7, -3, 2.5, T, a \"quoted\" string, 10.0.0.1, 10.0.0.0/8, 443/tcp, 1.0 sec 500.0 msecs, GREEN\n\
         2, T, 9, [1, -2], [name=n, n=5, opt=<uninitialized>]\n"
    );
}

#[test]
fn a_listener_relays_between_its_peers_without_echo() {
    let d = workdir("three");
    let hub = listening(
        &d,
        "hub",
        r#"
global chat: event(from: string, n: count);
event zeek_init() { Broker::subscribe("chat"); }
event chat(from: string, n: count) { print "hub heard", from, n; }
"#,
    );
    let port = port_of(&d);
    let peer = |name: &str, sends: bool| {
        let publish = if sends {
            "Broker::publish(\"chat/room\", chat, \"b\", 1);"
        } else {
            "print \"peered\";"
        };
        Proc::start(
            &d,
            name,
            &format!(
                r#"
global chat: event(from: string, n: count);
event zeek_init()
	{{
	Broker::subscribe("chat");
	Broker::peer("127.0.0.1", {port}/tcp, 0.2 sec);
	}}
event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string) {{ {publish} }}
event chat(from: string, n: count) {{ print "{name} heard", from, n; }}
"#
            ),
        )
    };
    // c peers (with its subscription) before b publishes.
    let c = peer("c", false);
    c.wait_for_output("peered");
    let b = peer("b", true);
    c.wait_for_output("c heard, b, 1");
    hub.wait_for_output("hub heard, b, 1");
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !b.output().contains("heard"),
        "no echo to the sender: {}",
        b.output()
    );
}

#[test]
fn a_lost_peer_is_reported_and_the_peering_comes_back() {
    let d = workdir("reconnect");
    let mut server = listening(
        &d,
        "server",
        "event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string) { print \"server peered\"; }\n",
    );
    let port = port_of(&d);
    let client = Proc::start(
        &d,
        "client",
        &format!(
            r#"
event zeek_init() {{ Broker::peer("127.0.0.1", {}/tcp, 0.2 sec); }}
event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string) {{ print "added"; }}
event Broker::peer_lost(endpoint: Broker::EndpointInfo, msg: string) {{ print "lost"; }}
"#,
            port
        ),
    );
    client.wait_for_output("added");
    server.child.kill().unwrap();
    server.wait_exit();
    client.wait_for_output("lost");
    // A new server on the same port: the client peers again by itself.
    std::fs::write(
        d.join("server2.zeek"),
        format!(
            "event zeek_init() {{ Broker::listen(\"127.0.0.1\", {}/tcp); }}\n",
            port
        ),
    )
    .unwrap();
    let _server2 = Proc::start(&d, "server2", &read(&d.join("server2.zeek")));
    client.wait_for_output("added\nlost\nadded\n");
}

#[test]
fn an_outside_websocket_client_publishes_and_subscribes() {
    use tungstenite::Message;
    let d = workdir("websocket");
    let server = listening(
        &d,
        "server",
        r#"
global ping: event(n: count, s: set[string]);
global pong: event(n: count);
event zeek_init() { Broker::subscribe("/test/ping"); }
event ping(n: count, s: set[string])
	{
	print "ping", n, |s|;
	Broker::publish("/test/pong", pong, n + 1);
	}
"#,
    );
    let port = port_of(&d);
    let url = format!("ws://127.0.0.1:{}/v1/messages/json", port);
    let (mut ws, _) = tungstenite::connect(url).unwrap();
    ws.send(Message::text(r#"["/test/pong"]"#)).unwrap();
    let ack: serde_json::Value =
        serde_json::from_str(ws.read().unwrap().to_text().unwrap()).unwrap();
    assert_eq!(ack["type"], "ack");
    // Garbage and a wrongly typed argument get error replies; the server goes on.
    ws.send(Message::text("{not json")).unwrap();
    let err: serde_json::Value =
        serde_json::from_str(ws.read().unwrap().to_text().unwrap()).unwrap();
    assert_eq!(err["type"], "error");
    let event = |arg: &str| {
        format!(
            r#"{{"type":"data-message","topic":"/test/ping","@data-type":"vector","data":[
            {{"@data-type":"count","data":1}},{{"@data-type":"count","data":1}},
            {{"@data-type":"vector","data":[{{"@data-type":"string","data":"ping"}},
            {{"@data-type":"vector","data":[{},
              {{"@data-type":"set","data":[{{"@data-type":"string","data":"a"}}]}}]}}]}}]}}"#,
            arg
        )
    };
    ws.send(Message::text(event(
        r#"{"@data-type":"string","data":"oops"}"#,
    )))
    .unwrap();
    let err: serde_json::Value =
        serde_json::from_str(ws.read().unwrap().to_text().unwrap()).unwrap();
    assert_eq!(err["type"], "error");
    ws.send(Message::text(event(r#"{"@data-type":"count","data":41}"#)))
        .unwrap();
    let pong: serde_json::Value =
        serde_json::from_str(ws.read().unwrap().to_text().unwrap()).unwrap();
    assert_eq!(pong["topic"], "/test/pong");
    assert_eq!(pong["data"][2]["data"][0]["data"], "pong");
    assert_eq!(pong["data"][2]["data"][1]["data"][0]["data"], 42);
    server.wait_for_output("ping, 41, 1");
    let err = read(&d.join("server.err"));
    assert!(err.contains("argument 1 is not a count"), "{}", err);
}

#[test]
fn a_peer_that_stops_reading_is_dropped_and_reported_lost() {
    let d = workdir("stuck");
    let server = listening(
        &d,
        "server",
        r#"
global flood: event(s: string);
event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{
	# 80 MiB, more than a peer may fall behind (64 MiB) plus what the sockets hold.
	local s = "x";
	while ( |s| < 1048576 )
		s = s + s;
	local i = 0;
	while ( ++i <= 80 )
		Broker::publish("/flood", flood, s);
	print "published";
	}
event Broker::peer_lost(endpoint: Broker::EndpointInfo, msg: string)
	{
	print "lost", msg;
	}
"#,
    );
    let port = port_of(&d);
    let url = format!("ws://127.0.0.1:{}/v1/messages/json", port);
    let (mut ws, _) = tungstenite::connect(url).unwrap();
    ws.send(tungstenite::Message::text(r#"["/flood"]"#))
        .unwrap();
    let ack: serde_json::Value =
        serde_json::from_str(ws.read().unwrap().to_text().unwrap()).unwrap();
    assert_eq!(ack["type"], "ack");
    // From here on the client reads nothing.
    server.wait_for_output("published");
    server.wait_for_output("lost, lost connection to remote peer");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn a_supervisor_is_controlled_remotely_by_another_process() {
    let d = workdir("control");
    let port = free_port();
    std::fs::write(
        d.join("supervisor.zeek"),
        "redef SupervisorControl::enable_listen = T;\n\
         event zeek_init() { if ( Supervisor::is_supervised() ) print \"node\", Supervisor::node()$name, \"up\"; }\n\
         event zeek_done() { if ( Supervisor::is_supervisor() ) print \"supervisor done\"; }\n",
    )
    .unwrap();
    let mut sup = Command::new(env!("CARGO_BIN_EXE_zeekling"))
        .args([
            "-j",
            "supervisor.zeek",
            &format!("Broker::default_port={}/tcp", port),
        ])
        .current_dir(&d)
        .stdout(std::fs::File::create(d.join("supervisor.out")).unwrap())
        .stderr(std::fs::File::create(d.join("supervisor.err")).unwrap())
        .spawn()
        .unwrap();
    let controller = Proc::start(
        &d,
        "controller",
        &format!(
            r#"
redef exit_only_after_terminate = T;
global topic = SupervisorControl::topic_prefix;
event zeek_init()
	{{
	Broker::subscribe(topic);
	Broker::peer("127.0.0.1", {port}/tcp, 0.2 sec);
	}}
event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{{
	Broker::publish(topic, SupervisorControl::create_request, "r1",
	                Supervisor::NodeConfig($name="remote"));
	}}
event SupervisorControl::create_response(reqid: string, result: string)
	{{
	print "create", reqid, result == "";
	}}
event SupervisorControl::node_status(node: string, pid: count)
	{{
	print "node_status", node;
	Broker::publish(topic, SupervisorControl::status_request, "r2", "");
	}}
event SupervisorControl::status_response(reqid: string, result: Supervisor::Status)
	{{
	print "status", reqid, |result$nodes|, result$nodes["remote"]$node$name;
	Broker::publish(topic, SupervisorControl::destroy_request, "r3", "remote");
	}}
event SupervisorControl::destroy_response(reqid: string, result: bool)
	{{
	print "destroy", reqid, result;
	Broker::publish(topic, SupervisorControl::stop_request);
	}}
event Broker::peer_lost(endpoint: Broker::EndpointInfo, msg: string)
	{{
	print "supervisor gone";
	terminate();
	}}
"#
        ),
    );
    controller.wait_for_output("supervisor gone");
    assert_eq!(
        controller.output(),
        "create, r1, T\nnode_status, remote\nstatus, r2, 1, remote\ndestroy, r3, T\nsupervisor gone\n"
    );
    assert!(sup.wait().unwrap().success());
    let out = read(&d.join("supervisor.out"));
    assert!(
        out.contains("[supervisor:STDOUT] [remote] node, remote, up"),
        "{}",
        out
    );
    assert!(out.contains("supervisor done\n"), "{}", out);
}

/// The Python with zeekpy that `.ci/run` installs (zeekpy-venv in the target directory:
/// `target/`, or `$CARGO_TARGET_DIR` when cargo builds elsewhere); None if absent.
fn zeekpy_python() -> Option<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let venv = target.join("zeekpy-venv/bin/python");
    let ok = Command::new(&venv)
        .args(["-c", "import zeekpy"])
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(venv)
}

#[test]
fn zeekpy_exchanges_events_with_zeekling() {
    let Some(python) = zeekpy_python() else {
        eprintln!("zeekpy not installed (run .ci/run to set up its zeekpy-venv): skipped");
        return;
    };
    let d = workdir("zeekpy");
    let port = free_port();
    let server = Proc::start(
        &d,
        "server",
        &format!(
            r#"
@load base/frameworks/cluster
type Info: record {{ name: string; n: count; }};
global ping: event(n: count, s: string, names: set[string], t: table[string] of count, r: Info);
global pong: event(n: count, s: string, names: set[string], t: table[string] of count, r: Info);
event zeek_init()
	{{
	Broker::subscribe("/zeekpy/ping");
	Cluster::listen_websocket([$listen_addr=127.0.0.1, $listen_port={port}/tcp]);
	}}
event ping(n: count, s: string, names: set[string], t: table[string] of count, r: Info)
	{{
	print "ping", n, s, |names|, t["k"], r;
	Broker::publish("/zeekpy/pong", pong, n + 1, s, names, t, r);
	}}
"#
        ),
    );
    wait_for(Duration::from_secs(10), || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/zeekpy/exchange.py");
    let out = Command::new(python)
        .arg(script)
        .arg(port.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "OK\n");
    server.wait_for_output("ping, 41, hello, 2, 7, [name=x, n=3]");
}

#[test]
fn unavailable_peers_made_events_and_unpeering() {
    let d = workdir("unpeer");
    let port = free_port();
    let client = Proc::start(
        &d,
        "client",
        &format!(
            r#"
global hello: event(n: count, s: string);
global unavailable_seen = F;
event zeek_init()
	{{
	local f = open("client.id");
	print f, Broker::node_id();
	close(f);
	Broker::peer("127.0.0.1", {port}/tcp, 0.2 sec);
	}}
event Broker::error(code: Broker::ErrorCode, msg: string)
	{{
	if ( code == Broker::PEER_UNAVAILABLE && ! unavailable_seen )
		print "unavailable";
	unavailable_seen = T;
	}}
event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{{
	print "added";
	Broker::publish("greetings", Broker::make_event(hello, 3, "made"));
	Broker::unpeer("127.0.0.1", {port}/tcp);
	}}
event Broker::peer_removed(endpoint: Broker::EndpointInfo, msg: string)
	{{
	print "removed";
	terminate();
	}}
"#
        ),
    );
    client.wait_for_output("unavailable");
    let server = Proc::start(
        &d,
        "server",
        &format!(
            r#"
global hello: event(n: count, s: string);
event zeek_init() {{ Broker::subscribe("greetings"); Broker::listen("127.0.0.1", {port}/tcp); }}
event hello(n: count, s: string) {{ print "hello", n, s; }}
event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{{
	local f = open("peer.id");
	print f, endpoint$id;
	close(f);
	}}
event Broker::peer_lost(endpoint: Broker::EndpointInfo, msg: string) {{ print "lost"; terminate(); }}
"#
        ),
    );
    client.wait_for_output("unavailable\nadded\nremoved\n");
    server.wait_for_output("hello, 3, made\nlost\n");
    // The server names the peering process by that process's own endpoint id.
    assert_eq!(read(&d.join("peer.id")), read(&d.join("client.id")));
}

#[test]
fn a_failed_listen_is_retried() {
    let d = workdir("listen-retry");
    let blocker = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = blocker.local_addr().unwrap().port();
    let server = Proc::start(
        &d,
        "server",
        &format!(
            r#"
redef exit_only_after_terminate = T;
# A failed listen reports an error, which Zeek makes fatal during zeek_init: listen after it.
event start() {{ print "listen", Broker::listen("127.0.0.1", {port}/tcp, 0.2 sec); }}
event zeek_init() {{ schedule 0.01 sec {{ start() }}; }}
event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string) {{ print "added"; terminate(); }}
"#
        ),
    );
    server.wait_for_output("listen, 0/tcp");
    drop(blocker);
    let _client = Proc::start(
        &d,
        "client",
        &format!("event zeek_init() {{ Broker::peer(\"127.0.0.1\", {port}/tcp, 0.2 sec); }}\n"),
    );
    server.wait_for_output("added");
}

#[test]
fn subscriptions_made_after_peering_reach_the_server() {
    let d = workdir("late-subscribe");
    let server = listening(
        &d,
        "server",
        r#"
global ready: event();
global news: event(s: string);
event zeek_init() { Broker::subscribe("control"); }
event ready() { Broker::publish("late/news", news, "fresh"); }
"#,
    );
    let port = port_of(&d);
    let client = Proc::start(
        &d,
        "client",
        &format!(
            r#"
global ready: event();
global news: event(s: string);
event zeek_init() {{ Broker::peer("127.0.0.1", {port}/tcp, 0.2 sec); }}
event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{{
	Broker::subscribe("late/");
	Broker::publish("control", ready);
	}}
event news(s: string) {{ print "news", s; terminate(); }}
"#
        ),
    );
    client.wait_for_output("news, fresh");
    drop(server);
}

#[test]
fn a_silent_connection_does_not_stall_the_server() {
    let d = workdir("silent");
    let server = listening(
        &d,
        "server",
        r#"
global tick: event(n: count);
event tick(n: count)
	{
	print "tick", n;
	if ( n < 5 )
		schedule 50 msec { tick(n + 1) };
	}
event zeek_init() { schedule 50 msec { tick(1) }; }
"#,
    );
    let port = port_of(&d);
    // Connects, and says nothing: not even the HTTP upgrade request.
    let _silent = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let start = std::time::Instant::now();
    server.wait_for_output("tick, 5");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    // And a real client still gets through meanwhile.
    let (mut ws, _) =
        tungstenite::connect(format!("ws://127.0.0.1:{}/v1/messages/json", port)).unwrap();
    ws.send(tungstenite::Message::text("[]")).unwrap();
    let ack: serde_json::Value =
        serde_json::from_str(ws.read().unwrap().to_text().unwrap()).unwrap();
    assert_eq!(ack["type"], "ack");
}

#[test]
fn peering_with_a_server_that_never_answers_does_not_stall() {
    let d = workdir("mute-server");
    // Accepts connections (in the kernel's backlog) but never answers the upgrade.
    let mute = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = mute.local_addr().unwrap().port();
    let start = std::time::Instant::now();
    let client = Proc::start(
        &d,
        "client",
        &format!(
            r#"
global tick: event(n: count);
event tick(n: count)
	{{
	print "tick", n;
	if ( n < 5 )
		schedule 50 msec {{ tick(n + 1) }};
	else
		terminate();
	}}
event zeek_init()
	{{
	Broker::peer("127.0.0.1", {port}/tcp, 0.2 sec);
	schedule 50 msec {{ tick(1) }};
	}}
"#
        ),
    );
    client.wait_for_output("tick, 5");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    drop(mute);
}
