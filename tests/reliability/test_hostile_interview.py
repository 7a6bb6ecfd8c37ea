"""``interview --set`` with anything at all: exit 0 or 2 with a message, never a traceback,
and a later ``--resume`` keeps every answer saved before."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from modelo_servicio.cli.app import app

PATHS = [
    "company.name",
    "company.locations",
    "customers.active",
    "customers.segment",
    "customers.languages",
    "demand.contacts_per_month.phone",
    "demand.handle_minutes.phone",
    "staff.0.name",
    "staff.1.name",
    "staff.0.hours_per_week",
    "constraints.weeks",
    "constraints.monthly_budget",
    "company",
    "staff",
    "staff.999.name",
    "staff.x.name",
    "customers.nonexistent",
    "company.name.extra",
    "interview.complete",
    "",
]
VALUES = st.one_of(
    st.integers(-5, 10**6).map(str),
    st.sampled_from(["4:30", "yes", ".nan", ".inf", "1e309", "[es, en]", "{a: 1}", "", "~"]),
    st.sampled_from(["1" * 30, "9" * 5000, "[" * 200, "consumers", "Ana", "Jose\u0301"]),
    st.text(st.characters(codec="utf-8"), max_size=12),
)
SETS = st.lists(st.tuples(st.sampled_from(PATHS), VALUES), max_size=4)


def _at(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sets=SETS, active=st.integers(0, 10**6))
def test_set_never_crashes_and_resume_keeps_saved_answers(
    sets: list[tuple[str, str]], active: int
) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "p.yaml"
        args = ["interview", str(out), "--defaults", "--set", "company.name=Acme"]
        for path, value in sets:
            args += ["--set", f"{path}={value}"]
        first = runner.invoke(app, args)
        assert first.exit_code in (0, 2), first.output
        assert first.exception is None or isinstance(first.exception, SystemExit), first.output
        assert "Traceback" not in first.stderr
        if first.exit_code != 0:
            assert first.stderr.strip()  # a message, not silence
            assert not out.exists()
            return
        saved = yaml.safe_load(out.read_text(encoding="utf-8"))
        again = runner.invoke(
            app,
            [
                "interview",
                str(out),
                "--defaults",
                "--resume",
                "--set",
                f"customers.active={active}",
            ],
        )
        assert again.exit_code == 0, again.output
        resumed = yaml.safe_load(out.read_text(encoding="utf-8"))
        assert resumed["customers"]["active"] == active
        for section, values in saved.items():
            if section in ("interview", "customers"):
                continue
            assert resumed[section] == values, section
        for key, value in saved["customers"].items():
            if key != "active":
                assert _at(resumed, f"customers.{key}") == value
