//! Broker-style publish/subscribe between processes, spoken as Zeek's WebSocket API (JSON v1):
//! `Broker::listen` serves `/v1/messages/json`, `Broker::peer` connects to such a server (ours or
//! Zeek's). A client's first message lists the topic prefixes it subscribes to; the server
//! answers with an ack, and from then on both sides exchange `data-message`s. A client sends
//! everything it publishes (the server delivers what matches its own subscriptions); a server
//! sends a client what matches the client's prefixes. Nothing is echoed to its sender.
//!
//! - `wire.rs`: the JSON v1 encoding of values and events

mod dial;
pub mod wire;

use serde_json::{json, Value as Json};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::ErrorKind;
use std::net::{TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::os::fd::{AsFd, BorrowedFd};
use std::rc::Rc;
use std::time::{Duration, Instant};
use tungstenite::{Message, Utf8Bytes, WebSocket};

/// Largest message accepted from a peer; larger ones close the connection.
const MAX_MESSAGE: usize = 16 << 20;
/// Messages queued to a peer that does not read; past this the peer is dropped.
const MAX_BACKLOG: usize = 64 << 20;
/// What one turn of the event loop reads from a peer at most, so that a fast sender cannot
/// pile up unbounded work (and memory) before any of it is handled; the rest waits in the
/// socket, and the next turn does not sleep.
const READ_MESSAGES: usize = 4096;
const READ_BYTES: usize = 4 << 20;
/// Queued bytes that prompt a write before the event loop's next turn: a long handler that
/// publishes a burst keeps the peer busy instead of handing it everything at the end, and a
/// full socket costs one failed write per this much, not one per message.
const WRITE_AT: usize = 64 << 10;
pub(crate) const PATH: &str = "/v1/messages/json";
/// The HTTP header a zeekling peer names its endpoint id with (a plain WebSocket client gets an
/// id from the server, as in Zeek).
pub(crate) const ENDPOINT_HEADER: &str = "X-Zeekling-Endpoint";
/// The version a zeekling server puts in its ack; such a server also takes `subscriptions`
/// updates, so subscriptions made after peering reach it (Zeek's API fixes them at connect).
const VERSION: &str = "zeekling";
const SUBSCRIPTIONS: &str = "zeekling-subscriptions";

/// What the scripts hear about.
pub enum Event {
    PeerAdded {
        peer: PeerInfo,
    },
    PeerLost {
        peer: PeerInfo,
    },
    /// A peering ended by `Broker::unpeer`.
    PeerRemoved {
        peer: PeerInfo,
    },
    /// A peering attempt failed (`Broker::error` with PEER_UNAVAILABLE).
    Unavailable(String),
    /// A data-message for one of our subscriptions (its JSON text, read by the interpreter
    /// against the event's declaration), and the id of the peer it came from.
    Message(Utf8Bytes, String),
    Error(String),
}

/// Who a peer is, for the scripts' peer events.
pub struct PeerInfo {
    pub id: String,
    pub addr: String,
    pub port: u16,
    /// A client of a `Cluster::listen_websocket` server (websocket_client_* events).
    pub websocket_client: bool,
    /// The client's subscriptions.
    pub subs: Vec<String>,
}

#[derive(PartialEq, Clone, Copy)]
enum State {
    /// Server side: waiting for the client's subscription list.
    AwaitTopics,
    /// Client side: waiting for the server's ack.
    AwaitAck,
    Ready,
}

struct Peer {
    ws: WebSocket<TcpStream>,
    state: State,
    /// We connected (and are the WebSocket client).
    outbound: bool,
    /// The remote side's subscriptions (server side only).
    subs: Vec<String>,
    id: String,
    addr: String,
    port: u16,
    /// Messages not yet handed to the WebSocket (whose own buffer is kept small, as it shifts
    /// its whole content after every partial write), and their size.
    queue: VecDeque<Utf8Bytes>,
    queued: usize,
    /// Bytes queued since the last write attempt.
    fresh: usize,
    /// The WebSocket holds bytes the socket has not taken yet.
    unflushed: bool,
    /// More than MAX_BACKLOG queued: the peer is dropped.
    stuck: bool,
    /// The last turn stopped reading at its limit.
    more: bool,
    /// Accepted by a `Cluster::listen_websocket` listener.
    websocket_client: bool,
    /// The server is a zeekling (it takes subscription updates).
    zeekling_server: bool,
}

impl Peer {
    fn new(ws: WebSocket<TcpStream>, state: State, id: String, addr: String, port: u16) -> Peer {
        Peer {
            ws,
            state,
            outbound: state == State::AwaitAck,
            subs: Vec::new(),
            id,
            addr,
            port,
            queue: VecDeque::new(),
            queued: 0,
            fresh: 0,
            unflushed: false,
            stuck: false,
            more: false,
            websocket_client: false,
            zeekling_server: false,
        }
    }

    /// A client of one of our listeners, waiting for its subscription list.
    fn accepted(ws: WebSocket<TcpStream>, from: &Accepted) -> Peer {
        let id = from.peer_id.borrow().clone().unwrap_or_else(new_id);
        let (addr, port) = (from.addr.ip().to_string(), from.addr.port());
        Peer {
            websocket_client: from.websocket_client,
            ..Peer::new(ws, State::AwaitTopics, id, addr, port)
        }
    }

    /// A server we connected to, waiting for its ack.
    fn dialed(ws: WebSocket<TcpStream>, addr: &str, port: u16) -> Peer {
        Peer::new(ws, State::AwaitAck, String::new(), addr.to_string(), port)
    }
}

/// A `Broker::peer` target: connected, or retried every `retry`.
struct Dialer {
    addr: String,
    port: u16,
    retry: Duration,
    next_try: Option<Instant>,
    /// A connection attempt under way.
    dialing: Option<dial::Dialing>,
}

pub struct Broker {
    pub id: String,
    /// Listening sockets, and whether each serves `Cluster::listen_websocket` clients.
    listeners: Vec<(TcpListener, bool)>,
    peers: Vec<Peer>,
    dialers: Vec<Dialer>,
    subs: Vec<String>,
    /// Events raised outside `service` (by `unpeer`), handed over at the next service.
    pending: Vec<Event>,
    /// Listens that failed and are retried: address, port, retry interval, next attempt.
    retry_listens: Vec<(String, u16, Duration, Instant)>,
    /// Accepted connections still upgrading to WebSocket.
    handshaking: Vec<Handshaking>,
}

impl Default for Broker {
    fn default() -> Broker {
        Broker {
            id: new_id(),
            listeners: Vec::new(),
            peers: Vec::new(),
            dialers: Vec::new(),
            subs: Vec::new(),
            pending: Vec::new(),
            retry_listens: Vec::new(),
            handshaking: Vec::new(),
        }
    }
}

/// A random endpoint id in UUID form.
fn new_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    let a = h.finish();
    h.write_u64(a);
    let b = h.finish();
    let x = format!("{:016x}{:016x}", a, b);
    format!(
        "{}-{}-{}-{}-{}",
        &x[..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..32]
    )
}

fn matches(subs: &[String], topic: &str) -> bool {
    subs.iter().any(|s| topic.starts_with(s.as_str()))
}

impl Broker {
    /// Listen on `addr:port` (port 0 picks one) for peers, or for WebSocket API clients
    /// (`websocket`); the bound port.
    pub fn listen(&mut self, addr: &str, port: u16, websocket: bool) -> std::io::Result<u16> {
        let addr = if addr.is_empty() { "127.0.0.1" } else { addr };
        let addr = addr.trim_start_matches('[').trim_end_matches(']');
        let l = TcpListener::bind((addr, port))?;
        l.set_nonblocking(true)?;
        let bound = l.local_addr()?.port();
        self.listeners.push((l, websocket));
        Ok(bound)
    }

    /// Try listening again every `retry` (Broker::listen's retry argument) after a failure.
    pub fn retry_listen(&mut self, addr: &str, port: u16, retry: f64) {
        let retry = Duration::from_secs_f64(retry);
        let next = Instant::now() + retry;
        self.retry_listens
            .push((addr.to_string(), port, retry, next));
    }

    fn listen_due(&mut self) {
        let now = Instant::now();
        let due: Vec<_> = self
            .retry_listens
            .iter()
            .filter(|r| r.3 <= now)
            .cloned()
            .collect();
        self.retry_listens.retain(|r| r.3 > now);
        for (addr, port, retry, _) in due {
            if self.listen(&addr, port, false).is_err() {
                self.retry_listens.push((addr, port, retry, now + retry));
            }
        }
    }

    /// A peer has more to read now: the event loop should not sleep.
    pub fn busy(&self) -> bool {
        self.peers.iter().any(|p| p.more)
    }

    /// Listening or peering: the event loop keeps running for it.
    pub fn is_active(&self) -> bool {
        !self.listeners.is_empty()
            || !self.dialers.is_empty()
            || !self.peers.is_empty()
            || !self.retry_listens.is_empty()
    }

    /// Peer with a server; the connection is made (and remade) by the event loop.
    pub fn peer(&mut self, addr: &str, port: u16, retry: f64) {
        self.dialers.push(Dialer {
            addr: addr.to_string(),
            port,
            retry: Duration::from_secs_f64(retry.max(0.1)),
            next_try: Some(Instant::now()),
            dialing: None,
        });
    }

    /// Stop peering with `addr:port`; false if there was no such peering.
    pub fn unpeer(&mut self, addr: &str, port: u16) -> bool {
        let before = self.dialers.len();
        self.dialers.retain(|d| !(d.addr == addr && d.port == port));
        let mut found = self.dialers.len() != before;
        let mut i = 0;
        while i < self.peers.len() {
            let p = &self.peers[i];
            if p.outbound && p.addr == addr && p.port == port {
                let mut p = self.peers.remove(i);
                // What was published before the unpeer still goes out (as far as the socket
                // takes it), then the close frame.
                pump(&mut p);
                let _ = p.ws.close(None);
                let _ = p.ws.flush();
                if p.state == State::Ready {
                    self.pending.push(Event::PeerRemoved { peer: info(&p) });
                }
                found = true;
            } else {
                i += 1;
            }
        }
        found
    }

    pub fn subscribe(&mut self, prefix: &str) {
        if !self.subs.iter().any(|s| s == prefix) {
            self.subs.push(prefix.to_string());
            self.announce_subscriptions();
        }
    }

    pub fn unsubscribe(&mut self, prefix: &str) -> bool {
        let before = self.subs.len();
        self.subs.retain(|s| s != prefix);
        let changed = before != self.subs.len();
        if changed {
            self.announce_subscriptions();
        }
        changed
    }

    /// Tell the zeekling servers we peer with about our current subscriptions.
    fn announce_subscriptions(&mut self) {
        let msg = Utf8Bytes::from(json!({"type": SUBSCRIPTIONS, "topics": self.subs}).to_string());
        for p in &mut self.peers {
            if p.outbound && p.zeekling_server && p.state == State::Ready {
                send(p, msg.clone());
            }
        }
    }

    /// Send a data-message (JSON text) to every peer that should see it.
    pub fn publish(&mut self, msg: String, topic: &str) {
        // Shared, not copied, between the peers.
        let msg = Utf8Bytes::from(msg);
        for p in self.peers.iter_mut().filter(|p| p.state == State::Ready) {
            if p.outbound || matches(&p.subs, topic) {
                send(p, msg.clone());
            }
        }
        self.drop_stuck_peers();
    }

    /// Descriptors to poll, in the order `service` expects their results.
    pub fn poll_set(&self) -> Vec<(BorrowedFd<'_>, nix::poll::PollFlags)> {
        use nix::poll::PollFlags;
        let mut v: Vec<_> = self
            .listeners
            .iter()
            .map(|(l, _)| (l.as_fd(), PollFlags::POLLIN))
            .collect();
        v.extend(
            self.dialers
                .iter()
                .filter_map(|d| d.dialing.as_ref())
                .map(|d| d.poll_interest()),
        );
        for h in &self.handshaking {
            // The connection is open for as long as its entry exists.
            v.push((
                unsafe { BorrowedFd::borrow_raw(h.from.fd) },
                PollFlags::POLLIN,
            ));
        }
        for p in &self.peers {
            let mut f = PollFlags::POLLIN;
            if p.unflushed || !p.queue.is_empty() {
                f |= PollFlags::POLLOUT;
            }
            v.push((p.ws.get_ref().as_fd(), f));
        }
        v
    }

    /// Accept, dial, read and flush; append what scripts must see.
    pub fn service(&mut self, out: &mut Vec<Event>) {
        out.append(&mut self.pending);
        // What the last turn's handlers published goes out before we read more.
        self.write_all();
        self.listen_due();
        self.accept_all(out);
        self.dial_due(out);
        let mut i = 0;
        while i < self.peers.len() {
            if self.read_peer(i, out) {
                i += 1;
            } else {
                let p = self.peers.remove(i);
                self.peer_gone(p, out);
            }
        }
        // Replies queued while reading.
        self.write_all();
        self.drop_stuck_peers();
    }

    fn write_all(&mut self) {
        for p in &mut self.peers {
            if p.unflushed || !p.queue.is_empty() {
                pump(p);
            }
        }
    }

    fn accept_all(&mut self, out: &mut Vec<Event>) {
        let mut accepted = Vec::new();
        for (l, websocket) in &self.listeners {
            while let Ok((s, addr)) = l.accept() {
                accepted.push((s, addr, *websocket));
            }
        }
        for (s, addr, websocket_client) in accepted {
            if s.set_nonblocking(true).is_err() {
                continue;
            }
            let from = Accepted {
                fd: s.as_raw_fd(),
                peer_id: Rc::new(RefCell::new(None)),
                addr,
                websocket_client,
                since: Instant::now(),
            };
            let check = Upgrade {
                peer_id: from.peer_id.clone(),
            };
            let step = upgraded(tungstenite::accept_hdr_with_config(
                s,
                check,
                Some(ws_config()),
            ));
            self.settle(step, from, out);
        }
        self.continue_handshakes(out);
    }

    /// Advance the upgrades under way; drop the ones that take too long.
    fn continue_handshakes(&mut self, out: &mut Vec<Event>) {
        for h in std::mem::take(&mut self.handshaking) {
            if h.from.since.elapsed() > HANDSHAKE_LIMIT {
                out.push(handshake_failed("timed out"));
                continue;
            }
            let step = upgraded(h.mid.handshake());
            self.settle(step, h.from, out);
        }
    }

    /// Where an upgrade step of an accepted connection leads: a peer, a wait, or an error.
    fn settle(&mut self, step: Upgraded, from: Accepted, out: &mut Vec<Event>) {
        match step {
            Upgraded::Done(ws) => self.peers.push(Peer::accepted(ws, &from)),
            Upgraded::Waiting(mid) => self.handshaking.push(Handshaking { mid, from }),
            Upgraded::Failed(e) => out.push(handshake_failed(&e)),
        }
    }

    /// Start due connection attempts and advance the ones under way.
    fn dial_due(&mut self, out: &mut Vec<Event>) {
        let now = Instant::now();
        let topics = Utf8Bytes::from(json!(self.subs).to_string());
        for i in 0..self.dialers.len() {
            let d = &mut self.dialers[i];
            let step = match d.dialing.take() {
                Some(dialing) => dialing.advance(),
                None if d.next_try.is_some_and(|t| t <= now) => {
                    dial::start(&d.addr, d.port, &self.id)
                }
                None => continue,
            };
            match step {
                dial::Step::Pending(dialing) => d.dialing = Some(dialing),
                dial::Step::Ready(ws) => {
                    d.next_try = None;
                    let mut p = Peer::dialed(*ws, &d.addr, d.port);
                    // The handshake's first message: what we subscribe to.
                    send(&mut p, topics.clone());
                    self.peers.push(p);
                }
                dial::Step::Failed(e) => {
                    d.next_try = Some(now + d.retry);
                    out.push(Event::Unavailable(format!(
                        "unable to connect to {}:{}: {}",
                        d.addr, d.port, e
                    )));
                }
            }
        }
    }

    /// Read what peer `i` sent; false when the connection is gone.
    fn read_peer(&mut self, i: usize, out: &mut Vec<Event>) -> bool {
        let (mut count, mut bytes) = (0, 0);
        self.peers[i].more = false;
        loop {
            if count >= READ_MESSAGES || bytes >= READ_BYTES {
                self.peers[i].more = true;
                return true;
            }
            let read = self.peers[i].ws.read();
            count += 1;
            let msg = match read {
                Ok(Message::Text(t)) => t,
                Ok(Message::Close(_)) => return false,
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e)) if e.kind() == ErrorKind::WouldBlock => return true,
                Err(_) => return false,
            };
            bytes += msg.len();
            let Some(env) = wire::envelope(msg.as_str()) else {
                self.reply_error(i, "deserialization_failed", "input is not valid JSON");
                continue;
            };
            if self.peers[i].state == State::Ready && env.kind.as_deref() == Some("data-message") {
                let topic = env.topic.as_deref().unwrap_or("");
                self.route(i, topic, &msg, out);
                continue;
            }
            // Handshakes and control messages are few: a JSON tree is simplest for them.
            let Ok(j) = serde_json::from_str::<Json>(msg.as_str()) else {
                self.reply_error(i, "deserialization_failed", "input is not valid JSON");
                continue;
            };
            if !self.handle(i, j, out) {
                return false;
            }
        }
    }

    /// Act on one message from peer `i`; false to drop the peer.
    fn handle(&mut self, i: usize, j: Json, out: &mut Vec<Event>) -> bool {
        let p = &mut self.peers[i];
        match p.state {
            State::AwaitTopics => {
                let Some(topics) = j.as_array() else {
                    self.reply_error(i, "deserialization_failed", "expected a list of topics");
                    return false;
                };
                p.subs = topics
                    .iter()
                    .filter_map(|t| t.as_str().map(String::from))
                    .collect();
                let ack = json!({"type": "ack", "endpoint": self.id, "version": VERSION});
                send(p, ack.to_string().into());
                p.state = State::Ready;
                out.push(added(p));
            }
            State::AwaitAck => {
                if j.get("type").and_then(Json::as_str) != Some("ack") {
                    return false;
                }
                p.id = j
                    .get("endpoint")
                    .and_then(Json::as_str)
                    .unwrap_or("")
                    .to_string();
                p.zeekling_server = j.get("version").and_then(Json::as_str) == Some(VERSION);
                p.state = State::Ready;
                out.push(added(p));
                // Subscriptions made while the handshake was under way.
                if p.zeekling_server {
                    let msg = json!({"type": SUBSCRIPTIONS, "topics": self.subs}).to_string();
                    send(p, msg.into());
                }
            }
            State::Ready => match j.get("type").and_then(Json::as_str) {
                Some(SUBSCRIPTIONS) if !p.outbound => {
                    p.subs = j
                        .get("topics")
                        .and_then(Json::as_array)
                        .map(|t| {
                            t.iter()
                                .filter_map(|x| x.as_str().map(String::from))
                                .collect()
                        })
                        .unwrap_or_default();
                }
                Some("error") => out.push(Event::Error(format!("peer reported: {}", j))),
                _ => self.reply_error(i, "deserialization_failed", "unknown message type"),
            },
        }
        true
    }

    /// A data-message from peer `i`: ours if we subscribed; passed on to the other clients
    /// subscribed to it (a listening process is the hub of its clients).
    fn route(&mut self, from: usize, topic: &str, raw: &Utf8Bytes, out: &mut Vec<Event>) {
        let from_client = !self.peers[from].outbound;
        if from_client {
            // Relayed as received: no second encoding.
            for (k, p) in self.peers.iter_mut().enumerate() {
                if k != from && !p.outbound && p.state == State::Ready && matches(&p.subs, topic) {
                    send(p, raw.clone());
                }
            }
        }
        if matches(&self.subs, topic) {
            out.push(Event::Message(raw.clone(), self.peers[from].id.clone()));
        }
    }

    /// Tell peer `id` that its message was refused (a WebSocket API error message).
    pub fn refuse(&mut self, id: &str, code: &str, context: &str) {
        if let Some(i) = self.peers.iter().position(|p| p.id == id) {
            self.reply_error(i, code, context);
        }
    }

    fn reply_error(&mut self, i: usize, code: &str, context: &str) {
        let e = json!({"type": "error", "code": code, "context": context});
        send(&mut self.peers[i], e.to_string().into());
    }

    fn peer_gone(&mut self, p: Peer, out: &mut Vec<Event>) {
        if p.state == State::Ready {
            out.push(Event::PeerLost { peer: info(&p) });
        }
        if p.outbound {
            for d in &mut self.dialers {
                if d.addr == p.addr && d.port == p.port && d.next_try.is_none() {
                    d.next_try = Some(Instant::now() + d.retry);
                }
            }
        }
    }

    /// A peer that stopped reading (or reads slower than we publish) is dropped once
    /// MAX_BACKLOG is queued for it, not buffered forever; scripts hear of it as a lost peer
    /// (at the next service), and a peering is retried.
    fn drop_stuck_peers(&mut self) {
        let mut lost = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < self.peers.len() {
            if self.peers[i].stuck {
                let p = self.peers.remove(i);
                self.peer_gone(p, &mut lost);
            } else {
                i += 1;
            }
        }
        self.pending = lost;
    }
}

fn handshake_failed(why: &str) -> Event {
    Event::Error(format!("WebSocket handshake failed: {}", why))
}

fn added(p: &Peer) -> Event {
    Event::PeerAdded { peer: info(p) }
}

fn info(p: &Peer) -> PeerInfo {
    PeerInfo {
        id: p.id.clone(),
        addr: p.addr.clone(),
        port: p.port,
        websocket_client: p.websocket_client,
        subs: p.subs.clone(),
    }
}

/// Queue a message to `p`. Small messages are written together (when WRITE_AT bytes have
/// gathered, or when the event loop next services the peers), so a burst costs few system calls.
fn send(p: &mut Peer, text: Utf8Bytes) {
    p.queued += text.len();
    p.fresh += text.len();
    p.queue.push_back(text);
    if p.queued > MAX_BACKLOG {
        p.stuck = true;
    } else if p.fresh >= WRITE_AT {
        pump(p);
    }
}

/// Hand queued messages to the WebSocket, which writes them in large chunks, until the socket
/// takes no more. The WebSocket's own buffer stays near its write size (128 KiB): what the
/// socket does not take waits in the queue.
fn pump(p: &mut Peer) {
    p.fresh = 0;
    let mut step = p.ws.flush();
    loop {
        match step {
            Ok(()) => {}
            Err(tungstenite::Error::Io(e)) if e.kind() == ErrorKind::WouldBlock => {
                p.unflushed = true;
                return;
            }
            Err(_) => {
                // The connection is broken (reading will notice): nothing more goes out.
                p.unflushed = false;
                p.queue.clear();
                p.queued = 0;
                return;
            }
        }
        // Past its write size the WebSocket writes by itself; when the socket is full, that
        // write reports WouldBlock and keeps the message in the WebSocket's buffer.
        step = match p.queue.pop_front() {
            Some(m) => {
                p.queued -= m.len();
                p.ws.write(Message::Text(m))
            }
            None => match p.ws.flush() {
                Ok(()) => {
                    p.unflushed = false;
                    return;
                }
                e => e,
            },
        };
    }
}

pub(crate) fn ws_config() -> tungstenite::protocol::WebSocketConfig {
    tungstenite::protocol::WebSocketConfig::default()
        .max_message_size(Some(MAX_MESSAGE))
        .max_frame_size(Some(MAX_MESSAGE))
}

/// The upgrade request check of an accepted connection: the API's path, and the endpoint id a
/// zeekling peer names itself by.
struct Upgrade {
    peer_id: Rc<RefCell<Option<String>>>,
}

impl tungstenite::handshake::server::Callback for Upgrade {
    fn on_request(
        self,
        req: &tungstenite::handshake::server::Request,
        resp: tungstenite::handshake::server::Response,
    ) -> Result<
        tungstenite::handshake::server::Response,
        tungstenite::handshake::server::ErrorResponse,
    > {
        *self.peer_id.borrow_mut() = req
            .headers()
            .get(ENDPOINT_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        if req.uri().path() == PATH {
            return Ok(resp);
        }
        let msg = format!("no such endpoint: {}", req.uri().path());
        let mut r = tungstenite::handshake::server::ErrorResponse::new(Some(msg));
        *r.status_mut() = tungstenite::http::StatusCode::NOT_FOUND;
        Err(r)
    }
}

type ServerHandshake = tungstenite::handshake::MidHandshake<
    tungstenite::handshake::server::ServerHandshake<TcpStream, Upgrade>,
>;

/// Where an accepted connection came from, while its HTTP upgrade completes.
struct Accepted {
    fd: std::os::fd::RawFd,
    /// Filled in by `Upgrade` once the request is read.
    peer_id: Rc<RefCell<Option<String>>>,
    addr: std::net::SocketAddr,
    websocket_client: bool,
    since: Instant,
}

/// An accepted connection whose upgrade has not completed yet (it never blocks the loop).
struct Handshaking {
    mid: ServerHandshake,
    from: Accepted,
}

/// How long an accepted connection may take to complete its upgrade.
const HANDSHAKE_LIMIT: Duration = Duration::from_secs(5);

enum Upgraded {
    Done(WebSocket<TcpStream>),
    Waiting(ServerHandshake),
    Failed(String),
}

fn upgraded(
    r: Result<
        WebSocket<TcpStream>,
        tungstenite::HandshakeError<
            tungstenite::handshake::server::ServerHandshake<TcpStream, Upgrade>,
        >,
    >,
) -> Upgraded {
    match r {
        Ok(ws) => {
            let _ = ws.get_ref().set_nodelay(true);
            Upgraded::Done(ws)
        }
        Err(tungstenite::HandshakeError::Interrupted(mid)) => Upgraded::Waiting(mid),
        Err(tungstenite::HandshakeError::Failure(e)) => Upgraded::Failed(e.to_string()),
    }
}
