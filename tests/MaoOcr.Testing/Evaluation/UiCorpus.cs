namespace MaoOcr.Testing.Evaluation;

/// <summary>Short interface text for the screenshot images: app names, menus, form fields, buttons, table cells.</summary>
internal sealed class UiCorpus
{
    public static UiCorpus English { get; } = new(
        appNames: ["Inventory Manager", "Clinic Desk", "Order Center", "Plant Monitor", "HR Portal", "Service Hub"],
        menu: ["Dashboard", "Orders", "Customers", "Products", "Reports", "Invoices", "Settings", "Messages", "Schedule", "Users", "Warehouse", "Help"],
        pageTitles: ["Edit customer", "New order", "Account settings", "Stock overview", "Patient details", "Shipment status"],
        fields: ["Full name", "Email", "Phone", "Company", "Address", "City", "Postal code", "Order number", "Due date", "Department", "Notes", "Status"],
        values: ["Alice Morgan", "alice@example.com", "+1 617-555-0142", "Acme Tools Ltd", "42 Harbor Street", "Boston", "02110", "SO-48213", "2025-06-30", "Purchasing", "Call before delivery", "Pending review"],
        buttons: ["Save", "Cancel", "Submit", "Export CSV", "Print", "Delete", "Add item", "Refresh", "Next", "Back"],
        columns: ["ID", "Name", "Status", "Amount", "Date", "Owner", "Qty"],
        statuses: ["Paid", "Pending", "Shipped", "Overdue", "Draft", "Closed"],
        people: ["Ben Carter", "Chloe Evans", "Daniel Brooks", "Emma Hughes", "Grace Lee", "Henry Ward", "Liam Patel", "Maria Lopez"],
        cardCaptions: ["Open orders", "Revenue today", "Low stock items", "Visits this week", "Tickets resolved", "Avg. wait time"],
        user: ["Admin", "Signed in as Grace", "Operator 2"]);

    public static UiCorpus Chinese { get; } = new(
        appNames: ["库存管理系统", "门诊工作台", "订单中心", "车间监控平台", "人事服务", "客服中心"],
        menu: ["首页", "订单管理", "客户信息", "产品列表", "统计报表", "发票管理", "系统设置", "消息通知", "排班表", "用户管理", "仓库", "帮助"],
        pageTitles: ["编辑客户信息", "新建订单", "账户设置", "库存概览", "患者详情", "物流状态"],
        fields: ["姓名", "电子邮箱", "联系电话", "公司名称", "详细地址", "所在城市", "邮政编码", "订单编号", "截止日期", "所属部门", "备注", "当前状态"],
        values: ["王芳", "wangfang@example.com", "138-0013-8000", "华东机械有限公司", "中山路88号", "南京", "210000", "DD20250618", "2025-06-30", "采购部", "送货前请电话联系", "等待审核"],
        buttons: ["保存", "取消", "提交", "导出表格", "打印", "删除", "新增", "刷新", "下一步", "返回"],
        columns: ["编号", "名称", "状态", "金额", "日期", "负责人", "数量"],
        statuses: ["已付款", "待处理", "已发货", "已逾期", "草稿", "已关闭"],
        people: ["张伟", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰"],
        cardCaptions: ["未完成订单", "今日收入", "库存不足", "本周就诊", "已解决工单", "平均等待"],
        user: ["管理员", "当前用户：李娜", "操作员2号"]);

    private UiCorpus(
        string[] appNames, string[] menu, string[] pageTitles, string[] fields, string[] values, string[] buttons,
        string[] columns, string[] statuses, string[] people, string[] cardCaptions, string[] user)
    {
        AppNames = appNames;
        Menu = menu;
        PageTitles = pageTitles;
        Fields = fields;
        Values = values;
        Buttons = buttons;
        Columns = columns;
        Statuses = statuses;
        People = people;
        CardCaptions = cardCaptions;
        User = user;
    }

    public IReadOnlyList<string> AppNames { get; }

    public IReadOnlyList<string> Menu { get; }

    public IReadOnlyList<string> PageTitles { get; }

    /// <summary>Form field labels; <see cref="Values"/> holds a matching value at the same index.</summary>
    public IReadOnlyList<string> Fields { get; }

    public IReadOnlyList<string> Values { get; }

    public IReadOnlyList<string> Buttons { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string> Statuses { get; }

    public IReadOnlyList<string> People { get; }

    public IReadOnlyList<string> CardCaptions { get; }

    public IReadOnlyList<string> User { get; }
}
