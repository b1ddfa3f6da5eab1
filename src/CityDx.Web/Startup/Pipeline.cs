using CityDx.Web.Security;

namespace CityDx.Web.Startup;

public static class Pipeline
{
    /// <summary>The middleware, in the order a request meets it.</summary>
    public static WebApplication UseCityDxPipeline(this WebApplication app)
    {
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        };
        // Behind a load balancer that is not on loopback (docker-compose's proxy, a cloud LB), its
        // network must be trusted, or every client looks like the proxy (and shares one rate limit).
        foreach (var network in app.Services.GetRequiredService<ProxyOptions>().KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        app.UseForwardedHeaders(forwarded);
        app.UseCorrelationId();
        app.UseCityDxRequestLogging();
        app.UseExceptionHandler("/error");
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error", "?status={0}"));
        app.UseSecurityHeaders();
        app.UseNulCharacterGuard();
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
        }

        app.UseStaticFiles();
        app.UseSwagger();                // public API description; the API itself is authorised per endpoint
        app.UseSwaggerUI(o => o.SwaggerEndpoint("/swagger/v1/swagger.json", "CityDx API v1"));
        app.UseRequestLocalization();
        app.UseDateDisplay();            // 和暦/西暦 as the city chose, like the culture above
        app.UseRouting();
        app.UseAuthentication();
        app.UseOutputCache();            // after authentication: never for signed-in users
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapCityDxEndpoints(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapCityDxApi();
        app.MapCityDxSession();
        app.MapCityDxHealthChecks();
        return app;
    }
}
