using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Core;

/// <summary>What makes two requests' results the same: the image's hash and the options that matter.</summary>
public readonly record struct CacheKey(string ImageSha256, RecognitionLanguage Language, int SideLimit, bool Classifier, bool Layout, bool PageOrientation);
