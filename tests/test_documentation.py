"""Every setting and every command is documented in the README."""

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
