"""Save-to-visible latency of `serve` on a 5,000-article archive, measured in Chromium.

python bench/bench_reload.py [--articles 5000] [--runs 7] [--entity-runs 5]
Edits one article's paragraph (and then the English name of an entity mentioned by exactly
1,000 articles) and times the file save until the page (swapped in place or reloaded)
shows the new text.
The seed's paragraphs name real entities in every article, so the entity case uses a
synthetic one, "سامر الخطيب" (Samer al-Khatib), added to the registry and to every 5th article.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newsarchive.serve.loop import Preview, run_preview  # noqa: E402
from newsarchive.serve.server import DevServer  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SEED = REPO / "seeds" / "000_3083be2c29831bde.txt"


ENTITY = "- id: samer-khatib\n  type: person\n  ar: [سامر الخطيب]\n  en: Samer al-Khatib\n"
ENTITY_ID = "samer-khatib"
FIRST = "pages written after "


def make_corpus(root: Path, count: int, every: int = 5) -> list[str]:
    """The demo content plus `count` generated articles; every 5th mentions ENTITY."""
    shutil.copytree(REPO / "content", root / "content")
    registry = root / "content" / "entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n" + ENTITY, encoding="utf-8")
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").splitlines() if p.strip()]
    made = []
    for n in range(count):
        year, month, day = 2000 + n % 20, 1 + n % 12, 1 + n % 28
        rel = f"ar/{year}/{month:02d}/story-{n:05d}.md"
        body = [paragraphs[(n + k) % len(paragraphs)] for k in range(4)]
        body[0] = f"خبر رقم {n}. " + body[0]
        if n % every == 0:
            body.append("وقال سامر الخطيب إن الخطة مستمرة.")
        text = f'---\ntitle: "خبر رقم {n}"\ndate: "{year}-{month:02d}-{day:02d}"\n---\n\n'
        file = root / "content" / rel
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text + "\n\n".join(body) + "\n", encoding="utf-8")
        made.append(rel)
    return made


def save(file: Path, text: str) -> None:
    """Save like an editor: temp file then rename."""
    tmp = file.with_name(f".{file.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(file)


def timed_edit(page, file: Path, old: str, new: str, check: str, shown: str = "") -> float:  # type: ignore[no-untyped-def]
    """Milliseconds from save until the page shows `shown` (the page reloads by itself)."""
    shown = shown or new
    text = file.read_text(encoding="utf-8")
    started = time.perf_counter()
    save(file, text.replace(old, new, 1))
    page.wait_for_function(f"document.body && {check}.includes({shown!r})", timeout=30000)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    """Build the corpus, serve it, and measure."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--entity-runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        root = Path(tmp)
        made = make_corpus(root, args.articles)
        server = DevServer(("127.0.0.1", 0), root / "site", "/")
        stop = threading.Event()
        log: list[str] = []
        thread = threading.Thread(
            target=run_preview,
            args=(Preview(root, root / "site", None, search=False), server, log.append),
            kwargs={"stop": stop},
        )  # fmt: skip
        started = time.perf_counter()
        thread.start()
        while server.state.epoch < 1:
            time.sleep(0.05)
        print(f"initial build of {args.articles} articles: {time.perf_counter() - started:.1f} s")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            target = made[7]
            page.goto(server.url + target.removesuffix(".md") + "/")
            time.sleep(0.5)
            file = root / "content" / target
            body = []
            for run in range(args.runs):
                old = "خبر رقم 7." if run == 0 else f"تعديل {run - 1}."
                body.append(
                    timed_edit(
                        page,
                        file,
                        old,
                        f"تعديل {run}.",
                        "document.querySelector('.body').innerText",
                    )
                )
                _settle(log)
            body_log = _rebuild_times(log, args.runs)
            body_first = _rebuild_times(log, args.runs, FIRST)
            mentioning = made[0]
            page.goto(server.url + mentioning.removesuffix(".md") + "/")
            time.sleep(0.5)
            registry = root / "content" / "entities.yaml"
            entity = []
            for run in range(args.entity_runs):
                old = "en: Samer al-Khatib" if run == 0 else f"en: Samer Khatib {run - 1}"
                new = f"en: Samer Khatib {run}"
                shown = new.removeprefix("en: ")
                entity.append(
                    timed_edit(page, registry, old, new, "document.body.innerText", shown)
                )
                _settle(log)
            entity_log = _rebuild_times(log, args.entity_runs)
            entity_first = _rebuild_times(log, args.entity_runs, FIRST)
            browser.close()
        backlinks = (root / "site/ar/entities" / ENTITY_ID / "index.html").read_text("utf-8")
        stop.set()
        thread.join()
    print("rebuild log (last 3):", *log[-3:], sep="\n  ")
    # The list's heading counts the articles: «ورد في (1000)».
    mentions = re.search(r"<h2>[^<(]*\((\d+)\)</h2>", backlinks)
    print(f"entity {ENTITY_ID} is mentioned by {mentions[1] if mentions else '?'} articles")
    print(
        f"article edit, save to visible: median {statistics.median(body):.0f} ms, runs {[round(x) for x in body]}"
    )
    print(
        f"  viewed page written (server): median {statistics.median(body_first):.0f} ms, runs {body_first}"
    )
    print(f"  whole rebuild (server): median {statistics.median(body_log):.0f} ms, runs {body_log}")
    print(
        f"entity edit (1,000 articles): median {statistics.median(entity):.0f} ms, runs {[round(x) for x in entity]}"
    )
    print(
        f"  viewed page written (server): median {statistics.median(entity_first):.0f} ms, runs {entity_first}"
    )
    print(
        f"  whole rebuild (server): median {statistics.median(entity_log):.0f} ms, runs {entity_log}"
    )


def _settle(log: list[str]) -> None:
    """Wait until the rebuild of the last edit has finished (its remainder too)."""
    done = sum(x.startswith("rebuilt in ") for x in log)
    deadline = time.monotonic() + 60
    while done < 1 + _seen[0] and time.monotonic() < deadline:
        time.sleep(0.05)
        done = sum(x.startswith("rebuilt in ") for x in log)
    _seen[0] = done
    time.sleep(0.3)


_seen = [1]  # rebuilds finished so far (the initial build)


def _rebuild_times(log: list[str], runs: int, prefix: str = "rebuilt in ") -> list[int]:
    """The milliseconds of the last `runs` log lines starting with prefix (the server's log)."""
    lines = [x for x in log if x.startswith(prefix)][-runs:]
    return [int(x.removeprefix(prefix).split()[0]) for x in lines]


if __name__ == "__main__":
    main()
