#!/usr/bin/env python3
"""smtp_server.py DIR CERT KEY - a loopback SMTP server for the sender's
tests (issue 17). Listens on 127.0.0.1 on a free port (written to
DIR/port); offers STARTTLS with the given certificate and refuses MAIL
before it (530); after TLS offers AUTH PLAIN and takes only user
"liandong" with password "mail-s3cret"; refuses any recipient whose
address starts with "refuse" (550). Each accepted message is written to
DIR/mail-N.eml with the envelope in DIR/mail-N.env (from, to, tls, user)."""
import base64, os, socketserver, ssl, sys, threading

d, cert, key = sys.argv[1], sys.argv[2], sys.argv[3]
ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
ctx.load_cert_chain(cert, key)
counter = [0]
lock = threading.Lock()


class H(socketserver.StreamRequestHandler):
    def send(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        tls, user, mfrom, rcpt = False, None, None, []
        self.send("220 test.local ESMTP")
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            cmd = line.upper()
            if cmd.startswith("EHLO") or cmd.startswith("HELO"):
                exts = ["250-test.local"]
                exts.append("250-AUTH PLAIN" if tls else "250-STARTTLS")
                exts.append("250 8BITMIME")
                for e in exts:
                    self.wfile.write((e + "\r\n").encode())
                self.wfile.flush()
            elif cmd == "STARTTLS" and not tls:
                self.send("220 go ahead")
                conn = ctx.wrap_socket(self.connection, server_side=True)
                self.connection = conn
                self.rfile = conn.makefile("rb")
                self.wfile = conn.makefile("wb")
                tls = True
            elif cmd.startswith("AUTH PLAIN"):
                parts = line.split(" ", 2)
                if len(parts) < 3:
                    self.send("334 ")
                    parts.append(self.rfile.readline().decode().strip())
                z = base64.b64decode(parts[2]).split(b"\0")
                if len(z) == 3 and z[1] == b"liandong" and z[2] == b"mail-s3cret":
                    user = "liandong"
                    self.send("235 2.7.0 ok")
                else:
                    self.send("535 5.7.8 bad credentials")
            elif cmd.startswith("MAIL FROM:"):
                if not tls:
                    self.send("530 5.7.0 must issue a STARTTLS command first")
                    continue
                mfrom, rcpt = line[10:].strip(), []
                self.send("250 ok")
            elif cmd.startswith("RCPT TO:"):
                addr = line[8:].strip().strip("<>")
                if addr.lower().startswith("refuse"):
                    self.send("550 5.1.1 <%s>: recipient address rejected" % addr)
                else:
                    rcpt.append(addr)
                    self.send("250 ok")
            elif cmd == "DATA":
                if not rcpt:
                    self.send("554 no valid recipients")
                    continue
                self.send("354 end with .")
                data = b""
                while True:
                    l = self.rfile.readline()
                    if not l or l == b".\r\n":
                        break
                    if l.startswith(b".."):
                        l = l[1:]
                    data += l
                with lock:
                    counter[0] += 1
                    n = counter[0]
                with open(os.path.join(d, "mail-%d.env" % n), "w") as f:
                    f.write("from=%s\nto=%s\ntls=%s\nuser=%s\n" % (mfrom, ",".join(rcpt), tls, user))
                with open(os.path.join(d, "mail-%d.eml" % n), "wb") as f:
                    f.write(data)
                self.send("250 2.0.0 queued as %d" % n)
            elif cmd == "RSET":
                mfrom, rcpt = None, []
                self.send("250 ok")
            elif cmd == "NOOP":
                self.send("250 ok")
            elif cmd == "QUIT":
                self.send("221 bye")
                return
            else:
                self.send("502 5.5.2 command not recognised")


class S(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


srv = S(("127.0.0.1", 0), H)
with open(os.path.join(d, "port.tmp"), "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(os.path.join(d, "port.tmp"), os.path.join(d, "port"))
srv.serve_forever()
