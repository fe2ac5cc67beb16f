"""Settings, read in one place from the environment and an optional ``.env`` file."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from index import NewsbotError

__all__ = ["Settings", "ConfigError", "read_dotenv", "default_db_path", "quiet_libraries"]


class ConfigError(NewsbotError):
    """A setting is missing or malformed (the message names it)."""


def quiet_libraries() -> None:
    """httpx logs request URLs (with the token) at INFO; aiosqlite logs every statement at DEBUG;
    APScheduler logs every run of every job at INFO (a line every two seconds); pdfminer.six warns of what
    it reads past in a PDF (a copy-protection flag, a colour it cannot set) where newsbot says what matters."""
    for name in ("httpx", "httpcore", "aiosqlite", "hpack", "apscheduler"):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


def default_db_path(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_DATA_HOME") or str(Path(environ.get("HOME") or Path.home()) / ".local" / "share")
    return Path(base) / "newsbot" / "newsbot.db"


def read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; '#' comments, 'export ' prefixes and matching quotes are allowed."""
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return values
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        key = key.strip().removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[key] = value
    return values


def _ids(raw: str) -> frozenset[int]:
    try:
        return frozenset(int(x) for x in raw.replace(",", " ").split())
    except ValueError as e:
        raise ConfigError(f"NEWSBOT_ADMIN_IDS must be Telegram user ids separated by commas, got {raw!r}") from e


def _number(name: str, raw: str | None, default: float, low: float, high: float) -> float:
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low:g} and {high:g}, got {raw!r}")
    return value


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"NEWSBOT_TIMEZONE is not a time zone: {name!r} (e.g. Asia/Shanghai)") from None
    return name


def _log_format(value: str) -> str:
    if value.lower() not in ("text", "json"):
        raise ConfigError(f"NEWSBOT_LOG_FORMAT must be text or json, got {value!r}")
    return value.lower()


@dataclass(frozen=True)
class Settings:
    db_path: Path
    token: str | None = field(default=None, repr=False)
    api_base_url: str | None = None
    admin_ids: frozenset[int] = frozenset()
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    log_level: str = "INFO"
    rate_burst: int = 5  # requests a reader may send at once ...
    rate_per_minute: float = 20.0  # ... and then per minute
    refresh_seconds: float = 15.0  # how often a running bot picks up what other processes ingested
    watch_dir: Path | None = None  # files dropped here are ingested, then moved to done/ or failed/
    timezone: str = "Asia/Shanghai"  # the readers' clock, for daily digests
    metrics_port: int | None = None  # /healthz and /metrics (Prometheus) served here when set
    metrics_host: str = "127.0.0.1"
    log_format: str = "text"  # or "json": one JSON object a line

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")) -> Settings:
        """Environment first, then ``.env`` for anything the environment does not set."""
        env: dict[str, str] = {}
        if dotenv is not None:
            env.update(read_dotenv(dotenv))
        env.update(os.environ if environ is None else environ)

        def get(key: str) -> str | None:
            value = env.get(key, "").strip()
            return value or None

        db = get("NEWSBOT_DB")
        port_raw = get("TELEGRAM_WEBHOOK_PORT") or "8443"
        try:
            port = int(port_raw)
        except ValueError as e:
            raise ConfigError(f"TELEGRAM_WEBHOOK_PORT must be a number, got {port_raw!r}") from e
        return cls(
            db_path=Path(db).expanduser() if db else default_db_path(env),
            token=get("TELEGRAM_BOT_TOKEN"),
            api_base_url=get("TELEGRAM_API_BASE_URL"),
            admin_ids=_ids(get("NEWSBOT_ADMIN_IDS") or ""),
            webhook_url=get("TELEGRAM_WEBHOOK_URL"),
            webhook_secret=get("TELEGRAM_WEBHOOK_SECRET"),
            webhook_listen=get("TELEGRAM_WEBHOOK_LISTEN") or "0.0.0.0",
            webhook_port=port,
            log_level=(get("NEWSBOT_LOG_LEVEL") or "INFO").upper(),
            rate_burst=int(_number("NEWSBOT_RATE_BURST", get("NEWSBOT_RATE_BURST"), 5, 1, 1000)),
            rate_per_minute=_number("NEWSBOT_RATE_PER_MINUTE", get("NEWSBOT_RATE_PER_MINUTE"), 20, 1, 6000),
            refresh_seconds=_number("NEWSBOT_REFRESH_SECONDS", get("NEWSBOT_REFRESH_SECONDS"), 15, 0.5, 3600),
            watch_dir=Path(w).expanduser() if (w := get("NEWSBOT_WATCH_DIR")) else None,
            timezone=_zone(get("NEWSBOT_TIMEZONE") or "Asia/Shanghai"),
            metrics_port=int(_number("NEWSBOT_METRICS_PORT", m, 0, 1, 65535)) if (m := get("NEWSBOT_METRICS_PORT")) else None,
            metrics_host=get("NEWSBOT_METRICS_HOST") or "127.0.0.1",
            log_format=_log_format(get("NEWSBOT_LOG_FORMAT") or "text"),
        )
