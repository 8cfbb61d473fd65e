"""The year-end summary for the largest district and for the province: the summary
(data + HTML + PDF, as its worker step does), WeasyPrint alone on the same HTML, and
the two steps that follow it, the appendix PDF and the Excel copy; each in a
subprocess (its time and peak memory its own, cut off after a time limit and
reported as "> limit")."""

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    seconds: float | None
    peak_mb: float | None
    figures: dict
    timed_out: bool = False
    error: str = ""


def _peak_kb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def run_child(args, limit):
    """Run `python -m bench.pdf_child ARGS`, watching its peak memory (VmHWM)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.pdf_child", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, _peak_kb(process.pid) or 0)
        if time.perf_counter() - started > limit:
            process.kill()
            process.wait()
            return Run(None, peak / 1024 or None, {}, timed_out=True)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    out, err = process.communicate()
    if process.returncode != 0:
        return Run(seconds, peak / 1024 or None, {}, error=err.decode()[-500:])
    figures = json.loads(out.decode().strip().splitlines()[-1])
    return Run(seconds, max(peak / 1024, figures.get("max_rss_mb", 0)), figures)


def measure(scopes, *, year, limit, say=print):
    """{label: {"build", "bare", "appendix", "xlsx": Run}} for each (label, unit id)."""
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, unit_id in scopes:
            html = str(Path(folder) / f"{unit_id}.html")
            built = run_child(["build", str(unit_id), str(year), html], limit)
            bare = (
                run_child(["bare", html], limit)
                if not built.timed_out and not built.error
                else Run(None, None, {}, error="no HTML")
            )
            results[label] = {
                "build": built,
                "bare": bare,
                "appendix": run_child(["appendix", str(unit_id), str(year)], limit),
                "xlsx": run_child(["xlsx", str(unit_id), str(year)], limit),
            }
            say(f"  PDF {label}: done")
    return results
