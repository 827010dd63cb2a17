using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Archives.Workflow.Runtime.Journal;

/// <summary>The journal's hash chain: <c>hash(n) = SHA-256(hash(n−1) ‖ canonical JSON of entry n)</c>, hexadecimal.</summary>
public static class JournalHasher
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Next(string previousHash, JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(entry);
        var bytes = Encoding.UTF8.GetBytes(previousHash).Concat(Canonical(entry)).ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The entry's fields in a fixed order; the instant in UTC with fixed precision.</summary>
    public static byte[] Canonical(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("instanceId", entry.InstanceId);
            writer.WriteNumber("sequence", entry.Sequence);
            writer.WriteString("at", entry.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("actor", entry.Actor);
            writer.WriteString("kind", entry.Kind);
            writer.WriteString("type", entry.Type);
            writer.WriteString("payload", entry.Payload);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
