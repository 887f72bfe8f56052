using System.Globalization;
using System.Text;
using SkiaSharp;

namespace MaoOcr.Documents.Tests.Pdf.Reading;

/// <summary>A binary PPM (P6) as pdftoppm writes it: the header, then 8-bit RGB rows. Parsing checks the whole file adds up.</summary>
internal sealed class Ppm
{
    private Ppm(int width, int height, byte[] rgb)
    {
        Width = width;
        Height = height;
        Rgb = rgb;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Rgb { get; }

    public static Ppm Parse(byte[] file)
    {
        int at = 0;
        string Token()
        {
            while (at < file.Length && char.IsWhiteSpace((char)file[at]))
            {
                at++;
            }
            int start = at;
            while (at < file.Length && !char.IsWhiteSpace((char)file[at]))
            {
                at++;
            }
            return Encoding.ASCII.GetString(file, start, at - start);
        }

        Assert.Equal("P6", Token());
        int width = int.Parse(Token(), CultureInfo.InvariantCulture);
        int height = int.Parse(Token(), CultureInfo.InvariantCulture);
        Assert.Equal("255", Token());
        // One white-space byte ends the header.
        at++;
        Assert.True(width > 0 && height > 0, $"{width} × {height}");
        Assert.Equal((long)width * height * 3, file.Length - at);
        return new Ppm(width, height, file[at..]);
    }

    /// <summary>The share of pixels darker than mid-grey.</summary>
    public double DarkFraction()
    {
        int dark = 0;
        for (int i = 0; i < Rgb.Length; i += 3)
        {
            if (Rgb[i] + Rgb[i + 1] + Rgb[i + 2] < 3 * 128)
            {
                dark++;
            }
        }
        return dark / (double)(Width * Height);
    }

    /// <summary>The mean absolute difference of grey levels (0–255) over the area both images cover.</summary>
    public double MeanDifference(SKBitmap other)
    {
        int width = Math.Min(Width, other.Width), height = Math.Min(Height, other.Height);
        double sum = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = ((y * Width) + x) * 3;
                SKColor c = other.GetPixel(x, y);
                sum += Math.Abs(((Rgb[i] + Rgb[i + 1] + Rgb[i + 2]) / 3.0) - ((c.Red + c.Green + c.Blue) / 3.0));
            }
        }
        return sum / (width * height);
    }
}
