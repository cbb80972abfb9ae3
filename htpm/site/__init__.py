"""The kit as a website: the pages of `site/` (`pages`), the toolkit written as HTML through the
document's own walk (`toolkit`), prose with linked endnotes (`prose`), the colours checked for
contrast (`colours`) and the locales' folders (`locales`). The generator is htpm.generators.site."""
