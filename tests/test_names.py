"""One reading of people's names for every use: suffixes, particles and hyphens."""
from __future__ import annotations

import pytest

from listmerge.authors import author_keys
from listmerge.names import split_name
from listmerge.render.canon import _byline


@pytest.mark.parametrize("name, given, particle, surname, suffix", [
    ("Martin Luther King Jr.", "Martin Luther", "", "King", "Jr."),
    ("King, Jr., Martin Luther", "Martin Luther", "", "King", "Jr."),
    ("Martin Luther King, Jr.", "Martin Luther", "", "King", "Jr."),
    ("Tim Berners-Lee", "Tim", "", "Berners-Lee", ""),
    ("Johannes van der Waals", "Johannes", "van der", "Waals", ""),
    ("van der Waals, Johannes", "Johannes", "van der", "Waals", ""),
    ("J. R. R. Tolkien III", "J. R. R.", "", "Tolkien", "III"),
    ("Hu, E. J.", "E. J.", "", "Hu", ""),
    ("OpenAI", "", "", "OpenAI", ""),
])
def test_a_name_splits_into_its_parts(name, given, particle, surname, suffix):
    found = split_name(name)
    assert (found.given, found.particle, found.surname, found.suffix) == (given, particle, surname, suffix)


def test_a_byline_shows_the_surname_not_the_suffix_nor_half_a_hyphenated_name():
    assert _byline(("Martin Luther King Jr.",)) == "King"
    assert _byline(("Tim Berners-Lee", "Robert Cailliau")) == "Berners-Lee & Cailliau"
    assert _byline(("van der Waals, Johannes",)) == "van der Waals"


def test_a_suffix_is_no_surname_two_lists_share():
    """Two different authors who are both "Jr." share no surname for it."""
    a, _, _, _ = author_keys(("Martin Luther King Jr.",))
    b, _, _, _ = author_keys(("Sammy Davis Jr.",))
    assert a == {"king"} and b == {"davis"} and not a & b


def test_a_hyphenated_surname_is_one_name_that_still_meets_its_halves():
    surnames, tokens, _, _ = author_keys(("Tim Berners-Lee",))
    assert surnames == {"berners-lee"} and {"berners", "lee"} <= tokens
