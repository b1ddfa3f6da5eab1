using System.ComponentModel.DataAnnotations;

namespace CityDx.Web.Startup;

/// <summary>
/// The sign-in session (configuration "Session"): how long it lasts without activity, and how
/// long before its end a filing page warns and offers to extend it (WCAG 2.2.1 Timing Adjustable).
/// </summary>
public sealed class SessionOptions
{
    public const string Section = "Session";

    [Range(5, 1440, ErrorMessage = "Session:IdleMinutes must be between {1} and {2}.")]
    public int IdleMinutes { get; set; } = 120;

    /// <summary>Seconds before the end of the session that the warning appears.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Session:WarningSeconds must be at least {1}.")]
    public int WarningSeconds { get; set; } = 300;

    public int IdleSeconds => IdleMinutes * 60;
}

public static class SessionEndpoints
{
    /// <summary>
    /// セッションを延長する: the warning's button calls this; an authenticated request renews the
    /// sliding sign-in cookie. Nothing else happens and nothing is returned.
    /// </summary>
    public static void MapCityDxSession(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/session/extend", () => TypedResults.NoContent())
            .RequireAuthorization()
            .ExcludeFromDescription();
}
