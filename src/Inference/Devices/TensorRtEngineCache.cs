namespace MaoOcr.Inference.Devices;

/// <summary>
/// Where TensorRT engines are kept between starts: <c>tensorrt/</c> in the appliance's state folder. Engines are state,
/// not cache: rebuilding one takes from seconds on an H100 to minutes on a Jetson, so they belong where a service's
/// state is kept (systemd's StateDirectory, XDG's state home), not where a cleaner may empty it.
/// </summary>
public static class TensorRtEngineCache
{
    /// <summary>Names the appliance's state folder explicitly.</summary>
    public const string StateDirectoryVariable = "MAOOCR_STATE_DIR";

    /// <summary>
    /// <c>$MAOOCR_STATE_DIR/tensorrt</c>; else systemd's <c>$STATE_DIRECTORY/tensorrt</c> (its first folder, set by a unit
    /// with <c>StateDirectory=</c>); else <c>$XDG_STATE_HOME/maoocr/tensorrt</c>; else <c>~/.local/state/maoocr/tensorrt</c>.
    /// </summary>
    public static string DefaultDirectory() => DefaultDirectory(Environment.GetEnvironmentVariable);

    /// <summary><see cref="DefaultDirectory()"/> with the environment read through <paramref name="variable"/>.</summary>
    internal static string DefaultDirectory(Func<string, string?> variable)
    {
        string? state = NullIfEmpty(variable(StateDirectoryVariable))
            ?? NullIfEmpty(variable("STATE_DIRECTORY")?.Split(':')[0]);
        if (state is null)
        {
            string xdg = NullIfEmpty(variable("XDG_STATE_HOME"))
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            state = Path.Combine(xdg, "maoocr");
        }
        return Path.Combine(state, "tensorrt");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
