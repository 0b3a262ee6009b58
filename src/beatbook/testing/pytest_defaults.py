"""A pytest plugin (loaded with -p in pyproject.toml) that sets test-only settings.

It runs before pytest-django reads the settings, which a conftest.py would not: tests need
no secret of a deployment, and keep their files under var/test/.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("BEATBOOK_VAR_DIR", "var/test")
os.makedirs(os.environ["BEATBOOK_VAR_DIR"], exist_ok=True)
