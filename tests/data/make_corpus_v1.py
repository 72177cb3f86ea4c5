"""How tests/data/corpus-v1.db was made: a corpus written by the code of ac8f889, before the
corpus store (two stages writing in two transactions), for the migration tests.

    git archive ac8f889 | tar -x -C /tmp/nianbao-v1
    cd /tmp/nianbao-v1 && python /path/to/tests/data/make_corpus_v1.py /tmp/nianbao-v1 corpus-v1.db
"""
import sys, shutil, sqlite3, tempfile
from pathlib import Path

BASE = Path(sys.argv[1]).resolve()
sys.path.insert(0, str(BASE))
from crawler.demo import mirror, trs
from crawler.demo.server import serve
from crawler.registry import Site, write_sites
from tests.conftest import run_nianbao, FAST
from tests.test_dedupe_crawl import PORTAL, BUREAU, MIRROR

out = Path(sys.argv[2])
folder = Path(tempfile.mkdtemp())
portal, portal_entries = trs.build_site(PORTAL, ["临江市人民政府", "临江市财政局"], [2023], notices=1, per_page=2)
bureau, bureau_entries = trs.build_site(BUREAU, ["临江市财政局"], [2023], notices=0, column_path="/zwgk/ndbg/")
copies_site, copies = mirror.build_mirror(MIRROR, portal_entries)
with serve(portal) as pb, serve(copies_site) as mb, serve(bureau) as bb:
    rows = [Site(site_id="linjiang", name=PORTAL.name, province="安徽省", city="临江市", level="city", template="trs", start_url=pb + "/xxgk/xxgknb/index.html"),
            Site(site_id="mirror", name=MIRROR.name, level="mirror", template="trs", start_url=mb + "/zfxxgk/nb/index.html")]
    write_sites(folder / "a.csv", rows)
    r = run_nianbao("crawl", "--sites", str(folder / "a.csv"), "--db", str(folder / "c.db"), *FAST, cwd=BASE)
    print(r.returncode, r.stdout[-800:], r.stderr[-1500:])
    write_sites(folder / "b.csv", [Site(site_id="czj", name=BUREAU.name, province="安徽省", city="临江市", level="department", template="trs", start_url=bb + "/zwgk/ndbg/index.html")])
    r = run_nianbao("crawl", "--sites", str(folder / "b.csv"), "--db", str(folder / "c.db"), *FAST, cwd=BASE)
    print(r.returncode, r.stdout[-800:])
con = sqlite3.connect(folder / "c.db"); con.execute("pragma wal_checkpoint(truncate)"); con.execute("pragma journal_mode=delete"); con.execute("vacuum"); con.close()
shutil.copy(folder / "c.db", out)
