"""Registration numbers (api.md, "Numbers"): the policy's ``registration_number`` format filled in.

The format is checked when the policy is loaded (only ``{year}`` and ``{seq}``, ``{seq}``
required), so filling it in cannot fail for a loaded policy. Taking the next sequence without
gaps is the register's job (``reclamo/complaints/numbering.py``); this is only the text.
"""

from __future__ import annotations

__all__ = ["registration_number"]


def registration_number(format: str, *, year: int, seq: int) -> str:
    """``format`` with ``{year}`` and ``{seq}`` filled in.

    ``PC-{year}-{seq:06d}`` with year 2026 and seq 42 → ``PC-2026-000042``.
    """
    if seq < 1:
        raise ValueError(f"sequence numbers start at 1, not {seq}")
    return format.format(year=year, seq=seq)
