using MaoOcr.Testing.Evaluation;
using SkiaSharp;

namespace MaoOcr.Testing.Tests;

public sealed class EvaluationSetTests
{
    private static readonly Lazy<IReadOnlyList<EvaluationImage>> s_six = new(() => EvaluationSet.Generate(seed: 3, count: 6));

    [Fact]
    public void Six_images_cover_every_group_once()
    {
        IReadOnlyList<EvaluationImage> images = s_six.Value;
        Assert.Equal(6, images.Count);
        Assert.Equal(6, images.Select(i => i.Group).Distinct().Count());
        Assert.Equal(6, images.Select(i => i.FileName).Distinct().Count());
    }

    [Fact]
    public void Every_image_decodes_and_its_lines_lie_inside_it()
    {
        foreach (EvaluationImage image in s_six.Value)
        {
            using SKBitmap bitmap = RendererTests.Decode(image.Image);
            Assert.Equal(image.Image.Width, bitmap.Width);
            Assert.Equal(image.Image.Height, bitmap.Height);
            Assert.NotEmpty(image.Image.Lines);
            var frame = new PixelRect(0, 0, bitmap.Width, bitmap.Height);
            Assert.All(image.Image.Lines, l => Assert.True(l.Box.Bounds.IsInside(frame, 0.5f), $"{image.Name}: '{l.Text}'"));
            Assert.All(image.Image.Lines, l => Assert.False(string.IsNullOrWhiteSpace(l.Text)));
        }
    }

    [Fact]
    public void Pages_have_15_to_30_lines_and_chinese_images_have_chinese()
    {
        foreach (EvaluationImage image in s_six.Value)
        {
            if (image.Category == EvaluationCategory.Page)
            {
                Assert.InRange(image.Image.Lines.Count, 15, 30);
            }
            bool hasHan = image.Image.Text.Any(c => c is >= '\u4E00' and <= '\u9FFF');
            Assert.Equal(image.Language == EvaluationLanguage.Chinese, hasHan);
        }
    }

    [Fact]
    public void A_smaller_count_is_a_prefix_and_the_seed_decides_the_bytes()
    {
        IReadOnlyList<EvaluationImage> two = EvaluationSet.Generate(seed: 3, count: 2);
        for (int i = 0; i < two.Count; i++)
        {
            Assert.Equal(s_six.Value[i].Name, two[i].Name);
            Assert.Equal(s_six.Value[i].Image.Bytes, two[i].Image.Bytes);
        }
        Assert.NotEqual(two[0].Image.Bytes, EvaluationSet.Generate(seed: 4, count: 1)[0].Image.Bytes);
    }
}
