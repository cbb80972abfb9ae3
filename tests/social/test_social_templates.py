"""Templates are untrusted: the sandbox refuses escapes, the search path confines includes,
a misspelt variable names the template file and line, and a campaign folder can override one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from htpm.errors import HtpmError
from htpm.generators import social
from htpm.templating import make_env, render
from tests.social.conftest import context

ESCAPES = [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ().__class__.__bases__[0].__subclasses__() }}",
    "{{ ''|attr('__class__') }}",
    "{{ x|attr('__class__')|attr('__base__') }}",
    "{{ '{0.__class__}'.format(x) }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(s) }}",
    "{{ '{a.__class__}'.format_map({'a': x}) }}",
    "{{ range.__globals__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ x.__len__ }}",
    "{{ x.append(1) }}",
    "{% set _ = x.append(1) %}",
    "{{ x.pop() }}",
    "{{ d.update({'a': 1}) }}",
    "{{ d.clear() }}",
    "{% do x.append(1) %}",
    "{{ config }}",
    "{{ request.application }}",
    "{{ s.__class__.__dict__ }}",
    "{{ (s.upper).__self__ }}",
    "{% for c in ''.__class__.__mro__ %}{{ c }}{% endfor %}",
    "{% include '../outside.j2' %}",
    "{% include '/etc/passwd' %}",
    "{% import '../outside.j2' as m %}",
    "{% extends '../outside.j2' %}",
]


@pytest.fixture
def sandbox(tmp_path: Path) -> tuple[Path, Path]:
    templates = tmp_path / "templates"
    templates.mkdir()
    (tmp_path / "outside.j2").write_text("SECRET", encoding="utf-8")
    return tmp_path, templates


@pytest.mark.parametrize("source", ESCAPES)
def test_sandbox_escapes_are_refused(sandbox: tuple[Path, Path], source: str) -> None:
    _root, templates = sandbox
    (templates / "t.html.j2").write_text(source, encoding="utf-8")
    context = {"x": [1, 2], "s": "text", "d": {"k": "v"}}
    with pytest.raises(HtpmError) as info:
        render(make_env([templates]), "t.html.j2", context)
    assert "SECRET" not in str(info.value)
    assert context == {"x": [1, 2], "s": "text", "d": {"k": "v"}}  # nothing was changed


def test_misspelt_variable_names_file_and_line(sandbox: tuple[Path, Path]) -> None:
    _root, templates = sandbox
    (templates / "t.md.j2").write_text("line one\n\n{{ obsrvance }}\n", encoding="utf-8")
    with pytest.raises(HtpmError) as info:
        render(make_env([templates]), "t.md.j2", {"observance": "x"})
    message = str(info.value)
    assert "'obsrvance' is undefined" in message
    assert f"{templates / 't.md.j2'}:3" in message


def test_html_is_escaped_text_is_not(sandbox: tuple[Path, Path]) -> None:
    _root, templates = sandbox
    (templates / "a.html.j2").write_text("{{ v }}", encoding="utf-8")
    (templates / "a.txt.j2").write_text("{{ v }}", encoding="utf-8")
    env = make_env([templates])
    assert render(env, "a.html.j2", {"v": "<b>&"}) == "&lt;b&gt;&amp;"
    assert render(env, "a.txt.j2", {"v": "<b>&"}) == "<b>&"


def test_symlink_out_of_the_search_path_is_refused(sandbox: tuple[Path, Path]) -> None:
    root, templates = sandbox
    os.symlink(root / "outside.j2", templates / "link.j2")
    with pytest.raises(HtpmError):
        render(make_env([templates]), "link.j2", {})


@pytest.mark.parametrize("source", ["{{ 'a' * 10**7 }}", "{{ 2**200000 }}"])
def test_arithmetic_cannot_exhaust_memory(sandbox: tuple[Path, Path], source: str) -> None:
    _root, templates = sandbox
    (templates / "big.j2").write_text(source, encoding="utf-8")
    with pytest.raises(HtpmError):
        render(make_env([templates]), "big.j2", {})


def test_campaign_folder_overrides_posts_template(make_campaign) -> None:  # noqa: ANN001
    campaign = make_campaign()
    override = campaign.path.parent / "social" / "posts.md.j2"
    override.parent.mkdir()
    override.write_text("{% for w in weeks %}{{ w.title }};{% endfor %}\n", encoding="utf-8")
    files = {a.path: a.data for a in social.generate(campaign, context())}
    assert files["social/posts.md"] == b"Learn to Swim;Life Jackets;Watch the Water;Lifeguards;Safe Summer;"


def test_broken_override_is_a_one_line_error(make_campaign) -> None:  # noqa: ANN001
    campaign = make_campaign()
    override = campaign.path.parent / "social" / "posts.md.j2"
    override.parent.mkdir()
    override.write_text("{% for w in weeks %}\n{{ w.titel }}\n{% endfor %}\n", encoding="utf-8")
    with pytest.raises(HtpmError) as info:
        social.generate(campaign, context())
    assert f"{override}:2" in str(info.value) and "\n" not in str(info.value)
