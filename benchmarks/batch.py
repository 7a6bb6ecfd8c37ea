"""Batch throughput and memory, against the rate of parsing the same files alone.

Generates N one-kilobyte profiles in a temporary folder, then measures:
  * parse-only: ``yaml.load(text, CSafeLoader)`` on every file (reading included);
  * ``modelo-servicio batch`` over the folder, reports and summaries included, for each
    ``--jobs`` value (a fresh process each time, start-up included);
  * the peak resident memory of the batch (largest process of its tree) at two sizes;
  * with ``--stages``, what each stage of one profile costs in one process (CPU time per
    profile, and as a multiple of the bare parse), to see where the batch's time goes.
Prints the figures and the PRODUCT.md bars: batch >= 40% of the parse-only rate,
``--jobs 2`` faster than ``--jobs 1``, memory flat as N grows. No asserts: it reports.

    python benchmarks/batch.py [--n 10000] [--small 2000] [--jobs 1 2] [--stages]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

CHANNELS = ("in_person", "phone", "email", "chat", "social", "sms", "on_site", "self_service")
SKILLS = ("product", "empathy", "problem_solving", "writing", "speaking", "technology")
WORDS = ("Alba", "Norte", "Cumbre", "Lino", "Nube", "Sol", "Río", "Faro", "Olmo", "Brisa")


def profile_text(index: int) -> str:
    """A valid profile of about one kilobyte, varied enough to exercise many rules."""
    rnd = random.Random(index)
    name = f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} {index}"
    volumes = {ch: rnd.choice((0, 0, 50, 300, 1200, 4000)) for ch in CHANNELS}
    lines = [
        "schema_version: 1",
        "company:",
        f"  name: {name}",
        f"  sector: {rnd.choice(('moda', 'software', 'joyería', 'talleres', 'recambios'))}",
        f"  locations: {rnd.randint(0, 12)}",
        f"  sells_online: {rnd.choice(('true', 'false'))}",
        "customers:",
        f"  active: {rnd.randint(50, 200_000)}",
        f"  segment: {rnd.choice(('consumers', 'businesses', 'both'))}",
        f"  ticket: {rnd.choice(('low', 'medium', 'high', 'luxury'))}",
        f"  complexity: {rnd.choice(('low', 'medium', 'high'))}",
        f"  journey: {rnd.choice(('one_off', 'repeat', 'consultative'))}",
        f"  preference: {rnd.choice(('hands_off', 'self_serve', 'fast', 'personal'))}",
        f"  faq_share: {rnd.choice((0.1, 0.3, 0.6))}",
        "demand:",
        "  contacts_per_month: {" + ", ".join(f"{k}: {v}" for k, v in volumes.items()) + "}",
        f"  coverage: {rnd.choice(('business_hours', 'extended', 'always'))}",
        "organization:",
        f"  departments: {rnd.randint(1, 8)}",
        f"  inquiry_variety: {rnd.choice(('low', 'medium', 'high'))}",
        f"  service_level_now: {rnd.choice(('unsatisfactory', 'meets'))}",
        f"  service_level_goal: {rnd.choice(('exceptional', 'exceeds'))}",
        f"  knowledge_base: {rnd.choice(('none', 'basic', 'complete'))}",
        "staff:",
    ]
    for person in range(rnd.randint(1, 3)):
        skills = ", ".join(f"{s}: {rnd.randint(1, 5)}" for s in SKILLS)
        channels = ", ".join(rnd.sample(CHANNELS[:5], 2))
        lines += [
            f"  - name: Persona {person + 1}",
            "    hours_per_week: 40",
            f"    channels: [{channels}]",
            f"    skills: {{{skills}}}",
        ]
    lines += [
        "constraints:",
        f"  budget: {rnd.choice(('low', 'medium', 'high'))}",
        f"  hiring: {rnd.choice(('none', 'limited', 'open'))}",
        f"  weeks: {rnd.choice((8, 12, 26))}",
    ]
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for index in range(count):
        text = profile_text(index)
        (folder / f"p{index:06d}.yaml").write_text(text, encoding="utf-8")
        size += len(text.encode())
    return size


def parse_rate(folder: Path) -> float:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = sorted(folder.glob("*.yaml"))
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return len(files) / (time.perf_counter() - start)


def run_batch(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(seconds, peak RSS in MiB of the largest process in the batch's tree)."""
    command = [
        sys.executable,
        "-m",
        "modelo_servicio",
        "batch",
        str(folder),
        "--out-dir",
        str(out),
        "--jobs",
        str(jobs),
        "--date",
        "2024-01-01",
    ]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"batch exited with {process.returncode}")
    return seconds, usage.ru_maxrss / 1024


def stages(folder: Path) -> None:
    """CPU time per profile of each stage, run one stage at a time over every profile (each
    profile seen once per stage, so memos warm up as they would in a batch)."""
    from modelo_servicio import planning
    from modelo_servicio.app.advisor import Advisor
    from modelo_servicio.app.batch import write_atomic
    from modelo_servicio.domain import yamlio
    from modelo_servicio.domain.i18n import activate
    from modelo_servicio.domain.profile_io import profile_from_document
    from modelo_servicio.engine.outcome import complete
    from modelo_servicio.render import md_index
    from modelo_servicio.render.markdown import Memos

    activate("es")
    advisor = Advisor.build()
    engine = advisor.engine
    memos: Memos = {}
    files = sorted(folder.glob("*.yaml"))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rows: list[tuple[str, float]] = []

    def stage(name: str, work: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        start = time.process_time()
        out = [work(item) for item in items]
        rows.append((name, (time.process_time() - start) / len(items) * 1e3))
        return out

    stage("parse only (CSafeLoader)", lambda p: yaml.load(p.read_text("utf-8"), loader), files)
    docs = stage("read + safe YAML", lambda p: yamlio.load_single(p, p.name), files)
    profiles = stage("validate", profile_from_document, docs)
    evaluations = stage("score", engine.evaluate, profiles)
    solid = stage("robustness", advisor.robustness, evaluations)
    plans = stage("plan", lambda e: planning.build_plan(e, advisor.tables, "es"), evaluations)

    def result(i: int) -> Any:
        return complete(engine, evaluations[i], solid[i], plans[i], "es")

    results = stage("result", result, list(range(len(files))))

    def report(i: int) -> str:
        renderer = advisor.formatter("markdown", "2024-01-01", profile=profiles[i], memos=memos)
        return renderer.format(results[i])

    reports = stage("report", report, list(range(len(files))))
    stage("summary row", md_index.summary_fields, results)
    with tempfile.TemporaryDirectory(prefix="modelo-stages-") as out:
        named = [(Path(out) / f"r{i}.md", text) for i, text in enumerate(reports)]
        stage("write report", lambda pair: write_atomic(*pair), named)
    parse = rows[0][1]
    total = sum(ms for _, ms in rows[1:])
    print(f"stages, CPU ms per profile (x the bare parse), {len(files)} profiles:")
    for name, ms in rows:
        print(f"  {name:26s} {ms:6.3f} ms  {ms / parse:5.1f}x")
    print(f"  {'all but the bare parse':26s} {total:6.3f} ms  {total / parse:5.1f}x")
    print(f"  40% of the parse rate leaves {parse / 0.4:.3f} ms per profile in one process")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="profiles for the rate runs")
    parser.add_argument("--small", type=int, default=2_000, help="smaller size for memory")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--stages", action="store_true", help="also time each stage")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="modelo-bench-") as tmp:
        root = Path(tmp)
        big, small = root / "big", root / "small"
        size = generate(big, args.n)
        generate(small, args.small)
        print(f"profiles: {args.n} (mean {size / args.n:.0f} bytes), cpus: {os.cpu_count()}")
        parse = max(parse_rate(big) for _ in range(3))
        print(f"parse only (CSafeLoader): {parse:,.0f} profiles/s")
        rates: dict[int, float] = {}
        peaks: dict[int, float] = {}
        for jobs in args.jobs:
            seconds, peak = run_batch(big, root / f"out-{jobs}", jobs)
            rates[jobs] = args.n / seconds
            peaks[jobs] = peak
            share = rates[jobs] / parse
            print(
                f"batch --jobs {jobs}: {rates[jobs]:,.0f} profiles/s "
                f"({share:.0%} of parse-only; bar 40%), {seconds:.1f} s, peak {peak:.0f} MiB"
            )
        if 1 in rates and 2 in rates:
            print(f"--jobs 2 / --jobs 1 speed-up: {rates[2] / rates[1]:.2f}x (bar > 1)")
        _, small_peak = run_batch(small, root / "out-small", 1)
        print(
            f"peak memory --jobs 1: {small_peak:.0f} MiB at {args.small} profiles, "
            f"{peaks.get(1, float('nan')):.0f} MiB at {args.n} (flat = about equal)"
        )
        if args.stages:  # last: a child's peak memory counts what it forked from this process
            stages(small)


if __name__ == "__main__":
    main()
