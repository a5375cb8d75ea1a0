"""Precision holes and awesome-list defects of the matcher, one test named after each, with
inputs written here: generic titles, identifiers that name a container, locators read loosely,
alias digits, two URL schemes of one site; and the clustering and corroboration rules that hold
up on noisy bibliographies."""
from __future__ import annotations

import pytest

from listmerge.match import DISTINCT, SAME, UNSURE
from listmerge.records import prepare
from listmerge.works import find_works

from test_match import entry as _entry, judged, names, reading_list


def entry(title, *, ids=(), line=1, **fields):
    """An entry as test_match writes one, with any identifiers and a line of its own."""
    return _entry(title, line=line, **fields).evolve(ids=tuple(sorted(ids)) or _entry(title, **fields).ids)


def at(e, line):
    return e.evolve(line=line, end_line=line)

EDITOR = ("Moreau, L.",)
PROCEEDINGS_ISBN = (("isbn", "9781450300322"),)


def test_editors_comments_by_one_editor_in_one_volume_stay_apart():
    """Two "Editor's Comments" by one editor in one volume of one journal are two editorials: a
    generic title joins only on a locator, an identifier or a shared link."""
    a = entry("Editor's Comments", authors=EDITOR, year=2009, venue="MIS Quarterly", volume="33", line=1)
    b = entry("Editor's Comments", authors=EDITOR, year=2009, venue="MIS Quarterly", volume="33", line=2)
    judgement, clusters = judged(a, b)
    assert judgement.verdict != SAME and clusters == ((0,), (1,))
    matching = find_works([reading_list(a, b)])
    assert matching.clusters == ((0,), (1,))


def test_editors_comments_at_one_volume_and_page_are_one_editorial():
    """The same generic title at the same volume and first page is one item."""
    judgement, clusters = judged(
        entry("Editor's Comments", authors=EDITOR, venue="MIS Quarterly", volume="33", pages="1-3"),
        entry("Editor's comments", authors=EDITOR, venue="MIS Q.", volume="33", pages="1-3"))
    assert (judgement.verdict, clusters) == (SAME, ((0, 1),))
    assert "same-locator" in names(judgement.evidence)


def test_a_generic_title_given_to_just_two_entries_by_the_same_people_that_year_is_one_item():
    """"Guest Editorial" by the same three editors in one year, once in each of two catalogues
    and with no locator anywhere, is one item; a third copy makes it ambiguous again."""
    people = ("Atluri, V.", "Joshi, A.", "Yesha, Y.")
    a = entry("Guest Editorial", authors=people, year=2003, venue="VLDB J.")
    b = entry("Guest editorial", authors=people, year=2003, venue="The VLDB Journal")
    judgement, clusters = judged(a, b)
    assert (judgement.verdict, clusters) == (SAME, ((0, 1),))
    assert "one-of-two" in names(judgement.evidence)
    third = find_works([reading_list(a, at(b, 2), path="a.md"), reading_list(b, path="b.md")])
    assert all(len(c) == 1 for c in third.clusters)


def test_two_courses_called_deep_learning_course_stay_apart():
    """Two different courses with one generic name, on different sites, are two works."""
    judgement, clusters = judged(
        entry("Deep Learning Course", url="http://cilvr.cs.nyu.edu/doku.php?id=deeplearning:slides:start",
              kind="course", year=2014),
        entry("Deep Learning Course", url="https://www.college-de-france.fr/site/en-yann-lecun/course-2015-2016.htm",
              kind="course", year=2016))
    assert judgement.verdict != SAME and clusters == ((0,), (1,))


def test_one_course_called_deep_learning_course_joins_by_its_link():
    judgement, clusters = judged(entry("Deep Learning Course", url="https://example.edu/dl/", kind="course"),
                                 entry("Deep learning course", url="https://example.edu/dl", kind="course"))
    assert (judgement.verdict, judgement.rule, clusters) == (SAME, "same-link", ((0, 1),))


def test_two_conference_papers_sharing_a_proceedings_isbn_stay_apart():
    """An ISBN on a paper names the proceedings it is printed in: two papers of one volume share
    it and are still two works; the ISBN neither joins them nor counts as their own id."""
    a = entry("Sorting networks on the GPU", ids=PROCEEDINGS_ISBN, venue="Proc. SIGGRAPH", pages="12-19")
    b = entry("Ray tracing on the GPU", ids=PROCEEDINGS_ISBN, venue="Proc. SIGGRAPH", pages="20-29")
    judgement, clusters = judged(a, b)
    assert judgement.verdict != SAME and clusters == ((0,), (1,))
    record = prepare([reading_list(a)])[0]
    assert record.strong_ids == frozenset() and record.container_ids == frozenset(PROCEEDINGS_ISBN)


def test_a_book_keeps_its_isbn_as_its_own_identifier():
    a = entry("Deep Learning", ids=(("isbn", "9780262035613"),), kind="book")
    b = entry("Deep learning (Adaptive Computation)", ids=(("isbn", "9780262035613"),), kind="book")
    judgement, clusters = judged(a, b)
    assert (judgement.verdict, judgement.rule, clusters) == (SAME, "same-id", ((0, 1),))


def test_different_titles_with_identical_pages_stay_apart():
    """The same volume and pages by the same authors outrank a reworded title, not a different
    one: two titles that share a word or two are two works, whatever the (mistyped) pages say."""
    pages = dict(volume="361", pages="1676-1687", year=2009, authors=("Moreau, L.", "Okafor, C."))
    judgement, clusters = judged(entry("Stroke in young adults: a cohort study", **pages),
                                 entry("Stroke prevention after transient ischaemic attack", **pages))
    assert judgement.verdict != SAME and clusters == ((0,), (1,))


THREE_NOTEBOOKS = "https://github.com/example-org/course-notebooks/blob/main/"


def test_three_notebooks_in_one_github_repository_are_three_works():
    """A GitHub id read off a link deep into a repository names the repository, not the notebook:
    three notebooks of one repository are three works, and none is the repository itself."""
    found = [entry(title, url=THREE_NOTEBOOKS + path, kind="repo", ids=(("github", "example-org/course-notebooks"),),
                   line=n)
             for n, (title, path) in enumerate([("Linear regression", "01-linear-regression.ipynb"),
                                                ("Logistic regression", "02-logistic-regression.ipynb"),
                                                ("Neural networks", "03-neural-networks.ipynb")], 1)]
    repo = entry("Course notebooks", url="https://github.com/example-org/course-notebooks", kind="repo",
                 ids=(("github", "example-org/course-notebooks"),), line=4)
    matching = find_works([reading_list(*found, repo)])
    assert matching.clusters == ((0,), (1,), (2,), (3,))
    records = matching.records
    assert [r.strong_ids for r in records[:3]] == [frozenset()] * 3
    assert records[3].strong_ids == {("github", "example-org/course-notebooks")}


def test_a_link_to_a_repositorys_readme_still_names_the_repository():
    readme = entry("Awesome things", url="https://github.com/example-org/awesome-things/blob/main/README.md")
    root = entry("Awesome things", url="https://github.com/example-org/awesome-things")
    records = prepare([reading_list(readme.evolve(ids=(("github", "example-org/awesome-things"),)))])
    assert records[0].strong_ids == {("github", "example-org/awesome-things")}
    judgement, clusters = judged(readme.evolve(ids=(("github", "example-org/awesome-things"),)),
                                 root.evolve(ids=(("github", "example-org/awesome-things"),)))
    assert (judgement.verdict, judgement.rule) == (SAME, "same-id")


WORD2VEC = "Efficient Estimation of Word Representations in Vector Space"
RNNSEARCH = "Neural Machine Translation by Jointly Learning to Align and Translate"


@pytest.mark.parametrize("tagged, plain", [
    pytest.param(f"{WORD2VEC} (Word2vec)", WORD2VEC, id="word2vec"),
    pytest.param(f"{RNNSEARCH} (RNNSearch-50)", RNNSEARCH, id="rnnsearch-50"),
])
def test_alias_digits_word2vec_and_rnnsearch_50_do_not_make_numbers_differ(tagged, plain):
    """Digits in an alias tag that only one side writes are part of a name, not a version."""
    judgement, clusters = judged(entry(tagged, year=2013), entry(plain, year=2013))
    assert (judgement.verdict, clusters) == (SAME, ((0, 1),))
    assert "numbers-differ" not in names(judgement.vetoes)


def test_version_tags_on_both_sides_still_differ():
    """Two tags that both carry a version ("(7B)", "(70B)") still keep two models apart."""
    judgement, _ = judged(entry("Llama 2: Open Foundation and Fine-Tuned Chat Models (7B)"),
                          entry("Llama 2: Open Foundation and Fine-Tuned Chat Models (70B)"))
    assert judgement.verdict == DISTINCT and "numbers-differ" in names(judgement.vetoes)


ALEXNET = "ImageNet Classification with Deep Convolutional Neural Networks"


def test_neurips_links_in_two_url_schemes_are_one_work():
    """NeurIPS' old "/paper/4824-slug.pdf" and its "/paper/2012/hash/..." links are two URL schemes
    of one site, not two pages: AlexNet appears once."""
    old = entry(ALEXNET, url="http://papers.nips.cc/paper/4824-imagenet-classification-with-deep-"
                             "convolutional-neural-networks.pdf")
    new = entry(ALEXNET, url="https://papers.nips.cc/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html")
    judgement, clusters = judged(old, new)
    assert (judgement.verdict, clusters) == (SAME, ((0, 1),))
    assert "same-site-different-link" not in names(judgement.vetoes)


def test_two_slugs_of_one_blog_are_still_two_pages():
    judgement, _ = judged(entry("Our podcast", url="https://www.example.blog/p/iclr-2024-benchmarks", kind="podcast"),
                          entry("Our podcast", url="https://example.blog/p/shunyu", kind="podcast"))
    assert judgement.verdict == DISTINCT and "same-site-different-link" in names(judgement.vetoes)


# --- locators ---------------------------------------------------------------------------------

BY = dict(year=2004, authors=("Moreau, L.", "Okafor, C."))


@pytest.mark.parametrize("written, first, last", [
    pytest.param("pp. 322-331.", "322", "331", id="pp-and-a-full-stop"),
    pytest.param("pages 24-37,", "24", "37", id="pages-and-a-comma"),
    pytest.param("p. 12", "12", None, id="one-page"),
    pytest.param("392401", None, None, id="a-range-that-lost-its-dash"),
    pytest.param("CD001234", "1234", None, id="a-long-number-with-series-letters"),
])
def test_a_locator_is_read_strictly(written, first, last):
    """Only a well-formed page locator gives a first (and last) page."""
    record = prepare([reading_list(entry("A title", pages=written))])[0]
    assert (record.first_page, record.last_page) == (first, last)


def test_pp_and_a_full_stop_is_a_range_that_joins():
    """"pp. 322-331." and "322-331" are one range of one volume: same-pages, no first-page veto."""
    judgement, clusters = judged(entry("Sepsis in children", volume="12", pages="pp. 322-331.", **BY),
                                 entry("CLINICAL PRACTICE: Sepsis in children", volume="12", pages="322-331", **BY))
    assert (judgement.verdict, judgement.rule, clusters) == (SAME, "same-pages", ((0, 1),))


@pytest.mark.parametrize("a, b", [
    pytest.param(dict(volume="12", pages="392401"), dict(volume="12", pages="392-401"), id="a-lost-dash"),
    pytest.param(dict(volume="322-331"), dict(volume="12"), id="a-range-in-the-volume-field"),
    pytest.param(dict(volume="Apr 12 [Epub ahead of print]"), dict(volume="13"), id="a-date-in-the-volume-field"),
])
def test_a_malformed_locator_vetoes_nothing(a, b):
    judgement, clusters = judged(entry("Sepsis in children: a cohort", **a, **BY),
                                 entry("Sepsis in children: a cohort", **b, **BY))
    assert "different-locator" not in names(judgement.vetoes)
    assert (judgement.verdict, clusters) == (SAME, ((0, 1),))


# --- corroboration ---------------------------------------------------------------------------

def shared_title_pair(a, b, *, third):
    """``a`` and ``b`` judged in inputs where ``third`` gives their title to another work (a
    veto keeps it apart), so the title alone needs two pieces of corroboration."""
    matching = find_works([reading_list(a, at(third, 9), path="a.md"), reading_list(b, path="b.md")])
    return matching.compare(0, 2), matching


ONLINE = "Online aggregation of streams"


def test_two_shared_surnames_are_two_pieces_of_corroboration():
    """A title the inputs give to two works needs two pieces: two shared surnames are two."""
    other = entry(ONLINE, authors=("Smith, J.",), year=1990)
    judgement, matching = shared_title_pair(entry(ONLINE, authors=("Hellerstein, J.", "Haas, P.", "Wang, H.")),
                                            entry(ONLINE, authors=("J. M. Hellerstein", "P. J. Haas")), third=other)
    assert (judgement.verdict, judgement.rule) == (SAME, "title")
    assert matching.records[0].shared
    one, _ = shared_title_pair(entry(ONLINE, authors=("Hellerstein, J.", "Haas, P.")),
                               entry(ONLINE, authors=("J. M. Hellerstein",)), third=other)
    assert one.verdict == UNSURE, "one surname and no year is one piece"


def test_venues_are_compared_as_names():
    """"VLDB" and "Very Large Data Bases", "ACM Trans. Database Syst." and "ACM Transactions on
    Database Systems" name one venue; the VLDB Journal is not the VLDB conference."""
    def venues(a, b):
        judgement, _ = judged(entry("A title", venue=a), entry("A title", venue=b))
        return "same-venue" in names(judgement.evidence)
    assert venues("VLDB", "Very Large Data Bases")
    assert venues("ACM Trans. Database Syst.", "ACM Transactions on Database Systems")
    assert venues("SIGMOD Conference", "Proc. of the 1997 ACM SIGMOD Int. Conf. on Management of Data")
    assert venues("VLDB J.", "The VLDB Journal")
    assert not venues("VLDB", "VLDB J.")
    assert not venues("SIGMOD Record", "SIGMOD Conference")
    assert not venues("Nature", "Science")


def test_a_venue_written_two_ways_is_not_a_different_publication():
    judgement, clusters = judged(entry("Query optimization for semistructured data", venue="VLDB", year=1999),
                                 entry("Query optimization for semistructured data", venue="Very Large Data Bases",
                                       year=2000))
    assert "different-publication" not in names(judgement.vetoes)
    assert (judgement.verdict, clusters) == (SAME, ((0, 1),))


def test_a_missing_year_does_not_block_a_shared_title_whose_authors_agree():
    other = entry(ONLINE, authors=("Smith, J.",), year=1990)
    judgement, _ = shared_title_pair(entry(ONLINE, authors=("Hellerstein, J.", "Haas, P."), year=1997),
                                     entry(ONLINE, authors=("Hellerstein, J. M.", "Haas, P. J.")), third=other)
    assert judgement.verdict == SAME


def test_a_letter_an_encoding_lost_is_no_other_author():
    """"G?ntzer" is "Güntzer" with a letter an encoding lost, not another person."""
    judgement, clusters = judged(
        entry("Optimizing multi-feature queries for image databases", authors=("Ulrich G?ntzer", "Werner Kie?ling")),
        entry("Optimizing multi-feature queries for image databases", authors=("Ulrich Güntzer", "Werner Kießling")))
    assert (judgement.verdict, clusters) == (SAME, ((0, 1),))
    assert not judgement.vetoes


def test_a_column_editor_alone_in_common_is_not_one_author_list():
    """Two installments of a column share its editor and nobody else: two works."""
    judgement, clusters = judged(
        entry("Reminiscences on influential papers", authors=("Naughton, J.", "Garofalakis, M.", "Ross, K."), year=2003),
        entry("Reminiscences on influential papers", authors=("Cherniack, M.", "Ross, K.", "Vossen, G."), year=2003))
    assert judgement.verdict == DISTINCT and "authors-disagree" in names(judgement.vetoes)
    assert clusters == ((0,), (1,))


# --- clustering -------------------------------------------------------------------------------

SCALING = "Scaling laws for neural language models"
KAPLAN = dict(authors=("Kaplan, J.", "McCandlish, S."))


def test_one_conflicting_pair_does_not_keep_every_copy_apart():
    """Four copies of a citation joined equally well, two of which a veto keeps apart (their
    years): the two in conflict are left out together, the other two are one work."""
    copies = [entry(SCALING, year=2016, line=1, **KAPLAN), entry(SCALING, line=2, **KAPLAN),
              entry(SCALING, line=3, **KAPLAN), entry(SCALING, year=2013, line=4, **KAPLAN)]
    matching = find_works([reading_list(*copies)])
    assert matching.compare(0, 3).verdict == DISTINCT
    assert matching.clusters == ((0,), (1, 2), (3,))
    assert {(r.join.a, r.join.b) for r in matching.refusals} == {(0, 1), (0, 2), (1, 3), (2, 3)}
    assert all((r.conflict.a, r.conflict.b) == (0, 3) for r in matching.refusals)


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (3, 2, 1, 0), (1, 3, 0, 2), (2, 0, 3, 1)])
def test_which_copies_are_left_out_does_not_depend_on_input_order(order):
    copies = [entry(SCALING, year=2016, **KAPLAN), entry(SCALING, **KAPLAN), entry(SCALING, **KAPLAN),
              entry(SCALING, year=2013, **KAPLAN)]
    listed = [at(copies[k], n + 1) for n, k in enumerate(order)]
    matching = find_works([reading_list(*listed)])
    years = sorted(tuple(sorted(str(matching.records[i].entry.year) for i in c)) for c in matching.clusters)
    assert years == [("2013",), ("2016",), ("None", "None")]


def test_stronger_joins_are_taken_before_weaker_ones():
    """A plain title joins both "(part I)" and "(part II)" as well as each joins its twin; the
    twins, whose whole titles agree, are taken first, and the plain title joins neither."""
    base = "Database tuning: principles, experiments, and troubleshooting techniques"
    by = dict(authors=("Shasha, D.", "Bonnet, P."), year=2002)
    listed = [entry(base, line=1, **by), entry(base + " (part I)", line=2, **by), entry(base + " (part II)", line=3, **by)]
    other = [entry(base + " (part I)", line=1, **by), entry(base + " (part II)", line=2, **by)]
    matching = find_works([reading_list(*listed, path="a.md"), reading_list(*other, path="b.md")])
    assert matching.clusters == ((0,), (1, 3), (2, 4))


def test_installments_of_a_column_a_year_apart_are_two_works():
    """A title the inputs give to works a veto keeps apart (a column back every issue) is not
    backed by years one apart: installments follow each other year on year."""
    column = "Reminiscences on influential papers"
    listed = [entry(column, authors=("Naughton, J.", "Garofalakis, M.", "Ross, K."), year=2003, venue="SIGMOD Record",
                    line=1),
              entry(column, authors=("Cherniack, M.", "Ross, K.", "Vossen, G."), year=2003, venue="SIGMOD Record",
                    line=2)]
    other = [entry(column, authors=("Ross, K.",), year=2002, venue="ACM SIGMOD Record", line=1)]
    matching = find_works([reading_list(*listed, path="a.md"), reading_list(*other, path="b.md")])
    assert matching.records[0].shared
    assert matching.compare(0, 2).verdict != SAME and matching.compare(1, 2).verdict != SAME


def test_numbers_of_a_dropped_subtitle_are_no_version():
    """"Mediator languages - a proposal for a standard" and the same with the subtitle "report of
    a working group held April 12 and 13, 1996" are one paper: the dates are the subtitle's."""
    judgement, clusters = judged(
        entry("Mediator Languages - a Proposal for a Standard", authors=("Buneman, P.", "Raschid, L."), year=1997),
        entry("Mediator languages-a proposal for a standard: report of a working group, April 12 and 13, 1996",
              authors=("Buneman, P.", "Raschid, L."), year=1997))
    assert "numbers-differ" not in names(judgement.vetoes)
    assert (judgement.verdict, clusters) == (SAME, ((0, 1),))


def test_a_sponsor_is_no_person():
    """"Alexion Pharmaceuticals, Inc" is an organisation: its comma is no "Surname, Given"."""
    record = prepare([reading_list(entry("A trial of a drug", authors=("Alexion Pharmaceuticals, Inc",)))])[0]
    assert not record.personal and record.people == ()


# --- a venue written out, a name cut short or turned into another script -----------------------

def test_a_venue_written_out_whose_initials_spell_the_pairs_venue_is_a_citation_fragment():
    """"association of computing machinery" after a title is ACM written out; "proceedings
    international conference on very large data" a VLDB cut short, as a scraped citation cuts it."""
    title = "Optimization Techniques for Queries with Expensive Methods"
    a = entry(title, authors=("J. Hellerstein",), venue="ACM Trans. Database Syst.", year=1998)
    b = entry(f"{title}, Association of Computing Machinery", authors=("JM Hellerstein",), line=2)
    j, clusters = judged(a, b)
    assert j.verdict == SAME and "citation-trimmed" in names(j.evidence)
    c = entry("Hilbert R-tree: an improved R-tree using fractals", authors=("I. Kamel", "C. Faloutsos"),
              venue="VLDB", year=1994)
    d = entry("Hilbert R-tree: an improved R-tree using fractals proceedings international conference on very "
              "large data", authors=("C. Faloutsos",), year=1994, line=2)
    assert judged(c, d)[0].verdict == SAME


def test_words_that_spell_no_venue_of_the_pair_are_not_trimmed():
    title = "Optimization Techniques for Queries with Expensive Methods"
    a = entry(title, authors=("J. Hellerstein",), venue="VLDB", year=1998)
    b = entry(f"{title}, Association of Computing Machinery", line=2)
    assert "citation-trimmed" not in names(judged(a, b)[0].evidence)


def test_a_letter_in_another_script_inside_a_latin_name_is_a_lost_letter():
    """An encoding that turned "ß" into "п" ("Kieпling") or "ö" into "і" ("Krіll") lost a letter:
    the surname still agrees with "Kiessling"; a name written wholly in Cyrillic is left as it is."""
    from listmerge.authors import LOST, _fold

    assert _fold("W. Kieпling") == f"w  kie{LOST}ling" and LOST not in _fold("Лев Толстой")
    title = "Foundations of Preferences in Database Systems"
    a = entry(title, authors=("W. Kieпling",), venue="VLDB", year=2002)
    b = entry(title, authors=("W. Kiessling",), venue="VLDB", year=2002, line=2)
    j, clusters = judged(a, b)
    assert j.verdict == SAME and "no-shared-author" not in names(j.vetoes)


def test_a_title_inside_a_citation_is_proposed_whatever_tags_the_shorter_title_carries():
    """A title's own words decide whether it lies inside the other ("(experience paper)" was
    counted as two missing words, so a title with a citation pasted before it was never judged)."""
    a = entry("STARTS: Stanford Proposal for Internet Meta-Searching (Experience Paper)",
              authors=("L. Gravano", "K. Chang", "H. Garcia-Molina", "A. Paepcke"), venue="SIGMOD Conference", year=1997)
    b = entry("a molina und a paepcke starts stanford proposal for internet meta searching",
              authors=("L Gravano", "CCK Chang"), line=2)
    assert find_works([reading_list(a, path="a.md"), reading_list(b, path="b.md")]).clusters == ((0, 1),)
