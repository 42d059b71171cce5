"""Strict YAML: plain strings, lists and mappings with line numbers, no aliases (pure).

YAML 1.1 implicit typing turns ``NO`` into False and ``010`` into 8; an archive must
never change a value's meaning, so every scalar stays the string the editor wrote
and each caller type-checks what it expects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .diagnostics import ContentError, Diagnostic
from .yamlerrors import INDENTATION, explain, hashtag_in_flow, hashtag_message

MAX_YAML_CHARS = 64 * 1024 * 1024  # a registry may be large; front matter has its own cap


@dataclass(frozen=True)
class Node:
    """A YAML value (str, None, list of Node, or dict of str to Node) with its 1-based line."""

    value: str | list[Node] | dict[str, Node] | None
    line: int


# libyaml's C parser is ~10x faster than the pure-Python one; same nodes, same marks.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StringLoader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader with no implicit types: every scalar is a string."""


_StringLoader.yaml_implicit_resolvers = {}


def _reject_anchors(text: str) -> None:
    """Aliases allow "billion laughs" expansion; an archive never needs anchors or aliases."""
    if "&" not in text and "*" not in text:
        return  # neither can occur without its sigil: skip the second pass
    for event in yaml.parse(text, Loader=_StringLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None,
                None,
                "YAML anchors and aliases are not allowed",
                event.start_mark,  # type: ignore[arg-type]
            )


def parse_yaml(text: str, path: str, first_line: int = 1) -> Node:
    """Parse ``text`` (which starts at ``first_line`` of ``path``) into a Node tree."""
    if len(text) > MAX_YAML_CHARS:
        raise ContentError(Diagnostic(path, first_line, "YAML is too large"))
    simple = simple_mapping(text, first_line)
    return simple if simple is not None else yaml_nodes(text, path, first_line)


def yaml_nodes(text: str, path: str, first_line: int = 1) -> Node:
    """parse_yaml by libyaml alone (no shortcut for the simplest mappings)."""
    try:
        _reject_anchors(text)
        root = yaml.compose(text, Loader=_StringLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = explain(text, (mark.line if mark else 0) + 1, exc.problem or exc.context or "")
        raise ContentError(
            Diagnostic(path, first_line - 1 + problem.line, problem.message)
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError(Diagnostic(path, first_line, f"invalid YAML: {exc}")) from None
    if root is None:
        return Node(None, first_line)
    return _convert(root, path, first_line - 1, text)


def _convert(node: yaml.Node, path: str, offset: int, text: str, item: bool = False) -> Node:
    """The Node of a libyaml node; `item`: it is an item of a list."""
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.end_mark.line > node.start_mark.line:  # plain, on lines
            _no_list_item_inside(node, path, offset, text)
        if not node.style and (" #" in text or "\t#" in text):  # a comment after a value
            _no_hashtag_after(node, path, offset, text)
        if not node.style and node.value and node.value[-1] in _CLOSING_QUOTES:
            _no_word_processor_quotes(node, path, offset)
        if node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:null"):
            raise ContentError(Diagnostic(path, line, f"YAML tag {node.tag} is not allowed"))
        value: str = node.value
        if not node.style and value in ("", "~", "null", "Null", "NULL"):  # plain (C: "")
            return Node(None, line)
        return Node(value, line)
    if isinstance(node, yaml.CollectionNode) and node.flow_style:
        _no_hashtag_inside(node, path, offset, text)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(each, path, offset, text, True) for each in node.value], line)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, path, offset, text)
            if not isinstance(key.value, str):
                raise ContentError(Diagnostic(path, key.line, "mapping keys must be text"))
            if key.value in mapping:
                message = _duplicate_key(key.value, key_lines[key.value], item)
                raise ContentError(Diagnostic(path, key.line, message))
            key_lines[key.value] = key.line
            mapping[key.value] = _convert(value_node, path, offset, text)
        return Node(mapping, line)
    raise ContentError(Diagnostic(path, line, "unsupported YAML node"))


def _duplicate_key(key: str, first_line: int, item: bool) -> str:
    """A key given twice; in an item of a list (a registry entry), most often the first
    key of the next item, written without the '- ' that starts an item."""
    message = f"duplicate key '{key}' (line {first_line} has it too)"
    if not item:
        return message
    return (
        f"{message}: if this line starts the next item of the list, begin it with '- ' "
        f"(`- {key}: …`), the other keys of that item indented under it"
    )


def _no_list_item_inside(node: yaml.ScalarNode, path: str, offset: int, text: str) -> None:
    """A plain value that runs on over lines (YAML joins them with spaces) must not hold a
    line that reads as a list item: a `- name` indented further than the item above is
    joined to that item's name (`البصرة - بصرة`), silently, where an editor meant two."""
    source = text[node.start_mark.index : node.end_mark.index].split("\n")
    for number, part in enumerate(source[1:], node.start_mark.line + 2 + offset):
        if part.lstrip().startswith("- ") or part.strip() == "-":
            raise ContentError(
                Diagnostic(
                    path,
                    number,
                    f"{INDENTATION}: this list item is indented further than the one above, "
                    f"so it is read as part of that item's text («{node.value}»); indent it "
                    "as the item above",
                )
            )


def _no_hashtag_inside(node: yaml.CollectionNode, path: str, offset: int, text: str) -> None:
    """A [list] or {mapping} over several lines must not hold a line whose item starts with
    a hashtag: YAML reads `#اقتصاد` there as a comment and drops it, silently (on one line it
    takes the closing bracket too, which libyaml reports, yamlerrors.py)."""
    if node.end_mark.line == node.start_mark.line:
        return  # on one line a hashtag takes the closing bracket: libyaml fails
    source = text[node.start_mark.index : node.end_mark.index]
    found = hashtag_in_flow(source) if "#" in source else None
    if found is not None:
        kind, item, at = found
        line = node.start_mark.line + 1 + offset + source[:at].count("\n")
        raise ContentError(Diagnostic(path, line, hashtag_message(kind, item)))


def _no_hashtag_after(node: yaml.ScalarNode, path: str, offset: int, text: str) -> None:
    """A ' #' ends a plain value, as YAML starts a comment there, silently: `title: حملة
    #أنقذوا_حي_الشيخ_جراح` would lose its hashtag. A comment reads '# words'; a '#' followed
    by a letter or digit is taken for the editor's text."""
    end = node.end_mark.index
    stop = text.find("\n", end)
    rest = text[end : stop if stop != -1 else len(text)].lstrip(" \t")
    if rest.startswith("#") and rest[1:2].isalnum():
        raise ContentError(
            Diagnostic(
                path,
                node.end_mark.line + 1 + offset,
                f"a ' #' inside the value starts a comment, so '{rest}' is left out of it: put "
                "the value in quotes",
            )
        )


# A word processor's quotes around a whole value: the opening one, and those that close it.
_WORD_PROCESSOR_QUOTES = {"“": "”“", "„": "“”", "‘": "’", "”": "”"}
_CLOSING_QUOTES = "”“’"


def _no_word_processor_quotes(node: yaml.ScalarNode, path: str, offset: int) -> None:
    """`title: “…”` as Word writes it: the editor quoted the value, but to YAML “ and ” are
    text, so the headline would be shown and cited inside them. «…» is left alone: Arabic
    copy quotes a whole headline that way."""
    value: str = node.value
    closers = _WORD_PROCESSOR_QUOTES.get(value[0], "")
    if len(value) > 1 and value[-1] in closers:
        raise ContentError(
            Diagnostic(
                path,
                node.start_mark.line + 1 + offset,
                f"the value is in a word processor's quotes {value[0]}…{value[-1]}, which YAML "
                'keeps as part of the text: put it in straight quotes "…" (or write '
                f"'{value[0]}…{value[-1]}' to show them)",
            )
        )


# A line of the simplest mappings: `key: "text"` (no escape, quote or control character),
# `key: word`, or `key:` opening a nested mapping, indented or not.
_SIMPLE_LINE = re.compile(
    r"( *)([A-Za-z_][A-Za-z0-9_]*):"
    r'(?: +(?:"([^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]*)"'
    r"|([A-Za-z0-9][A-Za-z0-9._-]*)))? *"
)
# The plain words YAML reads as no value (yaml_nodes): `translator: null` is no translator.
_NULL_WORDS = frozenset(("null", "Null", "NULL"))


def simple_mapping(text: str, first_line: int = 1) -> Node | None:
    """The nodes YAML gives for a mapping of the simplest shape, read line by line; None for
    anything else (comments, blank lines, escapes, lists, deeper nesting, duplicate keys,
    a plain null, errors), which is YAML's to read.

    Front matter nearly always has that shape (a few `key: "text"` lines, `source:` with
    `name:` under it), and libyaml took 40 µs a file to parse it: a tenth of the work of
    reading an article.
    """
    root: dict[str, Node] = {}
    parent: tuple[str, int] | None = None  # the key whose value is the lines below it
    children: dict[str, Node] = {}
    indent = 0
    for number, line in enumerate(text.split("\n"), first_line):
        match = _SIMPLE_LINE.fullmatch(line)
        if match is None:
            return None
        spaces, key, quoted, word = match.groups()
        if word in _NULL_WORDS:
            return None
        value = quoted if quoted is not None else word
        if spaces:  # a key of the nested mapping
            if parent is None or value is None or key in children:
                return None
            if not children:
                indent = len(spaces)
            elif len(spaces) != indent:
                return None
            children[key] = Node(value, number)
            continue
        if parent is not None:
            root[parent[0]] = _nested(children, parent[1])
            parent, children = None, {}
        if key in root:
            return None
        if value is None:
            parent = (key, number)
        else:
            root[key] = Node(value, number)
    if parent is not None:
        root[parent[0]] = _nested(children, parent[1])
    return Node(root, first_line) if root else None


def _nested(children: dict[str, Node], line: int) -> Node:
    """A key's value made of the lines below it: their mapping, starting at the first of
    them, or (none) no value, as YAML reads an empty one, on the key's line."""
    if not children:
        return Node(None, line)
    return Node(children, next(iter(children.values())).line)
