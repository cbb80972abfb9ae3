"""Text fitting: the largest font size at which a text fits its box, with balanced line breaks.

- Lines break at spaces, after a slash ("Audiences/Resources") and at explicit newlines. A word
  is hyphenated only when it is wider than the box even at the smallest size (Spanish runs
  longer than English: "concientización"), at the points of the language's hyphenation
  dictionary (pyphen's, shipped with it; no dictionary for the language: no hyphenation), each
  piece as long as fits, with a hyphen at the end of the line.
- At a given size a paragraph takes the fewest lines it can; those lines are then balanced: the
  longest line is made as short as possible and the lines as even as possible, and a last line
  holding a single word is avoided whenever another break exists (no orphan).
- The block's height is the first line's ascent, the line pitch between lines and the last line's
  descent, so accents and descenders always stay inside the box.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import pyphen

from htpm.graphics.fonts import load_font


@dataclass(frozen=True)
class Fitted:
    """A text set at one size: its lines, their widths, and the block's measures in pixels."""

    size: int
    lines: tuple[str, ...]
    widths: tuple[float, ...]
    pitch: float  # baseline to baseline
    ascent: float
    descent: float

    @property
    def height(self) -> float:
        return self.ascent + self.pitch * (len(self.lines) - 1) + self.descent


class DoesNotFit(Exception):
    """The text cannot fit the box at the smallest size allowed; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def text_width(text: str, font_path: str, size: int, tracking: float = 0.0) -> float:
    """Advance width of one line; `tracking` adds that many ems between letters."""
    return _width(text, font_path, size, tracking)


@lru_cache(maxsize=65536)
def _width(text: str, font_path: str, size: int, tracking: float) -> float:
    font = load_font(font_path, size)
    if not tracking:
        return float(font.getlength(text))
    return sum(font.getlength(ch) for ch in text) + tracking * size * max(len(text) - 1, 0)


def fit(
    text: str,
    font_path: str,
    box: tuple[float, float],
    sizes: tuple[int, int],
    max_lines: int,
    line_height: float = 1.15,
    tracking: float = 0.0,
    language: str | None = None,
) -> Fitted:
    """The largest size in `sizes` (min, max) at which `text` fits `box` (width, height) in at most
    `max_lines` lines; hyphenated in `language` (e.g. 'es-US') only when no size fits otherwise.
    Raises DoesNotFit with the reason at the minimum size."""
    try:
        return _fit(text, font_path, box, sizes, max_lines, line_height, tracking, None)
    except DoesNotFit:
        if _dictionary(language) is None:
            raise
        return _fit(text, font_path, box, sizes, max_lines, line_height, tracking, language)


def _fit(
    text: str,
    font_path: str,
    box: tuple[float, float],
    sizes: tuple[int, int],
    max_lines: int,
    line_height: float,
    tracking: float,
    language: str | None,
) -> Fitted:
    smallest, largest = sizes
    paragraphs = [tokens(p) for p in text.split("\n")]
    paragraphs = [words for words in paragraphs if words]
    best = _try(paragraphs, font_path, box, smallest, max_lines, line_height, tracking, language)
    if isinstance(best, str):
        raise DoesNotFit(best)
    lo, hi = smallest, largest  # fits(lo) holds; find the largest size that fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        attempt = _try(paragraphs, font_path, box, mid, max_lines, line_height, tracking, language)
        if isinstance(attempt, str):
            hi = mid - 1
        else:
            lo, best = mid, attempt
    return best


def tokens(paragraph: str) -> list[str]:
    """Break opportunities: words, and word parts after a slash. A token that starts with a space
    is joined to the one before it with that space; others are joined directly."""
    out: list[str] = []
    for word in paragraph.split():
        parts = word.split("/")
        pieces = [p + "/" for p in parts[:-1]] + [parts[-1]]
        pieces = [p for p in pieces if p]
        for k, piece in enumerate(pieces):
            out.append((" " + piece) if out and k == 0 else piece)
    return out


def join(words: list[str]) -> str:
    return "".join(words).lstrip(" ")


def _try(
    paragraphs: list[list[str]],
    font_path: str,
    box: tuple[float, float],
    size: int,
    max_lines: int,
    line_height: float,
    tracking: float,
    language: str | None = None,
) -> Fitted | str:
    """The text set at `size`, or the reason it does not fit."""
    width, height = box
    lines: list[str] = []
    for words in paragraphs:
        if language is not None:
            words = _hyphenated(words, language, lambda s: _width(s, font_path, size, tracking), width)
        for word in words:
            if _width(word.strip(), font_path, size, tracking) > width:
                return f"the word {word.strip()!r} is wider than the box at {size} px"
        count = _fewest_lines(words, font_path, size, tracking, width)
        lines.extend(balance(words, count, lambda s: _width(s, font_path, size, tracking), width))
    if len(lines) > max_lines:
        return f"it needs {len(lines)} lines at {size} px and the box allows {max_lines}"
    font = load_font(font_path, size)
    ascent, descent = font.getmetrics()
    fitted = Fitted(
        size=size,
        lines=tuple(lines),
        widths=tuple(_width(line, font_path, size, tracking) for line in lines),
        pitch=size * line_height,
        ascent=float(ascent),
        descent=float(descent),
    )
    if fitted.height > height:
        return (
            f"{len(lines)} lines at {size} px are {fitted.height:.0f} px tall and the box is {height:.0f} px"
        )
    return fitted


@cache
def _dictionary(language: str | None) -> pyphen.Pyphen | None:
    """The hyphenation dictionary pyphen ships for a locale ('es-US' -> es), or None."""
    if not language:
        return None
    found = pyphen.language_fallback(language.replace("-", "_"))
    return pyphen.Pyphen(lang=found) if found else None


def _hyphenated(words: list[str], language: str, measure, width: float) -> list[str]:  # type: ignore[no-untyped-def]
    """`words` with each word wider than `width` split at hyphenation points into pieces that fit,
    each as long as it can be: a piece ends in '-' and the next is joined to it without a space."""
    dictionary = _dictionary(language)
    if dictionary is None:
        return words
    out: list[str] = []
    for token in words:
        word = token.lstrip(" ")
        lead = token[: len(token) - len(word)]
        if measure(word) <= width:
            out.append(token)
            continue
        pieces, rest = [], word
        while measure(rest) > width:
            points = [p for p in dictionary.positions(rest) if measure(rest[:p] + "-") <= width]
            if not points:
                break  # no point makes a piece narrow enough: the caller reports the word
            cut = max(points)
            pieces.append(rest[:cut] + "-")
            rest = rest[cut:]
        pieces.append(rest)
        out.append(lead + pieces[0])
        out.extend(pieces[1:])
    return out


def _fewest_lines(words: list[str], font_path: str, size: int, tracking: float, width: float) -> int:
    """Greedy filling gives the fewest lines a paragraph can take at this width."""
    count, current = 1, words[0]
    for word in words[1:]:
        candidate = current + word
        if _width(candidate, font_path, size, tracking) <= width:
            current = candidate
        else:
            count, current = count + 1, word.lstrip(" ")
    return count


def balance(words: list[str], count: int, measure, width: float) -> list[str]:  # type: ignore[no-untyped-def]
    """Break `words` (see `tokens`) into `count` lines no wider than `width`, as evenly as possible.

    First the smallest possible longest line (with at least two words on the last line when the
    paragraph has enough words for that), then, under that width, the least squared slack.
    """
    n = len(words)
    if count <= 1 or n <= 1:
        return [join(words)]
    count = min(count, n)

    @cache
    def line(i: int, j: int) -> float:
        return measure(join(words[i:j]))

    def min_max(last_min_words: int) -> float:
        # best[k][i]: smallest possible longest line setting words[i:] in k lines
        inf = float("inf")
        best = [[inf] * (n + 1) for _ in range(count + 1)]
        for i in range(n - last_min_words + 1):
            best[1][i] = line(i, n)
        for k in range(2, count + 1):
            for i in range(n):
                for j in range(i + 1, n - k + 2):
                    longest = max(line(i, j), best[k - 1][j])
                    if longest < best[k][i]:
                        best[k][i] = longest
        return best[count][0]

    last_min = 2 if n >= count + 1 else 1
    cap = min_max(last_min)
    if cap > width and last_min == 2:
        last_min, cap = 1, min_max(1)
    cap = max(cap, 0.0) + 1e-6

    # least squared slack under the cap, same constraint on the last line
    inf = float("inf")
    cost = [[inf] * (n + 1) for _ in range(count + 1)]
    choice = [[0] * (n + 1) for _ in range(count + 1)]
    for i in range(n - last_min + 1):
        w = line(i, n)
        if w <= cap:
            cost[1][i] = (cap - w) ** 2
    for k in range(2, count + 1):
        for i in range(n):
            for j in range(i + 1, n - k + 2):
                w = line(i, j)
                if w > cap or cost[k - 1][j] == inf:
                    continue
                total = (cap - w) ** 2 + cost[k - 1][j]
                if total < cost[k][i]:
                    cost[k][i], choice[k][i] = total, j
    lines, i = [], 0
    for k in range(count, 1, -1):
        j = choice[k][i]
        lines.append(join(words[i:j]))
        i = j
    lines.append(join(words[i:]))
    return lines
