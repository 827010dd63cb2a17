using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Archives.Workflow.Cases;
using static Archives.Workflow.Cases.StorableText;

namespace Archives.Workflow.Server.Hosting;

/// <summary>
/// What text a request may carry: well-formed UTF-8 or UTF-16 (no lone surrogate) and no control
/// character other than tab, carriage return and line feed. PostgreSQL refuses NUL in text, and the
/// other control characters are never typed by a person; a lone surrogate cannot be stored as UTF-8
/// without being changed into something else.
/// </summary>
public static class UntrustedText
{
    /// <summary>Null when a JSON document's bytes and every string in it (names and values) may be stored; otherwise the code and the path of the first string at fault.</summary>
    /// <remarks>
    /// A document that is not JSON at all passes: the endpoint's own binding refuses it with its own
    /// message. Escapes are decoded here rather than by the reader, which would quietly turn a lone
    /// <c>\ud800</c> into U+FFFD and so hide it.
    /// </remarks>
    public static (string Code, string Field)? ProblemInJson(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return (Malformed, "$");
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        var path = new JsonPath();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        path.Enter(reader.TokenType == JsonTokenType.StartArray);
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.Leave();
                        continue;
                    case JsonTokenType.PropertyName:
                        var name = reader.ValueIsEscaped ? Unescape(reader.ValueSpan) : Encoding.UTF8.GetString(reader.ValueSpan);
                        path.Name(name);
                        if (Problem(name) is { } inName)
                        {
                            return (inName, path.ToString());
                        }

                        continue;
                    case JsonTokenType.String:
                        var value = reader.ValueIsEscaped ? Unescape(reader.ValueSpan) : Encoding.UTF8.GetString(reader.ValueSpan);
                        if (Problem(value) is { } inValue)
                        {
                            return (inValue, path.ToString());
                        }

                        break;
                    default:
                        break;
                }

                path.Next();
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>Null when a query string or a form body (<c>application/x-www-form-urlencoded</c>) decodes to storable text; otherwise the code and the name of the first pair at fault.</summary>
    /// <remarks>ASP.NET Core decodes an ill-formed percent-encoded UTF-8 sequence into U+FFFD, so the bytes are checked here before it does.</remarks>
    public static (string Code, string Field)? ProblemInUrlEncoded(ReadOnlySpan<char> encoded)
    {
        if (encoded.StartsWith('?'))
        {
            encoded = encoded[1..];
        }

        foreach (var range in encoded.Split('&'))
        {
            var pair = encoded[range];
            var equals = pair.IndexOf('=');
            var (nameBytes, nameOk) = PercentDecode(equals < 0 ? pair : pair[..equals]);
            var name = Encoding.UTF8.GetString(nameBytes);
            if (!nameOk || Problem(name) is not null)
            {
                return (nameOk ? Problem(name)! : Malformed, Printable(name));
            }

            if (equals >= 0)
            {
                var (valueBytes, valueOk) = PercentDecode(pair[(equals + 1)..]);
                if (!valueOk)
                {
                    return (Malformed, Printable(name));
                }

                if (Problem(Encoding.UTF8.GetString(valueBytes)) is { } problem)
                {
                    return (problem, Printable(name));
                }
            }
        }

        return null;
    }

    private static (byte[] Bytes, bool WellFormed) PercentDecode(ReadOnlySpan<char> text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // The raw query of a request is ASCII; text outside it comes only from an in-process host.
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Slice(i, 2).ToString()));
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return ([.. bytes], false);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        var array = bytes.ToArray();
        return (array, Utf8.IsValid(array));
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>A name fit to be shown (a key of <c>errors</c>, a charset): at most <paramref name="length"/> characters, what is wrong in it shown as U+FFFD.</summary>
    internal static string Printable(string name, int length = 100)
    {
        var builder = new StringBuilder(Math.Min(name.Length, length));
        foreach (var c in name.AsSpan(0, Math.Min(name.Length, length)))
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '\uFFFD' : c);
        }

        return builder.ToString();
    }

    /// <summary>Decodes a JSON string's escapes into UTF-16 code units exactly, lone surrogates included.</summary>
    private static string Unescape(ReadOnlySpan<byte> raw)
    {
        var builder = new StringBuilder(raw.Length);
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                continue;
            }

            builder.Append(Encoding.UTF8.GetString(raw[start..i]));
            var kind = (char)raw[i + 1];
            if (kind == 'u')
            {
                builder.Append((char)Convert.ToUInt16(Encoding.ASCII.GetString(raw.Slice(i + 2, 4)), 16));
                i += 5;
            }
            else
            {
                builder.Append(kind switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => kind });
                i += 1;
            }

            start = i + 1;
        }

        builder.Append(Encoding.UTF8.GetString(raw[start..]));
        return builder.ToString();
    }

    /// <summary>Where the reader is, as the client named it: <c>input.children[2].name</c>.</summary>
    private sealed class JsonPath
    {
        private readonly List<(bool Array, string? Name, int Index)> levels = [];

        public void Enter(bool array)
        {
            levels.Add((array, null, 0));
        }

        public void Leave()
        {
            if (levels.Count > 0)
            {
                levels.RemoveAt(levels.Count - 1);
            }

            Next();
        }

        public void Name(string name)
        {
            if (levels.Count > 0)
            {
                levels[^1] = levels[^1] with { Name = name };
            }
        }

        /// <summary>A value has ended: an array moves to its next index.</summary>
        public void Next()
        {
            if (levels.Count > 0 && levels[^1].Array)
            {
                levels[^1] = levels[^1] with { Index = levels[^1].Index + 1 };
            }
        }

        public override string ToString()
        {
            var builder = new StringBuilder();
            foreach (var (array, name, index) in levels)
            {
                if (array)
                {
                    builder.Append('[').Append(index).Append(']');
                }
                else if (name is not null)
                {
                    if (builder.Length > 0)
                    {
                        builder.Append('.');
                    }

                    builder.Append(Printable(name));
                }
            }

            return builder.Length == 0 ? "$" : builder.ToString();
        }
    }
}
