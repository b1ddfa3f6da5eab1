using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests;

/// <summary>
/// The queue's counts per state are kept for a few seconds per node (docs/performance.md), its list
/// of cases never is, and an admin's change to a procedure shows in the queue at once.
/// </summary>
public sealed class QueueCacheTests(QueueCacheTests.ClockFactory factory) : IClassFixture<QueueCacheTests.ClockFactory>
{
    public sealed class ClockFactory : CityDxFactory
    {
        public AdjustableClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Queue:CountsCacheSeconds", "10");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
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
}
