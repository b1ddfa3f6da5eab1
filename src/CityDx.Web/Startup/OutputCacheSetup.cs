using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace CityDx.Web.Startup;

/// <summary>
/// Output caching of the anonymous catalogue pages (手続きをさがす, a procedure's page): the same for
/// every visitor in a language, read far more often than an admin edits them. ASP.NET Core's default
/// policy already refuses to cache for signed-in users, for responses that set a cookie and for
/// anything but a 200 to GET/HEAD; this policy adds the language and the search facets to the key,
/// and a short lifetime. The cache is per node: an edited procedure shows everywhere within
/// <see cref="CatalogueSeconds"/> (docs/operations.md).
/// </summary>
public static class OutputCacheSetup
{
    public const string CataloguePolicy = "Catalogue";

    public const int CatalogueSeconds = 60;

    public static IServiceCollection AddCityDxOutputCache(this IServiceCollection services) =>
        services.AddOutputCache(options => options.AddPolicy(CataloguePolicy, policy => policy
            .Expire(TimeSpan.FromSeconds(CatalogueSeconds))
            .SetVaryByQuery("q", "category", "event")
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))));
}
