"""E-paper page text -> articles.

The text extracted from a newspaper PDF is a sequence of column lines separated by blank lines at
column breaks and paragraph ends, with headlines, kickers and section banners printed wherever the
page put them.  The analysis runs in four passes:

1. ``lines._classify``: each line is a body line or a heading line, using punctuation, the width of the
   surrounding column and story markers (bylines such as ``本报讯``, ``□作者``, ``XX讯``,
   ``（上接第X版）``; author tags such as ``（钱伟东）`` end a story).
2. ``stories.split_stories``: body lines are cut into stories at start markers, after end markers, and where a
   heading separates two columns of clearly different width, and where a lead opens with the subject of
   a headline printed elsewhere (``leads``).  Headings inside a story stay in it as subheads; the others
   become headline candidates.  Then the stories' pieces go back together: a story stopped mid-sentence
   takes its rest (``broken``), a story's blocks are put back in reading order (``thread``), a paragraph
   printed inside the story set beside its own goes back to it (``topics``), headings left inside a
   sentence or after a story's last line go back to the candidates, and leads are cut once more.
3. ``headlines._split_units``: candidate lines are grouped into headline units (a title may wrap onto two
   lines; a kicker, a subtitle or a banner is a unit of its own).
4. ``headlines._assign_titles``: each story gets the unit that best matches its text (idf-weighted character
   bigrams), helped by position (a headline printed right above its story).  Units that match no
   story well are section banners and belong to no article.
"""


from __future__ import annotations

from .lines import PageArticle, display_width
from .page import split_page, strip_byline

__all__ = ["PageArticle", "split_page", "display_width", "strip_byline"]
