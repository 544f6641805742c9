//! The supervisor <-> stem channel: a non-blocking UNIX stream socket carrying NUL-terminated
//! text messages (Zeek's framing), plus file descriptors passed with SCM_RIGHTS (the read ends of
//! a new node's stdout and stderr pipes travel with its `status` message).
//!
//! Both directions queue what cannot be written yet, so neither side ever blocks on the other
//! (a large `create` and a burst of `status` messages cannot deadlock).

use nix::sys::socket::{self, ControlMessage, ControlMessageOwned, MsgFlags};
use std::collections::VecDeque;
use std::io::IoSlice;
use std::io::IoSliceMut;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};

pub struct Channel {
    sock: OwnedFd,
    inbuf: Vec<u8>,
    /// Messages not yet written, each with the fds that go with its first byte.
    outq: VecDeque<(Vec<u8>, Vec<OwnedFd>)>,
    /// Descriptors received, in order; `status` messages take theirs from the front.
    fds_in: VecDeque<OwnedFd>,
    pub closed: bool,
    /// Reused for every read (the stem reads on each wake-up).
    scratch: Vec<u8>,
}

/// One end of a fresh channel pair: (ours, theirs). Theirs is inherited by the forked child.
pub fn pair() -> nix::Result<(OwnedFd, OwnedFd)> {
    socket::socketpair(
        socket::AddressFamily::Unix,
        socket::SockType::Stream,
        None,
        socket::SockFlag::SOCK_CLOEXEC,
    )
}

impl Channel {
    pub fn new(sock: OwnedFd) -> Channel {
        set_nonblocking(sock.as_raw_fd());
        Channel {
            sock,
            inbuf: Vec::new(),
            outq: VecDeque::new(),
            fds_in: VecDeque::new(),
            closed: false,
            scratch: vec![0u8; 64 * 1024],
        }
    }

    pub fn fd(&self) -> BorrowedFd<'_> {
        self.sock.as_fd()
    }

    /// Queue a message (and descriptors to pass with it), then write what the socket takes.
    pub fn send(&mut self, msg: &str, fds: Vec<OwnedFd>) {
        let mut bytes = msg.as_bytes().to_vec();
        bytes.push(0);
        self.outq.push_back((bytes, fds));
        self.flush();
    }

    pub fn wants_write(&self) -> bool {
        !self.outq.is_empty() && !self.closed
    }

    /// Write queued messages until the socket would block.
    pub fn flush(&mut self) {
        while let Some((bytes, fds)) = self.outq.front_mut() {
            let raw: Vec<RawFd> = fds.iter().map(|f| f.as_raw_fd()).collect();
            let cmsg = [ControlMessage::ScmRights(&raw)];
            let cmsgs: &[ControlMessage] = if raw.is_empty() { &[] } else { &cmsg };
            let iov = [IoSlice::new(bytes)];
            match socket::sendmsg::<()>(
                self.sock.as_raw_fd(),
                &iov,
                cmsgs,
                MsgFlags::MSG_NOSIGNAL,
                None,
            ) {
                Ok(n) => {
                    // The descriptors went with the first byte; our copies can close.
                    fds.clear();
                    if n >= bytes.len() {
                        self.outq.pop_front();
                    } else {
                        bytes.drain(..n);
                    }
                }
                Err(nix::errno::Errno::EINTR) => {}
                Err(nix::errno::Errno::EAGAIN) => return,
                Err(_) => {
                    self.closed = true;
                    self.outq.clear();
                    return;
                }
            }
        }
    }

    /// Read what is available; return the complete messages. Sets `closed` at end of file.
    pub fn receive(&mut self) -> Vec<String> {
        let mut buf = std::mem::take(&mut self.scratch);
        loop {
            let mut cmsg_space = nix::cmsg_space!([RawFd; 16]);
            let mut iov = [IoSliceMut::new(&mut buf)];
            let r = socket::recvmsg::<()>(
                self.sock.as_raw_fd(),
                &mut iov,
                Some(&mut cmsg_space),
                MsgFlags::MSG_CMSG_CLOEXEC,
            );
            let (n, fds) = match r {
                Ok(m) => {
                    let mut fds = Vec::new();
                    for c in m.cmsgs().into_iter().flatten() {
                        if let ControlMessageOwned::ScmRights(raw) = c {
                            fds.extend(raw);
                        }
                    }
                    (m.bytes, fds)
                }
                Err(nix::errno::Errno::EINTR) => continue,
                Err(nix::errno::Errno::EAGAIN) => break,
                Err(_) => {
                    self.closed = true;
                    break;
                }
            };
            for fd in fds {
                self.fds_in.push_back(unsafe { OwnedFd::from_raw_fd(fd) });
            }
            if n == 0 {
                self.closed = true;
                break;
            }
            self.inbuf.extend_from_slice(&buf[..n]);
        }
        self.scratch = buf;
        self.split_messages()
    }

    fn split_messages(&mut self) -> Vec<String> {
        let mut msgs = Vec::new();
        let mut start = 0;
        while let Some(end) = self.inbuf[start..].iter().position(|&b| b == 0) {
            let m = &self.inbuf[start..start + end];
            msgs.push(String::from_utf8_lossy(m).into_owned());
            start += end + 1;
        }
        self.inbuf.drain(..start);
        msgs
    }

    /// The next passed descriptor, in arrival order.
    pub fn take_fd(&mut self) -> Option<OwnedFd> {
        self.fds_in.pop_front()
    }
}

pub fn set_nonblocking(fd: RawFd) {
    use nix::fcntl::{fcntl, FcntlArg, OFlag};
    if let Ok(fl) = fcntl(fd, FcntlArg::F_GETFL) {
        let fl = OFlag::from_bits_truncate(fl) | OFlag::O_NONBLOCK;
        let _ = fcntl(fd, FcntlArg::F_SETFL(fl));
    }
}
