namespace Archives.Workflow.Server.Hosting;

/// <summary>The <c>Database</c> section's pool size: how many PostgreSQL connections EF Core may hold on this node.</summary>
public sealed class DatabasePoolOptions
{
    public const string Section = "Database";

    /// <summary>
    /// Npgsql's <c>Maximum Pool Size</c> of the application's connections (requests, circuits, workflow bursts)
    /// on this node (default 30), unless the connection string sets one. Every node's pools together
    /// (this plus <see cref="HangfireOptions.MaxPoolSize"/>) must stay below PostgreSQL's <c>max_connections</c>.
    /// </summary>
    public int MaxPoolSize { get; set; } = 30;
}
