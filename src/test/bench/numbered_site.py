#!/usr/bin/env python3
"""A synthetic site for crawl memory checks: /p/N.html for N < PAGES, each linking the ten pages 10N+1..10N+10
(those that exist) and back to page 0, generated on the fly. Usage: numbered_site.py PAGES PORT"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGES = int(sys.argv[1])
PORT = int(sys.argv[2])
FILLER = "<p>" + "lorem ipsum dolor sit amet " * 20 + "</p>\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body go out in two writes: without this, delayed ACKs cost 40 ms a page
    disable_nagle_algorithm = True

    def do_GET(self):
        path = self.path
        n = -1
        if path.startswith("/p/") and path.endswith(".html"):
            try:
                n = int(path[3:-5])
            except ValueError:
                n = -1
        if n < 0 or n >= PAGES:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        links = "".join(f'<a href="/p/{c}.html">page {c}</a>\n' for c in range(10 * n + 1, 10 * n + 11) if c < PAGES)
        body = (f"<!doctype html><html><head><title>page {n}</title></head><body>\n<h1>page {n}</h1>\n"
                f'<a href="/p/0.html">home</a>\n{links}{FILLER}</body></html>\n').encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer.request_queue_size = 128
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
