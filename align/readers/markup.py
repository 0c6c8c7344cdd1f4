"""Markdown and HTML in transcript text: what is page structure, and the words under the markup.

Transcripts published on the web come as markdown or as text copied from a page. The
words are the transcript; the markup around them (``**bold**``, ``\\[escapes\\]``,
``[links](…)``, ``&amp;``, ``<br>``) is not, and headings, rules, images, tables and
front matter are page structure. Every reader but today's bracketed one reads its text
through ``plain_text``; ``front_matter`` and ``structure`` tell a reader what to drop.
"""

from __future__ import annotations

import html
import re

# YAML front matter ("---" … "---", as Jekyll and Hugo write it) or TOML ("+++" … "+++"),
# at the very top of the file: the btctranscripts files carry title, speakers and tags there.
_FENCES = {"---": "---", "+++": "+++"}
_MAX_FRONT_MATTER = 200  # lines; a first "---" with no closing one this near is a rule, not front matter


def front_matter(lines: list[str]) -> int:
    """How many lines at the top are front matter (0 for none)."""
    if not lines or lines[0].strip() not in _FENCES:
        return 0
    close = _FENCES[lines[0].strip()]
    for k in range(1, min(len(lines), _MAX_FRONT_MATTER)):
        if lines[k].strip() == close:
            return k + 1
    return 0


_SPEAKERS_KEY = re.compile(r"^(speakers|hosts?|guests?)\s*[:=]\s*(?P<inline>.*)$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*-\s*(?P<item>.+)$")


def front_matter_names(lines: list[str]) -> tuple[str, ...]:
    """The names the front matter lists under ``speakers``, ``hosts`` or ``guests``."""
    names: list[str] = []
    collecting = False
    for line in lines[1:-1]:
        key = _SPEAKERS_KEY.match(line.strip())
        if key:
            inline = key.group("inline").strip().strip("[]")
            names.extend(n for n in (_unquote(p) for p in inline.split(",")) if n)
            collecting = not inline
            continue
        item = _LIST_ITEM.match(line)
        if collecting and item:
            names.append(_unquote(item.group("item")))
        elif line.strip() and not line.startswith((" ", "\t")):
            collecting = False
    return tuple(n for n in names if n)


def _unquote(text: str) -> str:
    return text.strip().strip("'\"").strip()


# ---------------------------------------------------------------- page structure

HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})\s+(?P<title>.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")  # the line under a title written "Title\n====="
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_TABLE = re.compile(r"^\s*\|.*\|\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HTML_BLOCK = re.compile(r"^\s*</?(div|nav|header|footer|section|article|aside|script|style|iframe|figure|"
                         r"figcaption|img|hr|table|tr|td|th|ul|ol|li|button|form|input|audio|video|source)\b[^>]*>\s*$",
                         re.IGNORECASE)
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")


def structure(line: str) -> str | None:
    """What page structure ``line`` is (``"a heading"``, ``"an image"``…), or None for text."""
    if HEADING.match(line):
        return "a heading"
    if _RULE.match(line):
        return "a rule"
    if _TABLE.match(line):
        return "a table row"
    if _FENCE.match(line):
        return "a code fence"
    if _HTML_BLOCK.match(line) or _COMMENT.match(line):
        return "page markup"
    if _IMAGE.search(line) and not _IMAGE.sub("", line).strip(" -*|"):
        return "an image"
    return None


def setext_underline(line: str) -> bool:
    """A line of ``===`` or ``---`` that turns the line above it into a heading."""
    return bool(_SETEXT.match(line))


# ---------------------------------------------------------------- words under the markup

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]]*)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?(?:a|b|i|u|s|em|strong|span|small|mark|sup|sub|br|p|font|cite|time|abbr|q|del|ins|code)"
                  r"\b[^>]*>", re.IGNORECASE)
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STAR_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_UNDERSCORE_ITALIC = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_CODE = re.compile(r"`+([^`]*)`+")
_STRIKE = re.compile(r"~~(.+?)~~")
_QUOTE_MARK = re.compile(r"^\s{0,3}(>\s?)+")


def plain_text(text: str) -> str:
    """``text`` without its markdown and HTML: the words and punctuation a reader sees.

    ``**Rob Pike:** \\[laughs\\] [Plan 9](https://9p.io) &amp; `go fmt``` → ``Rob Pike: [laughs]
    Plan 9 & go fmt``. Escaped brackets stay brackets, so stamps and notes written
    ``\\[04:22\\]`` read as any other.
    """
    if not any(c in text for c in "\\*_`[<&~>"):
        return text
    out = _QUOTE_MARK.sub("", text)
    out = _IMAGE.sub("", out)
    out = _LINK.sub(lambda m: m.group("text"), out)
    out = _AUTOLINK.sub(lambda m: m.group("url"), out)
    out = _TAG.sub(" ", out)
    out = _CODE.sub(lambda m: m.group(1), out)
    # Escapes last but one: "\*" is a star, not emphasis, so it hides from the emphasis rules.
    escaped: list[str] = []

    def hide(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"\x00{len(escaped) - 1}\x00"

    out = _ESCAPE.sub(hide, out)
    for _ in range(2):  # "***both***" is bold inside italic
        out = _BOLD.sub(lambda m: m.group(2), out)
        out = _STAR_ITALIC.sub(lambda m: m.group(1), out)
        out = _UNDERSCORE_ITALIC.sub(lambda m: m.group(1), out)
    out = _STRIKE.sub(lambda m: m.group(1), out)
    out = re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], out)
    out = html.unescape(out)
    return " ".join(out.split()) if out != text else out


# ---------------------------------------------------------------- page chrome

_BULLET = re.compile(r"^\s*(?:[-*+•·]|\d{1,3}[.)])\s+")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_SEPARATORS = re.compile(r"[\s|·•/,–—-]+")
# What a page's buttons and menus say, never a whole line of speech.
_BUTTONS = re.compile(
    r"^(share|tweet|email|e-mail|copy link|copy|embed|print|subscribe|download|play|pause|listen|menu|search|"
    r"home|skip to (main )?content|back to top|read more|show more|show less|load more|next|previous|"
    r"facebook|twitter|linkedin|reddit|youtube|spotify|apple podcasts|google podcasts|overcast|pocket casts|"
    r"rss|rss feed|sign in|log in|sign up|advertisement|sponsored|related|comments?|reply|like)"
    r"(\s*[|·•/,]\s*(share|tweet|email|copy link|embed|print|subscribe|download|facebook|twitter|linkedin|"
    r"reddit|youtube|spotify|apple podcasts|google podcasts|overcast|pocket casts|rss))*\s*:?$", re.IGNORECASE)


def chrome(line: str) -> str | None:
    """What page chrome ``line`` is (``"a link"``, ``"a button"``), or None.

    A line of links and nothing else (a menu entry, a sponsor list item, share buttons
    written as links) or of a button's words alone is never speech.
    """
    body = _BULLET.sub("", line).strip()
    if not body:
        return None
    without = _SEPARATORS.sub("", _URL.sub("", _LINK.sub("", _AUTOLINK.sub("", body))))
    linked = _LINK.search(body) or _URL.search(body) or _AUTOLINK.search(body)
    if linked and without.strip("*_[]()") == "":
        return "a link"
    if linked and bullet(line) and len(plain_text(body).split()) <= 12:
        return "a link"  # "* [Linode](https://linode.com) – our cloud server of choice": a sponsor list
    if _BUTTONS.match(plain_text(body).strip("*_ ")):
        return "a button"
    return None


def bullet(line: str) -> bool:
    """A list item (``- text``, ``* text``, ``1. text``)."""
    return bool(_BULLET.match(line))
