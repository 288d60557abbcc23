using System.Reflection;
using Sweep.Core.Errors;
using Sweep.Harness.Spec;

namespace Sweep.Cli.Tests;

/// <summary>The error taxonomy holds: domain errors come only from their factories (so every message has a where,
/// a what and a what-to-do), and none of them can become the exit code of a bug.</summary>
public class ExitCodesTests
{
    private static readonly Assembly[] Layers =
        [typeof(SweepException).Assembly, typeof(Sweep.Data.DataException).Assembly, typeof(SpecException).Assembly];

    private static IEnumerable<Type> DomainErrors() => Layers.SelectMany(a => a.GetTypes())
        .Where(t => t.IsSubclassOf(typeof(SweepException)) && !t.IsAbstract);

    [Fact]
    public void Every_domain_error_is_built_by_its_factories_only()
    {
        var kinds = DomainErrors().ToList();
        Assert.True(kinds.Count >= 10, $"found only {kinds.Count} domain error types");
        // A SpecException is the list of problems its reader collected, each built with its line and key.
        var open = kinds.Where(t => t != typeof(SpecException))
            .Where(t => t.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Any(c => !c.IsPrivate))
            .Select(t => t.FullName).ToList();
        Assert.Empty(open);
        foreach (var type in kinds.Where(t => t != typeof(SpecException)))
            Assert.Contains(type.GetMethods(BindingFlags.Static | BindingFlags.Public), m => m.ReturnType == type);
    }

    [Fact]
    public void A_domain_error_never_exits_as_a_bug()
    {
        foreach (var kind in Enum.GetValues<ErrorKind>())
            Assert.Contains(ExitCodes.For(kind), new[] { ExitCodes.InvalidSweep, ExitCodes.FileProblem });
        Assert.Equal(ExitCodes.InvalidSweep, ExitCodes.For(ErrorKind.Invalid));
        Assert.Equal(ExitCodes.FileProblem, ExitCodes.For(ErrorKind.File));
    }
}
