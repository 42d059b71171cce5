"""The server's half of a WebSocket (RFC 6455) that only sends: the handshake and its frames.

The reload notice travels on a WebSocket rather than server-sent events because a browser
keeps at most six HTTP connections to one host and an event stream holds one for as long as
its tab is open: with six preview tabs, a seventh tab or a link followed in any of them
waited for ever. WebSockets are not counted in that pool.
"""

from __future__ import annotations

import base64
import hashlib
import struct

HANDSHAKE_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # fixed by RFC 6455
TEXT = 0x1
PONG = 0xA  # sent unasked, a heartbeat no browser answers (RFC 6455, 5.5.3)


def accept_key(key: str) -> str:
    """The Sec-WebSocket-Accept value that answers a client's Sec-WebSocket-Key."""
    digest = hashlib.sha1((key + HANDSHAKE_GUID).encode("ascii")).digest()
    return base64.b64encode(digest).decode("ascii")


def frame(payload: bytes, opcode: int = TEXT) -> bytes:
    """One unmasked, unfragmented frame (a server never masks)."""
    size = len(payload)
    if size < 126:
        length = bytes([size])
    elif size < 1 << 16:
        length = bytes([126]) + struct.pack("!H", size)
    else:
        length = bytes([127]) + struct.pack("!Q", size)
    return bytes([0x80 | opcode]) + length + payload
