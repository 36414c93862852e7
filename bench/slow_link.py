"""Viewers for bench/slow-link, run inside the benchmark's network namespace (the platform on its
loopback, `tc tbf` shaping that loopback). Lag is a frame's capture time stamp (X-Timestamp for
MJPEG, the 9-byte header for H.264; both µs since the epoch, the same clock as here) against its
arrival.

    python3 slow_link.py mjpeg PORT SECONDS WARMUP
        one MJPEG viewer; prints {"lagP50Ms", "lagP95Ms", "lagP99Ms", "fps", "kbps", "frames"}
    python3 slow_link.py h264 PORT BEFORE SHAPED AFTER RATE
        one acknowledging H.264 WebSocket viewer; BEFORE s unshaped, SHAPED s with the loopback at
        RATE (tc tbf), AFTER s unshaped again; prints lag percentiles 5 s after the drop, the
        bitrate while shaped and how long the bitrate took to get back above 3.5 Mbit/s
"""
import base64
import json
import os
import socket
import struct
import subprocess
import sys
import time


def pct(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))], 1)


def connect(port, request):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(request.encode())
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise SystemExit("the server closed before answering")
        buffer += chunk
    head, rest = buffer.split(b"\r\n\r\n", 1)
    return sock, head.decode("latin-1"), rest


def auth():
    return f"Authorization: Bearer {os.environ['CUBEKVM_TOKEN']}\r\n"


def mjpeg(port, seconds, warmup):
    sock, head, buffer = connect(port, f"GET /api/stream/mjpeg HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n{auth()}\r\n")
    if " 200 " not in head.split("\r\n", 1)[0]:
        raise SystemExit("mjpeg refused: " + head.split("\r\n", 1)[0])
    lags, sizes, arrivals = [], [], []
    started = time.monotonic()
    while time.monotonic() - started < warmup + seconds:
        # part header: --boundary CRLF headers CRLF CRLF body
        while b"\r\n\r\n" not in buffer:
            buffer += sock.recv(65536)
        part_head, buffer = buffer.split(b"\r\n\r\n", 1)
        fields = {}
        for line in part_head.decode("latin-1").split("\r\n"):
            if ":" in line:
                name, value = line.split(":", 1)
                fields[name.strip().lower()] = value.strip()
        length = int(fields["content-length"])
        while len(buffer) < length:
            buffer += sock.recv(max(65536, length - len(buffer)))
        buffer = buffer[length:]
        now = time.monotonic()
        if now - started >= warmup:
            lags.append(time.time() * 1e3 - int(fields["x-timestamp"]) / 1e3)
            sizes.append(length)
            arrivals.append(now)
    sock.close()
    span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else 1
    print(json.dumps({"frames": len(lags), "fps": round((len(arrivals) - 1) / span, 1),
                      "kbps": round(sum(sizes) * 8 / span / 1000), "frameBytesP50": pct(sizes, 50),
                      "lagP50Ms": pct(lags, 50), "lagP95Ms": pct(lags, 95), "lagP99Ms": pct(lags, 99)}))


def shape(rate):
    if rate:
        subprocess.run(["tc", "qdisc", "replace", "dev", "lo", "root", "tbf", "rate", rate, "burst", "32kbit",
                        "latency", "400ms"], check=True)
    else:
        subprocess.run(["tc", "qdisc", "del", "dev", "lo", "root"], check=False, stderr=subprocess.DEVNULL)


def h264(port, before, shaped, after, rate):
    key = base64.b64encode(os.urandom(16)).decode()
    sock, head, buffer = connect(port, f"GET /api/stream/h264 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                                       f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                                       f"Origin: http://127.0.0.1:{port}\r\n{auth()}\r\n")
    if " 101 " not in head.split("\r\n", 1)[0]:
        raise SystemExit("upgrade refused: " + head.split("\r\n", 1)[0])
    sock.settimeout(0.1)
    frames = []  # (arrival monotonic, lag ms, bytes)
    message = b""
    started = time.monotonic()
    drop, recover, end = started + before, started + before + shaped, started + before + shaped + after
    phase = 0
    while time.monotonic() < end:
        now = time.monotonic()
        if phase == 0 and now >= drop:
            shape(rate)
            phase = 1
        elif phase == 1 and now >= recover:
            shape(None)
            phase = 2
        try:
            chunk = sock.recv(262144)
            if not chunk:
                break
            buffer += chunk
        except socket.timeout:
            continue
        while len(buffer) >= 2:
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
            if opcode == 0x8:
                end = 0
                break
            if opcode in (0x0, 0x2):
                message += payload
                if b0 & 0x80:
                    stamp = struct.unpack("<Q", message[1:9])[0]
                    frames.append((time.monotonic(), time.time() * 1e3 - stamp / 1e3, len(message)))
                    ack = bytes([0x02]) + struct.pack("<Q", stamp)
                    mask = os.urandom(4)
                    sock.sendall(bytes([0x82, 0x80 | len(ack)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(ack)))
                    message = b""
    shape(None)
    sock.close()

    def kbps(t0, t1):
        return round(sum(f[2] for f in frames if t0 <= f[0] < t1) * 8 / (t1 - t0) / 1000)

    settled = [f[1] for f in frames if drop + 5 <= f[0] < recover]
    first_5s = [f[1] for f in frames if drop <= f[0] < drop + 5]
    back = None
    t = recover
    while t + 1 <= end:
        if kbps(t, t + 1) > 3500:
            back = round(t + 1 - recover, 1)
            break
        t += 0.25
    # Per second from the start: kbit/s, frames, lag p95 (ms): how the bitrate follows the link.
    timeline = []
    t = started
    while t + 1 <= end:
        second = [f for f in frames if t <= f[0] < t + 1]
        timeline.append([round(t - started), kbps(t, t + 1), len(second), pct([f[1] for f in second], 95)])
        t += 1
    print(json.dumps({"unshapedKbps": kbps(started + 2, drop), "unshapedFps": round(len([f for f in frames if started + 2 <= f[0] < drop]) / max(0.001, drop - started - 2), 1),
                      "unshapedLagP95Ms": pct([f[1] for f in frames if started + 2 <= f[0] < drop], 95),
                      "shapedKbps": kbps(drop + 5, recover), "shapedFps": round(len(settled) / max(0.001, recover - drop - 5), 1),
                      "lagP50Ms": pct(settled, 50), "lagP95Ms": pct(settled, 95), "lagP99Ms": pct(settled, 99),
                      "firstFiveSecondsLagP95Ms": pct(first_5s, 95),
                      "secondsToAbove3500KbpsAfterRecovery": back, "afterKbps": kbps(recover + 5, end) if end > recover + 5 else None,
                      "dropAtSecond": before, "recoverAtSecond": before + shaped, "timeline": timeline}))


if __name__ == "__main__":
    if sys.argv[1] == "mjpeg":
        mjpeg(int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]))
    else:
        h264(int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6])
