using CityDx.Application.Common;
using CityDx.Infrastructure.Configuration;
using CityDx.Infrastructure.Identity;
using CityDx.Infrastructure.Persistence;
using CityDx.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace CityDx.Web.Startup;

public static class IdentitySetup
{
    /// <summary>
    /// Accounts on the same store as the cases. Lockout after repeated failures; cookies HttpOnly,
    /// SameSite=Lax and Secure over HTTPS; API calls get 401/403 instead of a redirect. Data
    /// Protection keys live in the database so several web nodes accept each other's cookies.
    /// </summary>
    public static IServiceCollection AddCityDxIdentity(this IServiceCollection services)
    {
        services
            .AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                // New accounts confirm their address from a mail first (the demo accounts are seeded confirmed).
                options.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<CityDxDbContext>()
            .AddDefaultTokenProviders();

        services.AddSettings<SessionOptions>(SessionOptions.Section,
            o => o.WarningSeconds < o.IdleMinutes * 60, "Session:WarningSeconds must be shorter than the session (Session:IdleMinutes).");
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<SessionOptions>>((options, session) => options.ExpireTimeSpan = TimeSpan.FromMinutes(session.Value.IdleMinutes));
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "CityDx.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
        });

        services.AddDataProtection()
            .SetApplicationName("CityDx")
            .PersistKeysToDbContext<CityDxDbContext>();

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddAuthorization(Policies.Register);
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, CityAdminHandler>();
        return services;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
