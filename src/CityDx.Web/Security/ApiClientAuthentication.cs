using System.Security.Claims;
using System.Text.Encodings.Web;
using CityDx.Domain.Integration;
using CityDx.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityDx.Web.Security;

/// <summary>
/// Integration clients authenticate to /api/v1/cases with <c>Authorization: Bearer clientId.secret</c>.
/// The principal's user id is the client's <see cref="ApiClient.PrincipalId"/>, so the use cases,
/// the case filter and the audit log treat it like a staff member of the client's units; it
/// carries a "scope" claim per scope and a "unit" claim per unit. A revoked client or a wrong
/// secret is refused (401) with the same answer as an unknown client.
/// </summary>
public sealed class ApiClientAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CityDxDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiClient";
    public const string ScopeClaim = "scope";
    public const string UnitClaim = "unit";
    public const string CasesRead = "cases:read";
    public const string CasesTransition = "cases:transition";

    /// <summary>True for a request that offers a bearer credential: only those are the client scheme's.</summary>
    public static bool OffersBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!OffersBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiClient.TryParseCredential(Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim(), out var clientId, out var secret))
        {
            return AuthenticateResult.Fail("Malformed credential.");
        }

        var client = await db.ApiClients.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == clientId, Context.RequestAborted);
        if (client is null || !client.Accepts(secret))
        {
            return AuthenticateResult.Fail("Unknown client, wrong secret or revoked.");
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, client.PrincipalId), new(ClaimTypes.Name, client.Name) };
        if (client.Scopes.HasFlag(ApiScopes.CasesRead))
        {
            claims.Add(new Claim(ScopeClaim, CasesRead));
        }

        if (client.Scopes.HasFlag(ApiScopes.CasesTransition))
        {
            claims.Add(new Claim(ScopeClaim, CasesTransition));

            // In the workflow a client acts as staff of its units: never as an approver (決裁 stays with a person).
            claims.Add(new Claim(ClaimTypes.Role, CityDx.Domain.Roles.Staff));
        }

        claims.AddRange(client.Units.Select(u => new Claim(UnitClaim, u.OrganisationUnitId.ToString())));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
