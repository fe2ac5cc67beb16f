"""A stand-in Telegram Bot API server on 127.0.0.1, as strict as Telegram where it matters.

It speaks HTTP (``/bot<token>/<method>``, form or JSON bodies, ``{"ok": ...}`` answers), serves
``getUpdates`` by long polling from a queue the test fills, records every call, and rejects what
Telegram rejects: unparsable HTML entities, texts over 4096 UTF-16 units after entity parsing, empty
texts, callback data over 64 bytes.  It answers 429 (with retry_after) or 5xx when told to.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote

BOT_ID = 777000111
BOT_USERNAME = "newsbot_test_bot"
TOKEN = "123456789:TEST-token-for-the-stand-in_server"

_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
         "blockquote", "tg-emoji"}
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)((?:\s+[a-zA-Z-]+=\"[^\"<>]*\")*)\s*>")


class EntityError(ValueError):
    pass


def parse_html(text: str) -> str:
    """Telegram's HTML parse mode: the visible text, or EntityError like Telegram's 400."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            m = _TAG.match(text, i)
            if not m or m.group(2).lower() not in _TAGS:
                raise EntityError(f"Can't parse entities: unsupported start tag at byte offset {i}")
            closing, name = m.group(1), m.group(2).lower()
            if closing:
                if not stack or stack[-1] != name:
                    raise EntityError(f"Can't parse entities: unmatched end tag at byte offset {i}")
                stack.pop()
            else:
                stack.append(name)
            i = m.end()
        elif ch == "&":
            m = _ENTITY.match(text, i)
            if not m:
                raise EntityError(f"Can't parse entities: character '&' is reserved at byte offset {i}")
            ent = m.group(1)
            out.append({"lt": "<", "gt": ">", "amp": "&", "quot": '"'}.get(ent) or chr(
                int(ent[2:], 16) if ent.startswith("#x") else int(ent[1:])))
            i = m.end()
        elif ch == ">":
            raise EntityError(f"Can't parse entities: character '>' is reserved at byte offset {i}")
        else:
            out.append(ch)
            i += 1
    if stack:
        raise EntityError(f"Can't parse entities: can't find end tag corresponding to start tag {stack[-1]}")
    return "".join(out)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


class _Server(ThreadingHTTPServer):
    """Like Telegram's, it accepts many connections at once (the default backlog of 5 lets the kernel
    drop some when 40 readers arrive together on a busy machine)."""

    request_queue_size = 128
    daemon_threads = True


class FakeBotAPI:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.rejected: list[tuple[str, str]] = []
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._message_ids: dict[int, int] = {}
        self._failures: list[tuple[str, int, int | None]] = []  # (method, status, retry_after)
        self.files: dict[str, bytes] = {}
        self._limits: tuple[int, int] | None = None  # (overall, per chat) messages in any one second
        self._recent: list[tuple[float, str]] = []  # (when, chat) of the messages of the last second
        self.flooded = 0  # 429s answered for going over the limits
        self.files_by_path: dict[str, bytes] = {}
        self._cond = threading.Condition()
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- control (from tests) ---------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def start(self) -> FakeBotAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()

    def fail_next(self, method: str, status: int = 429, times: int = 1, retry_after: int | None = 1) -> None:
        with self._cond:
            self._failures += [(method, status, retry_after)] * times

    def recover(self) -> None:
        """Forget the failures still queued by fail_next: the API answers again."""
        with self._cond:
            self._failures.clear()

    def limit_rate(self, overall: int = 30, per_chat: int = 1) -> None:
        """Answer 429 (retry after 1 s), like Telegram, to a message beyond ``overall`` in any second or
        beyond ``per_chat`` in one chat in any second (less 0.2 s of slack: requests sent a second apart
        may arrive closer when the first waited on the way, and Telegram tolerates that much)."""
        with self._cond:
            self._limits = (overall, per_chat)

    def _over_limits(self, method: str, params: dict[str, Any]) -> bool:
        if self._limits is None or not method.startswith(("send", "edit", "copy", "forward")) or "chat_id" not in params:
            return False
        now, chat = time.monotonic(), str(params["chat_id"])
        self._recent = [(t, c) for t, c in self._recent if now - t < 1.0]
        overall, per_chat = self._limits
        if len(self._recent) >= overall or sum(c == chat and now - t < 0.8 for t, c in self._recent) >= per_chat:
            self.flooded += 1
            return True
        self._recent.append((now, chat))
        return False

    def add_file(self, file_id: str, data: bytes) -> None:
        """A file a user sent: getFile answers for it and its path serves the bytes."""
        with self._cond:
            self.files[file_id] = data
            self.files_by_path[f"documents/{file_id}"] = data

    def m_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params.get("file_id"))
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        data = self.files[file_id]
        if len(data) > 20 * 2**20:
            raise ApiError(400, "Bad Request: file is too big")
        return {"file_id": file_id, "file_unique_id": "u" + file_id, "file_size": len(data),
                "file_path": f"documents/{file_id}"}

    def push_update(self, update: dict[str, Any]) -> int:
        with self._cond:
            update = {"update_id": self._next_update_id, **update}
            self._next_update_id += 1
            self._updates.append(update)
            self._cond.notify_all()
            return update["update_id"]

    def calls_to(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 20.0, **match: Any) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method
                         and all(str(c.params.get(k)) == str(v) for k, v in match.items())]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{count} x {method} {match} not seen; calls: {[c.method for c in self.calls]}")
                self._cond.wait(left)

    # -- the API ----------------------------------------------------------------------------
    def handle(self, method: str, params: dict[str, Any]) -> Any:
        with self._cond:
            for k, (m, status, retry_after) in enumerate(self._failures):
                if m == method:
                    del self._failures[k]
                    if status == 429:
                        raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
                    raise ApiError(status, "Internal Server Error" if status == 500 else "Bad Gateway")
            if self._over_limits(method, params):
                raise ApiError(429, "Too Many Requests: retry after 1", 1)
        if method == "getUpdates":
            return self._get_updates(params)
        with self._cond:
            self.calls.append(Call(method, params))
            self._cond.notify_all()
        handler = getattr(self, "m_" + method, None)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        return handler(params)

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        deadline = time.monotonic() + timeout
        with self._cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and time.monotonic() < deadline:
                self._cond.wait(deadline - time.monotonic())
            return list(self._updates[: int(params.get("limit") or 100)])

    def _me(self) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "NewsBot", "username": BOT_USERNAME,
                "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}

    def m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._me()

    def m_deleteWebhook(self, params: dict[str, Any]) -> bool:
        return True

    def m_setWebhook(self, params: dict[str, Any]) -> bool:
        if not str(params.get("url", "")).startswith("https://"):
            raise ApiError(400, "Bad Request: bad webhook: HTTPS url must be provided for webhook")
        return True

    def m_setMyCommands(self, params: dict[str, Any]) -> bool:
        commands = _json(params.get("commands"))
        if not isinstance(commands, list) or not commands:
            raise ApiError(400, "Bad Request: commands must be a non-empty list")
        for c in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", c.get("command", "")) or not 1 <= len(c.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        return True

    def m_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    def _check_text(self, text: Any, parse_mode: Any) -> None:
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        visible = text
        if parse_mode == "HTML":
            try:
                visible = parse_html(text)
            except EntityError as e:
                raise ApiError(400, f"Bad Request: {e}") from None
        if not visible.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(visible) > 4096:
            raise ApiError(400, "Bad Request: message is too long")

    def _check_markup(self, markup: Any) -> None:
        if markup is None:
            return
        data = _json(markup)
        rows = data.get("inline_keyboard") if isinstance(data, dict) else None
        if rows is None:
            return
        for row in rows:
            for button in row:
                if not button.get("text"):
                    raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
                cd = button.get("callback_data")
                if cd is not None and not 1 <= len(cd.encode("utf-8")) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")

    def _message(self, chat_id: int, text: str, markup: Any) -> dict[str, Any]:
        with self._cond:
            self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
            message_id = self._message_ids[chat_id]
        message = {"message_id": message_id, "date": int(time.time()), "from": self._me(),
                   "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}, "text": text}
        if markup is not None:
            message["reply_markup"] = _json(markup)
        return message

    def m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        self._check_text(params.get("text"), params.get("parse_mode"))
        self._check_markup(params.get("reply_markup"))
        return self._message(int(params["chat_id"]), params["text"], params.get("reply_markup"))

    def m_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        self._check_text(params.get("text"), params.get("parse_mode"))
        self._check_markup(params.get("reply_markup"))
        message = self._message(int(params["chat_id"]), params["text"], params.get("reply_markup"))
        message["message_id"] = int(params["message_id"])
        return message

    def m_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        if len(params.get("text") or "") > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def m_answerInlineQuery(self, params: dict[str, Any]) -> bool:
        results = _json(params.get("results"))
        if not isinstance(results, list) or len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        for r in results:
            if not r.get("title") or not 1 <= len(r.get("id", "").encode()) <= 64:
                raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
            content = r.get("input_message_content") or {}
            self._check_text(content.get("message_text"), content.get("parse_mode"))
        return True

    def m_close(self, params: dict[str, Any]) -> bool:
        return True

    # -- HTTP -------------------------------------------------------------------------------
    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                self._serve()

            def do_GET(self) -> None:
                self._serve()

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                f = re.fullmatch(r"/file/bot([^/]+)/(.+)", unquote(self.path.split("?")[0]))  # PTB encodes the ':' 
                if f:  # a file download, as from api.telegram.org/file/bot<token>/<file_path>
                    data = api.files_by_path.get(f.group(2)) if f.group(1) == api.token else None
                    self.send_response(200 if data is not None else 404)
                    self.send_header("Content-Length", str(len(data or b"")))
                    self.end_headers()
                    self.wfile.write(data or b"")
                    return
                m = re.fullmatch(r"/bot([^/]+)/(\w+)", self.path.split("?")[0])
                status, payload = 200, None
                try:
                    if not m:
                        raise ApiError(404, "Not Found")
                    if m.group(1) != api.token:
                        raise ApiError(401, "Unauthorized")
                    payload = {"ok": True, "result": api.handle(m.group(2), _params(self.headers, body, self.path))}
                except ApiError as e:
                    status = e.code
                    payload = {"ok": False, "error_code": e.code, "description": e.description}
                    if e.retry_after is not None:
                        payload["parameters"] = {"retry_after": e.retry_after}
                    if m:
                        with api._cond:
                            api.rejected.append((m.group(2), e.description))
                data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the bot went away mid long poll
                    pass

        return Handler


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise ApiError(400, "Bad Request: can't parse JSON") from None
    return value


def _params(headers: Any, body: bytes, path: str) -> dict[str, Any]:
    kind = headers.get("Content-Type") or ""
    if "application/json" in kind:
        return json.loads(body or b"{}")
    params = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    if "?" in path:
        params.update(parse_qsl(path.split("?", 1)[1]))
    return params


# -- updates a Telegram client would send -------------------------------------------------------

_counter = iter(range(10_000, 10**9))


def user(uid: int, language: str = "zh-hans") -> dict[str, Any]:
    return {"id": uid, "is_bot": False, "first_name": f"读者{uid}", "language_code": language}


def message_update(text: str, uid: int = 1001, chat_id: int | None = None, chat_type: str = "private",
                   reply_to_bot: bool = False, language: str = "zh-hans") -> dict[str, Any]:
    chat_id = chat_id if chat_id is not None else uid
    message: dict[str, Any] = {
        "message_id": next(_counter), "date": int(time.time()), "from": user(uid, language),
        "chat": {"id": chat_id, "type": chat_type, **({"title": "读报群"} if chat_type != "private" else {})},
        "text": text,
    }
    entities = []
    if text.startswith("/"):
        entities.append({"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
    mention = f"@{BOT_USERNAME}"
    if mention in text:
        entities.append({"type": "mention", "offset": _utf16_offset(text, text.index(mention)), "length": len(mention)})
    if entities:
        message["entities"] = entities
    if reply_to_bot:
        message["reply_to_message"] = {"message_id": 1, "date": int(time.time()), "from": {
            "id": BOT_ID, "is_bot": True, "first_name": "NewsBot", "username": BOT_USERNAME},
            "chat": message["chat"], "text": "之前的回答"}
    return {"message": message}


def _utf16_offset(text: str, index: int) -> int:
    return utf16_len(text[:index])


def callback_update(data: str, uid: int = 1001, message_id: int = 1, chat_id: int | None = None,
                    language: str = "zh-hans") -> dict[str, Any]:
    chat_id = chat_id if chat_id is not None else uid
    return {"callback_query": {
        "id": str(next(_counter)), "from": user(uid, language), "chat_instance": "ci", "data": data,
        "message": {"message_id": message_id, "date": int(time.time()), "chat": {"id": chat_id, "type": "private"},
                    "from": {"id": BOT_ID, "is_bot": True, "first_name": "NewsBot", "username": BOT_USERNAME},
                    "text": "搜索结果"},
    }}


def inline_update(query: str, uid: int = 1001) -> dict[str, Any]:
    return {"inline_query": {"id": str(next(_counter)), "from": user(uid), "query": query, "offset": ""}}


def document_update(file_id: str, name: str, size: int, uid: int = 1001) -> dict[str, Any]:
    """A user sends a file in a private chat."""
    update = message_update("", uid=uid)
    message = update["message"]
    del message["text"]
    message["document"] = {"file_id": file_id, "file_unique_id": "u" + file_id, "file_name": name, "file_size": size}
    return update
