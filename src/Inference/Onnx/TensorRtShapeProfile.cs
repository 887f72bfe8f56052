using System.Globalization;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// One TensorRT optimization profile for a model's one dynamic input: the smallest, the tuned-for and the largest
/// shape it will be run with. TensorRT builds the engine for this range once and picks its kernels for
/// <see cref="Opt"/>; a run outside [<see cref="Min"/>, <see cref="Max"/>] fails, so the range must hold every shape
/// the engine sends the model.
/// </summary>
/// <param name="InputName">The model input the shapes are for (PP-OCR's models call theirs <c>x</c>).</param>
/// <param name="Min">Smallest shape, NCHW.</param>
/// <param name="Opt">The shape TensorRT tunes for, NCHW.</param>
/// <param name="Max">Largest shape, NCHW.</param>
public sealed record TensorRtShapeProfile(string InputName, int[] Min, int[] Opt, int[] Max)
{
    /// <summary><c>trt_profile_min_shapes</c>: for example <c>x:1x3x320x320</c>.</summary>
    public string MinShapes => Format(Min);

    /// <summary><c>trt_profile_opt_shapes</c>.</summary>
    public string OptShapes => Format(Opt);

    /// <summary><c>trt_profile_max_shapes</c>.</summary>
    public string MaxShapes => Format(Max);

    /// <exception cref="ArgumentException">The three shapes differ in rank, a dimension is under 1, or min ≤ opt ≤ max does not hold.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(InputName);
        if (Min.Length == 0 || Min.Length != Opt.Length || Opt.Length != Max.Length)
        {
            throw new ArgumentException($"The TensorRT profile of '{InputName}' needs three shapes of the same rank.");
        }
        for (int i = 0; i < Min.Length; i++)
        {
            if (Min[i] < 1 || Min[i] > Opt[i] || Opt[i] > Max[i])
            {
                throw new ArgumentException($"The TensorRT profile of '{InputName}' must have 1 ≤ min ≤ opt ≤ max in every dimension; got {MinShapes}, {OptShapes}, {MaxShapes}.");
            }
        }
    }

    // ORT's syntax, as trtexec's --minShapes: "name:d0xd1x...", several inputs separated by commas.
    private string Format(int[] shape) => InputName + ":" + string.Join('x', shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
}
