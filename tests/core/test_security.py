"""Security headers, refused methods, error pages, and `beatbook check --deploy` on production settings."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.test import RequestFactory

from beatbook.core.views import bad_request, server_error

pytestmark = pytest.mark.django_db


def test_every_page_sends_the_security_headers(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_trace_is_refused(client):
    assert client.generic("TRACE", "/").status_code == 405


def test_a_missing_page_is_styled_with_a_way_back(client):
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page and 'href="/"' in page and "site-header" in page
    assert "Open Government Licence" in page


def test_the_500_page_has_the_site_around_it_and_no_traceback(rf_request):
    page = server_error(rf_request).content.decode()
    assert "something went wrong on our side" in page and "Traceback" not in page and "site-header" in page


def test_the_400_page(rf_request):
    response = bad_request(rf_request, ValueError("bad"))
    assert response.status_code == 400 and "could not be understood" in response.content.decode()


def test_an_expired_form_gets_a_page_that_says_so(personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403 and "This form has expired" in response.content.decode()


@pytest.fixture
def rf_request():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


def test_check_deploy_reports_nothing_on_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "beatbook.force.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "SECURE_HSTS_PRELOAD": "true",
        "SECURE_COOKIES": "true",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto=https",
    }
    result = subprocess.run(
        [sys.executable, "-m", "beatbook", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
