using Microsoft.OpenApi;

namespace CityDx.Web.Startup;

public static class ApiSetup
{
    public static IServiceCollection AddCityDxApi(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["correlationId"] = ctx.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "CityDx API",
                Version = "v1",
                Description = "Online municipal procedures portal: catalogue, applications and cases.",
            });
        });
        return services;
    }
}
