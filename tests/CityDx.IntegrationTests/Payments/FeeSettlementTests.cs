using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Domain.Auditing;
using CityDx.Domain.Cases;
using CityDx.Domain.Payments;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Payments;

/// <summary>
/// Issue #16 item 6: a payment slip becomes paid — by staff recording it on the case page, by a
/// payment file (消込) and by the provider's signed callback — and the citizen sees it paid on My
/// applications; a fee is cancelled on withdrawal before payment and a paid fee can be refunded.
/// </summary>
public sealed class FeeSettlementTests(FeeSettlementTests.PaymentFactory factory) : IClassFixture<FeeSettlementTests.PaymentFactory>
{
    public const string Secret = "test-callback-secret";

    /// <summary>The portal with the provider callback's shared secret configured.</summary>
    public sealed class PaymentFactory : CityDxFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Payments:CallbackSecret", Secret);
        }
    }

    private async Task<Case> CaseAsync(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Cases.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private async Task<List<FeePayment>> PaymentsAsync(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().FeePayments.AsNoTracking().Where(p => p.CaseId == id).OrderBy(p => p.RecordedAt).ToListAsync();
    }

    private async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().AuditLog.AsNoTracking().Where(a => a.Action == action).ToListAsync();
    }

    /// <summary>A dog registration (3,000 yen at filing) whose applicant chose a payment slip.</summary>
    private static async Task<(Guid Id, string Receipt)> SlipCaseAsync(PortalClient citizen)
    {
        var (id, receipt) = await Filing.FileDogRegistrationAsync(citizen, pay: false);
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.PostFormAsync($"/my/applications/{id}/pay", new() { ["Method"] = "counter" })).StatusCode);
        return (id, receipt);
    }

    private static async Task<string> MyFeeStateAsync(PortalClient citizen, string receipt)
    {
        var list = await citizen.GetPageAsync("/my/applications");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(receipt, StringComparison.Ordinal));
        return row.QuerySelector(".fee-state")!.TextContent.Trim();
    }

    private static string Today => CityDx.Domain.JapanTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Staff_of_the_unit_record_a_slip_payment_and_the_citizen_sees_it_paid()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (id, receipt) = await SlipCaseAsync(citizen);
        Assert.Equal("窓口・コンビニでお支払いください", await MyFeeStateAsync(citizen, receipt));

        // Another ward's staff do not even find the case.
        var miyakojima = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);
        await miyakojima.GetPageAsync($"/staff/cases/{id}", HttpStatusCode.NotFound);

        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var page = $"/staff/cases/{id}";
        var action = page + "?handler=RecordPayment";
        var future = await PortalClient.ReadAsync(await kita.PostFormAsync(page, new() { ["PaidOn"] = "2099-01-01", ["PaymentChannel"] = "convenience" }, "#payment-form", action));
        Assert.Contains("未来の日付は入力できません", future.ErrorSummary());
        Assert.Equal(PaymentState.PayAtCounter, (await CaseAsync(id)).PaymentState);

        var recorded = await kita.PostFormAsync(page, new() { ["PaidOn"] = Today, ["PaymentChannel"] = "convenience", ["PaymentReference"] = "7-ELEVEN 0042" }, "#payment-form", action);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var saved = await CaseAsync(id);
        Assert.Equal(PaymentState.Paid, saved.PaymentState);
        var line = Assert.Single(await PaymentsAsync(id));
        Assert.Equal((3000, PaymentChannel.ConvenienceStore, "7-ELEVEN 0042"), (line.AmountYen, line.Channel, line.Reference));

        var detail = await kita.GetPageAsync(page);
        Assert.Contains("支払済", detail.Text("#fee"));
        Assert.Contains("7-ELEVEN 0042", detail.Text("#payments"));
        Assert.Null(detail.QuerySelector("#payment-form"));
        Assert.Equal("支払済", await MyFeeStateAsync(citizen, receipt));
        Assert.Contains("支払済", (await citizen.GetPageAsync($"/my/applications/{id}")).Text("#fee"));
        Assert.Contains(await AuditAsync(AuditActions.CaseFeePayment), a => a.CaseId == id && a.Outcome == AuditOutcome.Ok);

        // Refund: at most the fee, with a reason; recorded and shown; a second refund is refused.
        var refund = page + "?handler=Refund";
        var tooMuch = await PortalClient.ReadAsync(await kita.PostFormAsync(page, new() { ["RefundYen"] = "5000", ["RefundedOn"] = Today, ["RefundReason"] = "二重払い" }, "#refund-form", refund));
        Assert.Contains("返還額は1円から支払われた手数料までの間で入力してください", tooMuch.ErrorSummary());
        Assert.Equal(HttpStatusCode.Redirect, (await kita.PostFormAsync(page, new() { ["RefundYen"] = "3000", ["RefundedOn"] = Today, ["RefundReason"] = "申請の取下げのため" }, "#refund-form", refund)).StatusCode);
        Assert.Equal(PaymentState.Refunded, (await CaseAsync(id)).PaymentState);
        Assert.Equal(FeePaymentKind.Refund, (await PaymentsAsync(id))[^1].Kind);
        Assert.Contains("申請の取下げのため", (await kita.GetPageAsync(page)).Text("#payments"));
        Assert.Equal("返還済", await MyFeeStateAsync(citizen, receipt));
        Assert.Contains(await AuditAsync(AuditActions.CaseFeeRefund), a => a.CaseId == id);
    }

    private static async Task<IHtmlDocument> ImportAsync(PortalClient staff, string csv)
    {
        var page = await staff.GetPageAsync("/staff/payments/import");
        var token = page.QuerySelector<IHtmlInputElement>("main form input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "PaymentFile", "payments.csv");
        var response = await staff.Http.PostAsync("/staff/payments/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PortalClient.ReadAsync(response);
    }

    [Fact]
    public async Task A_payment_file_pays_matching_slips_and_reports_every_other_row()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (slipId, slipReceipt) = await SlipCaseAsync(citizen);
        var (dueId, dueReceipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "ハナ", pay: false);
        var (paidId, paidReceipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "タロ");
        var (otherWardId, otherWardReceipt) = await Filing.FileDogRegistrationAsync(citizen, "都島区役所", "ジロ", pay: false);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);

        var header = await ImportAsync(kita, "number,yen\r\n1,2\r\n");
        Assert.Contains("必要な列", string.Join(" ", header.ErrorSummary()));

        var csv = "payment_number,amount,paid_on,channel,reference\r\n"
            + $"{PaymentMatching.SlipNumberOf(slipReceipt)},3000,{Today},convenience,FamilyMart 77\r\n"
            + $"{dueReceipt},2000,{Today},bank,short payment\r\n"
            + $"{paidReceipt},3000,{Today},bank,paid twice\r\n"
            + $"{otherWardReceipt},3000,{Today},bank,other ward\r\n"
            + $"{PaymentMatching.SlipNumberOf(slipReceipt)},3000,{Today},convenience,again in file\r\n"
            + "NOT-A-NUMBER,3000,2026-13-45,bank,\r\n";
        var report = await ImportAsync(kita, csv);
        Assert.Equal("1", report.Text("#count-matched"));
        Assert.Equal("1", report.Text("#count-amountmismatch"));
        Assert.Equal("1", report.Text("#count-alreadypaid"));
        Assert.Equal("1", report.Text("#count-unmatched"));
        Assert.Equal("1", report.Text("#count-duplicateinfile"));
        Assert.Equal("1", report.Text("#count-invalid"));

        Assert.Equal(PaymentState.Paid, (await CaseAsync(slipId)).PaymentState);
        Assert.Equal("FamilyMart 77", Assert.Single(await PaymentsAsync(slipId)).Reference);
        Assert.Equal(PaymentState.Due, (await CaseAsync(dueId)).PaymentState);
        Assert.Equal(PaymentState.Due, (await CaseAsync(otherWardId)).PaymentState);
        Assert.Single(await PaymentsAsync(paidId));
        Assert.Equal("支払済", await MyFeeStateAsync(citizen, slipReceipt));

        // The same file again changes nothing: its match is now already paid.
        var again = await ImportAsync(kita, csv);
        Assert.Equal("0", again.Text("#count-matched"));
        // The slip's two rows and the card-paid case's row.
        Assert.Equal("3", again.Text("#count-alreadypaid"));
        Assert.Single(await PaymentsAsync(slipId));
        Assert.Contains(await AuditAsync(AuditActions.PaymentImport), a => a.CaseId == slipId && a.Detail == "Matched");
    }

    private async Task<HttpResponseMessage> CallbackAsync(string body, DateTimeOffset? signedAt = null, string secret = Secret)
    {
        var at = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/callback") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Payment-Timestamp", at.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Payment-Signature", CallbackSignature.Compute(secret, at, bytes));
        return await factory.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task The_signed_provider_callback_pays_once_and_refuses_forgeries_and_replays()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (id, receipt) = await SlipCaseAsync(citizen);
        var body = $$"""{"transactionId":"pe-{{Guid.NewGuid():N}}","paymentNumber":"{{PaymentMatching.SlipNumberOf(receipt)}}","amount":3000,"paidAt":"{{DateTimeOffset.UtcNow:O}}","channel":"payeasy"}""";

        Assert.Equal(HttpStatusCode.Unauthorized, (await CallbackAsync(body, secret: "forged")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallbackAsync(body, DateTimeOffset.UtcNow.AddMinutes(-10))).StatusCode);
        var wrongAmount = body.Replace("\"amount\":3000", "\"amount\":300", StringComparison.Ordinal).Replace("pe-", "pe2-", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await CallbackAsync(wrongAmount)).StatusCode);
        Assert.Equal(PaymentState.PayAtCounter, (await CaseAsync(id)).PaymentState);

        var paid = await CallbackAsync(body);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Contains("\"Paid\"", await paid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(PaymentState.Paid, (await CaseAsync(id)).PaymentState);

        // The provider retries (or someone replays within the window): nothing is recorded twice.
        var repeat = await CallbackAsync(body);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Contains("\"Duplicate\"", await repeat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var line = Assert.Single(await PaymentsAsync(id));
        Assert.Equal((PaymentChannel.PayEasy, "payment-provider"), (line.Channel, line.RecordedBy));
        Assert.Equal("支払済", await MyFeeStateAsync(citizen, receipt));

        var audit = await AuditAsync(AuditActions.PaymentCallback);
        Assert.Contains(audit, a => a.Outcome == AuditOutcome.Denied && a.Detail!.Contains("BadSignature", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.CaseId == id && a.Outcome == AuditOutcome.Ok);
    }

    [Fact]
    public async Task A_fee_is_cancelled_when_the_application_is_withdrawn_before_payment()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (id, receipt) = await SlipCaseAsync(citizen);
        var withdrawn = await citizen.PostFormAsync($"/my/applications/{id}", new() { ["Reason"] = "不要になりました" }, "form[action*=Withdraw]", $"/my/applications/{id}?handler=Withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(PaymentState.Cancelled, (await CaseAsync(id)).PaymentState);
        Assert.Equal("取消(お支払いは不要です)", await MyFeeStateAsync(citizen, receipt));

        // A late payment for it is not taken: the file reports it as not due.
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var report = await ImportAsync(kita, "payment_number,amount,paid_on,channel,reference\r\n" + $"{receipt},3000,{Today},bank,late\r\n");
        Assert.Equal("1", report.Text("#count-notdue"));
        Assert.Empty(await PaymentsAsync(id));
    }
}
