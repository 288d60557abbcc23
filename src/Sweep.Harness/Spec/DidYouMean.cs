namespace Sweep.Harness.Spec;

/// <summary>The nearest known name to a misspelt one, by edit distance, when it is near enough to be a typo.</summary>
public static class DidYouMean
{
    /// <summary>Names users bring from other tools (Keras, PyTorch, their own scripts), by the key Sweep calls
    /// it.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["learning_rate"] = "optimizer.lr", ["lr_rate"] = "optimizer.lr", ["learningrate"] = "optimizer.lr",
            ["lr"] = "optimizer.lr", ["eta"] = "optimizer.lr",
        ["hidden_layers"] = "model.hidden", ["hidden_sizes"] = "model.hidden", ["hidden_units"] = "model.hidden",
            ["layer_sizes"] = "model.layers",
        ["batch"] = "train.batch_size", ["batchsize"] = "train.batch_size", ["batch_size"] = "train.batch_size",
            ["minibatch"] = "train.batch_size",
        ["epochs"] = "train.epochs", ["n_epochs"] = "train.epochs", ["num_epochs"] = "train.epochs",
            ["max_epochs"] = "train.epochs",
        ["dropout"] = "train.dropout", ["dropout_rate"] = "train.dropout",
            ["patience"] = "train.early_stopping.patience",
        ["optimiser"] = "optimizer.name", ["optim"] = "optimizer.name", ["weight_decay"] = "optimizer.weight_decay",
            ["l2"] = "optimizer.weight_decay",
        ["momentum"] = "optimizer.momentum", ["activation"] = "model.activation", ["loss"] = "train.loss",
            ["dataset"] = "data.dataset",
        ["validation_split"] = "data.split.validation", ["val_split"] = "data.split.validation",
    };

    public static string Suggest(string wrong, IEnumerable<string> known)
    {
        // An alias, by the whole key or its last part (optimizer.learning_rate, train.learning_rate, learning_rate).
        var materialised = known as IReadOnlyCollection<string> ?? known.ToList();
        string tail = wrong[(wrong.LastIndexOf('.') + 1)..];
        if ((Aliases.TryGetValue(wrong, out var alias) || Aliases.TryGetValue(tail, out alias)) && alias != wrong
            && materialised.Contains(alias))
            return $" Did you mean '{alias}'?";
        known = materialised;
        var best = known.Select(k => (Name: k, Distance: Distance(wrong, k))).OrderBy(p => p.Distance)
            .ThenBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, wrong.Length / 3) ? $" Did you mean '{best.Name}'?"
            : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1),
                    previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
