"""Hostile mock sites (and the peak RSS of the crawl process meeting them): a normal TRS column (crawler.demo.trs) whose pages are replaced by what
broken and hostile servers send — decompression bombs, huge and endless bodies, slowloris
answers, truncated bodies, rate-limit and soft-404 pages, advertised page counts in the millions.

Behaviours are written on the socket, so a body can be larger than it says, never end, or arrive
a byte at a time.
"""

from __future__ import annotations

import re
import zlib
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import trs
from .server import lookup
from .sites import LINJIANG as PORTAL

AGENCIES = ["临江市人民政府", "临江市财政局", "临江市教育局"]
COLUMN = "/xxgk/xxgknb/"
MIB = 1024 * 1024

RATE_LIMIT = "<html><head><title>提示</title></head><body><h3>访问过于频繁，请稍后再试</h3></body></html>"
SOFT_404 = ("<html><head><title>临江市人民政府</title></head><body><div class='main'><p>抱歉，您访问的页面不存在或已被删除！</p>"
            "<p><a href='/'>返回首页</a></p></div></body></html>")


@dataclass
class Behaviour:
    """How one path is answered: ``kind`` names the trick, ``size`` its bytes when it has any."""

    kind: str
    size: int = 0
    body: bytes = b""
    served: int = 0


def gzip_bomb(size: int) -> bytes:
    """A gzip stream of ``size`` bytes of HTML padding: about size / 1000 bytes on the wire."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip container
    parts = [packer.compress(b"<html><head><title>2023</title></head><body><div>")]
    padding = b" " * (1024 * 1024)
    parts += [packer.compress(padding) for _ in range(size // len(padding))]
    parts += [packer.compress(b"</div></body></html>"), packer.flush()]
    return b"".join(parts)


def huge_page(size: int) -> bytes:
    """A page of ``size`` bytes of paragraphs that read like a report."""
    paragraph = "<p>本机关认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。</p>".encode()
    return b"<html><head><title>huge</title></head><body><div class='TRS_Editor'>" + paragraph * (size // len(paragraph)) + b"</div></body></html>"


@dataclass
class HostileSite:
    """A TRS column with some of its paths answered by a ``Behaviour``."""

    pages: dict[str, tuple[bytes, str]]
    entries: list
    tricks: dict[str, Behaviour] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    @classmethod
    def column(cls, per_page: int = 4, years=(2022, 2023)) -> "HostileSite":
        site, entries = trs.build_site(PORTAL, AGENCIES, list(years), notices=1, per_page=per_page)
        return cls(dict(site.pages), entries)

    def report_paths(self) -> list[str]:
        return [entry.path for entry in self.entries]

    def advertise_pages(self, count: int, as_text: bool = False) -> None:
        """Make the first listing page announce ``count`` pages: in its pager script, or ``as_text`` 共N页."""
        path = COLUMN + "index.html"
        body, kind = self.pages[path]
        call = r'createPageHTML\(\d+, 0, "index", "html"\);?'
        html = re.sub(call, "" if as_text else f'createPageHTML({count}, 0, "index", "html");', body.decode())
        if as_text:
            html = html.replace("</body>", f"<div class='pager'>共{count}页 当前第1页</div></body>")
        self.pages[path] = (html.encode(), kind)

    def list_many(self, links: int) -> None:
        """The first listing page holds ``links`` report-like links (every one a 404)."""
        path = COLUMN + "index.html"
        body, kind = self.pages[path]
        rows = "".join(f'<li><a href="./2024{k:05d}/t20240101_{k}.html">临江市第{k}号单位2023年政府信息公开工作年度报告</a>'
                       f"<span>2024-01-01</span></li>" for k in range(links))
        self.pages[path] = (body.decode().replace("<ul", f"<ul>{rows}</ul><ul", 1).encode(), kind)


def _write_head(conn, status: str, headers: dict[str, str]) -> None:
    lines = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers.items()), "Connection: close", "", ""]
    conn.sendall("\r\n".join(lines).encode())


def _answer(site: HostileSite, conn, path: str) -> None:
    trick = site.tricks.get(path)
    html = {"Content-Type": "text/html; charset=utf-8"}
    if trick is None or (trick.kind == "500-once" and trick.served):
        page = lookup(site.pages, path)
        if path == "/robots.txt":
            page = (b"User-agent: *\nAllow: /\n", "text/plain")
        if page is None:
            _write_head(conn, "404 Not Found", {**html, "Content-Length": "9"})
            conn.sendall(b"not found")
        else:
            _write_head(conn, "200 OK", {"Content-Type": page[1], "Content-Length": str(len(page[0]))})
            conn.sendall(page[0])
        return
    trick.served += 1
    if trick.kind == "gzip-bomb":
        _write_head(conn, "200 OK", {**html, "Content-Encoding": "gzip", "Content-Length": str(len(trick.body))})
        conn.sendall(trick.body)
    elif trick.kind == "huge":  # the length is announced: the client can refuse it at once
        _write_head(conn, "200 OK", {**html, "Content-Length": str(len(trick.body))})
        conn.sendall(trick.body)
    elif trick.kind == "endless":  # no length, never ends
        _write_head(conn, "200 OK", html)
        chunk = huge_page(64 * 1024)
        while True:
            conn.sendall(chunk)
    elif trick.kind == "slowloris":  # headers, then a byte now and then, forever
        _write_head(conn, "200 OK", {**html, "Content-Length": "100000"})
        while True:
            conn.sendall(b" ")
            time.sleep(0.2)
    elif trick.kind == "truncated":  # says more than it sends, then hangs up
        body = lookup(site.pages, path)[0] if path in site.pages else trick.body
        _write_head(conn, "200 OK", {**html, "Content-Length": str(len(body) + 5000)})
        conn.sendall(body[: len(body) // 2])
    elif trick.kind in ("rate-limit", "soft-404"):
        body = (RATE_LIMIT if trick.kind == "rate-limit" else SOFT_404).encode()
        _write_head(conn, "200 OK", {**html, "Content-Length": str(len(body))})
        conn.sendall(body)
    elif trick.kind == "500-once":
        _write_head(conn, "500 Internal Server Error", {**html, "Content-Length": "5"})
        conn.sendall(b"oops!")


def _serve_connection(site: HostileSite, conn) -> None:
    with conn:
        try:
            request = b""
            while b"\r\n\r\n" not in request:
                data = conn.recv(65536)
                if not data:
                    return
                request += data
            path = request.split(b" ", 2)[1].decode().split("?", 1)[0]
            site.requests.append(path)
            _answer(site, conn, path)
        except OSError:  # the client hung up (it refused the body, or timed out)
            pass


def high_water(pid: int) -> int:
    """A crawl process's peak resident set so far (VmHWM), in bytes; 0 once it has gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0


@contextmanager
def serve_hostile(site: HostileSite):
    """Serve ``site`` on 127.0.0.1 at a free port; yields its base URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.2)
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            conn.settimeout(30)
            threading.Thread(target=_serve_connection, args=(site, conn), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()
