using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Applications;

public sealed class WithdrawalAndConcurrencyTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    [Fact]
    public async Task A_citizen_withdraws_with_a_reason_that_staff_see_and_cannot_withdraw_twice()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen, pay: false); // unpaid: a paid one keeps a refund form after withdrawal
        var url = $"/my/applications/{caseId}";

        var noReason = await PortalClient.ReadAsync(await citizen.PostFormAsync(url, new() { ["Reason"] = "" }, action: url + "?handler=Withdraw"));
        Assert.Contains("取り下げる理由を入力してください", noReason.ErrorSummary());

        var done = await citizen.PostFormAsync(url, new() { ["Reason"] = "引越しが取りやめになったため" }, action: url + "?handler=Withdraw");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var page = await citizen.GetPageAsync(url);
        Assert.Equal("取下げ", page.Text("#status"));
        Assert.Null(page.QuerySelector("form[action*=Withdraw]"));

        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var staffView = await kita.GetPageAsync($"/staff/cases/{caseId}");
        Assert.Contains("引越しが取りやめになったため", staffView.Text("main"));
        Assert.Null(staffView.QuerySelector("main form[method=post]"));
    }

    [Fact]
    public async Task Another_citizen_cannot_withdraw_it()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);
        var other = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var form = (await other.GetPageAsync("/my/applications")).QuerySelector<IHtmlFormElement>("header form[method=post]")!;
        var response = await other.SubmitAsync(form, new() { ["Reason"] = "x", ["ExpectedVersion"] = "1" }, $"/my/applications/{caseId}?handler=Withdraw");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Fifty_parallel_submits_get_fifty_distinct_valid_receipt_numbers()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var ward = await Filing.WardIdAsync(citizen, "都島区役所");
        var ready = new List<(IHtmlFormElement Form, string Url)>();
        for (var i = 0; i < 50; i++)
        {
            var fields = Filing.DogAnswers($"並列{i}");
            fields["WardId"] = ward;
            var (_, check) = await Filing.FillAsync(citizen, await Filing.StartAsync(citizen, "dog-registration"), fields);
            ready.Add(((await citizen.GetPageAsync(check!)).QuerySelector<IHtmlFormElement>("main form[method=post]")!, check!));
        }

        // All fifty sent at once.
        var responses = await Task.WhenAll(ready.Select(r => citizen.SubmitAsync(r.Form, [], r.Url)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var ids = responses.Select(r => Guid.Parse(r.Headers.Location!.ToString().Split('/')[3])).ToList();
        await using var scope = factory.Services.CreateAsyncScope();
        var receipts = await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Cases
            .Where(c => ids.Contains(c.Id)).Select(c => c.ReceiptNumber).ToListAsync();
        Assert.Equal(50, receipts.Distinct().Count());
        Assert.All(receipts, r => Assert.True(ReceiptNumber.IsValid(r), r));
    }
}
