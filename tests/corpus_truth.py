"""Figures verified by reading the national reports (/work/shared/corpus/national/<year>.txt).

Every entry was read in the text by hand. Keys are *report years* (the year the report was
delivered); a target's period is the report year, an actual's period is given in the entry
(normally report year − 1). ``text`` is an exact quote of the report after :func:`squash`
(whitespace and zero-width characters removed, full-width digits, ％ and ． made half-width);
tests find it with ``text in squash(raw)``. Values are in the unit as written: % for growth
and CPI, 万人 for urban new jobs. Qualifiers follow the indicator-table vocabulary
(exact | approx | at_least | at_most | range); ``high`` is None for an open floor (以上).

There is no 2020 report in the corpus, so period 2019 has no actual and period 2020 no target.
"""

from __future__ import annotations

import re

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_FULL_WIDTH = {
    ord(f): ord(h) for f, h in zip("０１２３４５６７８９％．", "0123456789%.", strict=True)
}


def squash(text: str) -> str:
    """Return ``text`` without whitespace or zero-width characters, digits and % half-width."""
    return re.sub(r"\s+", "", text.translate(_ZERO_WIDTH).translate(_FULL_WIDTH))


def _t(low: float, high: float | None, qualifier: str, text: str) -> dict:
    return {"low": low, "high": high, "qualifier": qualifier, "text": text}


def _a(period: int, value: float, text: str) -> dict:
    return {"period": period, "value": value, "text": text}


#: GDP growth target (%) set in each report for its own year.
GDP_TARGETS: dict[int, dict] = {
    2004: _t(7, 7, "approx", "今年经济增长预期目标为7%左右"),
    2005: _t(8, 8, "approx", "今年经济社会发展主要预期目标是：国内生产总值增长8%左右"),
    2006: _t(8, 8, "approx", "主要预期目标是：国内生产总值增长8%左右"),
    2007: _t(8, 8, "approx", "保护环境的基础上，国内生产总值增长8%左右"),
    2008: _t(8, 8, "approx", "保护环境的基础上，国内生产总值增长8%左右"),
    2009: _t(8, 8, "approx", "主要预期目标是：国内生产总值增长8%左右"),
    2010: _t(8, 8, "approx", "主要预期目标是：国内生产总值增长8%左右"),
    2011: _t(8, 8, "approx", "主要预期目标是：国内生产总值增长8%左右"),
    # 2012 is written without 左右.
    2012: _t(7.5, 7.5, "exact", "主要预期目标是：国内生产总值增长7.5%；"),
    2013: _t(7.5, 7.5, "approx", "主要预期目标是：国内生产总值增长7.5%左右"),
    2014: _t(7.5, 7.5, "approx", "主要预期目标是：国内生产总值增长7.5%左右"),
    2015: _t(7, 7, "approx", "主要预期目标是：国内生产总值增长7%左右"),
    2016: _t(6.5, 7, "range", "主要预期目标是：国内生产总值增长6.5%－7%"),
    2017: _t(6.5, 6.5, "approx", "主要预期目标是：国内生产总值增长6.5%左右"),
    2018: _t(6.5, 6.5, "approx", "主要预期目标是：国内生产总值增长6.5%左右"),
    2019: _t(6, 6.5, "range", "主要预期目标是：国内生产总值增长6%－6.5%"),
    2021: _t(6, None, "at_least", "主要预期目标是：国内生产总值增长6%以上"),
    2022: _t(5.5, 5.5, "approx", "主要预期目标是：国内生产总值增长5.5%左右"),
    2023: _t(5, 5, "approx", "主要预期目标是：国内生产总值增长5%左右"),
    2024: _t(5, 5, "approx", "主要预期目标是：国内生产总值增长5%左右"),
    2025: _t(5, 5, "approx", "主要预期目标是：国内生产总值增长5%左右"),
}

#: Annual GDP growth (%) of the previous year as reported in each report.
GDP_ACTUALS: dict[int, dict] = {
    2004: _a(2003, 9.1, "国内生产总值比上年增长9.1%"),
    2005: _a(2004, 9.5, "2004年，国内生产总值达到13.65万亿元，比上年增长9.5%"),
    2006: _a(2005, 9.9, "全年国内生产总值达到18.23万亿元，比上年增长9.9%"),
    2007: _a(2006, 10.7, "国内生产总值20.94万亿元，比上年增长10.7%"),
    # 2008: no annual figure for 2007 (see GDP_ACTUAL_ABSENT).
    2009: _a(2008, 9, "国内生产总值超过30万亿元，比上年增长9%"),
    2010: _a(2009, 8.7, "国内生产总值达到33.5万亿元，比上年增长8.7%"),
    # 2011 opens with the five-year 年均增长11.2%; the annual figure comes in part three.
    2011: _a(2010, 10.3, "过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3%"),
    2012: _a(2011, 9.2, "国内生产总值47.2万亿元，比上年增长9.2%"),
    2013: _a(2012, 7.8, "全面实现年初确定的主要目标，国内生产总值增长7.8%"),
    2014: _a(2013, 7.7, "国内生产总值达到56.9万亿元，比上年增长7.7%"),
    2015: _a(2014, 7.4, "国内生产总值达到63.6万亿元，比上年增长7.4%"),
    2016: _a(2015, 6.9, "国内生产总值达到67.7万亿元，增长6.9%"),
    2017: _a(2016, 6.7, "国内生产总值达到74.4万亿元，增长6.7%"),
    2018: _a(
        2017,
        6.9,
        "刚刚过去的2017年，经济社会发展主要目标任务全面完成并好于预期。国内生产总值增长6.9%",
    ),
    2019: _a(2018, 6.6, "国内生产总值增长6.6%，总量突破90万亿元"),
    2021: _a(2020, 2.3, "全年国内生产总值增长2.3%"),
    2022: _a(2021, 8.1, "国内生产总值达到114万亿元，增长8.1%"),
    2023: _a(2022, 3, "全年国内生产总值增长3%"),
    2024: _a(2023, 5.2, "国内生产总值超过126万亿元，增长5.2%"),
    2025: _a(2024, 5, "国内生产总值达到134.9万亿元、增长5%"),
}

#: Report years whose review states no annual GDP growth; the quote is the non-annual figure
#: an extractor must NOT take as the actual.
GDP_ACTUAL_ABSENT: dict[int, dict] = {
    2008: {"period": 2007, "text": "国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%"},
}

#: GDP growth reported in older reports (several name it 国民生产总值, or write Chinese numerals).
OLDER_GDP_ACTUALS: dict[int, dict] = {
    1992: _a(1991, 7, "1991年国民生产总值比上年增长百分之七"),
    1993: _a(1992, 12.8, "国民生产总值比上年增长百分之十二点八"),
    1994: _a(1993, 13.4, "国内生产总值突破3万亿元大关，比上年增长百分之十三点四"),
    1995: _a(1994, 11.8, "国内生产总值达到43800亿元，按可比价格计算，比上年增长百分之十一点八"),
    1997: _a(1996, 9.7, "国内生产总值达到67700多亿元，按可比价格计算，比上年增长9.7%"),
    1999: _a(1998, 7.8, "国内生产总值比上年增长7.8%，虽然略低于8%的预定目标"),
    2002: _a(2001, 7.3, "2001年国内生产总值达到95933亿元，比上年增长7.3%"),
}

#: GDP growth targets in older reports.
OLDER_GDP_TARGETS: dict[int, dict] = {
    1992: _t(6, 6, "exact", "国民生产总值增长百分之六"),
    1994: _t(9, 9, "exact", "今年计划国内生产总值增长百分之九"),
}

#: CPI target (% rise, a ceiling) set in each report for its own year.
CPI_TARGETS: dict[int, dict] = {
    2005: _t(4, 4, "at_most", "居民消费价格总水平涨幅控制在4%"),
    2006: _t(3, 3, "at_most", "居民消费价格总水平涨幅控制在3%"),
    2007: _t(3, 3, "at_most", "居民消费价格总水平涨幅在3%以内"),
    2008: _t(4.8, 4.8, "approx", "居民消费价格总水平涨幅控制在4.8%左右"),
    2009: _t(4, 4, "approx", "居民消费价格总水平涨幅4%左右"),
    2010: _t(3, 3, "approx", "居民消费价格涨幅3%左右"),
    2011: _t(4, 4, "approx", "居民消费价格总水平涨幅控制在4%左右"),
    2012: _t(4, 4, "approx", "居民消费价格涨幅控制在4%左右"),
    2013: _t(3.5, 3.5, "approx", "居民消费价格涨幅3.5%左右"),
    2014: _t(3.5, 3.5, "approx", "居民消费价格涨幅控制在3.5%左右"),
    2015: _t(3, 3, "approx", "居民消费价格涨幅3%左右"),
    2016: _t(3, 3, "approx", "居民消费价格涨幅3%左右"),
    2017: _t(3, 3, "approx", "居民消费价格涨幅3%左右"),
    2018: _t(3, 3, "approx", "居民消费价格涨幅3%左右"),
    2019: _t(3, 3, "approx", "居民消费价格涨幅3%左右"),
    2021: _t(3, 3, "approx", "居民消费价格涨幅3%左右"),
    2022: _t(3, 3, "approx", "居民消费价格涨幅3%左右"),
    2023: _t(3, 3, "approx", "居民消费价格涨幅3%左右"),
    2024: _t(3, 3, "approx", "居民消费价格涨幅3%左右"),
    2025: _t(2, 2, "approx", "居民消费价格涨幅2%左右"),
}

#: CPI rise (%) of the previous year. No annual figure in the reports of 2004, 2005, 2009,
#: 2010, 2012, 2016 and 2018 (2018 gives only the five-year 年均上涨1.9%).
CPI_ACTUALS: dict[int, dict] = {
    2006: _a(2005, 1.8, "居民消费价格总水平上涨1.8%"),
    2007: _a(2006, 1.5, "居民消费价格总水平上涨1.5%"),
    2008: _a(2007, 4.8, "去年居民消费价格总水平比上年上涨4.8%"),
    # Actuals worded like targets: 控制在 / 回落到 in the review part.
    2011: _a(2010, 3.3, "居民消费价格涨幅控制在3.3%"),
    2013: _a(2012, 2.6, "居民消费价格涨幅回落到2.6%"),
    2014: _a(2013, 2.6, "居民消费价格涨幅控制在2.6%"),
    2015: _a(2014, 2, "价格稳，居民消费价格上涨2%"),
    2017: _a(2016, 2, "居民消费价格上涨2%。工业企业利润"),
    2019: _a(2018, 2.1, "居民消费价格上涨2.1%"),
    2021: _a(2020, 2.5, "居民消费价格上涨2.5%"),
    2022: _a(2021, 0.9, "居民消费价格上涨0.9%"),
    2023: _a(2022, 2, "年末城镇调查失业率降到5.5%，居民消费价格上涨2%"),
    2024: _a(2023, 0.2, "居民消费价格上涨0.2%"),
    2025: _a(2024, 0.2, "居民消费价格上涨0.2%"),
}

#: Urban new jobs target (万人) set in each report for its own year.
JOBS_TARGETS: dict[int, dict] = {
    2004: _t(900, 900, "exact", "今年的预期目标是，新增城镇就业900万人"),
    2005: _t(900, 900, "exact", "城镇新增就业900万人，城镇登记失业率控制在4.6%"),
    2006: _t(900, 900, "exact", "城镇新增就业900万人，城镇登记失业率控制在4.6%"),
    2007: _t(900, None, "at_least", "城镇新增就业人数不低于900万人"),
    2008: _t(1000, 1000, "exact", "城镇新增就业1000万人，城镇登记失业率控制在4.5%左右"),
    2009: _t(900, None, "at_least", "城镇新增就业900万人以上"),
    2010: _t(900, None, "at_least", "城镇新增就业900万人以上"),
    2011: _t(900, None, "at_least", "城镇新增就业900万人以上"),
    2012: _t(900, None, "at_least", "城镇新增就业900万人以上"),
    2013: _t(900, None, "at_least", "城镇新增就业900万人以上"),
    2014: _t(1000, None, "at_least", "城镇新增就业1000万人以上"),
    2015: _t(1000, None, "at_least", "城镇新增就业1000万人以上"),
    2016: _t(1000, None, "at_least", "城镇新增就业1000万人以上"),
    2017: _t(1100, None, "at_least", "城镇新增就业1100万人以上"),
    2018: _t(1100, None, "at_least", "城镇新增就业1100万人以上"),
    2019: _t(1100, None, "at_least", "城镇新增就业1100万人以上"),
    2021: _t(1100, None, "at_least", "城镇新增就业1100万人以上"),
    2022: _t(1100, None, "at_least", "城镇新增就业1100万人以上"),
    2023: _t(1200, 1200, "approx", "城镇新增就业1200万人左右"),
    2024: _t(1200, None, "at_least", "城镇新增就业1200万人以上"),
    2025: _t(1200, None, "at_least", "城镇新增就业1200万人以上"),
}

#: Urban new jobs (万人) of the previous year. The 2008 report gives only five-year and
#: per-year-average figures (五年全国新增城镇就业5100万人, 平均每年…1000多万人).
JOBS_ACTUALS: dict[int, dict] = {
    2004: _a(2003, 859, "城镇新增就业859万人"),
    2005: _a(2004, 980, "城镇新增就业980万人，超过预期目标"),
    2006: _a(2005, 970, "城镇新增就业人口970万人"),
    2007: _a(2006, 1184, "城镇新增就业1184万人"),
    2009: _a(2008, 1113, "城镇新增就业1113万人"),
    2010: _a(2009, 1102, "城镇新增就业1102万人"),
    # 2011 opens with the five-year 城镇新增就业5771万人.
    2011: _a(2010, 1168, "城镇新增就业1168万人"),
    2012: _a(2011, 1221, "城镇新增就业1221万人"),
    2013: _a(2012, 1266, "城镇新增就业1266万人"),
    2014: _a(2013, 1310, "城镇新增就业1310万人，创历史新高"),
    2015: _a(2014, 1322, "城镇新增就业1322万人，高于上年"),
    2016: _a(2015, 1312, "城镇新增就业1312万人，超过全年预期目标"),
    2017: _a(2016, 1314, "全年城镇新增就业1314万人"),
    # 2018 opens with the five-year 城镇新增就业6600万人以上.
    2018: _a(2017, 1351, "城镇新增就业1351万人"),
    2019: _a(2018, 1361, "城镇新增就业1361万人"),
    2021: _a(2020, 1186, "城镇新增就业1186万人"),
    2022: _a(2021, 1269, "城镇新增就业1269万人"),
    2023: _a(2022, 1206, "城镇新增就业1206万人"),
    2024: _a(2023, 1244, "城镇新增就业1244万人"),
    2025: _a(2024, 1256, "城镇新增就业1256万人"),
}

#: Targets a report states as absent or without a number (period = report year).
ABSENT_TARGETS: dict[int, dict] = {
    2022: {"indicator": "energy_intensity", "text": "能耗强度目标在“十四五”规划期内统筹考核"},
    2023: {
        "indicator": "energy_intensity",
        "text": "单位国内生产总值能耗和主要污染物排放量继续下降",
    },
}

#: Energy intensity (单位国内生产总值能耗 / 能耗强度 / 能源消耗强度) change targets, signed: a cut is
#: negative. ``以上`` on a cut ("a cut of at least 3.9%") keeps the number in ``low`` and
#: ``high`` None, as for the other 以上 targets. 2022 states the target is assessed over the
#: five-year plan and 2023 sets it without a number (see ABSENT_TARGETS).
ENERGY_TARGETS: dict[int, dict] = {
    2006: _t(-4, -4, "approx", "单位国内生产总值能耗降低4%左右"),
    2014: _t(-3.9, None, "at_least", "今年能源消耗强度要降低3.9%以上"),
    2015: _t(-3.1, None, "at_least", "能耗强度下降3.1%以上"),
    2016: _t(-3.4, None, "at_least", "单位国内生产总值能耗下降3.4%以上"),
    2017: _t(-3.4, None, "at_least", "单位国内生产总值能耗下降3.4%以上"),
    2018: _t(-3, None, "at_least", "单位国内生产总值能耗下降3%以上"),
    2019: _t(-3, -3, "approx", "单位国内生产总值能耗下降3%左右"),
    2021: _t(-3, -3, "approx", "单位国内生产总值能耗降低3%左右"),
    2024: _t(-2.5, -2.5, "approx", "单位国内生产总值能耗降低2.5%左右"),
    2025: _t(-3, -3, "approx", "单位国内生产总值能耗降低3%左右"),
}

#: Energy intensity change (%, signed) of the previous year. The reports of 2011, 2013, 2018
#: and 2023 give only five-year figures (下降19.1%, 17.2%, 20%以上, 8.1%); 2025 gives a bound
#: (降幅超过3%: the cut exceeded 3%, value −3 as written).
ENERGY_ACTUALS: dict[int, dict] = {
    2007: _a(
        2006, -1.2, "2006年，单位国内生产总值能耗由前三年分别上升4.9%、5.5%、0.2%，转为下降1.2%"
    ),
    2008: _a(2007, -3.27, "2007年单位国内生产总值能耗比上年下降3.27%"),
    2009: _a(2008, -4.59, "单位国内生产总值能耗比上年下降4.59%"),
    2014: _a(2013, -3.7, "能源消耗强度下降3.7%"),
    2015: _a(2014, -4.8, "能耗强度下降4.8%"),
    2016: _a(2015, -5.6, "单位国内生产总值能耗下降5.6%"),
    2017: _a(2016, -5, "单位国内生产总值能耗下降5%"),
    2019: _a(2018, -3.1, "单位国内生产总值能耗下降3.1%"),
    2025: _a(2024, -3, "单位国内生产总值能耗降幅超过3%"),
}


#: GDP levels (万亿元) stated only in a five-year review: the level the review ends on (the year
#: before the report) and the base it started from (five years earlier). Report year → entries.
GDP_LEVELS_FROM_REVIEWS: dict[int, list[dict]] = {
    2013: [
        _a(2012, 51.9, "国内生产总值从26.6万亿元增加到51.9万亿元"),
        _a(2007, 26.6, "国内生产总值从26.6万亿元增加到51.9万亿元"),
    ],
    2018: [
        _a(2017, 82.7, "国内生产总值从54万亿元增加到82.7万亿元"),
        _a(2012, 54, "国内生产总值从54万亿元增加到82.7万亿元"),
    ],
    2023: [_a(2022, 121, "国内生产总值增加到121万亿元")],
}
