"""canon.html: the canon as one self-contained page (no network needed to view it).

Topics with their counts; each work with its link, authors, year and the lists that hold it,
each source a relative link to its file and line; filters by list and by support and a search
box (a few lines of script); and the overlap between lists as pictures (``overlap.py``)."""
from __future__ import annotations

import os
from collections import Counter
import re
from html import escape

from ..load import is_revision
from ..merge import Canon, Work
from .canon import CANON_TITLE, _byline, list_tags, summary

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2430;background:#fafbfc}
header,main,#controls,#overlap,#lists,nav#topics{max-width:1100px;margin:0 auto;padding:0 20px}
h1{font-size:1.6em;margin:.8em 0 .2em}h2{font-size:1.2em;margin:1.4em 0 .4em}
.summary{color:#4a5568;margin:.2em 0 1em}
table{border-collapse:collapse;font-size:.92em}td,th{padding:3px 10px;border-bottom:1px solid #e2e8f0;text-align:left}
#overlap{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}#overlap figure{margin:0}
#overlap figcaption{font-size:.85em;color:#4a5568;max-width:520px}#overlap svg{max-width:100%;height:auto}
#controls{position:sticky;top:0;background:#fafbfc;padding-top:10px;padding-bottom:10px;border-bottom:1px solid #e2e8f0;z-index:1}
#controls input[type=search]{font-size:1em;padding:4px 8px;width:22em;max-width:90%}
#controls label{margin-right:12px;white-space:nowrap}#shown{color:#4a5568;margin-left:8px}
nav#topics ul{columns:3 220px;padding-left:1.2em;font-size:.92em}
ol.works{padding-left:1.6em}li.work{margin:.35em 0}li.work[hidden],section.topic[hidden]{display:none}
.byline{color:#4a5568}.support{font-size:.8em;background:#e8eef7;border-radius:8px;padding:1px 7px;margin-left:4px}
.support.many{background:#3b6ea8;color:#fff}.sources{font-size:.8em;color:#718096;margin-left:6px}
.sources a{color:#718096}.aliases{font-size:.85em;color:#4a5568}
details{margin:1.5em 0}
"""

SCRIPT = """
(function(){
  var q=document.getElementById('q'),sup=document.getElementById('support');
  var boxes=[].slice.call(document.querySelectorAll('#controls input[name=list]'));
  var works=[].slice.call(document.querySelectorAll('li.work'));
  var topics=[].slice.call(document.querySelectorAll('section.topic'));
  function apply(){
    var words=q.value.toLowerCase().split(/\\s+/).filter(Boolean),min=+sup.value;
    var on={};boxes.forEach(function(b){if(b.checked)on[b.value]=1;});
    var total=0;
    works.forEach(function(li){
      var text=li.getAttribute('data-search'),lists=li.getAttribute('data-lists').split(' ');
      var ok=+li.getAttribute('data-support')>=min&&lists.some(function(t){return on[t];})
        &&words.every(function(w){return text.indexOf(w)>=0;});
      li.hidden=!ok;if(ok)total++;
    });
    topics.forEach(function(s){
      var n=s.querySelectorAll('li.work:not([hidden])').length;s.hidden=n===0;
      var c=document.querySelector('.count[data-topic="'+s.id+'"]');if(c)c.textContent=n;
      s.querySelector('h2 .count').textContent=n;
    });
    document.getElementById('shown').textContent=total+' works shown';
  }
  // the page's address may ask for a view: canon.html?q=attention&support=2&lists=AER,LSP
  var ask=new URLSearchParams(location.search);
  if(ask.has('q'))q.value=ask.get('q');
  if(ask.has('support'))sup.value=ask.get('support');
  if(ask.has('lists')){var want=ask.get('lists').split(',');boxes.forEach(function(b){b.checked=want.indexOf(b.value)>=0;});}
  q.addEventListener('input',apply);sup.addEventListener('change',apply);
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  apply();
})();
"""


def canon_html(canon: Canon, out_dir: str = ".") -> str:
    """The page; sources link to their files relative to ``out_dir``, where the page is written."""
    tags = list_tags(canon)
    m = len(canon.lists)
    parts = [f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(CANON_TITLE)}</title><style>{STYLE}</style></head><body>",
             f'<header><h1>{escape(CANON_TITLE)}</h1><p class="summary" id="summary">{escape(summary(canon))}</p></header>',
             _lists_table(canon, tags, out_dir), _overlap(canon, tags), _controls(tags, m), _topics_nav(canon),
             "<main>"]
    for topic in canon.topics:
        works = canon.in_topic(topic.name)
        if not works:
            continue
        sid = "topic-" + _slug(topic.name)
        parts.append(f'<section class="topic" id="{sid}" data-topic="{escape(topic.name)}">'
                     f'<h2>{escape(topic.name)} <span class="count">{len(works)}</span></h2><ol class="works">')
        parts += [_work(canon, w, tags, m, out_dir) for w in works]
        parts.append("</ol></section>")
    parts.append(_untitled(canon, tags, out_dir))
    parts.append(f"</main><script>{SCRIPT}</script></body></html>\n")
    return "\n".join(parts)


def _lists_table(canon: Canon, tags: list[str], out_dir: str) -> str:
    rows = []
    works = Counter(i for w in canon.shown for i in set(w.lists))
    for i, (tag, rl) in enumerate(zip(tags, canon.lists)):
        rows.append(f"<tr><td><b>{escape(tag)}</b></td><td>{escape(rl.title or rl.name)}</td>"
                    f"<td>{_file_link(rl.path, out_dir)}</td><td>{len(rl.entries)}</td><td>{works[i]}</td></tr>")
    return ('<section id="lists"><h2>Lists</h2><table><thead><tr><th>tag</th><th>list</th><th>file</th>'
            f'<th>entries</th><th>works</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _overlap(canon: Canon, tags: list[str]) -> str:
    if len(canon.lists) < 2:
        return ""
    from .overlap import charts, largest

    drawn, memberships = largest(tags, [w.lists for w in canon.shown])
    among = "" if len(drawn) == len(tags) else f" Drawn for the {len(drawn)} lists with most works, of {len(tags)}."
    upset, heatmap = charts(drawn, memberships)
    return ('<section id="overlap"><h2 style="width:100%">Overlap</h2>'
            f'<figure id="upset">{upset}<figcaption>Works in exactly each combination '
            f'of lists (the dots), largest combinations first.{escape(among)}</figcaption></figure>'
            f'<figure id="heatmap">{heatmap}<figcaption>Works each pair of lists shares; '
            f'the diagonal is each list\'s own count.{escape(among)}</figcaption></figure></section>')


def _controls(tags: list[str], m: int) -> str:
    boxes = "".join(f'<label><input type="checkbox" name="list" value="{escape(t)}" checked> {escape(t)}</label>'
                    for t in tags)
    options = "".join(f'<option value="{k}">{k}</option>' for k in range(1, m + 1))
    return ('<div id="controls"><input type="search" id="q" placeholder="Search titles, authors, lists" '
            f'aria-label="Search"> {boxes}<label>in at least <select id="support">{options}</select> lists</label>'
            '<span id="shown"></span></div>')


def _topics_nav(canon: Canon) -> str:
    items = "".join(f'<li><a href="#topic-{_slug(t.name)}">{escape(t.name)}</a> '
                    f'(<span class="count" data-topic="topic-{_slug(t.name)}">{len(canon.in_topic(t.name))}</span>)</li>'
                    for t in canon.topics if canon.in_topic(t.name))
    return f'<nav id="topics"><h2>Topics</h2><ul>{items}</ul></nav>'


def _work(canon: Canon, work: Work, tags: list[str], m: int, out_dir: str) -> str:
    title = escape(work.title or work.url or "(untitled)")
    head = f'<a class="title" href="{escape(work.url)}">{title}</a>' if work.url else f'<span class="title">{title}</span>'
    byline = " · ".join(x for x in (_byline(work.authors), str(work.year) if work.year else "") if x)
    aliases = ", ".join(f"“{a}”" for a in work.aliases[:3])
    lists = " ".join(tags[i] for i in work.lists)
    search = " ".join([work.title or "", " ".join(work.authors), " ".join(work.aliases), lists, str(work.year or "")])
    return (f'<li class="work" id="work-{_slug(work.id)}" data-lists="{escape(lists)}" data-support="{work.support}" '
            f'data-search="{escape(search.lower())}">{head}'
            + (f' <span class="byline">— {escape(byline)}</span>' if byline else "")
            + (f' <span class="aliases">also {escape(aliases)}</span>' if aliases else "")
            + f' <span class="support{" many" if work.support > 1 else ""}">{work.support} of {m}</span>'
            + f' <span class="sources">{_sources(canon, work, tags, out_dir)}</span></li>')


def _sources(canon: Canon, work: Work, tags: list[str], out_dir: str) -> str:
    out = []
    for i in work.members:
        r = canon.record(i)
        path = canon.lists[r.source].path
        text = f"{tags[r.source]}:{r.entry.line}" + (" (mention)" if r.entry.role == "mention" else "")
        href = _relative(path, out_dir)
        out.append(f'<a class="source" href="{escape(href)}#L{r.entry.line}">{escape(text)}</a>' if href
                   else escape(text))
    return ", ".join(out)


def _untitled(canon: Canon, tags: list[str], out_dir: str) -> str:
    if not canon.untitled:
        return ""
    items = "".join(f"<li>{escape(w.url or '(no link)')} "
                    f'<span class="sources">{_sources(canon, w, tags, out_dir)}</span></li>' for w in canon.untitled)
    return (f"<details id=\"untitled\"><summary>{len(canon.untitled)} untitled entries (nothing to match them on)"
            f"</summary><ul>{items}</ul></details>")


def _file_link(path: str, out_dir: str) -> str:
    href = _relative(path, out_dir)
    return f'<a href="{escape(href)}"><code>{escape(path)}</code></a>' if href else f"<code>{escape(path)}</code>"


def _relative(path: str, out_dir: str) -> str | None:
    """``path`` as seen from ``out_dir`` (None for a file at a git revision)."""
    if is_revision(path):
        return None
    return os.path.relpath(os.path.abspath(path), os.path.abspath(out_dir)).replace(os.sep, "/")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
