import pytest

from crawler.registry import RegistryError, Site, load_sites, write_sites

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
