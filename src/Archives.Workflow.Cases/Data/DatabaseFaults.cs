using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Archives.Workflow.Cases.Data;

/// <summary>
/// Recognises a database that is unreachable or briefly overloaded (a fault that passes by itself),
/// as opposed to a refusal of the data: the server answers the first with 503 and <c>Retry-After</c>.
/// </summary>
public static class DatabaseFaults
{
    // SQLite: the database file is locked by another connection for longer than the busy timeout.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// True when <paramref name="exception"/>, or one it wraps, says the database could not be reached or
    /// could not serve right now: Npgsql's transient failures (connection refused or broken, the server
    /// shutting down or starting, too many connections, serialization failures and deadlocks), socket
    /// errors, time-outs, SQLite busy or locked.
    /// </summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when postgres.IsTransient || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300":
                    return true;
                case NpgsqlException { IsTransient: true }:
                    return true;
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                    return true;
                case SocketException or TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the failed operation certainly took no effect, so that running it again cannot apply it
    /// twice: the connection could not be opened (refused; the server starting up or shutting down; too
    /// many connections), or PostgreSQL rolled the transaction back itself (serialization failure,
    /// deadlock). A connection that broke while a command was under way is not among them: whether that
    /// command committed is unknown.
    /// </summary>
    public static bool IsSafeToRetry(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    // 57P01/57P02: the server ended the session (a restart); what was under way in it was rolled back.
                    return postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "40001" or "40P01";
                case SocketException socket:
                    return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable;
            }
        }

        return false;
    }
}
