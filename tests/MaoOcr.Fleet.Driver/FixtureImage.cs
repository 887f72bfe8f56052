namespace MaoOcr.Fleet.Driver;

/// <summary>One of the rendered one-line images (tests/MaoOcr.WebClient.Fixtures) and the text it shows.</summary>
internal sealed record FixtureImage(string Name, byte[] Bytes, string Text)
{
    /// <summary>Three distinct images, so that an answer can only match its request by id.</summary>
    private static readonly (string Name, string Text)[] s_oneLiners =
        [("alpha", "Alpha 1001 north"), ("bravo", "Bravo 2002 south"), ("charlie", "Charlie 3003 east")];

    public static FixtureImage[] Load(string directory) =>
        [.. s_oneLiners.Select(f => new FixtureImage(f.Name, File.ReadAllBytes(Path.Combine(directory, f.Name + ".png")), f.Text))];

    /// <summary>Character error rate on code points with whitespace removed, as MaoOcr.Testing's TextMetrics defines it.</summary>
    public double ErrorRate(string actual)
    {
        string a = string.Concat(Text.Where(c => !char.IsWhiteSpace(c)));
        string b = string.Concat(actual.Where(c => !char.IsWhiteSpace(c)));
        int[] previous = [.. Enumerable.Range(0, b.Length + 1)];
        for (int i = 1; i <= a.Length; i++)
        {
            int[] current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return (double)previous[b.Length] / a.Length;
    }
}
