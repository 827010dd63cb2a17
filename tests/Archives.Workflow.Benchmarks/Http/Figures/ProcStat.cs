using System.Globalization;

namespace Archives.Workflow.Benchmarks.Http.Figures;

/// <summary>
/// CPU time from Linux's <c>/proc</c>: one process's line of <c>/proc/&lt;pid&gt;/stat</c> and the machine's
/// first line of <c>/proc/stat</c>. Both count in USER_HZ ticks, which the kernel's ABI fixes at 100 a second.
/// </summary>
internal static class ProcStat
{
    public const double TicksPerSecond = 100;

    /// <summary>One process: its parent, its process group and the CPU it and its reaped children used, in ticks.</summary>
    public sealed record ProcessTimes(int Pid, string Name, int ParentPid, int ProcessGroup, long OwnTicks, long ReapedChildrenTicks)
    {
        public long TotalTicks => OwnTicks + ReapedChildrenTicks;
    }

    /// <summary>The machine since boot: busy ticks (all but idle and I/O wait) and all ticks, over every core.</summary>
    public sealed record MachineTimes(long BusyTicks, long TotalTicks);

    /// <summary>
    /// Parses <c>pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …</c>.
    /// The name may hold spaces and parentheses, so the fields are counted from the last ')'.
    /// </summary>
    public static ProcessTimes ParseProcess(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var open = line.IndexOf('(', StringComparison.Ordinal);
        var close = line.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            throw new FormatException($"Not a /proc/<pid>/stat line: {line}");
        }

        var pid = int.Parse(line.AsSpan(0, open).Trim(), CultureInfo.InvariantCulture);
        var name = line[(open + 1)..close];
        // After the name: [0] state, [1] ppid, [2] pgrp, …, [11] utime, [12] stime, [13] cutime, [14] cstime.
        var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 15)
        {
            throw new FormatException($"Too few fields in /proc/<pid>/stat line: {line}");
        }

        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return new ProcessTimes(pid, name, (int)Field(1), (int)Field(2), Field(11) + Field(12), Field(13) + Field(14));
    }

    /// <summary>Parses the aggregate line <c>cpu user nice system idle iowait irq softirq steal guest guest_nice</c>.</summary>
    public static MachineTimes ParseMachine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 5 || parts[0] != "cpu")
        {
            throw new FormatException($"Not the cpu line of /proc/stat: {line}");
        }

        // guest and guest_nice are already counted in user and nice.
        var values = parts.Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Sum();
        return new MachineTimes(total - values[3] - values[4], total);
    }

    /// <summary>Every process now running, as far as each can still be read (processes end while they are listed).</summary>
    public static IReadOnlyList<ProcessTimes> ReadAll()
    {
        var found = new List<ProcessTimes>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }

        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                found.Add(ParseProcess(File.ReadAllText(Path.Combine(folder, "stat"))));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Gone between the listing and the read.
            }
        }

        return found;
    }

    /// <summary>
    /// The context switches of every core since boot, from the <c>ctxt</c> line of <c>/proc/stat</c>; null when there is
    /// no such line. On a virtual machine each switch is dear, and their number per request shows what sharing the cores costs.
    /// </summary>
    public static long? ParseContextSwitches(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            if (!line.StartsWith("ctxt ", StringComparison.Ordinal))
            {
                continue;
            }

            return long.TryParse(line.AsSpan(5).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var switches)
                ? switches
                : throw new FormatException($"Not the ctxt line of /proc/stat: {line}");
        }

        return null;
    }

    /// <summary>The lines of <c>/proc/stat</c> now, read once for both <see cref="ParseMachine"/> and <see cref="ParseContextSwitches"/>; none where there is no such file.</summary>
    public static IReadOnlyList<string> ReadStat() => File.Exists("/proc/stat") ? File.ReadAllLines("/proc/stat") : [];

    /// <summary>CPU seconds of every process in one of the groups (a server node and whatever it started).</summary>
    public static double GroupSeconds(IReadOnlyList<ProcessTimes> processes, IReadOnlySet<int> groups) =>
        processes.Where(p => groups.Contains(p.ProcessGroup)).Sum(p => p.OwnTicks) / TicksPerSecond;

    /// <summary>
    /// CPU seconds of a process tree's root and its direct children, with what the root has reaped: a
    /// PostgreSQL server's postmaster and its backends, including backends that already ended.
    /// </summary>
    public static double TreeSeconds(IReadOnlyList<ProcessTimes> processes, int root) =>
        processes.Where(p => p.Pid == root).Sum(p => p.TotalTicks) / TicksPerSecond
        + processes.Where(p => p.ParentPid == root).Sum(p => p.TotalTicks) / TicksPerSecond;
}
