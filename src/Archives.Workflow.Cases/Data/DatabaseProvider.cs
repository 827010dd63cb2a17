namespace Archives.Workflow.Cases.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
