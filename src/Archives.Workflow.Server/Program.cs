var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddArchivesServer();
var app = builder.Build();
app.UseArchivesServer();
app.MapArchivesApi();
app.MapArchivesUi();
await app.RunArchivesAsync();

/// <summary>The server's entry point (public for the API tests' WebApplicationFactory).</summary>
public partial class Program;
