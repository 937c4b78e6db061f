"""What is wrong with a policy file and where: :class:`PolicyProblem`, :class:`PolicyInvalid`, and
the translation of pydantic's errors into ``file:line: path: message`` with a hint."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, get_args

import yaml
from pydantic import BaseModel

from reclamo.domain.errors import DomainError
from reclamo.domain.policy.fields import Loc, one_of, quoted

# A file with thousands of mistakes is not read to the end by anyone; locating each one costs a
# walk of the file, so only the first ones are reported, with a count of the rest.
MAX_PROBLEMS = 100


@dataclass(frozen=True, slots=True)
class PolicyProblem:
    """One thing wrong with a policy file, where it is and what to do about it."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.path or '(top level)'}: {self.message}"


class PolicyInvalid(DomainError):
    """A policy file that cannot be used, with every problem found."""

    code = "policy_invalid"

    def __init__(self, problems: Sequence[PolicyProblem]) -> None:
        self.problems: list[PolicyProblem] = list(problems)
        count = len(self.problems)
        summary = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(
            f"The policy has {count} problem{'s' if count != 1 else ''}:\n{summary}",
            field=self.problems[0].path if self.problems else None,
        )


def located_problems(
    errors: Sequence[Any], root: yaml.Node, source: str, *, model: type[BaseModel]
) -> list[PolicyProblem]:
    """pydantic's ``errors`` as problems located in the YAML tree ``root`` (at most
    :data:`MAX_PROBLEMS`, then one problem counting the rest)."""
    problems = [_problem(error, root, source, model) for error in errors[:MAX_PROBLEMS]]
    if len(errors) > MAX_PROBLEMS:
        more = len(errors) - MAX_PROBLEMS
        problems.append(
            PolicyProblem(source, None, "", f"and {more} more problems — fix these first")
        )
    return problems


def locate(root: yaml.Node, loc: Loc) -> tuple[int, str]:
    """The line of the deepest node of ``loc`` found in the YAML tree, and ``loc`` as a path."""
    line, matched, rest = _follow_path(root, loc)
    return line, _path_of(matched, rest)


def _follow_path(root: yaml.Node, loc: Loc) -> tuple[int, list[str | int], Loc]:
    """Follow ``loc`` through the YAML nodes: the line of the deepest node found, the path
    elements matched, and the elements left over (a missing field, or pydantic's own tags)."""
    node = root
    line = root.start_mark.line + 1
    matched: list[str | int] = []
    for position, element in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if str(key_node.value) == str(element):
                    node = value_node
                    line = key_node.start_mark.line + 1
                    matched.append(str(element))
                    break
            else:
                if isinstance(element, str) and not _is_pydantic_tag(element):
                    return line, matched, loc[position:]
                continue
        elif isinstance(node, yaml.SequenceNode) and isinstance(element, int):
            if element >= len(node.value):
                return line, matched, loc[position:]
            node = node.value[element]
            line = node.start_mark.line + 1
            matched.append(element)
        elif isinstance(element, str) and _is_pydantic_tag(element):
            continue
        else:
            return line, matched, loc[position:]
    return line, matched, ()


def _is_pydantic_tag(element: str) -> bool:
    # Union members and validator wrappers appear in pydantic locations ("function-after[...]",
    # "list[str]", "str"); they are not keys of the file.
    return "[" in element or element in {"str", "int", "float", "bool", "date", "none"}


def _path_of(matched: Sequence[str | int], rest: Loc) -> str:
    # Elements not found in the file (a missing field, an empty refusals mapping) still name
    # where the fix goes; pydantic's own tags do not.
    text = ""
    for element in [*matched, *rest]:
        if isinstance(element, str) and _is_pydantic_tag(element):
            continue
        if isinstance(element, int):
            text += f"[{element}]"
        else:
            text += f".{element}" if text else element
    return text


# An impossible date (2026-02-30, 0000-01-01) reaches pydantic as the text the author wrote.
_DATE_LIKE_RE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_type"}

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date such as 2026-01-31",
    "date_parsing": "a date such as 2026-01-31",
    "date_from_datetime_parsing": "a date such as 2026-01-31",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
}


def _problem(error: Any, root: yaml.Node, source: str, model: type[BaseModel]) -> PolicyProblem:
    loc: Loc = tuple(error["loc"])
    line, matched, rest = _follow_path(root, loc)
    kind = error["type"]
    value = error.get("input")
    if kind == "missing" and rest:
        message = f"required field {rest[-1]!r} is missing"
    elif kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_fields(model, matched[:-1])
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        message = f"unknown field {name!r}{hint}"
        if allowed:
            message += f" — allowed here: {one_of(allowed)}"
    elif kind in ("literal_error", "enum"):
        message = (
            f"{quoted(value)} is not allowed here — expected one of: {error['ctx']['expected']}"
        )
    elif kind in _DATE_ERRORS and isinstance(value, str) and _DATE_LIKE_RE.fullmatch(value):
        message = f"{quoted(value)} is not a date in the calendar — check the day and the month"
    elif kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {quoted(value)}"
        if isinstance(value, bool) and kind == "string_type":
            message += " — YAML reads unquoted yes/no/on/off as true/false; quote the text"
    elif kind in ("greater_than", "greater_than_equal", "less_than_equal", "less_than"):
        message = f"{quoted(value)} is out of range: {error['msg'].lower()}"
    else:
        message = str(error["msg"])
    return PolicyProblem(source, line, _path_of(matched, rest), message)


def _allowed_fields(model: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    """Field names allowed at ``path`` of the policy, for "did you mean" hints."""
    current: Any = model
    for element in path:
        current = _step_type(current, element)
        if current is None:
            return []
    found = _model_in(current)
    if found is None:
        return []
    return [field.alias or name for name, field in found.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg) if not isinstance(arg, str | int) else None
        if found is not None:
            return found
    return None


def _step_type(annotation: Any, element: str | int) -> Any:
    model = _model_in(annotation) if not _is_container(annotation) else None
    if model is not None and isinstance(element, str):
        for name, field in model.model_fields.items():
            if element in (name, field.alias):
                return field.annotation
        return None
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in get_args(annotation):
            found = _step_type(arg, element)
            if found is not None:
                return found
        return None
    if origin in (list, tuple) and isinstance(element, int):
        return get_args(annotation)[0]
    if origin is dict:
        return get_args(annotation)[1]
    return None


def _is_container(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    return origin in (list, tuple, dict, typing.Union, types.UnionType)
