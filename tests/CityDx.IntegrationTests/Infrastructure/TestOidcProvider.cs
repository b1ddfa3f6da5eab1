using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CityDx.IntegrationTests.Infrastructure;

/// <summary>
/// A minimal OpenID Connect provider for the tests, in this process on Kestrel (127.0.0.1, a free
/// port): OpenIddict's server in degraded mode (no stores: the one client is checked by the inline
/// handlers below), ephemeral keys, authorization code flow with PKCE required. Whoever asks is
/// signed in at once as <see cref="User"/>: no login screen, no consent.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "citydx-portal";
    public const string ClientSecret = "test-client-secret";

    private readonly WebApplication app;

    private TestOidcProvider(WebApplication app, string authority)
    {
        this.app = app;
        Authority = authority;
    }

    /// <summary>"http://127.0.0.1:PORT/": the issuer, also the address of the discovery document.</summary>
    public string Authority { get; }

    /// <summary>Who the next authorization request signs in as.</summary>
    public TestUser User { get; set; } = new("subject-1", "someone@example.jp", true, "試験 太郎");

    /// <summary>Every authorization request received, for assertions on what the portal asked for.</summary>
    public List<OpenIddictRequest> AuthorizationRequests { get; } = [];

    /// <summary>Starts the provider; it accepts only <paramref name="redirectUri"/> as the client's redirect address.</summary>
    public static async Task<TestOidcProvider> StartAsync(string redirectUri)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ApplicationName = "TestOidcProvider" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.UseAspNetCore()
                .DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough();

            // Degraded mode has no application store: the one client and its redirect address are checked here.
            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (context.RedirectUri != redirectUri)
                {
                    context.Reject(Errors.InvalidRequest, "Unregistered redirect_uri.");
                }

                return default;
            }));
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }

                return default;
            }));
        });

        var app = builder.Build();
        TestOidcProvider? self = null;
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            self!.AuthorizationRequests.Add(request);
            var user = self.User;
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, user.Subject));
            if (user.Email is not null)
            {
                identity.AddClaim(new Claim(Claims.Email, user.Email));
                identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
            }

            if (user.Name is not null)
            {
                identity.AddClaim(new Claim(Claims.Name, user.Name));
            }

            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(Destinations);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            // The code's principal (validated by OpenIddict, PKCE included) becomes the tokens' principal.
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var identity = new ClaimsIdentity(result.Principal!.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetDestinations(Destinations);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await app.StartAsync();
        var address = app.Urls.Single();
        self = new TestOidcProvider(app, address.TrimEnd('/') + "/");
        return self;
    }

    /// <summary>Everything about the person goes into the identity token, which is what the portal reads.</summary>
    private static IEnumerable<string> Destinations(Claim claim) =>
        claim.Type == Claims.Subject ? [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken] : [OpenIddictConstants.Destinations.IdentityToken];

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record TestUser(string Subject, string? Email, bool EmailVerified, string? Name);
