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

    /// <summary>The hash of <paramref name="entry"/> after <paramref name="previousHash"/> under <paramref name="rule"/> (by default the current one).</summary>
    public static string Next(string previousHash, JournalEntry entry, JournalRule rule = JournalRule.Microseconds)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(entry);
        // One buffer, previous hash then canonical entry: the same bytes as ever, without copying them one at a time.
        var canonical = Canonical(entry, rule);
        var prefix = Encoding.UTF8.GetByteCount(previousHash);
        var bytes = new byte[prefix + canonical.Length];
        Encoding.UTF8.GetBytes(previousHash, bytes);
        canonical.CopyTo(bytes, prefix);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// Whether the stored <paramref name="entry"/> carries the hash it was written with. Under
    /// <see cref="JournalRule.Ticks"/> the hash covered seven fractional digits; an instant read back
    /// as a whole microsecond may have lost the seventh to the database (PostgreSQL keeps six), so the
    /// ticks that database could have dropped or rounded away are tried too. Nothing else of the entry
    /// is allowed to differ, and sub-microsecond digits record nothing an auditor relies on.
    /// </summary>
    public static bool Matches(string previousHash, JournalEntry entry, JournalRule rule)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Next(previousHash, entry, rule) == entry.Hash)
        {
            return true;
        }

        if (rule != JournalRule.Ticks || entry.At.UtcTicks % TimeSpan.TicksPerMicrosecond != 0)
        {
            return false;
        }

        for (var lost = -(TimeSpan.TicksPerMicrosecond - 1); lost < TimeSpan.TicksPerMicrosecond; lost++)
        {
            var written = new JournalEntry
            {
                InstanceId = entry.InstanceId, Sequence = entry.Sequence, At = entry.At.AddTicks(lost), Actor = entry.Actor,
                Kind = entry.Kind, Type = entry.Type, Payload = entry.Payload, Hash = entry.Hash,
            };
            if (lost != 0 && Next(previousHash, written, rule) == entry.Hash)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The entry's fields in a fixed order; the instant in UTC with the precision of <paramref name="rule"/>.</summary>
    public static byte[] Canonical(JournalEntry entry, JournalRule rule = JournalRule.Microseconds)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var format = rule switch
        {
            JournalRule.Ticks => "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'",
            JournalRule.Microseconds => "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'",
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown journal rule."),
        };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("instanceId", entry.InstanceId);
            writer.WriteNumber("sequence", entry.Sequence);
            writer.WriteString("at", entry.At.ToUniversalTime().ToString(format, CultureInfo.InvariantCulture));
            writer.WriteString("actor", entry.Actor);
            writer.WriteString("kind", entry.Kind);
            writer.WriteString("type", entry.Type);
            writer.WriteString("payload", entry.Payload);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
