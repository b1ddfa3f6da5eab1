using System.Security.Claims;
using CityDx.Domain.Auditing;
using CityDx.Domain.Integration;
using CityDx.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Web.Security;

/// <summary>
/// An integration client refused for want of a scope (403) never reaches a use case, so the audit
/// behaviour cannot see it: this records it ("api.denied", outcome denied, with the case if the
/// route names one), then answers as usual.
/// </summary>
public sealed class AuditedApiRefusals(TimeProvider clock) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler answer = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } actor && ApiClient.IsPrincipalId(actor))
        {
            var db = context.RequestServices.GetRequiredService<CityDxDbContext>();
            Guid? caseId = context.Request.RouteValues["id"] is string id && Guid.TryParse(id, out var parsed) ? parsed : null;
            var receiptNumber = caseId is null ? null
                : await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.ReceiptNumber).FirstOrDefaultAsync(context.RequestAborted);
            var endpoint = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            db.AuditLog.Add(new AuditEntry(clock.GetUtcNow(), actor, AuditActions.ApiDenied, AuditOutcome.Denied, caseId, receiptNumber, endpoint));
            await db.SaveChangesAsync(context.RequestAborted);
        }

        await answer.HandleAsync(next, context, policy, authorizeResult);
    }
}
