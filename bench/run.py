"""Run every benchmark under bench/ (each in its own process) and print their figures.

    uv run python bench/run.py            # all of them
    uv run python bench/run.py calendar   # those whose file name contains "calendar"

Each bench_*.py is also runnable alone. Figures go into docs/benchmarks.md with the machine line
this prints.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str]) -> int:
    wanted = argv[1:]
    print(f"machine: {machine()}")
    failures = 0
    for script in sorted(HERE.glob("bench_*.py")):
        if wanted and not any(word in script.stem for word in wanted):
            continue
        print(f"\n## {script.name}", flush=True)
        completed = subprocess.run([sys.executable, str(script)], check=False)  # noqa: S603
        failures += completed.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
