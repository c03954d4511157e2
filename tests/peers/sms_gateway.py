#!/usr/bin/env python3
"""sms_gateway.py DIR - a loopback SMS gateway for the sender's tests and
benchmark (issue 17). Listens on 127.0.0.1 on a free port, writes the port
to DIR/port, and answers every POST as DIR/mode says at that moment:
"ok" (200), "slow" (200 after 0.1 s), a status number (e.g. 500, 400, 429), or "hang" (no answer for
60 s). Each request is appended to DIR/hits as one JSON line: the
Idempotency-Key, the Authorization header, the Content-Type, the body and
the status answered (-1 for hang). HTTP/1.1 keep-alive, many threads."""
import json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

d = sys.argv[1]
lock = threading.Lock()
hits = open(os.path.join(d, "hits"), "a", buffering=1)


def mode():
    try:
        with open(os.path.join(d, "mode")) as f:
            return f.read().strip() or "ok"
    except OSError:
        return "ok"


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n).decode("utf-8", "replace")
        m = mode()
        status = -1 if m == "hang" else (200 if m in ("ok", "slow") else int(m))
        with lock:
            hits.write(json.dumps({"key": self.headers.get("Idempotency-Key"),
                                   "auth": self.headers.get("Authorization"),
                                   "type": self.headers.get("Content-Type"),
                                   "body": body, "status": status, "t": time.time()}, ensure_ascii=False) + "\n")
        if status < 0:
            time.sleep(60)
            return
        if m == "slow":
            time.sleep(0.1)
        out = b'{"ok":true}' if status < 300 else b"gateway says no: phone 13912345678 busy"
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


class S(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512


srv = S(("127.0.0.1", 0), H)
with open(os.path.join(d, "port.tmp"), "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(os.path.join(d, "port.tmp"), os.path.join(d, "port"))
srv.serve_forever()
