using System.Diagnostics;

namespace Sweep.Harness.Report;

/// <summary>Whether this process leaves a core idle, read from its own processor time.</summary>
internal static class ProcessorUse
{
    /// <summary>How long one look lasts: long enough to average out a worker passing from one trial to the
    /// next.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether this process leaves a core idle over the next <see cref="Window"/>; where its processor
    /// time cannot be read, yes (the page is then rebuilt as if a core were free, never held back).</summary>
    public static async Task<bool> CoreIdleAsync()
    {
        try
        {
            using var self = Process.GetCurrentProcess();
            var cpuBefore = self.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            await Task.Delay(Window);
            self.Refresh();
            return LeavesCoreIdle(self.TotalProcessorTime - cpuBefore, wall.Elapsed, Environment.ProcessorCount);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException
            or System.ComponentModel.Win32Exception)
        {
            return true;
        }
    }

    /// <summary>True when <paramref name="processorTime"/> over <paramref name="wall"/> is less than all
    /// <paramref name="processors"/> but half of one: a worker between two trials still counts as training.</summary>
    public static bool LeavesCoreIdle(TimeSpan processorTime, TimeSpan wall, int processors) =>
        processorTime.TotalSeconds < (processors - 0.5) * wall.TotalSeconds;
}
