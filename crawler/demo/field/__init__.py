"""The field web: an independent test web of fictional government sites, built after the field
guide and real pages (not after the crawler), against which listing and discovery are measured.

    from crawler.demo.field import serve_web
    with serve_web() as web:
        for m in web.manifests:
            print(m.site_id, m.root, m.column, m.family, len(m.annual))
"""

from .content import Item
from .host import FieldHost, FieldSite, Manifest
from .web import SITE_IDS, FieldWeb, build_sites, serve_web

__all__ = ["Item", "FieldHost", "FieldSite", "Manifest", "FieldWeb", "SITE_IDS", "build_sites", "serve_web"]
