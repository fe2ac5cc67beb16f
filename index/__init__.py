"""newsbot's search library: ingest, layout, passages, tokenize, BM25, store, search (no Telegram)."""
