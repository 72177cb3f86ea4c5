"""``nianbao clean`` on text dumps and saved pages."""

import json

from crawler.demo import chrome, trs

from .conftest import SEEDS, run_nianbao


def test_clean_txt_seed_prints_one_json_report():
    result = run_nianbao("clean", str(SEEDS / "003_a636d83d73b501d7.txt"), "--url", "http://www.anlu.gov.cn/x.html")
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    report = json.loads(line)
    assert report["url"] == "http://www.anlu.gov.cn/x.html"
    assert report["title"] == "安陆市2017年政府信息公开工作年度报告"
    assert report["year"] == 2017 and report["kind"] == "annual"
    assert report["text"].startswith("根据《中华人民共和国政府信息公开条例》")


def test_clean_several_files_one_line_each(tmp_path):
    site, entries = trs.build_site(chrome.Portal("测试市人民政府", "www.ceshi.gov.cn", "1100000001", "京", "京ICP备1号", "京公网安备 1号", "测试路1号", "010-1"),
                                   ["测试市统计局"], [2023], notices=0)
    page = tmp_path / "report.html"
    page.write_bytes(site.pages[entries[0].path][0])
    result = run_nianbao("clean", str(page), str(SEEDS / "000_1213d647c0e6bd3f.txt"))
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["title"] == "测试市统计局2023年政府信息公开工作年度报告" and first["year"] == 2023
    assert "ICP备" not in first["text"]
    assert second["year"] == 2016 and "ICP备" not in second["text"]
