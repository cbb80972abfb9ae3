"""Social media graphics from YAML layouts: every focus week at every size, with alt text.

`render_graphics(campaign, weeks=None, sizes=None)` returns the PNGs, their `.alt.txt` files and
the contact sheet as artifacts; `htpm.generators.graphics` is the build's generator and
`htpm.cli_graphics` the `htpm graphics` command. See docs/graphics.md for the layout format.
"""

from htpm.graphics.run import render_graphics

__all__ = ["render_graphics"]
