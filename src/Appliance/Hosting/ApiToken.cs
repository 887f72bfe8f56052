using System.Security.Cryptography;
using System.Text;

namespace MaoOcr.Appliance.Hosting;

/// <summary>The optional API token: <c>Authorization: Bearer …</c>, or <c>?token=…</c> for browsers' WebSockets, compared in constant time.</summary>
public sealed class ApiToken
{
    private readonly byte[]? _expected;

    public ApiToken(string? token) => _expected = string.IsNullOrEmpty(token) ? null : Encoding.UTF8.GetBytes(token);

    public bool IsRequired => _expected is not null;

    public bool Allows(HttpRequest request)
    {
        if (_expected is null)
        {
            return true;
        }
        string? given = null;
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            given = header["Bearer ".Length..].Trim();
        }
        given ??= request.Query["token"];
        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _expected);
    }
}
