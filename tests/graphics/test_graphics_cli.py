"""`htpm graphics` writes through the one writer; --watch regenerates on a change."""

from __future__ import annotations

import os
from pathlib import Path

from graphics_helpers import MakeCampaign, simple_layout
from typer.testing import CliRunner

from htpm.cli import app
from htpm.graphics.watch import watch, watched_files

runner = CliRunner()


def test_command_writes_a_subset_and_leaves_other_files(make_campaign: MakeCampaign, tmp_path: Path) -> None:
    campaign = make_campaign({"graphics": {"sizes": ["x", "facebook"]}})
    out = tmp_path / "dist"
    (out / "toolkit").mkdir(parents=True)
    (out / "toolkit" / "keep.txt").write_text("other output")
    result = runner.invoke(
        app, ["graphics", str(campaign.path), "-o", str(out), "--week", "2", "--size", "x"]
    )
    assert result.exit_code == 0, result.output
    assert "3 written" in result.output
    assert (out / "graphics" / "x" / "week-week2.png").is_file()
    assert (
        (out / "graphics" / "x" / "week-week2.alt.txt").read_text().startswith("National Water Safety Month")
    )
    assert not (out / "graphics" / "facebook").exists()
    assert (out / "toolkit" / "keep.txt").is_file()


def test_command_reports_user_errors_in_one_line(make_campaign: MakeCampaign, tmp_path: Path) -> None:
    from htpm.errors import HtpmError

    campaign = make_campaign()
    result = runner.invoke(app, ["graphics", str(campaign.path), "-o", str(tmp_path / "o"), "--week", "7"])
    assert result.exit_code != 0
    assert isinstance(result.exception, HtpmError)
    assert str(result.exception) == "--week: no week 7 (the campaign has weeks 1-5)"


def test_every_option_has_help() -> None:
    import typer.main

    command = typer.main.get_command(app).commands["graphics"]  # type: ignore[attr-defined]
    assert command.help
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert param.help, param.name


def test_watch_rebuilds_on_change_and_survives_mistakes(make_campaign: MakeCampaign, tmp_path: Path) -> None:
    campaign = make_campaign(
        {"graphics": {"sizes": ["instagram_square"], "layouts": ["test"]}},
        {"graphics/test.yaml": simple_layout()},
    )
    layout = tmp_path / "graphics" / "test.yaml"
    assert layout in watched_files(campaign) and campaign.path in watched_files(campaign)
    from htpm.config import load_campaign
    from htpm.graphics import render_graphics

    rendered: list[int] = []
    messages: list[str] = []

    def rebuild():  # type: ignore[no-untyped-def]
        loaded = load_campaign(campaign.path)
        rendered.append(len(render_graphics(loaded)))
        return loaded

    edits = {
        2: lambda: layout.write_text(simple_layout(text="{{ tagline }}")),  # a change: rebuild
        4: lambda: layout.write_text("title: [broken"),  # a mistake: reported, still watching
        6: lambda: layout.write_text(simple_layout()),  # fixed: rebuild
    }
    polls = iter(range(1, 100))

    def sleep(_seconds: float) -> None:
        step = next(polls)
        if step in edits:
            edits[step]()
            # make the change visible even on coarse clocks
            stat = layout.stat()
            os.utime(layout, ns=(stat.st_atime_ns, stat.st_mtime_ns + step * 1_000_000_000))

    builds = watch(
        rebuild, messages.append, initial=[campaign.path], interval=0, max_iterations=8, sleep=sleep
    )
    assert builds == 4  # the first, and one per edit (the broken one fails but counts)
    assert len(rendered) == 3
    assert any(m.startswith("changed: test.yaml") for m in messages)
    assert any(m.startswith("error: ") and "YAML syntax" in m for m in messages)
