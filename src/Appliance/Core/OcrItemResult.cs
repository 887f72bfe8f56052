using MaoOcr.Appliance.Documents;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Core;

/// <summary>What was read from one input of a request: an image's page, or a document's pages.</summary>
public sealed class OcrItemResult
{
    private OcrItemResult(RecognizedPage? image, RecognizedDocument? document)
    {
        Image = image;
        Document = document;
    }

    /// <summary>The result of an image; null for a document.</summary>
    public RecognizedPage? Image { get; }

    /// <summary>The result of a document (a PDF); null for an image.</summary>
    public RecognizedDocument? Document { get; }

    /// <summary>The whole text.</summary>
    public string Text => Image?.Text ?? Document!.Text;

    public static OcrItemResult FromImage(RecognizedPage page) => new(page ?? throw new ArgumentNullException(nameof(page)), null);

    public static OcrItemResult FromDocument(RecognizedDocument document) => new(null, document ?? throw new ArgumentNullException(nameof(document)));
}
