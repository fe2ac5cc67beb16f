"""One tokenizer for passages and questions: normalize, segment with jieba, drop noise.

Normalization (the same on both sides): NFKC (full-width letters and digits become half-width),
traditional -> simplified Chinese (OpenCC ``t2s``), lower case.  Segmentation uses a private
``jieba.Tokenizer`` (HMM off: it glues unknown words such as ``个嘎查``), whose dictionary is loaded
once, with its cache in a directory we own, in search mode (a long word also yields the dictionary
words inside it: 苹果公司 -> 苹果 公司 苹果公司).  Punctuation, whitespace and stopwords (function words
and question words such as 什么 哪些 多少 吗) are dropped.  Character bigrams of long words are an option
(measured, not the default: see README "Retrieval quality").
"""

from __future__ import annotations

import logging
import marshal
import os
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
import opencc

from ..model import Query

__all__ = ["Tokenizer", "TokenizerOptions", "normalize", "STOPWORDS", "default_tokenizer"]

STOPWORDS: frozenset[str] = frozenset(
    """
    的 地 得 了 着 过 是 在 和 与 及 或 并 而 且 但 也 都 就 还 又 再 才 之 其 此 该 这 那 这些 那些 这个 那个
    有 没有 没 被 把 将 对 从 向 往 于 以 为 为了 由 让 给 跟 同 比 等 等等 则 即 若 如 如果 因为 所以 因此
    个 位 些 一个 一些 吗 呢 吧 啊 呀 嘛 哦 么 了吗 是否 是不是 有没有 能否 可否 会不会 能不能
    什么 什么样 啥 哪 哪些 哪个 哪里 哪儿 哪天 哪年 哪家 哪位 哪种 几 几个 几次 几年 第几 第几个 第几次 第几届 多少 多久 多大 多长 多高 多远
    如何 怎么 怎么样 怎样 怎么办 为什么 为何 何 何时 何地 何处 什么时候 谁 谁的 请问 一下 告诉 知道 想 想知道
    我 你 他 她 它 我们 你们 他们 她们 它们 自己 会 能 能够 可以 要 需要 应该 已 已经 曾 曾经 正在 所 所有
    the a an of to in on for and or is are was were be by with at as what which who when where why how
    """.split()
)

_WORD = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ALL_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_SPACES = re.compile(r"\s+")
_NUMBER_GAP = re.compile(r"(?<=\d)\s+(?=[\d\u4e00-\u9fff%])|(?<=[\u4e00-\u9fff])\s+(?=\d)")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenizerOptions:
    """The measured choices (see benchmarks/eval_retrieval.py); defaults are what won."""

    hmm: bool = False
    bigrams: bool = False
    search_mode: bool = True
    stopwords: bool = True


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def normalize(text: str) -> str:
    """NFKC, traditional->simplified, lower case, and spaces inside numbers closed ("6 月" -> "6月")."""
    text = unicodedata.normalize("NFKC", text)
    text = _converter().convert(text)
    text = _NUMBER_GAP.sub("", text)
    return text.lower()


def _cache_dir() -> Path:
    """Where jieba keeps its dictionary cache: ours, or a fresh private folder.  The cache is loaded
    with ``marshal``, which must never read a file someone else could have written."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "newsbot" / "jieba"
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        probe = path / ".write-test"
        probe.write_text("")
        probe.unlink()
        if _trusted(path) and _trusted(path / "jieba.cache", missing_ok=True):
            return path
        log.warning("not using the jieba cache in %s: it is not this user's alone", path)
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="newsbot-jieba-"))


def _trusted(path: Path, missing_ok: bool = False) -> bool:
    """Owned by this user and writable by no one else."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return missing_ok
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


class Tokenizer:
    """Text -> list of terms.  Thread-safe after ``initialize()``; cheap to call afterwards."""

    def __init__(self, options: TokenizerOptions | None = None, userdict: Path | None = None) -> None:
        self.options = options or TokenizerOptions()
        self._userdict = userdict
        self._jieba = jieba.Tokenizer()
        self._jieba.tmp_dir = str(_cache_dir())
        self._ready = False
        self._lock = threading.Lock()

    def initialize(self) -> None:
        """Load jieba's dictionary (about half a second); call once, off the event loop."""
        with self._lock:
            if self._ready:
                return
            logging.getLogger("jieba").setLevel(logging.WARNING)
            jieba.setLogLevel(logging.WARNING)
            if not self._load_cached_dictionary():
                self._jieba.initialize()  # builds the dictionary and writes the cache
            if self._userdict is not None:
                self._jieba.load_userdict(str(self._userdict))
            self._ready = True

    def _load_cached_dictionary(self) -> bool:
        """jieba's own cache, read in one go: ``marshal.load`` on the open file (what jieba does) is
        three times slower than ``marshal.loads`` on its bytes (1.5 s against 0.45 s here)."""
        cache = Path(self._jieba.tmp_dir) / "jieba.cache"
        if self._jieba.dictionary != jieba.DEFAULT_DICT or not cache.is_file():
            return False
        try:
            freq, total = marshal.loads(cache.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return False
        if not isinstance(freq, dict) or not freq:
            return False
        self._jieba.FREQ, self._jieba.total = freq, total
        self._jieba.initialized = True
        return True

    def words(self, text: str) -> list[str]:
        """Segmented words of normalized text, punctuation and spaces removed (stopwords kept)."""
        if not self._ready:
            self.initialize()
        text = normalize(text)
        cut = self._jieba.cut_for_search if self.options.search_mode else self._jieba.cut
        return [w for w in cut(text, HMM=self.options.hmm) if _WORD.search(w) and not w.isspace()]

    def word_starts(self, text: str) -> set[int]:
        """Where the words of ``text`` start (jieba's plain segmentation, HMM off, every character kept),
        and its end: the offsets a word boundary falls on."""
        if not self._ready:
            self.initialize()
        at, starts = 0, set()
        for word in self._jieba.cut(text, HMM=False):
            starts.add(at)
            at += len(word)
        return starts | {at}

    def terms(self, text: str) -> list[tuple[str, list[str]]]:
        """Content words (stopwords dropped), each with the bigrams it adds to the index."""
        out: list[tuple[str, list[str]]] = []
        stop = STOPWORDS if self.options.stopwords else frozenset()
        for word in self.words(text):
            word = word.strip()
            if not word or word in stop:
                continue
            grams: list[str] = []
            if self.options.bigrams and len(word) > 2 and _ALL_CJK.match(word):
                grams = [word[i : i + 2] for i in range(len(word) - 1)]
            out.append((word, grams))
        return out

    def query(self, text: str) -> Query:
        """A question or search text, tokenized once for everything downstream."""
        return Query(text, tuple((word, tuple(grams)) for word, grams in self.terms(text)))

    def tokens(self, text: str) -> list[str]:
        """Index/query terms: words without stopwords, plus bigrams of longer Chinese words."""
        return [t for word, grams in self.terms(text) for t in (word, *grams)]


_default: Tokenizer | None = None
_default_lock = threading.Lock()


def default_tokenizer() -> Tokenizer:
    """The process-wide tokenizer with the default options (created lazily, initialized on use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Tokenizer()
        return _default
