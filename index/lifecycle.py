"""The BM25 index over every stored passage, kept in step with the store through its whole life:
opened from its saved copy (or rebuilt from the passages' stored terms), caught up with what other
processes stored, saved, warmed for a long-running process, compacted, and re-tokenized when the
tokenizer changes.  The store is the truth; the index is derived from it."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Sequence

import numpy as np

from .errors import IndexFiles
from .model import PassageTerms
from .ranking import BM25Index, enable_compiled_scoring, persist
from .ranking.segments import GrowingArray
from .store import Added, Store
from .text.tokenize import Tokenizer

__all__ = ["PassageIndex", "TOKENIZER_VERSION"]

log = logging.getLogger(__name__)
LARGE_REBUILD = 100_000  # passages: rebuilding more is announced as a warning
TOKENIZER_VERSION = "2"  # bump when tokens change: stored passages are re-tokenized


class PassageIndex:
    """Documents of the BM25 index are passages; ``keys`` maps a document to its passage id."""

    def __init__(self, store: Store, tokenizer: Tokenizer, path: Path | None) -> None:
        self.store = store
        self.tokenizer = tokenizer
        self.path = path  # None: in memory only
        self.bm25 = BM25Index()
        self._keys = GrowingArray(np.int64)
        self._last_passage_id = 0
        self.lock = asyncio.Lock()  # held by whoever changes the index (ingest, compact)

    @classmethod
    async def open(cls, store: Store, tokenizer: Tokenizer, path: Path | None) -> PassageIndex:
        """The saved index at ``path`` if it is usable, else rebuilt; caught up with the store either way."""
        await asyncio.to_thread(tokenizer.initialize)
        index = cls(store, tokenizer, path)
        await index._retokenize_if_stale()
        await index.load()
        return index

    def __len__(self) -> int:
        return len(self.bm25)

    def passage_id(self, doc: int) -> int:
        return int(self._keys.view[doc])

    async def _retokenize_if_stale(self) -> None:
        if await self.store.get_meta("tokenizer_version") == TOKENIZER_VERSION:
            return
        async for batch in self.store.iter_passages():
            rows = await asyncio.to_thread(self._retokenized, batch)
            await self.store.replace_tokens(rows)
        await self.store.set_meta("tokenizer_version", TOKENIZER_VERSION)

    def _retokenized(self, batch: list[tuple[int, str, str]]) -> list[tuple[int, str]]:
        return [(pid, " ".join(self.tokenizer.tokens(text))) for pid, text, _ in batch]

    async def load(self, trust_saved: bool = True) -> None:
        """The saved index if it belongs to this store and tokenizer (and ``trust_saved``), else one
        built from the store; then catch up (and save when anything changed)."""
        store_id = await self.store.store_id()
        newest = await self.store.max_passage_id()
        loaded = False
        self.bm25, self._keys, self._last_passage_id = BM25Index(), GrowingArray(np.int64), 0
        if self.path is not None and trust_saved:
            try:
                bm25, keys, manifest = await asyncio.to_thread(persist.load, self.path)
                last = int(manifest.get("last_passage_id", -1))
                if manifest.get("store_id") != store_id or manifest.get("tokenizer") != TOKENIZER_VERSION:
                    raise IndexFiles("it belongs to another database or tokenizer")
                if last > newest or (len(keys) and int(keys[-1]) != last):
                    raise IndexFiles("it covers passages the database does not have")
                if await self.store.count_passages(last) != len(keys):
                    raise IndexFiles("it lacks passages the database has")
                self.bm25, self._keys, self._last_passage_id = bm25, GrowingArray(np.int64, keys), last
                loaded = True
            except IndexFiles as e:
                # a large archive takes minutes: say so where a one-shot command shows it too
                (log.warning if newest > LARGE_REBUILD else log.info)(
                    "building the search index from %d stored passages (%s)", newest, e)
        caught_up = await self.catch_up()
        if caught_up or not loaded:
            await self.save()

    async def catch_up(self) -> int:
        """Index passages stored after the index was last saved (from their stored terms)."""
        count = 0
        async for batch in self.store.iter_passages(after_id=self._last_passage_id):
            await asyncio.to_thread(self._add_stored, batch)
            count += len(batch)
        return count

    def _add_stored(self, batch: list[tuple[int, str, str]]) -> None:
        for pid, _, tokens in batch:
            self._add_passage(pid, PassageTerms.of(tokens.split() if tokens else []))

    def add(self, added: Sequence[Added]) -> None:
        """Index newly stored articles' passages (CPU work: call off the event loop)."""
        for a in added:
            for pid, passage in zip(a.passage_ids, a.prepared.passages):
                self._add_passage(pid, passage.terms)

    def _add_passage(self, pid: int, terms: PassageTerms) -> None:
        self.bm25.add_counted(terms.terms, terms.counts, terms.length)
        self._keys.extend(np.array([pid], dtype=np.int64))
        self._last_passage_id = pid

    async def save(self) -> None:
        if self.path is None:
            return
        store_id, last = await self.store.store_id(), self._last_passage_id
        meta = {"store_id": store_id, "tokenizer": TOKENIZER_VERSION, "last_passage_id": last}

        def newer(saved: dict) -> bool:  # another process saved an index that covers more
            return (saved.get("store_id") == store_id and saved.get("tokenizer") == TOKENIZER_VERSION
                    and int(saved.get("last_passage_id", -1)) > last)

        try:
            await asyncio.to_thread(persist.save, self.bm25, self._keys.view, self.path, meta, newer)
        except OSError as e:  # the store is the truth: a read-only folder only costs start-up time
            log.warning("could not save the search index in %s: %s", self.path, e)

    async def rebuild(self, reason: str) -> None:
        """Build the index again from the passages' stored terms (the saved one is damaged)."""
        log.warning("the search index is damaged (%s): rebuilding it from the stored passages", reason)
        async with self.lock:
            await self.load(trust_saved=False)

    async def warm(self) -> bool:
        """For a long-running process: the index in process memory (its postings verified against their
        checksums: the compiled loop trusts them) and the compiled search loop, now rather than on the
        first questions (about a second, off the event loop)."""
        try:
            await asyncio.to_thread(self._into_memory)
        except IndexFiles as e:
            await self.rebuild(str(e))
        return await asyncio.to_thread(enable_compiled_scoring)

    def _into_memory(self) -> None:
        self.bm25.load_into_memory()
        for seg in self.bm25.segments:
            persist.verify_postings(seg)

    async def compact(self) -> None:
        """Merge the index's segments into one and save it."""
        async with self.lock:
            await asyncio.to_thread(self.bm25.compact)
            await self.save()
