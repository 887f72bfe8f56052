using System.Globalization;

namespace MaoOcr.Fleet.Driver;

/// <summary>The driver's command line.</summary>
internal sealed record DriverArguments(Uri Url, string FixturesDirectory, string? Token, int Clients)
{
    /// <summary>Clients unless --clients says otherwise: two connections, so that least-connections has a choice.</summary>
    private const int DefaultClients = 2;

    /// <exception cref="ArgumentException">A missing or unknown option, or a value that does not parse.</exception>
    public static DriverArguments Parse(string[] args)
    {
        Uri? url = null;
        string? fixtures = null, token = null;
        int clients = DefaultClients;
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--url": url = new Uri(value); break;
                case "--fixtures": fixtures = value; break;
                case "--token": token = value; break;
                case "--clients":
                    clients = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                        ? n
                        : throw new ArgumentException($"--clients must be a positive number, not '{value}'.");
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
            i++;
        }
        return new DriverArguments(
            url ?? throw new ArgumentException("--url is required."),
            fixtures ?? throw new ArgumentException("--fixtures is required."),
            token,
            clients);
    }
}
