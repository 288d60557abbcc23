using System.Text;
using Sweep.Harness.Results;
using static Sweep.Harness.Report.Html;

namespace Sweep.Harness.Report;

/// <summary>
/// A halving sweep's rungs as a table: at each rung, how many trials reached it, how many went on and how many were
/// pruned there, and where the cut fell (the worst value of the selection metric, at that epoch, among those that
/// went on, and the best among those cut). A pruned trial's numbers are of fewer epochs than a finished one's: this
/// is what they are measured against.
/// </summary>
internal static class RungTable
{
    public static void Append(StringBuilder page, SweepResults results)
    {
        if (results.Rungs.Count == 0) return;
        var metric = results.Selection.Metric;
        string label = metric.Label;
        page.Append("<h2>Halving: the rungs</h2>\n<p class=\"meta\">Every trial trains to the first rung; at each " +
            $"rung the best by {E(label)} at that epoch go on and the others stop there (pruned), so a pruned " +
            "trial's results are of fewer epochs than a finished one's.</p>\n");
        var rows = new List<IReadOnlyList<Cell>>();
        foreach (int rung in results.Rungs)
        {
            var reached = results.Trials.Where(t => t.Metrics.Any(m => m.Epoch >= rung)).ToList();
            var wentOn = reached.Where(t => t.Metrics.Any(m => m.Epoch > rung)
                || (t.Status != TrialState.Pruned && t.Epochs > rung)).ToList();
            var pruned = reached.Where(t => t.Status == TrialState.Pruned && t.Epochs == rung).ToList();
            double? At(TrialResult t) => t.Metrics.FirstOrDefault(m => m.Epoch == rung) is { } row
                ? metric.Of(row) : null;
            var onValues = wentOn.Select(At).OfType<double>().ToList();
            var cutValues = pruned.Select(At).OfType<double>().ToList();
            double? Worst(List<double> v) => v.Count == 0 ? null : metric.LowerIsBetter ? v.Max() : v.Min();
            double? Best(List<double> v) => v.Count == 0 ? null : metric.LowerIsBetter ? v.Min() : v.Max();
            rows.Add([Cell.Number(rung, "F0"), Cell.Number(reached.Count, "F0"), Cell.Number(wentOn.Count, "F0"),
                Cell.Number(pruned.Count, "F0"), Cell.Number(Worst(onValues)), Cell.Number(Best(cutValues))]);
        }
        Table(page, "rungs", ["rung (epoch)", "trials that reached it", "went on", "pruned here",
            $"worst {label} that went on", $"best {label} pruned"], rows);
    }
}
