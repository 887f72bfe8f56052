using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using MaoOcr.Appliance.Core;
using MaoOcr.Appliance.Protocol;

namespace MaoOcr.Appliance.Rest;

/// <summary>Why the images of a REST request were refused: the wire code, a message for the client, and the HTTP status where Kestrel chose it.</summary>
internal readonly record struct ImageRefusal(ErrorCode Code, string Message, int? Status = null);

/// <summary>
/// Reads the images of <c>POST /api/ocr</c> into pooled buffers: the raw body as one image, or each file of a
/// multipart/form-data body. A body that breaks its format is the client's mistake and comes back as a refusal, never
/// as an exception for the host to turn into a 500.
/// </summary>
internal static class RequestImageReader
{
    private const string MultipartFormData = "multipart/form-data";

    /// <summary>
    /// Characters of the form reader's own reason passed on to the client: enough for "Missing content-type boundary",
    /// while a reason that quotes the client's bytes (an invalid header line) does not send them all back.
    /// </summary>
    private const int MaxReasonLength = 100;

    /// <summary>Reads the images into <paramref name="images"/>; returns why they were refused, or null.</summary>
    public static async Task<ImageRefusal?> ReadAsync(HttpContext context, ProtocolLimits limits, List<OcrImage> images)
    {
        try
        {
            // Only multipart is a form of files; anything else (curl's default urlencoded type too) is the image itself.
            return context.Request.ContentType?.StartsWith(MultipartFormData, StringComparison.OrdinalIgnoreCase) == true
                ? await ReadMultipartAsync(context, limits, images).ConfigureAwait(false)
                : await ReadRawAsync(context, limits, images).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals of the body, thrown from the read: left to Kestrel, they go out with no body.
            return e.StatusCode switch
            {
                StatusCodes.Status408RequestTimeout => new ImageRefusal(ErrorCode.Timeout,
                    "The request body arrived too slowly (under Kestrel's minimum data rate); send it again.", e.StatusCode),
                StatusCodes.Status413PayloadTooLarge => new ImageRefusal(ErrorCode.ImageTooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"The request body is over the appliance's limit: at most {limits.MaxImagesPerRequest} images of {limits.MaxImageBytes:N0} bytes each."), e.StatusCode),
                _ => new ImageRefusal(ErrorCode.InvalidMessage, $"The request body could not be read: {Shorten(e.Message)}", e.StatusCode),
            };
        }
    }

    private static async Task<ImageRefusal?> ReadMultipartAsync(HttpContext context, ProtocolLimits limits, List<OcrImage> images)
    {
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            // The form reader's word for a body that breaks RFC 7578: no boundary, a part without Content-Disposition,
            // headers over the limit.
            return new ImageRefusal(ErrorCode.InvalidMessage, $"The multipart body is malformed: {Shorten(e.Message)}");
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            // The multipart reader ran out of body while it looked for a boundary: the closing one is missing, or the
            // body uses another boundary than its Content-Type names.
            return new ImageRefusal(ErrorCode.InvalidMessage,
                $"The multipart body ends before its closing boundary; check that it uses the boundary its Content-Type names ({context.Request.ContentType}).");
        }

        if (form.Files.Count == 0)
        {
            return new ImageRefusal(ErrorCode.InvalidMessage, "The multipart form has no file; send the image as a file field.");
        }
        if (form.Files.Count > limits.MaxImagesPerRequest)
        {
            return new ImageRefusal(ErrorCode.InvalidMessage, limits.BatchTooLarge());
        }
        foreach (IFormFile file in form.Files)
        {
            if (file.Length > limits.MaxImageBytes)
            {
                return new ImageRefusal(ErrorCode.ImageTooLarge, limits.ImageTooLarge(file.Length, file.FileName));
            }
            byte[] buffer = OcrImage.RentBuffer((int)file.Length);
            using (var target = new MemoryStream(buffer, 0, (int)file.Length))
            {
                await file.CopyToAsync(target, context.RequestAborted).ConfigureAwait(false);
            }
            images.Add(OcrImage.FromRentedBuffer(buffer, (int)file.Length));
        }
        return null;
    }

    private static async Task<ImageRefusal?> ReadRawAsync(HttpContext context, ProtocolLimits limits, List<OcrImage> images)
    {
        HttpRequest request = context.Request;
        if (request.ContentLength > limits.MaxImageBytes)
        {
            return new ImageRefusal(ErrorCode.ImageTooLarge, limits.ImageTooLarge(request.ContentLength.Value));
        }
        PipeReader body = request.BodyReader;
        while (true)
        {
            ReadResult read = await body.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = read.Buffer;
            long length = buffer.Length;
            if (length > limits.MaxImageBytes)
            {
                body.AdvanceTo(buffer.Start, buffer.End);
                return new ImageRefusal(ErrorCode.ImageTooLarge, string.Create(CultureInfo.InvariantCulture, $"The image is over the limit of {limits.MaxImageBytes:N0} bytes."));
            }
            if (read.IsCompleted)
            {
                // Everything is taken from the buffer before AdvanceTo: after it the pipe may hand the buffer's blocks
                // back to its pool, and a body that ended on a block's edge (4096 bytes, 8192…) then measured 0.
                if (length > 0)
                {
                    byte[] image = OcrImage.RentBuffer((int)length);
                    buffer.CopyTo(image);
                    images.Add(OcrImage.FromRentedBuffer(image, (int)length));
                }
                body.AdvanceTo(buffer.End);
                return length > 0 ? null : new ImageRefusal(ErrorCode.InvalidImage, "The request body is empty; send the image bytes.");
            }
            // Keep everything until the body ends: the decoder needs the whole file.
            body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static string Shorten(string reason) => reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength] + "…";
}
