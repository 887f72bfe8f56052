namespace MaoOcr.Client.Internal;

/// <summary>The SDK's throw helpers: one place per kind of error, so the callers stay small.</summary>
internal static class Throw
{
    public static TimeSpan IfNotPositive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");

    public static TimeSpan IfNotPositiveOrInfinite(TimeSpan value, string name) =>
        value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive or infinite.");

    public static int IfNegative(int value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");

    public static double IfOutside(double value, double min, double max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");

    public static ArgumentException NoImages(string paramName) => new("A batch needs at least one image.", paramName);

    public static ArgumentException TooManyImages(int count, int max, string paramName) => new($"A batch holds at most {max} images, not {count}.", paramName);

    public static ArgumentException EmptyImage(int index, bool batch, string paramName) => new(batch ? $"Image {index} of the batch is empty." : "The image is empty.", paramName);

    public static ArgumentException TooLarge(long bytes, int max, string paramName) =>
        new($"The request is {bytes} bytes; the appliance takes at most {max} bytes in one message (MaxMessageBytes).", paramName);

    public static MaoOcrConnectionException NotConnected(ConnectionStatus status) =>
        new(status == ConnectionStatus.Error
            ? "The client is not connected: the connection failed (status Error). Call ConnectAsync to try again."
            : "The client is not connected. Call ConnectAsync first.");

    public static MaoOcrConnectionException Disconnected() =>
        new("The request was not answered: the client was disconnected (DisconnectAsync or DisposeAsync).");
}
