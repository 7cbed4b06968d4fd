#!/usr/bin/python3
"""Writes the demo job's sample inbox (jobs/demo/inbox) from fixed data.

    /usr/bin/python3 scripts/make-demo-inbox.py

The orders cover the gift, furniture and transport lines at every stage
(draft, confirmed, prepaid, sample confirmed, paid in full), in the formats
real exports come in: a UTF-8 CSV with BOM from Excel, a GB18030 CSV without
BOM, a JSON file from the shop system, and finance's payments CSV. A few
records are broken on purpose so the run's error report has something to
show. All names, companies and numbers are invented.
"""
import csv
import io
import json
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                    "jobs", "demo", "inbox")

ORDER_COLUMNS = ["订单号", "合同编号", "业务线", "订单类型", "状态", "下单日期",
                 "交货日期", "部门", "业务员", "客户名称", "联系人", "联系电话",
                 "地址", "付款方式", "预付比例", "品名", "规格", "单位", "数量",
                 "单价", "金额", "材质", "颜色", "打样数量", "样品要求", "备注",
                 "测量人", "测量日期", "图纸编号"]

GIFT_TERMS = "合同签订后预付30%，样品确认后生产，发货前付清余款"
FURNITURE_TERMS = "合同签订后预付30%，复尺确认后生产，安装验收前付清余款"
TRANSPORT_TERMS = "签约时预付30%，行程结束后三日内付清余款"

GIFT_ITEMS = [
    ("定制保温杯", "500ml 304不锈钢 激光雕刻LOGO", "只", 300, "58.80"),
    ("定制实木雕花多功能礼品收纳盒（含激光雕刻企业LOGO与烫金祝福语，附赠丝绒内衬与手提礼袋）",
     "胡桃木 280×200×90mm", "套", 120, "268.00"),
    ("定制U盘", "64GB 卡片式 彩印", "个", 500, "35.50"),
    ("定制笔记本", "A5 PU皮面 烫金LOGO 192页", "本", 400, "28.00"),
    ("定制雨伞", "23寸 三折 黑胶防晒 印LOGO", "把", 200, "46.00"),
    ("定制陶瓷杯", "350ml 骨瓷 釉中彩 单色LOGO", "只", 600, "19.80"),
    ("定制充电宝", "10000mAh 铝合金 激光LOGO", "个", 150, "98.00"),
    ("定制礼品套装", "保温杯+笔记本+签字笔 礼盒", "套", 80, "188.00"),
]
FURNITURE_ITEMS = [
    ("实木衣柜", "北美黑胡桃 2400×600×2600mm 推拉门", "套", 1, "12,800.00"),
    ("橱柜台面", "石英石 20mm 一字型 含挡水", "米", 4, "1,350.00"),
    ("定制橱柜", "多层实木柜体 烤漆门板", "延米", 5, "2,980.00"),
    ("榻榻米地台", "多层板 带升降桌 储物格", "平方米", 6, "1,680.00"),
    ("书柜", "樱桃木 1600×350×2200mm 带玻璃门", "组", 1, "5,600.00"),
    ("鞋柜", "悬空式 1200×350×2400mm 换鞋凳", "组", 1, "3,280.00"),
    ("木门", "实木复合 2100×900mm 静音锁", "樘", 3, "2,450.00"),
]


# What the sample request of a gift order states: material, colour, how
# many samples, and what the customer asked of them.
GIFT_SAMPLES = {
    2: ("304不锈钢杯身，PU皮面本册", "宝蓝色", "3", "LOGO激光雕刻于杯身正面居中"),
    3: ("北美黑胡桃木，骨瓷", "原木色，釉中彩白", "2", "礼盒内衬酒红色丝绒"),
    4: ("铝合金外壳，礼盒灰卡纸", "深空灰", "2", "充电宝正面激光LOGO，礼盒烫银"),
    8: ("卡片式塑料外壳", "白色，四色彩印", "5", "按客户提供的AI稿打样"),
    10: ("黑胶伞布，骨瓷", "藏青色", "2", "伞面与杯身同一LOGO，先看色卡"),
    14: ("304不锈钢，铝合金", "哑光黑", "3", ""),
}


def gift_order(n, status, customer, contact, sales, items, day, ship):
    return {"order_no": f"LP2026{n:05d}", "contract_no": f"HT-LP-{n:05d}",
            "line": "礼品", "type": "", "status": status, "date": day,
            "ship": ship, "dept": "礼品事业部", "sales": sales,
            "customer": customer, "contact": contact,
            "phone": f"1390571{n:04d}", "address": "杭州市滨江区长河路590号",
            "terms": GIFT_TERMS, "pct": "30%", "items": items,
            "sample": GIFT_SAMPLES.get(n, ("", "", "", ""))}


def furniture_order(n, kind, status, customer, contact, items, day, ship):
    return {"order_no": f"JJ2026{n:05d}", "contract_no": f"HT-JJ-{n:05d}",
            "line": "家具", "type": kind, "status": status, "date": day,
            "ship": ship, "dept": "全屋定制事业部", "sales": "刘芳",
            "customer": customer, "contact": contact,
            "phone": f"1358888{n:04d}", "address": "苏州市工业园区星湖街328号",
            "terms": FURNITURE_TERMS, "pct": "30", "items": items,
            # Measured on site a few days before the order.
            "measure": ("林国强", "2026-11-%02d" % (n + 10),
                        f"QJ-2026-{n:03d}")}


def rows_of(order):
    for name, spec, unit, qty, price in order["items"]:
        yield [order["order_no"], order["contract_no"], order["line"],
               order["type"], order["status"], order["date"], order["ship"],
               order["dept"], order["sales"], order["customer"],
               order["contact"], order["phone"], order["address"],
               order["terms"], order["pct"], name, spec, unit, f"{qty:,}",
               price, ""] + list(order.get("sample", ("", "", "", ""))) + \
            [""] + list(order.get("measure", ("", "", "")))


def csv_text(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ORDER_COLUMNS)
    for row in rows:
        writer.writerow(row + [""] * (len(ORDER_COLUMNS) - len(row)))
    return out.getvalue()


def gift_file():
    g = GIFT_ITEMS
    orders = [
        gift_order(1, "意向", "杭州瑞丰电子科技有限公司", "陈伟", "陈晓东",
                   [g[0]], "2026-11-20", "2026-12-20"),
        gift_order(2, "已确认", "宁波鸿达贸易有限公司", "王喆", "陈晓东",
                   [g[0], g[2], g[3]], "2026-11-21", "2026-12-25"),
        gift_order(3, "已确认", "苏州金诚文化传媒有限公司", "李堃", "黄伟",
                   [g[1], g[5]], "2026-11-22", "2026-12-28"),
        gift_order(4, "已确认", "𠮷祥家居（南京）有限公司", "吴𠮷", "陈晓东",
                   [g[6], g[7]], "2026-11-23", "2026-12-30"),
        gift_order(5, "样品已确认", "合肥博远教育科技有限公司", "赵丽", "黄伟",
                   [g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]],
                   "2026-11-10", "2026-12-15"),
        gift_order(6, "样品已确认", "武汉恒信医疗器械有限公司", "周杰", "陈晓东",
                   [g[3], g[4]], "2026-11-12", "2026-12-18"),
        gift_order(7, "样品已确认", "长沙嘉禾餐饮管理有限公司", "孙静怡", "黄伟",
                   [g[5], g[7]], "2026-11-05", "2026-12-05"),
        gift_order(8, "已确认", "成都德润物业服务有限公司", "马强", "陈晓东",
                   [g[2]], "2026-12-01", "2027-01-10"),
        gift_order(9, "样品已确认", "重庆新锐网络科技有限公司", "郭敏", "黄伟",
                   [g[0], g[6]], "2026-11-08", "2026-12-08"),
        gift_order(10, "已确认", "西安远航会展服务有限公司", "何洋", "陈晓东",
                   [g[4], g[5], g[7]], "2026-12-02", "2027-01-15"),
        gift_order(13, "样品已确认", "厦门众联文化传媒有限公司", "林喆", "黄伟",
                   [g[1], g[3], g[6]], "2026-11-03", "2026-12-01"),
        gift_order(14, "已确认", "青岛锦程教育科技有限公司", "高堃", "陈晓东",
                   [g[0], g[2], g[4], g[6]], "2026-12-03", "2027-01-20"),
    ]
    rows = [row for order in orders for row in rows_of(order)]
    # Broken on purpose: a unit price with three decimals, and an order
    # number Excel turned into scientific notation.
    bad = gift_order(11, "已确认", "郑州中天实业有限公司", "林涛", "黄伟",
                     [(g[0][0], g[0][1], g[0][2], 100, "58.805")],
                     "2026-12-01", "2027-01-05")
    rows += list(rows_of(bad))
    mangled = gift_order(12, "已确认", "济南优品贸易有限公司", "罗娟", "黄伟",
                         [g[2]], "2026-12-01", "2027-01-05")
    row = list(rows_of(mangled))[0]
    row[0] = "2.02612E+13"
    rows.append(row)
    # And a sample count written in words.
    vague = gift_order(15, "已确认", "温州瑞安文具有限公司", "蔡勇", "陈晓东",
                       [g[3]], "2026-12-02", "2027-01-08")
    vague["sample"] = ("PU皮面", "棕色", "若干", "")
    rows += list(rows_of(vague))
    return csv_text(rows)


def furniture_file():
    f = FURNITURE_ITEMS
    orders = [
        furniture_order(1, "正常单", "已确认", "杭州华美建筑装饰有限公司", "王芳",
                        [f[0], f[4], f[6]], "2026-11-25", "2027-01-20"),
        furniture_order(2, "正常单", "样品已确认", "苏州卓越房地产开发有限公司",
                        "李堃", [f[1], f[2], f[3]], "2026-11-02", "2026-12-30"),
        furniture_order(3, "加单", "已确认", "𠮷祥家居（南京）有限公司", "吴𠮷",
                        [f[5]], "2026-11-28", "2027-01-08"),
        furniture_order(4, "补单", "样品已确认", "无锡和泰实业有限公司", "张建华",
                        [f[6]], "2026-11-06", "2026-12-06"),
        furniture_order(5, "更改单", "已确认", "南京众联贸易有限公司", "刘桂英",
                        [f[2], f[1]], "2026-11-29", "2027-01-12"),
        furniture_order(6, "维修单", "样品已确认", "常州宏图电子科技有限公司",
                        "宋晓东", [("衣柜门板维修", "更换铰链 调整门缝", "项", 1,
                                    "680.00")], "2026-11-30", "2026-12-03"),
        furniture_order(7, "正常单", "意向", "上海汇通文化传媒有限公司", "唐平",
                        [f[0]], "2026-12-02", "2027-02-01"),
        furniture_order(8, "正常单", "样品已确认", "嘉兴锦程餐饮管理有限公司",
                        "谢霞", [f[3], f[4], f[5], f[6]], "2026-11-01",
                        "2026-12-02"),
        furniture_order(9, "正常单", "已确认", "湖州安泰物业服务有限公司", "梁超",
                        [f[0], f[1]], "2026-12-03", "2027-02-10"),
        furniture_order(10, "加单", "已确认", "绍兴百川教育科技有限公司", "郑明",
                        [f[4]], "2026-12-03", "2027-02-12"),
        furniture_order(13, "正常单", "样品已确认", "温州华晟房地产开发有限公司",
                        "潘喆", [f[0], f[2], f[3], f[4], f[5], f[6]],
                        "2026-10-28", "2026-12-03"),
        furniture_order(14, "补单", "已确认", "舟山恒信实业有限公司", "卢堃",
                        [f[1]], "2026-12-03", "2027-01-05"),
    ]
    rows = [row for order in orders for row in rows_of(order)]
    # Broken on purpose: a negative unit price, and a line of business the
    # job does not know.
    bad = furniture_order(11, "正常单", "已确认", "台州天润实业有限公司", "韩磊",
                          [(f[5][0], f[5][1], f[5][2], 1, "-0.30")],
                          "2026-12-01", "2027-01-01")
    rows += list(rows_of(bad))
    unknown = furniture_order(12, "正常单", "已确认", "金华鑫源贸易有限公司",
                              "冯勇", [f[4]], "2026-12-01", "2027-01-01")
    row = list(rows_of(unknown))[0]
    row[2] = "服装"
    rows.append(row)
    return csv_text(rows)


def transport_order(n, status, customer, contact, route, extra, items, day):
    return {
        "order_no": f"KY2026{n:05d}", "contract_no": f"HT-KY-{n:05d}",
        "shipment_no": f"FH-KY-{n:05d}", "line": "transport",
        "status": status, "date": day, "ship_date": extra["service_time"][:10],
        "department": "定制客运事业部", "salesperson": "黄伟",
        "customer": {"name": customer, "contact": contact,
                     "phone": f"1377100{n:04d}",
                     "address": "杭州市西湖区文三路478号"},
        "payment_terms": TRANSPORT_TERMS, "prepayment_pct": 30,
        "remarks": "司机须提前30分钟到达上车点；行程变更请提前24小时通知。",
        "extra": dict(extra, route=route),
        "items": [{"name": name, "spec": spec, "unit": unit, "qty": qty,
                   "unit_price": price} for name, spec, unit, qty, price in items],
    }


def json_file():
    bus = ("定制包车服务", "45座大巴 含司机 油费 过路费", "车·天")
    van = ("定制包车服务", "19座中巴 含司机 油费", "车·天")
    freight = ("定制货运服务", "9.6米厢式货车 含装卸", "车次")
    orders = [
        transport_order(1, "confirmed", "杭州博远会展服务有限公司", "陈明",
                        "杭州—黄山—杭州", {
                            "origin": "杭州市西湖区文三路478号",
                            "destination": "黄山风景区南大门",
                            "service_time": "2026-12-18 07:30",
                            "headcount": "86", "vehicle_type": "45座大巴",
                            "vehicle_count": "2", "driver": "周师傅、吴师傅"},
                        [bus + (4, "3,200.00")], "2026-11-26"),
        transport_order(2, "confirmed", "宁波盛世贸易有限公司", "李娜",
                        "宁波—上海浦东机场", {
                            "origin": "宁波市鄞州区天童南路588号",
                            "destination": "上海浦东国际机场T2航站楼",
                            "service_time": "2026-12-06 05:00",
                            "headcount": "15", "vehicle_type": "19座中巴",
                            "vehicle_count": "1", "driver": "郑师傅"},
                        [van + (1, "2,600.00")], "2026-11-27"),
        transport_order(3, "confirmed", "苏州华晟电子科技有限公司", "王堃",
                        "苏州工业园区—嘉兴仓库", {
                            "origin": "苏州工业园区星龙街99号",
                            "destination": "嘉兴市南湖区亚太路1号仓库",
                            "service_time": "2026-12-04 09:00",
                            "headcount": "2", "vehicle_type": "9.6米厢式货车",
                            "vehicle_count": "3", "driver": "钱师傅等3人"},
                        [freight + (3, "1,850.00")], "2026-11-20"),
        transport_order(4, "confirmed", "南京天润教育科技有限公司", "赵喆",
                        "南京—扬州—南京（研学）", {
                            "origin": "南京市玄武区中山路18号",
                            "destination": "扬州瘦西湖景区",
                            "service_time": "2026-12-12 08:00",
                            "headcount": "120", "vehicle_type": "45座大巴",
                            "vehicle_count": "3", "driver": "待定"},
                        [bus + (3, "2,900.00")], "2026-12-01"),
        transport_order(5, "draft", "无锡百川实业有限公司", "孙伟",
                        "无锡—杭州", {
                            "origin": "无锡市梁溪区人民中路139号",
                            "destination": "杭州国际博览中心",
                            "service_time": "2026-12-26 06:30",
                            "headcount": "40", "vehicle_type": "45座大巴",
                            "vehicle_count": "1", "driver": "待定"},
                        [bus + (1, "4,100.00")], "2026-12-02"),
        transport_order(6, "confirmed", "合肥鸿达网络科技有限公司", "钱堃",
                        "合肥—巢湖（年会）", {
                            "origin": "合肥市蜀山区望江西路800号",
                            "destination": "巢湖半汤温泉度假区",
                            "service_time": "2026-11-30 13:00",
                            "headcount": "60", "vehicle_type": "45座大巴",
                            "vehicle_count": "2", "driver": "冯师傅、陈师傅"},
                        [bus + (2, "2,200.00")], "2026-11-15"),
    ]
    orders.append(transport_order(
        8, "confirmed", "杭州德润物业服务有限公司", "蒋芳", "杭州—千岛湖（团建）", {
            "origin": "杭州市拱墅区莫干山路1418号",
            "destination": "千岛湖中心湖区码头",
            "service_time": "2026-12-19 07:00", "headcount": "55",
            "vehicle_type": "45座大巴", "vehicle_count": "2",
            "driver": "沈师傅、韩师傅"},
        [bus + (4, "2,750.00")], "2026-12-02"))
    orders.append(transport_order(
        9, "confirmed", "嘉兴新锐电子科技有限公司", "韦𠮷", "嘉兴—宁波港", {
            "origin": "嘉兴市秀洲区康和路1288号",
            "destination": "宁波舟山港北仑港区",
            "service_time": "2026-12-05 06:00", "headcount": "2",
            "vehicle_type": "9.6米厢式货车", "vehicle_count": "2",
            "driver": "杨师傅、朱师傅"},
        [freight + (2, "2,300.00")], "2026-11-29"))
    # Broken on purpose: no customer name.
    broken = transport_order(7, "confirmed", "", "何平", "杭州—绍兴", {
        "origin": "杭州东站", "destination": "绍兴柯桥",
        "service_time": "2026-12-20 08:00", "headcount": "30",
        "vehicle_type": "45座大巴", "vehicle_count": "1", "driver": "待定"},
        [bus + (1, "1,900.00")], "2026-12-02")
    orders.append(broken)
    return json.dumps({"orders": orders}, ensure_ascii=False, indent=1) + "\n"


def payments_file():
    rows = [
        ["订单号", "款项类型", "金额", "到账日期", "凭证号"],
        ["LP202600003", "预付款", "13,440.84", "2026-11-25", "SK-1101"],
        ["LP202600005", "预付款", "40,000.00", "2026-11-12", "SK-1102"],
        ["LP202600006", "预付款", "6,120.00", "2026-11-14", "SK-1103"],
        ["LP202600007", "预付款", "8,000.00", "2026-11-06", "SK-1104"],
        ["LP202600007", "尾款", "16,552.00", "2026-12-02", "SK-1201"],
        ["LP202600009", "预付款", "9,702.00", "2026-11-09", "SK-1105"],
        ["JJ202600002", "预付款", "12,000.00", "2026-11-04", "SK-1106"],
        ["JJ202600004", "预付款", "7,350.00", "2026-11-07", "SK-1107"],
        ["JJ202600006", "全款", "680.00", "2026-11-30", "SK-1202"],
        ["JJ202600008", "预付款", "10,000.00", "2026-11-02", "SK-1108"],
        ["JJ202600008", "尾款", "10,000.00", "2026-12-01", "SK-1203"],
        ["KY202600001", "预付款", "3,840.00", "2026-11-27", "SK-1109"],
        ["KY202600003", "预付款", "1,665.00", "2026-11-21", "SK-1110"],
        ["KY202600003", "尾款", "3,885.00", "2026-12-03", "SK-1204"],
        ["KY202600006", "全款", "4,400.00", "2026-11-28", "SK-1205"],
        ["LP202600013", "预付款", "20,000.00", "2026-11-04", "SK-1111"],
        ["LP202600013", "尾款", "22,260.00", "2026-11-30", "SK-1206"],
        ["JJ202600013", "预付款", "30,000.00", "2026-10-30", "SK-1112"],
        ["KY202600009", "全款", "4,600.00", "2026-12-01", "SK-1207"],
        # Broken on purpose: an amount that is not a number.
        ["LP202600002", "预付款", "一万", "2026-12-02", "SK-1206"],
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def main():
    os.makedirs(HERE, exist_ok=True)
    with open(os.path.join(HERE, "orders-gift-2026-12-03.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + gift_file().encode("utf-8"))
    with open(os.path.join(HERE, "orders-furniture-2026-12-03.csv"), "wb") as f:
        f.write(furniture_file().encode("gb18030"))
    with open(os.path.join(HERE, "orders-shop-2026-12-03.json"), "wb") as f:
        f.write(json_file().encode("utf-8"))
    with open(os.path.join(HERE, "payments-2026-12-03.csv"), "wb") as f:
        f.write(payments_file().encode("utf-8"))


if __name__ == "__main__":
    main()
