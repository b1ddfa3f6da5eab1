using System.Globalization;
using CityDx.Application.Common;
using CityDx.Infrastructure.Identity;
using CityDx.Infrastructure.Persistence;
using CityDx.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityDx.IntegrationTests.Infrastructure;

/// <summary>
/// The application layer without HTTP, for rules that need no page: the real host (its DI, the
/// pipeline behaviours — logging, validation, transaction, audit — and the real PostgreSQL database
/// with the demo city) with requests sent straight to its mediator, as a given person. Pages keep
/// working on the same factory: a request sent over HTTP still acts as the signed-in person.
/// </summary>
public class SliceFactory : CityDxFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddScoped<ActingPerson>();
            services.AddScoped<HttpCurrentUser>();
            services.Replace(ServiceDescriptor.Scoped<ICurrentUser>(sp =>
                sp.GetRequiredService<ActingPerson>().Person ?? (ICurrentUser)sp.GetRequiredService<HttpCurrentUser>()));
        });
    }

    /// <summary>A scope of the host acting as the account with this email (its id and roles from Identity), in Japanese unless <paramref name="culture"/> says otherwise.</summary>
    public async Task<Slice> AsAsync(string email, string culture = "ja")
    {
        var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}");
        var roles = await users.GetRolesAsync(user);
        var person = new Person(user.Id, roles.ToHashSet(StringComparer.Ordinal), culture == "en");
        scope.ServiceProvider.GetRequiredService<ActingPerson>().Person = person;
        return new Slice(scope, new CultureInfo(culture));
    }

    /// <summary>A scope of the host with nobody signed in: what a scheduled job sends.</summary>
    public Slice Anonymous(string culture = "ja") => new(Services.CreateAsyncScope(), new CultureInfo(culture));

    /// <summary>The person requests in this scope act as (null: the HTTP request's, if any).</summary>
    public sealed class ActingPerson
    {
        public ICurrentUser? Person { get; set; }
    }

    private sealed record Person(string? UserId, IReadOnlySet<string> Roles, bool PrefersEnglish) : ICurrentUser
    {
        public bool IsInRole(string role) => Roles.Contains(role);
    }
}

/// <summary>One scope (one DbContext, one person) of a <see cref="SliceFactory"/>; each send runs the full pipeline.</summary>
public sealed class Slice(AsyncServiceScope scope, CultureInfo culture) : IAsyncDisposable
{
    public IServiceProvider Services => scope.ServiceProvider;

    /// <summary>The scope's DbContext, to arrange or to check what a request left behind.</summary>
    public CityDxDbContext Db => Services.GetRequiredService<CityDxDbContext>();

    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        using var _ = InCulture();
        return await Services.GetRequiredService<IMediator>().Send(command);
    }

    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query)
    {
        using var _ = InCulture();
        return await Services.GetRequiredService<IMediator>().Send(query);
    }

    public ValueTask DisposeAsync() => scope.DisposeAsync();

    /// <summary>Messages come from the string table in the culture of the thread, as they would in a request.</summary>
    private CultureScope InCulture() => new(culture);

    private readonly struct CultureScope : IDisposable
    {
        private readonly CultureInfo _culture;
        private readonly CultureInfo _uiCulture;

        public CultureScope(CultureInfo culture)
        {
            _culture = CultureInfo.CurrentCulture;
            _uiCulture = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
