using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sweep.Core.Files;

namespace Sweep.Harness.Results;

/// <summary>
/// sweep.yaml and effective.yaml describe the latest run into a folder. When an edited sweep (or other overrides)
/// runs into it, the version they replace is kept in sweep-history/, named by its time and content hash, so that the
/// results of earlier runs can still be traced to the file that produced them.
/// </summary>
public static class SweepFileHistory
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, first keeping what was there if it
    /// differs.</summary>
    public static void Write(ResultsLayout layout, string path, string text)
    {
        if (File.Exists(path))
        {
            string old = BoundedFile.ReadAllText(path, 64L << 20, Path.GetFileName(path));
            if (old == text) return;
            string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(old)))[..12];
            string stamp = File.GetLastWriteTimeUtc(path)
                .ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            string kept = Path.Combine(layout.SweepHistoryDir, $"{stamp}-{hash}-{Path.GetFileName(path)}");
            if (!File.Exists(kept)) AtomicFile.WriteAllText(kept, old);
        }
        AtomicFile.WriteAllText(path, text);
    }
}
