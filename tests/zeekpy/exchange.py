"""Exchange events with a zeekling process through zeekpy (PyPI), Zeek's WebSocket API client.

Usage: exchange.py PORT. Publishes `ping` with a count, a string, a set, a table and a record;
zeekling answers with `pong` carrying them back (the count incremented). Prints OK on success.
"""

import dataclasses
import sys

from zeekpy import Zeek, count


@dataclasses.dataclass
class Info:
    name: str
    n: count


port = int(sys.argv[1])
zeek = Zeek(f"ws://127.0.0.1:{port}/v1/messages/json", topics=["/zeekpy/pong"])
got = []


@zeek.on("pong")
def pong(n: count, s: str, names: set[str], t: dict[str, count], r: Info):
    got.append((n, s, names, t, r))
    zeek.stop()


with zeek:
    zeek.publish(
        "/zeekpy/ping",
        "ping",
        [count(41), "hello", {"a", "b"}, {"k": count(7)}, Info("x", count(3))],
    )
    zeek.consume(timeout=10)

assert got == [(42, "hello", {"a", "b"}, {"k": 7}, Info("x", 3))], got
print("OK")
