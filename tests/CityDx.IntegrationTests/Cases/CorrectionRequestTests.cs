using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Domain;
using CityDx.Domain.Attachments;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Japanese;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Files;
using CityDx.Infrastructure.Mail;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CityDx.IntegrationTests.Cases;

/// <summary>補正依頼: staff name the questions to correct, the citizen corrects exactly those, history keeps both versions.</summary>
public sealed class CorrectionRequestTests(ClockFactory factory) : IClassFixture<ClockFactory>
{
    private const string CorrectionForm = "form[action*=RequestCorrection]";
    private const string Reason = "電話番号がつながりませんでした。日中に連絡のつく番号と、犬の生年月日をご確認ください。";

    private static Task<HttpResponseMessage> RequestAsync(PortalClient staff, Guid caseId, string? reason, params string[] fields) =>
        CaseForms.PostAsync(staff, $"/staff/cases/{caseId}", CorrectionForm,
            fields.Select(f => ("FieldKeys", f)).Append(("Reason", reason ?? "")));

    private async Task<(DateOnly? Due, DateTimeOffset Now)> DueAsync(Guid caseId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        return (await db.Cases.Where(c => c.Id == caseId).Select(c => c.DueDate).SingleAsync(), factory.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Staff_request_a_correction_the_citizen_corrects_only_those_fields_and_history_shows_before_and_after()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "ポチ");
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var staffUrl = $"/staff/cases/{caseId}";

        // Neither a question nor a reason: both asked for, nothing changes.
        var empty = await PortalClient.ReadAsync(await RequestAsync(kita, caseId, ""));
        Assert.Contains("補正する項目を1つ以上選んでください", empty.ErrorSummary());
        Assert.Contains("補正の理由を入力してください", empty.ErrorSummary());
        Assert.Equal("受付待ち", empty.Text("#status"));

        // The checkboxes are the questions of the pinned form version.
        var form = await CaseForms.FormAsync(kita, staffUrl, CorrectionForm);
        var offered = form.QuerySelectorAll<IHtmlInputElement>("input[name=FieldKeys]").Select(i => i.Value).ToList();
        Assert.Equal(["dog_name", "breed", "sex", "birth_date", "rabies_vaccinated", "phone"], offered);

        var (dueBefore, requestedAt) = await DueAsync(caseId);
        var sent = await RequestAsync(kita, caseId, Reason, "phone", "birth_date");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var staffPage = await kita.GetPageAsync(staffUrl);
        Assert.Equal("補正依頼中", staffPage.Text("#status"));
        Assert.Contains("日中の連絡先電話番号", staffPage.Text("#open-correction"));
        Assert.Null(staffPage.QuerySelector(CorrectionForm));

        // The citizen sees the request, its reason and the way to the correction page.
        var mine = await citizen.GetPageAsync($"/my/applications/{caseId}");
        Assert.Equal("補正をお願いしています", mine.Text("#status"));
        Assert.Contains(Reason, mine.Text("#correction"));
        Assert.NotNull(mine.QuerySelector($"#correction a[href='/my/applications/{caseId}/correction']"));

        // Exactly the named questions are inputs, filled with the answers as filed; the rest is read-only.
        var correctionUrl = $"/my/applications/{caseId}/correction";
        var page = await citizen.GetPageAsync(correctionUrl);
        var inputs = page.QuerySelectorAll("main form [name^='Answers[']:not([type=hidden])").Select(e => e.GetAttribute("name")!).Distinct().Order().ToList();
        Assert.Equal(["Answers[birth_date.day]", "Answers[birth_date.month]", "Answers[birth_date.year]", "Answers[phone]"], inputs);
        Assert.Equal("0662088181", page.QuerySelector<IHtmlInputElement>("#answer-phone")!.Value.Replace("-", "", StringComparison.Ordinal));
        Assert.Equal("2026", page.QuerySelector<IHtmlInputElement>("input[name='Answers[birth_date.year]']")!.Value);
        Assert.Contains("ポチ", page.Text("#other-answers"));
        Assert.Contains(Reason, page.Text("#correction-reason"));

        // Checked against the pinned form: a bad phone number is refused with the form's own message.
        var bad = await PortalClient.ReadAsync(await CaseForms.PostAsync(citizen, correctionUrl, "main form[method=post]",
            [("Answers[phone]", "でんわ"), ("Answers[birth_date.year]", "2026"), ("Answers[birth_date.month]", "3"), ("Answers[birth_date.day]", "15")]));
        Assert.NotEmpty(bad.ErrorSummary());
        Assert.Contains(bad.ErrorSummary(), e => e.Contains("電話番号", StringComparison.Ordinal));

        // A changed answer to another question is ignored; the named ones are taken. A week passes meanwhile
        // (long enough for the sign-ins to lapse).
        factory.Clock.Advance(TimeSpan.FromDays(7));
        citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var done = await CaseForms.PostAsync(citizen, correctionUrl, "main form[method=post]",
        [
            ("Answers[phone]", "06-1234-5678"),
            ("Answers[birth_date.year]", "2026"), ("Answers[birth_date.month]", "3"), ("Answers[birth_date.day]", "15"),
            ("Answers[dog_name]", "タマ"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal($"/my/applications/{caseId}", done.Headers.Location!.ToString());
        Assert.Equal("処理中", (await citizen.GetPageAsync($"/my/applications/{caseId}")).Text("#status"));
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.Http.GetAsync(correctionUrl)).StatusCode);

        // Staff see both versions: what changed, before → after, and only that.
        var after = await kita.GetPageAsync(staffUrl);
        Assert.Equal("審査中", after.Text("#status"));
        var revision = after.QuerySelector("#revisions + table")!;
        var rows = revision.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("生年月日", rows[0][0]);
        Assert.Contains("2026-04-01", rows[0][1]);
        Assert.Contains("2026-03-15", rows[0][2]);
        Assert.Equal("日中の連絡先電話番号", rows[1][0]);
        Assert.Contains("06-6208-8181", rows[1][1]);
        Assert.Contains("06-1234-5678", rows[1][2]);
        Assert.Contains("申請者が補正", revision.TextContent);
        Assert.Contains("ポチ", after.Text("main"));
        Assert.DoesNotContain("タマ", after.Text("main"));
        Assert.Contains(after.QuerySelectorAll("table.table tbody tr td"), td => td.TextContent.Contains("補正依頼中 → 審査中", StringComparison.Ordinal));

        // The clock stopped while the case waited: the due date moved on by the business days waited.
        var (dueAfter, resubmittedAt) = await DueAsync(caseId);
        var calendar = factory.Services.GetRequiredService<BusinessCalendar>();
        var waited = calendar.CountBusinessDays(JapanTime.DateOf(requestedAt), JapanTime.DateOf(resubmittedAt));
        Assert.True(waited > 0);
        Assert.Equal(calendar.AddBusinessDays(dueBefore!.Value, waited), dueAfter);

        // The applicant was mailed the request in Japanese, with the reason and the link.
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync()).Sent >= 1);
        var mails = Directory.GetFiles(Path.Combine(factory.DataFolder, "mail"), "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        var mail = Assert.Single(mails, m => m.Subject?.Contains(receipt, StringComparison.Ordinal) == true && m.Subject.Contains("補正", StringComparison.Ordinal));
        Assert.Equal(Demo.Citizen, mail.To.Mailboxes.Single().Address);
        Assert.Contains(Reason, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("日中の連絡先電話番号", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/my/applications/{caseId}/correction", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_citizen_and_another_ward_get_404_and_the_owner_can_withdraw_instead()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);

        // Staff of another ward cannot see or correct it.
        var miyakojima = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);
        await miyakojima.GetPageAsync($"/staff/cases/{caseId}", HttpStatusCode.NotFound);
        var token = (await miyakojima.GetPageAsync("/staff/cases")).QuerySelector<IHtmlFormElement>("header form[method=post]")!;
        var foreign = await miyakojima.SubmitAsync(token, new() { ["FieldKeys"] = "phone", ["Reason"] = "x", ["ExpectedVersion"] = "1" },
            $"/staff/cases/{caseId}?handler=RequestCorrection");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Equal(HttpStatusCode.Redirect, (await RequestAsync(kita, caseId, Reason, "phone")).StatusCode);

        // Another citizen: the correction page and its POST are not found.
        var other = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        await other.GetPageAsync($"/my/applications/{caseId}/correction", HttpStatusCode.NotFound);
        var otherToken = (await other.GetPageAsync("/my/applications")).QuerySelector<IHtmlFormElement>("header form[method=post]")!;
        var stolen = await other.SubmitAsync(otherToken, new() { ["Answers[phone]"] = "06-1111-2222", ["ExpectedVersion"] = "2" }, $"/my/applications/{caseId}/correction");
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);

        var citizenPage = await citizen.GetPageAsync($"/my/applications/{caseId}");
        Assert.Equal("補正をお願いしています", citizenPage.Text("#status"));

        // While a correction is open the owner may still withdraw.
        var url = $"/my/applications/{caseId}";
        var withdrawn = await citizen.PostFormAsync(url, new() { ["Reason"] = "申請を取りやめます" }, "form[action*=Withdraw]", url + "?handler=Withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal("取下げ", (await citizen.GetPageAsync(url)).Text("#status"));
        Assert.Null((await citizen.GetPageAsync(url)).QuerySelector("#correction"));
    }

    [Fact]
    public async Task A_question_not_on_the_pinned_form_is_refused()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var page = await PortalClient.ReadAsync(await RequestAsync(kita, caseId, Reason, "owner_income"));
        Assert.Contains("この申請の様式にない項目が選ばれています。ページを読み込み直してください", page.ErrorSummary());
        Assert.Equal("受付待ち", page.Text("#status"));
    }

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    /// <summary>
    /// A case of a procedure with a required PDF question, put in the store directly (the apply flow is
    /// not what this test is about): the letter filed is 古い委任状.pdf.
    /// </summary>
    private async Task<Guid> CaseWithLetterAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        const string Code = "test-correction-letter";
        var procedure = await db.Procedures.SingleOrDefaultAsync(p => p.Code == Code);
        var kita = await db.OrganisationUnits.Where(u => u.NameJa == "北区役所").Select(u => u.Id).SingleAsync();
        if (procedure is null)
        {
            procedure = new Procedure(Code, new ProcedureDetails("委任状の補正テスト", "Letter correction test", "テスト", "Test",
                "registration", [], "", "", "", [], [], null, FeeTiming.None, 3, Routing.ChosenWard, ChannelSet.Online, kita));
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync();
            db.FormVersions.Add(procedure.PublishForm(new FormDefinition(
            [
                new FormField("name", FieldType.PersonName, "氏名", "Name"),
                new FormField("is_proxy", FieldType.YesNo, "代理人として申請しますか", "Are you applying as a proxy?"),
                new FormField("letter", FieldType.FileUpload, "委任状", "Letter of attorney", ShowWhen: new Condition("is_proxy", ConditionOperator.IsYes),
                    AllowedFileTypes: ["pdf"], MaxFileSizeBytes: 1024 * 1024, MaxFiles: 1),
            ]), 1, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var versionId = await db.FormVersions.Where(v => v.ProcedureId == procedure.Id).Select(v => v.Id).SingleAsync();
        var citizenId = await db.Users.Where(u => u.Email == Demo.Citizen).Select(u => u.Id).SingleAsync();
        var stored = await scope.ServiceProvider.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream(Pdf), CancellationToken.None);
        var attachmentId = Guid.NewGuid();
        var now = factory.Clock.GetUtcNow();
        var @case = Case.Submit(ReceiptNumber.Generate(), procedure.Id, versionId, citizenId, kita, Channel.Online,
            new Dictionary<string, string> { ["name"] = "大阪 花子", ["is_proxy"] = "yes", ["letter"] = attachmentId.ToString() }, Guid.NewGuid(), null, citizenId, now);
        db.Cases.Add(@case);
        db.Attachments.Add(new Attachment(attachmentId, @case.Id, "letter", new FileMetadata("古い委任状.pdf", "application/pdf", stored.Size, stored.Sha256, stored.Key), now));
        await db.SaveChangesAsync();
        return @case.Id;
    }

    [Fact]
    public async Task A_file_named_for_correction_is_uploaded_again_and_checked_by_its_content()
    {
        var caseId = await CaseWithLetterAsync();
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Equal(HttpStatusCode.Redirect, (await RequestAsync(kita, caseId, "委任状に押印がありません", "letter")).StatusCode);

        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var url = $"/my/applications/{caseId}/correction";
        var page = await citizen.GetPageAsync(url);
        Assert.NotNull(page.QuerySelector("main form input[type=file][name='Files.letter']"));
        Assert.Null(page.QuerySelector("main form [name='Answers[name]']"));
        // The letter is shown only for a proxy: the answer its rule reads travels along, read-only, for the browser.
        Assert.Equal("yes", page.QuerySelector<IHtmlInputElement>("main form input[type=hidden][name='Answers[is_proxy]']")!.Value);
        Assert.Null(page.QuerySelector("main form input[name='Answers[is_proxy]']:not([type=hidden])"));

        var none = await PortalClient.ReadAsync(await CaseForms.PostWithFilesAsync(citizen, url, "main form[method=post]", [], []));
        Assert.Contains("委任状のファイルを選んでください", none.ErrorSummary());
        var png = await PortalClient.ReadAsync(await CaseForms.PostWithFilesAsync(citizen, url, "main form[method=post]", [], [("Files.letter", "押印済み.pdf", Png)]));
        Assert.Contains(png.ErrorSummary(), e => e.StartsWith("委任状には PDF のファイルを選んでください", StringComparison.Ordinal));

        var done = await CaseForms.PostWithFilesAsync(citizen, url, "main form[method=post]", [], [("Files.letter", "押印済み委任状.pdf", Pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        // Staff see the replaced file in the revision; both letters stay on the case.
        var staffPage = await kita.GetPageAsync($"/staff/cases/{caseId}");
        var change = staffPage.QuerySelector("#revisions + table tbody tr")!.Children.Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["委任状", "古い委任状.pdf", "押印済み委任状.pdf"], change);
        var attachments = staffPage.QuerySelectorAll("#attachments a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["古い委任状.pdf", "押印済み委任状.pdf"], attachments);
        Assert.Equal("大阪 花子", staffPage.QuerySelectorAll("dl.summary-list div").Single(d => d.QuerySelector("dt")!.TextContent == "氏名").QuerySelector("dd")!.TextContent);
    }
}
