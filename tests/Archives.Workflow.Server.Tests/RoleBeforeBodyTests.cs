using System.Net;
using System.Text;
using Archives.Workflow.Cases.Data;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// A staff member without the role an endpoint needs is refused for the role, whatever the body: a
/// malformed body from an auditor is a 403 <c>Role</c>, not a 400 that reads as if they could have sent
/// a good one. The same malformed body from someone with the role is still a 400 naming the problem.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class RoleBeforeBodyTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private static readonly Guid SomeCase = Guid.Parse("0193a5b1-6c7e-7d2f-9a10-1234567890ab");

    // (method, address, who lacks the role, who has it)
    private static readonly object[] Writes =
    [
        new object[] { "POST", "/api/incidents/retry", "bj.auditor", "bj.admin" },
        new object[] { "POST", "/api/definitions/validate", "bj.auditor", "bj.admin" },
        new object[] { "POST", "/api/definitions", "bj.supervisor", "bj.admin" },
        new object[] { "POST", "/api/definitions/import", "bj.auditor", "bj.admin" },
        new object[] { "PUT", "/api/definitions/unemployed-file-receipt/versions/1", "bj.auditor", "bj.admin" },
        new object[] { "POST", "/api/definitions/unemployed-file-receipt/migrations/preview", "bj.auditor", "bj.admin" },
        new object[] { "POST", "/api/definitions/unemployed-file-receipt/migrations", "bj.auditor", "bj.admin" },
        new object[] { "POST", "/api/definitions/unemployed-file-receipt/versions/1/simulate", "jw.caseworker", "bj.auditor" },
        new object[] { "POST", "/api/calendars/2027/preview", "bj.auditor", "bj.admin" },
        new object[] { "PUT", "/api/calendars/2027", "bj.auditor", "bj.admin" },
        new object[] { "POST", $"/api/cases/{SomeCase}/cancel", "bj.auditor", "jw.supervisor" },
        new object[] { "POST", "/api/instances/some-instance/migrate", "bj.auditor", "bj.admin" },
        new object[] { "POST", "/api/verification-runs", "jw.caseworker", "bj.auditor" },
    ];

    private static HttpRequestMessage Malformed(string method, string address) =>
        new(new HttpMethod(method), address) { Content = new StringContent("{\"ids\": [\u0000", Encoding.UTF8, "application/json") };

    [TestCaseSource(nameof(Writes))]
    public async Task A_malformed_body_from_someone_without_the_role_is_refused_for_the_role(string method, string address, string without, string with)
    {
        var outsider = await As(without);
        var refused = await outsider.SendAsync(Malformed(method, address));
        var problem = await ReadAsync(refused);
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("Role"));
        });

        var insider = await As(with);
        var malformed = await insider.SendAsync(Malformed(method, address));
        Assert.Multiple(async () =>
        {
            Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await ReadAsync(malformed)).GetProperty("code").GetString(), Is.EqualTo("MalformedRequest"));
        });
    }
}
