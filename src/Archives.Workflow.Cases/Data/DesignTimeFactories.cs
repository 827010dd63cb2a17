using Microsoft.EntityFrameworkCore.Design;

namespace Archives.Workflow.Cases.Data;

/// <summary>For <c>dotnet ef migrations add … --context SqliteArchivesDbContext</c>.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteArchivesDbContext>
{
    public SqliteArchivesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteArchivesDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context PostgreSqlArchivesDbContext</c>.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlArchivesDbContext>
{
    public PostgreSqlArchivesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlArchivesDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
