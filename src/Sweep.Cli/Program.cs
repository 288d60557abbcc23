using System.CommandLine;
using Sweep.Cli.Commands;

var root = new RootCommand("Sweep: train grids of small neural networks on MNIST-style digits and compare them.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(PlanCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(SubmitCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(PredictCommand.Create());
root.Subcommands.Add(DataCommand.Create());
return await root.Parse(args).InvokeAsync();
