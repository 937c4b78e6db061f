"""Reading a policy file: bytes or text → YAML nodes (``yaml_reader``, within its limits) →
:class:`Policy`, or :class:`PolicyInvalid` listing every problem as ``file:line: path: message``."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from reclamo.domain.policy.problems import PolicyInvalid, PolicyProblem, located_problems
from reclamo.domain.policy.schema import Policy
from reclamo.domain.policy.yaml_reader import duplicate_keys, read_yaml


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
    node, data = read_yaml(text, source)
    if not isinstance(data, dict):
        raise PolicyInvalid(
            [PolicyProblem(source, node.start_mark.line + 1, "", "a policy is a mapping of fields")]
        )
    duplicates = list(duplicate_keys(node, source))
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
    return read_yaml(text, source)[0]
