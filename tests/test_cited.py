"""Titles that carry a citation: the fields a pasted citation or a slipped column leaves in a
title are read off it, only in shapes a title rarely has, and two records are compared without
the fragments that their own fields explain. Inputs are written here in the shapes scraped
catalogues give (lower case, spaced punctuation)."""
from __future__ import annotations

import pytest

from listmerge.cited import Venues, read_title
from listmerge.match import DISTINCT, SAME
from listmerge.records import prepare

from test_match import entry, judged, names, reading_list

EMPTY = dict(authors=False, venue=False, year=False)
KNOWN = Venues.build([("A", "sigmod record"), ("B", "sigmod record ,"), ("C", "vldb j."), ("D", "vldb j.")])


@pytest.mark.parametrize("title, core, authors, venue, year", [
    pytest.param("modern client-server dbms architectures n roussopoulos , a delis sigmod record , 1991.0",
                 "modern client-server dbms architectures", ("n roussopoulos", "a delis"), "sigmod record", 1991,
                 id="authors-venue-and-a-year-written-as-a-number-field"),
    pytest.param("efficient materialization of views in data warehouses mf de souza , mc sampaio 1999.0",
                 "efficient materialization of views in data warehouses", ("mf de souza", "mc sampaio"), None, 1999,
                 id="a-surname-with-a-particle"),
    pytest.param("historical queries along multiple lines of time evolution vldb j. 1995",
                 "historical queries along multiple lines of time evolution", (), "vldb j", 1995,
                 id="a-venue-the-inputs-know-and-its-year"),
    pytest.param("foundations of preferences in database systems w kiessling 2002.0",
                 "foundations of preferences in database systems", ("w kiessling",), None, 2002,
                 id="one-name-between-the-title-and-a-year"),
    pytest.param("efficient and effective clustering methods for spatial data mining . in : proc . 20th int",
                 "efficient and effective clustering methods for spatial data mining", (), None, None,
                 id="a-citation-after-a-sentence-break"),
    pytest.param("the clio project : managing heterogeneity . 30 ( 1 ) : 78-83", "the clio project : managing heterogeneity",
                 (), None, None, id="volume-issue-and-pages"),
])
def test_a_title_gives_up_the_citation_pasted_into_it(title, core, authors, venue, year):
    cited = read_title(title, venues=KNOWN, **EMPTY)
    assert (cited.core, cited.authors, cited.venue, cited.year) == (core, authors, venue, year)


@pytest.mark.parametrize("title", [
    pytest.param("Developer Handbook 2017", id="an-edition-year-after-few-words"),
    pytest.param("NYU Deep Learning Spring 2020", id="a-term"),
    pytest.param("Quick draw viral moment of Dec 2023", id="a-date"),
    pytest.param("Predictions and challenges for database systems in the year 2000", id="a-year-the-sentence-names"),
    pytest.param("Project Oberon: The Design of an Operating System, a Compiler, and a Computer",
                 id="an-article-and-a-noun-are-no-initials-and-surname"),
    pytest.param("Query processing, resource management, and approximation in a data stream management system",
                 id="commas-of-a-title"),
    pytest.param("Eculizumab for atypical hemolytic-uremic syndrome (vol 360, pg 542, 2009)",
                 id="a-bracketed-note-keeps-its-year"),
    pytest.param("Varicella as trigger of atypical HUS. Report of two cases", id="a-subtitle-after-a-full-stop"),
    pytest.param("Contrast plots and p-sphere trees: space vs. time in nearest neighbour searches",
                 id="an-abbreviation-is-no-sentence-break"),
])
def test_a_title_that_carries_no_citation_is_left_whole(title):
    assert read_title(title, **EMPTY).core == title


def test_a_field_the_record_has_is_not_read_off_its_title():
    """A record that has its year keeps "2002.0" read as a year only where its field is empty."""
    title = "parametric query optimization of expensive methods 2004.0"
    assert read_title(title, authors=False, venue=False, year=True).core == title
    assert read_title(title, **EMPTY).year == 2004


def test_a_venue_is_known_only_when_the_inputs_write_it_as_a_venue_more_than_a_title_ends_with_it():
    venues = Venues.build([("Deep learning for networks", "Networks"), ("Graph networks", None),
                           ("Social networks", "Science"), ("Computer networks", "Networks")])
    assert ("networks",) not in venues.known
    assert read_title("Attention in graph neural networks", venues=venues, **EMPTY).core == \
        "Attention in graph neural networks"


def test_a_year_read_off_a_title_still_tells_two_editions_apart():
    """"Handbook 2016" and "Handbook 2017" are two editions though their years are one apart."""
    judgement, clusters = judged(entry("Front-End Developer Handbook 2016 edition guide"),
                                 entry("Front-End Developer Handbook 2017 edition guide"))
    assert judgement.verdict == DISTINCT and clusters == ((0,), (1,))


def test_a_record_whose_fields_slipped_into_its_title_matches_the_clean_record():
    """The dirty shape: authors, venue and year appended to the title, their fields empty."""
    clean = entry("Modern client-server DBMS architectures", authors=("N. Roussopoulos", "A. Delis"),
                  venue="SIGMOD Record", year=1991)
    dirty = entry("modern client-server dbms architectures n roussopoulos , a delis sigmod record , 1991.0")
    judgement, clusters = judged(clean, dirty)
    assert (judgement.verdict, clusters) == (SAME, ((0, 1),))
    record = prepare([reading_list(dirty)])[0]
    assert (record.surnames, record.year, record.venue) == ({"roussopoulos", "delis"}, 1991, "sigmod record")


BY = ("Levy, A.", "Rajaraman, A.")


@pytest.mark.parametrize("scraped", [
    pytest.param("alon levy . a scalable algorithm for answering queries using views", id="an-author-before-it"),
    pytest.param("a scalable algorithm for answering queries using views , vldb ' 99", id="venue-and-year-after-it"),
    pytest.param("levya ( 1999 ) a scalable algorithm for answering queries using views", id="a-glued-name-and-year"),
])
def test_fragments_the_pairs_own_fields_explain_are_trimmed(scraped):
    """Words before or after the common title that the other record's authors, venue or year
    explain are left out of the comparison, and named in the judgement."""
    judgement, clusters = judged(entry("A scalable algorithm for answering queries using views", authors=BY,
                                       venue="VLDB", year=1999),
                                 entry(scraped, authors=("A. Levy",)))
    assert (judgement.verdict, clusters) == (SAME, ((0, 1),))
    assert "citation-trimmed" in names(judgement.evidence)


@pytest.mark.parametrize("other", [
    pytest.param("A scalable algorithm for answering queries using views in parallel", id="a-title-word"),
    pytest.param("A scalable algorithm for answering queries using views 2", id="a-version-number"),
    pytest.param("Fast: a scalable algorithm for answering queries using views", id="a-name-before-it"),
])
def test_words_no_field_explains_are_not_trimmed(other):
    """A title word, a version number or a name before the title is part of the title: the
    titles are compared whole (other rules may still find them close)."""
    judgement, _ = judged(entry("A scalable algorithm for answering queries using views", authors=BY, year=1999),
                          entry(other, authors=BY, year=1999))
    assert "citation-trimmed" not in names(judgement.evidence)


def test_a_long_title_in_one_venue_and_year_outranks_a_scraped_author_field():
    """Scraped author fields are often wrong ("ACMS Anthology"); the same long title in the same
    venue and year is one paper all the same."""
    title = "Hierarchies and relative operators in the OLAP environment"
    judgement, clusters = judged(entry(title, authors=("Pourabbas, E.", "Rafanelli, M."), venue="SIGMOD Record",
                                       year=2000),
                                 entry(title, authors=("ACMS Anthology",), venue="ACM SIGMOD Record", year=2000))
    assert (judgement.verdict, judgement.rule, clusters) == (SAME, "same-publication", ((0, 1),))
    other_year, _ = judged(entry(title, authors=("Pourabbas, E.",), venue="SIGMOD Record", year=2000),
                           entry(title, authors=("Smith, J.",), venue="SIGMOD Record", year=2001))
    assert other_year.verdict == DISTINCT


def test_authors_written_given_name_last_are_no_other_people():
    """"S. Sunita, T. Shiby, A. Rakesh" is Sunita Sarawagi, Shiby Thomas and Rakesh Agrawal."""
    title = "Integrating mining with relational database systems: alternatives and implications"
    judgement, clusters = judged(entry(title, authors=("Sarawagi, S.", "Thomas, S.", "Agrawal, R.")),
                                 entry(title, authors=("S Sunita", "T Shiby", "A Rakesh")))
    assert "no-shared-author" not in names(judgement.vetoes)
    assert "authors-reversed" in names(judgement.evidence)
    assert (judgement.verdict, clusters) == (SAME, ((0, 1),))
