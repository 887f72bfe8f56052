namespace MaoOcr.Inference.Pipeline;

/// <summary>Which script the request expects. <see cref="Auto"/> and <see cref="Chinese"/> use the full
/// Chinese+Latin dictionary; <see cref="English"/> restricts recognition to Latin-script characters, so
/// digits and letters are never read as look-alike Chinese characters (Chinese text then reads as noise).</summary>
public enum RecognitionLanguage
{
    Auto,
    Chinese,
    English,
}
