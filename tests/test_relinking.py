"""What `move` does to one file's links (relinking.py, linkspots.py): exactly the
destinations that lead to the moved article, or, in a moved file, every relative one, are
rewritten, and nothing else of the file's bytes; code is no link; a link whose place cannot
be told for sure is refused, never guessed."""

from __future__ import annotations

import pytest

from newsarchive.content.relinking import relink, relocation

MOVED = relocation("2020/11/old", "2021/03/new")
HEAD = '---\ntitle: "t"\ndate: "2020-10"\n---\n\n'
HERE = "ar/2020/10/other.md"


def _relinked(body: str, before: str = HERE, after: str = HERE) -> tuple[str, int]:
    data, count = relink((HEAD + body).encode("utf-8"), before, after, MOVED)
    return data.decode("utf-8").removeprefix(HEAD), count


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[a](../11/old.md)", "[a](../../2021/03/new.md)"),
        ('[a](../11/old.md#p3 "title") tail', '[a](../../2021/03/new.md#p3 "title") tail'),
        ("[a]( <../11/old.md> )", "[a]( <../../2021/03/new.md> )"),
        ("![photo](../11/old.md)", "![photo](../../2021/03/new.md)"),
        ("[a](../../../en/2020/11/old.md)", "[a](../../../en/2021/03/new.md)"),  # its English
        ("[a](/ar/2020/11/old/#p2)", "[a](/ar/2021/03/new/#p2)"),  # the old page's address
        ("[a](/en/2020/11/old)", "[a](/en/2021/03/new)"),
        ("[x][1]\n\n[1]: ../11/old.md 'r'", "[x][1]\n\n[1]: ../../2021/03/new.md 'r'"),
        ("[x][1]\n\n[1]:\n  ../11/old.md", "[x][1]\n\n[1]:\n  ../../2021/03/new.md"),
        ("> quoted\n> [a](../11/old.md)", "> quoted\n> [a](../../2021/03/new.md)"),
        ("- [a](../11/old.md)\n\n  [b](../11/old.md)", None),
        ("| k | v |\n| - | - |\n| [a](../11/old.md) | [a](../11/old.md) |", None),
        ("## [a](../11/old.md) ##", "## [a](../../2021/03/new.md) ##"),
        (
            "[![p](../../../media/p.jpg)](../11/old.md)",
            "[![p](../../../media/p.jpg)](../../2021/03/new.md)",
        ),
    ],
)
def test_links_to_the_moved_article_get_its_new_file(body: str, expected: str | None) -> None:
    text, count = _relinked(body)
    assert text == (expected or body.replace("../11/old.md", "../../2021/03/new.md"))
    assert count == (expected or text).count("2021/03/new")


@pytest.mark.parametrize(
    "body",
    [
        "`[a](../11/old.md)`",  # a code span
        "```\n[a](../11/old.md)\n```",  # a fenced block
        "    [a](../11/old.md)",  # an indented code block
        "[a](../11/older.md) [b](../11/old.md.bak) [c](../12/old.md)",  # other files
        "[a](https://example.com/ar/2020/11/old/) [b](#old) [c](mailto:old@x.iq)",
        "[a](/ar/2020/11/old/extra/) [b](/ar/2020/11/)",  # other pages
        "[a](../11/old.md",  # no link: not closed
        "old.md ../11/old.md",  # text
    ],
)
def test_what_is_no_link_to_it_is_left_as_it_is(body: str) -> None:
    assert _relinked(body) == (body, 0)


@pytest.mark.parametrize(
    ("after", "body", "expected"),
    [
        # 2020/11 -> 2021/03: the same depth, another folder.
        ("ar/2021/03/new.md", "[a](../10/x.md)", "[a](../../2020/10/x.md)"),
        ("ar/2021/03/new.md", "[a](x.md#p1)", "[a](../../2020/11/x.md#p1)"),
        ("ar/2021/03/new.md", "![p](../../../media/a/p.jpg)", "![p](../../../media/a/p.jpg)"),
        ("ar/2021/03/new.md", "[self](old.md#p2)", "[self](new.md#p2)"),
        (
            "ar/2021/03/new.md",
            "[en](../../../en/2020/11/old.md)",
            "[en](../../../en/2021/03/new.md)",
        ),
        # to a year-only date: a folder less deep.
        ("ar/2021/new.md", "![p](../../../media/a/p.jpg)", "![p](../../media/a/p.jpg)"),
        ("ar/2021/new.md", "[a](../10/x.md)", "[a](../2020/10/x.md)"),
        # what is kept as written: a name percent-encoded, a space in a folder.
        ("ar/2021/new.md", "[a](../../../media/%D8%B5.pdf)", "[a](../../media/%D8%B5.pdf)"),
        (
            "ar/2021/new.md",
            "[a](<../../../media/my files/x.pdf>)",
            "[a](<../../media/my files/x.pdf>)",
        ),
        (
            "ar/2021/new.md",
            "[a](/ar/2020/) [b](https://x.iq/)",
            "[a](/ar/2020/) [b](https://x.iq/)",
        ),
    ],
)
def test_a_moved_files_own_links_lead_where_they_did(after: str, body: str, expected: str) -> None:
    assert _relinked(body, "ar/2020/11/old.md", after)[0] == expected


def test_only_the_destination_changes_byte_for_byte() -> None:
    """CRLF line ends and a byte-order mark stay; so does every other byte."""
    body = '[الخبر](../11/old.md#p3 "عنوان")  \r\nسطر `[x](../11/old.md)` آخر.\r\n'
    data = ("\ufeff" + HEAD.replace("\n", "\r\n") + body).encode("utf-8")
    new, count = relink(data, HERE, HERE, MOVED)
    assert count == 1
    assert new == data.replace(b"(../11/old.md#p3", b"(../../2021/03/new.md#p3", 1)


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("| k | v |\n| - | - |\n| a \\| b [a](../11/old.md) | c |", 8),  # \| in the cell
        ("> [1]:\n> ../11/old.md\n\n[x][1]", 6),  # a quote's definition split over lines
    ],
)
def test_a_link_whose_place_is_not_sure_is_refused(body: str, line: int) -> None:
    with pytest.raises(ValueError, match=f"the link on its line {line} is written"):
        _relinked(body)


def test_a_file_that_is_not_utf8_is_refused() -> None:
    with pytest.raises(ValueError, match=r"it is not UTF-8 text \(byte 6\)"):
        relink(b"---\nt\xe1\n---\n", HERE, HERE, MOVED)
