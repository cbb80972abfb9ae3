"""The parser: what each construct of the subset becomes in the tree; properties of every output."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from htpm.prose import (
    BulletList,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    ListItem,
    NoteRef,
    OrderedList,
    Paragraph,
    Prose,
    Strong,
    Text,
    check_prose,
    is_safe_target,
    links,
    parse,
    parse_inline,
    parse_plain,
    plain,
    to_html,
    to_markdown,
    to_text,
)
from htpm.prose.tree import paragraphs


def test_inline_markup() -> None:
    assert parse_inline("a **b** *c* _d_ __e__ [f](https://x.org/f) g[^n1]") == (
        Text("a "),
        Strong((Text("b"),)),
        Text(" "),
        Emphasis((Text("c"),)),
        Text(" "),
        Emphasis((Text("d"),)),
        Text(" "),
        Strong((Text("e"),)),
        Text(" "),
        Link("https://x.org/f", (Text("f"),)),
        Text(" g"),
        NoteRef("n1"),
    )


def test_links_keep_brackets_in_addresses_and_bold_inside() -> None:
    assert parse_inline("[**A** b](https://en.x.org/a_(b))") == (
        Link("https://en.x.org/a_(b)", (Strong((Text("A"),)), Text(" b"))),
    )


def test_bare_addresses_and_domains_are_linked_without_trailing_punctuation() -> None:
    assert parse_inline("See (https://a.org/x_y.html). Or b.org/pools, or c.example.org.") == (
        Text("See ("),
        Link("https://a.org/x_y.html", (Text("https://a.org/x_y.html"),)),
        Text("). Or "),
        Link("https://b.org/pools", (Text("b.org/pools"),)),
        Text(", or "),
        Link("https://c.example.org", (Text("c.example.org"),)),
        Text("."),
    )
    # a post is plain text, but its addresses are links by the same rule
    assert parse_plain("visit parks.example.org/pools #SwimSmart\n**not bold**") == (
        Text("visit "),
        Link("https://parks.example.org/pools", (Text("parks.example.org/pools"),)),
        Text(" #SwimSmart"),
        LineBreak(),
        Text("**not bold**"),
    )
    # not inside a link's label; inline code is plain words, so linked like any others
    assert parse_inline("[see a.org](https://b.org) `c.org`") == (
        Link("https://b.org", (Text("see a.org"),)),
        Text(" "),
        Link("https://c.org", (Text("c.org"),)),
    )


def test_escapes_lone_stars_and_unsafe_links_stay_words() -> None:
    assert parse_inline(r"5 \* 3 and 2 * 4 and \[x] and \[^n]") == (Text("5 * 3 and 2 * 4 and [x] and [^n]"),)
    assert parse_inline("[link to proclamation]") == (Text("[link to proclamation]"),)
    assert parse_inline("[x](javascript:alert(1))") == (Text("x"),)
    assert links(parse("[a](https://a.org) and [b](javascript:x) and [c](page.html)")) == ["https://a.org"]


def test_blocks_paragraphs_lists_and_breaks() -> None:
    prose = parse(
        "One\nline.  \nBroken.\n\n- first\n  continued\n* second\n\n7. seven\n   1. nested\n\nLast."
    )
    assert prose.blocks == (
        Paragraph((Text("One line."), LineBreak(), Text("Broken."))),
        BulletList((ListItem((Paragraph((Text("first continued"),)),)),)),
        BulletList((ListItem((Paragraph((Text("second"),)),)),)),  # a new marker starts a new list
        OrderedList(
            (
                ListItem(
                    (Paragraph((Text("seven"),)), OrderedList((ListItem((Paragraph((Text("nested"),)),)),)))
                ),
            ),
            start=7,
        ),
        Paragraph((Text("Last."),)),
    )
    assert plain(parse("**Bold**[^x] and [t](https://a.org)\n\n- item")) == "Bold and t (https://a.org) item"


def test_control_characters_never_reach_an_output() -> None:
    prose = parse("bell\x07 and\x00 nul\x1b")
    assert prose == parse("bell and nul")


def test_renderers_agree_on_notes_numbered_by_first_use() -> None:
    prose = parse("a[^x] b[^y] c[^x]")
    assert to_html(prose) == "<p>a<sup>1</sup> b<sup>2</sup> c<sup>1</sup></p>"
    assert to_text(prose) == "a[1] b[2] c[1]"
    assert to_markdown(prose) == "a[^x] b[^y] c[^x]"


# -- properties -------------------------------------------------------------------------------
_ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "sup"}
_ALLOWED_ATTRS = {("a", "href"), ("ol", "start")}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


_PIECES = [*"ab .:/*_[]()<>!#`\\-+1^\n\t&;\"'=", "http://", "javascript:", "x.org", "  \n", "{", "}"]
_MARKDOWNISH = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), _MARKDOWNISH))
def test_any_text_parses_and_renders_without_raw_html_or_unsafe_links(text: str) -> None:
    prose = parse(text)
    check_prose(text)
    to_text(prose)
    parse_plain(text)
    html = to_html(prose)
    reader = _Tags()
    reader.feed(html)
    for tag, attrs in reader.tags:
        assert tag in _ALLOWED_TAGS, html
        for name, value in attrs:
            assert (tag, name) in _ALLOWED_ATTRS, html
            if name == "href":
                assert value is not None and is_safe_target(value), html
    assert all(is_safe_target(url) for url in links(prose))


@settings(max_examples=300, deadline=None)
@given(_MARKDOWNISH)
def test_markdown_output_reads_back_as_the_same_tree(text: str) -> None:
    assume(not check_prose(text))  # what is outside the subset degrades; the subset round-trips
    prose = parse(text)
    # Known limit: emphasis inside a word around a link (`a*x.org*`) cannot be written back,
    # since CommonMark does not open `*` between a letter and `[`.
    assume(not _intraword_emphasis_around_link(prose))
    assert parse(to_markdown(prose)) == prose


def _intraword_emphasis_around_link(prose: Prose) -> bool:
    def walk(inlines: tuple[Inline, ...]) -> bool:
        for index, node in enumerate(inlines):
            if isinstance(node, Strong | Emphasis):
                edges = (node.children[:1] + node.children[-1:]) if node.children else ()
                before = inlines[index - 1] if index else None
                after = inlines[index + 1] if index + 1 < len(inlines) else None
                wordy = (isinstance(before, Text) and before.text[-1:].isalnum()) or (
                    isinstance(after, Text) and after.text[:1].isalnum()
                )
                if wordy and any(isinstance(e, Link | Strong | Emphasis) for e in edges):
                    return True
                if walk(node.children):
                    return True
            elif isinstance(node, Link) and walk(node.children):
                return True
        return False

    return any(walk(p.children) for p in paragraphs(prose.blocks))
