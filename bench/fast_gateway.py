#!/usr/bin/env python3
"""fast_gateway.py DIR - a lean loopback SMS gateway for bench/sender.sh's
throughput run: asyncio streams, HTTP/1.1 keep-alive, 200 to every POST,
no per-request thread or file write; it counts the distinct
Idempotency-Keys and the requests and writes "REQUESTS KEYS" to DIR/count
every 50 ms. The port goes to DIR/port."""
import asyncio, os, sys

d = sys.argv[1]
keys = set()
reqs = [0]
RESP = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"


async def handle(r, w):
    try:
        while True:
            head = await r.readuntil(b"\r\n\r\n")
            n = 0
            for line in head.split(b"\r\n"):
                low = line.lower()
                if low.startswith(b"content-length:"):
                    n = int(line.split(b":", 1)[1])
                elif low.startswith(b"idempotency-key:"):
                    keys.add(line.split(b":", 1)[1].strip())
            if n:
                await r.readexactly(n)
            reqs[0] += 1
            w.write(RESP)
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    w.close()


async def report():
    while True:
        with open(os.path.join(d, "count.tmp"), "w") as f:
            f.write("%d %d" % (reqs[0], len(keys)))
        os.replace(os.path.join(d, "count.tmp"), os.path.join(d, "count"))
        await asyncio.sleep(0.05)


async def main():
    srv = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=512)
    with open(os.path.join(d, "port.tmp"), "w") as f:
        f.write(str(srv.sockets[0].getsockname()[1]))
    os.replace(os.path.join(d, "port.tmp"), os.path.join(d, "port"))
    asyncio.create_task(report())
    await srv.serve_forever()

asyncio.run(main())
