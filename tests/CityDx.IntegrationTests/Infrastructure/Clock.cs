using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Infrastructure;

/// <summary>A clock the test moves by hand (no sleeping).</summary>
public sealed class AdjustableClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}

/// <summary>
/// The app on its own database with <see cref="Clock"/> as its <see cref="TimeProvider"/>, so a test
/// moves time (expiry, due dates, caches) instead of waiting. Derive from it for extra settings.
/// </summary>
public class ClockFactory : CityDxFactory
{
    public AdjustableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
