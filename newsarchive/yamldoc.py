"""Strict YAML: plain strings, lists and mappings with line numbers, no aliases (pure).

YAML 1.1 implicit typing turns ``NO`` into False and ``010`` into 8; an archive must
never change a value's meaning, so every scalar stays the string the editor wrote
and each caller type-checks what it expects.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .diagnostics import ContentError, Diagnostic

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
    try:
        _reject_anchors(text)
        root = yaml.compose(text, Loader=_StringLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = exc.problem or exc.context or "invalid YAML"
        raise ContentError(Diagnostic(path, line, f"invalid YAML: {problem}")) from None
    except yaml.YAMLError as exc:
        raise ContentError(Diagnostic(path, first_line, f"invalid YAML: {exc}")) from None
    if root is None:
        return Node(None, first_line)
    return _convert(root, path, first_line - 1)


def _convert(node: yaml.Node, path: str, offset: int) -> Node:
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:null"):
            raise ContentError(Diagnostic(path, line, f"YAML tag {node.tag} is not allowed"))
        value: str = node.value
        if node.style is None and value in ("", "~", "null", "Null", "NULL"):
            return Node(None, line)
        return Node(value, line)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, path, offset) for item in node.value], line)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, path, offset)
            if not isinstance(key.value, str):
                raise ContentError(Diagnostic(path, key.line, "mapping keys must be text"))
            if key.value in mapping:
                raise ContentError(Diagnostic(path, key.line, f"duplicate key '{key.value}'"))
            mapping[key.value] = _convert(value_node, path, offset)
        return Node(mapping, line)
    raise ContentError(Diagnostic(path, line, "unsupported YAML node"))
