using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Shared;

/// <summary>
/// The site navigation shows a link only to whoever may open its page: each link's page is found in
/// the app's endpoints and the authorization service is asked with the very policy that guards it
/// (folder conventions, page policies, anonymous pages), so the menu cannot drift from the rules.
/// </summary>
public sealed class Navigation(EndpointDataSource endpoints, IAuthorizationPolicyProvider policies, IAuthorizationService authorization)
{
    public sealed record Link(string Page, string Href, string LabelKey);

    /// <summary>In menu order.</summary>
    public static readonly IReadOnlyList<Link> Links =
    [
        new("/Procedures/ListProcedures", "/procedures", "Nav.FindProcedure"),
        new("/Statistics/ListOpenDatasets", "/open-data", "OpenData.Title"),
        new("/Applications/ListMyApplications", "/my/applications", "Nav.MyApplications"),
        new("/Cases/ListQueue", "/staff/cases", "Nav.CaseQueue"),
        new("/Counter/FileAtCounter", "/staff/counter", "Nav.Counter"),
        new("/Statistics/GetDashboard", "/dashboard", "Kpi.Title"),
        new("/Administration/ListManagedProcedures", "/admin/procedures", "Nav.Admin"),
        new("/Administration/SearchAuditLog", "/admin/audit", "Audit.Title"),
        new("/Administration/ApiClients/ListApiClients", "/admin/api-clients", "ApiClients.Title"),
    ];

    /// <summary>The combined policy of each page (null: anonymous), worked out once per node.</summary>
    private static readonly ConcurrentDictionary<string, Task<AuthorizationPolicy?>> PagePolicies = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<Link>> VisibleAsync(ClaimsPrincipal user)
    {
        var visible = new List<Link>();
        foreach (var link in Links)
        {
            var policy = await PagePolicies.GetOrAdd(link.Page, PolicyOfAsync);
            if (policy is null || await MayOpenAsync(user, policy))
            {
                visible.Add(link);
            }
        }

        return visible;
    }

    /// <summary>
    /// Whether the person may open a page; a rule that cannot be checked now (the database is away,
    /// and this is the outage page itself) leaves the link out rather than failing the page.
    /// </summary>
    private async Task<bool> MayOpenAsync(ClaimsPrincipal user, AuthorizationPolicy policy)
    {
        try
        {
            return (await authorization.AuthorizeAsync(user, policy)).Succeeded;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException)
        {
            return false;
        }
    }

    private async Task<AuthorizationPolicy?> PolicyOfAsync(string page)
    {
        var endpoint = endpoints.Endpoints.FirstOrDefault(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath == page)
            ?? throw new InvalidOperationException($"The navigation links to {page}, which is not a page.");
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return null;
        }

        return await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
    }
}
