"""One in-memory build of the small water-safety campaign for the site's tests (the same
`generate_all` as `htpm build`), and its site written to a folder for the browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from htpm.artifacts import Artifact, BuildContext
from htpm.build import generate_all
from htpm.campaign import Campaign
from htpm.generators import select


@pytest.fixture(scope="session")
def water_build(water_safety: Campaign) -> list[Artifact]:
    return generate_all(water_safety, select(None), BuildContext())


@pytest.fixture(scope="session")
def site_files(water_build: list[Artifact]) -> dict[str, bytes]:
    return {a.path.removeprefix("site/"): a.data for a in water_build if a.path.startswith("site/")}


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, water_build: list[Artifact]) -> Path:
    """The build written as `htpm build` writes it (the site is at DIR/site/)."""
    from htpm.outputs import write_artifacts

    out = tmp_path_factory.mktemp("dist")
    write_artifacts(water_build, out)
    return out / "site"
