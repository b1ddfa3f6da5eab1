using CityDx.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CityDx.Web.Startup;

public static class HealthSetup
{
    private const string Ready = "ready";

    /// <summary>/health/live: the process answers. /health/ready: and the case store answers too.</summary>
    public static IServiceCollection AddCityDxHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<CityDxDbContext>("case-store", tags: [Ready]);
        return services;
    }

    public static void MapCityDxHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous().DisableRateLimiting();
    }
}
