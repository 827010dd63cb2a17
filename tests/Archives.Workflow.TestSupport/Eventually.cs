using NUnit.Framework;

namespace Archives.Workflow.TestSupport;

/// <summary>
/// Waits for what background work (Hangfire's workers, a server's start-up) will have done: asks every
/// half second, a bounded number of times, and fails the test naming what never happened. Never a timing
/// assertion: the bound only keeps a broken test from hanging.
/// </summary>
public static class Eventually
{
    /// <summary>Half a second between two questions, Hangfire's polling interval in the tests.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>Thirty seconds unless a test says otherwise.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    /// <summary>Asks <paramref name="probe"/> until <paramref name="accept"/> holds for its answer, which is returned.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> accept, string what, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(accept);
        var attempts = Attempts(limit);
        var last = default(T);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            last = await probe();
            if (accept(last))
            {
                return last;
            }

            if (attempt < attempts)
            {
                await Task.Delay(Interval);
            }
        }

        Assert.Fail($"{what}: not so after {attempts} tries {Interval.TotalSeconds} s apart; last answer: {last}.");
        return last!;
    }

    /// <summary>Asks <paramref name="condition"/> until it holds.</summary>
    public static Task Until(Func<Task<bool>> condition, string what, TimeSpan? limit = null) =>
        Until(condition, held => held, what, limit);

    /// <summary>Whether <paramref name="condition"/> comes to hold within the limit, for a test that asserts on the answer itself.</summary>
    public static async Task<bool> Within(Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var attempts = Attempts(limit);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            if (attempt < attempts)
            {
                await Task.Delay(Interval);
            }
        }

        return false;
    }

    private static int Attempts(TimeSpan? limit) => Math.Max(1, (int)Math.Ceiling((limit ?? DefaultLimit) / Interval));
}
