using System.Net;
using AngleSharp.Dom;
using CityDx.Domain.Cases;
using CityDx.IntegrationTests.Infrastructure;

namespace CityDx.IntegrationTests.Payments;

/// <summary>
/// Issue #16 item 8: an application whose fee is due at filing is not reviewed before it is paid (a
/// workflow setting, on by default); staff see the payment state in the queue (a column and a filter)
/// and on the case; the citizen is told what is awaited.
/// </summary>
public sealed class PaymentGateTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private const string AwaitingPayment = "手数料のお支払いがまだ確認できていないため、審査を始められません";

    private static Task<HttpResponseMessage> ActAsync(PortalClient client, Guid caseId, string action, string comment = "") =>
        client.PostFormAsync($"/staff/cases/{caseId}", new() { ["Action"] = action, ["Comment"] = comment }, "main form[method=post]:has(input[name=Action])");

    private static bool Lists(AngleSharp.Html.Dom.IHtmlDocument queue, string receipt) =>
        queue.QuerySelectorAll("tbody tr").Any(r => r.TextContent.Contains(receipt, StringComparison.Ordinal));

    [Fact]
    public async Task An_unpaid_filing_waits_for_payment_and_everyone_sees_what_is_awaited()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (id, receipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "ゲート", pay: false);
        Assert.Contains("お支払いが確認できしだい審査を始めます", (await citizen.GetPageAsync($"/my/applications/{id}")).Text("#awaiting-payment"));

        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var queue = await kita.GetPageAsync("/staff/cases?payment=Unpaid");
        Assert.True(Lists(queue, receipt));
        var row = queue.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(receipt, StringComparison.Ordinal));
        Assert.Contains("未払い", row.QuerySelector(".fee-state")!.TextContent);
        Assert.False(Lists(await kita.GetPageAsync("/staff/cases?payment=Paid"), receipt));

        var detail = await kita.GetPageAsync($"/staff/cases/{id}");
        Assert.Contains("手数料の支払い待ち", detail.Text("#awaiting-payment"));
        var refused = await PortalClient.ReadAsync(await ActAsync(kita, id, CaseAction.StartReview));
        Assert.Contains(AwaitingPayment, string.Join(" ", refused.ErrorSummary()));
        Assert.Equal("受付待ち", refused.Text("#status"));

        await Filing.PayByCardAsync(citizen, id);
        Assert.Null((await citizen.GetPageAsync($"/my/applications/{id}")).QuerySelector("#awaiting-payment"));
        Assert.True(Lists(await kita.GetPageAsync("/staff/cases?payment=Paid"), receipt));
        Assert.False(Lists(await kita.GetPageAsync("/staff/cases?payment=Unpaid"), receipt));
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(kita, id, CaseAction.StartReview)).StatusCode);
        Assert.Equal("審査中", (await kita.GetPageAsync($"/staff/cases/{id}")).Text("#status"));
    }

    [Fact]
    public async Task The_gate_is_a_setting_an_admin_can_turn_off_on_the_workflow_page()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        const string url = "/admin/procedures/dog-registration/workflow";
        Task<HttpResponseMessage> SetGateAsync(bool on) => admin.PostFormAsync(url,
            new() { ["RequiresApproval"] = "false", ["PaymentGateShown"] = "true", ["PaymentBeforeReview"] = on ? "true" : "false" }, "form[action*=Options]", url + "?handler=Options");

        Assert.True((await admin.GetPageAsync(url)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#PaymentBeforeReview")!.IsChecked);
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SetGateAsync(false)).StatusCode);
            Assert.False((await admin.GetPageAsync(url)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#PaymentBeforeReview")!.IsChecked);

            var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
            var (id, _) = await Filing.FileDogRegistrationAsync(citizen, dogName: "ゲートなし", pay: false);
            var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
            Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(kita, id, CaseAction.StartReview)).StatusCode);
        }
        finally
        {
            await SetGateAsync(true);
        }
    }
}
