"""A deliberately slow H.264 viewer for bench/h264.mjs: a WebSocket client on a socket with a
tiny receive buffer (SO_RCVBUF set before connect, so no autotuning) that alternates between
not reading at all for STALL seconds and reading at most RATE bytes per second for READ
seconds (READ 0: always read at RATE), like a viewer behind a slow or stalling link. The
server's send buffer fills, its send stalls, and it must skip frames for this viewer alone.
Node cannot set SO_RCVBUF, hence Python.

    python3 h264_slow_viewer.py HOST PORT ORIGIN RATE_BYTES_PER_SECOND SECONDS [STALL READ]

Prints one JSON object: frames, key frames, the longest arrival gap, frames skipped (capture
time stamp gaps), and how old the frames were on arrival (what the kernel buffers held).
"""
import base64
import json
import os
import socket
import struct
import sys
import time


def main():
    host, port, origin = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rate, seconds = float(sys.argv[4]), float(sys.argv[5])
    stall, read = (float(sys.argv[6]), float(sys.argv[7])) if len(sys.argv) > 7 else (0.0, 0.0)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((host, port))
    key = base64.b64encode(os.urandom(16)).decode()
    token = os.environ.get("CUBEKVM_TOKEN")
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    sock.sendall((f"GET /api/stream/h264 HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                  f"Origin: {origin}\r\n{auth}\r\n").encode())
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(4096)
        if not chunk:
            raise SystemExit("the server closed during the upgrade")
        buffer += chunk
    head, buffer = buffer.split(b"\r\n\r\n", 1)
    if b" 101 " not in head.split(b"\r\n", 1)[0]:
        raise SystemExit("upgrade refused: " + head.split(b"\r\n", 1)[0].decode())

    arrivals, timestamps, ages, keys = [], [], [], 0
    message = b""
    started = time.monotonic()
    budget_started, phase_bytes, read_bytes = started, 0, 0
    sock.settimeout(0.2)
    while time.monotonic() - started < seconds:
        # parse whole frames out of the buffer
        while True:
            if len(buffer) < 2:
                break
            b0, b1 = buffer[0], buffer[1]
            length, offset = b1 & 0x7F, 2
            if length == 126:
                if len(buffer) < 4:
                    break
                length, offset = struct.unpack(">H", buffer[2:4])[0], 4
            elif length == 127:
                if len(buffer) < 10:
                    break
                length, offset = struct.unpack(">Q", buffer[2:10])[0], 10
            if len(buffer) < offset + length:
                break
            payload, buffer = buffer[offset:offset + length], buffer[offset + length:]
            opcode = b0 & 0x0F
            if opcode == 0x9:  # ping → pong (masked, as a client must)
                mask = os.urandom(4)
                sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + mask + bytes(p ^ mask[i % 4] for i, p in enumerate(payload)))
            elif opcode == 0x8:
                seconds = 0
                break
            elif opcode in (0x0, 0x2):
                message += payload
                if b0 & 0x80:
                    arrivals.append(time.monotonic())
                    timestamps.append(struct.unpack("<Q", message[1:9])[0])
                    ages.append(time.time() * 1e6 - timestamps[-1])
                    keys += message[0] & 1
                    message = b""
        # stall phases: no reads at all
        if stall > 0 and read > 0 and (time.monotonic() - started) % (stall + read) < stall:
            time.sleep(0.05)
            budget_started, phase_bytes = time.monotonic(), 0
            continue
        # read at most `rate` bytes per second
        allowed = rate * (time.monotonic() - budget_started) - phase_bytes
        if allowed < 256:
            time.sleep(min(0.05, (256 - allowed) / rate))
            continue
        try:
            chunk = sock.recv(int(min(allowed, 4096)))
        except socket.timeout:
            continue
        if not chunk:
            break
        read_bytes += len(chunk)
        phase_bytes += len(chunk)
        buffer += chunk
    sock.close()

    interval = 1e6 / 30
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:])]
    skipped = sum(max(0, round((b - a) / interval) - 1) for a, b in zip(timestamps, timestamps[1:]) if b - a > interval * 1.5)
    print(json.dumps({"frames": len(arrivals), "keyFrames": keys, "maxGapMs": max(gaps) * 1000 if gaps else None,
                      "skipped": skipped, "bytesRead": read_bytes,
                      "ageP50Ms": sorted(ages)[len(ages) // 2] / 1000 if ages else None,
                      "ageMaxMs": max(ages) / 1000 if ages else None}))


if __name__ == "__main__":
    main()
