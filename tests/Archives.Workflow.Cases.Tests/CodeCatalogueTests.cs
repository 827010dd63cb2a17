using System.Reflection;
using System.Text.RegularExpressions;
using Archives.Workflow.Engine;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Cases.Tests;

/// <summary>
/// Every code the server answers with comes from one of the two catalogues (<see cref="ErrorCodes"/> for the
/// engine and runtime, <see cref="ArchivesCodes"/> for the domain and the HTTP edge), so a client can read
/// every code it may meet in one place.
/// </summary>
public sealed partial class CodeCatalogueTests
{
    private static readonly string[] Projects = ["Archives.Workflow.Engine", "Archives.Workflow.Runtime", "Archives.Workflow.Cases", "Archives.Workflow.Server"];

    [Test]
    public void No_refusal_in_the_source_spells_its_code_as_a_string()
    {
        var spelled = (from project in Projects
                       from path in Directory.EnumerateFiles(RepositoryRoot.Combine("src", project), "*.*", SearchOption.AllDirectories)
                       where (path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".razor", StringComparison.Ordinal))
                             && !path.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                             && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                             // The engine's definition validator names the problems inside a DefinitionInvalid answer, not the answer's code.
                             && !path.EndsWith("WorkflowDefinitionValidator.cs", StringComparison.Ordinal)
                       from line in File.ReadLines(path).Select((text, index) => (text, number: index + 1))
                       where SpelledCode().IsMatch(line.text)
                       select $"{Path.GetRelativePath(RepositoryRoot.Path, path)}:{line.number}: {line.text.Trim()}").ToList();

        Assert.That(spelled, Is.Empty);
    }

    [Test]
    public void Every_catalogued_code_is_its_own_name_so_that_a_client_reads_the_same_word_in_both()
    {
        var misnamed = Catalogue().Where(c => c.Name != c.Value).Select(c => $"{c.Name} = {c.Value}").ToList();

        Assert.That(misnamed, Is.Empty);
    }

    [Test]
    public void The_codes_of_the_edge_and_of_the_validators_are_catalogued()
    {
        var codes = Catalogue().Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

        Assert.That(new[] { "NotSignedIn", "NotStaff", "Required", "MalformedRequest", "ControlCharacter", "Duplicate", "ServerError", "Invalid", "InFuture", "DatabaseUnavailable" },
            Is.SubsetOf(codes));
    }

    private static IEnumerable<(string Name, string Value)> Catalogue() =>
        from type in new[] { typeof(ErrorCodes), typeof(ArchivesCodes) }
        from field in type.GetFields(BindingFlags.Public | BindingFlags.Static)
        where field.IsLiteral && field.FieldType == typeof(string)
        select (field.Name, (string)field.GetRawConstantValue()!);

    /// <summary>A code written as a string where a refusal, a validator rule or a problem answer is made.</summary>
    [GeneratedRegex(@"WithErrorCode\(""|ArchivesException\.(?:Invalid|Forbidden|Conflict)\(""|new ArchivesException\(RefusalKind\.\w+, ""|RefusalException\(RefusalKind\.\w+, ""|(?<![A-Za-z.])Problem\([^;]*?, ""[A-Z]\w*"", |\[CodeItem\] = ""|\[""code""\] = """)]
    private static partial Regex SpelledCode();
}
