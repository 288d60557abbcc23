namespace Sweep.Core.Optimizers;

/// <summary>
/// One trainable tensor and its gradient. Weight decay applies to weights only, never to biases. The trainer
/// fills a weight's gradient only when it needs the whole gradient before stepping (clipping); otherwise the
/// optimizer takes it slab by slab from the GEMM (<see cref="SliceUpdate"/>).
/// </summary>
public sealed record Parameter(float[] Value, float[] Gradient, bool Decays);
