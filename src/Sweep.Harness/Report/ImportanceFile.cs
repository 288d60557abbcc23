using Sweep.Harness.Report.Importance;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report;

/// <summary>importance.csv: one row per varying key, most important first: the share of the selection metric's
/// variance its main effect explains (fANOVA over a random forest; mean and sd over the trees) and the shares
/// normalised to add up to 1; then the search's conditional keys, not ranked (empty figures). A sweep with too few
/// configurations has none, and an older file is removed.</summary>
public static class ImportanceFile
{
    private static readonly string Method = $"fanova-random-forest-{RegressionForest.Trees}";

    private const string NotRanked = "not ranked: drawn only when its when: holds";

    public static void Write(string path, IReadOnlyList<KeyImportance>? importance, IEnumerable<string> conditional,
        Selection selection)
    {
        if (importance is null)
        {
            if (File.Exists(path)) File.Delete(path);
            return;
        }
        CsvFiles.Write(path, ["key", "variance_share", "variance_share_sd", "normalised", "metric", "method"],
            importance.Select(i =>
                (IReadOnlyList<object?>)[i.Key, i.Share, i.Sd, i.Normalised, selection.Name, Method])
                .Concat(
                    conditional.Select(k =>
                        (IReadOnlyList<object?>)[k, null, null, null, selection.Name, NotRanked])));
    }
}
