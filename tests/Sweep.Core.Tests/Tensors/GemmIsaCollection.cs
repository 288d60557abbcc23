using Sweep.Core.Tensors;

namespace Sweep.Core.Tests.Tensors;

/// <summary>Tests that switch the GEMM's instruction set run one at a time: the switch is process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class GemmIsaCollection
{
    public const string Name = "GEMM instruction set";

    /// <summary>Switches the GEMM to <paramref name="isa"/>, or skips the calling test when this CPU lacks
    /// it.</summary>
    public static IDisposable Use(GemmIsa isa)
    {
        IsaAvailable.Require(isa);
        GemmIsaResolver.Override = isa;
        return new Restore();
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose() => GemmIsaResolver.Override = GemmIsa.Auto;
    }
}
