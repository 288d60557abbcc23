using System.Runtime.InteropServices;

namespace Sweep.Core.Serialization;

internal static class BinaryWriterExtensions
{
    /// <summary>Raw little-endian floats: bit-exact, NaN payloads included.</summary>
    public static void WriteFloats(this BinaryWriter writer, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian) writer.Write(MemoryMarshal.AsBytes(values));
        else foreach (float v in values) writer.Write(v);
    }
}
