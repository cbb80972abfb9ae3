"""The static site opened from disk in Chromium: no console error, every image loads, a copy
button puts the post on the clipboard, each counter is htpm's own count, and axe-core finds no
serious or critical violation at desktop and phone widths."""

from __future__ import annotations

from pathlib import Path

import pytest

from htpm.campaign import Campaign
from htpm.social.posts import platform_limits
from tests.site.conftest import Watched, images_loaded, serious_violations

PAGES = (
    "index.html",
    "toolkit.html",
    "week-1.html",
    "graphics.html",
    "copy.html",
    "calendar.html",
    "downloads.html",
)


@pytest.mark.parametrize("width", [1280, 375])
def test_pages_load_cleanly_and_pass_axe(browser, site_dir: Path, axe_source: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        for name in PAGES:
            watched = Watched(context.new_page())
            watched.page.goto((site_dir / name).as_uri())
            assert images_loaded(watched.page) == [], name
            assert watched.errors == [], name  # before axe, whose own requests fail on file://
            assert serious_violations(watched.page, axe_source) == [], name
            overflow = watched.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (name, width, overflow)
            watched.page.close()
    finally:
        context.close()


def test_nothing_scrolls_sideways_at_320_px(browser, site_dir: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        for name in PAGES:
            page.goto((site_dir / name).as_uri())
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (name, overflow)
    finally:
        context.close()


def test_a_copy_button_puts_the_post_on_the_clipboard(browser, site_dir: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((site_dir / "week-1.html").as_uri())
        post = page.locator("li.post").nth(1)
        expected = post.locator(".post-text").text_content()
        post.locator("button.copy").click()
        page.wait_for_function(
            "() => document.querySelector('li.post:nth-child(2) .copy-status, .copy-status:not(:empty)')"
        )
        page.evaluate(
            "() => { const t = document.createElement('textarea'); t.id = 'paste'; document.body.append(t); }"
        )
        page.locator("#paste").focus()
        page.keyboard.press("Control+V")
        assert page.locator("#paste").input_value() == expected
        assert post.locator(".copy-status").text_content() == "Copied"
    finally:
        context.close()


def test_each_counter_is_htpms_count_of_the_text_shown(
    browser, site_dir: Path, water_safety: Campaign
) -> None:  # type: ignore[no-untyped-def]
    limits = platform_limits(water_safety)
    page = browser.new_page()
    try:
        page.goto((site_dir / "week-1.html").as_uri())
        posts = page.evaluate(
            """() => Array.from(document.querySelectorAll('li.post')).map(li => ({
                platform: li.querySelector('.post-text').dataset.platform,
                text: li.querySelector('.post-text').textContent,
                shown: li.querySelector('.count').textContent,
                length: Number(li.querySelector('.count').dataset.length)}))"""
        )
        assert len(posts) > 5
        for post in posts:
            counted = limits[post["platform"]].length(post["text"])
            assert post["length"] == counted, post
            assert post["shown"].startswith(f"{counted} of {limits[post['platform']].limit}"), post
    finally:
        page.close()


def test_keyboard_focus_is_visible(browser, site_dir: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    try:
        page.goto((site_dir / "week-1.html").as_uri())
        outlines = []
        for _ in range(4):  # the skip link, then the banner's and the navigation's links
            page.keyboard.press("Tab")
            outlines.append(
                page.evaluate(
                    "() => { const s = getComputedStyle(document.activeElement);"
                    " return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }"
                )
            )
        assert all(style != "none" and width >= 2 for _tag, style, width in outlines), outlines
        assert outlines[0][0] == "A" and page.evaluate("() => document.activeElement.isConnected")
    finally:
        page.close()
