using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using CityDx.Web.Startup;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CityDx.Web.Security;

/// <summary>
/// Keys of the account pages' rate limit (sign-in, registration, password reset, confirmation mails,
/// 2FA codes, settings): what the requester controls — the signed-in account, the account the form
/// names (its email or user id), the half-finished two-factor sign-in — not the client address alone,
/// which a ward office's staff or a mobile carrier's subscribers share. Reading a page is not limited.
/// Only a request that names nothing falls back to the address, with a generous ceiling.
/// </summary>
public static class AccountRateLimits
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>The cookie Identity keeps between the password and the two-factor code.</summary>
    private const string TwoFactorCookie = "Identity.TwoFactorUserId";

    public static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions limits) => Key(http) switch
    {
        null => RateLimitPartition.GetNoLimiter("read"),
        var key when key.StartsWith("address:", StringComparison.Ordinal) => Fixed(key, limits.AccountPostsPerAddress),
        var key => Fixed(key, limits.SignInPerMinute),
    };

    /// <summary>
    /// A generous ceiling of anonymous account POSTs that send mail or make accounts (registration,
    /// password reset, resend confirmation …) per address: one place cannot mail thousands of
    /// different people a minute. Sign-in is not here: its failures are counted by <see cref="SignInThrottle"/>.
    /// </summary>
    public static RateLimitPartition<string> AddressCeiling(HttpContext http, RateLimitOptions limits) =>
        IsAnonymousAccountPost(http) && !IsSignInPage(http)
            ? Fixed("address:" + Address(http), limits.AccountPostsPerAddress)
            : RateLimitPartition.GetNoLimiter("none");

    /// <summary>
    /// Reads the (small) form of an anonymous account POST before the rate limiter, asynchronously,
    /// so the limiter can key it by the email it names.
    /// </summary>
    public static IApplicationBuilder UseAccountFormForRateLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (IsAnonymousAccountPost(http) && http.Request.HasFormContentType)
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }

        await next(http);
    });

    private static string? Key(HttpContext http)
    {
        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } user)
        {
            return "user:" + user;
        }

        var request = http.Request;
        var form = request.HasFormContentType ? http.Features.Get<IFormFeature>()?.Form : null;
        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        string? named = isRead
            ? request.Query["userId"].ToString()
            : FirstOf(form?["Email"].ToString(), form?["UserId"].ToString(), request.Query["userId"].ToString());
        if (!string.IsNullOrWhiteSpace(named))
        {
            return "account:" + named.Trim().ToUpperInvariant();
        }

        if (isRead)
        {
            return null;
        }

        if (request.Cookies[TwoFactorCookie] is { Length: > 0 } twoFactor)
        {
            return "session:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(twoFactor)))[..32];
        }

        return "address:" + Address(http);
    }

    private static bool IsAnonymousAccountPost(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
        && http.User.Identity?.IsAuthenticated != true
        && http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RateLimitOptions.SignInPolicy;

    private static bool IsSignInPage(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<CompiledPageActionDescriptor>()?.ViewEnginePath == "/Account/SignIn";

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static RateLimitPartition<string> Fixed(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window });
}
