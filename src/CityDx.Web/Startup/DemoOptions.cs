namespace CityDx.Web.Startup;

/// <summary>Configuration section "Demo".</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo city (Osaka's 24 wards), procedures and one account per role.</summary>
    public bool Seed { get; set; }

    /// <summary>Password of every demo account. Printed to the console in Development only.</summary>
    public string Password { get; set; } = "CityDx-demo-2026";
}
