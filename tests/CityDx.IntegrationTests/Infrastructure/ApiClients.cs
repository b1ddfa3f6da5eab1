using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Infrastructure;

/// <summary>Registers integration clients through the admin pages, as an administrator would, and calls the API with their credential.</summary>
public static class ApiClients
{
    /// <summary>Registers a client for one unit; returns its id and the credential the page showed once.</summary>
    public static async Task<(Guid Id, string Credential)> RegisterAsync<T>(WebApplicationFactory<T> factory, PortalClient admin, string name, string unitCode, bool read = true, bool transition = false)
        where T : class
    {
        var unitId = await UnitIdAsync(factory, unitCode);
        var fields = new List<(string, string)> { ("Name", name), ("UnitIds", unitId.ToString()) };
        if (read)
        {
            fields.Add(("CasesRead", "true"));
        }

        if (transition)
        {
            fields.Add(("CasesTransition", "true"));
        }

        var response = await CaseForms.PostAsync(admin, "/admin/api-clients/new", "main form[method=post]", fields, "/admin/api-clients/new");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ReadAsync(response);
        var credential = page.QuerySelector<IHtmlInputElement>("#credential")?.Value ?? throw new InvalidOperationException("No credential shown: " + string.Join(" | ", page.ErrorSummary()));
        return (Guid.ParseExact(credential[..credential.IndexOf('.', StringComparison.Ordinal)], "N"), credential);
    }

    public static HttpClient Bearer<T>(WebApplicationFactory<T> factory, string credential) where T : class
    {
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return http;
    }

    public static async Task<Guid> UnitIdAsync<T>(WebApplicationFactory<T> factory, string unitCode) where T : class
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().OrganisationUnits.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
    }

    /// <summary>Runs <paramref name="read"/> on a fresh DbContext of the app under test.</summary>
    public static async Task<TResult> QueryAsync<T, TResult>(WebApplicationFactory<T> factory, Func<CityDxDbContext, Task<TResult>> read) where T : class
    {
        using var scope = factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<CityDxDbContext>());
    }
}
