using System.Text;
using System.Text.RegularExpressions;
using MaoOcr.Appliance.Hosting;
using Microsoft.AspNetCore.Http;

namespace MaoOcr.Appliance.Tests.Hosting;

/// <summary>The embedded web app and JS client as the appliance serves them: types, revalidation, no way out of the bundle.</summary>
public sealed partial class WebAppAssetsTests
{
    private static async Task<(HttpResponse Response, string Body)> GetAsync(string path, string? ifNoneMatch = null)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }
        await WebAppAssets.Serve(context, path);
        return (context.Response, Encoding.UTF8.GetString(body.ToArray()));
    }

    [Theory]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("js/maoocr-client.js", "text/javascript; charset=utf-8")]
    [InlineData("js/maoocr-client.d.ts", "text/plain; charset=utf-8")]
    [InlineData("app/app.js", "text/javascript; charset=utf-8")]
    [InlineData("css/app.css", "text/css; charset=utf-8")]
    [InlineData("favicon.svg", "image/svg+xml")]
    public async Task Each_asset_is_served_with_its_type_and_an_etag_that_revalidates_to_304(string path, string contentType)
    {
        (HttpResponse first, string body) = await GetAsync(path);
        Assert.Equal(StatusCodes.Status200OK, first.StatusCode);
        Assert.Equal(contentType, first.ContentType);
        Assert.NotEmpty(body);
        Assert.Equal("no-cache", first.Headers.CacheControl.ToString());
        Assert.Equal("nosniff", first.Headers.XContentTypeOptions.ToString());
        string etag = first.Headers.ETag.ToString();
        Assert.Matches("^\"[0-9a-f]{24}\"$", etag);

        (HttpResponse again, string againBody) = await GetAsync(path, etag);
        Assert.Equal(StatusCodes.Status304NotModified, again.StatusCode);
        Assert.Empty(againBody);
        (HttpResponse stale, _) = await GetAsync(path, "\"000000000000000000000000\"");
        Assert.Equal(StatusCodes.Status200OK, stale.StatusCode);
    }

    [Fact]
    public async Task The_page_allows_only_its_own_origin_and_everything_it_references_is_embedded()
    {
        (HttpResponse response, string html) = await GetAsync("index.html");
        string policy = response.Headers.ContentSecurityPolicy.ToString();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http://www.w3.org/", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

        string[] references = [.. Reference().Matches(html).Select(m => m.Groups[1].Value)];
        Assert.Contains("/js/maoocr-client.js", await ModuleImportsAsync("app/app.js"));
        Assert.NotEmpty(references);
        foreach (string reference in references.Concat(await ModuleImportsAsync("app/app.js")))
        {
            (HttpResponse asset, _) = await GetAsync(reference.TrimStart('/'));
            Assert.True(asset.StatusCode == StatusCodes.Status200OK, $"{reference} is referenced but not embedded");
        }
    }

    [Theory]
    [InlineData("../appsettings.json")]
    [InlineData("js/../../maoocr.dll")]
    [InlineData("js\\maoocr-client.js")]
    [InlineData("no-such-file.js")]
    [InlineData("")]
    public async Task Paths_outside_the_bundle_or_unknown_are_404(string path)
    {
        (HttpResponse response, string body) = await GetAsync(path);
        Assert.Equal(StatusCodes.Status404NotFound, response.StatusCode);
        Assert.Empty(body);
    }

    private static async Task<IEnumerable<string>> ModuleImportsAsync(string module)
    {
        (_, string source) = await GetAsync(module);
        return Import().Matches(source).Select(m => m.Groups[1].Value.StartsWith('.') ? "app/" + m.Groups[1].Value[2..] : m.Groups[1].Value);
    }

    [GeneratedRegex("(?:href|src)=\"([^\"#]+)\"")]
    private static partial Regex Reference();

    [GeneratedRegex("from '([^']+)'")]
    private static partial Regex Import();
}
