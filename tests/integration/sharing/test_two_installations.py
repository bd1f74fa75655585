"""Two installations on loopback (two processes, two SQLite databases) exchange a failure
notice; the receiver is stopped and started again in the middle and the notice still
arrives exactly once; a bad signature, a replay and a malformed message are refused or
ignored."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import httpx
import pytest

CLI = str(Path(sys.executable).with_name("cablewatch"))
PUBLISH = """
from django.db import transaction
from cablewatch.base.events import Event, publish
payload = {"sample_id": "S-77", "report_number": "R-77", "verdict": "fail",
           "failed_items": ["导体电阻"], "enterprise_id": 1, "enterprise_name": "秦川",
           "credit_code": "", "enterprise_division": "440606", "plan_division": "610000",
           "result_date": "2026-11-20"}
with transaction.atomic():
    publish(Event("spotcheck.result.final", payload, division_code="440606"))
"""
BUILD = """
import json
from cablewatch.sharing.exchange import build
from cablewatch.sharing.models import OutboxEvent
print(json.dumps(build(OutboxEvent.objects.get(name="spotcheck.result.final"), "foshan")))
"""

pytestmark = pytest.mark.slow


class Installation:
    def __init__(self, root: Path, name: str) -> None:
        root.mkdir()
        self.db = root / "db.sqlite3"
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DATABASE_URL": f"sqlite:///{self.db}",
            "CABLEWATCH_VAR_DIR": str(root),
            "CABLEWATCH_KEYS_DIR": str(root / "keys"),
            "CABLEWATCH_INSTALLATION_ID": name,
            "CABLEWATCH_TESTING": "0",
            "SECRET_KEY": "test-only",
            "SHARING_RETRY_SECONDS": "0",
        }
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [CLI, *args], env=self.env, capture_output=True, text=True, check=False, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [CLI, *args], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def key(self) -> dict[str, str]:
        data: dict[str, str] = json.loads(self.run("sharing", "public-key"))
        return data

    def inbound(self) -> list[tuple[str, str]]:
        with closing(sqlite3.connect(self.db)) as db:
            return db.execute("SELECT sender, message_id FROM sharing_inboundmessage").fetchall()

    @contextmanager
    def serving(self) -> Iterator[None]:
        server = self.start("serve", "--bind", f"127.0.0.1:{self.port}", "--workers", "1")
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                try:
                    if httpx.get(self.url + "/api/v1/divisions", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            yield
        finally:
            server.terminate()
            server.wait(10)


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_notice_survives_a_receiver_restart_and_arrives_once(tmp_path: Path) -> None:
    a, b = Installation(tmp_path / "a", "xian"), Installation(tmp_path / "b", "foshan")
    migrations = [i.start("migrate", "--no-input") for i in (a, b)]
    assert [m.wait(60) for m in migrations] == [0, 0]
    ka, kb = a.key(), b.key()
    b.run("sharing", "add-peer", "--installation-id", "xian", "--key-id", ka["key_id"],
          "--public-key", ka["public_key"])  # fmt: skip
    a.run("sharing", "add-peer", "--installation-id", "foshan", "--url", b.url,
          "--division-prefix", "44", "--key-id", kb["key_id"],
          "--public-key", kb["public_key"])  # fmt: skip
    with b.serving():
        pass  # up once, then down: the notice is made while the receiver is stopped
    a.run("shell", "-c", PUBLISH)
    a.run("sharing", "deliver", "--once")
    assert "ConnectError" in a.run("sharing", "log")
    with b.serving():
        a.run("sharing", "deliver", "--once")
        a.run("sharing", "deliver", "--once")
        assert a.run("sharing", "log") == ""
        message = json.loads(a.run("shell", "-c", BUILD).strip().splitlines()[-1])
        inbox = b.url + "/api/v1/exchange/inbox"
        replay = httpx.post(inbox, json=message)
        assert replay.status_code == 200 and replay.json()["status"] == "duplicate"
        forged = {**message, "payload": {**message["payload"], "verdict": "pass"}}
        bad = httpx.post(inbox, json=forged)
        assert bad.status_code == 401
        assert bad.headers["content-type"] == "application/problem+json"
        malformed = httpx.post(
            inbox, content=b"{oops", headers={"content-type": "application/json"}
        )
        assert malformed.status_code == 400
    assert b.inbound() == [("xian", message["id"])]
