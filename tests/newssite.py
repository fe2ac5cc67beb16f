"""A news site on 127.0.0.1 for the feed tests: RSS 2.0, Atom and a GBK-encoded RSS feed, article
pages with navigation, a 热点新闻 sidebar and a footer, conditional GET (ETag / 304), and the faults
a real site has: a 500, malformed XML, a feed that hangs, a page far too large."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from datetime import datetime, timezone
from xml.sax.saxutils import escape


@dataclass
class Item:
    slug: str
    title: str
    paragraphs: tuple[str, ...]
    date: datetime = field(default_factory=lambda: datetime(2024, 10, 8, 9, 0, tzinfo=timezone.utc))


def _page(item: Item, charset: str = "utf-8") -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in item.paragraphs)
    html = (f'<html><head><meta charset="{charset}"><title>{escape(item.title)} - 城南新闻网</title></head><body>'
            '<nav><a href="/">首页</a> <a href="/news">新闻</a> <a href="/city">城事</a> <a href="/about">关于我们</a></nav>'
            '<div class="sidebar"><h3>热点新闻</h3><ul><li><a href="/x/1">明星演唱会门票秒光</a></li>'
            '<li><a href="/x/2">周末天气晴好适合出游</a></li></ul></div>'
            f'<article><h1>{escape(item.title)}</h1>{body}</article>'
            '<div class="comments"><h3>网友评论</h3><p>写得真好！</p></div>'
            '<footer>版权所有 城南新闻网 举报电话 12345678 京ICP备00000000号</footer></body></html>')
    return html.encode(charset)


class NewsSite:
    def __init__(self) -> None:
        self.rss: list[Item] = []
        self.atom: list[Item] = []
        self.gbk: list[Item] = []
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.hang_seconds = 30.0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                site.requests.append((self.path, dict(self.headers)))
                status, headers, body = site.route(self.path, dict(self.headers))
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> NewsSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _etag(self, items: list[Item]) -> str:
        return '"' + str(abs(hash(tuple(i.slug for i in items)))) + '"'

    def route(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        xml = {"Content-Type": "application/xml"}
        if path == "/rss.xml":
            etag = self._etag(self.rss)
            if headers.get("If-None-Match") == etag:
                return 304, {"ETag": etag}, b""
            return 200, {**xml, "ETag": etag}, self._rss(self.rss, "utf-8")
        if path == "/gbk.xml":
            return 200, xml, self._rss(self.gbk, "gbk")
        if path == "/atom.xml":
            return 200, xml, self._atom(self.atom)
        if path == "/broken.xml":
            return 200, xml, "<rss><channel><title>坏的<item><title>没有结束".encode()
        if path == "/500.xml":
            return 500, {}, b"Internal Server Error"
        if path == "/hang.xml":
            time.sleep(self.hang_seconds)
            return 200, xml, self._rss([], "utf-8")
        if path == "/huge.html":
            return 200, {"Content-Type": "text/html"}, b"<html>" + b"x" * (8 * 2**20) + b"</html>"
        for items, charset in ((self.rss, "utf-8"), (self.atom, "utf-8"), (self.gbk, "gbk")):
            for item in items:
                if path == f"/a/{item.slug}.html":
                    return 200, {"Content-Type": f"text/html; charset={charset}"}, _page(item, charset)
        return 404, {}, b"not found"

    def _rss(self, items: list[Item], charset: str) -> bytes:
        entries = "".join(
            f"<item><title>{escape(i.title)}</title><link>{self.url}/a/{i.slug}.html</link><guid>{self.url}/a/{i.slug}</guid>"
            f"<pubDate>{format_datetime(i.date)}</pubDate><description>{escape(i.paragraphs[0])}</description></item>"
            for i in items)
        return (f'<?xml version="1.0" encoding="{charset}"?><rss version="2.0"><channel><title>城南新闻网</title>'
                f"<link>{self.url}/</link>{entries}</channel></rss>").encode(charset)

    def _atom(self, items: list[Item]) -> bytes:
        entries = "".join(
            f'<entry><title>{escape(i.title)}</title><link href="{self.url}/a/{i.slug}.html"/><id>tag:site,{i.slug}</id>'
            f"<updated>{i.date.isoformat()}</updated><summary>{escape(i.paragraphs[0])}</summary></entry>" for i in items)
        return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>河口晚报</title>'
                f"<id>tag:site</id><updated>2024-10-08T09:00:00Z</updated>{entries}</feed>").encode()
