using System.Text.Json;
using MaoOcr.Testing;
using SkiaSharp;

// Writes each fixture image to DIR plus DIR/fixtures.json: per image its file, its lines' text and ink quads.
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
    json.WriteEndObject();
}
Console.WriteLine($"{fixtures.Length} fixtures in {directory}");
return 0;
