"""Character F1 of an extracted text against the gold text (as ``bench/quality.py`` scores pages)."""

from difflib import SequenceMatcher

from pipelines import normalize


def scored_chars(text: str) -> str:
    clean = normalize.process({"text": text, "flags": []})["text"]
    return "".join(ch for ch in clean if not ch.isspace() and ch != "|")


def char_f1(output: str, gold: str) -> float:
    out, ref = scored_chars(output), scored_chars(gold)
    matched = sum(block.size for block in SequenceMatcher(None, out, ref, autojunk=False).get_matching_blocks())
    if not matched:
        return 0.0
    precision, recall = matched / len(out), matched / len(ref)
    return 2 * precision * recall / (precision + recall)
