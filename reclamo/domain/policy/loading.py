"""Reading a policy file: bytes or text → YAML nodes → :class:`Policy`, or :class:`PolicyInvalid`
listing every problem as ``file:line: path: message``.

A policy file comes from a provider's admin through an upload form, so reading it must never
raise anything but :class:`PolicyInvalid` and never take long, whatever the bytes. Hence:

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
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from reclamo.domain.policy.problems import PolicyInvalid, PolicyProblem, located_problems
from reclamo.domain.policy.schema import Policy

MAX_POLICY_CHARACTERS = 256 * 1024
MAX_NESTING = 64
MAX_NUMBER_CHARACTERS = 100

_PATH_SHOWN = 8
_ANCHORS_SHOWN = 3
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"


def load_policy_file(path: str | Path) -> Policy:
    """Load and validate a policy file (UTF-8 YAML); raise :class:`PolicyInvalid` if unusable."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PolicyInvalid(
            [PolicyProblem(source, None, "", f"cannot read the file: {exc}")]
        ) from exc
    return load_policy_bytes(data, source=source)


def load_policy_bytes(data: bytes, *, source: str) -> Policy:
    """Load and validate a policy from the bytes of a file (an upload); they must be UTF-8."""
    return load_policy_text(policy_text(data, source=source), source=source)


def policy_text(data: bytes, *, source: str) -> str:
    """The bytes of a policy file as text; :class:`PolicyInvalid` where they are not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PolicyInvalid(
            [
                PolicyProblem(
                    source,
                    line,
                    "",
                    f"the file is not UTF-8 text (byte {exc.start + 1} cannot be read) — "
                    "save it as UTF-8",
                )
            ]
        ) from exc


def load_policy_text(text: str, *, source: str) -> Policy:
    """Load and validate a policy from YAML text; ``source`` names it in problems."""
    node, data = _read_yaml(text, source)
    if not isinstance(data, dict):
        raise PolicyInvalid(
            [PolicyProblem(source, node.start_mark.line + 1, "", "a policy is a mapping of fields")]
        )
    duplicates = list(_duplicate_keys(node, source))
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        problems = located_problems(exc.errors(), node, source, model=Policy)
        raise PolicyInvalid(duplicates + problems) from exc
    if duplicates:
        raise PolicyInvalid(duplicates)
    return policy


def policy_tree(text: str, *, source: str) -> yaml.Node:
    """The YAML node tree of a policy text, read with the same limits as loading it."""
    return _read_yaml(text, source)[0]


def _read_yaml(text: str, source: str) -> tuple[yaml.Node, Any]:
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
        # A control character or a binary upload decoded by chance.
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return PolicyProblem(
            source,
            line,
            "",
            f"the file contains a character that is not text (U+{code:04X}) — "
            "a policy file is plain UTF-8 text",
        )
    return PolicyProblem(source, None, "", f"YAML error: {exc}")


class _PolicyLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the limits above; refusals are gathered in :attr:`refused`."""

    def __init__(self, text: str, source: str) -> None:
        super().__init__(text)
        self.source = source
        self._anchors: list[PolicyProblem] = []
        self._anchor_count = 0
        self._numbers: list[PolicyProblem] = []
        # The path of the node being composed, for problems ("departments[1].hours").
        self._path: list[str | int | None] = []

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
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
                    self.get_event()  # type: ignore[no-untyped-call]
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

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        # The scanner keeps a possible key per open bracket and looks at all of them for every
        # token, so "[[[[…" is refused while it is still shallow, before that turns quadratic.
        if self.flow_level >= MAX_NESTING:
            raise PolicyInvalid([self._too_deep(self.line + 1)])
        super().fetch_flow_collection_start(TokenClass)

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
    ("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_timestamp),
    (_INT_TAG, yaml.SafeLoader.construct_yaml_int),
    (_FLOAT_TAG, yaml.SafeLoader.construct_yaml_float),
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


def _duplicate_keys(root: yaml.Node, source: str) -> Iterator[PolicyProblem]:
    """YAML silently keeps the last of two equal keys; a policy must not lose a value that way.

    The tree has no aliases (refused above), so each node is reached once; the walk keeps its
    own stack so depth costs no recursion."""
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        children: list[tuple[yaml.Node, str]] = []
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                child = f"{path}.{key}" if path else key
                if key in seen:
                    yield PolicyProblem(
                        source,
                        key_node.start_mark.line + 1,
                        child,
                        f"key {key!r} appears twice in this mapping (first on line {seen[key]}) — "
                        "YAML would keep only the last; remove one",
                    )
                else:
                    seen[key] = key_node.start_mark.line + 1
                children.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, f"{path}[{index}]") for index, item in enumerate(node.value)]
        stack.extend(reversed(children))
