using System.Globalization;
using System.Text;

namespace MaoOcr.Testing.Evaluation;

/// <summary>English text for the evaluation images: office, factory and clinic prose with numbers, dates, codes and punctuation.</summary>
internal static class EnglishCorpus
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    private static readonly string[] s_names =
    [
        "Alice Morgan", "Ben Carter", "Chloe Evans", "Daniel Brooks", "Emma Hughes", "Frank Miller", "Grace Lee", "Henry Ward",
        "Isabel Turner", "Jack Foster", "Karen Diaz", "Liam Patel", "Maria Lopez", "Nathan Cole", "Olivia Reed", "Peter Walsh",
    ];

    private static readonly string[] s_cities = ["Boston", "Denver", "Seattle", "Austin", "Chicago", "Portland", "Dallas", "Toronto", "Leeds", "Dublin"];

    private static readonly string[] s_products =
    [
        "hydraulic pump", "conveyor belt", "pressure valve", "servo motor", "air filter", "control panel", "steel bracket",
        "thermal sensor", "cooling fan", "label printer", "barcode scanner", "safety guard",
    ];

    private static readonly string[] s_departments = ["Finance", "Quality", "Logistics", "Maintenance", "Purchasing", "Front Desk", "Radiology", "Pharmacy"];

    private static readonly string[] s_months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] s_templates =
    [
        "Invoice {code} was issued on {date} for a total of ${amount}.",
        "Please return the signed form to {dept} before {date}.",
        "The {product} on line {n} was replaced after {hours} hours of use.",
        "Order #{n5} ships from {city} within {small} business days.",
        "Dr. {name} will see patients on {weekday} from {time} to {time2}.",
        "Room {n} is booked for the {dept} review at {time}.",
        "Net weight: {kg} kg; gross weight: {kg2} kg.",
        "Call {phone} or write to support@example.com for help.",
        "Batch {code} passed inspection with a yield of {pct}%.",
        "The meeting moved to {weekday}, {date}, at {time}.",
        "Temperature in zone {small} must stay below {temp} C.",
        "{name} approved the purchase of {small} new {product}s.",
        "Payment terms are net {terms} days from the invoice date.",
        "Ref. {code}: {qty} units of {product}, unit price ${price}.",
        "Blood pressure was {bp} mmHg and pulse {pulse} bpm.",
        "Take one tablet twice a day for {small} days after meals.",
        "Our office in {city} opens at {time} on weekdays.",
        "Shift B produced {qty} parts with {small} rejects.",
        "Version {ver} fixes {small} issues reported since {date}.",
        "The warranty covers parts and labour for {small} years.",
        "Total due (incl. {pct}% tax): ${amount}.",
        "Next calibration of the {product} is due on {date}.",
        "Visitors must sign in at the front desk and wear a badge.",
        "Keep this receipt; it is needed for returns and repairs.",
        "Fire exits are on the north and south sides of the building.",
        "Delivery to {city} failed; a second attempt is set for {date}.",
        "Stock of {product}s fell to {qty} units, below the limit of {qty2}.",
        "Patient {name}, age {age}, was discharged on {date}.",
        "Download the report from the portal (file size {mb} MB).",
        "Line {small} stopped at {time} due to a jammed {product}.",
        "Quote {code} is valid for {terms} days and excludes shipping.",
        "Wash hands before and after every contact with a patient.",
        "The budget for Q{quarter} is ${amount}, up {pct}% on last year.",
        "Each pallet holds {small} boxes of {qty} items.",
        "Contact: {name}, {dept}, ext. {ext}.",
        "All readings were logged at {time} by the night shift.",
    ];

    private static readonly string[] s_titles =
    [
        "Quarterly Maintenance Report", "Patient Visit Summary", "Purchase Order", "Shipping Notice", "Quality Inspection Record",
        "Meeting Minutes", "Safety Instructions", "Monthly Sales Summary", "Service Agreement", "Production Schedule",
    ];

    private static readonly string[] s_weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    public static string Title(Random random) => Pick(random, s_titles);

    public static string Sentence(Random random) => Fill(Pick(random, s_templates), random);

    /// <summary>A line of document details: date, reference and page, as under a letter's heading.</summary>
    public static string MetaLine(Random random) =>
        $"Date: {Date(random)}    Ref: {Code(random)}    Page {random.Next(1, 4)} of {random.Next(4, 9)}";

    public static string Paragraph(Random random, int sentences)
    {
        var parts = new string[sentences];
        for (int i = 0; i < sentences; i++)
        {
            parts[i] = Sentence(random);
        }
        return string.Join(' ', parts);
    }

    public static string Name(Random random) => Pick(random, s_names);

    public static string Department(Random random) => Pick(random, s_departments);

    public static string Product(Random random) => Pick(random, s_products);

    public static string City(Random random) => Pick(random, s_cities);

    public static string Date(Random random) => random.Next(3) switch
    {
        0 => $"{random.Next(2021, 2026)}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}",
        1 => $"{random.Next(1, 29)} {Pick(random, s_months)} {random.Next(2021, 2026)}",
        _ => $"{random.Next(1, 13):D2}/{random.Next(1, 29):D2}/{random.Next(2021, 2026)}",
    };

    public static string Code(Random random) =>
        $"{Pick(random, ["INV", "PO", "QA", "SO", "REF", "LOT"])}-{random.Next(10000, 99999)}";

    public static string Time(Random random) => $"{random.Next(7, 19):D2}:{random.Next(0, 12) * 5:D2}";

    public static string Amount(Random random) => (random.Next(1000, 2_000_000) / 100.0).ToString("N2", s_invariant);

    internal static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

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
        "price" => (random.Next(100, 50000) / 100.0).ToString("F2", s_invariant),
        "weekday" => Pick(random, s_weekdays),
        "n" => random.Next(1, 40).ToString(s_invariant),
        "n5" => random.Next(10000, 99999).ToString(s_invariant),
        "small" => random.Next(2, 10).ToString(s_invariant),
        "hours" => random.Next(500, 9000).ToString("N0", s_invariant),
        "kg" or "kg2" => (random.Next(50, 5000) / 10.0).ToString("F1", s_invariant),
        "pct" => (random.Next(10, 999) / 10.0).ToString("F1", s_invariant),
        "temp" => random.Next(4, 60).ToString(s_invariant),
        "phone" => $"+1 {random.Next(200, 999)}-{random.Next(200, 999)}-{random.Next(1000, 9999)}",
        "terms" => Pick(random, ["14", "30", "45", "60"]),
        "qty" or "qty2" => random.Next(12, 4800).ToString(s_invariant),
        "bp" => $"{random.Next(105, 150)}/{random.Next(65, 95)}",
        "pulse" => random.Next(55, 105).ToString(s_invariant),
        "ver" => $"{random.Next(1, 6)}.{random.Next(0, 20)}.{random.Next(0, 9)}",
        "age" => random.Next(18, 90).ToString(s_invariant),
        "mb" => (random.Next(2, 250) / 10.0).ToString("F1", s_invariant),
        "quarter" => random.Next(1, 5).ToString(s_invariant),
        "ext" => random.Next(100, 999).ToString(s_invariant),
        _ => throw new InvalidOperationException($"Unknown slot '{slot}'."),
    };
}
