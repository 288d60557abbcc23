namespace Sweep.Core.Metrics;

/// <summary>A network's mean loss, accuracy and confusion matrix on a set of samples, without dropout.</summary>
/// <param name="Predictions">The predicted class of each sample, in the source's order.</param>
public sealed record Evaluation(double Loss, double Accuracy, ConfusionMatrix Confusion, int[] Predictions);
