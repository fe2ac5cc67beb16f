# newsbot: the Telegram bot, its data on a volume, health on :9108/healthz.
#   docker build -t newsbot .
#   docker run -d --name newsbot --env-file .env -v newsbot-data:/data newsbot
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    NEWSBOT_DB=/data/newsbot.db \
    NEWSBOT_METRICS_PORT=9108 \
    NEWSBOT_METRICS_HOST=0.0.0.0 \
    XDG_CACHE_HOME=/data/cache

RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin newsbot \
    && mkdir -p /data && chown newsbot:newsbot /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY index ./index
COPY seeds ./seeds
RUN pip install . && python -c "import bot.cli, index"

USER newsbot
VOLUME ["/data"]
EXPOSE 9108
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:9108/healthz', timeout=4).status != 200)"
ENTRYPOINT ["newsbot"]
CMD ["run"]
