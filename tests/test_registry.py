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
    *[(f"{site_id},,,,,,trs,http://a.gov.cn/\n", "not a plain name")
      for site_id in ("..", ".", "../..", "/tmp/x", "a/b", "a\\b", "..%2f", "-x", "x" * 101, "名字", "a b", "C:x")],
    ('a,,,,,,trs,http://a.gov.cn/,"[1, 2]"\n', "not a JSON object"),
    ('a,,,,,,trs,http://a.gov.cn/,"""x"""\n', "not a JSON object"),
    ('a,,,,,,trs,http://a.gov.cn/,"{""detail_pattern"": ""(unclosed""}"\n', "detail_pattern is not a regular expression"),
    ('a,,,,,,trs,http://a.gov.cn/,"{""detail_pattern"": 7}"\n', "detail_pattern is not a regular expression"),
    ('a,,,,,,trs,http://a.gov.cn/,"{""body_selector"": ""div[[""}"\n', "body_selector is not a CSS selector"),
    ('a,,,,,,trs,http://a.gov.cn/,"{""list_selector"": ""ul >> li""}"\n', "list_selector is not a CSS selector"),
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


@pytest.mark.parametrize("site_id", ["bengbu", "demo-linjiang", "www.example.gov.cn", "a_b.2", "x" * 100])
def test_plain_site_ids_accepted(tmp_path, site_id):
    path = tmp_path / "sites.csv"
    path.write_text(HEADER + f"{site_id},,,,,,trs,http://a.gov.cn/,\"{{\"\"body_selector\"\": \"\"div.content\"\"}}\"\n", encoding="utf-8")
    assert load_sites(path)[0].site_id == site_id


def test_registry_saved_in_gbk_is_named(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_bytes((HEADER + "a,蚌埠市人民政府,安徽省,,,,trs,http://a.gov.cn/\n").encode("gbk"))
    with pytest.raises(RegistryError, match="not UTF-8.*save it as UTF-8"):
        load_sites(path)
