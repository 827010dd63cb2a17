namespace Archives.Workflow.TestSupport;

/// <summary>A clock the test moves by hand; business time never waits on real time.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }

    public void Set(DateTimeOffset instant)
    {
        lock (gate)
        {
            now = instant.ToUniversalTime();
        }
    }
}
