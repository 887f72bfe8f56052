
namespace MaoOcr.Testing;

/// <summary>The CRC-32 of PNG chunks and zip (polynomial 0xEDB88320, reflected), table-driven.</summary>
public static class Crc32
{
    private static readonly uint[] s_table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/>; 0 for no bytes.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc = s_table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc ^ 0xFFFFFFFF;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
