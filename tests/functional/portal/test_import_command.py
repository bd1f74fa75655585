"""`cablewatch import-announcement`: the contract other tools call."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cablewatch.base.models import Agency, User
from cablewatch.portal.models import ImportRun, PublishedResult
from tests.integration.portal import fixtures

pytestmark = pytest.mark.django_db


def cli(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("import_announcement", *args, stdout=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def test_it_stages_prints_the_json_summary_and_exits_1_when_rows_were_rejected(
    tmp_path: Path, alice: User, agencies: dict[str, Agency]
) -> None:
    path = fixtures.standard_xlsx(tmp_path / "a.xlsx")
    code, out = cli(
        str(path),
        "--agency",
        "t-sx",
        "--by",
        "alice",
        "--json",
        "--rejects",
        str(tmp_path / "r.csv"),
    )
    summary = json.loads(out)
    assert code == 1
    assert set(summary) == {
        "rows_read",
        "imported",
        "duplicates",
        "rejected",
        "enterprises_created",
        "enterprises_matched",
        "run",
        "status",
    }
    assert summary["status"] == "staged"
    assert summary["rows_read"] == summary["imported"] + summary["duplicates"] + summary["rejected"]
    lines = (tmp_path / "r.csv").read_text("utf-8").splitlines()
    assert len(lines) == 1 + summary["rejected"]
    assert not PublishedResult.objects.exists()  # staged: nothing public yet


def test_a_second_officer_publishes_what_was_staged(
    tmp_path: Path, alice: User, carol: User, agencies: dict[str, Agency]
) -> None:
    path = tmp_path / "ok.csv"
    path.write_text(
        "序号,产品名称,标称生产企业名称,规格型号,抽查结果\n1,电线,甲电缆有限公司,BV-2.5,合格\n",
        encoding="utf-8",
    )
    code, out = cli(str(path), "--json", "--agency", "t-sx", "--by", "alice")
    assert code == 0
    staged = json.loads(out)
    assert (staged["imported"], staged["status"]) == (1, "staged")
    assert not PublishedResult.objects.exists()
    code, _ = cli("--publish", str(staged["run"]), "--by", "alice")
    assert code == 3  # four eyes: not the officer who staged it
    code, out = cli("--publish", str(staged["run"]), "--by", "carol", "--json")
    assert code == 0 and json.loads(out)["status"] == "published"
    row = PublishedResult.objects.get()
    assert (row.source, row.source_label, row.division_code) == (
        "imported",
        agencies["shaanxi"].name,
        "610000",
    )
    assert not (tmp_path / "ok.csv.rejects.csv").exists()


def test_it_exits_2_on_an_unreadable_file(
    tmp_path: Path, alice: User, agencies: dict[str, Agency]
) -> None:
    path = tmp_path / "x.html"
    path.write_text("<html><body><p>no tables</p></body></html>", encoding="utf-8")
    code, _ = cli(str(path), "--json", "--agency", "t-sx", "--by", "alice")
    assert code == 2
    assert not PublishedResult.objects.exists()
    assert not ImportRun.objects.exists()


def test_it_refuses_an_agency_not_on_the_list_and_an_unknown_officer(
    tmp_path: Path, alice: User, agencies: dict[str, Agency]
) -> None:
    path = str(fixtures.gb18030_csv(tmp_path / "a.csv"))
    assert cli(path, "--agency", "某某局", "--by", "alice")[0] == 2
    assert cli(path, "--agency", "t-sx", "--by", "nobody")[0] == 2
    assert cli(path, "--agency", "t-lab", "--by", "alice")[0] == 3  # a lab publishes no results


@pytest.mark.slow
def test_the_installed_command_works_on_a_sqlite_database_url(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("cablewatch")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CABLEWATCH_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "cablewatch.settings",
    }
    env.pop("CABLEWATCH_TESTING", None)
    subprocess.run([exe, "migrate", "-v0"], env=env, check=True, timeout=300)
    setup = (
        "from cablewatch.base.models import Agency; "
        "Agency.objects.create(code='sx', name='陕西省局', kind='regulator', division_id='610000')"
    )
    subprocess.run([exe, "shell", "-c", setup], env=env, check=True, timeout=120)
    for name in ("first", "second"):
        subprocess.run(
            [
                *(exe, "createuser", name, "--role", "supervision_officer", "--agency", "sx"),
                *("--password", f"pw-{name}-long-enough-2026"),
            ],
            env=env,
            check=True,
            timeout=120,
            capture_output=True,
        )
    path = fixtures.two_table_html(tmp_path / "p.html")
    staged = subprocess.run(
        [exe, "import-announcement", str(path), "--json", "--agency", "sx", "--by", "first"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert staged.returncode == 1, staged.stderr
    run = json.loads(staged.stdout)["run"]
    done = subprocess.run(
        [exe, "import-announcement", "--publish", str(run), "--by", "second", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"] == 3
    again = subprocess.run(
        [exe, "import-announcement", str(path), "--json", "--agency", "sx", "--by", "first"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert json.loads(again.stdout)["duplicates"] == 3
