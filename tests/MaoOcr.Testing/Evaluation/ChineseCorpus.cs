using System.Globalization;
using System.Text;

namespace MaoOcr.Testing.Evaluation;

/// <summary>
/// Simplified Chinese text for the evaluation images: office, factory and clinic prose. Every character, the
/// full-width punctuation included, is in PaddleOCR's ppocr_keys_v1.txt, so a perfect reading is possible.
/// </summary>
internal static class ChineseCorpus
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    private static readonly string[] s_names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷", "徐明", "孙丽", "马超", "朱红", "胡军", "郭强"];

    private static readonly string[] s_cities = ["北京", "上海", "广州", "深圳", "杭州", "南京", "武汉", "成都", "苏州", "天津", "重庆", "西安"];

    private static readonly string[] s_products = ["液压泵", "传送带", "压力阀", "伺服电机", "空气过滤器", "控制面板", "温度传感器", "冷却风扇", "标签打印机", "扫码枪", "安全护栏", "轴承"];

    private static readonly string[] s_departments = ["财务部", "质检部", "物流部", "设备部", "采购部", "行政部", "人事部", "门诊部", "药房", "检验科"];

    private static readonly string[] s_templates =
    [
        "订单{n5}已于{date}从{city}发货，预计{small}天内送达。",
        "请各部门在{date}前将签字后的表格交到{dept}。",
        "{n}号生产线的{product}已使用{hours}小时，需要更换。",
        "本批次产品合格率为{pct}%，符合公司质量标准。",
        "{name}医生{weekday}上午{time}至{time2}在{n}号诊室坐诊。",
        "会议改在{date}下午{time}举行，地点为三楼会议室。",
        "发票号码：{code}，金额合计{amount}元（含税）。",
        "患者{name}，{age}岁，于{date}出院，一周后复查。",
        "每日两次，每次一片，饭后服用，连续{small}天。",
        "仓库中{product}的库存只剩{qty}件，请尽快补货。",
        "如有问题，请拨打客服电话{phone}咨询。",
        "{dept}本月共处理申请{qty}份，比上月增加{pct}%。",
        "设备编号{code}的下次校准日期为{date}。",
        "进入车间必须穿工作服，戴安全帽和防护眼镜。",
        "来访人员请在前台登记，并佩戴访客证。",
        "本合同一式两份，双方各执一份，自签字之日起生效。",
        "{city}分公司{weekday}上午九点召开安全生产会议。",
        "第{quarter}季度预算为{amount}元，同比增长{pct}%。",
        "夜班于{time}完成巡检，各项数据记录正常。",
        "{product}的保修期为{small}年，人为损坏不在保修范围内。",
        "请将报告上传到系统，文件大小不超过{mb}MB。",
        "血压{bp}mmHg，心率每分钟{pulse}次，体温{temp}度。",
        "{name}已批准采购{small}台新的{product}。",
        "退货时请出示购物小票，并保持商品包装完好。",
        "消防通道请保持畅通，禁止堆放任何物品。",
        "每个托盘放{small}箱，每箱{qty}个，共计{qty2}个。",
        "联系人：{name}，{dept}，分机{ext}。",
        "由于{product}故障，{small}号线于{time}停机检修。",
        "请于每周五下班前提交本周工作总结。",
        "本店营业时间为每天{time}至晚上九点。",
        "员工体检安排在{date}，请空腹前往医院。",
        "快递单号{n5}{n5}，收件地址为{city}市中山路{n}号。",
        "新版软件{ver}修复了{small}个已知问题。",
        "药品应放在阴凉干燥处，避免儿童接触。",
        "本次培训共有{qty}名员工参加，考试全部通过。",
        "报价单{code}有效期为{terms}天，运费另计。",
    ];

    // Chinese sentences that carry English words and codes, as real business text does.
    private static readonly string[] s_mixedTemplates =
    [
        "请将PDF文件上传到OA系统，并抄送{name}。",
        "型号ABC-{n}的{product}已通过CE认证。",
        "本周KPI完成率为{pct}%，目标是95%。",
        "新员工需要在ERP系统中设置登录密码。",
        "Wi-Fi名称为Office-{n}，密码请向{dept}索取。",
        "请用USB接口连接扫码枪，然后重启POS机。",
        "CT检查安排在{date}上午{time}，请提前到达。",
        "App版本{ver}支持iOS和Android两个平台。",
        "{city}仓库的SKU总数为{qty}个。",
        "邮件请发送至service@example.com，我们会尽快回复。",
    ];

    private static readonly string[] s_titles =
    [
        "设备维护季度报告", "门诊病历摘要", "采购订单", "发货通知单", "质量检验记录", "会议纪要", "安全操作规程", "月度销售汇总", "服务合同", "生产计划表",
    ];

    private static readonly string[] s_weekdays = ["周一", "周二", "周三", "周四", "周五"];

    public static string Title(Random random) => Pick(random, s_titles);

    public static string Sentence(Random random) => Fill(Pick(random, s_templates), random);

    public static string MixedSentence(Random random) => Fill(Pick(random, s_mixedTemplates), random);

    public static string MetaLine(Random random) => $"日期：{Date(random)}    编号：{Code(random)}    第{random.Next(1, 4)}页";

    /// <summary>Sentences joined without spaces, as Chinese is written; with <paramref name="mixed"/> about a third carry English.</summary>
    public static string Paragraph(Random random, int sentences, bool mixed)
    {
        var text = new StringBuilder();
        for (int i = 0; i < sentences; i++)
        {
            text.Append(mixed && random.Next(3) == 0 ? MixedSentence(random) : Sentence(random));
        }
        return text.ToString();
    }

    public static string Name(Random random) => Pick(random, s_names);

    public static string Department(Random random) => Pick(random, s_departments);

    public static string Product(Random random) => Pick(random, s_products);

    public static string Date(Random random) => random.Next(2) == 0
        ? $"{random.Next(2021, 2026)}年{random.Next(1, 13)}月{random.Next(1, 29)}日"
        : $"{random.Next(2021, 2026)}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}";

    public static string Code(Random random) => $"{EnglishCorpus.Pick(random, ["FP", "CG", "ZJ", "DD", "HT"])}{random.Next(100000, 999999)}";

    public static string Time(Random random) => $"{random.Next(7, 19)}:{random.Next(0, 12) * 5:D2}";

    public static string Amount(Random random) => (random.Next(1000, 2_000_000) / 100.0).ToString("F2", s_invariant);

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string Fill(string template, Random random)
    {
        var text = new StringBuilder(template.Length + 32);
        int i = 0;
        while (i < template.Length)
        {
            int open = template.IndexOf('{', i);
            if (open < 0)
            {
                text.Append(template, i, template.Length - i);
                break;
            }
            int close = template.IndexOf('}', open);
            text.Append(template, i, open - i);
            text.Append(Slot(template[(open + 1)..close], random));
            i = close + 1;
        }
        return text.ToString();
    }

    private static string Slot(string slot, Random random) => slot switch
    {
        "name" => Name(random),
        "city" => Pick(random, s_cities),
        "product" => Product(random),
        "dept" => Department(random),
        "date" => Date(random),
        "code" => Code(random),
        "time" or "time2" => Time(random),
        "amount" => Amount(random),
        "weekday" => Pick(random, s_weekdays),
        "n" => random.Next(1, 40).ToString(s_invariant),
        "n5" => random.Next(10000, 99999).ToString(s_invariant),
        "small" => random.Next(2, 10).ToString(s_invariant),
        "hours" => random.Next(500, 9000).ToString(s_invariant),
        "pct" => (random.Next(10, 999) / 10.0).ToString("F1", s_invariant),
        "temp" => (random.Next(360, 395) / 10.0).ToString("F1", s_invariant),
        "phone" => $"400-{random.Next(100, 999)}-{random.Next(1000, 9999)}",
        "terms" => EnglishCorpus.Pick(random, ["15", "30", "60"]),
        "qty" or "qty2" => random.Next(12, 4800).ToString(s_invariant),
        "bp" => $"{random.Next(105, 150)}/{random.Next(65, 95)}",
        "pulse" => random.Next(55, 105).ToString(s_invariant),
        "ver" => $"{random.Next(1, 6)}.{random.Next(0, 20)}.{random.Next(0, 9)}",
        "age" => random.Next(18, 90).ToString(s_invariant),
        "mb" => random.Next(2, 50).ToString(s_invariant),
        "quarter" => random.Next(1, 5).ToString(s_invariant),
        "ext" => random.Next(100, 999).ToString(s_invariant),
        _ => throw new InvalidOperationException($"Unknown slot '{slot}'."),
    };
}
