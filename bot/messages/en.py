"""User-facing text in English, for readers whose Telegram app is set to English (the same names as
``zh.py``).  News text, titles and dates stay as published."""

from __future__ import annotations

LANGUAGE = "en"

NO_ANSWER = "Sorry, I found no article that answers this question."
NO_ANSWER_HINT = "Try other words, search with /search keywords, or see the newest articles with /latest."
NO_RESULTS = "No articles found for “{query}”."
EMPTY_QUESTION = "Please ask a question in Chinese, e.g. 安全生产月启动仪式是哪天举行的？"
NOT_TEXT = "This line cannot be read as text (neither UTF-8 nor GBK/GB18030): please type it again in UTF-8."
NO_ARTICLES = "There are no articles yet."
UNDATED = "date unknown"
STALE_BUTTON = "This button has expired; please search again."
ARTICLE_GONE = "This article no longer exists."
SORRY = "Sorry, something went wrong. Please try again later."
SLOW_DOWN = "Too many messages: please wait {seconds} s before asking again."
FOLLOWED = "OK: I will send you new articles about “{words}”."
ALREADY_FOLLOWED = "You already follow “{words}”."
FOLLOWS_FULL = "You can follow at most {limit} sets of keywords; /unfollow some first."
UNFOLLOWED = "You no longer follow “{words}”."
NOT_FOLLOWED = "You do not follow “{words}”."
FOLLOW_LIST = "Keywords you follow:\n{words}"
NO_FOLLOWS = "You follow no keywords yet. Use /follow keywords."
ANOTHER = "Another answer"
NO_OTHER_ANSWER = "There is no other answer."
PUSH_HEADER = "📌 New article about “{words}”"
SUBSCRIBED = "OK: every day at {at} ({zone}) I will send you a digest of the new articles."
UNSUBSCRIBED = "Your daily digest is cancelled."
NOT_SUBSCRIBED = "You have no daily digest."
DIGEST_TIME = "Daily digest: every day at {at}"
DIGEST_HEADER = "📰 Daily digest of new articles"
UPLOAD_NOT_ADMIN = "Sorry, only admins can upload newspaper files."
UPLOAD_TYPE = "Cannot ingest {name}: only .pdf, .txt, .json and .jsonl files are accepted."
UPLOAD_TOO_BIG = "Cannot ingest {name}: the file is over the 20 MB Telegram lets bots download."
UPLOAD_DOWNLOADING = "Downloading {name}…"
UPLOAD_INGESTING = "Ingesting {name}…"
UPLOAD_DONE = ("Ingested {name}: {read} articles read, {added} new ({passages} passages), "
               "{duplicates} duplicates.")
UPLOAD_FAILED = "Cannot ingest {name}: {reason}"
NOT_ADMIN = "This command is for admins only."
GREETING = "Hello! "
UNKNOWN_COMMAND = "Unknown command {command}."
MORE_RESULTS = "More results: type /more for the next page."
NO_MORE = "No more results."
ARTICLE_MISSING = "There is no article number {article_id}."
OPEN_ARTICLE = "Full article"
READ_ORIGINAL = "Original"
OPEN_NUMBERED = "{number}. Full text"
PREVIOUS_PAGE = "« Previous"
NEXT_PAGE = "Next »"

# Usage lines; {code} and {end} wrap the example (HTML <code> in Telegram, nothing in the console).
USAGE = {
    "search": "Usage: /search keywords, e.g. {code}/search 乡村振兴{end}",
    "latest": "Usage: /latest for the whole newest edition; /latest 2024-06-12 for a day's; /latest count (1 to {latest_max}) for the newest few.",
    "article": "Usage: /article number, e.g. /article 1",
    "follow": "Usage: /follow keywords, e.g. {code}/follow 乡村振兴{end}: new articles about them are sent to you",
    "unfollow": "Usage: /unfollow keywords, to stop following what you followed with /follow",
    "subscribe": "Usage: /subscribe [HH:MM], e.g. {code}/subscribe 07:30{end}: a digest of new articles every "
                 "day at that time (default 08:00)",
}

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Start"),
    ("help", "How to use the bot"),
    ("search", "Search articles: /search keywords"),
    ("latest", "Newest edition: /latest [date|count]"),
    ("follow", "Follow keywords, get new articles: /follow keywords"),
    ("unfollow", "Stop following: /unfollow keywords"),
    ("subscribe", "Daily digest: /subscribe [HH:MM]"),
    ("unsubscribe", "Cancel the daily digest"),
    ("subscriptions", "My keywords and daily digest"),
)

HELP_HTML = (
    "I answer questions about the local newspaper: I have read every article.\n\n"
    "• Ask in Chinese, e.g. <i>消防演练中有几人受伤被困？</i>\n"
    "  I reply with the passage that answers (the answer underlined), the article's title and date.\n"
    "• /search keywords — search articles, page through them, read them in full\n"
    "• /latest — the whole newest edition; /latest 2024-06-12 a day's; /latest 5 the newest five\n"
    "• /follow keywords — get new articles about them; /unfollow keywords to stop; /subscriptions to list\n"
    "• /subscribe [HH:MM] — a daily digest of new articles; /unsubscribe to stop\n"
    "• /help — this text\n"
    "• /stats — archive statistics (admins only)\n\n"
    "In groups: mention me or reply to me; in any chat, type @my_username and keywords to share articles."
)

STATS = "Archive: {articles} articles, {passages} passages, {terms} terms; newest date {newest}."
RESULTS_HEADER = "🔎 Results for “{query}” (page {page}/{pages}, {total} in all)"
EDITION_HEADER = "📰 Latest edition {date} ({total} articles{page})"
EDITION_PAGE = ", page {page}/{pages}"
NO_EDITION = "No articles dated {date}."
UNDATED_EDITION = "(undated)"
LATEST_HEADER = "📰 Newest articles"

CONSOLE_HELP = """newsbot news questions (type a question, then Enter)
  a question            the answer and where it comes from
  /search keywords      search articles
  /more                 the next page of results
  /latest [count]       the newest articles
  /article number       read an article in full
  /help                 this help
  /quit                 leave"""


# Plain text (the console and the command line): {dateline} is the date and source.
PLAIN_ANSWER = "Answer: {sentence}\n\nSource: 《{title}》 ({dateline}, article {article_id})\nPassage: {passage}"
PLAIN_RESULTS = "Results for “{query}”:"
PLAIN_LATEST = "Newest articles:"
PLAIN_ITEM = "{number}. 《{title}》 ({dateline}, article {article_id})"
PLAIN_ARTICLE = "《{title}》 ({dateline})"
