"""Text: articles -> passages (``passages``), terms (``tokenize``, one tokenizer for index and query),
both on every core for large ingests (``prepare``), and highlight spans (``highlight``)."""

from __future__ import annotations

from .tokenize import Tokenizer, TokenizerOptions, default_tokenizer

__all__ = ["Tokenizer", "TokenizerOptions", "default_tokenizer"]
