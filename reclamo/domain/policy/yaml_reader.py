"""YAML text → nodes and plain data, within limits, for any text an admin may upload.

Reading must never raise anything but :class:`PolicyInvalid` and never take long, whatever the
text. Hence:

- the text is at most :data:`MAX_POLICY_CHARACTERS` long;
- anchors and aliases (``&name`` / ``*name``) are refused outright: a policy has no use for them,
  and they are what makes a 10 KB "billion laughs" file expand without end;
- nesting is at most :data:`MAX_NESTING` deep (the YAML composer recurses once per level);
- a number is at most :data:`MAX_NUMBER_CHARACTERS` long (Python refuses to read longer ones);
- a value YAML cannot construct (``2026-02-30``, ``!!int abc``) stays the text it was, so the
  schema reports it at its line and field like any other wrong value;
- the tree is walked once, each node visited once, to find keys given twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from reclamo.domain.policy.problems import PolicyInvalid, PolicyProblem

MAX_POLICY_CHARACTERS = 256 * 1024
MAX_NESTING = 64
MAX_NUMBER_CHARACTERS = 100

_PATH_SHOWN = 8
_ANCHORS_SHOWN = 3
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"


def read_yaml(text: str, source: str) -> tuple[yaml.Node, Any]:
    if len(text) > MAX_POLICY_CHARACTERS:
        raise PolicyInvalid(
            [
                PolicyProblem(
                    source,
                    1,
                    "",
                    f"the file has {len(text):,} characters; a policy file may have at most "
                    f"{MAX_POLICY_CHARACTERS:,} (the longest procedure needs a tenth of that)",
                )
            ]
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, from a caller that built the text
        line = text.count("\n", 0, exc.start) + 1
        raise PolicyInvalid(
            [
                PolicyProblem(
                    source,
                    line,
                    "",
                    f"the text contains U+{ord(text[exc.start]):04X}, which is not a character — "
                    "a policy file is plain UTF-8 text",
                )
            ]
        ) from exc
    try:
        loader = _PolicyLoader(text, source)
    except yaml.YAMLError as exc:
        raise PolicyInvalid([_syntax_problem(exc, text, source)]) from exc
    try:
        node = loader.get_single_node()
        if loader.refused:
            raise PolicyInvalid(loader.refused)
        if node is None:
            raise PolicyInvalid([PolicyProblem(source, 1, "", "the file is empty")])
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise PolicyInvalid([_syntax_problem(exc, text, source)]) from exc
    finally:
        loader.dispose()
    return node, data


def _syntax_problem(exc: yaml.YAMLError, text: str, source: str) -> PolicyProblem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        context = exc.context or ""
        if context and exc.context_mark is not None and exc.context_mark.line + 1 != line:
            context += f" (started on line {exc.context_mark.line + 1})"
        detail = ": ".join(part for part in (context, exc.problem) if part)
        return PolicyProblem(
            source,
            line,
            "",
            f"YAML syntax error: {detail} — check indentation and quoting around this line",
        )
    if isinstance(exc, yaml.reader.ReaderError):
        # A control character, or a binary upload decoded by chance; libyaml counts in bytes.
        line = text.encode("utf-8", "replace").count(b"\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return PolicyProblem(
            source,
            line,
            "",
            f"the file contains a character that is not text (U+{code:04X}) — "
            "a policy file is plain UTF-8 text",
        )
    return PolicyProblem(source, None, "", f"YAML error: {exc}")


class _PythonEvents(Reader, Scanner, Parser):
    """PyYAML's own parser, where it was built without libyaml (slower, same events)."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


try:
    from yaml._yaml import CParser as _Events
except ImportError:  # pragma: no cover - PyYAML's wheels carry libyaml
    _Events = _PythonEvents  # type: ignore[misc,assignment]


class _PolicyLoader(Composer, _Events, SafeConstructor, Resolver):
    """A safe loader with the limits above: libyaml reads the events (ten times faster than
    PyYAML's Python scanner, which matters for a file of the maximum size), PyYAML's composer
    builds the nodes so that each node can be checked; refusals are gathered in
    :attr:`refused`."""

    def __init__(self, text: str, source: str) -> None:
        _Events.__init__(self, text)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.source = source
        self._anchors: list[PolicyProblem] = []
        self._anchor_count = 0
        self._numbers: list[PolicyProblem] = []
        # The path of the node being composed, for problems ("departments[1].hours").
        self._path: list[str | int | None] = []

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event: Any = self.peek_event()
        mark: Any = event.start_mark
        line = mark.line + 1
        # PyYAML passes a mapping's key node as the index of its value, a sequence item its
        # position, and None while composing a key.
        if parent is not None:
            self._path.append(_path_element(index))
        try:
            if len(self._path) > MAX_NESTING:
                raise PolicyInvalid([self._too_deep(line)])
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                self._refuse_anchor(line, event.anchor)
                if isinstance(event, yaml.AliasEvent):
                    self.get_event()
                    return yaml.ScalarNode("tag:yaml.org,2002:null", "", mark)
            node = super().compose_node(parent, index)
            if (
                isinstance(node, yaml.ScalarNode)
                and node.tag in (_INT_TAG, _FLOAT_TAG)
                and len(node.value) > MAX_NUMBER_CHARACTERS
            ):
                self._numbers.append(
                    self._problem(
                        line,
                        f"a number of {len(node.value):,} characters — no value in a "
                        "policy is that long; quote it if it is meant as text",
                    )
                )
            return node
        finally:
            if parent is not None:
                self._path.pop()

    def _too_deep(self, line: int) -> PolicyProblem:
        path = _dotted(self._path[:_PATH_SHOWN]) + ("…" if len(self._path) > _PATH_SHOWN else "")
        return PolicyProblem(
            self.source,
            line,
            path,
            f"nested more than {MAX_NESTING} levels deep — no policy needs that",
        )

    def _refuse_anchor(self, line: int, name: str) -> None:
        # One problem says it all; a bomb of a thousand aliases need not list each.
        if len(self._anchors) < _ANCHORS_SHOWN:
            self._anchors.append(
                self._problem(
                    line,
                    f"anchors and aliases (&{name} / *{name}) are not allowed in a policy file — "
                    "write the value out where it is needed",
                )
            )
        self._anchor_count += 1

    @property
    def refused(self) -> list[PolicyProblem]:
        problems = self._anchors + self._numbers
        if self._anchor_count > len(self._anchors):
            more = self._anchor_count - len(self._anchors)
            problems.append(
                PolicyProblem(self.source, None, "", f"and {more} more anchors or aliases")
            )
        return problems

    def _problem(self, line: int, message: str) -> PolicyProblem:
        return PolicyProblem(self.source, line, _dotted(self._path), message)


def _path_element(index: object) -> str | int | None:
    if isinstance(index, yaml.ScalarNode):
        return str(index.value)
    if isinstance(index, yaml.Node):
        return "(complex key)"
    return index if isinstance(index, int) else None


def _construct_or_text(construct: Any) -> Any:
    """A scalar YAML cannot turn into its type stays the text it was (see the module docs)."""

    def constructor(loader: _PolicyLoader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, TypeError, ArithmeticError, AttributeError):
            return node.value

    return constructor


for _tag, _construct in (
    ("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_timestamp),
    (_INT_TAG, SafeConstructor.construct_yaml_int),
    (_FLOAT_TAG, SafeConstructor.construct_yaml_float),
):
    _PolicyLoader.add_constructor(_tag, _construct_or_text(_construct))


def _dotted(path: list[str | int | None]) -> str:
    text = ""
    for element in path:
        if isinstance(element, int):
            text += f"[{element}]"
        elif element is not None:
            text += f".{element}" if text else str(element)
    return text


def duplicate_keys(root: yaml.Node, source: str) -> Iterator[PolicyProblem]:
    """YAML silently keeps the last of two equal keys; a policy must not lose a value that way.

    The walk visits each node once even where nodes are shared (aliases are refused above, but
    a shared node walked as a tree is what made the "billion laughs" exponential), and keeps its
    own stack, in document order, so depth costs no recursion."""
    stack = [_children(root, "")]
    visited = {id(root)}
    while stack:
        frame = stack[-1]
        step = next(frame.items, None)
        if step is None:
            stack.pop()
            continue
        key_node, node, path = step
        if key_node is not None:
            key, line = str(key_node.value), key_node.start_mark.line + 1
            if key in frame.seen:
                yield PolicyProblem(
                    source,
                    line,
                    path,
                    f"key {key!r} appears twice in this mapping (first on line "
                    f"{frame.seen[key]}) — YAML would keep only the last; remove one",
                )
            else:
                frame.seen[key] = line
        if id(node) not in visited:
            visited.add(id(node))
            stack.append(_children(node, path))


class _Frame(NamedTuple):
    items: Iterator[tuple[yaml.Node | None, yaml.Node, str]]
    seen: dict[str, int]  # key → line, in this mapping


def _children(node: yaml.Node, path: str) -> _Frame:
    if isinstance(node, yaml.MappingNode):
        pairs = ((key, value, _child_path(path, str(key.value))) for key, value in node.value)
        return _Frame(pairs, {})
    if isinstance(node, yaml.SequenceNode):
        items = ((None, item, f"{path}[{index}]") for index, item in enumerate(node.value))
        return _Frame(items, {})
    return _Frame(iter(()), {})


def _child_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
