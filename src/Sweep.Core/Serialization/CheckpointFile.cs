using Sweep.Core.Models;
using Sweep.Core.Training;

namespace Sweep.Core.Serialization;

/// <summary>
/// Everything needed to continue training exactly where it stopped: the network as in a model file, then the
/// trainer's epoch, optimizer step count and buffers, and both random streams; SHA-256 at the end.
/// </summary>
public static class CheckpointFile
{
    public static ReadOnlySpan<byte> Magic => "SWEEPCK\0"u8;
    /// <summary>2 adds the first batch's loss (divergence is measured against it); version 1 files still load, and
    /// take the next batch's loss instead.</summary>
    public const uint Version = 2;
    private const string Remedy = "Delete it to restart this trial from scratch.";
    /// <summary>A model and its optimizer's buffers (Adam: two more of the same size), read as one array.</summary>
    public const long MaxFileBytes = int.MaxValue / 2 * 2 - 64;

    /// <summary>The checkpoint's bytes onto <paramref name="stream"/>; the caller decides where (the harness writes
    /// them atomically into the trial's folder).</summary>
    public static void Write(Trainer trainer, Stream stream) => HashedFile.Write(stream, w =>
    {
        w.Write(Magic);
        w.Write(Version);
        ModelFile.WriteBody(trainer.Network, w);
        var state = trainer.SaveState();
        w.Write(state.EpochsCompleted);
        w.Write(state.OptimizerSteps);
        w.Write((uint)state.OptimizerState.Count);
        foreach (var buffer in state.OptimizerState)
        {
            w.Write((uint)buffer.Length);
            w.WriteFloats(buffer);
        }
        foreach (ulong word in state.ShuffleRandom) w.Write(word);
        foreach (ulong word in state.DropoutRandom) w.Write(word);
        w.Write(state.FirstBatchLoss);
    });

    public static (Network Network, TrainerState State) Load(string path)
    {
        var body = HashedFile.Verify(HashedFile.ReadAll(path, MaxFileBytes, "a checkpoint file"), Magic, path,
            ("is not a Sweep checkpoint.", Remedy), Remedy);
        var c = new BinaryCursor(body, path);
        c.Bytes(Magic.Length);
        uint version = c.UInt32();
        if (version is not (1 or Version))
            throw ModelFormatException.UnknownVersion(path, "checkpoint", version, $"versions 1 and {Version}",
                Remedy);
        var network = ModelFile.ReadBody(ref c, path);
        int epochs = c.Int32();
        long steps = c.Int64();
        int count = c.Count("the optimizer buffer count", 4096);
        var buffers = new float[count][];
        for (int i = 0; i < count; i++)
            buffers[i] = c.Floats(c.Count("an optimizer buffer's length", (int)ModelFile.MaxLayerWeights));
        var shuffle = new ulong[4];
        var dropout = new ulong[4];
        for (int i = 0; i < 4; i++) shuffle[i] = c.UInt64();
        for (int i = 0; i < 4; i++) dropout[i] = c.UInt64();
        double firstBatchLoss = version >= 2 ? BitConverter.Int64BitsToDouble(c.Int64()) : double.NaN;
        if (c.Position != body.Length)
            throw ModelFormatException.Damaged(path, "has unexpected bytes after the trainer state.", Remedy);
        return (network, new TrainerState(epochs, steps, buffers, shuffle, dropout, firstBatchLoss));
    }
}
