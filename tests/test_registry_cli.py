"""``nianbao registry verify|add|list`` against mock sites on 127.0.0.1: every site of the field
web checked from its root, next to a moved, an unreachable, a blocked site and one without a
column; what ``--write`` records and what it leaves alone."""

from __future__ import annotations

import csv
from contextlib import ExitStack
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from crawler.demo import trs
from crawler.demo.field import serve_web
from crawler.demo.field.measure import SniffResult, registry_rows
from crawler.demo.server import MockSite, Response, StaticSite, serve
from crawler.demo.waf import WafSite
from crawler.registry import Site, load_sites, write_sites

from .conftest import FAST, run_nianbao
from .test_trs_crawl import AGENCIES, PORTAL

NO_RETRY = ["-s", "RETRY_TIMES=0"]
PAGED = [([2023], 5), ([2021, 2022, 2023], 3), ([2022, 2023], 4), ([2020, 2021, 2022, 2023], 2)]  # (years, per page)


class Moved(MockSite):
    """A portal that moved: every path answers a permanent redirect to the same path elsewhere."""

    def __init__(self, target: str):
        super().__init__()
        self.target = target

    def handle(self, request):
        return Response(301, b"", {"Location": self.target + request.path, "Content-Type": "text/html"})


def rows_of(path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return {row["site_id"]: row for row in csv.DictReader(handle)}


def today() -> str:
    return datetime.now(timezone.utc).date().isoformat()


@pytest.fixture(scope="module")
def verified(tmp_path_factory):
    """One ``registry verify --write`` over the field web's roots and four failing sites."""
    folder = tmp_path_factory.mktemp("verify")
    registry = folder / "sites.csv"
    with ExitStack() as stack:
        web = stack.enter_context(serve_web())
        trs_site, _ = trs.build_site(PORTAL, AGENCIES, [2023])
        live = stack.enter_context(serve(trs_site))
        moved = stack.enter_context(serve(Moved(live.replace("127.0.0.1", "localhost"))))
        walled = stack.enter_context(serve(WafSite("ruishu", inner=trs.build_site(PORTAL, AGENCIES, [2023])[0])))
        bare = StaticSite()
        bare.add("/", "<html><head><title>桐川市人民政府</title></head><body><a href='/about.html'>走进桐川</a></body></html>".encode())
        empty = stack.enter_context(serve(bare))
        failing = {"moved": moved + "/", "unreachable": "http://127.0.0.1:9/", "walled": walled + "/", "empty": empty + "/"}
        rows = registry_rows(web.manifests, "root")
        for number, (years, per_page) in enumerate(PAGED):
            paged, entries = trs.build_site(PORTAL, AGENCIES, years, notices=2, per_page=per_page)
            rows.append(Site(site_id=f"paged-{number}", start_url=stack.enter_context(serve(paged)) + "/"))
        rows += [Site(site_id=site_id, start_url=url, verified=True, family="trs", note="kept") for site_id, url in failing.items()]
        write_sites(registry, rows)
        with open(registry, encoding="utf-8") as handle:  # a column of the user's own must survive the rewrite
            lines = handle.read().splitlines()
        registry.write_text("\n".join([lines[0] + ",curator"] + [line + ",ana" for line in lines[1:]]) + "\n", encoding="utf-8")
        result = run_nianbao("registry", "verify", "--sites", str(registry), "--write", *FAST, *NO_RETRY, timeout=600)
    return result, registry, {m.site_id: m for m in web.manifests}, rows_of(registry)


def test_verify_finds_every_field_column_and_family_from_the_root(verified):
    result, _, manifests, rows = verified
    for site_id, m in manifests.items():
        row = rows[site_id]
        found = SniffResult(site_id, row["family"], row["column_url"], result.returncode, result.stdout, 0)
        assert found.column_hit(m) and found.family_hit(m), (site_id, row, m.column, m.template, result.stdout)
        assert (row["verified"], row["checked"], row["outcome"]) == ("yes", today(), "ok")
    assert f"{len(manifests) + len(PAGED)} ok" in result.stdout


@pytest.mark.parametrize("number", range(len(PAGED)))
def test_verify_counts_the_columns_pages_rows_and_reports(verified, number):
    years, per_page = PAGED[number]
    _, entries = trs.build_site(PORTAL, AGENCIES, years, notices=2, per_page=per_page)
    line = next(line for line in verified[0].stdout.splitlines() if line.startswith(f"paged-{number} "))
    first_page = entries[:per_page]
    expected = [-(-len(entries) // per_page), len(first_page), sum(e.kind == "annual" for e in first_page)]
    assert [int(cell) for cell in line.split()[3:6]] == expected, line


@pytest.mark.parametrize("site_id, outcome", [("moved", "moved"), ("unreachable", "unreachable"), ("walled", "blocked"), ("empty", "no-column")])
def test_verify_names_the_failure_and_records_only_it(verified, site_id, outcome):
    result, _, _, rows = verified
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if line.startswith(site_id + " "))
    assert line.split()[1] == outcome
    row = rows[site_id]
    assert row["outcome"].startswith(outcome + ": ") and row["checked"] == today()
    assert (row["verified"], row["family"], row["column_url"], row["note"], row["curator"]) == ("yes", "trs", "", "kept", "ana")


def test_moved_says_where_to(verified):
    assert "redirects to http://localhost:" in verified[3]["moved"]["outcome"]


def test_add_appends_a_checked_row_and_refuses_a_second_one_then_verify_without_write_changes_nothing(mock_site, tmp_path):
    site, _ = trs.build_site(PORTAL, AGENCIES, [2023])
    registry = tmp_path / "sites.csv"
    write_sites(registry, [Site(site_id="old", start_url="http://www.old.gov.cn/", note="as typed")])
    with mock_site(site) as base:
        added = run_nianbao("registry", "add", base + "/", "--sites", str(registry), "--name", "桐川市人民政府",
                            "--province", "安徽省", "--level", "city", "--division-code", "341800", *FAST)
        after_add = registry.read_bytes()
        checked = run_nianbao("registry", "verify", "--sites", str(registry), "--site", "127-0-0-1", *FAST)  # "old" is not contacted
    assert added.returncode == 0, added.stdout + added.stderr[-2000:]
    new = load_sites(registry)[1]
    assert (new.site_id, new.name, new.province, new.division_code) == ("127-0-0-1", "桐川市人民政府", "安徽省", "341800")
    assert (new.family, new.column_url, new.verified, new.template) == ("trs", base + "/xxgk/xxgknb/index.html", True, "auto")
    again = CliRunner().invoke(cli, ["registry", "add", base + "/", "--sites", str(registry)])
    assert again.exit_code == 2 and "already the start_url of '127-0-0-1'" in again.output
    assert load_sites(registry)[0].note == "as typed" and len(load_sites(registry)) == 2
    assert checked.returncode == 0 and "1 row(s): 1 ok" in checked.stdout and "\nold " not in checked.stdout
    assert registry.read_bytes() == after_add
    unknown = CliRunner().invoke(cli, ["registry", "verify", "--sites", str(registry), "--site", "nosuch"])
    assert unknown.exit_code == 2 and "not in" in unknown.output and "nosuch" in unknown.output


def test_add_of_a_site_without_a_column_writes_nothing_unless_forced(tmp_path):
    registry = tmp_path / "sites.csv"
    write_sites(registry, [Site(site_id="old", start_url="http://www.old.gov.cn/")])
    before = registry.read_bytes()
    refused = run_nianbao("registry", "add", "http://127.0.0.1:9/fgw/", "--sites", str(registry), *FAST, *NO_RETRY)
    assert refused.returncode == 1 and "not added: unreachable" in refused.stderr
    assert registry.read_bytes() == before
    forced = run_nianbao("registry", "add", "http://127.0.0.1:9/fgw/", "--sites", str(registry), "--force", *FAST, *NO_RETRY)
    assert forced.returncode == 0, forced.stderr[-2000:]
    new = load_sites(registry)[1]
    assert (new.site_id, new.verified, new.family) == ("127-0-0-1-fgw", False, None)
    assert new.outcome.startswith("unreachable: ")


@pytest.mark.parametrize("args, message", [
    (["ftp://www.x.gov.cn/"], "not an http"),
    (["http://www.x.gov.cn/", "--id", "old"], "appears twice"),
    (["http://www.x.gov.cn/", "--level", "city", "--division-code", "340100"], "rows 'old' and"),
    (["http://www.x.gov.cn/", "--division-code", "34010"], "six-digit"),
])
def test_add_refuses_a_bad_row_before_fetching_anything(tmp_path, args, message):
    registry = tmp_path / "sites.csv"
    write_sites(registry, [Site(site_id="old", start_url="http://www.old.gov.cn/", level="city", division_code="340100")])
    before = registry.read_bytes()
    result = CliRunner().invoke(cli, ["registry", "add", *args, "--sites", str(registry)])
    assert result.exit_code == 2 and message in result.output
    assert registry.read_bytes() == before


def listing_registry(path):
    rows = []
    for number, (province, level, family, verified) in enumerate(
            [(p, lvl, fam, v) for p in ("安徽省", "甘肃省") for lvl in ("city", "county") for fam in ("trs", "hanweb", None) for v in (True, False)]):
        rows.append(Site(site_id=f"s{number}", start_url=f"http://s{number}.gov.cn/", province=province, level=level,
                         family=family, verified=verified and family is not None))
    rows.append(Site(site_id="typed", start_url="http://typed.gov.cn/", template="lonsun", province="安徽省", level="city"))
    write_sites(path, rows)
    return rows


@pytest.mark.parametrize("args, expected", [
    ([], lambda s: True),
    (["--province", "甘肃省"], lambda s: s.province == "甘肃省"),
    (["--level", "county", "--verified", "yes"], lambda s: s.level == "county" and s.verified),
    (["--family", "hanweb", "--family", "lonsun"], lambda s: (s.family or s.template) in ("hanweb", "lonsun")),
    (["--family", "unknown", "--province", "安徽省"], lambda s: s.family is None and s.template == "auto" and s.province == "安徽省"),
])
def test_list_filters_and_counts(tmp_path, args, expected):
    rows = listing_registry(tmp_path / "sites.csv")
    result = CliRunner().invoke(cli, ["registry", "list", "--sites", str(tmp_path / "sites.csv"), *args])
    assert result.exit_code == 0, result.output
    wanted = [s for s in rows if expected(s)]
    listed = [line.split()[0] for line in result.output.splitlines()[1:] if line.startswith(("s", "typed"))]
    assert listed == [s.site_id for s in wanted]
    assert f"{len(wanted)} row(s), {sum(s.verified for s in wanted)} verified" in result.output
    counts = {}
    for line in result.output.split("per family")[1].split("per province")[0].splitlines()[1:]:
        if line.strip():
            name, total, good = line.split()
            counts[name] = (int(total), int(good))
    families = {(s.family or (s.template if s.template != "auto" else "unknown")) for s in wanted}
    assert counts == {f: (sum(1 for s in wanted if (s.family or (s.template if s.template != "auto" else "unknown")) == f),
                          sum(1 for s in wanted if s.verified and (s.family or (s.template if s.template != "auto" else "unknown")) == f))
                      for f in families}
