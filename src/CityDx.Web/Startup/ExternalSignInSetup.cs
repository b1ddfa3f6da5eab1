using System.Globalization;
using CityDx.Infrastructure.Configuration;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CityDx.Web.Startup;

/// <summary>
/// Configuration section "Authentication:Oidc": one external OpenID Connect provider (for example
/// the Digital Agency's マイナンバーカード authentication app). Off unless <see cref="Enabled"/>;
/// turning it on needs no code, only these settings (the secret from user secrets or the environment,
/// <c>Authentication__Oidc__ClientSecret</c>, never from a committed file). See docs/operations.md.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:Oidc";

    public bool Enabled { get; set; }

    /// <summary>Authentication scheme, and the provider name stored with each linked account: keep it once accounts are linked.</summary>
    public string Scheme { get; set; } = "oidc";

    /// <summary>"マイナンバーカード" in "マイナンバーカードでログイン".</summary>
    public string DisplayNameJa { get; set; } = "";

    /// <summary>"My Number Card" in "Sign in with My Number Card".</summary>
    public string DisplayNameEn { get; set; } = "";

    /// <summary>The issuer; its /.well-known/openid-configuration is read at the first sign-in.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Asked for besides "openid" (which is always asked for).</summary>
    public List<string> Scopes { get; set; } = ["profile", "email"];

    /// <summary>Only a test provider on the same machine may be plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Where the provider sends the person back; register this address with the provider.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    public bool IsComplete() => Uri.IsWellFormedUriString(Authority, UriKind.Absolute) && !string.IsNullOrWhiteSpace(ClientId);

    public string DisplayName(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && DisplayNameEn.Length > 0 ? DisplayNameEn : DisplayNameJa.Length > 0 ? DisplayNameJa : Scheme;
}

public static class ExternalSignInSetup
{
    /// <summary>
    /// The external provider, when configured: authorization code flow with PKCE, the answer in the
    /// query string (a top-level GET, so SameSite=Lax cookies suffice), signed in to Identity's
    /// external cookie for <c>/account/external-sign-in</c> to link or create the account.
    /// </summary>
    public static IServiceCollection AddCityDxExternalSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var oidc = services.AddSettings<OidcOptions>(configuration, OidcOptions.Section, o => !o.Enabled || o.IsComplete(),
            $"{OidcOptions.Section}: Enabled needs Authority (an absolute address) and ClientId.");
        if (!oidc.Enabled || !oidc.IsComplete())
        {
            return services; // incomplete: the start stops with the message above
        }

        services.AddAuthentication().AddOpenIdConnect(oidc.Scheme, oidc.DisplayNameJa, options =>
        {
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.Authority = oidc.Authority;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
            options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            options.CallbackPath = oidc.CallbackPath;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.Scope.Clear();
            options.Scope.Add(OpenIdConnectScope.OpenId);
            foreach (var scope in oidc.Scopes.Where(s => s != OpenIdConnectScope.OpenId))
            {
                options.Scope.Add(scope);
            }

            // The provider's answer comes back as a top-level GET: Lax cookies travel with it, and
            // over plain HTTP (a local test provider) they must not be Secure-only.
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

            // A refused or failed answer lands on our own page, not on an exception.
            options.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/account/external-sign-in?failed=1");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
