using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MaoOcr.Testing.Documents;

namespace MaoOcr.Appliance.Tests.Documents;

/// <summary>PDF input and searchable-PDF output over REST: the real appliance on loopback, real poppler, real OCR.</summary>
[Collection(DocumentApplianceGroup.Name)]
public sealed class DocumentRestTests(DocumentAppliance fixture)
{
    private readonly RunningAppliance _appliance = fixture.Appliance;

    [Fact]
    public async Task A_scanned_PDF_is_one_result_with_its_pages_read_in_order()
    {
        RenderedImage first = TextImageRenderer.RenderLines(["Scanned invoice 3381", "Amount due 420.00"]);
        RenderedImage second = TextImageRenderer.RenderLines(["Second page 3382", "Signed and stamped"]);
        GeneratedPdf pdf = TestPdfs.ScannedPdf([first, second], dpi: 200);

        JsonElement result = await PostJsonAsync(pdf.Bytes, "application/pdf", "");

        Assert.Equal(2, result.GetProperty("page_count").GetInt32());
        JsonElement[] pages = result.GetProperty("pages").EnumerateArray().ToArray();
        Assert.Equal([1, 2], pages.Select(p => p.GetProperty("page").GetInt32()));
        RenderedImage[] images = [first, second];
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal("ocr", pages[i].GetProperty("source").GetString());
            Assert.Equal(200, pages[i].GetProperty("dpi").GetDouble());
            Assert.Equal(Math.Round(pdf.Pages[i].WidthPoints, 2), pages[i].GetProperty("width_pt").GetDouble());
            Assert.Equal(Math.Round(pdf.Pages[i].HeightPoints, 2), pages[i].GetProperty("height_pt").GetDouble());
            Assert.InRange(pages[i].GetProperty("width").GetInt32(), images[i].Width - 1, images[i].Width + 1);
            string text = pages[i].GetProperty("text").GetString()!;
            Assert.True(TextMetrics.CharacterErrorRate(images[i].Text, text) <= 0.05, $"page {i + 1}: {text}");
            Assert.Equal(2, pages[i].GetProperty("lines").GetArrayLength());
        }
        Assert.Equal(pages[0].GetProperty("text").GetString() + "\n\n" + pages[1].GetProperty("text").GetString(), result.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_text_layer_is_used_as_it_is_unless_OCR_is_forced()
    {
        string[] lines = ["Born digital contract 5521", "Clause 4: delivery within 30 days", "Signed in Shanghai"];
        GeneratedPdf pdf = TestPdfs.TextLayerPdf(lines, new TextBlockStyle { FontSize = 40 });

        JsonElement asIs = await PostJsonAsync(pdf.Bytes, "application/pdf", "");
        JsonElement page = Assert.Single(asIs.GetProperty("pages").EnumerateArray());
        Assert.Equal("text_layer", page.GetProperty("source").GetString());
        Assert.Equal(lines, page.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()));
        // The page gets the layout analysis an OCR'd page gets: a paragraph's lines joined by spaces, blocks by a blank
        // line; the words are exact and in order.
        string text = page.GetProperty("text").GetString()!;
        Assert.Equal(string.Join(' ', lines), string.Join(' ', text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        Assert.NotEmpty(page.GetProperty("blocks").EnumerateArray());
        Assert.Equal(text, asIs.GetProperty("text").GetString());

        JsonElement forced = await PostJsonAsync(pdf.Bytes, "application/pdf", "?force_ocr=true");
        JsonElement ocrPage = Assert.Single(forced.GetProperty("pages").EnumerateArray());
        Assert.Equal("ocr", ocrPage.GetProperty("source").GetString());
        string read = ocrPage.GetProperty("text").GetString()!;
        Assert.True(TextMetrics.CharacterErrorRate(string.Join('\n', lines), read.Replace("\n\n", "\n", StringComparison.Ordinal)) <= 0.05, read);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public async Task A_two_column_text_layer_page_reads_column_by_column_with_its_own_characters(string language)
    {
        // poppler's own order interleaved the English columns, and its CJK line boxes (the font's bounding box, 2.6 em)
        // overlapped so that the layout found no gap between lines; a Skia-made PDF names Kangxi radicals for shared glyphs.
        TextScene scene = language == "en" ? TestPages.TwoColumn() : TestPages.TwoColumnChinese();
        GeneratedPdf pdf = TestPdfs.TextLayerPdf([scene]);
        IReadOnlyList<PdfTextLine> truth = pdf.Pages[0].Lines;

        JsonElement result = await PostJsonAsync(pdf.Bytes, "application/pdf", "");
        JsonElement page = Assert.Single(result.GetProperty("pages").EnumerateArray());
        Assert.Equal("text_layer", page.GetProperty("source").GetString());
        string[] read = [.. page.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()!)];
        // Every line comes back with exactly its characters (no radicals in place of ideographs).
        Assert.Equal(truth.Select(l => l.Text).Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));

        double middle = pdf.Pages[0].WidthPixels / 2.0;
        int[] order = [.. read.Select(text => truth.Select(l => l.Text).ToList().IndexOf(text))];
        int[] left = [.. order.Where(i => i > 0 && i < truth.Count - 1 && truth[i].PixelBox.Bounds.Right < middle)];
        int[] right = [.. order.Where(i => i > 0 && i < truth.Count - 1 && truth[i].PixelBox.Bounds.Left > middle)];
        Assert.NotEmpty(left);
        Assert.NotEmpty(right);
        // Column 1 is read whole, top to bottom, before column 2.
        Assert.True(Array.IndexOf(order, left[^1]) < Array.IndexOf(order, right[0]), string.Join(" | ", read));
        Assert.Equal(left.Order(), left);
        Assert.Equal(right.Order(), right);
    }

    [Fact]
    public async Task A_multipart_batch_of_a_PDF_and_an_image_answers_in_order()
    {
        RenderedImage scanned = TextImageRenderer.RenderLines(["Batch document 7730"]);
        RenderedImage image = TextImageRenderer.RenderLines(["Batch photo 7731"]);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestPdfs.ScannedPdf([scanned]).Bytes), "file", "scan.pdf" },
            { new ByteArrayContent(image.Bytes), "file", "photo.png" },
        };

        using HttpResponseMessage response = await _appliance.Client.PostAsync("/api/ocr", form);
        string body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        JsonElement[] results = JsonDocument.Parse(body).RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(2, results.Length);
        Assert.Equal(1, results[0].GetProperty("page_count").GetInt32());
        Assert.Equal("Batch document 7730", results[0].GetProperty("pages")[0].GetProperty("text").GetString());
        Assert.False(results[1].TryGetProperty("page_count", out _));
        Assert.Equal("Batch photo 7731", results[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Output_pdf_of_an_image_is_a_valid_one_page_PDF_with_its_text()
    {
        RenderedImage image = TextImageRenderer.RenderLines(["Searchable output 9120", "second line 9121"]);

        byte[] pdf = await PostPdfAsync(image.Bytes, "image/png", "?output=pdf", accept: null);

        PdfOutput.AssertValid(pdf);
        string page = Assert.Single(PdfOutput.PageTexts(pdf));
        Assert.True(TextMetrics.CharacterErrorRate(image.Text, page.Trim()) <= 0.05, page);
    }

    [Fact]
    public async Task Accept_pdf_of_a_PDF_keeps_its_pages_and_their_sizes_and_adds_the_text()
    {
        // 40-pixel text at 150 dpi, rendered again at 200 dpi for OCR.
        RenderedImage first = TextImageRenderer.RenderLines(["Kept page one 6601"], new TextBlockStyle { FontSize = 40 });
        RenderedImage second = TextImageRenderer.RenderLines(["Kept page two 6602", "with a second line"], new TextBlockStyle { FontSize = 40, Height = 400 });
        GeneratedPdf original = TestPdfs.ScannedPdf([first, second], dpi: 150);

        byte[] pdf = await PostPdfAsync(original.Bytes, "application/pdf", "", accept: "application/pdf");

        PdfOutput.AssertValid(pdf);
        IReadOnlyList<(double Width, double Height)> sizes = PdfOutput.PageSizes(pdf);
        Assert.Equal(2, sizes.Count);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(original.Pages[i].WidthPoints, sizes[i].Width, 0.01);
            Assert.Equal(original.Pages[i].HeightPoints, sizes[i].Height, 0.01);
        }
        IReadOnlyList<string> texts = PdfOutput.PageTexts(pdf);
        Assert.True(TextMetrics.CharacterErrorRate(first.Text, texts[0].Trim()) <= 0.05, texts[0]);
        Assert.True(TextMetrics.CharacterErrorRate(second.Text, texts[1].Trim()) <= 0.05, texts[1]);
    }

    [Fact]
    public async Task Output_pdf_of_a_JPEG_embeds_the_JPEG_as_it_was_sent()
    {
        RenderedImage jpeg = TextImageRenderer.RenderLines(["Receipt photo 5150"], effects: new ImageEffects { Format = ImageFileFormat.Jpeg, Quality = 90 });

        byte[] pdf = await PostPdfAsync(jpeg.Bytes, "image/jpeg", "?output=pdf", accept: null);

        PdfOutput.AssertValid(pdf);
        Assert.True(pdf.AsSpan().IndexOf(jpeg.Bytes) > 0, "the JPEG's bytes are not in the PDF as they were sent");
        Assert.Equal("Receipt photo 5150", Assert.Single(PdfOutput.PageTexts(pdf)).Trim());
    }

    public static TheoryData<string, string, HttpStatusCode, string> HostileFiles() => new()
    {
        { "garbage", "invalid_image", HttpStatusCode.BadRequest, "cannot be read" },
        { "truncated", "invalid_image", HttpStatusCode.BadRequest, "cannot be read" },
        { "password", "invalid_image", HttpStatusCode.BadRequest, "password" },
        { "pages", "image_too_large", HttpStatusCode.RequestEntityTooLarge, "Pdf:MaxPages" },
        { "bomb", "image_too_large", HttpStatusCode.RequestEntityTooLarge, "Pdf:" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task A_hostile_PDF_gets_its_error_code_and_the_appliance_then_reads_a_good_image(string what, string code, HttpStatusCode status, string named)
    {
        byte[] bytes = what switch
        {
            "garbage" => HostilePdfs.GarbageAfterHeader(),
            "truncated" => HostilePdfs.TruncatedInHalf(),
            "password" => HostilePdfs.EncryptedWithUserPassword(),
            "pages" => HostilePdfs.ManyEmptyPages(5000),
            _ => HostilePdfs.CompressionBomb(16L << 30),
        };
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        using HttpResponseMessage response = await _appliance.Client.PostAsync("/api/ocr", content);
        JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        string message = error.GetProperty("message").GetString()!;
        Assert.True(status == response.StatusCode, $"{what}: {(int)response.StatusCode} {message}");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.False(error.GetProperty("retryable").GetBoolean());

        // Nothing is left broken: a fresh image (not in the cache) is read right after.
        string line = $"After {what} all is well";
        JsonElement good = await PostJsonAsync(TextImageRenderer.RenderLines([line]).Bytes, "image/png", "");
        Assert.Equal(line, good.GetProperty("text").GetString());
    }

    private async Task<JsonElement> PostJsonAsync(byte[] body, string contentType, string query)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using HttpResponseMessage response = await _appliance.Client.PostAsync("/api/ocr" + query, content);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<byte[]> PostPdfAsync(byte[] body, string contentType, string query, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ocr" + query) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        using HttpResponseMessage response = await _appliance.Client.SendAsync(request);
        byte[] pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, System.Text.Encoding.UTF8.GetString(pdf));
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf.Length, response.Content.Headers.ContentLength);
        return pdf;
    }
}
