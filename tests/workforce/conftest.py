import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded photos go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def run_cli_inline():
    """Run a `beatbook` command in this process (it sees the test's database transaction)."""
    from click.testing import CliRunner

    from beatbook.cli import main

    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))
