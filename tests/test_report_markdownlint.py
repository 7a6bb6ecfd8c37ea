"""The markdown reports pass markdownlint's default rules (line length aside), checked by the
real tool when node is there (``npx markdownlint-cli``); the structure checks of
test_report_helpers run everywhere."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from modelo_servicio.app.advisor import advise
from modelo_servicio.domain.brand import Brand
from modelo_servicio.domain.profile_io import load_profile
from modelo_servicio.knowledge import KnowledgeBase
from modelo_servicio.render.markdown import MarkdownFormat

from .conftest import PROFILES
from .test_report_helpers import DATE, FIXTURES


def _npx() -> list[str] | None:
    """``npx``, or npm's own ``npx-cli.js`` run by ``node`` where the node package ships npm
    without linking ``npx`` (NodeSource's build on Debian)."""
    found = shutil.which("npx")
    if found:
        return [found]
    node = shutil.which("node")
    if node is None:
        return None
    for root in (
        Path(node).resolve().parent.parent / "lib",
        Path("/usr/lib"),
        Path("/usr/local/lib"),
    ):
        script = root / "node_modules" / "npm" / "bin" / "npx-cli.js"
        if script.is_file():
            return [node, str(script)]
    return None


NPX = _npx()
LINTER = "markdownlint-cli@0.48.0"


@pytest.mark.skipif(NPX is None, reason="node (npx) is not installed")
def test_markdownlint_passes_on_every_report(kb: KnowledgeBase, tmp_path: Path) -> None:
    brand = Brand(name="Consultores *Norte*", contact="hola@norte.example", confidentiality="Conf")
    files = []
    sources = [*sorted(PROFILES.glob("*.yaml")), FIXTURES / "hybrid.yaml"]
    for path in sources:
        for lang in ("es", "en"):
            profile = load_profile(path, lang)
            result = advise(profile, kb, lang)
            for audience, mark in (("client", None), ("consultant", brand)):
                text = MarkdownFormat(DATE, kb, audience=audience, brand=mark).format(
                    result, profile
                )
                target = tmp_path / f"{path.stem}-{lang}-{audience}.md"
                target.write_text(text, encoding="utf-8")
                files.append(target.name)
    assert NPX is not None
    run = subprocess.run(
        [*NPX, "--yes", LINTER, "--disable", "MD013", "--", *files],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if run.returncode != 0 and "npm ERR" in run.stderr and "MD0" not in run.stderr:
        pytest.skip(f"markdownlint could not be installed: {run.stderr[-300:]}")
    assert run.returncode == 0, run.stdout + run.stderr
