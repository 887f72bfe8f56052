using System.Text.Json.Serialization;
using MaoOcr.Client.Protocol;

namespace MaoOcr.Client;

/// <summary>A point in image pixels. On the wire: <c>[x, y]</c>.</summary>
[JsonConverter(typeof(OcrPointJsonConverter))]
public readonly record struct OcrPoint(float X, float Y);
