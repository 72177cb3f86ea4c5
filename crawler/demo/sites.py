"""The demo sites ``nianbao demo`` serves and crawls: fictional cities, realistic pages."""

from __future__ import annotations

from contextlib import ExitStack, contextmanager

from crawler.registry import Site

from . import chrome, trs
from .server import serve

LINJIANG = chrome.Portal(
    name="临江市人民政府", domain="www.linjiang.gov.cn", id_code="3499000001", province_short="皖",
    icp="皖ICP备09000001号-1", police="皖公网安备 34990002000001号", address="临江市滨江大道1号市政府院内", phone="0550-1234567",
)


def demo_builds():
    """(registry row, site builder) for every demo site."""
    return [
        (
            Site(site_id="demo-linjiang", name=LINJIANG.name, province="安徽省", city="临江市", level="city", template="trs",
                 start_url="/xxgk/xxgknb/index.html"),
            lambda: trs.build_site(LINJIANG, ["临江市人民政府", "临江市发展和改革委员会", "临江市财政局"], [2021, 2022, 2023, 2024]),
        ),
    ]


@contextmanager
def running_demo_sites():
    """Serve every demo site on 127.0.0.1; yields the registry rows pointing at them."""
    with ExitStack() as stack:
        sites = []
        for row, build in demo_builds():
            mock, _entries = build()
            base = stack.enter_context(serve(mock))
            row.start_url = base + row.start_url
            sites.append(row)
        yield sites
