"""User-facing text in Chinese (the default), shared by the console and the Telegram bot, and
plain-text formatting.  ``en.py`` has the same names in English."""

from __future__ import annotations

LANGUAGE = "zh"

NO_ANSWER = "抱歉，没有找到能回答这个问题的报道。"
NO_ANSWER_HINT = "可以换个说法，或用 /search 关键词 搜索，用 /latest 看最新报道。"
NO_RESULTS = "没有找到与“{query}”相关的报道。"
EMPTY_QUESTION = "请用中文输入一个问题，例如：安全生产月启动仪式是哪天举行的？"
NOT_TEXT = "这一行读不出文字（既不是 UTF-8，也不是 GBK/GB18030 编码），请换用 UTF-8 再输入一次。"
NO_ARTICLES = "资料库里还没有报道。"
UNDATED = "日期不详"
STALE_BUTTON = "这个按钮已失效，请重新搜索。"
ARTICLE_GONE = "这篇报道已不存在。"
SORRY = "抱歉，出了点问题，请稍后再试。"
SLOW_DOWN = "消息太快了，请 {seconds} 秒后再问。"
FOLLOWED = "好的，有关于“{words}”的新报道时会推送给你。"
ALREADY_FOLLOWED = "你已经关注了“{words}”。"
FOLLOWS_FULL = "最多可以关注 {limit} 组关键词，请先用 /unfollow 取消一些。"
UNFOLLOWED = "已取消关注“{words}”。"
NOT_FOLLOWED = "你没有关注“{words}”。"
FOLLOW_LIST = "你关注的关键词：\n{words}"
NO_FOLLOWS = "你还没有关注任何关键词。用 /follow 关键词 关注。"
ANOTHER = "换一条"
NO_OTHER_ANSWER = "没有别的答案了。"
PUSH_HEADER = "📌 关于“{words}”的新报道"
SUBSCRIBED = "好的，每天 {at}（{zone}）把新报道摘要推送给你。"
UNSUBSCRIBED = "已取消每日摘要。"
NOT_SUBSCRIBED = "你没有订阅每日摘要。"
DIGEST_TIME = "每日摘要：每天 {at}"
DIGEST_HEADER = "📰 每日新报道摘要"
UPLOAD_NOT_ADMIN = "抱歉，只有管理员可以上传报纸文件。"
UPLOAD_TYPE = "无法入库 {name}：只接受 .pdf、.txt、.json 和 .jsonl 文件。"
UPLOAD_TOO_BIG = "无法入库 {name}：文件超过 Telegram 允许机器人下载的 20 MB。"
UPLOAD_DOWNLOADING = "正在下载 {name}……"
UPLOAD_INGESTING = "正在入库 {name}……"
UPLOAD_DONE = "已入库 {name}：读取 {read} 篇报道，新增 {added} 篇（{passages} 个段落），重复 {duplicates} 篇。"
UPLOAD_FAILED = "无法入库 {name}：{reason}"
NOT_ADMIN = "这个命令只对管理员开放。"
GREETING = "你好！"
UNKNOWN_COMMAND = "不认识的命令 {command}。"
MORE_RESULTS = "还有更多结果：输入 /more 看下一页。"
NO_MORE = "没有更多结果了。"
ARTICLE_MISSING = "没有编号为 {article_id} 的文章。"
OPEN_ARTICLE = "阅读全文"
READ_ORIGINAL = "阅读原文"
OPEN_NUMBERED = "{number}. 全文"
PREVIOUS_PAGE = "« 上一页"
NEXT_PAGE = "下一页 »"

# Usage lines; {code} and {end} wrap the example (HTML <code> in Telegram, nothing in the console).
USAGE = {
    "search": "用法：/search 关键词，例如 {code}/search 乡村振兴{end}",
    "latest": "用法：/latest 看最新一期的全部报道；/latest 2024-06-12 看某天的；/latest 条数（1 到 {latest_max}）看最新几篇。",
    "article": "用法：/article 文章编号，例如 /article 1",
    "follow": "用法：/follow 关键词，例如 {code}/follow 乡村振兴{end}：有相关的新报道时推送给你",
    "unfollow": "用法：/unfollow 关键词，取消 /follow 过的关键词",
    "subscribe": "用法：/subscribe [时:分]，例如 {code}/subscribe 07:30{end}：每天这个时间推送新报道摘要（默认 08:00）",
}

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "开始使用"),
    ("help", "使用说明"),
    ("search", "搜索报道：/search 关键词"),
    ("latest", "最新一期：/latest [日期|条数]"),
    ("follow", "关注关键词，有新报道时推送：/follow 关键词"),
    ("unfollow", "取消关注：/unfollow 关键词"),
    ("subscribe", "每日摘要：/subscribe [时:分]"),
    ("unsubscribe", "取消每日摘要"),
    ("subscriptions", "我关注的关键词和每日摘要"),
)

HELP_HTML = (
    "我是新闻问答机器人，读过本地报纸的每一篇报道。\n\n"
    "• 直接用中文提问，例如：<i>消防演练中有几人受伤被困？</i>\n"
    "  我会给出回答问题的段落（答案句下划线标出），以及报道的标题和日期。\n"
    "• /search 关键词 — 搜索报道，可翻页、可阅读全文\n"
    "• /latest — 最新一期的全部报道；/latest 2024-06-12 某天的；/latest 5 最新 5 篇\n"
    "• /follow 关键词 — 有相关的新报道时推送给你；/unfollow 关键词 取消；/subscriptions 查看\n"
    "• /subscribe [时:分] — 每天定时推送新报道摘要；/unsubscribe 取消\n"
    "• /help — 显示本说明\n"
    "• /stats — 资料库统计（仅管理员）\n\n"
    "在群里：@我 提问，或回复我的消息；也可以在任何聊天里输入 @我的用户名 加关键词分享报道。"
)

STATS = "资料库：{articles} 篇报道，{passages} 个段落，{terms} 个词；最新日期 {newest}。"
RESULTS_HEADER = "🔎 “{query}”的搜索结果（第 {page}/{pages} 页，共 {total} 条）"
EDITION_HEADER = "📰 最新一期 {date}（共 {total} 篇{page}）"
EDITION_PAGE = "，第 {page}/{pages} 页"
NO_EDITION = "{date} 没有报道。"
UNDATED_EDITION = "（未注明日期）"
LATEST_HEADER = "📰 最新报道"

CONSOLE_HELP = """newsbot 新闻问答（输入问题后按回车）
  直接输入问题          回答问题，并给出出处
  /search 关键词        搜索报道
  /more                 搜索结果的下一页
  /latest [条数]        最新报道
  /article 编号         阅读全文
  /help                 显示本帮助
  /quit                 退出"""


# Plain text (the console and the command line): {dateline} is the date and source.
PLAIN_ANSWER = "答：{sentence}\n\n出处：《{title}》（{dateline}，文章编号 {article_id}）\n原文：{passage}"
PLAIN_RESULTS = "“{query}”的搜索结果："
PLAIN_LATEST = "最新报道："
PLAIN_ITEM = "{number}. 《{title}》（{dateline}，文章编号 {article_id}）"
PLAIN_ARTICLE = "《{title}》（{dateline}）"
