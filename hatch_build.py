"""Build hook: the wheel carries compiled translations (`*.mo` files are not in git).

Every `reclamo/locale/<language>/LC_MESSAGES/*.po` is compiled with Babel (as `msgfmt` would:
fuzzy entries left out) into the build's own directory and added to the wheel beside its `.po`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledTranslations(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        # An editable install reads the source tree, where compilemessages writes the .mo files.
        self._output: tempfile.TemporaryDirectory[str] | None = None
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        self._output = tempfile.TemporaryDirectory(prefix="reclamo-mo-")
        sources = sorted((root / "reclamo" / "locale").glob("*/LC_MESSAGES/*.po"))
        if not sources:
            raise RuntimeError("no reclamo/locale/*/LC_MESSAGES/*.po to compile")
        for po in sources:
            relative = po.relative_to(root).with_suffix(".mo")
            mo = Path(self._output.name) / relative
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parts[-3])
            with mo.open("wb") as target:
                write_mo(target, catalog, use_fuzzy=False)
            build_data["force_include"][str(mo)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._output is not None:
            self._output.cleanup()
