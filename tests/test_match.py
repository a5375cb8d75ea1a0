"""The matching engine: declared rules decide whether two entries are one work, clustering never
chains through a weak link, overrides have the last word, and the verdicts do not depend on how
the inputs are ordered, named or split into files."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from listmerge.errors import InputError
from listmerge.match import (DISTINCT, SAME, UNSURE, Context, brute_force, candidates, judge, judge_all,
                             mark_shared_names)
from listmerge.model import Entry, ReadingList
from listmerge.overrides import load_overrides
from listmerge.records import NameIndex, prepare
from listmerge.rules import VETOES, Thresholds
from listmerge.works import find_works, link

ARXIV = "https://arxiv.org/abs/"


def entry(title, *, arxiv=None, url=None, line=1, **fields) -> Entry:
    """An entry as a parser would build it: an arXiv id comes with its abs link."""
    url = url or (ARXIV + arxiv if arxiv else None)
    ids = (("arxiv", arxiv),) if arxiv else ()
    fields.setdefault("kind", "paper")
    return Entry(title=title, url=url, urls=(url,) if url else (), ids=ids, line=line, end_line=line, **fields)


def reading_list(*entries: Entry, path: str = "list.md") -> ReadingList:
    return ReadingList(name=path.rsplit("/", 1)[-1], path=path, format="listmerge", entries=tuple(entries))


def judged(a: Entry, b: Entry):
    """The judgement on two entries from two lists, and the works they form."""
    matching = find_works([reading_list(a, path="a.md"), reading_list(b, path="b.md")])
    return matching.compare(0, 1), matching.clusters


def names(rules) -> set[str]:
    return {name for name, _ in rules}


RESNET = "Deep Residual Learning for Image Recognition"
GPT3 = "Language Models are Few-Shot Learners"
ILLUSTRATED = "https://jalammar.github.io/illustrated-"
#: One printed article: its volume, pages and authors (our own invented citation).
ONE_ARTICLE = dict(volume="361", pages="1676-1687", year=2009, authors=("Moreau, L.", "Okafor, C."))


VETO_CASES = [
    pytest.param(entry("BIG-Bench", arxiv="2206.04615"), entry("BIG-Bench Hard", arxiv="2210.09261"),
                 "different-id", id="two-arxiv-ids"),
    pytest.param(entry("GPT-2"), entry("GPT-3"), "numbers-differ", id="gpt-2-vs-gpt-3"),
    pytest.param(entry("Llama 2: Open Foundation and Fine-Tuned Chat Models"),
                 entry("Llama 3: Open Foundation and Fine-Tuned Chat Models"), "numbers-differ", id="llama-2-vs-3"),
    pytest.param(entry("Qwen Technical Report"), entry("Qwen2 Technical Report"), "numbers-differ", id="qwen-vs-qwen2"),
    pytest.param(entry("Attention in transformers, part 1"), entry("Attention in transformers, part 2"),
                 "numbers-differ", id="part-1-vs-part-2"),
    pytest.param(entry("MMLU"), entry("MMLU Pro"), "extends-title", id="mmlu-vs-mmlu-pro"),
    pytest.param(entry("SWE-bench"), entry("SWE-bench Multimodal"), "extends-title", id="swe-bench-multimodal"),
    pytest.param(entry(RESNET, year=2016), entry(RESNET, year=2021), "year-gap", id="five-years-apart"),
    pytest.param(entry(RESNET, authors=("Kaiming He", "Xiangyu Zhang")),
                 entry(RESNET, authors=("Jane Smith", "John Doe")), "no-shared-author", id="different-people"),
    pytest.param(entry(RESNET, authors=("Kaiming He", "Xiangyu Zhang", "Jian Sun")),
                 entry(RESNET, authors=("Jane Smith", "John Doe", "Jian Sun")), "authors-disagree",
                 id="one-person-in-common"),
    pytest.param(entry("The Illustrated Transformer", kind="paper"), entry("The Illustrated Transformer", kind="blog"),
                 "different-kind", id="paper-vs-blog"),
    pytest.param(entry("The Illustrated Transformer", url=ILLUSTRATED + "transformer/", kind="blog"),
                 entry("The Illustrated Transformer", url=ILLUSTRATED + "gpt2/", kind="blog"),
                 "same-site-different-link", id="two-pages-of-one-blog"),
    pytest.param(entry("Erratum: " + RESNET), entry(RESNET), "derivative-work", id="erratum-of-x-vs-x"),
    pytest.param(entry(RESNET + " (vol 12, pg 345, 2016)"), entry(RESNET), "derivative-work",
                 id="a-correction-notice-citing-x-vs-x"),
    pytest.param(entry("Comment on: " + RESNET), entry(RESNET), "derivative-work", id="comment-on-x-vs-x"),
    pytest.param(entry("Deep Learning - Book Review", authors=("Jane Reviewer",)),
                 entry("Deep Learning", authors=("Ian Goodfellow", "Yoshua Bengio")), "derivative-work",
                 id="book-review-vs-the-book"),
    pytest.param(entry(RESNET, year=2016, venue="CVPR"), entry(RESNET, year=2017, venue="TPAMI"),
                 "different-publication", id="conference-vs-journal"),
    pytest.param(entry(RESNET, volume="12"), entry(RESNET, volume="13"), "different-locator", id="two-volumes"),
    pytest.param(entry(RESNET, volume="7", pages="100-101"), entry(RESNET, volume="7", pages="1410-1418"),
                 "different-locator", id="an-abstract-and-an-article-in-one-volume"),
    pytest.param(entry(RESNET, **dict(ONE_ARTICLE, pages="1702")), entry(RESNET, **ONE_ARTICLE),
                 "different-locator", id="a-one-page-item-after-the-article-as-an-erratum-is-printed"),
    pytest.param(entry(RESNET, **dict(ONE_ARTICLE, pages="1601", authors=("Lind, P.",))), entry(RESNET, **ONE_ARTICLE),
                 "different-locator", id="a-one-page-item-before-the-article-by-other-authors"),
    pytest.param(entry(RESNET, **dict(ONE_ARTICLE, pages="S12")), entry(RESNET, **ONE_ARTICLE),
                 "different-locator", id="a-supplement-page-is-not-in-order-with-print-pages"),
    pytest.param(entry("Genetic risk factors for ischemic stroke in young adults", **dict(ONE_ARTICLE, pages="1420")),
                 entry("Genetic risk factors for hemorrhagic stroke in young adults", **ONE_ARTICLE),
                 "different-locator", id="a-companion-paper-cited-by-its-first-page"),
    pytest.param(entry("A trial of eculizumab in adult patients with atypical HUS", year=2011),
                 entry("A trial of eculizumab in pediatric patients with atypical HUS", year=2011),
                 "words-differ", id="adult-vs-pediatric-trial"),
]


PAGES_OUTRANK_NO_MORE = [
    pytest.param(entry("Sepsis in children", **dict(ONE_ARTICLE, pages="1676")),
                 entry("CLINICAL PRACTICE Sepsis in children", **dict(ONE_ARTICLE, pages="1676")),
                 "extends-title", id="one-page-is-not-a-printed-article"),
    pytest.param(entry("Sepsis in children", **ONE_ARTICLE),
                 entry("CLINICAL PRACTICE Sepsis in children", **dict(ONE_ARTICLE, authors=("Lind, P.",))),
                 "extends-title", id="authors-who-disagree"),
    pytest.param(entry("Erratum: More on sepsis in children", **ONE_ARTICLE),
                 entry("More on sepsis in children", **ONE_ARTICLE), "derivative-work",
                 id="an-erratum-is-not-its-article"),
]


@pytest.mark.parametrize("a, b, veto", PAGES_OUTRANK_NO_MORE)
def test_the_same_pages_outrank_only_vetoes_about_names(a, b, veto):
    """The same page range of one volume by authors who agree outranks vetoes about titles and
    venues, and nothing else: one page, authors who disagree, or an erratum stay apart."""
    judgement, clusters = judged(a, b)
    assert (judgement.verdict, judgement.rule) == (DISTINCT, veto)
    assert clusters == ((0,), (1,))


@pytest.mark.parametrize("a, b, veto", VETO_CASES)
def test_a_veto_keeps_look_alikes_apart_and_is_named_in_the_judgement(a, b, veto):
    """A veto makes two look-alike entries distinct works, and the judgement lists it by name."""
    judgement, clusters = judged(a, b)
    assert judgement.verdict == DISTINCT
    assert veto in names(judgement.vetoes)
    assert judgement.rule in names(judgement.vetoes)
    assert clusters == ((0,), (1,))


def test_every_declared_veto_has_a_case():
    """Every veto in the rules table is exercised above (override-distinct with the overrides)."""
    covered = {p.values[2] for p in VETO_CASES} | {"override-distinct"}
    assert covered == {rule.name for rule in VETOES}


JOIN_CASES = [
    pytest.param(entry("GPT3", arxiv="2005.14165"), entry(GPT3, arxiv="2005.14165"), "same-id",
                 id="same-id-beats-numbers"),
    pytest.param(entry(GPT3, arxiv="2005.14165", year=2020), entry(GPT3, aliases=("GPT-3",), year=2020),
                 "title", id="unlinked-citation"),
    pytest.param(entry("Attention Is All You Need"), entry("attention is all you need"), "title", id="case"),
    pytest.param(entry("Attention Is All You Need"), entry("Attention Is All You Ned"), "title", id="typo"),
    pytest.param(entry("Attention in transformers, part II"), entry("Attention in transformers, part 2"),
                 "title", id="roman-numeral"),
    pytest.param(entry(RESNET, year=2015), entry(RESNET, year=2016), "title", id="preprint-then-publication"),
    pytest.param(entry(RESNET, authors=("Kaiming He", "Xiangyu Zhang")), entry(RESNET, authors=("He, K.", "Zhang, X.")),
                 "title", id="authors-spelled-differently"),
    pytest.param(entry("Attention Is All You Need: Transformers for Sequence Transduction"),
                 entry("Attention Is All You Need"), "subtitle-dropped", id="long-head-without-subtitle"),
    pytest.param(entry(GPT3, arxiv="2005.14165", aliases=("GPT-3",)), entry("GPT-3"), "same-name", id="bound-alias"),
    pytest.param(entry("Deep Learning - Book Review", authors=("Jane Reviewer",), year=2017),
                 entry("Deep Learning", authors=("Jane Reviewer",), year=2017), "subtitle-dropped",
                 id="a-review-listed-under-the-reviewed-title"),
    pytest.param(entry("Querying Multiple Bioinformatics Data Sources", authors=("Critchlow, T.", "Coleman, M.")),
                 entry("Querying multiple bioinformatics information sources", authors=("Terence Critchlow",)),
                 "close-title", id="a-reworded-title-by-the-same-authors"),
    pytest.param(entry(RESNET, volume="24", pages="2297-2108"), entry(RESNET, volume="24", pages="2097-2108"),
                 "title", id="a-mistyped-first-page-of-a-range-ending-on-the-same-page"),
    pytest.param(entry(RESNET, volume="24", pages="770-78"), entry(RESNET, volume="24", pages="771-778"),
                 "title", id="an-abbreviated-range-ending-on-the-same-page"),
    pytest.param(entry("Sepsis in children", **ONE_ARTICLE),
                 entry("CLINICAL PRACTICE Sepsis in children", **ONE_ARTICLE), "same-pages",
                 id="a-section-heading-before-a-short-title"),
    pytest.param(entry("More on sepsis in children... Lancet. 2009 Jan 29;360(5):544-6", **ONE_ARTICLE),
                 entry("More on sepsis in children", **ONE_ARTICLE), "same-pages",
                 id="a-reference-pasted-after-the-title"),
    pytest.param(entry("Indications for fluid resuscitation in children", **ONE_ARTICLE),
                 entry("[Indications of fluid therapy in the paediatric patient]", **ONE_ARTICLE), "same-pages",
                 id="a-title-translated-back"),
    pytest.param(entry("Sepsis in children", **dict(ONE_ARTICLE, year=2010, venue="Pediatrics")),
                 entry("Sepsis in children", **dict(ONE_ARTICLE, year=2011, venue="Pediatrics - Clinical Practice")),
                 "same-pages", id="a-journal-under-two-names-online-then-in-print"),
    pytest.param(entry(RESNET, **dict(ONE_ARTICLE, pages="1601-1601")), entry(RESNET, **ONE_ARTICLE), "title",
                 id="a-meeting-abstract-printed-before-its-article"),
    pytest.param(entry(RESNET, **dict(ONE_ARTICLE, pages="e3")), entry(RESNET, **dict(ONE_ARTICLE, pages="e8-e9")),
                 "title", id="an-online-abstract-before-its-online-article"),
    pytest.param(entry("Erratum: " + RESNET, year=2016, authors=("He, K.",)),
                 entry(RESNET + " (vol 12, pg 345, 2016)", year=2016, authors=("He, K.",)), "close-title",
                 id="one-erratum-in-two-databases-styles"),
    pytest.param(entry("Notes", url="https://example.com/notes?utm_source=x", kind="blog"),
                 entry("Notes", url="https://example.com/notes", kind="blog"), "same-link", id="same-link"),
]


@pytest.mark.parametrize("a, b, rule", JOIN_CASES)
def test_evidence_joins_two_entries_into_one_work(a, b, rule):
    """Enough evidence makes two entries one work, decided by the named rule."""
    judgement, clusters = judged(a, b)
    assert (judgement.verdict, judgement.rule) == (SAME, rule)
    assert clusters == ((0, 1),)


def test_an_abstract_before_its_article_is_joined_and_says_so():
    """The page order that lets an abstract join its article is named in the evidence."""
    judgement, _ = judged(entry(RESNET, **dict(ONE_ARTICLE, pages="1601")), entry(RESNET, **ONE_ARTICLE))
    assert dict(judgement.evidence)["abstract-first"] == "page 1601 comes before pages 1676-1687 of volume 361"
    assert not judgement.vetoes


def test_an_identifier_outweighs_differing_numbers_but_the_veto_is_still_reported():
    """"GPT3" and the paper with the same arXiv id are one work; the number clash stays visible."""
    judgement, _ = judged(entry("GPT3", arxiv="2005.14165"), entry(GPT3, arxiv="2005.14165"))
    assert "same-id" in names(judgement.evidence)
    assert "numbers-differ" in names(judgement.vetoes)


VOYAGER = "Voyager: An Open-Ended Embodied Agent with Large Language Models"


@pytest.mark.parametrize("long, short", [
    pytest.param(entry(VOYAGER), entry("Voyager"), id="voyager"),
    pytest.param(entry(VOYAGER, arxiv="2305.16291"), entry("Voyager"), id="voyager-long-one-has-an-id"),
    pytest.param(entry(VOYAGER, year=2023), entry("Voyager", year=2023), id="voyager-same-year"),
    pytest.param(entry("Toolformer: Language Models Can Teach Themselves to Use Tools", year=2023),
                 entry("Toolformer", year=2023), id="toolformer-same-year"),
])
def test_a_one_word_head_alone_does_not_join_without_an_identifier(long, short):
    """A lone word that is the head of a longer title is only a guess: the pair stays unsure."""
    judgement, clusters = judged(long, short)
    assert (judgement.verdict, judgement.rule) == (UNSURE, "no-rule")
    assert "subtitle-dropped" in names(judgement.evidence)
    assert clusters == ((0,), (1,))


def test_a_short_name_joins_when_some_list_binds_it_to_the_identifier():
    """Once any list links "Voyager" to the paper's arXiv id, a bare "Voyager" joins that paper."""
    full = entry(VOYAGER, arxiv="2305.16291", line=1)
    matching = find_works([reading_list(full, entry("Voyager", arxiv="2305.16291", line=2)),
                           reading_list(entry("Voyager", line=5), path="other.md")])
    assert matching.clusters == ((0, 1, 2),)
    assert "name-bound-to-id" in names(matching.compare(0, 2).evidence)


def test_clustering_never_chains_two_vetoed_entries_through_a_weak_link():
    """A~B and B~C by title alone cannot put A and C, which have different arXiv ids, in one work."""
    a = entry(RESNET, arxiv="1512.03385", line=1)
    c = entry("Deep Residual Learnings for Image Recognitions", arxiv="1603.05027", line=2)
    b = entry("Deep Residual Learning for Image Recognitions", line=3)
    matching = find_works([reading_list(a, c), reading_list(b, path="other.md")])
    assert matching.compare(0, 2).verdict == SAME and matching.compare(1, 2).verdict == SAME
    assert not any({0, 1} <= set(c) for c in matching.clusters)
    assert matching.clusters == ((0,), (1,), (2,)), "B is as close to A as to C: neither join wins"
    assert [(r.join.a, r.join.b) for r in matching.refusals] == [(0, 2), (1, 2)]
    for refusal in matching.refusals:
        assert (refusal.conflict.a, refusal.conflict.b, refusal.conflict.rule) == (0, 1, "different-id")


def test_equal_joins_that_conflict_are_not_settled_by_input_order():
    """Two citations that a veto keeps apart, each joining the linked paper equally well, give
    the same works whichever of them the list names first."""
    paper = entry(GPT3, arxiv="2005.14165", line=1)
    brown = entry(GPT3, authors=("Tom Brown", "Benjamin Mann"), line=2)
    smith = entry(GPT3, authors=("Jane Smith",), line=3)
    assert works_of([reading_list(paper, brown, smith)])[0] == works_of([reading_list(paper, smith, brown)])[0]


# --- overrides -------------------------------------------------------------------------------

EVALS = reading_list(
    entry("MMLU", line=3), entry("MMLU Pro", line=7), entry(GPT3, arxiv="2005.14165", line=9),
    entry("The GPT-3 paper", line=12), entry("Attention Is All You Need", line=15),
    entry("Attention is all you need", line=18), path="lists/evals.md")

OVERRIDES = """\
same:
  - ["arxiv:2005.14165", "The GPT-3 paper"]
  - ["MMLU", "lists/evals.md:7"]
distinct:
  - ["evals.md:15", "lists/evals.md:18"]
"""


def test_overrides_join_and_separate_entries_named_by_id_title_or_file_and_line():
    """"same:" pairs join what the rules kept apart; "distinct:" pairs split what they joined."""
    assert find_works([EVALS]).clusters == ((0,), (1,), (2,), (3,), (4, 5))
    matching = find_works([EVALS], overrides=load_overrides("overrides.yaml", OVERRIDES))
    assert matching.clusters == ((0, 1), (2, 3), (4,), (5,))
    assert (matching.compare(2, 3).rule, matching.compare(4, 5).rule) == ("override-same", "override-distinct")
    where = [note.split(": ")[0] for note in matching.notes]
    assert where == ["overrides.yaml:2", "overrides.yaml:3", "overrides.yaml:5"]


@pytest.mark.parametrize("text, line, message", [
    pytest.param("same: [a, b", 1, "not valid YAML", id="bad-yaml"),
    pytest.param("- [a, b]\n", 1, "is a mapping", id="not-a-mapping"),
    pytest.param("same:\n  - [a, b]\nsimilar:\n  - [a, b]\n", 3, "unknown key 'similar'", id="unknown-key"),
    pytest.param("same: foo\n", 1, "'same' must be a list", id="not-a-list"),
    pytest.param("same:\n  - [a, b]\n  - [a]\n", 3, "must be a pair", id="one-sided"),
    pytest.param("distinct:\n  - [a, b, c]\n", 2, "must be a pair", id="three-sided"),
    pytest.param("distinct:\n  - [a, '  ']\n", 2, "must be a pair", id="blank-side"),
    pytest.param("same:\n  - a\n", 2, "must be a pair", id="scalar-item"),
])
def test_a_malformed_overrides_file_names_the_file_and_line(text, line, message):
    """A malformed overrides file raises InputError whose message starts with file:line."""
    with pytest.raises(InputError) as raised:
        load_overrides("ov.yaml", text)
    assert str(raised.value).startswith(f"ov.yaml:{line}: ")
    assert message in str(raised.value)


# --- properties --------------------------------------------------------------------------------

#: (title, subtitle, arXiv id, year, authors, alias): a small vocabulary look-alikes are made from.
WORKS = [
    ("Attention Is All You Need", "Transformers for Sequence Transduction", "1706.03762", 2017, ("Ashish Vaswani",),
     "Transformer"),
    (GPT3, None, "2005.14165", 2020, ("Tom Brown", "Benjamin Mann"), "GPT-3"),
    ("Llama 2", "Open Foundation and Fine-Tuned Chat Models", "2307.09288", 2023, ("Hugo Touvron",), "Llama 2"),
    (RESNET, None, "1512.03385", 2016, ("Kaiming He",), "ResNet"),
    ("Voyager", VOYAGER.split(": ")[1], "2305.16291", 2023, ("Guanzhi Wang",),
     "Voyager"),
    ("MMLU", "Measuring Massive Multitask Language Understanding", "2009.03300", 2021, ("Dan Hendrycks",), "MMLU"),
]


@st.composite
def entries(draw) -> Entry:
    title, subtitle, arxiv, year, authors, alias = draw(st.sampled_from(WORKS))
    if subtitle and draw(st.booleans()):
        title = f"{title}: {subtitle}"
    change = draw(st.sampled_from(["none", "lower", "upper", "typo", "number", "extend"]))
    if change == "typo":
        at = draw(st.integers(0, len(title) - 1))
        title = title[:at] + title[at + 1:]
    elif change == "number":
        title = title.replace("2", "3") if "2" in title else title + " 2"
    elif change == "extend":
        title = title + " Pro"
    elif change != "none":
        title = getattr(title, change)()
    return entry(title, arxiv=arxiv if draw(st.booleans()) else None,
                 year=draw(st.sampled_from([None, year, year + 1, year + 5])),
                 authors=draw(st.sampled_from([(), authors, ("Jane Smith",)])),
                 aliases=draw(st.sampled_from([(), (alias,)])))


@st.composite
def numbered(draw, max_size=7) -> list[Entry]:
    """Entries with distinct line numbers, so each keeps its identity when moved."""
    found = draw(st.lists(entries(), min_size=1, max_size=max_size))
    return [e.evolve(line=i + 1, end_line=i + 1) for i, e in enumerate(found)]


def works_of(lists) -> tuple[frozenset, frozenset, bool]:
    """The works as sets of stable entry identities (independent of order and file names), the
    pairs judged the same work, and whether clustering had to refuse a join."""
    m = find_works(lists)
    key = [(r.entry.title, r.entry.url, r.entry.year, r.entry.line) for r in m.records]
    joins = frozenset(frozenset((key[j.a], key[j.b])) for j in m.judgements.values() if j.verdict == SAME)
    return frozenset(frozenset(key[i] for i in c) for c in m.clusters), joins, bool(m.refusals)


def context(found: list[Entry]):
    records = prepare([reading_list(*found)])
    ctx = Context(NameIndex.build(records), Thresholds())
    return mark_shared_names(records, ctx), ctx


PROPERTY = settings(max_examples=60, deadline=None)


@PROPERTY
@given(numbered(max_size=5), st.data())
def test_judging_is_symmetric(found, data):
    """judge(a, b) and judge(b, a) reach the same verdict by the same rule, with the same vetoes."""
    records, ctx = context(found)
    i = data.draw(st.integers(0, len(records) - 1))
    j = data.draw(st.integers(0, len(records) - 1))
    there, back = judge(records[i], records[j], ctx), judge(records[j], records[i], ctx)
    assert (there.verdict, there.rule) == (back.verdict, back.rule)
    assert names(there.vetoes) == names(back.vetoes)
    assert names(there.evidence) == names(back.evidence)


def same_works(found: list[Entry], lists: list[ReadingList]) -> None:
    works, joins, refused = works_of([reading_list(*found)])
    other_works, other_joins, other_refused = works_of(lists)
    assert (other_joins, other_refused) == (joins, refused)
    if not refused:  # see test_equal_joins_that_conflict_are_not_settled_by_input_order
        assert other_works == works


@PROPERTY
@given(numbered(), st.randoms(use_true_random=False), st.data())
def test_works_do_not_depend_on_order_file_names_or_splitting(found, rnd, data):
    """Reordering entries, renaming the files or splitting one list in two judges the same pairs
    the same work and, when no join had to be refused, finds the same works."""
    shuffled = rnd.sample(found, len(found))
    same_works(found, [reading_list(*shuffled, path="elsewhere/renamed.txt")])
    side = data.draw(st.lists(st.booleans(), min_size=len(found), max_size=len(found)))
    halves = [[e for e, s in zip(shuffled, side) if s == want] for want in (True, False)]
    same_works(found, [reading_list(*halves[0], path="one.md"), reading_list(*halves[1], path="two.md")])


@PROPERTY
@given(numbered())
def test_blocking_finds_every_pair_that_brute_force_joins(found):
    """Every pair brute force calls the same work is also proposed by blocking and joined."""
    records, ctx = context(found)
    blocked = {(j.a, j.b) for j in judge_all(records, candidates(records, ctx.thresholds), ctx) if j.verdict == SAME}
    assert {(j.a, j.b) for j in brute_force(records, ctx) if j.verdict == SAME} <= blocked


def proposed(titles: list[str], thresholds: Thresholds = Thresholds()) -> set[tuple[str, str]]:
    records = prepare([reading_list(*(entry(t, line=n + 1) for n, t in enumerate(titles)))])
    return {(titles[i], titles[j]) for i, j in candidates(records, thresholds)}


def test_two_copies_of_a_title_whose_every_word_is_common_are_still_proposed():
    """Words that many titles share make no block (max_block), but the two copies of a title
    also share pairs of adjacent words, and those are rare."""
    a, b = "Query Processing in Parallel Database Systems", "Query Processing in Paralel Database Systems"
    others = ["Query Languages", "Stream Processing", "Database Theory and Systems"]
    assert (a, b) in proposed([a, b, *others], Thresholds(max_block=2))
    assert not {(x, y) for x, y in proposed([a, b, *others], Thresholds(max_block=2)) if x in others or y in others}


def test_a_head_is_paired_with_the_title_it_is_not_with_other_titles_of_that_head():
    """"Data Mining" may be "Data Mining: Concepts and Techniques" with its subtitle dropped, so
    the two are judged; two titles that share only their head are not paired for it."""
    titles = ["Data Mining: Concepts and Techniques", "Data Mining: Practical Machine Learning Tools", "Data Mining"]
    assert proposed(titles) == {(titles[0], titles[2]), (titles[1], titles[2])}


def test_links_inside_a_work_pair_the_entries_whose_full_titles_and_venues_agree():
    """When a work holds two entries of each list (a talk given twice, a demo and its paper),
    each entry is linked to the other list's entry whose full title and venue agree with it,
    and entries nothing tells apart stay unlinked."""
    rows = [  # (left title, left venue, right title, right venue), one row a line
        ("TPC-D: The Challenges, Issues and Results", "SIGMOD Record",
         "TPC-D: the challenges, issues and results", "Very Large Data Bases"),
        ("TPC-D: The Challenges, Issues and Results", "VLDB",
         "TPC-D: the challenges, issues and results", "ACM SIGMOD Record"),
        ("DEVise: Integrated Querying of Large Datasets (Demo Abstract)", None,
         "DEVise: integrated querying of large datasets", None),
        ("DEVise: Integrated Querying of Large Datasets", None,
         "DEVise (demo abstract): integrated querying of large datasets", None),
        ("Reminiscences", None, "Reminiscences", None),
        ("Reminiscences", None, "Reminiscences", None),
    ]
    left, right = (reading_list(*(entry(row[k], venue=row[k + 1], year=1996, line=n)
                                  for n, row in enumerate(rows, 1)), path=path)
                   for k, path in ((0, "a.md"), (2, "b.md")))
    matching = find_works([left, right])
    lines = {(matching.records[a].entry.line, matching.records[b].entry.line) for a, b in link(matching, 0, 1)}
    assert lines == {(1, 2), (2, 1), (3, 4), (4, 3)}


@pytest.mark.parametrize("title, core, aliases", [
    pytest.param("Robustness of outcome.[Erratum appears in Brain Inj. 2013;27(3):377 Note: Small, S [added]]",
                 "robustness of outcome", set(), id="a-note-with-nested-brackets-is-a-tag"),
    pytest.param("Robustness of outcome.[Erratum appears in Brain Inj. 2013;27(3):377 Note: Sm [added]].[Errat",
                 "robustness of outcome", set(), id="a-note-cut-off-before-its-bracket-closes"),
    pytest.param("Robustness of outcome (Journal of Brain Injury (M", "robustness of outcome", set(),
                 id="a-citation-cut-off-inside-nested-brackets"),
    pytest.param("Sorting reals in [0, 1) in linear time", "sorting reals in 0 1 in linear time", set(),
                 id="a-half-open-interval-is-no-cut-off-note"),
    pytest.param("Hello :-( world", "hello world", set(), id="an-emoticon-is-no-cut-off-note"),
    pytest.param("[The role of complement in physiology and pathology]. [Review] [16 refs] [Polish]",
                 "the role of complement in physiology and pathology", set(), id="a-translated-title-and-its-notes"),
    pytest.param("Eculizumab in patients with atypical hemolytic-uremic syndrome (aHUS)",
                 "eculizumab in patients with atypical hemolytic uremic syndrome", set(),
                 id="the-initials-of-a-term-are-no-alias"),
    pytest.param("Direct Preference Optimization (DPO)", "direct preference optimization", {"dpo"},
                 id="the-initials-of-the-whole-title-are-an-alias"),
    pytest.param("Language Models are Few-Shot Learners (GPT-3)", "language models are few shot learners",
                 {"gpt 3"}, id="a-short-name-is-an-alias"),
])
def test_bracket_tags_leave_the_title_and_only_names_become_aliases(title, core, aliases):
    """A trailing bracket tag (even one holding brackets, or one cut off before it closes) is not
    part of the title; it becomes an alias when it names the work, not when it abbreviates a term
    the title spells out."""
    record = prepare([reading_list(entry(title))])[0]
    assert record.title == core
    assert record.names - {core} == aliases


@pytest.mark.parametrize("pages, last", [
    pytest.param("2097-2108", "2108", id="a-range"),
    pytest.param("c37\u2013c42", "42", id="prefixed-pages-and-an-en-dash"),
    pytest.param("544-6", "546", id="an-abbreviated-range"),
    pytest.param("102-1", None, id="an-abbreviation-that-would-end-before-it-starts"),
    pytest.param("1875-1875", None, id="one-page-written-as-a-range"),
    pytest.param("S42", None, id="one-page"),
    pytest.param("215 p", None, id="a-page-count"),
])
def test_the_last_page_of_a_range_is_read_in_full(pages, last):
    """A record keeps the last page of its page range, written out in full; one page has none."""
    assert prepare([reading_list(entry(RESNET, pages=pages))])[0].last_page == last


@pytest.mark.parametrize("pages, series", [
    ("1676-1687", ""), ("e8-e9", "e"), ("S42", "s"), (" E 12", "e"), ("215 p", ""), ("", ""), ("xii", ""),
])
def test_a_first_page_keeps_the_letters_of_its_series(pages, series):
    """Online ("e8") and supplement ("S42") pages are numbered apart from print pages."""
    assert prepare([reading_list(entry(RESNET, pages=pages))])[0].page_series == series


@pytest.mark.parametrize("title, derivative", [
    pytest.param("Erratum: Sepsis in children", "erratum", id="a-lead-word"),
    pytest.param("Sepsis in children (vol 361, pg 1676, 2009)", "erratum", id="web-of-science-cites-the-original"),
    pytest.param("Sepsis in children (Lancet (2009) 361 (1676-1687))", "erratum", id="embase-cites-the-original"),
    pytest.param("Sepsis in children (Lancet (2009) 361 (17) (1676-1687))", "erratum", id="with-an-issue"),
    pytest.param("Sepsis in children (2009)", None, id="a-year-is-no-citation"),
    pytest.param("Sepsis in children (SIC-2)", None, id="a-name-is-no-citation"),
    pytest.param("Sepsis in children.[Erratum appears in Lancet. 2009 Jun 4;361(23):2487]", None,
                 id="the-article-that-names-its-erratum"),
])
def test_a_correction_notice_is_told_by_its_lead_word_or_by_the_citation_of_its_original(title, derivative):
    """An erratum is a work about another; databases mark one by a lead word or by appending the
    original's citation to its title. The article whose note names its erratum is no erratum."""
    assert prepare([reading_list(entry(title))])[0].derivative == derivative


WORDS = ["deep", "learning", "graph", "networks", "language", "models", "attention", "data", "of", "the",
         "a", "survey", "scaling", "laws", "retrieval"]


@st.composite
def near_titles(draw) -> list[str]:
    """Titles from a few words, many of them near copies (a letter dropped, a word added), some
    one inside another."""
    base = [" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))) for _ in range(4)]
    found = []
    for _ in range(draw(st.integers(2, 30))):
        title = draw(st.sampled_from(base))
        change = draw(st.sampled_from(["none", "typo", "extend", "prefix", "lower"]))
        if change == "typo" and len(title) > 1:
            at = draw(st.integers(0, len(title) - 1))
            title = title[:at] + title[at + 1:]
        elif change == "extend":
            title += " " + " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)))
        elif change == "prefix":
            title = "alon levy . " + title
        elif change == "lower":
            title = title.title()
        found.append(title)
    return found


@PROPERTY
@given(near_titles(), st.integers(1, 8))
def test_candidates_are_the_same_scored_in_python_or_in_numpy(titles, small_block):
    """Small runs score titles one pair at a time in Python, large ones as NumPy matrices: both
    propose the same pairs, for blocks of any size."""
    import listmerge.match as match

    records = prepare([reading_list(*(entry(t, line=n + 1) for n, t in enumerate(titles)))])
    saved = match.SMALL_BLOCK, match.NUMPY_IMPORT_SECONDS
    try:
        match.SMALL_BLOCK = small_block
        match.NUMPY_IMPORT_SECONDS = -1
        in_numpy = candidates(records, Thresholds())
        match.NUMPY_IMPORT_SECONDS = float("inf")
        in_python = candidates(records, Thresholds())
    finally:
        match.SMALL_BLOCK, match.NUMPY_IMPORT_SECONDS = saved
    assert in_python == in_numpy
