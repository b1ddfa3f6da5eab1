using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Cases;

/// <summary>Messages between citizen and staff on a case, and internal notes the citizen never sees.</summary>
public sealed class CaseMessageTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private const string StaffForm = "form[action*=Message]";
    private const string ReplyForm = "form[action*=Reply]";

    private static Task<HttpResponseMessage> StaffWriteAsync(PortalClient staff, Guid caseId, string kind, string body) =>
        CaseForms.PostAsync(staff, $"/staff/cases/{caseId}", StaffForm, [("Kind", kind), ("Body", body)]);

    private static Task<HttpResponseMessage> ReplyAsync(PortalClient citizen, Guid caseId, string body) =>
        CaseForms.PostAsync(citizen, $"/my/applications/{caseId}", ReplyForm, [("Body", body)]);

    [Fact]
    public async Task Staff_and_citizen_write_in_one_thread_in_time_order_and_internal_notes_stay_with_staff()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);

        Assert.Equal(HttpStatusCode.Redirect, (await StaffWriteAsync(kita, caseId, "ToApplicant", "鑑札の送付先を確認させてください。")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffWriteAsync(kita, caseId, "InternalNote", "ナイブメモ: 窓口で本人確認済み")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ReplyAsync(citizen, caseId, "申請書の住所に送ってください。")).StatusCode);

        // The citizen sees the message and their reply, never the note.
        var mine = await citizen.GetPageAsync($"/my/applications/{caseId}");
        var thread = mine.QuerySelectorAll("#message-thread li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, thread.Count);
        Assert.Contains("鑑札の送付先を確認させてください。", thread[0]);
        Assert.Contains("担当からのメッセージ", thread[0]);
        Assert.Contains("申請書の住所に送ってください。", thread[1]);
        Assert.DoesNotContain("ナイブメモ", mine.DocumentElement.OuterHtml);

        // Staff see all three in the order they were written, the note marked as one in words.
        var staffPage = await kita.GetPageAsync($"/staff/cases/{caseId}");
        var staffThread = staffPage.QuerySelectorAll("#message-thread li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, staffThread.Count);
        Assert.Contains("鑑札の送付先", staffThread[0]);
        Assert.Contains("ナイブメモ", staffThread[1]);
        Assert.Contains("内部メモ", staffThread[1]);
        Assert.Contains("申請書の住所", staffThread[2]);
        Assert.Contains("申請者 → 職員", staffThread[2]);

        // One mail for the staff message (none for the note, none for the reply), without the text.
        await using var scope = factory.Services.CreateAsyncScope();
        var mails = await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Outbox
            .Where(m => m.CaseId == caseId && m.Kind == "Message").ToListAsync();
        var mail = Assert.Single(mails);
        Assert.Equal(Demo.Citizen, mail.To);
        Assert.Contains(receipt, mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("鑑札の送付先", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"/my/applications/{caseId}", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_are_checked_and_shown_as_text()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);

        var empty = await PortalClient.ReadAsync(await ReplyAsync(citizen, caseId, "   "));
        Assert.Contains("本文を入力してください", empty.ErrorSummary());
        var tooLong = await PortalClient.ReadAsync(await ReplyAsync(citizen, caseId, new string('あ', 2001)));
        Assert.Contains("本文は2000文字以内で入力してください", tooLong.ErrorSummary());
        var noKind = await PortalClient.ReadAsync(await CaseForms.PostAsync(kita, $"/staff/cases/{caseId}", StaffForm, [("Body", "x")]));
        Assert.Contains("メッセージの種類を選んでください", noKind.ErrorSummary());

        const string Markup = "<script>alert('x')</script><b>太字</b>";
        Assert.Equal(HttpStatusCode.Redirect, (await ReplyAsync(citizen, caseId, Markup)).StatusCode);
        var response = await kita.Http.GetAsync($"/staff/cases/{caseId}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>太字</b>", html, StringComparison.Ordinal);
        var page = await PortalClient.ParseAsync(html);
        Assert.Contains(Markup, page.Text("#message-thread"));
    }

    [Fact]
    public async Task Another_citizen_and_another_ward_cannot_read_or_write()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);

        var other = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var token = (await other.GetPageAsync("/my/applications")).QuerySelector<IHtmlFormElement>("header form[method=post]")!;
        Assert.Equal(HttpStatusCode.NotFound, (await other.SubmitAsync(token, new() { ["Body"] = "こんにちは" }, $"/my/applications/{caseId}?handler=Reply")).StatusCode);

        var miyakojima = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);
        var staffToken = (await miyakojima.GetPageAsync("/staff/cases")).QuerySelector<IHtmlFormElement>("header form[method=post]")!;
        Assert.Equal(HttpStatusCode.NotFound, (await miyakojima.SubmitAsync(staffToken, new() { ["Kind"] = "InternalNote", ["Body"] = "x" }, $"/staff/cases/{caseId}?handler=Message")).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().CaseMessages.CountAsync(m => m.CaseId == caseId));
    }
}
