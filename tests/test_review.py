"""listmerge review: the uncertain joins and near misses, answered one by one into overrides.yaml
(each answer written at once, so quitting halfway keeps what was said); report.md lists them."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from listmerge.cli import main
from listmerge.overrides import load_overrides
from listmerge.review import add_rule

#: Two lists that name two works alike with nothing else to tell (near misses) and one more
#: pair that a rule joins on its title alone.
LIST_A = """# A

## Tools

- [OpenAI](https://openai.com/research/overview) - the lab's research page
- [LangChain](https://python.langchain.com/docs) - a framework
- [Attention Is All You Need](https://example.org/attention-a) (Vaswani et al., 2017)
"""
LIST_B = """# B

## Frameworks

- [OpenAI](https://openai.com/index/openai-api) - the API
- [Langchain](https://js.langchain.com/docs) - the JS one
- [Attention is all you need](https://example.org/attention-b)
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "a.md").write_text(LIST_A, encoding="utf-8")
    (tmp_path / "lists" / "b.md").write_text(LIST_B, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args, answers: str = ""):
    return CliRunner().invoke(main, list(args), input=answers)


def test_review_asks_and_writes_each_answer(folder):
    result = run("review", answers="s\nd\nk\n" + "k\n" * 20)
    assert result.exit_code == 0, result.output
    assert "Same work?" in result.output and "compared:" in result.output  # the evidence, as explain shows it
    rules = load_overrides("lists/overrides.yaml", (folder / "lists" / "overrides.yaml").read_text()).rules
    assert [r.kind for r in rules] == ["same", "distinct"]
    assert all(r.left.startswith("lists/") and r.right.startswith("lists/") for r in rules)


def test_quitting_halfway_keeps_the_answers_already_given(folder):
    result = run("review", answers="s\nq\n")
    assert result.exit_code == 0 and "1 answer added" in result.output
    text = (folder / "lists" / "overrides.yaml").read_text()
    assert len(load_overrides("o.yaml", text).rules) == 1


def test_an_answered_pair_is_not_asked_again(folder):
    question = lambda output: [line for line in output.splitlines() if line.startswith(("A: ", "B: "))][:2]
    first = run("review", answers="s\nq\n")
    second = run("review", answers="q\n")
    assert question(first.output) and question(second.output) != question(first.output)


def test_answers_go_into_the_right_block_and_keep_the_file_as_written():
    text = "# curated by hand\nsame:\n  - [\"a\", \"b\"]  # checked\n\ndistinct:\n  - [\"c\", \"d\"]\n"
    new = add_rule(text, "same", "lists/x.md:3", "lists/y.md:9")
    assert new.startswith("# curated by hand\nsame:\n  - [\"a\", \"b\"]  # checked\n  - [\"lists/x.md:3\", \"lists/y.md:9\"]\n")
    assert [r.kind for r in load_overrides("o", new).rules] == ["same", "same", "distinct"]
    assert add_rule("", "distinct", "p", "q") == 'distinct:\n  - ["p", "q"]\n'


def test_a_flow_style_block_is_not_edited_blindly():
    with pytest.raises(ValueError):
        add_rule('same: [["a", "b"]]\n', "same", "c", "d")


def test_nothing_to_review_says_so(tmp_path, monkeypatch):
    (tmp_path / "one.md").write_text("# X\n\n## S\n\n- [Only](https://example.org/only)\n")
    monkeypatch.chdir(tmp_path)
    result = run("review", "one.md")
    assert result.exit_code == 0 and "nothing to review" in result.output


def test_report_lists_the_borderline_joins_with_override_lines(folder):
    result = run("merge", "lists", "--out", "out", "--quiet")
    assert result.exit_code == 0
    report = (folder / "out" / "report.md").read_text()
    section = report.split("## Borderline joins", 1)[1].split("## Problems", 1)[0]
    assert "```yaml" in section and "lists/a.md:" in section and "lists/b.md:" in section
