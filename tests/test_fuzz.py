"""Fuzzing: generated broken inputs become path:line diagnostics, never uncaught exceptions."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsarchive.build.engine import build
from newsarchive.content.articles import parse_article
from newsarchive.content.frontmatter import decode_text
from newsarchive.core.diagnostics import BuildFailed, ContentError
from newsarchive.entities.registry import parse_registry

from .conftest import DEMO_ARTICLE, REPO

VALID = (REPO / "content" / DEMO_ARTICLE).read_text(encoding="utf-8")
REGISTRY = (REPO / "content" / "entities.yaml").read_text(encoding="utf-8")
YAML_BITS = [
    "---",
    "title:",
    "date:",
    "source:",
    "  name:",
    "tags:",
    "- ",
    "&a",
    "*a",
    "!!python/object",
    "{",
    "[",
    '"',
    "'",
    ":",
    "\t",
    "\n",
    "NO",
    "2020-02-30",
    "~",
    "ar:",
    "id:",
    "type:",
]


def mutated(text: str) -> st.SearchStrategy[str]:
    """Valid text with slices deleted, duplicated or replaced by YAML-ish junk."""
    cut = st.integers(min_value=0, max_value=len(text))
    junk = st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=20))
    return st.tuples(cut, cut, junk).map(
        lambda t: text[: min(t[0], t[1])] + t[2] + text[max(t[0], t[1]) :]
    )


ARTICLE_TEXT = st.one_of(
    mutated(VALID), st.text(max_size=400), st.lists(st.sampled_from(YAML_BITS)).map("\n".join)
)


@settings(max_examples=1500, deadline=None)
@given(ARTICLE_TEXT)
def test_articles_never_crash_the_parser(text: str) -> None:
    article, diags = parse_article(text, "ar/2020/11/fuzz.md")
    assert (article is None) == bool(diags)
    for diagnostic in diags:
        assert diagnostic.path == "content/ar/2020/11/fuzz.md"
        assert diagnostic.line >= 1


@settings(max_examples=1000, deadline=None)
@given(st.one_of(mutated(REGISTRY), st.text(max_size=300)))
def test_registries_never_crash_the_parser(text: str) -> None:
    _, diags = parse_registry(text, "content/entities.yaml")
    assert all(d.line >= 1 and d.path == "content/entities.yaml" for d in diags)


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_name_their_line(data: bytes) -> None:
    try:
        text = decode_text(b"---\ntitle: x\n" + data, "content/ar/2020/x.md")
    except ContentError as exc:
        assert exc.diagnostic.line >= 1
        return
    parse_article(text, "ar/2020/x.md")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(ARTICLE_TEXT, st.just("---\ntitle: t\ndate: 2020-11\n---\n" + "كلمة " * 20000)),
        max_size=3,
    ),
    st.one_of(st.none(), mutated(REGISTRY)),
    st.binary(max_size=50),
)
def test_whole_builds_fail_cleanly(
    tmp_path_factory, texts: list[str], registry: str | None, junk: bytes
) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(REPO / "content", root / "content")
    for number, text in enumerate(texts):
        (root / f"content/ar/2020/11/f{number}.md").write_text(text, encoding="utf-8")
    (root / "content/ar/2020/11/junk.md").write_bytes(junk)
    if registry is not None:
        (root / "content/entities.yaml").write_text(registry, encoding="utf-8")
    try:
        build(root, root / "site", search=False)
    except BuildFailed as failed:
        assert failed.diagnostics
        assert all(str(d).startswith("content/") for d in failed.diagnostics)


GLOSS = (REPO / "content" / "en" / DEMO_ARTICLE.removeprefix("ar/")).read_text(encoding="utf-8")
GLOSS_BITS = [
    "<!-- gloss p1 00000000 -->",
    "<!-- gloss p1 -->",
    "<!-- gloss x zz -->",
    "<!--",
    "-->",
    "status: done",
    "translator:",
]


@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(
        mutated(GLOSS),
        st.lists(st.sampled_from(GLOSS_BITS + YAML_BITS)).map("\n".join),
        st.text(max_size=300),
    )
)
def test_glosses_never_crash_the_parser(text: str) -> None:
    from newsarchive.content.gloss import parse_gloss

    gloss, diags = parse_gloss(text, "en/2020/11/fuzz.md")
    assert (gloss is None) == any(d.severity == "error" for d in diags) or gloss is not None
    assert all(d.line >= 1 and d.path.endswith("en/2020/11/fuzz.md") for d in diags)


PATH_BITS = [
    "..",
    ".",
    "%2e%2e",
    "%2E%2e",
    "%2f",
    "%2F",
    "%5c",
    "\\",
    "%00",
    "//",
    "/",
    "repo",
    "ar",
    "index.html",
    "~",
    "%",
    "%%",
    "%c0%af",
    "etc",
    "passwd",
    "\u202e",
    "؟",
]


@settings(
    max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.one_of(st.sampled_from(PATH_BITS), st.text(max_size=5)), max_size=8).map("".join)
)
def test_dev_server_paths_never_leave_the_site(tmp_path_factory, tail: str) -> None:  # type: ignore[no-untyped-def]
    from newsarchive.serve.server import resolve_file, safe_relative

    root = tmp_path_factory.getbasetemp() / "served"
    site = root / "site"
    if not site.exists():
        (site / "ar").mkdir(parents=True)
        (site / "ar" / "index.html").write_text("ok")
        (root / "secret.txt").write_text("secret")
        (site / "escape").symlink_to(root)
    for raw in ("/repo/" + tail, "/" + tail, tail):
        rel = safe_relative(raw, "/repo/")
        if rel is None:
            continue
        found = resolve_file(site, rel)
        if found is not None:
            assert found.resolve().is_relative_to(site.resolve()), (raw, found)
            assert found.read_text() == "ok"


HOST_BITS = [
    "127.0.0.1",
    "localhost",
    "evil.example",
    "127.0.0.1.evil.example",
    "[::1]",
    ":8000",
    ":",
    "[",
    "]",
    "0x7f000001",
    "LOCALHOST",
    "local",
    "@",
    " ",
]


@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(st.lists(st.sampled_from(HOST_BITS), max_size=4).map("".join), st.text(max_size=20))
)
def test_dev_server_host_check_admits_only_loopback_names(header: str) -> None:
    from newsarchive.serve.server import DevServer

    server = DevServer(("127.0.0.1", 0), REPO / "templates", "/")
    try:
        allowed = server.host_allowed(header)
    finally:
        server.server_close()
    host = header.rsplit(":", 1)[0] if not header.endswith("]") else header
    if allowed:
        assert host.lower() in ("127.0.0.1", "localhost", "[::1]", "::1"), header
