#!/usr/bin/env python3
"""Writes tests/golden/lint/checks/<check>.hit.json and <check>.miss.json: for every check of
rules/common/checks.rules (and Sichuan's two), a small form that triggers it and a near miss
that must not. Each is the consistent base form below with one change. Run it after changing
the base form or a case; tests/lint/catalogue_test.cpp lints every file under its rule set."""
import copy, json, os

BASE = {
    "schema": "jixiao.form/1", "id": "lint-base", "year": 2021, "jurisdiction": "北京",
    "project": "检查用示例表", "money_unit": "万元",
    "budget": {"weight": 10, "rate": "95.00%", "score": 9.5, "rows": [
        {"name": "年度资金总额", "initial": "100.000000", "annual": "100.000000", "executed": "95.000000",
         "weight": 10, "rate": "95.00%", "score": 9.5},
        {"name": "当年财政拨款", "initial": "100.000000", "annual": "100.000000", "executed": "95.000000",
         "weight": "-", "rate": "95.00%", "score": "-"}]},
    "goals": {"expected": "完成年度工作。", "actual": "完成了年度工作。"},
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "举办活动", "target": "≥10场", "actual": "10场",
         "weight": 20, "score": 20},
        {"level1": "产出指标", "level2": "时效指标", "name": "完成时间", "target": "2021年10月前完成",
         "actual": "2021年9月完成", "weight": 10, "score": 10},
        {"level1": "产出指标", "level2": "成本指标", "name": "成本控制", "target": "≤100万元", "actual": "95万元",
         "weight": 20, "score": 20},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "服务能力", "target": "服务能力有效提升",
         "actual": "服务企业能力得到提升", "weight": 30, "score": 30},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "满意度", "target": "≥90%",
         "actual": "95%", "weight": 10, "score": 10}],
    "groups": [],
    "total": {"weight": 100, "score": 99.5},
}

def ind(f, i): return f["indicators"][i]

def retotal(f):
    s = f["budget"]["rows"][0]["score"]
    s += sum(x["score"] for x in f["indicators"] if isinstance(x.get("score"), (int, float)))
    f["total"]["score"] = round(s, 2)

def case(hit, miss, total=True):
    out = []
    for change in (hit, miss):
        f = copy.deepcopy(BASE)
        change(f)
        if total: retotal(f)
        out.append(f)
    return out

def set_(i, **kw):
    def change(f):
        ind(f, i).update(kw)
    return change

def both(*changes):
    def change(f):
        for c in changes: c(f)
    return change

def budget(**kw):
    def change(f):
        f["budget"]["rows"][0].update(kw)
        for k in ("rate", "score"):
            if k in kw: f["budget"][k] = kw[k]
    return change

def subrow(**kw):
    def change(f):
        f["budget"]["rows"][1].update(kw)
    return change

cases = {
    "score.mismatch": case(set_(0, actual="8场", score=20, reason="场地受限"), set_(0, actual="8场", score=16, reason="场地受限")),
    "score.outside-band": case(set_(3, actual="未完成", score=20, reason="未开展"), set_(3, actual="未完成", score=10, reason="未开展")),
    "score.above-weight": case(set_(3, score=31), set_(3, score=30)),
    "score.negative": case(set_(3, score=-1, reason="未开展"), set_(3, score=0, actual="未完成", reason="未开展")),
    "reason.missing": case(set_(0, actual="8场", score=16), set_(0, actual="8场", score=16, reason="场地受限，下半年活动取消")),
    "overachievement.unexplained": case(set_(0, actual="12场"), set_(0, actual="11场")),
    "indicator.duplicate": case(lambda f: f["indicators"].insert(1, copy.deepcopy(ind(f, 0))) or f["indicators"][0].update(weight=10, score=10) or f["indicators"][1].update(weight=10, score=10),
                                lambda f: f["indicators"].insert(1, dict(copy.deepcopy(ind(f, 0)), target="≥5场", actual="5场")) or f["indicators"][0].update(weight=10, score=10) or f["indicators"][1].update(weight=10, score=10)),
    "quantity.unmeasurable": case(set_(2, actual="完成"), set_(2, actual="90万元")),
    "quantity.target-not-quantified": case(set_(0, target="按计划举办", actual="按计划举办了活动"), set_(0, target="不少于10场", actual="10场")),
    "actual.copied": case(set_(3, actual="服务能力有效提升"), set_(3, actual="服务能力明显提升")),
    "actual.empty": case(set_(3, actual=""), set_(3, actual="有所提升")),
    "score.empty": case(set_(3, score=""), set_(3, score=30)),
    "template.prompt": case(set_(3, actual="请填写实际完成情况"), set_(3, actual="已填写实际完成情况")),
    "template.goal-prompt": case(lambda f: f["goals"].update(actual="请填写年度目标完成情况"), lambda f: f["goals"].update(actual="年度目标全部完成")),
    "budget.total-initial": case(subrow(initial="90.000000"), subrow(initial="100.000000")),
    "budget.total-annual": case(subrow(annual="90.000000"), subrow(annual="100.000000")),
    "budget.total-executed": case(subrow(executed="90.000000"), subrow(executed="95.000000")),
    "budget.rate": case(budget(rate="96.00%"), budget(rate="95.00%")),
    "budget.score": case(budget(score=9.6), budget(score=9.5)),
    "budget.overspent": case(both(budget(executed="101.000000", rate="101.00%", score=10), subrow(executed="101.000000")),
                             both(budget(executed="100.000000", rate="100.00%", score=10), subrow(executed="100.000000"))),
    "total.sum": case(lambda f: f["total"].update(score=99), lambda f: None, total=False),
    "weights.total": case(set_(4, weight=5, score=5), set_(4, weight=10, score=10)),
    "weights.level1-split": case(both(set_(3, weight=40, score=40), set_(0, weight=10, score=10)), lambda f: None),
    # Negative and zero figures: the near miss is the boundary (0 is not negative) or the legitimate
    # spelling (a row that does not apply is marked —, a zero target is written =0次).
    "weight.negative": case(set_(3, weight=-30, score=-30, reason="未开展"), set_(3, weight=0, score=0)),
    "weight.zero": case(set_(3, weight=0, score=0), set_(3, target="—", actual="—", weight="—", score="—")),
    "target.nothing": case(set_(4, name="投诉次数", target="0次", actual="0次"), set_(4, name="投诉次数", target="=0次", actual="0次")),
    "budget.negative-initial": case(both(budget(initial="-100.000000"), subrow(initial="-100.000000")),
                                    both(budget(initial="0.000000"), subrow(initial="0.000000"))),
    "budget.negative-annual": case(both(budget(annual="-100.000000"), subrow(annual="-100.000000")),
                                   both(budget(annual="0.000000"), subrow(annual="0.000000"))),
    "budget.negative-executed": case(both(budget(executed="-5.000000"), subrow(executed="-5.000000")),
                                     both(budget(executed="0.000000", rate="0.00%", score=0), subrow(executed="0.000000", rate="0.00%"))),
    "budget.annual-zero": case(both(budget(annual="0.000000"), subrow(annual="0.000000")),
                               both(budget(annual="0.010000"), subrow(annual="0.010000"))),
    "budget.weight-negative": case(lambda f: f["budget"].update(weight=-10) or budget(weight=-10)(f),
                                   lambda f: f["budget"].update(weight=0) or budget(weight=0)(f)),
}

# Shenzhen-style groups: the group checks.
SZ = copy.deepcopy(BASE)
SZ.update(id="lint-sz", year=2020, jurisdiction="深圳", money_unit="元")
SZ["budget"]["rows"] = [dict(r, initial="1000000.00", annual="1000000.00", executed="950000.00") for r in SZ["budget"]["rows"]]
for x in SZ["indicators"]:
    x.pop("weight"); x.pop("score")
SZ["indicators"].insert(1, {"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "target": "≥100人次", "actual": "100人次"})
SZ["groups"] = [
    {"level1": "产出指标", "level2": "数量指标", "weight": 20, "score": 20},
    {"level1": "产出指标", "level2": "时效指标", "weight": 10, "score": 10},
    {"level1": "产出指标", "level2": "成本指标", "weight": 20, "score": 20},
    {"level1": "效益指标", "level2": "社会效益指标", "weight": 30, "score": 30},
    {"level1": "效益指标", "level2": "服务对象满意度指标", "weight": 10, "score": 10}]
SZ["indicators"][4]["level1"] = "效益指标"
SZ["indicators"][5]["level1"] = "效益指标"

def sz(change):
    f = copy.deepcopy(SZ)
    change(f)
    f["total"]["score"] = round(9.5 + sum(g["score"] for g in f["groups"] if isinstance(g.get("score"), (int, float))), 2)
    return f

def grp(i, **kw):
    def change(f):
        f["groups"][i].update(kw)
    return change

def member(i, **kw):
    def change(f):
        f["indicators"][i].update(kw)
    return change

cases.update({
    "group.mismatch": [sz(both(member(0, actual="5场"), grp(0, score=20, reason="场地受限"))), sz(both(member(0, actual="5场"), grp(0, score=15, reason="场地受限")))],
    "group.full-despite-miss": [sz(member(0, actual="5场")), sz(lambda f: None)],
    "group.outside-range": [sz(both(member(4, actual="未完成"), grp(3, score=20, reason="未开展"))), sz(both(member(4, actual="未完成"), grp(3, score=10, reason="未开展")))],
    "group.above-weight": [sz(grp(3, score=31)), sz(grp(3, score=30))],
    "group.reason-missing": [sz(grp(3, score=27)), sz(grp(3, score=27, reason="部分活动延期"))],
    "group.score-empty": [sz(grp(3, score="")), sz(grp(3, score=30))],
    "group.weight-negative": [sz(grp(3, weight=-30, score=-30, reason="未开展")), sz(grp(3, weight=0, score=0))],
    "group.weight-zero": [sz(grp(3, weight=0, score=0)), sz(grp(3, weight="—", score="—"))],
})

# Sichuan's two checks.
SC = copy.deepcopy(BASE)
SC.update(id="lint-sc", jurisdiction="四川")
def sc(change):
    f = copy.deepcopy(SC)
    change(f)
    retotal(f)
    return f
cases.update({
    "sichuan.budget-low-rate": [sc(both(budget(executed="85.000000", rate="85.00%", score=8.5), subrow(executed="85.000000"))), sc(both(budget(executed="90.000000", rate="90.00%", score=9), subrow(executed="90.000000")))],
    "sichuan.budget-adjusted": [sc(both(budget(initial="120.000000"), subrow(initial="120.000000"))), sc(lambda f: None)],
})

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "checks")
os.makedirs(here, exist_ok=True)
for name, (hit, miss) in cases.items():
    for kind, f in (("hit", hit), ("miss", miss)):
        f = dict(f, id=f"{name}.{kind}")
        with open(os.path.join(here, f"{name}.{kind}.json"), "w", encoding="utf-8") as out:
            json.dump(f, out, ensure_ascii=False, indent=1)
            out.write("\n")
# The base forms themselves must lint clean.
for name, f in (("base-beijing", BASE), ("base-shenzhen", sz(lambda f: None)), ("base-sichuan", sc(lambda f: None))):
    with open(os.path.join(here, f"{name}.clean.json"), "w", encoding="utf-8") as out:
        json.dump(dict(f, id=name), out, ensure_ascii=False, indent=1)
        out.write("\n")
