"""Matcher throughput: words/second for registries of 100 and 10,000 entities, and for a
text a quarter as long (prints Markdown): the cost must not grow with the registry, nor
faster than the text.

Run: .venv/bin/python bench/bench_matcher.py
The seed article is repeated to about 100k words; synthetic names share first words with the
text ("قوات", "محافظة", "الجيش"…) so the trie is walked, not just missed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsarchive.core.arabic import tokenize  # noqa: E402
from newsarchive.entities.matcher import build_matcher, find_mentions  # noqa: E402
from newsarchive.entities.registry import Entity, Registry, parse_registry  # noqa: E402

SEED = ROOT / "seeds" / "000_3083be2c29831bde.txt"
REGISTRY = ROOT / "content" / "entities.yaml"
TARGET_WORDS = 100_000
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
FIRST_WORDS = ("قوات", "محافظة", "الجيش", "التحالف", "مدينة", "حزب", "الرئيس", "كينو")


def synthetic_names(index: int) -> tuple[str, ...]:
    """Deterministic made-up Arabic names: one bare word and one multi-word form."""
    digits = []
    value = index
    for _ in range(4):
        value, rest = divmod(value, len(LETTERS))
        digits.append(LETTERS[rest])
    word = "".join(digits)
    first = FIRST_WORDS[index % len(FIRST_WORDS)]
    return (f"{word}ان", f"{first} {word} الجديدة")


def registry_of(size: int, real: Registry) -> Registry:
    """``size`` synthetic entities plus the real registry."""
    made = tuple(
        Entity(f"synthetic-{i}", "other", synthetic_names(i), None, None, None, None, 0)
        for i in range(size)
    )
    return Registry(made + real.entities)


def measure(registry: Registry, text: str, words: int) -> tuple[float, float, int]:
    """Build seconds, best-of-3 words/second and the number of mentions found."""
    began = time.perf_counter()
    matcher = build_matcher(registry)
    built = time.perf_counter() - began
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        mentions = find_mentions(matcher, text)
        best = min(best, time.perf_counter() - began)
    return built, words / best, len(mentions)


def main() -> int:
    """Print the benchmark table."""
    real, diags = parse_registry(REGISTRY.read_text(encoding="utf-8"), str(REGISTRY))
    if diags:
        print("\n".join(str(d) for d in diags), file=sys.stderr)
    seed = SEED.read_text(encoding="utf-8")
    repeats = -(-TARGET_WORDS // len(tokenize(seed)))
    text = "\n".join([seed] * repeats)
    words = len(tokenize(text))
    print(f"Text: seed article x{repeats} = {words:,} words, {len(text):,} characters\n")
    print("| synthetic entities | total entities | names | build (s) | words/second | mentions |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in (100, 10_000):
        registry = registry_of(size, real)
        built, rate, found = measure(registry, text, words)
        names = sum(len(e.ar) for e in registry.entities)
        print(
            f"| {size:,} | {len(registry.entities):,} | {names:,} | {built:.3f} "
            f"| {rate:,.0f} | {found:,} |"
        )
    # Linear in the text: a quarter of it should take a quarter of the time (the unit tests
    # leave timing to this script: on a loaded machine a millisecond figure means nothing).
    registry = registry_of(100, real)
    quarter = "\n".join([seed] * max(1, repeats // 4))
    _, quarter_rate, _ = measure(registry, quarter, len(tokenize(quarter)))
    _, whole_rate, _ = measure(registry, text, words)
    print(
        f"\nA quarter of the text: {quarter_rate:,.0f} words/second; all of it: {whole_rate:,.0f}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
