using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using CityDx.Application.Resources;
using CityDx.Infrastructure.Configuration;
using CityDx.Web.Security;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace CityDx.Web.Startup;

/// <summary>Configuration section "RateLimits": requests per minute per client.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";
    public const string SignInPolicy = "sign-in";
    public const string FilingPolicy = "filing";
    public const string ApiClientPolicy = "api-client";

    /// <summary>Sign-in, registration and account-mail (confirm, resend, password reset) requests per IP address per minute.</summary>
    [Range(1, 100_000, ErrorMessage = "RateLimits:SignInPerMinute must be between {1} and {2}.")]
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Filing posts (start, each page saved, submit) per user (or IP) per minute; reading the pages is not limited.</summary>
    [Range(1, 100_000, ErrorMessage = "RateLimits:FilingPerMinute must be between {1} and {2}.")]
    public int FilingPerMinute { get; set; } = 60;

    /// <summary>Requests to /api/v1/cases per integration client (or, unauthenticated, per IP address) per minute.</summary>
    [Range(1, 100_000, ErrorMessage = "RateLimits:ApiClientPerMinute must be between {1} and {2}.")]
    public int ApiClientPerMinute { get; set; } = 120;
}

/// <summary>Configuration section "ForwardedHeaders": the proxies whose X-Forwarded-* headers are believed.</summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>
    /// Networks (CIDR, e.g. 172.16.0.0/12) of a load balancer that is not on loopback (docker-compose's
    /// proxy, a cloud LB): without it every client looks like the proxy and shares one rate limit.
    /// </summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool NetworksAreValid() => KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _));
}

public static class WebSetup
{
    public static readonly CultureInfo[] Cultures = [new("ja"), new("en")];

    public static IServiceCollection AddCityDxWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("ja");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
            ];
        });

        services.AddRazorPages(options =>
            {
                // Who may open what, by folder. Every page needs a signed-in user unless listed as anonymous.
                options.Conventions.AuthorizeFolder("/");
                options.Conventions.AllowAnonymousToPage("/Index");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToPage("/Language");
                options.Conventions.AllowAnonymousToFolder("/Procedures");
                options.Conventions.AllowAnonymousToPage("/Account/SignIn");
                options.Conventions.AllowAnonymousToPage("/Account/Register");
                options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                options.Conventions.AllowAnonymousToPage("/Account/ConfirmEmailChange");
                options.Conventions.AllowAnonymousToPage("/Account/CheckEmail");
                options.Conventions.AllowAnonymousToPage("/Account/ConfirmEmail");
                options.Conventions.AllowAnonymousToPage("/Account/ResendConfirmation");
                options.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
                options.Conventions.AllowAnonymousToPage("/Account/ResetPassword");
                options.Conventions.AllowAnonymousToPage("/Account/ResetPasswordDone");
                options.Conventions.AllowAnonymousToPage("/Account/SignInWithCode");
                options.Conventions.AllowAnonymousToPage("/Account/ExternalSignIn");
                options.Conventions.AuthorizeFolder("/Applications", Policies.Citizen);
                options.Conventions.AuthorizeFolder("/Cases", Policies.Staff);
                options.Conventions.AuthorizeFolder("/Payments", Policies.Staff);
                options.Conventions.AuthorizeFolder("/Counter", Policies.Counter);
                options.Conventions.AuthorizeFolder("/Administration", Policies.Admin);
                options.Conventions.AuthorizeFolder("/Statistics", Policies.Dashboard);
                options.Conventions.AllowAnonymousToPage("/Statistics/ListOpenDatasets");
                options.Conventions.AddPageRoute("/Administration/SaveProcedure", "/admin/procedures/new");
            })
            // A refused request (validation, conflict) reaches every page the same way.
            .AddMvcOptions(o => o.Filters.Add<CityDx.Web.Pages.RefusedRequestFilter>())
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        services.AddRouting(o => o.LowercaseUrls = true);

        // Japanese text goes out as text, not as numeric character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "CityDx.Antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddSettings<DemoOptions>(DemoOptions.Section, o => !o.Seed || !string.IsNullOrWhiteSpace(o.Password),
            "Demo:Password must be set when Demo:Seed is on.");
        services.AddSettings<ProxyOptions>(ProxyOptions.Section, o => o.NetworksAreValid(),
            "ForwardedHeaders:KnownNetworks must each be a network in CIDR notation, e.g. 172.16.0.0/12.");
        var limits = services.AddSettings<RateLimitOptions>(configuration, RateLimitOptions.Section);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitOptions.SignInPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInPerMinute, Window = TimeSpan.FromMinutes(1) }));
            options.AddPolicy(RateLimitOptions.FilingPolicy, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(
                    http.User.Identity?.Name ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.FilingPerMinute, Window = TimeSpan.FromMinutes(1) }));
            // The client is known here: the cookie scheme forwards bearer requests to the client scheme (ApiSetup).
            options.AddPolicy(RateLimitOptions.ApiClientPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.ApiClientPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });

        var oidc = configuration.ReadSettings<OidcOptions>(OidcOptions.Section); // registered and checked by ExternalSignInSetup
        var formTargets = oidc is { Enabled: true } && Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority)
            ? new[] { authority.GetLeftPart(UriPartial.Authority) }
            : [];
        services.AddSecurityHeaderPolicies()
            .SetDefaultPolicy(SecurityHeaders.Pages(formTargets))
            .SetPolicySelector(ctx => ctx.HttpContext.Request.Path.StartsWithSegments("/swagger") ? SecurityHeaders.Swagger() : ctx.DefaultPolicy);
        return services;
    }
}
