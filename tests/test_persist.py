"""The index saved next to the store: reloaded, caught up, rebuilt when unusable."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from index.ranking import persist
from index.text import prepare
from index.ranking.bm25 import BM25Index
from index import Library
from tests.conftest import SEED_PAGE, record
from tests.test_bm25 import random_corpus


def test_save_and_load_round_trip(tmp_path: Path):
    rng = random.Random(1)
    corpus = random_corpus(rng, 700, 300)
    index = BM25Index()
    for start in range(0, 700, 250):
        index.add(corpus[start : start + 250])
        index.flush()
    keys = np.arange(1000, 1700, dtype=np.int64)
    persist.save(index, keys, tmp_path / "ix", {"hello": "world"})
    loaded, loaded_keys, manifest = persist.load(tmp_path / "ix")
    assert manifest["hello"] == "world" and manifest["docs"] == 700
    assert np.array_equal(loaded_keys, keys)
    assert loaded.terms == index.terms and np.array_equal(loaded.document_frequencies, index.document_frequencies)
    for query in (["w0", "w3"], ["w100", "w1", "w1"], ["w299"]):
        assert loaded.top_k(query, 10) == index.top_k(query, 10)
    loaded.add(corpus[:5])  # a loaded index keeps growing
    assert len(loaded) == 705


async def test_library_saves_and_reloads_its_index(tmp_path: Path, tokenizer):
    db = tmp_path / "news.db"
    async with await Library.open(db, tokenizer=tokenizer) as first:
        await first.ingest_paths([SEED_PAGE])
        expected = (await first.ask("智慧畜牧贷用什么作抵押物？")).result
    assert (persist.index_dir(db) / "manifest.json").exists()
    async with await Library.open(db, tokenizer=tokenizer) as again:
        assert again.index.bm25.segments[0].name  # loaded from disk, not rebuilt
        assert (await again.ask("智慧畜牧贷用什么作抵押物？")).result == expected


async def test_passages_stored_by_another_process_are_caught_up(tmp_path: Path, tokenizer):
    db = tmp_path / "news.db"
    async with await Library.open(db, tokenizer=tokenizer) as first:
        await first.ingest_paths([SEED_PAGE])
    # another writer that does not know about the saved index
    async with await Library.open(db, tokenizer=tokenizer, index_path=None) as other:
        await other.ingest([record("城市书房开放", "我市首座城市书房在人民公园开放，藏书五千册。")])
    async with await Library.open(db, tokenizer=tokenizer) as library:
        answer = (await library.ask("城市书房藏书多少册？")).result
        assert answer is not None and answer.title == "城市书房开放"
        manifest = json.loads((persist.index_dir(db) / "manifest.json").read_text())
        assert manifest["last_passage_id"] == await library.store.max_passage_id()


@pytest.mark.parametrize("damage", ["manifest", "vocab", "segment", "foreign", "old-format"])
async def test_unusable_index_is_rebuilt_from_the_store(tmp_path: Path, tokenizer, damage: str):
    db = tmp_path / "news.db"
    async with await Library.open(db, tokenizer=tokenizer) as first:
        await first.ingest_paths([SEED_PAGE])
    folder = persist.index_dir(db)
    if damage == "manifest":
        (folder / "manifest.json").write_text("{not json")
    elif damage == "vocab":
        (folder / "vocab.txt").write_text("only\nthree\nterms")
    elif damage == "segment":
        shutil.rmtree(next(p for p in folder.iterdir() if p.name.startswith("seg-")))
    elif damage == "old-format":  # saved by an older newsbot: tfs per posting, no block bounds
        manifest = json.loads((folder / "manifest.json").read_text())
        (folder / "manifest.json").write_text(json.dumps({**manifest, "format": 1}))
        for seg in (p for p in folder.iterdir() if p.name.startswith("seg-")):
            (seg / "codes.npy").rename(seg / "tfs.npy")
    else:  # an index saved for another database
        other = tmp_path / "other.db"
        async with await Library.open(other, tokenizer=tokenizer) as elsewhere:
            await elsewhere.ingest([record("别的", "别的数据库里的报道。")])
        shutil.rmtree(folder)
        shutil.copytree(persist.index_dir(other), folder)
    async with await Library.open(db, tokenizer=tokenizer) as library:
        answer = (await library.ask("李芸是哪个局的局长？")).result
        assert answer is not None and "市文化和旅游局" in answer.passage
        assert len(library.index) == len((await library.store.passages(list(range(1, 200)))))


async def test_large_ingest_uses_worker_processes_with_the_same_result(tmp_path: Path, tokenizer, monkeypatch):
    records = [record(f"第{i}号报道：社区新变化", f"第{i}个社区建成了新的图书室和健身广场，居民{i % 7}号楼的住户都很满意。",
                      f"社区还为{i}位老人送去了热饭。") for i in range(300)]
    serial = await Library.open(tmp_path / "serial.db", tokenizer=tokenizer)
    await serial.ingest(records)
    monkeypatch.setattr(prepare, "CHUNK_CHARS", 2000)
    monkeypatch.setattr("index.library.PARALLEL_MIN_CHARS", 1000)
    parallel = await Library.open(tmp_path / "parallel.db", tokenizer=tokenizer)
    seen: list[tuple[int, int]] = []
    report = await parallel.ingest(records, progress=lambda done, total: seen.append((done, total)))
    try:
        assert report.articles_added == 300
        assert len(seen) > 3 and seen[-1] == (300, 300)
        assert parallel.index.bm25.terms == serial.index.bm25.terms
        for q in ("社区 图书室", "老人 热饭 第7", "健身广场"):
            assert await parallel.search(q, 10) == await serial.search(q, 10)
    finally:
        await serial.close()
        await parallel.close()


async def test_failed_ingest_leaves_the_index_as_it_was(tmp_path: Path, tokenizer):
    library = await Library.open(tmp_path / "news.db", tokenizer=tokenizer)
    await library.ingest_paths([SEED_PAGE])
    before = len(library.index)
    bad = [record("好的", "好的报道正文。"), record(None, "没有标题的坏报道。")]  # type: ignore[arg-type]
    with pytest.raises(Exception):
        await library.ingest(bad)
    try:
        assert len(library.index) == before
        found = (await library.ask("好的报道正文")).result
        assert found is None or found.title != "好的"
    finally:
        await library.close()


async def test_an_index_that_lacks_passages_it_claims_is_rebuilt(tmp_path: Path, tokenizer):
    """What the old concurrent-ingest defect left behind: the manifest's last id is the newest passage,
    but passages before it are missing from the index."""
    db = tmp_path / "news.db"
    async with await Library.open(db, tokenizer=tokenizer) as first:
        await first.ingest_paths([SEED_PAGE])
        rows = [row async for batch in first.store.iter_passages() for row in batch]
        store_id = await first.store.store_id()
    lost = next(pid for pid, text, _ in rows if "2人受伤被困" in text)
    kept = [(pid, tokens.split()) for pid, _, tokens in rows if pid != lost]
    damaged = BM25Index()
    damaged.add([terms for _, terms in kept])
    manifest = json.loads((persist.index_dir(db) / "manifest.json").read_text())
    persist.save(damaged, np.array([pid for pid, _ in kept], dtype=np.int64), persist.index_dir(db),
                 {"store_id": store_id, "tokenizer": manifest["tokenizer"], "last_passage_id": rows[-1][0]})
    async with await Library.open(db, tokenizer=tokenizer) as again:
        assert len(again.index) == len(rows)
        answer = (await again.ask("消防演练中有几人受伤被困？")).result
        assert answer is not None and "2人受伤被困" in answer.passage


async def test_a_save_never_replaces_a_newer_index(tmp_path: Path, tokenizer):
    db = tmp_path / "news.db"
    async with await Library.open(db, tokenizer=tokenizer) as stale, \
            await Library.open(db, tokenizer=tokenizer) as fresh:
        await fresh.ingest([record("城市书房开放", "我市首座城市书房在人民公园开放，藏书五千册。")])
        await stale.index.save()  # knows nothing of the new passage: must not overwrite
    manifest = json.loads((persist.index_dir(db) / "manifest.json").read_text())
    assert manifest["last_passage_id"] == 1 and manifest["docs"] == 1


def _damage(folder: Path, kind: str) -> None:
    """Values wrong, shapes intact: what a flipped disk block or a bad copy leaves."""
    seg = next(p for p in folder.iterdir() if p.name.startswith("seg-"))

    def rewrite(name: str, change) -> None:
        array = np.load(seg / f"{name}.npy")
        np.save(seg / f"{name}.npy", change(array))

    if kind == "indptr x1000":
        rewrite("indptr", lambda a: a * 1000)
    elif kind == "codes out of range":
        rewrite("codes", lambda a: np.full_like(a, np.iinfo(a.dtype).max))
    elif kind == "docs out of range":
        rewrite("docs", lambda a: a + 1_000_000)
    elif kind == "zeroed block maxima":
        rewrite("blk_max", np.zeros_like)
    elif kind == "vocabulary lines swapped":
        lines = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")
        lines[3], lines[40] = lines[40], lines[3]
        (folder / "vocab.txt").write_text("\n".join(lines), encoding="utf-8")


DAMAGE = ["indptr x1000", "codes out of range", "docs out of range", "zeroed block maxima", "vocabulary lines swapped"]


@pytest.mark.parametrize("kind", DAMAGE)
async def test_damaged_index_values_are_noticed_and_rebuilt(tmp_path: Path, tokenizer, kind: str):
    db = tmp_path / "news.db"
    async with await Library.open(db, tokenizer=tokenizer) as first:
        await first.ingest_paths([SEED_PAGE])
    _damage(persist.index_dir(db), kind)
    async with await Library.open(db, tokenizer=tokenizer) as again:  # a one-shot command
        for _ in range(2):
            answer = (await again.ask("消防演练中有几人受伤被困？")).result
            assert answer is not None and "2人受伤被困" in answer.passage
        assert (await again.ask("李芸是哪个局的局长？")).result is not None
    persist.load(persist.index_dir(db))  # what was saved after the rebuild is sound


@pytest.mark.parametrize("kind", DAMAGE)
async def test_damaged_postings_are_verified_before_the_compiled_search_reads_them(tmp_path: Path, tokenizer,
                                                                                   kind: str):
    from index.ranking.bm25 import enable_compiled_scoring

    db = tmp_path / "news.db"
    async with await Library.open(db, tokenizer=tokenizer) as first:
        await first.ingest_paths([SEED_PAGE])
    _damage(persist.index_dir(db), kind)
    try:
        async with await Library.open(db, tokenizer=tokenizer) as bot:  # a long-running process
            await bot.warm()
            answer = (await bot.ask("消防演练中有几人受伤被困？")).result
            assert answer is not None and "2人受伤被困" in answer.passage
            assert len(bot.index) == await bot.store.count_passages(10**9)
    finally:
        enable_compiled_scoring(False)
