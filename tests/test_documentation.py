"""Every setting and every command is documented in the README; the modules the docs name exist."""

from __future__ import annotations

import re

import click

from beatbook.cli import main
from tests.conftest import PROJECT_DIR

README = (PROJECT_DIR / "README.md").read_text()


def _command_paths(group: click.Group, prefix: str = "beatbook") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        paths += _command_paths(command, path) if isinstance(command, click.Group) else [path]
    return paths


def test_every_setting_is_in_the_readme():
    settings_source = (PROJECT_DIR / "src" / "beatbook" / "settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', settings_source))
    assert len(names) >= 10
    missing = sorted(n for n in names if f"`{n}`" not in README)
    assert missing == []


def test_every_command_is_in_the_readme():
    paths = _command_paths(main)
    assert "beatbook ingest" in paths and "beatbook geography load" in paths
    missing = [p for p in paths if f"`{p}" not in README]
    assert missing == []


def test_the_crime_modules_named_in_its_comments_and_adrs_exist():
    """A comment or ADR naming `crime.<module>` points at a module that is there."""
    import importlib.util

    texts = [p.read_text() for p in (PROJECT_DIR / "src" / "beatbook" / "crime").rglob("*.py")]
    texts += [p.read_text() for p in (PROJECT_DIR / "docs" / "adr").glob("*.md")]
    named = {m for text in texts for m in re.findall(r"[(`]crime\.([a-z_]+)[)`,]", text)}
    assert "plain_lines" in named
    missing = sorted(m for m in named if importlib.util.find_spec(f"beatbook.crime.{m}") is None)
    assert missing == []
