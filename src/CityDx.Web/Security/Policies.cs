using CityDx.Domain;
using Microsoft.AspNetCore.Authorization;

namespace CityDx.Web.Security;

/// <summary>
/// Authorization policies. Every page and endpoint names one, or is explicitly anonymous: pages
/// require a signed-in user by convention (WebSetup) unless allowed anonymously, and the API
/// groups require authorization unless marked otherwise. (No global fallback policy: it would
/// turn a 404 for an unknown address into a sign-in redirect.)
/// </summary>
public static class Policies
{
    public const string Citizen = nameof(Citizen);
    public const string Staff = nameof(Staff);

    /// <summary>窓口代行申請: filing on a visitor's behalf is counter work, for the Staff role (not approvers alone).</summary>
    public const string Counter = nameof(Counter);
    public const string Admin = nameof(Admin);

    /// <summary>City-wide settings (audit log, integration clients): an admin of the city, who belongs to no unit (not an affiliated body's admin).</summary>
    public const string CityAdmin = nameof(CityAdmin);
    public const string Analyst = nameof(Analyst);

    /// <summary>ダッシュボード: analysts and admins (all, or an affiliated body's own procedures) and staff (their own units).</summary>
    public const string Dashboard = nameof(Dashboard);

    /// <summary>An integration client (bearer credential, not a cookie) with the scope cases:read.</summary>
    public const string ApiCasesRead = nameof(ApiCasesRead);

    /// <summary>An integration client with the scope cases:transition.</summary>
    public const string ApiCasesTransition = nameof(ApiCasesTransition);

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(Citizen, p => p.RequireRole(Roles.Citizen));
        options.AddPolicy(Staff, p => p.RequireRole(Roles.Staff, Roles.Approver));
        options.AddPolicy(Counter, p => p.RequireRole(Roles.Staff));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(CityAdmin, p => p.RequireRole(Roles.Admin).AddRequirements(new CityAdminRequirement()));
        options.AddPolicy(Analyst, p => p.RequireRole(Roles.Analyst, Roles.Admin));
        options.AddPolicy(Dashboard, p => p.RequireRole(Roles.Analyst, Roles.Admin, Roles.Staff, Roles.Approver));
        options.AddPolicy(ApiCasesRead, p => p.AddAuthenticationSchemes(ApiClientAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(ApiClientAuthenticationHandler.ScopeClaim, ApiClientAuthenticationHandler.CasesRead));
        options.AddPolicy(ApiCasesTransition, p => p.AddAuthenticationSchemes(ApiClientAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(ApiClientAuthenticationHandler.ScopeClaim, ApiClientAuthenticationHandler.CasesTransition));
    }
}

/// <summary>The admin belongs to no unit (<see cref="CityDx.Application.Administration.AdminScope.IsCityAdminAsync"/>).</summary>
public sealed class CityAdminRequirement : IAuthorizationRequirement;

/// <remarks>
/// Scoped: asked for every menu link and page of a request, it reads the memberships once, and only
/// for someone who holds the admin role at all (nobody else can be a city admin).
/// </remarks>
public sealed class CityAdminHandler(CityDx.Infrastructure.Persistence.CityDxDbContext db) : AuthorizationHandler<CityAdminRequirement>
{
    private readonly Dictionary<string, bool> answers = new(StringComparer.Ordinal);

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CityAdminRequirement requirement)
    {
        var userId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (userId is null || !context.User.IsInRole(Roles.Admin))
        {
            return;
        }

        if (!answers.TryGetValue(userId, out var cityAdmin))
        {
            answers[userId] = cityAdmin = await CityDx.Application.Administration.AdminScope.IsCityAdminAsync(db, userId, CancellationToken.None);
        }

        if (cityAdmin)
        {
            context.Succeed(requirement);
        }
    }
}
