"""The reader's script: traditional in, traditional out (OpenCC), the index staying simplified."""

from __future__ import annotations

import pytest

from bot.chat_state import ChatState
from bot.conversation import Answered, Conversation
from index import Library, in_script, reader_script
from tests.conftest import SEED_PAGE


@pytest.mark.parametrize("question, language, expected", [
    ("消防演练中有几人受伤被困？", None, None),
    ("消防演練中有幾人受傷被困？", None, "s2t"),
    ("消防演練中有幾人受傷被困？", "zh-hant", "s2t"),
    ("消防演練中有幾人受傷被困？", "zh-TW", "s2tw"),
    ("消防演练中有几人受伤被困？", "zh-hk", "s2hk"),  # the app's language says so
    ("消防演练中有几人受伤被困？", "zh-hans", None),
    ("消防演练中有几人受伤被困？", "en", None),
    ("李芸是哪个局的局长？", "zh-cn", None),
    ("2024 GDP", None, None),
])
def test_the_readers_script_comes_from_the_question_or_the_app(question: str, language: str | None,
                                                                expected: str | None):
    assert reader_script(question, language) == expected


@pytest.fixture
async def conversation(library: Library):
    await library.ingest_paths([SEED_PAGE])
    chats = await ChatState.open(library.path)
    yield Conversation(library, chats, frozenset())
    await chats.close()


async def test_a_traditional_question_gets_a_traditional_answer_with_its_spans(conversation: Conversation):
    simplified = await conversation.ask("消防演练中有几人受伤被困？")
    traditional = await conversation.ask("消防演練中有幾人受傷被困？", chat_id=9)
    assert isinstance(simplified, Answered) and isinstance(traditional, Answered)
    s, t = simplified.result, traditional.result
    assert t.passage_id == s.passage_id  # the same passage, found through the simplified index
    assert t.title == "我市2024年住建領域“安全生產月”活動啓動" and "2人受傷被困" in t.sentence
    assert "应急" not in t.passage and "應急" in t.passage
    start, end = t.sentence_span
    assert t.passage[start:end] == t.sentence
    assert [t.passage[a:b] for a, b in t.highlights] == [in_script(s, "s2t").passage[a:b] for a, b in s.highlights]
    assert {"演練", "受傷被困"} <= {t.passage[a:b] for a, b in t.highlights}
    hk = await conversation.ask("消防演练中有几人受伤被困？", language="zh-hk")
    assert isinstance(hk, Answered) and "應急" in hk.result.passage
