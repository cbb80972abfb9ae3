"""python-docx helpers for what it has no API for: hyperlinks, bookmarks, TOC and PAGE fields, image
alt text, document language, core properties, reproducible bytes, and the config's Markdown subset.

- `oxml`: the WordprocessingML helpers; `writer.DocWriter`: headings, prose, links, endnotes, tables;
- `markdown`: the Markdown subset parsed into spans; `text`: XML-illegal characters, roman numerals;
- `styles`: style checks and brand recolouring (WCAG contrast); `package`: fixed zip timestamps.
"""
