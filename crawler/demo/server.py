"""A small threaded HTTP server that serves one mock site on 127.0.0.1 (a free port unless one is given)."""

from __future__ import annotations

from collections.abc import Callable
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes = b""

    def arg(self, name: str, default: str | None = None) -> str | None:
        """A query-string or form argument (form body for POST)."""
        values = self.query.get(name) or self.form().get(name)
        return values[0] if values else default

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode("latin-1")) if self.body else {}


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def not_found() -> Response:
    return Response(404, b"<html><head><title>404</title></head><body>Not Found</body></html>", {"Content-Type": "text/html"})


class MockSite:
    """A site answers requests; subclasses decide how. ``requests`` records what came in."""

    def __init__(self):
        self.requests: list[Request] = []
        self.base_url = ""

    def handle(self, request: Request) -> Response:
        raise NotImplementedError


class StaticSite(MockSite):
    """Pages held in memory: path -> (bytes, content type); a callable body is made on the first request."""

    def __init__(self, pages: dict[str, tuple[bytes, str]] | None = None):
        super().__init__()
        self.pages = dict(pages or {})

    def add(self, path: str, body: bytes | Callable[[], bytes], content_type: str = "text/html; charset=utf-8") -> None:
        self.pages[path] = (body, content_type)

    def handle(self, request: Request) -> Response:
        page = self.pages.get(request.path)
        if page is None and request.path.endswith("/"):
            page = self.pages.get(request.path + "index.html")
        if page is None:
            return not_found()
        body, content_type = page
        if callable(body):
            body = body()
            self.pages[request.path] = (body, content_type)
        return Response(200, body, {"Content-Type": content_type})


def _handler_for(site: MockSite):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self):
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            request = Request(
                method=self.command,
                path=parts.path,
                query=parse_qs(parts.query, keep_blank_values=True),
                headers={k.lower(): v for k, v in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            site.requests.append(request)
            response = site.handle(request)
            self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)

        do_GET = do_POST = do_HEAD = _serve

        def log_message(self, *args):
            pass

    return Handler


@contextmanager
def serve(site: MockSite, host: str = "127.0.0.1", port: int = 0):
    """Serve ``site`` on ``host`` at ``port`` (0: a free one) for the duration of the block."""
    server = ThreadingHTTPServer((host, port), _handler_for(site))
    server.daemon_threads = True
    site.base_url = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site.base_url
    finally:
        server.shutdown()
        server.server_close()
