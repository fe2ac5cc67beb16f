"""Health and metrics of a running bot: ``GET /healthz`` and Prometheus ``GET /metrics`` on
``NEWSBOT_METRICS_PORT`` (127.0.0.1 unless ``NEWSBOT_METRICS_HOST`` says otherwise).

/healthz is 200 with a one-line JSON status while the store answers and updates flow (long polling:
``getUpdates`` succeeded lately and is not failing; webhook: its server is up), 503 with the reason
otherwise.  The server runs in a thread of its own (prometheus-client's WSGI app behind the standard
library's server), so a busy event loop does not make the bot look dead, and it only reads values the
bot sets.
"""

from __future__ import annotations

import json
import threading
import time
from socketserver import ThreadingMixIn
from typing import Any, Callable, Iterable
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, make_wsgi_app

__all__ = ["Monitor"]

POLL_STALE = 60.0  # no successful getUpdates for this long (a long poll lasts 20 s): unhealthy
POLL_FAILURES = 2  # ... or this many failed in a row
STORE_STALE = 180.0  # the refresh job last reached the store this long ago: unhealthy


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:  # scrapes every 15 s are not news
        pass


class Monitor:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.registry = CollectorRegistry()
        r = self.registry
        self.questions = Counter("newsbot_questions", "Questions asked (private chats, mentions)", registry=r)
        self.answers = Counter("newsbot_answers", "Questions by outcome", ["outcome"], registry=r)
        self.latency = Histogram("newsbot_answer_seconds", "Time to answer a question, sending included",
                                 buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10), registry=r)
        self.searches = Counter("newsbot_searches", "Searches and pages turned", registry=r)
        self.pushes = Counter("newsbot_pushes", "Broadcast messages by kind and result", ["kind", "result"], registry=r)
        self.feed_fetches = Counter("newsbot_feed_fetches", "Feed polls by result", ["result"], registry=r)
        self.articles = Gauge("newsbot_articles", "Articles stored", registry=r)
        self.passages = Gauge("newsbot_passages", "Passages in the search index", registry=r)
        self.index_lag = Gauge("newsbot_index_lag_passages", "Passages stored but not yet searchable", registry=r)
        self.mode = "polling"
        self.updater_running: Callable[[], bool] = lambda: False
        self._started = clock()
        self._last_poll: float | None = None
        self._poll_failures = 0
        self._poll_error = ""
        self._store_seen: float | None = None
        self._store_error = ""
        self._server: _Server | None = None

    # -- what the bot reports ------------------------------------------------------------------
    def polled(self) -> None:
        self._last_poll, self._poll_failures = self._clock(), 0

    def poll_failed(self, error: BaseException) -> None:
        self._poll_failures += 1
        self._poll_error = f"{type(error).__name__}: {error}"

    def store_seen(self, error: BaseException | None = None) -> None:
        if error is None:
            self._store_seen, self._store_error = self._clock(), ""
        else:
            self._store_error = f"{type(error).__name__}: {error}"

    # -- what is served ------------------------------------------------------------------------
    def health(self) -> tuple[bool, dict[str, Any]]:
        now = self._clock()
        problems = []
        if self._store_error:
            problems.append(f"store: {self._store_error}")
        elif self._store_seen is None or now - self._store_seen > STORE_STALE:
            if now - self._started > STORE_STALE:
                problems.append("store: not reached lately")
        if not self.updater_running():
            problems.append("updates: not receiving (stopped)")
        elif self.mode == "polling":
            if self._poll_failures >= POLL_FAILURES:
                problems.append(f"updates: getUpdates failing ({self._poll_failures} in a row; {self._poll_error})")
            elif self._last_poll is None and now - self._started > POLL_STALE or \
                    self._last_poll is not None and now - self._last_poll > POLL_STALE:
                problems.append("updates: no getUpdates answered lately")
        status = {"status": "ok" if not problems else "unhealthy", "mode": self.mode,
                  "last_update_poll_s": round(now - self._last_poll, 1) if self._last_poll is not None else None}
        if problems:
            status["reasons"] = problems
        return not problems, status

    def wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            ok, status = self.health()
            body = (json.dumps(status, ensure_ascii=False) + "\n").encode()
            start_response("200 OK" if ok else "503 Service Unavailable",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        if environ.get("PATH_INFO") == "/metrics":
            return make_wsgi_app(self.registry)(environ, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found: /healthz or /metrics\n"]

    def serve(self, host: str, port: int) -> None:
        self._server = make_server(host, port, self.wsgi, server_class=_Server, handler_class=_Quiet)
        threading.Thread(target=self._server.serve_forever, name="metrics", daemon=True).start()

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
