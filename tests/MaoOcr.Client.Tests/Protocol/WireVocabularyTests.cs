using System.Reflection;
using MaoOcr.Appliance.Protocol;
using MaoOcr.Client.Protocol;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Client.Tests.Protocol;

/// <summary>
/// The names and numbers both sides write twice (the SDK has no reference to the appliance): every error code, message
/// type and stage the appliance defines has a golden message and is known to the SDK, and the SDK knows nothing the
/// appliance does not. A name added on one side only fails here. This test project sees the appliance through
/// MaoOcr.Appliance.Testing; the SDK itself does not.
/// </summary>
public sealed class WireVocabularyTests
{
    [Fact]
    public void Every_appliance_error_code_has_a_golden_message_and_the_same_sdk_code()
    {
        foreach (ErrorCode code in Enum.GetValues<ErrorCode>())
        {
            string wireName = ErrorCodes.WireName(code);
            Assert.Contains($"server/ocr_error.{wireName}.json", GoldenMessages.Files(GoldenMessages.Server));
            Assert.Equal(code.ToString(), OcrErrorCodes.Parse(wireName).ToString());
        }
    }

    [Fact]
    public void Every_sdk_error_code_is_one_the_appliance_sends()
    {
        string[] appliance = [.. Enum.GetValues<ErrorCode>().Select(c => c.ToString())];
        string[] sdk = [.. Enum.GetValues<OcrErrorCode>().Where(c => c != OcrErrorCode.Unknown).Select(c => c.ToString())];
        Assert.Equal(appliance.Order(StringComparer.Ordinal), sdk.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Message_types_are_the_same_on_both_sides_and_each_has_a_golden_message()
    {
        string[] appliance = Constants(typeof(MessageTypes));
        string[] sdk = Constants(typeof(WireNames), except: nameof(WireNames.EndpointPath));
        Assert.Equal(appliance.Order(StringComparer.Ordinal), sdk.Order(StringComparer.Ordinal));
        string[] golden = [.. GoldenMessages.Files(GoldenMessages.Client).Concat(GoldenMessages.Files(GoldenMessages.Server)).Select(GoldenMessages.TypeOf).Distinct()];
        Assert.Equal(appliance.Order(StringComparer.Ordinal), golden.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Stages_are_the_same_on_both_sides()
    {
        foreach (PipelineStage stage in Enum.GetValues<PipelineStage>())
        {
            Assert.Equal(stage.ToString(), WireNames.Stage(ServerMessageWriter.StageName(stage)).ToString());
        }
        Assert.Equal(Enum.GetValues<PipelineStage>().Length, Enum.GetValues<OcrStage>().Count(s => s != OcrStage.Other));
    }

    [Fact]
    public void Every_sdk_language_and_accuracy_is_read_by_the_appliance_as_the_same_value()
    {
        foreach (OcrLanguage language in Enum.GetValues<OcrLanguage>())
        {
            Assert.True(Requirements.TryLanguage(WireNames.Language(language), out RecognitionLanguage read), language.ToString());
            Assert.Equal(language.ToString(), read.ToString());
        }
        foreach (OcrAccuracy accuracy in Enum.GetValues<OcrAccuracy>())
        {
            Assert.True(Requirements.TryAccuracy(WireNames.Accuracy(accuracy), out RecognitionAccuracy read), accuracy.ToString());
            Assert.Equal(accuracy.ToString(), read.ToString());
        }
    }

    [Fact]
    public void Binary_framing_and_limits_the_sdk_checks_before_sending_are_the_appliance_defaults()
    {
        var limits = new ProtocolLimits();
        Assert.Equal(ClientMessageParser.BinaryPrefixLength, BinaryFraming.LengthPrefixBytes);
        Assert.Equal(BinaryFraming.MaxEnvelopeBytes, limits.MaxEnvelopeBytes);
        Assert.Equal(BinaryFraming.MaxImageBytes, limits.MaxImageBytes);
        Assert.Equal(BinaryFraming.MaxImagesPerBatch, limits.MaxImagesPerRequest);
    }

    private static string[] Constants(Type type, string? except = null) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != except)
            .Select(f => (string)f.GetRawConstantValue()!)];
}
