from __future__ import annotations

import pytest

from cablewatch.lib.env import ConfigError, envbool, envint, envsecret


def test_it_refuses_a_boolean_it_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CW_FLAG", "perhaps")
    with pytest.raises(ConfigError, match="CW_FLAG"):
        envbool("CW_FLAG", False)


def test_it_refuses_a_number_it_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CW_N", "ten")
    with pytest.raises(ConfigError, match="CW_N"):
        envint("CW_N", 1)


def test_it_reads_a_secret_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "key"
    secret.write_text("s3cret\n")
    monkeypatch.delenv("CW_KEY", raising=False)
    monkeypatch.setenv("CW_KEY_FILE", str(secret))
    assert envsecret("CW_KEY") == "s3cret"
