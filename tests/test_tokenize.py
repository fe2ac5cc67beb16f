"""The tokenizer: its fast dictionary load gives jieba's own segmentation."""

from __future__ import annotations

from pathlib import Path

import jieba

from index.text.tokenize import Tokenizer

TEXT = "鄂托克前旗上海庙镇积极探索推行“镇搭台、村组建、公司运营”的“飞地抱团”发展模式，2023年收入突破3000万元。"


def test_dictionary_loaded_from_cache_segments_like_jieba(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = Tokenizer()
    first.initialize()  # no cache yet: jieba builds the dictionary and writes its cache
    assert (tmp_path / "newsbot" / "jieba" / "jieba.cache").is_file()
    second = Tokenizer()
    assert second._load_cached_dictionary()
    second._ready = True
    reference = jieba.Tokenizer()
    reference.tmp_dir = str(tmp_path)
    assert second.words(TEXT) == first.words(TEXT)
    assert [w for w in reference.cut_for_search(TEXT, HMM=False) if w.strip() and w not in "，、“”。"] == \
        [w for w in second.words(TEXT)]


def test_damaged_cache_falls_back_to_jieba(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache = tmp_path / "newsbot" / "jieba" / "jieba.cache"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"not marshal data")
    t = Tokenizer()
    assert not t._load_cached_dictionary()
    t.initialize()
    assert "飞地" in t.tokens(TEXT)
