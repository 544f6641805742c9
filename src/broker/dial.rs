//! The peering side of a connection, without ever blocking the event loop: a non-blocking TCP
//! connect, then the WebSocket upgrade, each advanced a step per loop turn.

use std::net::{TcpStream, ToSocketAddrs};
use std::os::fd::{AsFd, BorrowedFd};
use std::time::{Duration, Instant};
use tungstenite::client::IntoClientRequest;
use tungstenite::handshake::client::{ClientHandshake, Request};
use tungstenite::handshake::MidHandshake;
use tungstenite::{HandshakeError, WebSocket};

/// How long connecting and upgrading may take together.
const LIMIT: Duration = Duration::from_secs(5);

/// A connection on its way to becoming a peering.
pub enum Dialing {
    Connecting {
        stream: TcpStream,
        req: Box<Request>,
        since: Instant,
    },
    Upgrading {
        mid: Box<MidHandshake<ClientHandshake<TcpStream>>>,
        since: Instant,
    },
}

pub enum Step {
    Ready(Box<WebSocket<TcpStream>>),
    Pending(Dialing),
    Failed(String),
}

/// Start connecting to the WebSocket API at `addr:port`, naming ourselves `our_id`.
pub fn start(addr: &str, port: u16, our_id: &str) -> Step {
    match begin(addr, port, our_id) {
        Ok(d) => d.advance(),
        Err(e) => Step::Failed(e),
    }
}

fn begin(addr: &str, port: u16, our_id: &str) -> Result<Dialing, String> {
    use nix::sys::socket::{self, AddressFamily, SockFlag, SockType, SockaddrIn, SockaddrIn6};
    let sa = (addr, port)
        .to_socket_addrs()
        .map_err(|e| e.to_string())?
        .next()
        .ok_or("no address")?;
    let family = if sa.is_ipv4() {
        AddressFamily::Inet
    } else {
        AddressFamily::Inet6
    };
    let flags = SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC;
    let fd = socket::socket(family, SockType::Stream, flags, None).map_err(|e| e.to_string())?;
    use std::os::fd::AsRawFd;
    let r = match sa {
        std::net::SocketAddr::V4(a) => socket::connect(fd.as_raw_fd(), &SockaddrIn::from(a)),
        std::net::SocketAddr::V6(a) => socket::connect(fd.as_raw_fd(), &SockaddrIn6::from(a)),
    };
    match r {
        Ok(()) | Err(nix::errno::Errno::EINPROGRESS) => {}
        Err(e) => return Err(e.to_string()),
    }
    let stream = TcpStream::from(fd);
    let _ = stream.set_nodelay(true);
    let host = if addr.contains(':') {
        format!("[{}]", addr)
    } else {
        addr.to_string()
    };
    let mut req = format!("ws://{}:{}{}", host, port, super::PATH)
        .into_client_request()
        .map_err(|e| e.to_string())?;
    if let Ok(v) = our_id.parse() {
        req.headers_mut().insert(super::ENDPOINT_HEADER, v);
    }
    Ok(Dialing::Connecting {
        stream,
        req: Box::new(req),
        since: Instant::now(),
    })
}

impl Dialing {
    fn since(&self) -> Instant {
        match self {
            Dialing::Connecting { since, .. } | Dialing::Upgrading { since, .. } => *since,
        }
    }

    /// The descriptor to poll, and whether we wait to write (connecting) or to read.
    pub fn poll_interest(&self) -> (BorrowedFd<'_>, nix::poll::PollFlags) {
        use nix::poll::PollFlags;
        match self {
            Dialing::Connecting { stream, .. } => (stream.as_fd(), PollFlags::POLLOUT),
            Dialing::Upgrading { mid, .. } => (mid.get_ref().get_ref().as_fd(), PollFlags::POLLIN),
        }
    }

    /// Go as far as possible without blocking.
    pub fn advance(self) -> Step {
        if self.since().elapsed() > LIMIT {
            return Step::Failed("timed out".into());
        }
        match self {
            Dialing::Connecting { stream, req, since } => {
                if let Ok(Some(e)) | Err(e) = stream.take_error() {
                    return Step::Failed(e.to_string());
                }
                if stream.peer_addr().is_err() {
                    return Step::Pending(Dialing::Connecting { stream, req, since });
                }
                let r =
                    tungstenite::client::client_with_config(*req, stream, Some(super::ws_config()));
                upgraded(r.map(|(ws, _)| ws), since)
            }
            Dialing::Upgrading { mid, since } => upgraded(mid.handshake().map(|(ws, _)| ws), since),
        }
    }
}

fn upgraded(
    r: Result<WebSocket<TcpStream>, HandshakeError<ClientHandshake<TcpStream>>>,
    since: Instant,
) -> Step {
    match r {
        Ok(ws) => Step::Ready(Box::new(ws)),
        Err(HandshakeError::Interrupted(mid)) => Step::Pending(Dialing::Upgrading {
            mid: Box::new(mid),
            since,
        }),
        Err(HandshakeError::Failure(e)) => Step::Failed(e.to_string()),
    }
}
