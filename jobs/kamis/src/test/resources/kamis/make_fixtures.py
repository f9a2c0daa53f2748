# Writes the small hand-made landing fixtures of the KAMIS bronze/silver tests (run once; the
# output is committed). Each envelope is one JSON object on one line, as DESIGN.md specifies.
import json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))

def env(action, slot, day, end_day, params, fetched_at, response, result_code="000"):
    return {"action": action, "slot": slot, "day": day, "end_day": end_day, "params": params,
            "url": "http://127.0.0.1/service/price/xml.do?action=" + action + "&p_cert_key=***&p_cert_id=***",
            "fetched_at": fetched_at, "http_status": 200, "result_code": result_code,
            "response": response}

def write(root, action, slot, key, obj, success=True, raw=None):
    d = os.path.join(HERE, root, action, slot)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, key + ".json"), "w", encoding="utf-8") as f:
        f.write(raw if raw is not None else json.dumps(obj, ensure_ascii=False))
        f.write("\n")
    if success:
        open(os.path.join(d, "_SUCCESS"), "w").close()

def cat_row(name, code, kind, kcode, rank, rcode, unit, pairs):
    r = {"item_name": name, "item_code": code, "kind_name": kind, "kind_code": kcode,
         "rank": rank, "rank_code": rcode, "unit": unit}
    for i, (d, p) in enumerate(pairs, 1):
        r["day%d" % i] = d
        r["dpr%d" % i] = p
    return r

def cat_params(cls, cat, region, day):
    return {"p_product_cls_code": cls, "p_item_category_code": cat, "p_country_code": region,
            "p_regday": day, "p_convert_kg_yn": "N", "p_returntype": "json",
            "p_cert_key": "***", "p_cert_id": "***"}

def cat_resp(rows, params):
    return {"condition": [params], "data": {"error_code": "000", "item": rows}}

for root in ["landing", "landing-bad", "landing-future"]:
    shutil.rmtree(os.path.join(HERE, root), ignore_errors=True)

A = "dailyPriceByCategoryList"
# --- the clean landing: every action, every empty-value form ---------------------------------
p = cat_params("01", "200", "", "2024-10-31")
rows = [
    # 배추: "3,513" on 10/31; the 1개월전 price is [], 1년전 "", 2주일전 "-".
    cat_row("배추", "211", "봄(1포기)", "01", "상품", "04", "1포기",
            [("당일 (10/31)", "3,513"), ("1일전", "3,400"), ("1주일전", "3,300"), ("2주일전", "-"),
             ("1개월전", []), ("1년전", ""), ("일평년", "4,012")]),
    # 무: labels reordered (1주일전 before 1일전); each price must land on its label's day.
    cat_row("무", "231", "월동(1개)", "01", "상품", "04", "1개",
            [("당일 (10/31)", "1,980"), ("1주일전", "1,250"), ("1일전", "1,100"), ("2주일전", "990"),
             ("1개월전", "870"), ("1년전", "2,010"), ("일평년", "-")]),
    # 시금치: no price at all (null, [], "", "-"): seven cells, no observation.
    cat_row("시금치", "213", "시금치(1kg)", "00", "상품", "04", "1kg",
            [("당일 (10/31)", None), ("1일전", []), ("1주일전", ""), ("2주일전", "-"),
             ("1개월전", None), ("1년전", []), ("일평년", "")]),
]
write("landing", A, "2024-10-31", "cls01-cat200-region", env(A, "2024-10-31", "2024-10-31", None, p,
      "2024-10-31T06:00:00Z", cat_resp(rows, p)))
# The next day: 배추's 1일전 (10/31) is a less direct observation of 10/31 than 당일 above.
p = cat_params("01", "200", "", "2024-11-01")
rows = [
    cat_row("배추", "211", "봄(1포기)", "01", "상품", "04", "1포기",
            [("당일 (11/01)", "3,600"), ("1일전", "3,450"), ("1주일전", "-"), ("2주일전", "-"),
             ("1개월전", "-"), ("1년전", "-"), ("일평년", "-")]),
    # 양파: an unknown label → the row is quarantined in silver (bronze keeps it as received).
    cat_row("양파", "245", "양파(1kg)", "00", "상품", "04", "1kg",
            [("당일 (11/01)", "2,100"), ("1일전", "2,050"), ("1주일전", "-"), ("2주일전", "-"),
             ("3개월전", "1,900"), ("1년전", "-"), ("일평년", "-")]),
]
write("landing", A, "2024-11-01", "cls01-cat200-region", env(A, "2024-11-01", "2024-11-01", None, p,
      "2024-11-01T06:00:00Z", cat_resp(rows, p)))
# A regional wholesale request, one row (region 1101 서울), XML-to-JSON quirk: item is an object.
p = cat_params("02", "200", "1101", "2024-11-01")
row = cat_row("배추", "211", "봄(1포기)", "01", "상품", "04", "10kg",
              [("당일 (11/01)", "12,500"), ("1일전", "12,300"), ("1주일전", "-"), ("2주일전", "-"),
               ("1개월전", "-"), ("1년전", "-"), ("일평년", "11,800")])
write("landing", A, "2024-11-01", "cls02-cat200-region1101", env(A, "2024-11-01", "2024-11-01", None, p,
      "2024-11-01T06:00:05Z", {"condition": [p], "data": {"error_code": "000", "item": row}}))
# A holiday: result 001, no rows.
p = cat_params("01", "100", "", "2024-11-01")
write("landing", A, "2024-11-01", "cls01-cat100-region", env(A, "2024-11-01", "2024-11-01", None, p,
      "2024-11-01T06:00:06Z", {"condition": [p], "data": ["001"]}, result_code="001"))
# An incomplete slot (no _SUCCESS): not read.
write("landing", A, "2024-10-30", "cls01-cat200-region", env(A, "2024-10-30", "2024-10-30", None, p,
      "2024-10-30T06:00:00Z", cat_resp([], p)), success=False)

S = "dailySalesList"
def sales_row(cls, catc, catn, no, day, name, unit, pairs, direction="1", value="2.8"):
    r = {"product_cls_code": cls, "product_cls_name": "소매" if cls == "01" else "도매",
         "category_code": catc, "category_name": catn, "productno": no, "lastest_day": day,
         "productName": name, "item_name": name, "unit": unit}
    for i, (d, pr) in enumerate(pairs, 1):
        r["day%d" % i] = d
        r["dpr%d" % i] = pr
    r["direction"] = direction
    r["value"] = value
    return r
rows = [
    # 배추 → item 211 kind 01 (kind name matches), rank 04 (best of 04,05). Fetched before the
    # category list, so the category's 당일 3,513 wins 10/31; its 1년전 2,900 is the only one.
    sales_row("01", "200", "채소류", "290", "2024-10-31", "배추/봄(1포기)", "1포기",
              [("당일", "3,520"), ("1일전", "3,400"), ("1개월전", []), ("1년전", "2,900")]),
    # 쌀: lastest_day differs from the other rows; item has one kind.
    sales_row("01", "100", "식량작물", "272", "2024-10-30", "쌀/20kg", "20kg",
              [("당일", "54,212"), ("1일전", "54,100"), ("1개월전", "55,000"), ("1년전", [])],
              direction="0", value=[]),
    # 수박: not in productInfo → quarantined with the reason, never guessed.
    sales_row("01", "400", "과일류", "301", "2024-10-31", "수박/1통", "1통",
              [("당일", "21,000"), ("1일전", "-"), ("1개월전", "-"), ("1년전", "-")]),
]
p = {"p_returntype": "json", "p_cert_key": "***", "p_cert_id": "***"}
write("landing", S, "2024-10-31", "all", env(S, "2024-10-31", "2024-10-31", None, p,
      "2024-10-31T05:50:00Z", {"condition": [["20241031"]], "error_code": "000", "price": rows}))

R = "periodRetailProductList"
def period_row(item, kind, county, market, yyyy, regday, price):
    return {"itemname": item, "kindname": kind, "countyname": county, "marketname": market,
            "yyyy": yyyy, "regday": regday, "price": price}
def period_params(start, end, region):
    return {"p_startday": start, "p_endday": end, "p_itemcategorycode": "200", "p_itemcode": "211",
            "p_kindcode": "01", "p_productrankcode": "04", "p_countrycode": region,
            "p_convert_kg_yn": "N", "p_returntype": "json", "p_cert_key": "***", "p_cert_id": "***"}
p = period_params("2024-10-28", "2024-10-31", "1101")
rows = [
    period_row([], [], "평균", [], "2024", "10/30", "3,480"),
    period_row("", "", "평년", "", "2024", "10/30", "3,900"),
    period_row("배추", "봄(1포기)", "서울", "A-대형마트", "2024", "10/30", "3,650"),
    period_row("배추", "봄(1포기)", "서울", "B-전통시장", "2024", "10/30", "3,210"),
    period_row("배추", "봄(1포기)", "서울", "B-전통시장", "2024", "10/31", "-"),
    period_row("배추", "봄(1포기)", "서울", "A-대형마트", "2024", "10/31", "3,700"),
]
write("landing", R, "2024-10-28_2024-10-31", "item211-kind01-rank04-region1101",
      env(R, "2024-10-28_2024-10-31", "2024-10-28", "2024-10-31", p, "2024-10-31T07:00:00Z",
          {"condition": [p], "data": {"error_code": "000", "item": rows}}))
W = "periodWholesaleProductList"
p = period_params("2024-10-28", "2024-10-31", "")
rows = [
    period_row([], [], "평균", [], "2024", "10/31", "25,100"),
    period_row("배추", "봄(1포기)", "부산", "부산반여", "2024", "10/31", "24,800"),
]
write("landing", W, "2024-10-28_2024-10-31", "item211-kind01-rank04",
      env(W, "2024-10-28_2024-10-31", "2024-10-28", "2024-10-31", p, "2024-10-31T07:00:01Z",
          {"condition": [p], "data": {"error_code": "000", "item": rows}}))

E = "EcoPriceList"
p = {"p_regday": "2024-10-31", "p_itemcategorycode": "200", "p_itemcode": "211", "p_kindcode": "01",
     "p_productrankcode": "07", "p_countycode": "", "p_convert_kg_yn": "N", "p_returntype": "json",
     "p_cert_key": "***", "p_cert_id": "***"}
rows = [
    {"seqnum": "1", "countyname": "평균", "marketname": None, "unit": "1포기", "regday": "2024-10-31", "price": "5,100"},
    {"seqnum": "2", "countyname": "서울", "marketname": "A-대형마트", "unit": "1포기", "regday": "2024-10-31", "price": "5,400"},
    {"seqnum": 3, "countyname": "부산", "marketname": "B-백화점", "unit": "1포기", "regday": "2024-10-31", "price": None},
]
write("landing", E, "2024-10-31", "item211-kind01-rank07",
      env(E, "2024-10-31", "2024-10-31", None, p, "2024-10-31T07:10:00Z",
          {"condition": [p], "data": {"error_code": "000", "item": rows}}))

I = "productInfo"
def info(catc, catn, code, name, kcode, kname, wu, wus, ru, rus, eu, eus, wr, rr):
    return {"itemcategorycode": catc, "itemcategoryname": catn, "itemcode": code, "itemname": name,
            "kindcode": kcode, "kindname": kname, "wholesale_unit": wu, "wholesale_unitsize": wus,
            "retail_unit": ru, "retail_unitsize": rus, "eco_unit": eu, "eco_unitsize": eus,
            "whole_productrankcode": wr, "retail_productrankcode": rr}
rows = [
    info("100", "식량작물", "111", "쌀", "01", "20kg", "kg", "20", "kg", "20", [], [], "04", "04,05"),
    info("200", "채소류", "211", "배추", "01", "봄(1포기)", "kg", "10", "포기", "1", "포기", "1", "04,05", "04,05"),
    info("200", "채소류", "211", "배추", "06", "월동(1포기)", "kg", "10", "포기", "1", [], [], "04,05", "04"),
    info("200", "채소류", "231", "무", "01", "월동(1개)", "kg", "20", "개", "1", [], [], "04", "04,05"),
    info("200", "채소류", "213", "시금치", "00", "시금치(1kg)", "kg", "4", "kg", "1", [], [], [], "04"),
    info("200", "채소류", "245", "양파", "00", "양파(1kg)", "kg", "1", "kg", "1", [], [], "04", "04,05"),
]
write("landing", I, "2024-10-31", "all",
      env(I, "2024-10-31", "2024-10-31", None, {"p_returntype": "json"}, "2024-10-31T05:00:00Z",
          {"info": rows}))

# --- bad envelopes and rows: quarantined in bronze -------------------------------------------
p = cat_params("01", "200", "", "2024-10-31")
p["p_cert_key"] = "REALSECRET123"          # a fetcher bug: the credential was not scrubbed
p["p_cert_id"] = "someone@example.org"
rows = [
    cat_row("배추", "211", "봄(1포기)", "01", "상품", "04", "1포기",
            [("당일 (10/31)", "3,513"), ("1일전", "-"), ("1주일전", "-"), ("2주일전", "-"),
             ("1개월전", "-"), ("1년전", "-"), ("일평년", "-")]),
    "oops",                                                       # not an object
    dict(cat_row("무", "231", "월동(1개)", "01", "상품", "04", "1개",
                 [("당일 (10/31)", "1,980")]), surprise="new field"),  # a field bronze has no column for
]
write("landing-bad", A, "2024-10-31", "cls01-cat200-region",
      env(A, "2024-10-31", "2024-10-31", None, p, "2024-10-31T06:00:00Z", cat_resp(rows, p)))
# Truncated JSON (carrying the secret in its URL).
write("landing-bad", A, "2024-10-31", "cls02-cat200-region", None,
      raw='{"action": "dailyPriceByCategoryList", "url": "http://x/?p_cert_key=REALSECRET123&p_cert_id=someone@example.org", "resp')
# An error payload landed as if it were a result.
p2 = cat_params("02", "300", "", "2024-10-31")
write("landing-bad", A, "2024-10-31", "cls02-cat300-region",
      env(A, "2024-10-31", "2024-10-31", None, p2, "2024-10-31T06:00:02Z",
          {"condition": [dict(p2, p_cert_key="REALSECRET123")], "data": ["900"]}))
# A holiday: empty, not an error.
write("landing-bad", A, "2024-10-31", "cls01-cat100-region",
      env(A, "2024-10-31", "2024-10-31", None, cat_params("01", "100", "", "2024-10-31"),
          "2024-10-31T06:00:03Z", {"condition": [], "data": {"error_code": "001", "item": []}},
          result_code="001"))

# --- a later batch whose price day is after its fetch: silver's hard rule fails ----------------
p = cat_params("01", "200", "", "2024-12-31")
rows = [
    cat_row("배추", "211", "봄(1포기)", "01", "상품", "04", "1포기",
            [("당일 (12/31)", "4,000"), ("1일전", "-"), ("1주일전", "-"), ("2주일전", "-"),
             ("1개월전", "-"), ("1년전", "-"), ("일평년", "-")]),
]
write("landing-future", A, "2024-12-31", "cls01-cat200-region",
      env(A, "2024-12-31", "2024-12-31", None, p, "2024-11-02T06:00:00Z", cat_resp(rows, p)))
