"""Deterministic benchmark corpus: N Arabic articles, a registry of a few hundred entities, glosses.

Run: .venv/bin/python bench/make_corpus.py N DIR [--tags]   (DIR/content/… plus DIR/templates is
not made: the build uses the shipped templates; --tags: each article has tags, as an outlet's
have). The same N always gives byte-identical files.

Articles are recombined from the seed's sentences. Every entity mention of the seed becomes a slot
filled with the names of the 2–6 entities chosen for the article, and about one word in eight is
replaced from a Zipf-distributed pool of made-up words, so the vocabulary grows like a real
archive's instead of repeating one text. About half the articles get an English gloss, some of
whose blocks are left pending and some made stale (their fingerprint no longer matches).
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsarchive.content.gloss import fingerprint  # noqa: E402
from newsarchive.entities.matcher import build_matcher, find_mentions  # noqa: E402
from newsarchive.entities.registry import parse_registry  # noqa: E402

SEED = ROOT / "seeds" / "000_3083be2c29831bde.txt"
REGISTRY = ROOT / "content" / "entities.yaml"
SITE_TOML = ROOT / "content" / "site.toml"
SLOT = "\x00"  # marks where an entity name goes in a sentence template
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
FIRST_NAMES = [
    "سامر",
    "أحمد",
    "خالد",
    "ياسر",
    "عمر",
    "حسين",
    "علي",
    "نادر",
    "مازن",
    "رامي",
    "هشام",
    "وليد",
    "طارق",
    "فادي",
    "جمال",
    "كمال",
    "ماهر",
    "زياد",
    "باسل",
    "نبيل",
    "سليم",
    "أنور",
    "منير",
    "رياض",
    "فريد",
    "شادي",
    "عادل",
    "غسان",
    "بسام",
    "مروان",
]
FAMILY_NAMES = [
    "الخطيب",
    "الحسيني",
    "العبيدي",
    "الجبوري",
    "الدليمي",
    "الراوي",
    "الشمري",
    "العاني",
    "الكبيسي",
    "الزبيدي",
    "التميمي",
    "السامرائي",
    "النعيمي",
    "البياتي",
    "الربيعي",
    "الموسوي",
    "الحلبي",
    "الشامي",
    "المصري",
    "البغدادي",
    "الحمداني",
    "الطائي",
    "العزاوي",
    "القيسي",
    "الكناني",
]
ORG_HEADS = ("حزب", "هيئة", "مجلس", "جبهة", "رابطة", "اتحاد", "لجنة", "حركة")
PLACE_HEADS = ("قرية", "بلدة", "ناحية", "قضاء", "مخيم", "سد", "جسر", "حي")
SOURCES = ("شفق نيوز", "وكالة الأنباء", "روداو", "السومرية نيوز", "الحرة")
EN_WORDS = [
    "the",
    "coalition",
    "said",
    "that",
    "forces",
    "moved",
    "from",
    "the",
    "base",
    "toward",
    "the",
    "border",
    "as",
    "part",
    "of",
    "routine",
    "operations",
    "while",
    "officials",
    "in",
    "the",
    "region",
    "discussed",
    "support",
    "for",
    "local",
    "partners",
    "and",
    "the",
    "return",
    "of",
    "displaced",
    "families",
    "to",
    "their",
    "homes",
    "after",
    "months",
    "of",
    "fighting",
]
VOCABULARY = 30_000
SENTENCE_VARIANTS = 6_000
REAL_ENTITIES = 23  # the seed registry's size; keep its entities first so they occur


@dataclass(frozen=True)
class Name:
    """An entity of the benchmark registry and the Arabic names it is written with."""

    id: str
    type: str
    names: tuple[str, ...]
    en: str | None


def seed_templates() -> list[str]:
    """The seed's sentences, every entity mention replaced by a slot."""
    registry, _ = parse_registry(REGISTRY.read_text(encoding="utf-8"), "entities.yaml")
    matcher = build_matcher(registry)
    lines = [ln for ln in SEED.read_text(encoding="utf-8").split("\n") if ln.strip()]
    lines[0] = lines[0].split("/ ", 1)[-1]  # the dateline is not body text
    templates = []
    for line in lines:
        pieces, cursor = [], 0
        for mention in find_mentions(matcher, line):
            pieces += [line[cursor : mention.start], SLOT]
            cursor = mention.end
        pieces.append(line[cursor:])
        text = "".join(pieces)
        templates += [s.strip() for s in re.split(r"(?<=[.،])\s+", text) if len(s.split()) >= 6]
    return templates


def made_up_words(rng: random.Random, count: int) -> list[str]:
    """Pronounceable-looking Arabic letter strings, unique, 4 to 8 letters."""
    words: dict[str, None] = {}
    while len(words) < count:
        words["".join(rng.choices(LETTERS, k=rng.randint(4, 8)))] = None
    return list(words)


def sentence_variants(rng: random.Random, templates: list[str], vocab: list[str]) -> list[str]:
    """Seed sentences with about one word in eight swapped for a Zipf-chosen made-up word."""
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocab))))
    variants = []
    for _ in range(SENTENCE_VARIANTS):
        words = rng.choice(templates).split(" ")
        for i in range(len(words)):
            if SLOT not in words[i] and rng.random() < 0.125:
                words[i] = rng.choices(vocab, cum_weights=weights)[0]
        variants.append(" ".join(words))
    return variants


def registry_names(size: int) -> list[Name]:
    """The seed's real entities first, then made-up people, organisations and places."""
    registry, _ = parse_registry(REGISTRY.read_text(encoding="utf-8"), "entities.yaml")
    names = [Name(e.id, e.type, e.ar, e.en) for e in registry.entities]
    people = itertools.product(FIRST_NAMES, FAMILY_NAMES)
    rng = random.Random(7)
    places = iter(made_up_words(rng, size))
    for i in itertools.count():
        if len(names) >= size:
            break
        kind = ("person", "organization", "place")[i % 3]
        if kind == "person":
            first, family = next(people)
            ar: tuple[str, ...] = (f"{first} {family}",)
        elif kind == "organization":
            ar = (f"{ORG_HEADS[i % len(ORG_HEADS)]} {next(places)}",)
        else:
            ar = (f"{PLACE_HEADS[i % len(PLACE_HEADS)]} {next(places)}",)
        en = f"Entity {i}" if i % 4 else None  # a quarter still lack their English name
        names.append(Name(f"{kind}-{i:04d}", kind, ar, en))
    return names


def registry_yaml(names: list[Name]) -> str:
    """The registry file in the format of content/entities.yaml."""
    out = ["# Benchmark registry (made by bench/make_corpus.py)", ""]
    for n in names:
        out += [f"- id: {n.id}", f"  type: {n.type}", f"  ar: [{', '.join(n.names)}]"]
        if n.en:
            out.append(f"  en: {n.en}")
        out.append("")
    return "\n".join(out)


def article_paragraphs(rng: random.Random, variants: list[str], chosen: list[Name]) -> list[str]:
    """5–12 paragraphs of 2–4 sentences; slots cycle through the chosen entities' names."""
    cycle = itertools.cycle(chosen)
    paragraphs = []
    for _ in range(rng.randint(5, 12)):
        text = " ".join(rng.choice(variants) for _ in range(rng.randint(2, 4)))
        while SLOT in text:
            entity = next(cycle)
            text = text.replace(SLOT, rng.choice(entity.names), 1)
        paragraphs.append(text)
    missing = [e for e in chosen if not any(n in p for p in paragraphs for n in e.names)]
    if missing:  # every chosen entity is mentioned at least once
        names = "، ".join(e.names[0] for e in missing)
        paragraphs.append(f"وشارك في الاجتماع ممثلون عن {names} بحسب بيان رسمي.")
    return paragraphs


def article_text(
    title: str, date: str, source: str, paragraphs: list[str], tags: list[str] | None = None
) -> str:
    """An article file: YAML front matter, then the paragraphs."""
    head = f'---\ntitle: "{title}"\ndate: "{date}"\nsource:\n  name: "{source}"\n'
    if tags:
        head += f"tags: [{', '.join(tags)}]\n"
    return head + "---\n" + "\n\n".join(paragraphs) + "\n"


# An Iraqi outlet's tags (with --tags): one section, then one to three running stories and
# places, the common ones far more often (Zipf), some in a second spelling as desks write them.
SECTIONS = ["سياسة", "اقتصاد", "أمن", "محليات", "دولي", "رياضة", "صحة", "ثقافة"]
STORIES = [
    "النفط",
    "البصرة",
    "الانتخابات",
    "الموازنة",
    "كورونا",
    "الحشد الشعبي",
    "كردستان",
    "الموصل",
    "الكهرباء",
    "التظاهرات",
    "سنجار",
    "الدولار",
    "المياه",
    "الأنبار",
    "كركوك",
    "الفساد",
    "داعش",
    "القوات الأمريكية",
    "الحدود",
    "النازحون",
    "COVID-19",
    "الزراعة",
    "الإعمار",
    "التعليم",
    "ديالى",
    "نينوى",
    "الرواتب",
    "المنافذ الحدودية",
    "الطاقة",
    "الغاز",
]
SECOND_SPELLINGS = {"اقتصاد": "الاقتصاد", "البصرة": "بصره", "الانتخابات": "انتخابات"}


def article_tags(rng: random.Random) -> list[str]:
    """Two to four tags, as an outlet's desk gives an article."""
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(STORIES))))
    tags = [rng.choice(SECTIONS)]
    for story in rng.choices(STORIES, cum_weights=weights, k=rng.randint(1, 3)):
        if story not in tags:
            tags.append(story)
    if rng.random() < 0.05:  # a desk's other spelling, now and then
        tags = [SECOND_SPELLINGS.get(tag, tag) for tag in tags]
    return tags


def gloss_text(rng: random.Random, title: str, paragraphs: list[str]) -> str:
    """A gloss: most blocks translated, about one in ten pending and one in twelve stale."""
    status = rng.choice(("draft", "reviewed", "draft"))
    lines = ["---", f'title: "{title}"', 'translator: "Bench Translator"', f"status: {status}"]
    lines += ["---", ""]
    for number, paragraph in enumerate(paragraphs, start=1):
        roll = rng.random()
        print_ = (
            fingerprint(paragraph + " (older wording)") if roll < 0.08 else fingerprint(paragraph)
        )
        english = (
            "" if 0.08 <= roll < 0.18 else " ".join(rng.choices(EN_WORDS, k=rng.randint(25, 60)))
        )
        lines += [
            f"<!-- gloss p{number} {print_} -->",
            english.capitalize() + ("." if english else ""),
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


# A rights statement, as an outlet's archive has one: every feed and article page names it.
RIGHTS = """\
publisher_ar = "مؤسسة الأرشيف الإخباري"
publisher_en = "The News Archive Foundation"
rights_ar = "حقوق المقالات لناشريها الأصليين، وتُحفظ هنا للبحث والأرشفة. الترجمات الإنجليزية متاحة بموجب رخصة المشاع الإبداعي نَسب المُصنَّف 4.0."
rights_en = "Articles © their original publishers, kept here for research and preservation. The English translations are licensed under CC BY 4.0."
license_url = "https://creativecommons.org/licenses/by/4.0/"
source_url = "https://github.com/example/news-archive"
"""


def make_corpus(count: int, target: Path, tagged: bool = False) -> None:
    """Write the corpus of `count` articles under target/content (replacing it); `tagged`:
    with tags (the same articles otherwise: the tags have a random sequence of their own)."""
    rng = random.Random(20201117)
    tag_rng = random.Random(20210502)
    vocab = made_up_words(rng, VOCABULARY)
    variants = sentence_variants(rng, seed_templates(), vocab)
    names = registry_names(max(300, min(800, count // 25)))
    content = target / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    (content / "entities.yaml").write_text(registry_yaml(names), encoding="utf-8")
    # Published nowhere: no host's size limit stops the benchmark's builds (docs/deploy.md).
    demo = SITE_TOML.read_text(encoding="utf-8").splitlines(keepends=True)
    settings = "".join(line for line in demo if not line.startswith("rights_"))
    settings += 'host = "object-storage"\n' + RIGHTS
    (content / "site.toml").write_text(settings, encoding="utf-8")
    made: set[Path] = set()
    for i in range(count):
        year, month, day = 2013 + i % 11, 1 + (i // 11) % 12, 1 + (i // 132) % 28
        real = rng.sample(names[:REAL_ENTITIES], rng.randint(1, 2))
        chosen = real + rng.sample(names[REAL_ENTITIES:], rng.randint(1, 4))
        paragraphs = article_paragraphs(rng, variants, chosen)
        title = " ".join(paragraphs[0].split()[:9]).rstrip("،.").replace('"', "")
        story = f"{year:04d}/{month:02d}/story-{i:05d}"
        folder = content / "ar" / story.rsplit("/", 1)[0]
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            (content / "en" / story.rsplit("/", 1)[0]).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        date = f"{year:04d}-{month:02d}-{day:02d}"
        tags = article_tags(tag_rng) if tagged else None
        body = article_text(title, date, rng.choice(SOURCES), paragraphs, tags)
        (content / "ar" / f"{story}.md").write_text(body, encoding="utf-8")
        if i % 2 == 0:
            gloss = gloss_text(rng, f"Story {i}", paragraphs)
            (content / "en" / f"{story}.md").write_text(gloss, encoding="utf-8")


def main(argv: list[str]) -> int:
    """Command line: N DIR."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("target", type=Path, help="folder to write (its content/ is replaced)")
    parser.add_argument("--tags", action="store_true", help="give each article 2-4 tags")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    make_corpus(args.count, args.target, args.tags)
    took = time.perf_counter() - started
    print(f"{args.count} articles -> {args.target}/content in {took:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
