using CityDx.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CityDx.Web.Startup;

public static class ApiSetup
{
    public static IServiceCollection AddCityDxApi(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["correlationId"] = ctx.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Enums as their names ("Approve", "UnderReview"): what a core system's developer can read.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        // Integration clients: a bearer credential, checked against the hashed secret (ADR 0011). The
        // cookie scheme forwards bearer requests to /api to it, so the client is known to the rate
        // limiter (which runs before authorization) as well as to the policies.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiClientAuthenticationHandler>(ApiClientAuthenticationHandler.SchemeName, null);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.ForwardDefaultSelector = http =>
            http.Request.Path.StartsWithSegments("/api") && ApiClientAuthenticationHandler.OffersBearer(http.Request) ? ApiClientAuthenticationHandler.SchemeName : null);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditedApiRefusals>();

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "CityDx API",
                Version = "v1",
                Description = "Online municipal procedures portal: catalogue, applications and cases.",
            });
            // Use cases nest their records (ListQueue.Item, ListHolidays.Item): name schemas after both.
            o.CustomSchemaIds(t => t.IsNested && t.DeclaringType is { } use ? use.Name + t.Name : t.Name);
            o.AddSecurityDefinition(ApiClientAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An integration client registered by an administrator: `Authorization: Bearer <clientId>.<secret>`. "
                    + "Scopes: cases:read (list and read the cases of the client's units), cases:transition (take actions).",
            });
            o.OperationFilter<ApiClientSecurityFilter>();
        });
        return services;
    }

    /// <summary>Marks the operations that need an integration client's credential (the /api/v1/cases routes).</summary>
    private sealed class ApiClientSecurityFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (context.ApiDescription.RelativePath?.StartsWith("api/v1/cases", StringComparison.OrdinalIgnoreCase) == true)
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiClientAuthenticationHandler.SchemeName, context.Document)] = [] }];
            }
        }
    }
}
