namespace CityDx.Application.Common;

/// <summary>
/// Who is sending the request. The web app reads it from the signed-in principal; background jobs
/// and tests supply their own, which is why this is an interface.
/// </summary>
public interface ICurrentUser
{
    /// <summary>The account id, or null when anonymous.</summary>
    string? UserId { get; }

    bool IsInRole(string role);

    /// <summary>True for English, false for Japanese (the default).</summary>
    bool PrefersEnglish { get; }

    string RequireUserId() => UserId ?? throw new UnauthorizedAccessException("Sign-in required.");
}
