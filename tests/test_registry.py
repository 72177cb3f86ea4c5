import csv
from urllib.parse import urlsplit

import pytest

from crawler.registry import RegistryError, Site, load_sites, site_id_for, update_sites, write_sites

HEADER = "site_id,name,province,city,county,level,template,start_url,options\n"


def test_project_registry_loads():
    sites = load_sites("seeds/sites.csv")
    assert sites and all(s.start_url.startswith("http") for s in sites)


def test_round_trip(tmp_path):
    path = tmp_path / "sites.csv"
    site = Site(site_id="x", start_url="http://a.gov.cn/col/index.html", template="trs", province="安徽省", options={"detail_pattern": "/t\\d+"})
    write_sites(path, [site])
    assert load_sites(path) == [site]


@pytest.mark.parametrize("row, message", [
    ("a,,,,,,nosuch,http://a.gov.cn/\n", "unknown template"),
    ("a,,,,,,trs,ftp://a.gov.cn/\n", "not an http"),
    ("a,,,,,,trs,http://a.gov.cn/,{bad\n", "not JSON"),
    (",,,,,,trs,http://a.gov.cn/\n", "empty site_id"),
])
def test_bad_rows_are_named(tmp_path, row, message):
    path = tmp_path / "sites.csv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(RegistryError, match=message):
        load_sites(path)


def test_duplicate_ids_rejected(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text(HEADER + "a,,,,,,trs,http://a.gov.cn/\na,,,,,,trs,http://b.gov.cn/\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="twice"):
        load_sites(path)


def test_project_registry_has_every_provincial_and_prefecture_government():
    sites = load_sites("seeds/sites.csv")
    provinces = {s.division_code: s for s in sites if s.level == "province"}
    prefectures = [s for s in sites if s.level == "city" and s.division_code and s.division_code.endswith("00")]
    assert len(provinces) == 31 and all(code.endswith("0000") for code in provinces)
    assert len(prefectures) == 333 and len({s.division_code for s in prefectures}) == 333
    for s in prefectures:
        assert s.division_code[:2] + "0000" in provinces, s.site_id
        assert s.province == provinces[s.division_code[:2] + "0000"].province, s.site_id
    for s in [*provinces.values(), *prefectures]:
        assert urlsplit(s.start_url).path == "/" and s.template == "auto" and not s.verified, s.site_id
        assert not s.note or s.note.startswith("unconfirmed: "), s.site_id
    assert {"bengbu", "zhangye", "anlu", "luan", "tongzhou-nantong"} <= {s.site_id for s in sites}  # the seeds' sites


def test_every_new_field_round_trips(tmp_path):
    path = tmp_path / "sites.csv"
    site = Site(site_id="x", start_url="http://a.gov.cn/", division_code="340100", note="来源：两份名单", column_url="http://a.gov.cn/nb/",
                family="trs", checked="2026-01-02", outcome="ok", verified=True)
    write_sites(path, [site])
    assert load_sites(path) == [site]


@pytest.mark.parametrize("code", ["34010", "3401000", "034010", "34O100", "340100 1"])
def test_malformed_division_codes_are_named(tmp_path, code):
    path = tmp_path / "sites.csv"
    path.write_text(HEADER.replace(",options", ",division_code") + f"a,,,,,city,trs,http://a.gov.cn/,{code}\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"line 2: division_code .* six-digit"):
        load_sites(path)


@pytest.mark.parametrize("level", ["province", "city", "county"])
def test_a_government_division_code_belongs_to_one_row(tmp_path, level):
    rows = [Site(site_id="a", start_url="http://a.gov.cn/", level=level, division_code="340100"),
            Site(site_id="b", start_url="http://b.gov.cn/", level=level, division_code="340100")]
    write_sites(tmp_path / "sites.csv", rows)
    with pytest.raises(RegistryError, match="rows 'a' and 'b' have the same division_code 340100"):
        load_sites(tmp_path / "sites.csv")


def test_departments_and_mirrors_share_their_governments_code(tmp_path):
    rows = [Site(site_id=f"s{n}", start_url=f"http://s{n}.gov.cn/", level=level, division_code="340100")
            for n, level in enumerate(["city", "department", "department", "mirror"])]
    write_sites(tmp_path / "sites.csv", rows)
    assert len(load_sites(tmp_path / "sites.csv")) == 4


def test_update_keeps_every_other_cell_row_and_column(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text("site_id,template,start_url,curator,name\n"
                    'a,trs,http://a.gov.cn/,ana,"甲,乙"\n'
                    "b,auto,http://b.gov.cn/,bo,乙\n", encoding="utf-8")
    update_sites(path, {"b": {"family": "hanweb", "verified": "yes"}}, [Site(site_id="c", start_url="http://c.gov.cn/")])
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) [:5] == ["site_id", "template", "start_url", "curator", "name"]
    assert rows[0] == {**{k: "" for k in rows[0]}, "site_id": "a", "template": "trs", "start_url": "http://a.gov.cn/", "curator": "ana", "name": "甲,乙"}
    assert (rows[1]["curator"], rows[1]["family"], rows[1]["verified"], rows[1]["template"]) == ("bo", "hanweb", "yes", "auto")
    assert (rows[2]["site_id"], rows[2]["curator"]) == ("c", "")
    assert [p.name for p in tmp_path.iterdir()] == ["sites.csv"]


def test_a_failed_rewrite_leaves_the_registry_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "sites.csv"
    write_sites(path, [Site(site_id="a", start_url="http://a.gov.cn/"), Site(site_id="b", start_url="http://b.gov.cn/")])
    before = path.read_bytes()
    written = []

    def fail_half_way(self, rows):
        for row in rows:
            if written:
                raise OSError("disk full")
            written.append(self.writerow(row))

    monkeypatch.setattr(csv.DictWriter, "writerows", fail_half_way)
    with pytest.raises(OSError, match="disk full"):
        update_sites(path, {"a": {"family": "trs"}})
    assert written and path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["sites.csv"]


@pytest.mark.parametrize("url, taken, expected", [
    ("http://www.sjz.gov.cn/", set(), "sjz"),
    ("https://www.city.gov.cn/fgw/", set(), "city-fgw"),
    ("http://www.city.gov.cn/fgw/zwgk/index.html", set(), "city-fgw-zwgk"),
    ("http://127.0.0.1:8080/", {"127-0-0-1"}, "127-0-0-1-2"),
    ("http://public.zhengzhou.gov.cn/", {"public-zhengzhou", "public-zhengzhou-2"}, "public-zhengzhou-3"),
    ("http://www.example.com/Bureau_Site/", set(), "example-com-bureau-site"),
])
def test_new_ids_come_from_the_url(url, taken, expected):
    assert site_id_for(url, taken) == expected
