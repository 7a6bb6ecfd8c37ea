"""Start-up cost of the command, against a bare two-command Typer app.

Prints the median wall time of ``modelo-servicio --help`` and of ``modelo-servicio score`` on
one profile, as ratios to a bare app's ``--help``. Two bare apps: Typer's defaults (rich help,
completion: slower than ours, so an easy baseline) and the same two commands with the settings
``modelo-servicio`` uses (plain help, no completion). The quality bar (PRODUCT.md, ``--help``
within 1.3x) is checked against the stricter, second one. The runs are interleaved, and CPU
time (user + system) is printed too: it hardly depends on how busy the machine is.
Run: ``python benchmarks/startup.py [--runs N] [--profile FILE]``.
"""

from __future__ import annotations

import argparse
import compileall
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAR = 1.3

PLAIN = "rich_markup_mode=None, add_completion=False"
BARE_APP = '''\
import typer

app = typer.Typer({settings})


@app.command()
def first(name: str = "x") -> None:
    """First command."""
    typer.echo(name)


@app.command()
def second(count: int = 1) -> None:
    """Second command."""
    typer.echo(count)


if __name__ == "__main__":
    app()
'''


def command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m``."""
    script = Path(sys.executable).parent / "modelo-servicio"
    if script.exists():
        return [str(script)]
    found = shutil.which("modelo-servicio")
    return [found] if found else [sys.executable, "-m", "modelo_servicio"]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def medians(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall time and median CPU time of each command, runs interleaved so that a slow
    spell of the machine weighs on every command alike."""
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            start, used = time.perf_counter(), _cpu()
            done = subprocess.run(argv, capture_output=True, check=False)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(_cpu() - used)
            if done.returncode != 0:
                error = done.stderr.decode(errors="replace")
                raise SystemExit(f"{' '.join(argv)} failed:\n{error}")
    return {n: (statistics.median(wall[n]), statistics.median(cpu[n])) for n in commands}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--profile", type=Path, default=ROOT / "profiles" / "joyeria-alba.yaml")
    args = parser.parse_args()
    tool = command()
    with tempfile.TemporaryDirectory() as folder:
        default = Path(folder) / "bare_default.py"
        default.write_text(BARE_APP.format(settings=""), encoding="utf-8")
        plain = Path(folder) / "bare_plain.py"
        plain.write_text(BARE_APP.format(settings=PLAIN), encoding="utf-8")
        commands = {
            "loose": [sys.executable, str(default), "--help"],
            "strict": [sys.executable, str(plain), "--help"],
            "help": [*tool, "--help"],
            "score": [*tool, "score", str(args.profile)],
        }
        # bytecode as an installed package has it (pip compiles on install); a run under
        # PYTHONDONTWRITEBYTECODE would otherwise compile every module of ours on every run
        compileall.compile_dir(str(ROOT / "src" / "modelo_servicio"), quiet=1)
        medians(commands, 1)  # warm the file cache
        found = medians(commands, args.runs)
    print(f"{args.runs} interleaved runs each; medians of wall time and of CPU time")
    rows = (
        ("bare Typer app --help, Typer defaults", "loose"),
        ("bare Typer app --help, same settings", "strict"),
        ("modelo-servicio --help", "help"),
        (f"modelo-servicio score {args.profile.name}", "score"),
    )
    strict_wall, strict_cpu = found["strict"]
    for label, key in rows:
        wall, cpu = found[key]
        print(
            f"{label:42s} wall {wall * 1000:7.1f} ms ({wall / strict_wall:5.2f}x)"
            f"   cpu {cpu * 1000:7.1f} ms ({cpu / strict_cpu:5.2f}x)"
        )
    ratio = found["help"][0] / strict_wall
    verdict = "within" if ratio <= BAR else "OVER"
    print(f"--help wall time is {ratio:.2f}x the bare app's: {verdict} the {BAR}x bar")
    return 0 if ratio <= BAR else 1


if __name__ == "__main__":
    raise SystemExit(main())
