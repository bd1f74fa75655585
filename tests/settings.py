"""Test settings: the production settings with test-only overrides, nothing else."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("CABLEWATCH_TESTING", "1")
os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("CABLEWATCH_VAR_DIR", tempfile.mkdtemp(prefix="cablewatch-test-"))

from cablewatch.settings import *  # noqa: F403

# Hashing passwords with the real hasher would dominate the run time of the suite.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LANGUAGE_CODE = "zh-hans"
