"""Three-way merge at the level of works: each rule of the issue as one case, ours' layout kept
byte for byte outside the entries that change, and the property that nothing is ever lost."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from listmerge.load import parse_text, read_versions
from listmerge.merge3 import Version, merge_versions

BASE = (FIXTURES / "diff" / "list.md").read_text(encoding="utf-8")
LORA = "- [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685) (Hu et al., 2021)"
DPO = "- [Direct Preference Optimization](https://arxiv.org/abs/2305.18290) (Rafailov et al., 2023)"
QLORA = "- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14314) (Dettmers et al., 2023)"
ATTENTION = "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (Vaswani et al., 2017)"
BLOG = "- [The Illustrated Transformer](http://jalammar.github.io/illustrated-transformer/)"


def merged(tmp_path, ours: str, theirs: str, base: str = BASE, suffix: str = ".md", fmt: str | None = None, **options):
    """merge3 of the three texts as the command runs it (files read as written)."""
    paths, texts = [], []
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        (tmp_path / f"{name}{suffix}").write_bytes(text.encode("utf-8"))
        paths.append(str(tmp_path / f"{name}{suffix}"))
        texts.append(text)
    _, versions = read_versions(paths, fmt, texts=texts)
    sides = [Version(side, path, text, lists) for side, path, text, (_, lists)
             in zip(("base", "ours", "theirs"), paths, texts, versions)]
    return merge_versions(*sides, **options)


def test_an_entry_added_on_one_side_is_kept_after_its_neighbour(tmp_path):
    theirs = BASE.replace(QLORA + "\n", QLORA + "\n" + ATTENTION + "\n")
    result = merged(tmp_path, BASE, theirs)
    assert result.text == theirs and result.conflicts == ()


def test_an_entry_added_on_both_sides_is_written_once(tmp_path):
    both = BASE.replace(QLORA + "\n", QLORA + "\n" + ATTENTION + "\n")
    result = merged(tmp_path, both, both.replace("(Vaswani et al., 2017)", "(Vaswani et al. 2017)"))
    assert result.text.count("Attention Is All You Need") == 1 and result.conflicts == ()


def test_removed_on_one_side_and_untouched_on_the_other_is_removed(tmp_path):
    result = merged(tmp_path, BASE, BASE.replace(DPO + "\n", ""))
    assert result.text == BASE.replace(DPO + "\n", "") and not result.conflicts


def test_removed_on_both_sides_is_removed(tmp_path):
    gone = BASE.replace(DPO + "\n", "")
    assert merged(tmp_path, gone, gone).text == gone


def test_an_edit_on_one_side_is_taken(tmp_path):
    theirs = BASE.replace("https://arxiv.org/abs/2106.09685", "https://openreview.net/forum?id=nZeVKeeFYf9")
    result = merged(tmp_path, BASE, theirs)
    assert result.text == theirs and not result.conflicts


def test_edits_to_different_fields_on_both_sides_are_both_taken(tmp_path):
    ours = BASE.replace("(Hu et al., 2021)", "(Hu et al., 2021) — the adapter everyone uses")
    theirs = BASE.replace("https://arxiv.org/abs/2106.09685", "https://openreview.net/forum?id=nZeVKeeFYf9")
    result = merged(tmp_path, ours, theirs)
    assert result.conflicts == ()
    assert result.text == ours.replace("https://arxiv.org/abs/2106.09685", "https://openreview.net/forum?id=nZeVKeeFYf9")


def test_conflicting_edits_to_one_field_are_a_conflict_in_git_style(tmp_path):
    ours = BASE.replace("(Hu et al., 2021)", "(Hu et al., 2021) — ours")
    theirs = BASE.replace("(Hu et al., 2021)", "(Hu et al., 2021) — theirs")
    result = merged(tmp_path, ours, theirs)
    block = f"<<<<<<< ours\n{LORA} — ours\n=======\n{LORA} — theirs\n>>>>>>> theirs\n"
    assert result.text == BASE.replace(LORA + "\n", block)
    (reason,) = result.conflicts
    assert reason.endswith("ours.md:12: annotation changed on both sides")


def test_an_edit_against_a_removal_is_a_conflict(tmp_path):
    ours = BASE.replace(DPO, DPO + " — keep this")
    result = merged(tmp_path, ours, BASE.replace(DPO + "\n", ""))
    assert f"<<<<<<< ours\n{DPO} — keep this\n=======\n>>>>>>> theirs\n" in result.text
    assert "edited in ours, removed in theirs" in result.conflicts[0]
    result = merged(tmp_path, BASE.replace(DPO + "\n", ""), ours)
    assert f"<<<<<<< ours\n=======\n{DPO} — keep this\n>>>>>>> theirs\n" in result.text


def test_marker_size_and_labels(tmp_path):
    ours = BASE.replace("(Hu et al., 2021)", "(Hu et al., 2021) — ours")
    theirs = BASE.replace("(Hu et al., 2021)", "(Hu et al., 2021) — theirs")
    text = merged(tmp_path, ours, theirs, marker_size=10, labels=("HEAD", "topic")).text
    assert "\n<<<<<<<<<< HEAD\n" in text and "\n==========\n" in text and "\n>>>>>>>>>> topic\n" in text


def test_ours_layout_is_kept_byte_for_byte_outside_changed_entries(tmp_path):
    """Odd spacing, '*' bullets, a comment and a missing final newline survive; theirs' removal
    and addition change only their own lines."""
    ours = (BASE.replace("- [", "*   [").replace("## Blogs\n", "<!-- keep me -->\n## Blogs\n")
            .replace("\n\n## Finetuning", "\n\n\n## Finetuning").rstrip("\n"))
    theirs = BASE.replace(BLOG + "\n", "").replace(QLORA + "\n", QLORA + "\n" + ATTENTION + "\n")
    result = merged(tmp_path, ours, theirs)
    expected = (ours.replace("*   [The Illustrated Transformer](http://jalammar.github.io/illustrated-transformer/)\n", "")
                .replace("(Dettmers et al., 2023)\n", "(Dettmers et al., 2023)\n" + ATTENTION + "\n"))
    assert result.text == expected and not result.conflicts


def test_an_entry_theirs_moved_to_another_section_moves(tmp_path):
    theirs = BASE.replace(DPO + "\n", "").replace(BLOG + "\n", BLOG + "\n" + DPO + "\n")
    ours = BASE.replace("(Hu et al., 2021)", "(Hu et al., 2021) — ours")
    result = merged(tmp_path, ours, theirs)
    assert result.text == ours.replace(DPO + "\n", "").replace(BLOG + "\n", BLOG + "\n" + DPO + "\n")


def test_a_section_only_theirs_has_comes_with_its_heading(tmp_path):
    theirs = BASE.replace("## Blogs", "## Agents\n\n- [ReAct](https://arxiv.org/abs/2210.03629)\n\n## Blogs")
    assert merged(tmp_path, BASE, theirs).text == theirs
    theirs = BASE + "\n## Agents\n\n- [ReAct](https://arxiv.org/abs/2210.03629)\n"
    assert merged(tmp_path, BASE, theirs).text == theirs


def test_a_section_theirs_renamed_is_renamed_in_ours_with_ours_edits_and_theirs_additions(tmp_path):
    """Theirs renamed a heading and added an entry under it; ours edited a note in that section
    and added an entry elsewhere: ours' text with the heading renamed and theirs' entry in
    place, no conflict, and no empty old heading left behind."""
    renamed = BASE.replace("## Finetuning\n", "## Fine-tuning and alignment\n")
    theirs = renamed.replace(DPO + "\n", DPO + "\n" + ATTENTION + "\n")
    ours = BASE.replace(QLORA, QLORA + " — 4-bit").replace(BLOG, BLOG + "\n" + "- [Annotated](https://example.org/annotated)")
    result = merged(tmp_path, ours, theirs)
    assert result.conflicts == ()
    assert result.text == ours.replace("## Finetuning\n", "## Fine-tuning and alignment\n").replace(
        DPO + "\n", DPO + "\n" + ATTENTION + "\n")


def test_an_entry_theirs_added_to_a_section_ours_renamed_goes_under_ours_new_name(tmp_path):
    ours = BASE.replace("## Finetuning\n", "## Adaptation\n")
    result = merged(tmp_path, ours, BASE.replace(DPO + "\n", DPO + "\n" + ATTENTION + "\n"))
    assert result.conflicts == () and result.text == ours.replace(DPO + "\n", DPO + "\n" + ATTENTION + "\n")


def test_a_heading_renamed_differently_on_both_sides_is_a_conflict_with_markers(tmp_path):
    ours = BASE.replace("## Finetuning\n", "## Adaptation\n")
    result = merged(tmp_path, ours, BASE.replace("## Finetuning\n", "## Fine-tuning\n"))
    block = "<<<<<<< ours\n## Adaptation\n=======\n## Fine-tuning\n>>>>>>> theirs\n"
    assert result.text == BASE.replace("## Finetuning\n", block)
    assert len(result.conflicts) == 1 and "ours.md:10: both sides changed these lines" in result.conflicts[0]


def test_theirs_reordering_of_a_section_ours_did_not_reorder_is_taken_with_ours_edits(tmp_path):
    """Theirs put DPO first and added an entry after LoRA; ours edited QLoRA's note: theirs'
    order, theirs' entry after LoRA, ours' edit, each line where the order puts it."""
    kto = "- [KTO](https://arxiv.org/abs/2402.01306) (Ethayarajh et al., 2024)"
    theirs = BASE.replace(f"{LORA}\n{QLORA}\n{DPO}\n", f"{DPO}\n{LORA}\n{kto}\n{QLORA}\n")
    ours = BASE.replace(QLORA, QLORA + " — 4-bit")
    result = merged(tmp_path, ours, theirs)
    assert result.conflicts == () and result.text == theirs.replace(QLORA, QLORA + " — 4-bit")


def test_when_both_sides_reorder_a_section_both_moves_are_taken_and_each_entry_is_written_once(tmp_path):
    ours = BASE.replace(f"{LORA}\n{QLORA}\n", f"{QLORA}\n{LORA}\n")
    theirs = BASE.replace(f"{LORA}\n{QLORA}\n{DPO}\n", f"{DPO}\n{LORA}\n{QLORA}\n")
    result = merged(tmp_path, ours, theirs)
    assert result.conflicts == () and all(result.text.count(x) == 1 for x in (LORA, QLORA, DPO))
    assert result.text == BASE.replace(f"{LORA}\n{QLORA}\n{DPO}\n", f"{QLORA}\n{DPO}\n{LORA}\n")


def test_theirs_reordering_is_taken_in_a_listmerge_yaml_list(tmp_path):
    head = "listmerge: 1\ntitle: Papers\nentries:\n"
    items = [f"- title: {t}\n  url: https://arxiv.org/abs/{n}\n" for t, n in
             (("Attention Is All You Need", "1706.03762"), ("ReAct", "2210.03629"), ("Toolformer", "2302.04761"))]
    base = head + "".join(items)
    reordered = head + items[2] + items[0] + items[1]
    result = merged(tmp_path, "# ours\n" + base, "# theirs\n" + reordered, "# base\n" + base, suffix=".yaml")
    assert result.text == "<<<<<<< ours\n# ours\n=======\n# theirs\n>>>>>>> theirs\n" + reordered
    assert len(result.conflicts) == 1  # both edited the comment


RESNET = "- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)"
VIT = "- [An Image is Worth 16x16 Words](https://arxiv.org/abs/2010.11929)"
GPT3 = "- [Language Models are Few-Shot Learners](https://arxiv.org/abs/2005.14165)"
NESTED = f"# Reading\n\n## Models\n\n### Vision\n\n{RESNET}\n{VIT}\n\n### Language\n\n{ATTENTION}\n{GPT3}\n"
MOVED = f"# Reading\n\n## Models\n\n### Language\n\n{ATTENTION}\n{GPT3}\n\n## Perception\n\n### Vision\n\n{RESNET}\n{VIT}\n"


def test_a_subsection_theirs_moved_under_a_new_heading_goes_with_that_heading(tmp_path):
    """Theirs moved "### Vision" under a new "## Perception": no heading of ours is renamed for
    it, the new parent heading comes along, and the emptied old heading goes."""
    result = merged(tmp_path, NESTED, MOVED, NESTED)
    assert result.conflicts == () and result.text == MOVED


def test_an_entry_theirs_added_beside_a_subsection_ours_moved_stays_in_its_section(tmp_path):
    bert = "- [BERT](https://arxiv.org/abs/1810.04805)"
    result = merged(tmp_path, MOVED, NESTED.replace(ATTENTION, ATTENTION + "\n" + bert), NESTED)
    assert result.conflicts == () and result.text == MOVED.replace(ATTENTION, ATTENTION + "\n" + bert)


def test_renames_at_two_levels_by_the_two_sides_both_apply_either_way(tmp_path):
    ours = NESTED.replace("## Models", "## Architectures")
    theirs = NESTED.replace("### Vision", "### Perception")
    both = ours.replace("### Vision", "### Perception")
    assert merged(tmp_path, ours, theirs, NESTED) == merged(tmp_path, theirs, ours, NESTED)
    assert merged(tmp_path, ours, theirs, NESTED).text == both


def test_a_heading_renamed_while_entries_are_added_is_still_a_rename(tmp_path):
    """Additions under the new name do not make a rename a move; renamed differently on both
    sides it is a conflict, with ours' name kept."""
    bert = "- [BERT](https://arxiv.org/abs/1810.04805)"
    theirs = NESTED.replace("### Language", "### Language models").replace(GPT3, GPT3 + "\n" + bert)
    assert merged(tmp_path, NESTED, theirs, NESTED).text == theirs
    ours = NESTED.replace("### Language", "### Sequence models")
    result = merged(tmp_path, ours, theirs, NESTED)
    block = "<<<<<<< ours\n### Sequence models\n=======\n### Language models\n>>>>>>> theirs\n"
    assert result.text == ours.replace("### Sequence models\n", block).replace(GPT3, GPT3 + "\n" + bert)
    assert len(result.conflicts) == 1


PROSE = BASE.replace("## Language models\n", "A short list of papers we like.\nUpdated now and then.\n\n## Language models\n")


def test_theirs_edits_to_prose_ours_left_alone_are_merged(tmp_path):
    """Theirs reworded a line of the introduction, deleted another and added a line after a
    section; ours added an entry: all of it, and no conflict."""
    theirs = (PROSE.replace("papers we like.", "the papers we like best.").replace("Updated now and then.\n", "")
              .replace(DPO + "\n", DPO + "\n\nRead LoRA first.\n"))
    ours = PROSE.replace(BLOG, BLOG + "\n" + ATTENTION)
    result = merged(tmp_path, ours, theirs, PROSE)
    assert result.conflicts == ()
    assert result.text == theirs.replace(BLOG, BLOG + "\n" + ATTENTION)


def test_prose_edited_on_both_sides_is_a_conflict_with_markers_as_git_writes_it(tmp_path):
    ours = PROSE.replace("papers we like.", "Papers.")
    result = merged(tmp_path, ours, PROSE.replace("papers we like.", "the papers we like best."), PROSE)
    block = "<<<<<<< ours\nA short list of Papers.\n=======\nA short list of the papers we like best.\n>>>>>>> theirs\n"
    assert result.text == PROSE.replace("A short list of papers we like.\n", block)
    assert len(result.conflicts) == 1


def test_theirs_prose_after_a_blank_line_below_a_line_ours_rewrote_is_taken(tmp_path):
    """Theirs added an introduction below the title line, which ours rewrote; git conflicts
    (its diff puts the insertion right after the title), but the blank line between keeps them
    apart: both are taken."""
    ours = BASE.replace("# Model papers", "# Papers")
    result = merged(tmp_path, ours, BASE.replace("# Model papers", "# Model papers\n\nA new intro."))
    assert result.text == ours.replace("# Papers", "# Papers\n\nA new intro.") and result.conflicts == ()


def test_same_inputs_same_output(tmp_path):
    ours = BASE.replace(DPO + "\n", "") + "- [ReAct](https://arxiv.org/abs/2210.03629)\n"
    theirs = BASE.replace(QLORA + "\n", QLORA + "\n" + ATTENTION + "\n").replace("(Hu et al., 2021)", "(Hu 2021)")
    assert len({merged(tmp_path, ours, theirs).text for _ in range(3)}) == 1


def test_json_dumps_whose_entries_name_their_source_lines_merge_as_lines(tmp_path):
    """`listmerge parse -o json` dumps give each entry its source's line numbers, not its place
    in the dump: merge3 merges such a file's lines as git does, and marks what conflicts (here
    ours removed the entry right after the one theirs added after): nothing is dropped."""
    from listmerge.render.data import lists_json

    dump = lambda text: lists_json(parse_text(text, "list.md"))
    theirs = BASE.replace(QLORA + "\n", QLORA + "\n" + ATTENTION + "\n")
    result = merged(tmp_path, dump(BASE.replace(DPO + "\n", "")), dump(theirs), dump(BASE), suffix=".json")
    assert result.conflicts and result.text.count("<<<<<<< ours") == len(result.conflicts)
    assert "Attention Is All You Need" in result.text


def test_a_bibtex_entry_theirs_added_is_set_off_by_a_blank_line_as_theirs_are(tmp_path):
    bib = lambda key, title: f"@article{{{key},\n  title = {{{title}}},\n  year = {{2020}}\n}}\n"
    base = bib("a", "Attention Is All You Need") + "\n" + bib("c", "Language Models are Few-Shot Learners")
    theirs = base.replace("\n@article{c", "\n" + bib("b", "Deep Residual Learning") + "\n@article{c")
    ours = base.replace("year = {2020}\n}\n\n@article{c", "year = {2020},\n  note = {read first}\n}\n\n@article{c")
    result = merged(tmp_path, ours, theirs, base, suffix=".bib")
    assert result.conflicts == ()
    assert result.text == ours.replace("\n@article{c", "\n" + bib("b", "Deep Residual Learning") + "\n@article{c")


def test_hand_written_yaml_keeps_its_layout(tmp_path):
    base = "# my list\nlistmerge: 1\ntitle: Papers\nentries:\n- title: Attention Is All You Need\n  url: https://arxiv.org/abs/1706.03762\n"
    theirs = base + "- title: ReAct\n  url: https://arxiv.org/abs/2210.03629\n"
    ours = base.replace("# my list", "# my list, ours")
    result = merged(tmp_path, ours, theirs, base, suffix=".yaml")
    assert result.text == ours + "- title: ReAct\n  url: https://arxiv.org/abs/2210.03629\n"


# --- nothing is ever lost ------------------------------------------------------------------

WORDS = ["Sparse", "Mixture", "Retrieval", "Diffusion", "Contrastive", "Recurrent", "Graph", "Latent"]
TITLES = [[f"{w} Models for Reading Lists", f"{w} Models for Reading Lists at Scale", f"On {w} Learning"]
          for w in WORDS]
LINKS = ["https://arxiv.org/abs/{}", "https://arxiv.org/pdf/{}", "https://arxiv.org/html/{}"]
NOTES = ["", "a classic", "read this first", "skim the appendix"]
SECTIONS = ["Papers", "Blogs"]


def arxiv(work: int) -> str:
    return f"2101.{10000 + work}"


fields = st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(0, 3), st.integers(0, 1))
base_lists = st.lists(st.tuples(st.integers(0, len(WORDS) - 1), fields), max_size=6, unique_by=lambda e: e[0])


@st.composite
def descendant(draw, base):
    """A side derived from base: each entry kept, removed or edited; new works added."""
    entries = []
    for work, value in base:
        op = draw(st.sampled_from(["keep", "keep", "remove", "edit"]))
        if op != "remove":
            entries.append((work, draw(fields) if op == "edit" else value))
    taken = {w for w, _ in base}
    for work in draw(st.lists(st.integers(0, len(WORDS) - 1), max_size=3, unique=True)):
        if work not in taken:
            entries.insert(draw(st.integers(0, len(entries))), (work, draw(fields)))
    return entries


def markdown(entries) -> str:
    out = ["# Reading list", ""]
    for n, section in enumerate(SECTIONS):
        out += [f"## {section}", ""]
        for work, (title, link, note, sec) in entries:
            if sec == n:
                out.append(f"- [{TITLES[work][title]}]({LINKS[link].format(arxiv(work))})"
                           + (f" — {NOTES[note]}" if NOTES[note] else ""))
        out.append("")
    return "\n".join(out)


@st.composite
def triples(draw):
    base = draw(base_lists)
    return base, draw(descendant(base)), draw(descendant(base))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(triples())
def test_nothing_is_ever_lost(tmp_path, triple):
    """Every work of OURS and THEIRS is in the result (conflict blocks included) unless one side
    removed it and the other left it as in BASE; and no such work is."""
    base, ours, theirs = (dict(side) for side in triple)
    result = merged(tmp_path, markdown(triple[1]), markdown(triple[2]), base=markdown(triple[0]))
    (parsed,) = parse_text(result.text, "merged.md")
    found = {m.group(1) for e in parsed.entries for m in [re.search(r"(2101\.\d+)", e.url or "")] if m}
    dropped = {w for w, v in base.items()
               if (w not in ours and theirs.get(w) == v) or (w not in theirs and ours.get(w) == v)}
    assert found == {arxiv(w) for w in (set(ours) | set(theirs)) - dropped}
    assert bool(result.conflicts) == ("<<<<<<< ours" in result.text)


def test_an_edit_the_parser_does_not_read_is_still_taken(tmp_path):
    """A tag added to the line (text no field holds) is an edit like any other."""
    theirs = BASE.replace(DPO, DPO + " `NeurIPS`")
    assert merged(tmp_path, BASE, theirs).text == theirs
    result = merged(tmp_path, BASE.replace(DPO, DPO + " `ICML`"), theirs)
    assert result.conflicts[0].endswith("changed on both sides")


# --- the defects of issue 16 and the merge3 items of issue 17, each with generated inputs -------

def _list(sections: dict[str, list[str]], title: str = "# Reading list") -> str:
    out = [title, ""]
    for name, items in sections.items():
        out += [f"## {name}", "", *items, ""]
    return "\n".join(out)


def _items(prefix: str, n: int, start: int = 0) -> list[str]:
    return [f"- [{prefix} paper {k}](https://arxiv.org/abs/2201.{10000 + start + k})" for k in range(n)]


def test_weeks_of_theirs_additions_a_new_introduction_and_a_new_section_are_all_kept(tmp_path):
    """Ours added two entries to one section; theirs added forty to another, rewrote nothing ours
    touched, put an introduction under the title and a section of its own at the end."""
    base = _list({"Vision": _items("Vision", 5), "Language": _items("Language", 5, 100)})
    ours = _list({"Vision": _items("Vision", 7), "Language": _items("Language", 5, 100)})
    theirs = _list({"Vision": _items("Vision", 5), "Language": _items("Language", 45, 100),
                    "Agents": _items("Agent", 3, 500)}, title="# Reading list\n\nPapers we read together.")
    result = merged(tmp_path, ours, theirs, base)
    expected = _list({"Vision": _items("Vision", 7), "Language": _items("Language", 45, 100),
                      "Agents": _items("Agent", 3, 500)}, title="# Reading list\n\nPapers we read together.")
    assert result.conflicts == () and result.text == expected


def test_both_sides_appending_to_an_ordered_list_keep_every_item_numbered_in_sequence(tmp_path):
    """Both sides added items at the end of a numbered list: theirs' numbers continue after ours'
    (no "21." twice)."""
    item = lambda n, name: f"{n}. [{name}](https://example.org/{name.lower()})"
    base = _list({"Books": [item(n, f"Book{n}") for n in range(1, 21)]})
    ours = _list({"Books": [item(n, f"Book{n}") for n in range(1, 21)] + [item(21, "Ours")]})
    theirs = _list({"Books": [item(n, f"Book{n}") for n in range(1, 21)] + [item(21, "Theirs"), item(22, "More")]})
    result = merged(tmp_path, ours, theirs, base)
    assert result.conflicts == ()
    expected = [item(n, f"Book{n}") for n in range(1, 21)] + [item(21, "Ours"), item(22, "Theirs"), item(23, "More")]
    assert result.text == _list({"Books": expected})


def test_theirs_renumbering_of_an_ordered_list_is_kept_beside_ours_edit(tmp_path):
    """Theirs inserted an item in the middle and renumbered the rest; ours appended one: the
    renumbering stays and ours' item takes the next number."""
    item = lambda n, name: f"{n}. [{name}](https://example.org/{name.lower()})"
    names = [f"Book{n}" for n in range(1, 11)]
    base = _list({"Books": [item(n, x) for n, x in enumerate(names, 1)]})
    ours = _list({"Books": [item(n, x) for n, x in enumerate(names + ["Ours"], 1)]})
    theirs = _list({"Books": [item(n, x) for n, x in enumerate(names[:4] + ["Inserted"] + names[4:], 1)]})
    result = merged(tmp_path, ours, theirs, base)
    assert result.conflicts == ()
    assert result.text == _list({"Books": [item(n, x) for n, x in enumerate(names[:4] + ["Inserted"] + names[4:] + ["Ours"], 1)]})


def test_an_addition_after_the_last_entry_of_a_list_stays_in_that_list(tmp_path):
    """Theirs appended to the first list; ours edited that list's last entry: the addition comes
    after the edited entry, above the next heading."""
    base = _list({"A": _items("A", 3), "B": _items("B", 2, 50)})
    ours = base.replace("[A paper 2]", "[A paper 2, revised]")
    theirs = _list({"A": _items("A", 4), "B": _items("B", 2, 50)})
    result = merged(tmp_path, ours, theirs, base)
    assert result.conflicts == ()
    assert result.text == theirs.replace("[A paper 2]", "[A paper 2, revised]")


def test_a_bom_and_crlf_line_endings_are_kept(tmp_path):
    base = "\ufeff" + _list({"A": _items("A", 3)}).replace("\n", "\r\n")
    ours = base.replace("[A paper 0]", "[A paper zero]")
    theirs = base.replace("[A paper 2](https://arxiv.org/abs/2201.10002)\r\n",
                          "[A paper 2](https://arxiv.org/abs/2201.10002)\r\n- [Added](https://arxiv.org/abs/2201.19999)\r\n")
    result = merged(tmp_path, ours, theirs, base)
    assert result.conflicts == ()
    assert result.text == theirs.replace("[A paper 0]", "[A paper zero]")


def test_a_conflict_keeps_the_sides_line_endings_and_writes_markers_with_them(tmp_path):
    base = _list({"A": _items("A", 2)}).replace("\n", "\r\n")
    result = merged(tmp_path, base.replace("[A paper 0]", "[A zero]"), base.replace("[A paper 0]", "[A nought]"), base)
    assert "<<<<<<< ours\r\n" in result.text and "=======\r\n" in result.text and ">>>>>>> theirs\r\n" in result.text
    assert "\n" not in result.text.replace("\r\n", "")


def test_the_same_line_added_on_both_sides_of_a_plain_text_list_is_written_once(tmp_path):
    """Both curators added the same title, in different places: one entry."""
    titles = ["Dune (1965)", "Hyperion (1989)", "Neuromancer (1984)", "Solaris (1961)", "Foundation (1951)"]
    page = lambda items: "Books to read\n\nNovels:\n" + "\n".join(items) + "\n"
    base = page(titles)
    ours = page(titles[:1] + ["The Left Hand of Darkness (1969)"] + titles[1:])
    theirs = page(titles + ["The Left Hand of Darkness (1969)"])
    result = merged(tmp_path, ours, theirs, base, suffix=".txt")
    assert result.text.count("The Left Hand of Darkness") == 1 and result.conflicts == ()


CITATIONS = ("---\ntitle: Context papers\n---\n\n## Scaling\n\n"
             '- Kaplan et al. (2020). "Scaling Laws for Neural Language Models." -- compute and loss\n'
             '- Hoffmann et al. (2022). "Training Compute-Optimal Large Language Models." -- Chinchilla\n')


def test_an_unchanged_citation_bullet_next_to_an_addition_is_kept(tmp_path):
    """Citations format: theirs added a bullet right after an unchanged one while ours edited the
    other bullet: every bullet stays."""
    added = '- Brown et al. (2020). "Language Models are Few-Shot Learners." -- GPT-3\n'
    theirs = CITATIONS + added
    ours = CITATIONS.replace("-- Chinchilla", "-- Chinchilla, 70B")
    result = merged(tmp_path, ours, theirs, CITATIONS, fmt="citations")
    assert result.conflicts == () and result.text == ours + added


def test_versions_that_agree_are_written_byte_for_byte_without_being_read(tmp_path, monkeypatch):
    """`merge3 X X X` (and a side left as base) needs no parsing: a large list merges at once."""
    import listmerge.load

    monkeypatch.setattr(listmerge.load, "read_versions", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    from click.testing import CliRunner
    from listmerge.cli import main

    text = "\ufeff" + _list({f"S{n}": _items(f"S{n}", 200, 1000 * n) for n in range(10)}).replace("\n", "\r\n")
    path = tmp_path / "big.md"
    path.write_bytes(text.encode("utf-8"))
    other = tmp_path / "other.md"
    other.write_bytes(text.replace("S3 paper 7", "S3 paper seven").encode("utf-8"))
    for args in ((path, path, path), (path, path, other), (path, other, path)):
        out = tmp_path / "out.md"
        result = CliRunner().invoke(main, ["merge3", *map(str, args), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes() == (other if other in args else path).read_bytes()


# --- never worse than git ------------------------------------------------------------------------

import shutil  # noqa: E402
import subprocess  # noqa: E402

import pytest  # noqa: E402
from hypothesis import assume  # noqa: E402

from test_merge3_property import SHAPES, value, written  # noqa: E402
from test_merge3_property import descendant as shaped_descendant  # noqa: E402


@st.composite
def distinct_histories(draw):
    """Histories whose base names each work once and whose sides add no work alike."""
    base = draw(st.lists(st.tuples(st.integers(0, 9), value), max_size=7, unique_by=lambda e: e[0]))
    ours, theirs = draw(shaped_descendant(base, [])), draw(shaped_descendant(base, []))
    added = lambda side: {w for w, _ in side} - {w for w, _ in base}
    assume(not added(ours) & added(theirs))
    assume(not _moved(base, ours) & _moved(base, theirs))  # both moving one entry is an entry-level decision
    return base, ours, theirs


def _moved(base, side) -> set[int]:
    """The works of base that ``side`` put in another section or after another work."""
    def places(entries):
        found, last = {}, {}
        for w, v in entries:
            found[w] = (v[3], last.get(v[3]))
            last[v[3]] = w
        return found
    before, after = places(base), places(side)
    return {w for w in before if w in after and before[w] != after[w]}


def _git_merge(tmp_path, texts) -> tuple[bool, str]:
    for name, text in zip(("base", "ours", "theirs"), texts):
        (tmp_path / f"g{name}").write_bytes(text.encode("utf-8"))
    done = subprocess.run(["git", "merge-file", "-p", str(tmp_path / "gours"), str(tmp_path / "gbase"),
                           str(tmp_path / "gtheirs")], capture_output=True)
    return done.returncode == 0, done.stdout.decode("utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@given(distinct_histories(), st.sampled_from(["markdown", "ordered", "table", "plaintext"]))
def test_where_git_merges_cleanly_merge3_writes_the_same_bytes(tmp_path, history, shape):
    """Where git merge-file is clean and no entry-level decision is called for (no entry added
    by both sides), merge3 writes git's text."""
    texts = [written(SHAPES[shape][0](side), False, False) for side in history]
    clean, git_text = _git_merge(tmp_path, texts)
    if clean:
        result = merged(tmp_path, texts[1], texts[2], texts[0], suffix=".txt" if shape == "plaintext" else ".md")
        assert result.text == git_text and result.conflicts == ()


def test_one_work_both_sides_added_to_two_different_tables_is_two_entries(tmp_path):
    """A paper both sides added, each to another results table with other scores, is two rows:
    only the same entry (same text, or same section) added on both sides is written once."""
    table = lambda name, rows: f"## {name}\n\n| Model | Score | Paper |\n| --- | --- | --- |\n" + "".join(rows) + "\n"
    row = lambda score: f"| BART | {score} | [BART: Denoising Pre-training](https://arxiv.org/abs/1910.13461) |\n"
    other = "| T5 | 40.1 | [Exploring the Limits of Transfer Learning](https://arxiv.org/abs/1910.10683) |\n"
    base = "# Results\n\n" + table("News", [other]) + table("Dialogue", [other])
    ours = "# Results\n\n" + table("News", [row("44.2"), other]) + table("Dialogue", [other])
    theirs = "# Results\n\n" + table("News", [other]) + table("Dialogue", [other, row("38.0")])
    result = merged(tmp_path, ours, theirs, base)
    assert result.conflicts == () and result.text.count("BART |") == 2


@pytest.mark.parametrize("suffix, item, child", [
    (".md", "- [{t}](https://{t}.org/x) - about {t}", "  - [{t}](https://{t}.org/x) - about {t}"),
    (".org", "- [[https://{t}.org/x][{t}]] - about {t}", "  - [[https://{t}.org/x][{t}]] - about {t}"),
])
def test_a_sub_item_one_side_added_is_written_once(tmp_path, suffix, item, child):
    """A linked sub-item is an entry of its own, so its parent's lines end above it: theirs
    adding one under an item, while ours adds elsewhere, writes it once (it was written twice)."""
    head = "# L\n\n" if suffix == ".md" else "* L\n\n"
    lines = [item.format(t=t) for t in ("alpha", "beta", "gamma")]
    base = head + "\n".join(lines) + "\n"
    ours = head + "\n".join(lines + [item.format(t="delta")]) + "\n"
    theirs = head + "\n".join(lines[:2] + [child.format(t="beta-two")] + lines[2:]) + "\n"
    result = merged(tmp_path, ours, theirs, base, suffix=suffix)
    assert result.conflicts == () and result.text.count("beta-two.org") == 1 and "delta.org" in result.text
