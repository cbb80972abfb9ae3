"""What `htpm serve` shows beside the site: the review data of one in-memory build, and the
toolkit and proclamation as page images when LibreOffice is installed."""

from __future__ import annotations

import shutil

import pytest

from htpm.artifacts import Artifact
from htpm.campaign import Campaign
from htpm.serve.kit import Kit, page_images
from htpm.serve.review import inject


def _kit(campaign: Campaign, artifacts: list[Artifact]) -> Kit:
    return Kit(
        campaign=campaign,
        files={a.path.removeprefix("site/"): a.data for a in artifacts if a.path.startswith("site/")},
        documents={a.path: a.data for a in artifacts if not a.path.startswith("site/")},
    )


def test_the_review_panel_is_after_main_and_lists_what_it_has(water_safety: Campaign, water_build) -> None:  # type: ignore[no-untyped-def]
    from htpm.serve.kit import Flag

    kit = _kit(water_safety, water_build)
    kit.flags = [Flag("config.yaml:3:4", "warning", "some-rule", "a message", "Swim")]
    kit.fill_ins = [("date", "config.yaml:9")]
    kit.left_out = ["config.yaml:12:5: week 1 on X: 300 characters, limit 280; left out of X"]
    page = inject(kit.files["index.html"].decode(), kit, [], water_safety.labels_of("site"), "none", 3)
    after_main = page.split("</main>", 1)[1]
    assert '<aside class="htpm-review"' in after_main
    for text in (
        "config.yaml:3:4",
        "some-rule",
        "{date}",
        "config.yaml:9",
        "left out of X",
        "Lint findings (1)",
    ):
        assert text in after_main
    assert '"generation": 3' in page and '"match": "Swim"' in page


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm")), reason="needs LibreOffice and poppler"
)
def test_page_images_of_the_toolkit_and_proclamation(water_safety: Campaign, water_build) -> None:  # type: ignore[no-untyped-def]
    import io

    from PIL import Image

    images = page_images(_kit(water_safety, water_build), resolution=20)
    assert set(images) == {"toolkit.docx", "proclamation/proclamation.docx"}
    assert len(images["toolkit.docx"]) >= 3 and len(images["proclamation/proclamation.docx"]) == 1
    with Image.open(io.BytesIO(images["toolkit.docx"][0])) as first:
        assert first.format == "PNG" and first.width > 100


def test_a_rebuild_after_a_post_edit_draws_no_graphic(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The preview keeps the previous build's drawn graphics (by their inputs' hash), and only
    what the last build used: a post edit redraws nothing, a new week title redraws that week's."""

    import htpm.graphics.run
    import htpm.pdf
    from htpm.serve.kit import rebuild
    from tests.incremental.kit import base_config, write_campaign

    monkeypatch.setattr(htpm.pdf, "find_soffice", lambda: None)
    drawn: list[int] = []
    draw = htpm.graphics.run._draw_all

    def counting(selected, workers):  # type: ignore[no-untyped-def]
        drawn.append(sum(len(graphics) for _, graphics in selected))
        return draw(selected, workers)

    monkeypatch.setattr(htpm.graphics.run, "_draw_all", counting)
    data = base_config()
    config = write_campaign(tmp_path, data)
    first = rebuild(config, None)
    data["weeks"][0]["sections"][0]["posts"][0]["text"] += " Every day."
    write_campaign(tmp_path, data)
    second = rebuild(config, None, first)
    data["weeks"][1]["title"] += " Now"
    write_campaign(tmp_path, data)
    third = rebuild(config, None, second)
    assert drawn[0] > 0 and drawn[1] == 0
    assert 0 < drawn[2] < drawn[0]  # the second week's graphics only
    assert second.files["index.html"] != first.files["index.html"] or second.documents != first.documents
    assert len(third.memo._fresh) == len(first.memo._fresh)  # one build's graphics, not three builds'
