namespace CityDx.Web.Security;

/// <summary>Security headers: a strict CSP (no inline script or style) everywhere but the Swagger UI.</summary>
public static class SecurityHeaders
{
    /// <param name="formTargets">Other origins a form may lead to: the external sign-in provider,
    /// which the sign-in form's POST redirects to (browsers check form-action on that redirect).</param>
    public static HeaderPolicyCollection Pages(params string[] formTargets) => Common()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self();
            csp.AddStyleSrc().Self();
            csp.AddImgSrc().Self().Data();
            csp.AddFontSrc().Self();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            var formAction = csp.AddFormAction().Self();
            foreach (var target in formTargets)
            {
                formAction.From(target);
            }

            csp.AddBaseUri().Self();
            csp.AddFrameAncestors().None();
        });

    /// <summary>Swashbuckle's UI needs inline script and style; it shows no personal data.</summary>
    public static HeaderPolicyCollection Swagger() => Common()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self().UnsafeInline();
            csp.AddStyleSrc().Self().UnsafeInline();
            csp.AddImgSrc().Self().Data();
            csp.AddFrameAncestors().None();
        });

    private static HeaderPolicyCollection Common() => new HeaderPolicyCollection()
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
        .AddStrictTransportSecurityMaxAgeIncludeSubDomains(maxAgeInSeconds: 60 * 60 * 24 * 365)
        .RemoveServerHeader()
        .AddPermissionsPolicyWithDefaultSecureDirectives();
}
