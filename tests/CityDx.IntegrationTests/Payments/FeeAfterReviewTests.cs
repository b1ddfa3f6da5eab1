using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Payments;

/// <summary>手数料 fixed after review: nothing is due at filing; staff of the unit set the amount; the citizen then sees it due and can pay.</summary>
public sealed class FeeAfterReviewTests(CityDxFactory factory) : IClassFixture<CityDxFactory>, IAsyncLifetime
{
    private const string Code = "test-fee-after-review";

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        if (await db.Procedures.AnyAsync(p => p.Code == Code))
        {
            return;
        }

        var central = await db.OrganisationUnits.Where(u => u.Code == "central").Select(u => u.Id).SingleAsync();
        var procedure = new Procedure(Code, new ProcedureDetails("審査後に手数料が決まる届出", "A form whose fee is set after review", "", "", "registration", [], "", "", "", [], [], 300,
            FeeTiming.AfterReview, 5, Routing.CentralProcessingCentre, ChannelSet.Online, central, Proxy: ProxyPolicy.NotAllowed));
        db.Procedures.Add(procedure);
        await db.SaveChangesAsync();
        db.FormVersions.Add(procedure.PublishForm(new FormDefinition([new("name", FieldType.PersonName, "氏名", "Name")]), 1, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Staff_set_the_fee_after_review_and_the_citizen_then_sees_it_due()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.ReceivedAsync(citizen, await Filing.ApplyAsync(citizen, Code, new() { ["Answers[name]"] = "大阪 花子" }));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(PaymentState.NotRequired, (await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Cases.SingleAsync(c => c.Id == caseId)).PaymentState);
        }

        var staff = await PortalClient.SignedInAsync(factory, Demo.CentralStaff);
        var url = $"/staff/cases/{caseId}";
        var page = await staff.GetPageAsync(url);
        Assert.Equal("300", page.QuerySelector<IHtmlInputElement>("#Yen")!.Value);
        var refused = await PortalClient.ReadAsync(await staff.PostFormAsync(url, new() { ["FeeYen"] = "0" }, "#fee-form", url + "?handler=SetFee"));
        Assert.Contains("手数料は 1 円から 1,000,000 円の間で入力してください", refused.ErrorSummary());

        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        await kita.GetPageAsync(url, HttpStatusCode.NotFound);

        var set = await staff.PostFormAsync(url, new() { ["FeeYen"] = "450" }, "#fee-form", url + "?handler=SetFee");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        var mine = await citizen.GetPageAsync($"/my/applications/{caseId}");
        Assert.Contains("450", mine.Text("#fee"));
        Assert.NotNull(mine.QuerySelector($"#fee a[href='/my/applications/{caseId}/pay']"));
    }
}
