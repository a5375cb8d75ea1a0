"""The merge: one canonical list from several, every work traceable to its entries."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from listmerge.load import expand, read
from listmerge.merge import merge
from listmerge.render.canon import canon_data, canon_markdown, canon_yaml
from listmerge.topics import REMAINDER, clean_name, names_agree

FOLDER = FIXTURES / "merge"


def lists_in(*paths) -> list:
    return [rl for spec in expand([str(p) for p in paths]) for rl in read(spec)]


@pytest.fixture(scope="module")
def canon():
    return merge(lists_in(FOLDER))


def work_titled(canon, start: str):
    (work,) = [w for w in canon.works if (w.title or "").startswith(start)]
    return work


def lines_of(canon, work) -> list[tuple[str, int, str]]:
    out = []
    for i in work.members:
        record = canon.record(i)
        path = canon.lists[record.source].path
        out.append((Path(path).name, record.entry.line, Path(path).read_text().splitlines()[record.entry.line - 1]))
    return out


def test_a_work_in_three_lists_has_support_three_and_an_entry_pointing_at_each_line(canon):
    lora = work_titled(canon, "LoRA")
    assert lora.support == 3
    places = lines_of(canon, lora)
    assert [(name, line) for name, line, _ in places] == [("alice.md", 5), ("bob.md", 17), ("carol.yaml", 8)]
    assert all("LoRA" in text for _, _, text in places), places


def test_the_full_title_beats_an_alias_and_the_alias_is_kept(canon):
    lora = work_titled(canon, "LoRA")
    assert lora.title == "LoRA: Low-Rank Adaptation of Large Language Models"
    assert "LoRA" in lora.aliases
    assert work_titled(canon, "Training Compute-Optimal").aliases == ("Chinchilla",)


def test_the_link_is_the_identifier_page_whatever_link_the_lists_gave(canon):
    qlora = work_titled(canon, "QLoRA")
    assert qlora.support == 2 and qlora.url == "https://arxiv.org/abs/2305.14314"
    assert "https://arxiv.org/pdf/2305.14314v1" in qlora.urls
    assert qlora.ids == (("arxiv", "2305.14314"),)


def test_every_id_authors_and_earliest_year_are_collected(canon):
    lora = work_titled(canon, "LoRA")
    assert lora.ids == (("arxiv", "2106.09685"),) and lora.year == 2021
    assert lora.authors == ("Edward J. Hu", "Yelong Shen")


def test_look_alikes_stay_separate_works(canon):
    titles = [w.title for w in canon.works]
    assert "Beyond Chinchilla-Optimal: Accounting for Inference in Language Model Scaling Laws" in titles
    assert work_titled(canon, "Training Compute-Optimal").support == 2
    assert len([t for t in titles if "LoRA" in t]) == 2  # LoRA and QLoRA


def test_sections_of_different_lists_align_into_topics_by_name_and_by_shared_works(canon):
    topics = {t.name: {(canon.lists[u.source].name, u.path[-1]) for u in t.units} for t in canon.topics}
    assert topics["Finetuning"] == {("alice", "Finetuning"), ("bob", "Chapter 7. Finetuning"),
                                    ("carol", "Fine-tuning")}
    assert topics["Agents"] == {("alice", "Agents"), ("bob", "Chapter 6. Agents")}
    # "Scaling" and "Chapter 1. Scaling laws" share Kaplan and Chinchilla
    scaling = next(name for name, units in topics.items() if ("alice", "Scaling") in units)
    assert ("bob", "Chapter 1. Scaling laws") in topics[scaling]


def test_a_work_from_a_list_without_sections_goes_to_the_clearly_named_remainder(canon):
    assert work_titled(canon, "Attention Is All You Need").topic == REMAINDER
    assert canon.topics[-1].name == REMAINDER


def test_within_a_topic_works_come_by_support_then_by_first_position(canon):
    finetuning = [w.title.split(":")[0] for w in canon.in_topic("Finetuning")]
    assert finetuning[:2] == ["LoRA", "QLoRA"]
    supports = [w.support for w in canon.in_topic("Finetuning")]
    assert supports == sorted(supports, reverse=True)


def test_min_support_keeps_only_works_that_enough_lists_include():
    canon = merge(lists_in(FOLDER), min_support=2)
    assert canon.shown and all(w.support >= 2 for w in canon.shown)
    data = canon_data(canon)
    assert {w["id"] for w in data["works"]} == {w.id for w in canon.shown}
    assert all(w["support"] >= 2 for w in data["works"])
    assert "Attention Is All You Need" not in canon_markdown(canon)


def test_canon_json_keeps_the_documented_shape(canon):
    data = canon_data(canon)
    assert [l["name"] for l in data["lists"]] == ["alice", "bob", "carol"]
    assert set(data["lists"][0]) >= {"name", "path", "format", "entries"}
    work = next(w for w in data["works"] if w["title"].startswith("LoRA"))
    assert set(work) >= {"id", "title", "ids", "urls", "year", "authors", "kind", "aliases", "support",
                         "topic", "entries"}
    assert set(work["entries"][0]) >= {"list", "path", "line", "end_line", "title", "url", "section", "role",
                                       "key", "annotation"}
    assert work["id"] == "arxiv:2106.09685" and work["support"] == 3
    topic_ids = [i for t in data["topics"] for i in t["works"]]
    assert sorted(topic_ids) == sorted(w["id"] for w in data["works"]), "each work in exactly one topic"
    assert all(j["rule"] for j in work["joins"]), "every join says which rule made it"


def test_canon_markdown_lines_name_their_sources_by_tag_and_line(canon):
    text = canon_markdown(canon)
    line = next(l for l in text.splitlines() if l.startswith("- [LoRA"))
    assert "3 of 3 lists: A:5, B:17, C:8" in line and "(https://arxiv.org/abs/2106.09685)" in line
    assert "| A | Alice's reading list | `" in text


def test_merging_the_canon_again_with_the_same_inputs_changes_no_work(tmp_path, canon):
    (tmp_path / "canon.yaml").write_text(canon_yaml(canon), encoding="utf-8")
    again = merge(lists_in(FOLDER, tmp_path / "canon.yaml"))
    canon_source = len(again.lists) - 1
    before = {frozenset(canon.matching.location(i) for i in w.members) for w in canon.works}
    after = {frozenset(again.matching.location(i) for i in w.members
                       if again.record(i).source != canon_source) for w in again.works}
    assert after == before
    assert all(sum(again.record(i).source == canon_source for i in w.members) == 1 for w in again.works)


def test_the_lists_folder_merges_idempotently(tmp_path):
    inputs = lists_in(Path(__file__).resolve().parents[1] / "lists")
    first = merge(inputs)
    (tmp_path / "canon.yaml").write_text(canon_yaml(first), encoding="utf-8")
    again = merge(inputs + lists_in(tmp_path / "canon.yaml"))
    canon_source = len(again.lists) - 1
    before = {frozenset(first.matching.location(i) for i in w.members) for w in (*first.works, *first.untitled)}
    after = {frozenset(again.matching.location(i) for i in w.members if again.record(i).source != canon_source)
             for w in (*again.works, *again.untitled)} - {frozenset()}
    assert after == before
    lonely = [w.title for w in again.works if all(again.record(i).source == canon_source for i in w.members)]
    assert lonely == [], "every canon entry joins the work it came from"


@pytest.mark.parametrize("name, cleaned", [
    ("Chapter 7. Finetuning", "Finetuning"), ("Chapters 3 + 4. Evaluation Methodology", "Evaluation Methodology"),
    ("2. Agents", "Agents"), ("Part II: Retrieval", "Retrieval"), ("GPT-4 and friends", "GPT-4 and friends"),
    ("3D Vision", "3D Vision")])
def test_section_numbering_is_not_part_of_a_topic_name(name, cleaned):
    assert clean_name(name) == cleaned


@pytest.mark.parametrize("a, b, agree", [
    ("RAG", "Retrieval Augmented Generation", True), ("Fine-tuning", "Finetuning", True),
    ("Agents", "Agents and tools", True), ("Vision", "Voice", False), ("Evals", "Agents", False)])
def test_section_names_agree_by_words_or_acronym(a, b, agree):
    assert names_agree(a, b) is agree


def test_a_section_named_like_the_remainder_stays_a_topic_of_its_own(tmp_path):
    """A list's own "Other works" section is not confused with the remainder of unsectioned works."""
    (tmp_path / "a.md").write_text("# A\n\n## Other works\n\n- [Sparse Autoencoders Find Features](https://arxiv.org/abs/2309.08600)\n")
    (tmp_path / "b.yaml").write_text("listmerge: 1\nlists:\n- name: b\n  entries:\n"
                                     "  - title: Attention Is All You Need\n    year: 2017\n")
    canon = merge(lists_in(tmp_path))
    assert [t.name for t in canon.topics] == ["Other works (2)", REMAINDER]
    assert [w.topic for w in canon.works] == ["Other works (2)", REMAINDER]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab cd", min_size=1, max_size=12), max_size=25, unique=True))
def test_section_names_agree_the_same_scored_in_python_or_in_numpy(names):
    """Few section names are compared one pair at a time in Python, many as NumPy matrices:
    the same pairs agree either way."""
    import listmerge.match as match
    import listmerge.topics as topics

    saved = match.NUMPY_IMPORT_SECONDS
    try:
        match.NUMPY_IMPORT_SECONDS = -1
        in_numpy = topics.agreeing_names(names)
        match.NUMPY_IMPORT_SECONDS = float("inf")
        in_python = topics.agreeing_names(names)
    finally:
        match.NUMPY_IMPORT_SECONDS = saved
    assert in_python == in_numpy
