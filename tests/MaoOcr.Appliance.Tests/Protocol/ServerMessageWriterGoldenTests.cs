using System.Buffers;
using System.Reflection;
using System.Text;
using MaoOcr.Appliance.Documents;
using MaoOcr.Appliance.Sessions;
using MaoOcr.Inference.Layout;

namespace MaoOcr.Appliance.Tests.Protocol;

/// <summary>
/// The appliance's writer against the golden server messages (docs/protocol/golden/server): each file is exactly what
/// the writer produces for the fixed inputs below, so a changed byte on the wire fails here first.
/// </summary>
public sealed class ServerMessageWriterGoldenTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_250);

    /// <summary>Just after the golden ping's timestamp, 1764000030.</summary>
    private static readonly DateTimeOffset s_pongTime = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_030_010);

    private static readonly RecognizedPage s_invoice = new(
        [
            new RecognizedLine("Invoice INV-2026-0153", 0.98713f, [new ImagePoint(102, 88), new ImagePoint(544, 90), new ImagePoint(544, 128), new ImagePoint(102, 126)]),
            new RecognizedLine("Total: $1,284.50", 0.97124f, [new ImagePoint(102, 160), new ImagePoint(390.5f, 160), new ImagePoint(390.5f, 196.25f), new ImagePoint(102, 196.25f)]),
        ],
        "Invoice INV-2026-0153\nTotal: $1,284.50", 1240, 1754,
        new StageTimings(DecodeMs: 12.4, DetectionMs: 402.1, ClassificationMs: 0, RecognitionMs: 498.7, TotalMs: 915.3, InferenceMs: 861.0));

    // Non-ASCII text: the writer escapes it as \uXXXX, which every JSON reader turns back into the same text.
    private static readonly RecognizedPage s_receipt = new(
        [new RecognizedLine("合计 ¥1,284.50", 0.95342f, [new ImagePoint(40, 30.5f), new ImagePoint(260, 30.5f), new ImagePoint(260, 62), new ImagePoint(40, 62)])],
        "合计 ¥1,284.50", 800, 600,
        new StageTimings(DecodeMs: 3.21, DetectionMs: 120.456, ClassificationMs: 8.5, RecognitionMs: 60, TotalMs: 195.2, InferenceMs: 170.04));

    /// <summary>A page read as a document: a title, a paragraph of two lines and a footer, each its own block.</summary>
    private static readonly RecognizedPage s_report = new(
        [
            new RecognizedLine("Quarterly report", 0.99124f, Box(100, 80, 520, 130)),
            new RecognizedLine("Sales rose 12% in the north", 0.97351f, Box(100, 200, 610, 236)),
            new RecognizedLine("and 9% in the south.", 0.96502f, Box(100, 244, 480, 280)),
            new RecognizedLine("Page 1", 0.98007f, Box(580, 1660, 660, 1690)),
        ],
        "Quarterly report\n\nSales rose 12% in the north and 9% in the south.\n\nPage 1", 1240, 1754,
        new StageTimings(DecodeMs: 10.2, DetectionMs: 380.5, ClassificationMs: 0, RecognitionMs: 455.25, TotalMs: 850.6, InferenceMs: 801.3))
    {
        Blocks =
        [
            new TextBlock([0], Box(100, 80, 520, 130), "Quarterly report"),
            new TextBlock([1, 2], Box(100, 200, 610, 280), "Sales rose 12% in the north and 9% in the south."),
            new TextBlock([3], Box(580, 1660, 660, 1690), "Page 1"),
        ],
    };

    /// <summary>A two-page PDF: a scanned page read by OCR (US Letter), and an A4 page with its own text layer.</summary>
    private static readonly RecognizedDocument s_contract = RecognizedDocument.FromPages(
    [
        new DocumentPage(1, new RecognizedPage(
            [
                new RecognizedLine("Scanned page one", 0.98817f, Box(200, 180, 820, 240)),
                new RecognizedLine("of the contract.", 0.97402f, Box(200, 260, 700, 320)),
            ],
            "Scanned page one of the contract.", 1700, 2200,
            new StageTimings(DecodeMs: 41.5, DetectionMs: 310.25, ClassificationMs: 0, RecognitionMs: 402.8, TotalMs: 760.4, InferenceMs: 690.1))
        {
            Blocks = [new TextBlock([0, 1], Box(200, 180, 820, 320), "Scanned page one of the contract.")],
        }, PageTextSource.Ocr, Dpi: 200, WidthPoints: 612, HeightPoints: 792),
        new DocumentPage(2, new RecognizedPage(
            [
                new RecognizedLine("Signed in Shanghai", 1f, Box(200, 180, 760, 236)),
                new RecognizedLine("Page 2 of 2", 1f, Box(760, 2180, 940, 2220)),
            ],
            "Signed in Shanghai\n\nPage 2 of 2", 1654, 2339,
            new StageTimings(DecodeMs: 12.75, DetectionMs: 0, ClassificationMs: 0, RecognitionMs: 0, TotalMs: 13.1, InferenceMs: 0))
        {
            Blocks = [new TextBlock([0], Box(200, 180, 760, 236), "Signed in Shanghai"), new TextBlock([1], Box(760, 2180, 940, 2220), "Page 2 of 2")],
        }, PageTextSource.TextLayer, Dpi: 200, WidthPoints: 595.44, HeightPoints: 842.04),
    ]);

    /// <summary>A white pixel asked for with output=pdf: nothing to read, and its searchable PDF after the envelope.</summary>
    private static readonly RecognizedPage s_blank = new([], "", 1, 1,
        new StageTimings(DecodeMs: 0.12, DetectionMs: 4.5, ClassificationMs: 0, RecognitionMs: 0, TotalMs: 5.02, InferenceMs: 3.9));

    /// <summary>What each golden ocr_error says, per code: the kind of message the appliance sends for it.</summary>
    private static readonly Dictionary<ErrorCode, string> s_errorMessages = new()
    {
        [ErrorCode.InvalidMessage] = "Unknown language 'klingon'; use auto, ch or en.",
        [ErrorCode.InvalidImage] = "The image is not valid base64.",
        [ErrorCode.UnsupportedFormat] = "The data is not a supported image (a TIFF image); send JPEG, PNG, WebP, BMP, GIF or PDF.",
        [ErrorCode.ImageTooLarge] = "The image is 25,165,824 bytes, above the limit of 20,971,520.",
        [ErrorCode.Busy] = "The appliance is busy: the work queue is full.",
        [ErrorCode.Timeout] = "The request took longer than the limit of 120 s, queue wait included.",
        [ErrorCode.Unauthorized] = "A valid API token is required (Authorization: Bearer <token>).",
        [ErrorCode.Internal] = "The OCR engine failed on this image.",
    };

    /// <summary>The writer's fixed inputs for each golden server message, by file.</summary>
    private static readonly Dictionary<string, Action<IBufferWriter<byte>>> s_messages = Messages();

    public static TheoryData<string> ServerFiles => new(GoldenMessages.Files(GoldenMessages.Server));

    [Theory]
    [MemberData(nameof(ServerFiles))]
    public void Writer_produces_the_golden_message_byte_for_byte(string file)
    {
        Assert.True(s_messages.TryGetValue(file, out Action<IBufferWriter<byte>>? write), $"{file} has no writer input here: every golden server message is checked against the writer.");
        var output = new ArrayBufferWriter<byte>();
        write(output);
        byte[] golden = GoldenMessages.Read(file);
        if (file.EndsWith(".hex", StringComparison.Ordinal))
        {
            // A binary message: its envelope as text first, so that a failure shows where they part, then every byte.
            byte[] written = output.WrittenSpan.ToArray();
            Assert.Equal(Encoding.UTF8.GetString(GoldenMessages.BinaryEnvelope(golden).Span), Encoding.UTF8.GetString(GoldenMessages.BinaryEnvelope(written).Span));
            Assert.Equal(golden, written);
            return;
        }
        // As text, so that a failure shows where the messages part; equal text is equal UTF-8 bytes.
        Assert.Equal(Encoding.UTF8.GetString(golden), Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Every_writer_input_has_its_golden_message()
    {
        Assert.Equal(s_messages.Keys.Order(StringComparer.Ordinal), GoldenMessages.Files(GoldenMessages.Server));
    }

    [Fact]
    public void Every_error_code_has_its_own_wire_name_and_golden_message()
    {
        ErrorCode[] codes = Enum.GetValues<ErrorCode>();
        // WireName falls back to "internal": a code added without a name of its own would be sent as internal.
        Assert.Equal(codes.Length, codes.Select(ErrorCodes.WireName).Distinct().Count());
        foreach (ErrorCode code in codes)
        {
            string file = ErrorFile(code);
            Assert.Contains(file, GoldenMessages.Files(GoldenMessages.Server));
            Assert.Equal(ErrorCodes.WireName(code), GoldenMessages.ReadEnvelope(file).GetProperty("data").GetProperty("code").GetString());
        }
    }

    [Fact]
    public void Every_message_type_has_a_golden_message_and_each_file_holds_the_type_it_is_named_after()
    {
        string[] types = [.. typeof(MessageTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];
        string[] files = [.. GoldenMessages.Files(GoldenMessages.Client), .. GoldenMessages.Files(GoldenMessages.Server)];
        Assert.Equal(types.Order(StringComparer.Ordinal), files.Select(GoldenMessages.TypeOf).Distinct().Order(StringComparer.Ordinal));
        foreach (string file in files)
        {
            Assert.Equal(GoldenMessages.TypeOf(file), GoldenMessages.ReadEnvelope(file).GetProperty("type").GetString());
        }
    }

    [Fact]
    public void Every_stage_has_a_golden_progress_message()
    {
        foreach (PipelineStage stage in Enum.GetValues<PipelineStage>())
        {
            Assert.Contains($"server/ocr_progress.{ServerMessageWriter.StageName(stage)}.json", GoldenMessages.Files(GoldenMessages.Server));
        }
    }

    private static Dictionary<string, Action<IBufferWriter<byte>>> Messages()
    {
        var messages = new Dictionary<string, Action<IBufferWriter<byte>>>
        {
            ["server/pong.json"] = w => ServerMessageWriter.WritePong(w, "hb-3", s_pongTime),
            ["server/ocr_start.json"] = w => ServerMessageWriter.WriteStart(w, "s-41", "c-17", 2, s_now),
            ["server/ocr_progress.decode.json"] = w => ServerMessageWriter.WriteProgress(w, "s-42", "c-17", PipelineStage.Decode, 0, s_now),
            ["server/ocr_progress.detection.json"] = w => ServerMessageWriter.WriteProgress(w, "s-43", "c-17", PipelineStage.Detection, 10, s_now),
            ["server/ocr_progress.classification.json"] = w => ServerMessageWriter.WriteProgress(w, "s-44", "c-17", PipelineStage.Classification, 40, s_now),
            ["server/ocr_progress.recognition.json"] = w => ServerMessageWriter.WriteProgress(w, "s-45", "c-17", PipelineStage.Recognition, 60, s_now),
            ["server/ocr_complete.json"] = w => ServerMessageWriter.WriteComplete(w, "s-46", "c-17", [OcrItemResult.FromImage(s_invoice)], batch: false, cached: false, s_now),
            ["server/ocr_complete.cached.json"] = w => ServerMessageWriter.WriteComplete(w, "s-47", "c-17", [OcrItemResult.FromImage(s_invoice)], batch: false, cached: true, s_now),
            ["server/ocr_complete.batch.json"] = w => ServerMessageWriter.WriteComplete(w, "s-48", "c-20", [OcrItemResult.FromImage(s_invoice), OcrItemResult.FromImage(s_receipt)], batch: true, cached: false, s_now),
            ["server/ocr_progress.page.json"] = w => ServerMessageWriter.WriteProgress(w, "s-51", "c-24", PipelineStage.Recognition, 55, s_now, page: 2, pages: 2),
            ["server/ocr_complete.document.json"] = w => ServerMessageWriter.WriteComplete(w, "s-52", "c-24", [OcrItemResult.FromDocument(s_contract)], batch: false, cached: false, s_now),
            ["server/ocr_complete.blocks.json"] = w => ServerMessageWriter.WriteComplete(w, "s-53", "c-26", [OcrItemResult.FromImage(s_report)], batch: false, cached: false, s_now),
            ["server/ocr_complete.pdf.hex"] = w =>
            {
                // As the session sends it: the envelope written with the PDF's size, then framed with the PDF.
                var envelope = new ArrayBufferWriter<byte>();
                ReadOnlySpan<byte> pdf = GoldenMessages.TinyPdf.Span;
                ServerMessageWriter.WriteComplete(envelope, "s-54", "c-23", [OcrItemResult.FromImage(s_blank)], batch: false, cached: false, s_now, pdfBytes: pdf.Length);
                w.Write(BinaryAnswer.Frame(envelope.WrittenSpan, pdf));
            },
            ["server/ocr_error.invalid_message.no-request-id.json"] = w => ServerMessageWriter.WriteError(w, "s-49", null, ErrorCode.InvalidMessage, "The message is not valid JSON.", null, s_now),
            // A WebSocket request refused because the appliance is going away: the client resends it on its next connection.
            ["server/ocr_error.busy.resend.json"] = w => ServerMessageWriter.WriteError(w, "s-55", "c-19", ErrorCode.Busy, "The appliance is shutting down.", 1000, s_now, resend: true),
        };
        foreach ((ErrorCode code, string message) in s_errorMessages)
        {
            // Only busy carries a retry hint, as the appliance sends it.
            int? retryAfterMs = code == ErrorCode.Busy ? 2000 : null;
            messages.Add(ErrorFile(code), w => ServerMessageWriter.WriteError(w, "s-50", "c-18", code, message, retryAfterMs, s_now));
        }
        return messages;
    }

    private static ImagePoint[] Box(float left, float top, float right, float bottom) =>
        [new ImagePoint(left, top), new ImagePoint(right, top), new ImagePoint(right, bottom), new ImagePoint(left, bottom)];

    private static string ErrorFile(ErrorCode code) => $"server/ocr_error.{ErrorCodes.WireName(code)}.json";
}
