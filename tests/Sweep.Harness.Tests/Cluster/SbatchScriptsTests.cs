using Sweep.Harness.Cluster;
using Sweep.Harness.Plan;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Cluster;

public sealed class SbatchScriptsTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void The_array_script_runs_each_tasks_trials_into_the_shared_folder_with_the_options_given()
    {
        var plan = Expansion.Expand(SpecReader.Read(_files.Write("s.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.1, 0.01, 0.001]\n")));
        var options = new SubmitOptions("/shared/results/digits-test", "/shared/bin", "gpu", "1:00:00", 2, 5, 2);
        var groups = SbatchScripts.Groups(plan.Trials.Select(t => t.Id), 2);
        string script = SbatchScripts.Array(plan, ["train.epochs=2", "name=it's"], options, groups, new Dictionary<string, string> { ["SWEEP_DATA"] = "/data" });

        Assert.Equal(2, groups.Count);
        Assert.Contains("#SBATCH --array=0-1%5\n", script);
        Assert.Contains("#SBATCH --cpus-per-task=2\n", script);
        Assert.Contains("#SBATCH --partition=gpu\n", script);
        Assert.Contains("#SBATCH --time=1:00:00\n#SBATCH --requeue\n#SBATCH --signal=B:TERM@60\n", script);
        Assert.Contains($"  {plan.Trials[0].Id},{plan.Trials[1].Id}\n  {plan.Trials[2].Id}\n", script);
        Assert.Contains("export SWEEP_DATA='/data'\n", script);
        Assert.Contains("exec '/shared/bin/sweep' run '" + plan.Spec.File + "' 'train.epochs=2' 'name=it'\\''s' --out '/shared/results/digits-test' --trial \"${trials[$SLURM_ARRAY_TASK_ID]}\" --parallel 2", script);

        string report = SbatchScripts.Report(plan, [], options, new Dictionary<string, string>());
        Assert.Contains("--summary-only\n", report);
        Assert.DoesNotContain("--array", report);
    }
}
