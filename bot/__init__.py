"""newsbot's Telegram bot and command line (depends on ``index``, never the other way)."""
