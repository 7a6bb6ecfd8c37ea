"""The batch library: discovery, safe unique names, multi-document files, broken inputs,
summaries, and output that does not depend on the number of worker processes."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from modelo_servicio.app import batch
from modelo_servicio.app.batch import Options, Source, discover, slug, unique_name
from modelo_servicio.domain.errors import UsageError

from .test_report_helpers import DATE, FIXTURES, structure_problems

FOLDER = FIXTURES / "folder"
OPTIONS = Options(lang="es", date=DATE)


def _names(sources: list[Source]) -> list[str]:
    return [Path(s.name).relative_to(FIXTURES).as_posix() if s.path else s.name for s in sources]


def test_discover_folders_recursively_sorted_skipping_hidden_and_non_yaml() -> None:
    assert _names(discover([str(FOLDER)])) == [
        "folder/binary.yaml",
        "folder/empty.yaml",
        "folder/good-a.yaml",
        "folder/missing-name.yaml",
        "folder/sub/broken-syntax.yaml",
        "folder/sub/multi.yml",
    ]


def test_discover_files_globs_duplicates_and_missing() -> None:
    found = discover(
        [
            str(FIXTURES / "hybrid.yaml"),
            str(FIXTURES / "*.yaml"),
            str(FIXTURES / "**" / "multi.yml"),
            "no-such-file.yaml",
            str(FIXTURES / "nothing-*.yaml"),
        ]
    )
    assert _names(found) == [
        "hybrid.yaml",
        "boutique.yaml",
        "folder/sub/multi.yml",
        "no-such-file.yaml",
        str(FIXTURES / "nothing-*.yaml"),
    ]
    assert [s.path is None for s in found] == [False, False, False, True, True]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Joyería Alba", "joyeria-alba"),
        ("A | B <script>", "a-b-script"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "profile"),
        ("C:\\Windows\\system32", "c-windows-system32"),
        ("東京", "profile"),
        ("  --Ñandú--  ", "nandu"),
        ("x" * 300, "x" * 60),
    ],
)
def test_slug_is_a_safe_file_stem(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_unique_names_are_numbered_in_order_and_avoid_reserved_ones() -> None:
    used: set[str] = set()
    names = [
        unique_name(n, used)
        for n in ("Sol", "SOL", "sol!", "Sol 2", "Index", "summary", "CON", "", "東京")
    ]
    assert names == [
        "sol",
        "sol-2",
        "sol-3",
        "sol-2-2",
        "index-2",
        "summary-2",
        "con-2",
        "profile",
        "profile-2",
    ]


def _run(tmp_path: Path, arguments: list[str], jobs: int = 1, **options: object) -> batch.Summary:
    chosen = Options(**{"lang": "es", "date": DATE, **options})  # type: ignore[arg-type]
    return batch.run(arguments, tmp_path, chosen, jobs)


def test_broken_files_are_reported_and_every_good_profile_gets_its_report(
    tmp_path: Path,
) -> None:
    summary = _run(tmp_path, [str(FOLDER)])
    assert (summary.profiles, summary.reports, summary.failures) == (8, 3, 5)
    reports = sorted(p.name for p in tmp_path.glob("*.md"))
    assert reports == ["index.md", "papeleria-sol-2.md", "papeleria-sol.md", "taller-rueda.md"]
    rows = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))["profiles"]
    errors = {(Path(r["source"]).name, r["document"]): r["error"] for r in rows if r["error"]}
    assert set(errors) == {
        ("binary.yaml", 1),
        ("empty.yaml", 1),
        ("missing-name.yaml", 1),
        ("broken-syntax.yaml", 1),
        ("multi.yml", 2),
    }
    assert "binary.yaml:2:" in errors[("binary.yaml", 1)]
    assert "company.name" in errors[("missing-name.yaml", 1)]
    assert "broken-syntax.yaml:4:" in errors[("broken-syntax.yaml", 1)]
    assert "customers.tiket" in errors[("multi.yml", 2)] and "ticket" in errors[("multi.yml", 2)]
    assert not list(tmp_path.glob(".*")), "temporary files left behind"


def test_multi_document_file_gives_one_report_per_profile(tmp_path: Path) -> None:
    _run(tmp_path, [str(FOLDER / "sub" / "multi.yml")])
    rows = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))["profiles"]
    assert [(r["company"], r["document"], r["report"]) for r in rows] == [
        ("Papelería Sol", 1, "papeleria-sol.md"),
        ("Papelería Luna", 2, None),
        ("Papelería  SOL", 3, "papeleria-sol-2.md"),
    ]
    report = (tmp_path / "papeleria-sol-2.md").read_text(encoding="utf-8")
    assert report.startswith("# Papelería SOL — informe de recomendación\n")


def test_index_links_every_report_and_lists_every_error(tmp_path: Path) -> None:
    summary = _run(tmp_path, [str(FOLDER), str(FIXTURES / "hybrid.yaml")])
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert structure_problems(index) == []
    for row in json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))["profiles"]:
        if row["report"]:
            assert f"]({row['report']})" in index
            assert (tmp_path / row["report"]).is_file()
    assert index.count("\n- ") == summary.failures
    assert "Deportes \\| Cumbre \\<b\\>" in index


def test_summary_csv_matches_json_and_defuses_formulas(tmp_path: Path) -> None:
    profile = tmp_path / "in" / "formula.yaml"
    profile.parent.mkdir()
    profile.write_text("company: {name: '=HYPERLINK(\"http://x\")'}\n", encoding="utf-8")
    out = tmp_path / "out"
    _run(out, [str(profile), str(FIXTURES / "boutique.yaml")])
    with (out / "summary.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["company"] == '\'=HYPERLINK("http://x")'
    assert rows[1]["company"] == "Joyería Ébano"
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["totals"] == {"profiles": 2, "reports": 2, "failures": 0}
    assert data["profiles"][1]["model"] == rows[1]["model"]
    assert rows[1]["top_scores"].startswith(data["profiles"][1]["model"] + " ")


def test_output_is_identical_whatever_the_number_of_jobs(tmp_path: Path) -> None:
    inputs = [str(FOLDER), str(FIXTURES / "hybrid.yaml"), str(FIXTURES / "boutique.yaml")]
    _run(tmp_path / "one", inputs, jobs=1)
    _run(tmp_path / "two", inputs, jobs=2)
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two
    assert len(one) == 9  # 5 reports, index.md, summary.csv, .json and .xlsx


def test_pool_workers_advise_with_the_batchs_own_rules(tmp_path: Path) -> None:
    """The parent's Advisor, built from ``--rules``, is the one every worker advises with."""
    import json

    from .test_advisor import favour

    rules = favour(tmp_path / "rules", "redirected")
    inputs = [str(FOLDER), str(FIXTURES / "hybrid.yaml"), str(FIXTURES / "boutique.yaml")]
    _run(tmp_path / "packaged", inputs, jobs=2, format="json")
    _run(tmp_path / "one", inputs, jobs=1, rules=rules, format="json")
    _run(tmp_path / "two", inputs, jobs=2, rules=rules, format="json")

    def models(out: str) -> list[str]:
        summary = json.loads((tmp_path / out / "summary.json").read_text("utf-8"))
        return [p.get("model", "") for p in summary["profiles"]]

    assert models("one") == models("two")
    assert models("two").count("redirected") > models("packaged").count("redirected")


def test_many_files_stream_through_the_pool_in_order(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    source = (FIXTURES / "folder" / "good-a.yaml").read_text(encoding="utf-8")
    for index in range(40):
        text = source.replace("Taller Rueda", f"Taller {index:02d}")
        (folder / f"p{index:02d}.yaml").write_text(text, encoding="utf-8")
    _run(tmp_path / "one", [str(folder)], jobs=1)
    _run(tmp_path / "two", [str(folder)], jobs=2)
    assert (tmp_path / "one" / "summary.csv").read_bytes() == (
        tmp_path / "two" / "summary.csv"
    ).read_bytes()
    assert len(list((tmp_path / "two").glob("taller-*.md"))) == 40


def test_json_format_writes_json_reports(tmp_path: Path) -> None:
    _run(tmp_path, [str(FIXTURES / "boutique.yaml")], format="json")
    data = json.loads((tmp_path / "joyeria-ebano.json").read_text(encoding="utf-8"))
    assert data["company"] == "Joyería Ébano"
    assert "](joyeria-ebano.json)" in (tmp_path / "index.md").read_text(encoding="utf-8")


def test_nothing_to_do_is_a_usage_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UsageError):
        _run(tmp_path / "out", [str(empty)])


def test_reports_are_replaced_atomically_and_keep_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "joyeria-ebano.md"
    target.write_text("old", encoding="utf-8")
    _run(tmp_path, [str(FIXTURES / "boutique.yaml")])
    assert target.read_text(encoding="utf-8").startswith("# Joyería Ébano")
    mask = os.umask(0o022)
    os.umask(mask)
    for written in (target, tmp_path / "index.md", tmp_path / "summary.csv"):
        assert written.stat().st_mode & 0o777 == 0o666 & ~mask
