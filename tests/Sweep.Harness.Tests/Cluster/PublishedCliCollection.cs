namespace Sweep.Harness.Tests.Cluster;

/// <summary>Tests that publish the self-contained CLI run one at a time: every publish writes the same intermediate
/// folders (src/*/obj/Release/net10.0/linux-x64).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class PublishedCliCollection
{
    public const string Name = "published CLI";
}
