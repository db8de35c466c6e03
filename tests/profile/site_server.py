#!/usr/bin/env python3
"""A loopback web server for the `name --website` tests. Binds 127.0.0.1 on a free port,
writes the port to argv[1], serves until killed:
  /            Casa Aurora's home page (title, og:site_name, JSON-LD Organization)
  /old         302 -> /            /loop -> /loop (redirect loop)
  /other       a page for another business      /bare   a page without any brand
  /big         3 MiB of HTML                    /missing 404
  /slow        answers after 30 s (timeout)
"""
import http.server
import sys
import time

HOME = """<!doctype html><html lang="pt-BR"><head><meta charset="utf-8">
<title>Casa Aurora Móveis | Móveis planejados em São Paulo</title>
<meta property="og:site_name" content="Casa Aurora Móveis">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"FurnitureStore",
"name":"Casa Aurora Móveis","legalName":"Casa Aurora Móveis e Decoração Ltda."}</script>
</head><body><h1>Casa Aurora</h1></body></html>"""
OTHER = """<html><head><title>Mobiliadora Paulista</title>
<meta property="og:title" content="Mobiliadora Paulista - sofás"></head><body></body></html>"""
BARE = "<html><body><p>em construção</p></body></html>"


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, code, body, headers=()):
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        p = self.path
        if p == "/":
            self.send(200, HOME)
        elif p == "/old":
            self.send(302, "", [("Location", "/")])
        elif p == "/loop":
            self.send(302, "", [("Location", "/loop")])
        elif p == "/other":
            self.send(200, OTHER)
        elif p == "/bare":
            self.send(200, BARE)
        elif p == "/big":
            self.send(200, "<html><body>" + "x" * (3 << 20) + "</body></html>")
        elif p == "/slow":
            time.sleep(30)
            self.send(200, HOME)
        else:
            self.send(404, "not found")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
