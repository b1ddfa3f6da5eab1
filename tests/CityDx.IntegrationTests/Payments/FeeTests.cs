using System.Net;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Payments;

/// <summary>手数料 at filing: due after submitting, paid by the simulated card or a payment slip; a declined card changes nothing.</summary>
public sealed class FeeTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private async Task<Case> CaseAsync(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Cases.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task A_declined_card_changes_nothing_and_a_good_one_pays_the_fee()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen, pay: false);
        var received = await citizen.GetPageAsync($"/my/applications/{caseId}/received");
        Assert.Contains("3,000円", received.Text(".notice"));
        Assert.Equal(PaymentState.Due, (await CaseAsync(caseId)).PaymentState);

        var pay = $"/my/applications/{caseId}/pay";
        var declined = await PortalClient.ReadAsync(await citizen.PostFormAsync(pay, new()
        {
            ["Method"] = "card",
            ["CardNumber"] = "4000 0000 0000 0002",
            ["CardExpiry"] = "12/40",
            ["CardCvc"] = "123",
        }));
        Assert.Contains("このカードはご利用いただけませんでした。別のカードか払込票をご利用ください", declined.ErrorSummary());
        Assert.DoesNotContain("4000 0000 0000 0002", declined.Body!.InnerHtml);
        Assert.Equal(PaymentState.Due, (await CaseAsync(caseId)).PaymentState);

        var paid = await citizen.PostFormAsync(pay, new()
        {
            ["Method"] = "card",
            ["CardNumber"] = "4242 4242 4242 4242",
            ["CardExpiry"] = "12/40",
            ["CardCvc"] = "123",
        });
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var saved = await CaseAsync(caseId);
        Assert.Equal(PaymentState.Paid, saved.PaymentState);
        Assert.EndsWith("-4242", saved.PaymentReference);
        Assert.Contains("支払済", (await citizen.GetPageAsync($"/my/applications/{caseId}")).Text("#fee"));

        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Contains("支払済", (await kita.GetPageAsync($"/staff/cases/{caseId}")).Text("#fee"));
    }

    [Fact]
    public async Task A_payment_slip_can_be_chosen_and_nobody_else_can_pay()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen, pay: false);
        var slip = await citizen.PostFormAsync($"/my/applications/{caseId}/pay", new() { ["Method"] = "counter" });
        Assert.Equal(HttpStatusCode.Redirect, slip.StatusCode);
        var saved = await CaseAsync(caseId);
        Assert.Equal(PaymentState.PayAtCounter, saved.PaymentState);
        Assert.Equal("SLIP-" + receipt.Replace("-", "", StringComparison.Ordinal), saved.PaymentReference);

        var other = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        await other.GetPageAsync($"/my/applications/{caseId}/pay", HttpStatusCode.NotFound);
    }
}
