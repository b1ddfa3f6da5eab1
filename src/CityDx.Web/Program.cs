using CityDx.Infrastructure.Configuration;
using CityDx.Infrastructure.Persistence;
using CityDx.Web.Startup;

// CityDx: online municipal procedures portal. This file is the table of contents;
// each line points at one concern in Startup/.
var verifyAudit = args.Contains(AuditVerification.Switch); // check the audit hash chains and exit (docs/operations.md)
var builder = WebApplication.CreateBuilder([.. args.Where(a => a != AuditVerification.Switch)]);

builder.AddCityDxLogging();                 // Serilog, request logging, correlation id
builder.Services.AddCityDxDatabase(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddCityDxIdentity();       // ASP.NET Core Identity on the case store, roles, cookies
builder.Services.AddCityDxExternalSignIn(builder.Configuration); // optional OpenID Connect provider (Authentication:Oidc)
builder.Services.AddCityDxApplication(); // Mediator, behaviours, validators, calendar
builder.Services.AddCityDxWeb(builder.Configuration); // Razor Pages, localisation, policies, rate limits, headers
builder.Services.AddCityDxApi();            // OpenAPI (Swagger), ProblemDetails
builder.Services.AddCityDxHealthChecks();   // /health/live, /health/ready
builder.Services.AddCityDxOutputCache();    // anonymous catalogue pages, per node, 60 s
builder.Services.AddCityDxBackgroundWork(builder.Configuration, builder.Environment.ContentRootPath); // mail outbox, Quartz jobs
builder.Services.AddCityDxStatistics(); // open statistics options (the roll-up job is in BackgroundSetup)

var app = builder.Build();

app.Services.ValidateSettings();            // every configuration section checked: a bad value stops here, named

if (verifyAudit)
{
    Environment.ExitCode = await app.Services.VerifyAuditAsync(Console.Out);
    return;
}

await app.PrepareDatabaseAsync();           // migrations (if enabled) and demo data (Development)

app.UseCityDxPipeline();                    // middleware in order
app.MapCityDxEndpoints();                   // pages, API, health, Swagger

await app.RunAsync();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
