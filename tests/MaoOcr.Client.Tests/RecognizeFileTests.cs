namespace MaoOcr.Client.Tests;

/// <summary>RecognizeFileAsync's checks before anything is sent: they need no appliance.</summary>
public sealed class RecognizeFileTests
{
    [Fact]
    public async Task A_file_over_the_message_limit_is_refused_before_it_is_read()
    {
        using var folder = new TempDirectory();
        string path = folder.Combine("big.pdf");
        await File.WriteAllBytesAsync(path, new byte[4096]);
        await using var client = new MaoOcrClient(new MaoOcrClientOptions { Server = new Uri("ws://127.0.0.1:9"), MaxMessageBytes = 2048 });

        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(() => client.RecognizeFileAsync(path));
        Assert.Equal("path", e.ParamName);
        Assert.Contains("4096 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_reported_as_such()
    {
        using var folder = new TempDirectory();
        await using var client = new MaoOcrClient(new MaoOcrClientOptions { Server = new Uri("ws://127.0.0.1:9") });

        await Assert.ThrowsAsync<FileNotFoundException>(() => client.RecognizeFileAsync(folder.Combine("none.pdf")));
        await Assert.ThrowsAsync<ArgumentException>(() => client.RecognizeFileAsync(""));
    }
}
