"""The results table and the machine description that goes with it."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

LIBRARIES = ("pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "pyshacl", "fastapi",
             "uvicorn", "httpx", "networkx")  # fmt: skip


def machine() -> str:
    """nproc, memory, CPU model, Python and library versions, as one markdown list."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return (
        f"- CPU: {cpu}, {os.cpu_count()} cores (nproc)\n- Memory: {mem}\n"
        f"- OS: {platform.platform()}\n- Python {sys.version.split()[0]}\n"
        f"- {', '.join(versions)}\n"
    )


@dataclass
class Table:
    """Rows of (benchmark, measure, ours, baseline, ratio, target, verdict)."""

    rows: list[tuple[str, ...]] = field(default_factory=list)

    def add(
        self,
        bench: str,
        measure: str,
        value: float,
        unit: str,
        *,
        baseline: tuple[str, float] | None = None,
        ratio: float | None = None,
        target: str = "",
        met: bool | None = None,
        miss: str = "",
    ) -> None:
        verdict = "" if met is None else ("met" if met else f"not met{': ' + miss if miss else ''}")
        base = f"{baseline[0]}: {_num(baseline[1])} {unit}" if baseline else ""
        row = (bench, measure, f"{_num(value)} {unit}", base,
               f"{ratio:.2f}x" if ratio is not None else "", target, verdict)  # fmt: skip
        self.rows.append(row)
        print("   " + " | ".join(c for c in row if c), flush=True)

    def failed(self, bench: str, why: str) -> None:
        self.rows.append((bench, "FAILED", why[:200], "", "", "", "not run"))

    def markdown(self, machine_text: str, triples: int, seconds: float) -> str:
        head = ("Benchmark", "Measure", "Ours", "Baseline", "Ratio", "Target", "Verdict")
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in self.rows]
        return (
            f"# diplograph benchmarks at {triples:,} triples\n\n"
            f"Whole run: {seconds:.0f} s.\n\n{machine_text}\n" + "\n".join(lines) + "\n"
        )


def _num(value: float) -> str:
    if value != value:  # NaN
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"
