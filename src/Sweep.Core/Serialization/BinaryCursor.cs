using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Sweep.Core.Serialization;

/// <summary>Little-endian reads from a byte array that report running off its end as a truncated file.</summary>
internal ref struct BinaryCursor(ReadOnlySpan<byte> data, string path)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Position => _position;

    public ReadOnlySpan<byte> Bytes(int count)
    {
        if (count < 0 || _data.Length - _position < count)
            throw ModelFormatException.Damaged(path,
                $"truncated at byte {_position}: expected {count} more bytes, found {_data.Length - _position}.");
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4));
    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));
    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8));
    public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8));
    public byte Byte() => Bytes(1)[0];
    public float Single() => BinaryPrimitives.ReadSingleLittleEndian(Bytes(4));

    /// <summary>A count that must be in [0, max], so a corrupt header cannot ask for gigabytes.</summary>
    public int Count(string what, int max)
    {
        uint v = UInt32();
        if (v > max)
            throw ModelFormatException.Damaged(path,
                $"{what} is {v}, more than the {max} this format allows; the file is corrupt.");
        return (int)v;
    }

    public float[] Floats(int count)
    {
        var raw = Bytes(checked(count * sizeof(float)));
        var result = new float[count];
        if (BitConverter.IsLittleEndian) raw.CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
        else for (int i = 0; i < count; i++) result[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * 4, 4));
        return result;
    }
}
