"""The demo sites ``nianbao demo`` serves and crawls: fictional cities, realistic pages."""

from __future__ import annotations

import errno
import functools
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace

from crawler.registry import Site

from . import api_lists, chrome, generic, gkmlpt, hanweb, lonsun, trs, ucap
from .server import serve

LINJIANG = chrome.Portal(
    name="临江市人民政府", domain="www.linjiang.gov.cn", id_code="3499000001", province_short="皖",
    icp="皖ICP备09000001号-1", police="皖公网安备 34990002000001号", address="临江市滨江大道1号市政府院内", phone="0550-1234567",
)

YUNXI = chrome.Portal(name="云溪市人民政府", domain="www.yunxi.gov.cn", id_code="3307000005", province_short="浙",
                      icp="浙ICP备05000005号-1", police="浙公网安备 33070002000005号", address="云溪市府前路1号", phone="0579-1234567")
SONGYUAN = chrome.Portal(name="松原市人民政府", domain="www.songyuan.gov.cn", id_code="3415000006", province_short="皖",
                         icp="皖ICP备05000006号-1", police="皖公网安备 34150002000006号", address="松原市梅山路1号", phone="0564-1234567")
NANHAI = chrome.Portal(name="南海湾市人民政府", domain="www.nanhaiwan.gov.cn", id_code="4401000008", province_short="粤",
                       icp="粤ICP备05000008号-1", police="粤公网安备 44010002000008号", address="南海湾市府前路8号", phone="020-12345678")
YUANSHUI = chrome.Portal(name="袁水县人民政府", domain="www.yuanshui.gov.cn", id_code="3609000009", province_short="赣",
                         icp="赣ICP备05000009号-1", police="赣公网安备 36090002000009号", address="袁水县人民路9号", phone="0795-1234567")
BAIHE = chrome.Portal(name="白河县人民政府", domain="www.baihe.gov.cn", id_code="6107000010", province_short="陕",
                      icp="陕ICP备05000010号-1", police="陕公网安备 61070002000010号", address="白河县城关镇10号", phone="0915-1234567")
QINGXI = chrome.Portal(name="青溪市人民政府", domain="www.qingxi.gov.cn", id_code="3305000011", province_short="浙",
                       icp="浙ICP备05000011号-1", police="浙公网安备 33050002000011号", address="青溪市人民大道11号", phone="0572-1234567")
YANWAN = chrome.Portal(name="盐湾市人民政府", domain="www.yanwan.gov.cn", id_code="3209000012", province_short="苏",
                       icp="苏ICP备05000012号-1", police="苏公网安备 32090002000012号", address="盐湾市世纪大道12号", phone="0515-1234567")
YEARS = [2022, 2023, 2024]
# ``nianbao demo`` serves its sites on fixed ports, this one and the next ones (one per site), so the
# report URLs stay the same from one run to the next and a second run crawls incrementally.
DEMO_PORT = 8601


class PortTaken(OSError):
    """A demo port is in use; the message says which and what to do."""


def demo_builds():
    """(registry row, site builder) for every demo site."""
    return [
        (
            Site(site_id="demo-linjiang", name=LINJIANG.name, province="安徽省", city="临江市", level="city", template="trs",
                 start_url="/xxgk/xxgknb/index.html"),
            # Two reports published only as attachments (a PDF, a DOCX) behind stub pages.
            lambda: trs.build_site(LINJIANG, ["临江市人民政府", "临江市发展和改革委员会", "临江市财政局"], [2021, 2022, 2023, 2024],
                                   attachment_only=("pdf", "docx")),
        ),
        (
            Site(site_id="demo-yunxi", name=YUNXI.name, province="浙江省", city="云溪市", level="city", template="hanweb",
                 start_url="/col/col12345/index.html"),
            lambda: hanweb.build_site(YUNXI, ["云溪市人民政府", "云溪市人民政府办公室"], ["云溪市教育局", "云溪市民政局"], YEARS, per_page=2),
        ),
        (
            Site(site_id="demo-songyuan", name=SONGYUAN.name, province="安徽省", city="松原市", level="city", template="lonsun",
                 start_url="/public/column/6596611?type=4&catId=7190991&action=list"),
            lambda: lonsun.build_site(SONGYUAN, ["松原市人民政府", "松原市财政局", "松原市交通运输局"], YEARS),
        ),
        (
            Site(site_id="demo-nanhaiwan", name=NANHAI.name, province="广东省", city="南海湾市", level="city", template="gkmlpt",
                 start_url="/gkmlpt/annualreport#2817"),
            lambda: gkmlpt.build_site(NANHAI, ["南海湾市人民政府", "南海湾市司法局", "南海湾市水务局"], YEARS),
        ),
        (
            Site(site_id="demo-yuanshui", name=YUANSHUI.name, province="江西省", city="宜春市", county="袁水县", level="county",
                 template="ucap", start_url="/zwgk/xxgknb/home.htm"),
            lambda: ucap.build_site(YUANSHUI, ["袁水县人民政府", "袁水县农业农村局"], YEARS),
        ),
        (
            Site(site_id="demo-baihe", name=BAIHE.name, province="陕西省", city="安康市", county="白河县", level="county", template="auto",
                 start_url="/"),
            lambda: generic.build_site(BAIHE, ["白河县人民政府", "白河县卫生健康局"], YEARS),
        ),
        (
            Site(site_id="demo-qingxi", name=QINGXI.name, province="浙江省", city="青溪市", level="city", template="truecms",
                 start_url="/zwgk/zfxxgknb/"),
            lambda: api_lists.build_truecms_site(QINGXI, ["青溪市人民政府", "青溪市市场监督管理局"], YEARS),
        ),
        (
            Site(site_id="demo-yanwan", name=YANWAN.name, province="江苏省", city="盐湾市", level="city", template="epoint",
                 start_url="/zwgk/xxgknb/"),
            lambda: api_lists.build_epoint_site(YANWAN, ["盐湾市人民政府", "盐湾市住房和城乡建设局"], YEARS),
        ),
    ]


# The page of the generic demo site that is its column (its registry row starts at the root).
GENERIC_COLUMN = "/zfxxgk/ndbg/list.html"


@dataclass
class DemoPages:
    """One demo site as served from ``nianbao demo`` on its fixed port: what a spider contract fetches."""

    site: Site  # its registry row, with the column as start URL
    column: str  # URL of its annual-report column
    report: str  # URL of one of its annual reports


@functools.cache
def demo_pages(port: int = DEMO_PORT) -> dict[str, DemoPages]:
    """Family name -> the pages of its demo site, served from ``port`` on (``nianbao demo --serve --port``)."""
    pages = {}
    for offset, (row, build) in enumerate(demo_builds()):
        base = f"http://127.0.0.1:{port + offset}"
        family, column = ("generic", GENERIC_COLUMN) if row.template == "auto" else (row.template, row.start_url)
        _mock, entries = build()
        report = next(entry for entry in entries if entry.kind == "annual")
        pages[family] = DemoPages(replace(row, start_url=base + column, template=family), base + column, base + report.path)
    return pages


@contextmanager
def running_demo_sites(port: int | None = DEMO_PORT):
    """Serve every demo site on 127.0.0.1, the n-th at ``port + n`` (``None``: free ports);
    yields the registry rows pointing at them. Raises ``PortTaken`` when a port is in use."""
    with ExitStack() as stack:
        sites = []
        for offset, (row, build) in enumerate(demo_builds()):
            mock, _entries = build()
            site_port = 0 if port is None else port + offset
            try:
                base = stack.enter_context(serve(mock, port=site_port))
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE:
                    raise
                raise PortTaken(f"port {site_port} on 127.0.0.1 is in use (another nianbao demo?): "
                                f"stop it or pass --port to serve the demo sites from another port") from None
            row.start_url = base + row.start_url
            sites.append(row)
        yield sites
