"""A mock site behind a web application firewall, answering with the anti-bot pages seen on
government sites: Ruishu's HTTP 412 ``$_ts`` bootstrap, Jiasule's 521 cookie script, WZWS's
``wzws_cid`` challenge, a China Telecom 云堤 block page and a small 安全验证 page.

``WafSite(kind, inner, allow=n)`` serves ``inner`` for the first ``n`` requests (robots.txt
is always served), then only the challenge.
"""

from __future__ import annotations

from .server import MockSite, Request, Response

RUISHU = (
    '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    '<meta http-equiv="Pragma" content="no-cache"><meta http-equiv="Cache-Control" content="no-store, must-revalidate">'
    '<meta http-equiv="Expires" content="0">'
    "<script type=\"text/javascript\" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=84719;"
    '$_ts.cd="qqrqrpAlxGqlrrAlq3qErGAlqGVcrGLcqaqEcpAlqAqErpQuraW9rpAccpQcqGqErAqlcGLcqAQmqrVmcAAlqqqCrAqrcl3rJaVEcGRgcsq";'
    "$_ts.cp=['_$hO','_$jq','_$Ja'];</script>"
    "<script type=\"text/javascript\" charset=\"utf-8\" src=\"/Dxkfv3bHNOyq/vA5Chq1xkRBm.b4c45da.js\" r='m'></script>"
    "</head><body><script type=\"text/javascript\" r='m'>$_ts.lcd();</script></body></html>"
)

JIASULE = (
    "<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+('a')+('n')"
    "+('c')+('e')+('_')+('s')+('=')+(+[]+(-~[]<<-~[])+[])+('.')+('1')+('|')+('0')+('|')+('X')+('7')+('K')+('q')"
    "+(';')+('m')+('a')+('x')+('-')+('a')+('g')+('e')+('=')+('3')+('6')+('0')+('0')+(';')+('p')+('a')+('t')+('h')"
    "+('=')+('/');location.href=location.pathname+location.search</script></body></html>"
)

WZWS = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body>'
    '<script type="text/javascript">var dynamicurl="/WZWSREL3h4Z2svaW5kZXguaHRtbA==";var wzwsquestion="1|2|3";'
    'var wzwsfactor="4617";var wzwsmethod="post";var wzwsparams="";'
    "function wzwschallenge(){var hash=0;for(var i=0;i<wzwsquestion.length;i++){hash+=wzwsquestion.charCodeAt(i);}"
    "hash*=wzwsfactor;hash+=111111;return 'WZWS_CONFIRM_PREFIX_LABEL'+hash;}"
    "var f=document.createElement('form');f.method=wzwsmethod;f.action=dynamicurl;document.body.appendChild(f);f.submit();"
    "</script></body></html>"
)

YUNDI = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>访问拦截</title>'
    "<style>body{background:#f4f6f9;font-family:Microsoft YaHei}.box{width:680px;margin:120px auto;background:#fff}</style>"
    '</head><body><div class="box"><div class="logo">中国电信云堤</div>'
    "<h2>您的访问请求已被拦截</h2><p>很抱歉，您的请求方法存在潜在安全风险，已被网站安全防护系统拦截。</p>"
    "<p>如果您是网站管理员，请登录安全防护平台查看详情。</p>"
    '<p class="info">事件ID：7a3f90c2e1d54b6f　客户端IP：127.0.0.1　拦截时间：2026-01-12 09:30:12</p></div></body></html>'
)

VERIFY = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>安全验证</title>'
    '<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="stylesheet" href="/waf/verify.css"></head>'
    '<body><div class="verify"><p>为保障网站安全，请完成验证后继续访问</p><div id="slider"></div>'
    '<script src="/waf/slider.js"></script></div></body></html>'
)

# kind -> (status, extra headers, body)
CHALLENGES = {
    "ruishu": (412, {"Set-Cookie": "__jsluid_h=8c4a1f0e6b2d9e3a7f5c1b0d2e4a6c8f; max-age=31536000; path=/; HttpOnly"}, RUISHU),
    "jiasule": (521, {"Set-Cookie": "__jsluid_s=3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c; max-age=31536000; path=/; HttpOnly"}, JIASULE),
    "wzws": (200, {"Set-Cookie": "wzws_cid=0a1b2c3d4e5f67788990aabbccddeeff00112233; path=/; HttpOnly"}, WZWS),
    "yundi": (403, {}, YUNDI),
    "verify": (200, {}, VERIFY),
}


class WafSite(MockSite):
    def __init__(self, kind: str, inner: MockSite | None = None, allow: int = 0):
        super().__init__()
        if kind not in CHALLENGES:
            raise ValueError(f"unknown challenge {kind!r}; one of {', '.join(CHALLENGES)}")
        self.kind = kind
        self.inner = inner
        self.allow = allow
        self.served = 0

    def handle(self, request: Request) -> Response:
        passes = self.inner is not None and (request.path == "/robots.txt" or self.served < self.allow)
        if passes:
            if request.path != "/robots.txt":
                self.served += 1
            return self.inner.handle(request)
        status, headers, body = CHALLENGES[self.kind]
        return Response(status, body.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8", **headers})
