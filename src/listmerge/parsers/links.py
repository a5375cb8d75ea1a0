"""What a link in a list is: a work's own link, a further link of a work (code, slides, video), a
link word that names no title ("[pdf]", "[Homepage]", "★"), or boilerplate that is no work at
all (badges, the list's own files, licence, contributing and sponsor pages, profiles, share
buttons). Every parser asks here, so every shape skips the same things for the same reasons."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

#: Words that name what a link points at rather than the work: "[pdf]", "[code & model]",
#: "[Website-Part 1]", "[Project Page]". A label made only of these (and numbers) is no title.
LINK_WORDS = frozenset("""
    pdf pdfs paper papers arxiv preprint article html abs abstract doi openreview acm ieee springer
    code codes github gitlab repo repository source sources src implementation impl official unofficial
    web website site homepage home page webpage project projects landing
    blog post posts tweet tweets thread discussion chat forum
    slides slide ppt pptx deck poster posters talk talks video videos youtube vimeo bilibili lecture lectures
    playlist playlists recording recordings
    recording audio podcast transcript demo demos playground colab notebook notebooks
    dataset datasets data benchmark model models weights checkpoint checkpoints hub
    space spaces api docs documentation doc manual
    supp supplement supplementary appendix bibtex bib citation cite reviews review summary
    link links url here this more read online download mirror alt alternative alternate
    press news report tech technical notes note book ebook epub mobi ver version
    part vol volume english chinese en zh translation translated
""".split())
#: Link words that are also the names of platforms: "[GitHub](https://github.com/) - where code
#: lives" names GitHub when nothing else in the item does.
PLATFORM_WORDS = frozenset("github gitlab youtube vimeo bilibili arxiv openreview colab kaggle medium substack "
                           "pytorch tensorflow keras jax caffe torch mxnet chainer theano matlab".split())
#: A season or a term names an edition of a course only with its year: "[Fall 2019, Youtube]".
DATED_WORDS = frozenset("fall spring summer winter autumn semester term quarter session edition".split())
#: Frameworks name a code link ("[PyTorch]", "[TF implementation]") only alone or with code
#: words; "TensorFlow datasets" is a name.
FRAMEWORK_WORDS = frozenset("pytorch tensorflow tf keras jax caffe torch mxnet chainer theano matlab".split())
CODE_WORDS = frozenset("code codes implementation impl official unofficial version ver port reimplementation".split())
#: Connectives that may join link words ("code & model", "paper and code", "web/pdf").
LINK_WORD_GLUE = frozenset({"and", "&", "+", "/", "|", "-", "or"})
#: A link whose text names a licence ("MIT", "Apache-2.0", "BSD-3", "CC BY 4.0") points at it.
LICENCE_LABEL = re.compile(
    r"^(?:mit|isc|zlib|unlicen[sc]e|wtfpl|(?:a|l)?gpl(?:-?v?\d(?:\.\d)?)?(?:\+|-only|-or-later)?|"
    r"apache(?:[- ]?(?:license)?[- ]?v?2(?:\.0)?)?|bsd(?:-?\d(?:-clause)?)?|mpl(?:-?2(?:\.0)?)?|epl(?:-?\d\.\d)?|"
    r"cc(?:[- ]?(?:by|0|zero)(?:[- ](?:sa|nc|nd))*(?:[- ]?\d\.\d)?)|public domain|custom|unlicensed)$",
    re.IGNORECASE,
)
LABEL_TOKEN = re.compile(r"[A-Za-z]+|\d+|[&+/|]")
FIRST_WORD = re.compile(r"[^\W\d_]+")

#: Link words that name a further link of a work, not the work itself: the work's own link
#: (the paper, its page) is preferred over these as an entry's ``url``.
SUPPORTING_WORDS = frozenset("""
    code codes github gitlab repo repository source sources src implementation impl official unofficial
    slides slide ppt pptx deck poster posters talk talks video videos youtube vimeo lecture lectures
    recording audio podcast transcript demo demos playground colab notebook notebooks
    dataset datasets data benchmark model models weights checkpoint checkpoints hub
    space spaces api docs documentation bibtex bib citation cite supp supplement supplementary appendix
    pytorch tensorflow tf keras jax caffe torch mxnet chainer theano matlab reviews review
    tweet tweets thread twitter reddit discussion discord chat forum blog post posts press news
""".split())
#: URLs of further material: code hosts, video sites, slide hosts, social posts, chat rooms.
SUPPORTING_URL = re.compile(
    r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|colab\.research\.google\.com|"
    r"kaggle\.com|youtube\.com|youtu\.be|vimeo\.com|slideshare\.net|speakerdeck\.com|"
    r"x\.com|twitter\.com|mobile\.twitter\.com|threads\.net|bsky\.app|reddit\.com|news\.ycombinator\.com|"
    r"discord\.gg|discord\.com|t\.me|paperswithcode\.com)(?:/|$)",
    re.IGNORECASE,
)
#: Social posts and chat rooms: a further link of an entry, never what the entry is about
#: when it has another link.
DISCUSSION_URL = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:x\.com|twitter\.com|threads\.net|bsky\.app|facebook\.com|"
    r"instagram\.com|discord\.gg|discord\.com|t\.me|linkedin\.com/(?:posts|feed)/)",
    re.IGNORECASE,
)

WEB_LINK = re.compile(r"^(?:https?:)?//|^www\.|^[a-z0-9.-]+\.[a-z]{2,}/", re.IGNORECASE)
_BADGE_HOSTS = frozenset("shields.io img.shields.io badgen.net badge.fury.io travis-ci.org travis-ci.com circleci.com "
                         "codecov.io coveralls.io api.star-history.com badges.gitter.im".split())
_BADGE_URL = re.compile(
    r"^https?://(?:[a-z0-9-]+\.)?(?:shields\.io|badgen\.net|badge\.fury\.io|travis-ci\.(?:org|com)|"
    r"circleci\.com|codecov\.io|coveralls\.io|awesome\.re/badge|api\.star-history\.com|"
    r"img\.shields\.io|badges\.gitter\.im|app\.codacy\.com/project/badge)|/badge(?:\.svg|s?/)",
    re.IGNORECASE,
)
#: (reason, pattern on the URL). First match wins.
BOILERPLATE_URLS: tuple[tuple[str, re.Pattern], ...] = tuple((reason, re.compile(p, re.IGNORECASE)) for reason, p in (
    ("licence", r"/(?:un)?licen[cs]e(?:\.md|\.txt|\.rst)?(?:[?#]|$)|creativecommons\.org/(?:licenses|publicdomain)|"
                r"opensource\.org/licen[cs]es|choosealicense\.com|unlicense\.org|wtfpl\.net|"
                r"gnu\.org/licenses|spdx\.org/licenses"),
    ("contributing", r"/contributing(?:\.md|\.rst|\.txt)?(?:[?#]|$)|/contributors(?:\.md)?(?:[?#]|$)|"
                     r"/graphs/contributors|/(?:compare|pulls|issues/new)(?:[/?#]|$)|allcontributors\.org"),
    ("code of conduct", r"code[-_]?of[-_]?conduct|contributor-covenant\.org"),
    ("sponsor", r"github\.com/sponsors/|opencollective\.com|patreon\.com|buymeacoffee\.com|ko-fi\.com|"
                r"paypal\.(?:me|com)|liberapay\.com|/sponsor(?:s|ship)?(?:\.md)?(?:[?#/]|$)|/donate(?:[?#/]|$)"),
    ("star history", r"star-history\.com|starchart\.cc|/stargazers(?:[?#/]|$)"),
    ("share button", r"^(?:https?://(?:[\w-]+\.)*(?:twitter\.com/(?:home\?status|intent/|share)|x\.com/intent/|"
                     r"facebook\.com/sharer|linkedin\.com/(?:shareArticle|sharing)|reddit\.com/submit|"
                     r"news\.ycombinator\.com/submitlink|t\.me/share|wa\.me/\?)|mailto:)"),
    ("profile", r"^https?://(?:www\.|mobile\.)?(?:twitter\.com|x\.com|instagram\.com|threads\.net|"
                r"facebook\.com|mastodon\.[a-z]+|fosstodon\.org|bsky\.app/profile)"
                r"/@?[A-Za-z0-9_.-]+/?(?:[?#].*)?$|^https?://(?:www\.)?(?:medium\.com|dev\.to)/@[\w.-]+/?$|"
                r"linkedin\.com/(?:in|company)/"),
))
BOILERPLATE_REASONS = {f"b{i}": reason for i, (reason, _) in enumerate(BOILERPLATE_URLS)}
#: The patterns above in one pass: which group matched says why.
BOILERPLATE_URL = re.compile("|".join(f"(?P<b{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(BOILERPLATE_URLS)),
                             re.IGNORECASE)
#: Hosts and path words of which every pattern above needs one: a URL with neither is no
#: boilerplate, found without running the patterns (most links of a list).
_BOILERPLATE_HOSTS = frozenset("""
    creativecommons.org opensource.org choosealicense.com unlicense.org wtfpl.net gnu.org spdx.org
    allcontributors.org contributor-covenant.org opencollective.com patreon.com buymeacoffee.com ko-fi.com
    paypal.me paypal.com liberapay.com star-history.com starchart.cc twitter.com x.com mobile.twitter.com
    facebook.com linkedin.com reddit.com news.ycombinator.com t.me wa.me instagram.com threads.net
    fosstodon.org bsky.app medium.com dev.to
""".split())
_BOILERPLATE_WORDS = ("licen", "contribut", "conduct", "sponsor", "donate", "stargazers", "/compare", "/pull",
                      "/issues/new", "mailto:", "mastodon.")


_BOILERPLATE_WORD = re.compile("|".join(re.escape(w) for w in _BOILERPLATE_WORDS))


def _may_be_boilerplate(url: str) -> bool:
    low = url.lower()
    host = _host(low)
    if host.removeprefix("www.") in _BOILERPLATE_HOSTS or host.split(".", 1)[-1] in _BOILERPLATE_HOSTS:
        return True
    return _BOILERPLATE_WORD.search(low) is not None


#: github.com/OWNER/NAME/<one of these>: a page of the repository itself, not a file in it.
REPO_PAGES = ("blob", "tree", "raw", "wiki", "issues", "pulls", "pull", "actions", "workflows", "graphs",
              "releases", "discussions", "stargazers", "network", "fork", "commits", "edit", "projects",
              "compare", "security", "pulse", "labels", "milestones", "settings")
_GITHUB_REPO = re.compile(r"^https?://(?:www\.)?github\.com/(?P<owner>[\w.-]+)/(?P<name>[\w.-]+)(?P<rest>/[^?#]*)?",
                          re.IGNORECASE)
_GITHUB_PAGES = re.compile(r"^https?://(?P<owner>[\w-]+)\.github\.io/(?P<name>[\w.-]+)", re.IGNORECASE)
_RAW_GITHUB = re.compile(r"^https?://raw\.githubusercontent\.com/(?P<owner>[\w.-]+)/(?P<name>[\w.-]+)/", re.IGNORECASE)
_SELF_HINT = re.compile(r"/(?:blob|tree|edit)/[^/]+/(?:contributing|license|licence|code[-_]?of[-_]?conduct)|"
                        r"/(?:issues|pulls|graphs|actions|workflows|stargazers|compare|discussions)(?:[/?#]|$)",
                        re.IGNORECASE)
_PROFILE = re.compile(r"^https?://(?:www\.)?github\.com/(?P<user>[\w-]+)/?$", re.IGNORECASE)
_GITHUB_RESERVED = frozenset({"about", "features", "topics", "explore", "marketplace", "pricing", "sponsors",
                              "orgs", "collections", "trending", "site", "login", "join", "settings", "apps"})

#: Section names that are about the list itself, not its subject: what is in them is not a work.
BOILERPLATE_SECTION = re.compile(
    r"\b(?:contribut\w*|licen[cs]e|licensing|code of conduct|sponsors?|sponsorship|backers|supporters|"
    r"acknowledg\w*|stargazers|star history|maintainers?|"
    r"how to (?:contribute|help)|donat\w*|funding|credits|footnotes)\b",
    re.IGNORECASE,
)
MAX_BOILERPLATE_SECTION_WORDS = 6
#: The heading over a table of contents: what follows it is the list, not a part of it.
CONTENTS_HEADING = re.compile(r"^\W*(?:table of contents|contents|toc|list of contents)\W*$", re.IGNORECASE)
_WORDS = re.compile(r"[^\W_]+")


@lru_cache(maxsize=8192)
def is_link_word(label: str) -> bool:
    """A link label that names a kind of link, not a work: "pdf", "[code & model]",
    "Website-Part 1", "Project Page", "★", "[1]"; or no letter at all."""
    if label.count(" ") > 8:
        return False  # a link word is a few words at most; titles are read at speed
    text = label.strip().strip("[](){}<>*_`'\"").strip()
    first = FIRST_WORD.search(text)
    if first is None:
        return True  # no letter: "★", "[1]", "↗"
    lead = first.group().lower()
    if lead not in LINK_WORDS and lead not in FRAMEWORK_WORDS and lead not in DATED_WORDS:
        return False
    tokens = [t.lower() for t in LABEL_TOKEN.findall(text)]
    dated = any(len(t) == 4 and t.isdigit() and t[:2] in ("19", "20") for t in tokens)
    if lead not in LINK_WORDS and lead not in FRAMEWORK_WORDS and not dated:
        return False
    words = [t for t in tokens if t.isalpha() and t not in LINK_WORD_GLUE and not (dated and t in DATED_WORDS)]
    if dated and not words:
        return True  # "[Fall 2019]", "[2nd edition 2015]"
    if not words or len(words) > 4:
        return False
    if any(w in FRAMEWORK_WORDS for w in words):
        return all(w in FRAMEWORK_WORDS or w in CODE_WORDS for w in words)
    return all(w in LINK_WORDS for w in words)


def is_platform_name(label: str) -> bool:
    """'GitHub', 'PyTorch', 'YouTube': a link word that is also a proper name."""
    return label.strip(" []()*_").lower() in PLATFORM_WORDS


def is_url_text(label: str, url: str) -> bool:
    """A label that is its link's URL, or that URL's host: it names nothing."""
    text = label.strip().strip("<>").rstrip("/").lower()
    if not text:
        return True
    if "." not in text and "/" not in text:
        return False  # a URL or a host has a dot
    bare = re.sub(r"^https?://(?:www\.)?", "", url.rstrip("/").lower())
    return text in (url.rstrip("/").lower(), bare) or text.removeprefix("www.") == bare.split("/")[0] \
        or re.sub(r"^https?://(?:www\.)?", "", text) == bare


def supporting(label: str, url: str) -> bool:
    """A further link of a work (its code, slides, video, a post about it), judged by the label's
    words when it is a link word and by the site otherwise."""
    if label and is_link_word(label) and any(ch.isalpha() for ch in label):
        words = [t.lower() for t in LABEL_TOKEN.findall(label) if t.isalpha() and t.lower() not in LINK_WORD_GLUE]
        if words:
            return all(w in SUPPORTING_WORDS for w in words)
    return bool(SUPPORTING_URL.match(url)) and not _is_repo_root(url)


def _is_repo_root(url: str) -> bool:
    m = _GITHUB_REPO.match(url)
    return bool(m) and (m["rest"] or "/").strip("/") == ""


def is_discussion(url: str) -> bool:
    return bool(DISCUSSION_URL.match(url))


COMMUNITY_URL = re.compile(r"^https?://(?:www\.)?(?:discord\.gg/|discord\.com/invite/|t\.me/(?!share)|"
                           r"gitter\.im/|join\.slack\.com/)", re.IGNORECASE)


def is_community(url: str) -> bool:
    """An invitation to a chat community (Discord, Telegram, Gitter, Slack): listed as a resource
    on its own, a further link beside a work."""
    return bool(COMMUNITY_URL.match(url))


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".ico")


def is_image(url: str) -> bool:
    """An image file or a badge service's URL."""
    low = url.lower()
    path = low.split("#", 1)[0].split("?", 1)[0]
    if path.endswith(IMAGE_SUFFIXES):
        return True
    return ("badge" in low or _host(low).removeprefix("www.") in _BADGE_HOSTS) and bool(_BADGE_URL.search(url))


def _host(low: str) -> str:
    """The host of a lower-cased URL ('' for a relative one)."""
    if not low.startswith(("http://", "https://", "//")):
        return ""
    return low.split("/", 3)[2].split("@")[-1].split(":")[0] if low.count("/") >= 2 else ""


def is_boilerplate_section(title: str) -> bool:
    """A heading about the list itself (Contributing, License, Sponsors, Star History, "We need
    your contributions!"), short enough to be only that."""
    words = _WORDS.findall(title)
    return 0 < len(words) <= MAX_BOILERPLATE_SECTION_WORDS and bool(BOILERPLATE_SECTION.search(" ".join(words)))


def is_contents_heading(title: str) -> bool:
    return bool(CONTENTS_HEADING.match(title))


def repo_of(url: str) -> str | None:
    """'owner/name' of a GitHub repository URL (github.com, raw.githubusercontent.com, github.io)."""
    for pattern in (_GITHUB_REPO, _RAW_GITHUB, _GITHUB_PAGES):
        m = pattern.match(url)
        if m:
            return f"{m['owner']}/{m['name']}".lower().removesuffix(".git")
    return None


@dataclass
class LinkFilter:
    """Tells the links of one page that are not works, and why. The page's own repository is
    learnt from the page: a link to a repository's contributing guide, licence file, issues or
    workflows names the repository the list lives in."""

    page_url: str | None = None
    own_repos: set[str] = field(default_factory=set)

    @classmethod
    def for_text(cls, text: str, page_url: str | None = None) -> "LinkFilter":
        own = set()
        for m in re.finditer(r"https?://(?:www\.)?github\.com/[\w.-]+/[\w.-]+/[^\s)\]\"'>]+", text):
            if _SELF_HINT.search(m.group(0)):
                own.add(repo_of(m.group(0)))
        return cls(page_url, {r for r in own if r})

    def reason(self, url: str, label: str = "", image_only: bool = False, prose: bool = False) -> str | None:
        """Why ``url`` (with link text ``label``) is not a work, or None when it may be one. A
        GitHub user's page is a profile when it is named "@user" or cited in prose; in a list
        item it may be the work (an organisation's page)."""
        if image_only:
            return "badge or image"
        if url.startswith("#"):
            return "same-page anchor"
        if not WEB_LINK.match(url):
            return "mail link" if url.lower().startswith("mailto:") else "the list's own file"
        if self.page_url and url.split("#")[0].rstrip("/") == self.page_url.rstrip("/"):
            return "same-page anchor"
        if is_image(url):
            return "badge or image"
        if label and LICENCE_LABEL.match(label.strip(" []()*_`")):
            return "licence"
        m = BOILERPLATE_URL.search(url) if _may_be_boilerplate(url) else None
        if m:
            return BOILERPLATE_REASONS[m.lastgroup]
        m = _PROFILE.match(url) if prose or label[:1] == "@" or label.strip()[:1] == "@" else None
        if m and m["user"].lower() not in _GITHUB_RESERVED and (prose or label.strip().startswith("@")):
            return "profile"
        repo = repo_of(url) if self.own_repos else None
        if repo and repo in self.own_repos:
            m = _GITHUB_REPO.match(url)
            rest = (m["rest"] or "").strip("/").split("/")[0].lower() if m else "raw"
            if rest in REPO_PAGES or not m:
                return "the list's own file"
        return None


def decoded(url: str) -> str:
    """The URL as a reader would compare it: percent-escapes decoded (for matching only)."""
    return unquote(url)
