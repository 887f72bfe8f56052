using System.Runtime.InteropServices;
using System.Text;

namespace MaoOcr.Inference.Onnx;

/// <summary>Null-terminated UTF-8 strings in native memory, for the few strings ORT takes by pointer.</summary>
internal static unsafe class Utf8Z
{
    public static byte* Alloc(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        byte* p = (byte*)NativeMemory.Alloc((nuint)length + 1);
        Encoding.UTF8.GetBytes(value, new Span<byte>(p, length));
        p[length] = 0;
        return p;
    }

    public static void Free(byte* p) => NativeMemory.Free(p);

    public static string Read(byte* p) => Marshal.PtrToStringUTF8((nint)p) ?? string.Empty;
}
