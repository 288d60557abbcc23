namespace Sweep.Core.Optimizers;

/// <summary>One trainable tensor and its gradient. Weight decay applies to weights only, never to biases.</summary>
public sealed record Parameter(float[] Value, float[] Gradient, bool Decays);
