"""Schemathesis generates requests from the OpenAPI schema of the police.uk methods (any string
in every parameter, form bodies for POST) against the shipped slice: no answer is a server error,
and every answer has a documented status and matches its documented schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def police_uk_schema(api):
    """The police.uk methods of beatbook's schema, served in process (WSGI) with the slice loaded.
    As Django's test client does, requests keep the test's database connection open."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
        yield schema.include(tag_regex=r"^police\.uk")
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_no_generated_request_gets_a_server_error(police_uk_schema):
    # schemathesis' own pytest plugin does not run under pytest 9: each operation gets its own
    # hypothesis test here instead.
    operations = [result.ok() for result in police_uk_schema.get_all_operations()]
    assert len(operations) == 23  # 18 data methods (crimes-street by GET and by POST), 4 of the team
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
        def generated(case):
            case.call_and_validate(checks=CHECKS)

        generated()
