using System.Text.Json;
using MaoOcr.Testing;
using MaoOcr.Testing.Documents;
using SkiaSharp;

// Writes each fixture image to DIR plus DIR/fixtures.json: per image its file, its lines' text and ink quads;
// per PDF its file, its text and each page's lines.
// Usage: dotnet MaoOcr.WebClient.Fixtures.dll DIR
if (args.Length != 1)
{
    await Console.Error.WriteLineAsync("usage: MaoOcr.WebClient.Fixtures DIR");
    return 2;
}
string directory = Directory.CreateDirectory(args[0]).FullName;

var paper = new TextBlockStyle { FontSize = 34, Background = SceneBackground.Paper(new SKColor(0xfb, 0xf8, 0xf1)), Margin = 40 };
(string Name, RenderedImage Image)[] fixtures =
[
    // The browser tests' document: what a phone photographs.
    ("invoice", TextImageRenderer.RenderLines(
        ["Delivery Note DN-2026-0153", "Customer: Harbor Foods Ltd", "Pallets received: 12", "Cold store at 3.5 C", "Signed at Gate 4, 08:42"],
        paper with { FontSize = 30, Width = 620 })),
    ("note-zh", TextImageRenderer.RenderLines(["入库单 RK-8841", "仓库温度正常", "Order 8841 shipped"], paper with { Font = TestFonts.NotoSansCjkSc })),
    // Three distinct one-line images, so answers can only match their requests by id.
    ("alpha", TextImageRenderer.RenderLines(["Alpha 1001 north"])),
    ("bravo", TextImageRenderer.RenderLines(["Bravo 2002 south"])),
    ("charlie", TextImageRenderer.RenderLines(["Charlie 3003 east"])),
];

(string Name, GeneratedPdf Pdf)[] documents =
[
    // A two-page scan (no text layer): every page is read by OCR, so progress goes page by page.
    ("scan", TestPdfs.ScannedPdf(
    [
        TextImageRenderer.RenderLines(["Page One: Packing List", "Crates of apples: 40", "Loaded at Dock 7"], paper),
        TextImageRenderer.RenderLines(["Page Two: Receipt", "Total due 315.20 EUR", "Paid by card"], paper),
    ])),
    // A born-digital page: its text comes from the text layer unless force_ocr asks for OCR.
    ("digital", TestPdfs.TextLayerPdf(["Quarterly Report 2026", "Revenue grew 12 percent"], paper)),
];

await using FileStream manifest = File.Create(Path.Combine(directory, "fixtures.json"));
await using (var json = new Utf8JsonWriter(manifest, new JsonWriterOptions { Indented = true }))
{
    json.WriteStartObject();
    foreach ((string name, RenderedImage image) in fixtures)
    {
        string file = $"{name}.{image.FileExtension}";
        await File.WriteAllBytesAsync(Path.Combine(directory, file), image.Bytes);
        json.WriteStartObject(name);
        json.WriteString("file", file);
        json.WriteNumber("width", image.Width);
        json.WriteNumber("height", image.Height);
        json.WriteString("text", image.Text);
        json.WriteStartArray("lines");
        foreach (GroundTruthLine line in image.Lines)
        {
            json.WriteStartObject();
            json.WriteString("text", line.Text);
            json.WriteStartArray("box");
            foreach (PixelPoint corner in line.Box.ToArray())
            {
                json.WriteStartArray();
                json.WriteNumberValue(corner.X);
                json.WriteNumberValue(corner.Y);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
    foreach ((string name, GeneratedPdf pdf) in documents)
    {
        string file = $"{name}.pdf";
        await File.WriteAllBytesAsync(Path.Combine(directory, file), pdf.Bytes);
        json.WriteStartObject(name);
        json.WriteString("file", file);
        json.WriteString("text", pdf.Text);
        json.WriteStartArray("pages");
        foreach (PdfPageTruth page in pdf.Pages)
        {
            json.WriteStartObject();
            json.WriteString("text", string.Join('\n', page.Lines.Select(l => l.Text)));
            json.WriteStartArray("lines");
            foreach (PdfTextLine line in page.Lines)
            {
                json.WriteStringValue(line.Text);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
    json.WriteEndObject();
}
Console.WriteLine($"{fixtures.Length + documents.Length} fixtures in {directory}");
return 0;
