using Sweep.Core.Models;

namespace Sweep.Core.Serialization;

/// <summary>A model file read whole: the network, and the metadata its writer put beside it (empty for a version 1
/// file). The core gives the keys no meaning; the harness writes and reads them.</summary>
public sealed record ModelFileContents(Network Network, IReadOnlyDictionary<string, string> Metadata);
