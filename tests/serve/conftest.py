"""The serve tests share the site tests' one in-memory build."""

from tests.site.conftest import site_dir, site_files, water_build  # noqa: F401
