"""Settings from the environment fail loudly on a malformed value."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from beatbook.core.env import env_bool, env_int, env_list


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("", False),
    ],
)
def test_booleans(monkeypatch, raw, value):
    monkeypatch.setenv("BEATBOOK_FLAG", raw)
    assert env_bool("BEATBOOK_FLAG", default=not value) is value


def test_malformed_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "flase")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='flase' is not a boolean"):
        env_bool("DEBUG")


def test_malformed_int_names_the_variable(monkeypatch):
    monkeypatch.setenv("DB_CONN_MAX_AGE", "ten")
    with pytest.raises(ImproperlyConfigured, match="DB_CONN_MAX_AGE='ten' is not a whole number"):
        env_int("DB_CONN_MAX_AGE", 0)


def test_defaults_and_lists(monkeypatch):
    monkeypatch.delenv("BEATBOOK_UNSET", raising=False)
    assert env_int("BEATBOOK_UNSET", 7) == 7 and env_bool("BEATBOOK_UNSET", True) is True
    monkeypatch.setenv("ALLOWED_HOSTS", " a.example , ,b.example")
    assert env_list("ALLOWED_HOSTS", []) == ["a.example", "b.example"]


def test_settings_refuse_to_start_without_a_secret_key(tmp_path):
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "BEATBOOK_VAR_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "beatbook", "check"], env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "SECRET_KEY is not set" in result.stderr


def test_embedded_database_folder_is_created(tmp_path):
    import subprocess
    import sys

    var_dir = tmp_path / "fresh" / "var"
    env = {"PATH": "/usr/bin:/bin", "BEATBOOK_VAR_DIR": str(var_dir), "SECRET_KEY": "x"}
    result = subprocess.run(
        [sys.executable, "-m", "beatbook", "migrate", "-v0"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert (var_dir / "beatbook.sqlite3").is_file()


def test_proxy_ssl_header_reads_name_equals_value():
    from beatbook.core.env import proxy_ssl_header

    assert proxy_ssl_header("X-Forwarded-Proto=https") == ("HTTP_X_FORWARDED_PROTO", "https")
    assert proxy_ssl_header("") is None
    with pytest.raises(ImproperlyConfigured, match="SECURE_PROXY_SSL_HEADER"):
        proxy_ssl_header("X-Forwarded-Proto")


def test_email_backend_names_the_choices():
    from beatbook.core.env import email_backend

    assert email_backend("console").endswith("console.EmailBackend")
    with pytest.raises(ImproperlyConfigured, match="smtp, console"):
        email_backend("pigeon")


def test_tile_origins_allow_the_tile_server_in_the_content_security_policy():
    from beatbook.core.env import tile_origins

    assert tile_origins("https://{s}.tiles.force.example/{z}/{x}/{y}.png") == ["https://*.tiles.force.example"]
    assert tile_origins("") == []
    with pytest.raises(ImproperlyConfigured, match="BEATBOOK_MAP_TILES_URL"):
        tile_origins("tiles/{z}/{x}/{y}.png")


def test_env_int_refuses_a_value_below_its_minimum(monkeypatch):
    monkeypatch.setenv("BEATBOOK_LOGIN_FAILURES_PER_ACCOUNT", "0")
    with pytest.raises(ImproperlyConfigured, match="below its minimum, 1"):
        env_int("BEATBOOK_LOGIN_FAILURES_PER_ACCOUNT", 5, minimum=1)


def test_a_misspelt_two_factor_role_is_an_error(settings):
    from beatbook.core.checks import two_factor_roles_are_roles

    settings.BEATBOOK_TWO_FACTOR_ROLES = ["admin", "intelligance"]
    errors = two_factor_roles_are_roles(None)
    assert [e.id for e in errors] == ["beatbook.E001"] and "intelligance" in errors[0].msg
