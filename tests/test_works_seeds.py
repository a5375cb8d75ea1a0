"""Acceptance: within and across the seed lists, the same paper is one work whether it appears
by link, by title or by citation, and look-alikes stay apart. Cases come from our own reading
of the seeds; the test reads them in place and skips without ../shared."""
from __future__ import annotations

import pytest

from listmerge.identify import normalise_title

from conftest import seed


@pytest.fixture(scope="module")
def matching():
    from listmerge.load import read
    from listmerge.works import find_works

    lists = [rl for prefix in ("000", "001", "002", "003", "004") for rl in read(str(seed(prefix)))]
    return find_works(lists)


def work_with(matching, title: str, prefix: str) -> tuple[int, ...]:
    """The work holding the entry of seed ``prefix`` titled ``title`` (normalised comparison)."""
    wanted = normalise_title(title)
    hits = [r.index for r in matching.records
            if r.entry.title and normalise_title(r.entry.title) == wanted
            and matching.lists[r.source].path.rsplit("/", 1)[-1].startswith(prefix)]
    assert hits, f"no entry titled {title!r} in seed {prefix}"
    return matching.work_of(hits[0])


def sources(matching, work) -> set[str]:
    return {matching.lists[matching.records[i].source].path.rsplit("/", 1)[-1][:3] for i in work}


SAME_WORK = [
    pytest.param([("001", "LoRA"), ("003", "LoRA: Low-Rank Adaptation of Large Language Models"),
                  ("004", "LoRA: Low-Rank Adaptation of Large Language Models")], id="lora"),
    pytest.param([("001", "QLoRA"), ("003", "QLoRA: Efficient Finetuning of Quantized LLMs"),
                  ("004", "QLoRA: Efficient Finetuning of Quantized LLMs")], id="qlora"),
    pytest.param([("001", "Chinchilla"), ("003", "Training Compute-Optimal Large Language Models"),
                  ("004", "Training Compute-Optimal Large Language Models")], id="chinchilla"),
    pytest.param([("003", "Scaling Laws for Neural Language Models"),
                  ("004", "Scaling Laws for Neural Language Models")], id="kaplan-scaling-laws"),
    pytest.param([("001", "GPT3"), ("003", "Language Models are Few-Shot Learners"),
                  ("004", "Language Models are Few-Shot Learners")], id="gpt-3"),
    pytest.param([("001", "InstructGPT"), ("003", "Training language models to follow instructions with human feedback"),
                  ("004", "Training language models to follow instructions with human feedback")], id="instructgpt"),
    pytest.param([("001", "ReAct"), ("003", "ReAct: Synergizing Reasoning and Acting in Language Models")], id="react"),
    pytest.param([("001", "Toolformer"), ("003", "Toolformer: Language Models Can Teach Themselves to Use Tools")], id="toolformer"),
    pytest.param([("001", "Voyager"), ("003", "Voyager: An Open-Ended Embodied Agent with Large Language Models")], id="voyager"),
    pytest.param([("001", "MT-Bench"), ("003", "Judging LLM-as-a-Judge with MT-Bench and Chatbot Arena")], id="mt-bench"),
    pytest.param([("003", "RoFormer: Enhanced Transformer with Rotary Position Embedding"),
                  ("004", "RoFormer: Enhanced Transformer with Rotary Position Embedding")], id="roformer"),
    pytest.param([("001", "DPO"), ("004", "Direct Preference Optimization: Your Language Model is Secretly a Reward Model")], id="dpo"),
    pytest.param([("001", "Latent Diffusion"), ("004", "High-Resolution Image Synthesis with Latent Diffusion Models")],
                 id="latent-diffusion", marks=pytest.mark.xfail(strict=True, reason=(
                     "a short name that is only a phrase inside an unlinked title, with no author on "
                     "the short side, has no corroboration: left apart (precision first)"))),
    pytest.param([("001", "Post-Chinchilla laws"),
                  ("003", "Beyond Chinchilla-Optimal: Accounting for Inference in Language Model Scaling Laws")], id="beyond-chinchilla"),
]


@pytest.mark.parametrize("members", SAME_WORK)
def test_the_same_paper_is_one_work_across_lists(matching, members):
    """Every listed appearance of the paper (by link, by title or by citation) is in one work."""
    works = {work_with(matching, title, prefix) for prefix, title in members}
    assert len(works) == 1, [(p, t, matching.location(w[0])) for (p, t), w in zip(members, works)]


def test_lora_is_in_three_lists(matching):
    """LoRA's work holds entries from exactly the three lists that name it."""
    assert sources(matching, work_with(matching, "LoRA", "001")) >= {"001", "003", "004"}


LOOK_ALIKES = [
    pytest.param(("003", "Language Models are Few-Shot Learners"),
                 ("003", "Language Models are Unsupervised Multitask Learners"), id="gpt-3-vs-gpt-2"),
    pytest.param(("003", "Training Compute-Optimal Large Language Models"),
                 ("003", "Beyond Chinchilla-Optimal: Accounting for Inference in Language Model Scaling Laws"),
                 id="chinchilla-vs-beyond-chinchilla"),
    pytest.param(("001", "BIG-Bench"), ("001", "BIG-Bench Hard"), id="big-bench-vs-hard"),
    pytest.param(("001", "MMLU"), ("001", "MMLU Pro"), id="mmlu-vs-pro"),
    pytest.param(("001", "LoRA"), ("001", "QLoRA"), id="lora-vs-qlora"),
    pytest.param(("003", "Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks"),
                 ("003", "Retrieval-Augmented Generation for Large Language Models: A Survey"), id="rag-vs-rag-survey"),
    pytest.param(("003", "Scaling Laws for Neural Language Models"),
                 ("004", "Unified Scaling Laws for Routed Language Models"), id="scaling-laws-vs-unified"),
    pytest.param(("003", "LoRA: Low-Rank Adaptation of Large Language Models"),
                 ("003", "Easily Train a Specialized LLM: PEFT, LoRA, QLoRA, LLaMA-Adapter, and More"), id="paper-vs-blog"),
]


@pytest.mark.parametrize("left, right", LOOK_ALIKES)
def test_look_alikes_stay_apart(matching, left, right):
    """Papers that differ by a number, a head or tail word, or a survey of the topic are two works."""
    assert work_with(matching, left[1], left[0]) != work_with(matching, right[1], right[0])


def test_every_join_is_explained(matching):
    """Each work with several entries carries the joins that made it, each with a rule name."""
    for work in matching.clusters:
        if len(work) > 1:
            joins = matching.joins(work)
            assert joins and all(j.rule and j.evidence for j in joins)
