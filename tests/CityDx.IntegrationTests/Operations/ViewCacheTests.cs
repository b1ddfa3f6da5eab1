using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Application.Common;
using CityDx.Application.Statistics;
using CityDx.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Operations;

/// <summary>
/// What pages keep for a few seconds per node (docs/performance.md): the queue's counts per state but
/// never its list of cases, the dashboard's live figures but never past a roll-up refresh, and nothing
/// past an admin's change.
/// </summary>
public sealed class ViewCacheTests(ViewCacheTests.Factory factory) : IClassFixture<ViewCacheTests.Factory>
{
    public sealed class Factory : ClockFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Queue:CountsCacheSeconds", "10");
            builder.UseSetting("Statistics:DashboardCacheSeconds", "30");
        }
    }

    private static int Submitted(IHtmlDocument queue) =>
        int.Parse(queue.QuerySelector("#state-counts [data-state=Submitted]")!.TextContent.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Counts_are_at_most_the_configured_seconds_old_while_the_list_is_always_current()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        await Filing.FileDogRegistrationAsync(citizen, dogName: "コロ");
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var before = Submitted(await kita.GetPageAsync("/staff/cases"));

        var (_, receipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "クロ");
        var soon = await kita.GetPageAsync("/staff/cases");
        Assert.Contains(receipt, soon.Text("table.table--queue"));
        Assert.Equal(before, Submitted(soon));

        factory.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(before + 1, Submitted(await kita.GetPageAsync("/staff/cases")));
    }

    [Fact]
    public async Task A_procedure_renamed_by_an_admin_is_named_anew_in_the_queue_at_once()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (_, receipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "シロ");
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Contains("犬の登録", (await kita.GetPageAsync($"/staff/cases?receipt={receipt}")).Text("table.table--queue"));

        // The admin's edit page posted back as the browser would, with only the Japanese name changed.
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var form = (await admin.GetPageAsync("/admin/procedures/dog-registration/edit")).QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]").Where(i => i.Type is not ("checkbox" or "radio") || i.IsChecked))
        {
            fields.Add(new(input.Name!, input.Name == "Input.NameJa" ? "犬の登録(改)" : input.Value));
        }

        fields.AddRange(form.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name]").Select(t => new KeyValuePair<string, string>(t.Name!, t.Value)));
        fields.AddRange(form.QuerySelectorAll<IHtmlSelectElement>("select[name]").Select(s => new KeyValuePair<string, string>(s.Name!, s.Value ?? "")));
        var saved = await admin.Http.PostAsync("/admin/procedures/dog-registration/edit", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Contains("犬の登録(改)", (await kita.GetPageAsync($"/staff/cases?receipt={receipt}")).Text("table.table--queue"));
    }

    private static string Tile(IHtmlDocument dashboard, string key) => dashboard.QuerySelector($"#kpi-tiles dd[data-kpi={key}]")!.TextContent.Trim();

    [Fact]
    public async Task The_dashboard_keeps_its_live_figures_for_the_configured_seconds_and_shows_a_new_roll_up_at_once()
    {
        var analyst = await PortalClient.SignedInAsync(factory, Demo.Analyst);
        var open = int.Parse(Tile(await analyst.GetPageAsync("/dashboard"), "open"), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        await Filing.FileDogRegistrationAsync(citizen, dogName: "マル");
        var cached = await analyst.GetPageAsync("/dashboard");
        Assert.Equal(open, int.Parse(Tile(cached, "open"), NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        var refreshed = cached.QuerySelector("#refreshed-at")!.TextContent;

        // A roll-up run is shown at once, with the live figures counted again.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RefreshKpiRollups.Command());
        }

        var afterRun = await analyst.GetPageAsync("/dashboard");
        Assert.NotEqual(refreshed, afterRun.QuerySelector("#refreshed-at")!.TextContent);
        Assert.Equal(open + 1, int.Parse(Tile(afterRun, "open"), NumberStyles.AllowThousands, CultureInfo.InvariantCulture));

        // Without a run, the live figures are at most the configured seconds old.
        await Filing.FileDogRegistrationAsync(citizen, dogName: "ハル");
        Assert.Equal(open + 1, int.Parse(Tile(await analyst.GetPageAsync("/dashboard"), "open"), NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(open + 2, int.Parse(Tile(await analyst.GetPageAsync("/dashboard"), "open"), NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Requests_arriving_while_a_view_is_built_wait_for_that_build_and_a_failed_build_is_not_kept()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        var cache = new ViewCache(memory, TimeProvider.System);
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        Task<int> Load()
        {
            Interlocked.Increment(ref loads);
            return gate.Task;
        }

        var first = cache.GetAsync("page", 10, Load);
        var second = cache.GetAsync("page", 10, Load);
        gate.SetResult(42);
        var both = await Task.WhenAll(first, second);
        Assert.Equal([42, 42], both);
        Assert.Equal(1, loads);
        Assert.Equal(42, await cache.GetAsync("page", 10, () => Task.FromResult(0)));

        // The request building it went away: the one waiting builds for itself, and nothing is kept.
        var failing = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = cache.GetAsync("other", 10, () => failing.Task);
        var waiting = cache.GetAsync("other", 10, () => Task.FromResult(7));
        failing.SetException(new OperationCanceledException());
        await Assert.ThrowsAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(7, await waiting);
        Assert.Equal(8, await cache.GetAsync("other", 10, () => Task.FromResult(8)));
    }
}
