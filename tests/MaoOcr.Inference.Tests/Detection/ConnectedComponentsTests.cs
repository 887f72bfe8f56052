using MaoOcr.Inference.Detection;

namespace MaoOcr.Inference.Tests.Detection;

public sealed class ConnectedComponentsTests
{
    private const float Threshold = 0.3f;

    [Fact]
    public void Two_separate_rectangles_are_two_components()
    {
        ProbabilityMap map = new ProbabilityMap(40, 20).Fill(2, 2, 10, 5, 0.9f).Fill(20, 10, 8, 6, 0.9f);

        int[] labels = PixelLabels(map);

        Assert.Equal(2, labels.Where(l => l >= 0).Distinct().Count());
        Assert.NotEqual(labels[(2 * 40) + 2], labels[(10 * 40) + 20]);
    }

    [Fact]
    public void Diagonal_neighbours_are_one_component()
    {
        // Both diagonals: a "\" step and a "/" step.
        ProbabilityMap map = new ProbabilityMap(10, 10);
        map[1, 1] = 0.9f;
        map[2, 2] = 0.9f;
        map[3, 1] = 0.9f;

        int[] labels = PixelLabels(map);

        Assert.Single(labels.Where(l => l >= 0).Distinct());
    }

    [Fact]
    public void Pixels_two_apart_are_separate_components()
    {
        ProbabilityMap map = new ProbabilityMap(10, 10);
        map[1, 1] = 0.9f;
        map[3, 2] = 0.9f;

        int[] labels = PixelLabels(map);

        Assert.Equal(2, labels.Where(l => l >= 0).Distinct().Count());
    }

    [Fact]
    public void Values_at_the_threshold_are_not_set()
    {
        ProbabilityMap map = new ProbabilityMap(10, 1).Fill(0, 0, 5, 1, Threshold).Fill(5, 0, 5, 1, 0.31f);
        using var components = new ConnectedComponents();

        components.Label(map.Values, map.Width, map.Height, Threshold);

        PixelRun run = Assert.Single(components.Runs.ToArray());
        Assert.Equal((0, 5, 10), (run.Row, run.Start, run.End));
    }

    [Fact]
    public void U_shape_joined_at_the_bottom_is_one_component_labelled_by_its_first_run()
    {
        // The two arms start as separate components and merge in the last row.
        ProbabilityMap map = new ProbabilityMap(12, 8).Fill(1, 0, 2, 7, 0.9f).Fill(8, 0, 2, 7, 0.9f).Fill(1, 7, 9, 1, 0.9f);
        using var components = new ConnectedComponents();

        components.Label(map.Values, map.Width, map.Height, Threshold);

        Assert.All(components.Runs.ToArray(), r => Assert.Equal(0, r.Label));
    }

    [Fact]
    public void Random_maps_give_the_same_partition_as_a_flood_fill()
    {
        var random = new Random(4321);
        for (int round = 0; round < 150; round++)
        {
            int width = random.Next(1, 60), height = random.Next(1, 40);
            float density = random.NextSingle();
            var map = new ProbabilityMap(width, height);
            for (int i = 0; i < map.Values.Length; i++)
            {
                map.Values[i] = random.NextSingle() < density ? 0.5f + (random.NextSingle() / 2) : random.NextSingle() * Threshold;
            }

            AssertSamePartition(FloodFill(map), PixelLabels(map), $"round {round} ({width}×{height})");
        }
    }

    [Fact]
    public void More_runs_than_the_initial_capacity_are_labelled_correctly()
    {
        // 100 one-pixel-wide vertical stripes two apart, 60 rows: 6,000 runs with a capacity of 64, so the buffers grow many times.
        var map = new ProbabilityMap(200, 60);
        for (int x = 0; x < 200; x += 2)
        {
            map.Fill(x, 0, 1, 60, 0.9f);
        }
        using var components = new ConnectedComponents(capacity: 64);

        components.Label(map.Values, map.Width, map.Height, Threshold);

        PixelRun[] runs = components.Runs.ToArray();
        Assert.Equal(6000, runs.Length);
        Assert.Equal(100, runs.Select(r => r.Label).Distinct().Count());
        // Runs are in row order, 100 per row: each run shares its label with the run of its stripe in row 0.
        for (int i = 0; i < runs.Length; i++)
        {
            Assert.Equal(runs[i % 100].Label, runs[i].Label);
        }
    }

    [Fact]
    public void Labelling_again_forgets_the_previous_map()
    {
        using var components = new ConnectedComponents();
        ProbabilityMap first = new ProbabilityMap(20, 20).Fill(0, 0, 20, 20, 0.9f);
        ProbabilityMap second = new ProbabilityMap(20, 20).Fill(5, 5, 2, 2, 0.9f);

        components.Label(first.Values, 20, 20, Threshold);
        components.Label(second.Values, 20, 20, Threshold);

        Assert.Equal(2, components.RunCount);
        Assert.All(components.Runs.ToArray(), r => Assert.Equal(0, r.Label));
    }

    [Fact]
    public void Empty_map_has_no_runs()
    {
        using var components = new ConnectedComponents();

        components.Label(new float[50], 10, 5, Threshold);

        Assert.Equal(0, components.RunCount);
    }

    /// <summary>Per-pixel label from the runs; -1 where the map is not set.</summary>
    private static int[] PixelLabels(ProbabilityMap map)
    {
        using var components = new ConnectedComponents();
        components.Label(map.Values, map.Width, map.Height, Threshold);
        int[] labels = new int[map.Values.Length];
        Array.Fill(labels, -1);
        foreach (PixelRun run in components.Runs)
        {
            labels.AsSpan((run.Row * map.Width) + run.Start, run.End - run.Start).Fill(run.Label);
        }
        return labels;
    }

    private static int[] FloodFill(ProbabilityMap map)
    {
        int[] labels = new int[map.Values.Length];
        Array.Fill(labels, -1);
        int next = 0;
        var stack = new Stack<(int X, int Y)>();
        for (int start = 0; start < labels.Length; start++)
        {
            if (labels[start] >= 0 || map.Values[start] <= Threshold)
            {
                continue;
            }
            labels[start] = next;
            stack.Push((start % map.Width, start / map.Width));
            while (stack.Count > 0)
            {
                (int x, int y) = stack.Pop();
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < map.Width && ny < map.Height && labels[(ny * map.Width) + nx] < 0 && map[nx, ny] > Threshold)
                        {
                            labels[(ny * map.Width) + nx] = next;
                            stack.Push((nx, ny));
                        }
                    }
                }
            }
            next++;
        }
        return labels;
    }

    /// <summary>Labels may differ, but each expected component must be exactly one actual component and the reverse.</summary>
    private static void AssertSamePartition(int[] expected, int[] actual, string context)
    {
        var forward = new Dictionary<int, int>();
        var backward = new Dictionary<int, int>();
        for (int i = 0; i < expected.Length; i++)
        {
            if ((expected[i] < 0) != (actual[i] < 0))
            {
                Assert.Fail($"{context}: pixel {i} is set in one labelling only");
            }
            if (expected[i] < 0)
            {
                continue;
            }
            if (forward.GetValueOrDefault(expected[i], actual[i]) != actual[i] || backward.GetValueOrDefault(actual[i], expected[i]) != expected[i])
            {
                Assert.Fail($"{context}: pixel {i} is labelled {actual[i]}, which splits or merges flood-fill component {expected[i]}");
            }
            forward[expected[i]] = actual[i];
            backward[actual[i]] = expected[i];
        }
    }
}
