#!/usr/bin/env python3
"""A local webhook receiver for the watch tests.

    receiver.py MODE LOG PORTFILE

Listens on 127.0.0.1 (a free port, written to PORTFILE) and answers each POST
by MODE: "ok" (204, and the body appended to LOG as one line), "fail" (500),
"hang" (never answers). Runs until killed.
"""
import http.server
import sys
import threading
import time

MODE, LOG, PORTFILE = sys.argv[1], sys.argv[2], sys.argv[3]
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if MODE == "hang":
            time.sleep(3600)
            return
        if MODE == "fail":
            self.send_response(500)
            self.end_headers()
            return
        with lock, open(LOG, "ab") as f:
            f.write(body.rstrip(b"\n") + b"\n")
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os  # noqa: E402
os.replace(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
