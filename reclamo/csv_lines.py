"""CSV text one line at a time, for files that are streamed or joined line by line (the console's
register and credits exports, the quality and ANCOM tables): no buffer to rewind between lines."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any


class CsvLines:
    """Rows in, CSV lines out (terminator included), in the csv module's default dialect."""

    def __init__(self) -> None:
        # The writer's "file" is this object: write() hands the line back to writerow's caller.
        self._writer = csv.writer(self)

    def write(self, value: str) -> str:
        return value

    def line(self, values: Iterable[Any]) -> str:
        written: str = self._writer.writerow(values)
        return written
