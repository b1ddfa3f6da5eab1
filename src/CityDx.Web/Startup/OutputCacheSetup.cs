using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OutputCaching;

namespace CityDx.Web.Startup;

/// <summary>
/// Output caching of the anonymous catalogue pages (手続きをさがす, a procedure's page): the same for
/// every visitor in a language, read far more often than an admin edits them. ASP.NET Core's default
/// policy already refuses to cache for signed-in users, for responses that set a cookie and for
/// anything but a 200 to GET/HEAD; this policy adds the language and the search facets to the key,
/// and a short lifetime. Any change an admin posts (procedures, forms, publishing) empties this
/// node's catalogue cache at once; other nodes show it within <see cref="CatalogueSeconds"/>
/// (docs/operations.md).
/// </summary>
public static class OutputCacheSetup
{
    public const string CataloguePolicy = "Catalogue";

    public const int CatalogueSeconds = 60;

    private const string CatalogueTag = "catalogue";

    public static IServiceCollection AddCityDxOutputCache(this IServiceCollection services)
    {
        services.Configure<MvcOptions>(options => options.Filters.Add<ForgetCachesAfterAdminChanges>());
        return services.AddOutputCache(options => options.AddPolicy(CataloguePolicy, policy => policy
            .Expire(TimeSpan.FromSeconds(CatalogueSeconds))
            .SetVaryByQuery("q", "category", "event")
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))
            .Tag(CatalogueTag)));
    }

    /// <summary>After a POST to an admin page, the catalogue and every page's short-lived data (<see cref="CityDx.Application.Common.ViewCache"/>) are read afresh (unpublished procedures leave it at once).</summary>
    private sealed class ForgetCachesAfterAdminChanges(IOutputCacheStore store, CityDx.Application.Common.ViewCache viewCache) : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            await next();
            var request = context.HttpContext.Request;
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && request.Path.StartsWithSegments("/admin"))
            {
                await store.EvictByTagAsync(CatalogueTag, CancellationToken.None);
                viewCache.ForgetAll();
            }
        }
    }
}
