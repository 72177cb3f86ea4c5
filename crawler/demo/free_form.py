"""Free-form annual reports of before 2019: no statistics tables, some figures stated in
sentences, in the wordings real reports use (``共受理政府信息公开申请58件``, ``受理依申请公开12件``,
``未发生因政府信息公开引起的行政复议、行政诉讼``), with full-width digits and thousands separators
now and then. ``figures`` is what the sentences state: the truth ``pipelines.sentence_stats``
must give back.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .reports import Report
from .stat_tables import FULL_WIDTH

REQUESTS = ("依申请公开", "申请数量")
ACTIVE = ("主动公开", "信息条数")
REVIEWS = ("行政复议", "件数")
SUITS = ("行政诉讼", "件数")
FEES = ("收费", "金额（元）")

ACTIVE_SENTENCES = ("全年主动公开政府信息{n}条，其中通过门户网站公开{m}条。", "{year}年，我局主动公开各类政府信息{n}条。",
                    "本年度通过政府网站等渠道主动公开信息{n}条。")
REQUEST_SENTENCES = ("{year}年，我局共受理政府信息公开申请{n}件，均已按时答复。", "全年共收到公民、法人和其他组织提出的政府信息公开申请{n}件。",
                     "本年度政府信息公开申请共计{n}件，其中当面申请{m}件。", "全年受理依申请公开{n}件，按时答复率100%。")
APPEAL_SENTENCES = ("因政府信息公开引发行政复议{r}件，行政诉讼{s}起。", "全年发生政府信息公开行政复议案件{r}件、行政诉讼案件{s}件。")
NO_APPEAL_SENTENCES = ("本年度未发生因政府信息公开引起的行政复议、行政诉讼。", "全年没有发生针对本机关政府信息公开的行政复议和行政诉讼案件。")
FEE_SENTENCES = ("全年共收取信息检索、复制费用{f}元。", "依申请提供信息收取复制费{f}元。")
NO_FEE_SENTENCES = ("本年度未收取政府信息公开相关费用。", "全年未收取任何信息公开费用，也无减免情况。")


@dataclass
class FreeForm:
    report: Report
    figures: dict  # (row, column) of table ``figures`` -> value


def written(rng: random.Random, number: int) -> str:
    text = f"{number:,}" if number >= 1000 and rng.random() < 0.5 else str(number)
    return text.translate(FULL_WIDTH) if rng.random() < 0.2 else text


def make_free_form_report(agency: str, year: int, seed=None) -> FreeForm:
    """A report of ``year`` (before 2019) in the free sections of its time; the same arguments give the same report."""
    rng = random.Random(seed if seed is not None else f"free/{agency}/{year}")
    figures = {ACTIVE: rng.randint(20, 5000), REQUESTS: rng.randint(0, 300)}
    reviews, suits = (0, 0) if rng.random() < 0.5 else (rng.randint(0, 6), rng.randint(0, 4))
    figures[REVIEWS], figures[SUITS] = reviews, suits
    figures[FEES] = 0 if rng.random() < 0.6 else rng.randint(5, 900)
    fill = {"year": year, "m": written(rng, rng.randint(1, 9))}

    def say(sentences, **numbers) -> str:
        return rng.choice(sentences).format(**{**fill, **{k: written(rng, v) for k, v in numbers.items()}})

    blocks = [
        ("p", f"根据《中华人民共和国政府信息公开条例》要求，现公布{agency}{year}年度政府信息公开工作年度报告。本报告由概述、主动公开政府信息情况、"
              "依申请公开政府信息情况、政府信息公开收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼情况、存在的主要问题及改进措施组成。"),
        ("h", "一、概述"),
        ("p", f"{year}年，{agency}认真贯彻落实《条例》，把政府信息公开作为转变职能、建设服务型机关的重要抓手，健全工作机制，规范公开程序。"),
        ("h", "二、主动公开政府信息情况"),
        ("p", say(ACTIVE_SENTENCES, n=figures[ACTIVE])),
        ("h", "三、依申请公开政府信息情况"),
        ("p", say(REQUEST_SENTENCES, n=figures[REQUESTS])),
        ("h", "四、政府信息公开收费及减免情况"),
        ("p", say(FEE_SENTENCES, f=figures[FEES]) if figures[FEES] else rng.choice(NO_FEE_SENTENCES)),
        ("h", "五、因政府信息公开申请行政复议、提起行政诉讼情况"),
        ("p", say(APPEAL_SENTENCES, r=reviews, s=suits) if reviews or suits else rng.choice(NO_APPEAL_SENTENCES)),
        ("h", "六、存在的主要问题及改进措施"),
        ("p", f"{agency}政府信息公开工作还存在公开内容不够全面、更新不够及时等问题。下一步将进一步完善制度，加大公开力度。"),
    ]
    return FreeForm(Report(agency=agency, year=year, title=f"{agency}{year}年政府信息公开工作年度报告", blocks=blocks), figures)
