"""python-docx helpers for what it has no API for: hyperlinks, bookmarks, TOC and PAGE fields, image
alt text, document language, core properties and reproducible bytes (prose is `htpm.prose`).

- `oxml`: the WordprocessingML helpers; `writer.DocWriter`: headings, prose, links, endnotes, tables;
- `text`: XML-illegal characters, roman numerals;
- `styles`: style checks and brand recolouring (WCAG contrast); `package`: fixed zip timestamps.
"""
