namespace MaoOcr.Testing.Evaluation;

/// <summary>What kind of picture an evaluation image imitates.</summary>
public enum EvaluationCategory
{
    /// <summary>A clean document page, as exported or scanned flat: 1000–1240 px wide, 15–30 lines.</summary>
    Page,

    /// <summary>A phone photo of part of a page: perspective, a few degrees of rotation, blur, noise, uneven light, JPEG.</summary>
    Photo,

    /// <summary>An application screenshot: short labels, buttons, tables on coloured backgrounds.</summary>
    Screenshot,
}

/// <summary>The script of an evaluation image's text.</summary>
public enum EvaluationLanguage
{
    /// <summary>English only.</summary>
    English,

    /// <summary>Simplified Chinese, alone or mixed with English words, codes and numbers.</summary>
    Chinese,
}

/// <summary>One image of the evaluation set with its ground truth.</summary>
/// <param name="Name">A file-name-safe, unique name such as "07-photo-zh".</param>
/// <param name="Category">What it imitates.</param>
/// <param name="Language">Its script.</param>
/// <param name="Image">The encoded image and its ground-truth lines.</param>
public sealed record EvaluationImage(string Name, EvaluationCategory Category, EvaluationLanguage Language, RenderedImage Image)
{
    /// <summary><see cref="Name"/> with the image's file extension.</summary>
    public string FileName => $"{Name}.{Image.FileExtension}";

    /// <summary>"page-en", "photo-zh", "screenshot-en"…: the group the image is reported under.</summary>
    public string Group => $"{CategoryName(Category)}-{LanguageName(Language)}";

    public static string CategoryName(EvaluationCategory category) => category switch
    {
        EvaluationCategory.Page => "page",
        EvaluationCategory.Photo => "photo",
        EvaluationCategory.Screenshot => "screenshot",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static string LanguageName(EvaluationLanguage language) => language switch
    {
        EvaluationLanguage.English => "en",
        EvaluationLanguage.Chinese => "zh",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };
}
