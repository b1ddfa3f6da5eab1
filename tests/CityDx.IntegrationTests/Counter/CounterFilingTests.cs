using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Domain.Cases;
using CityDx.Domain.Organisation;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Counter;

/// <summary>窓口代行申請: staff file on a visitor's behalf at the counter or from a postal application, and print the 受付票.</summary>
public sealed class CounterFilingTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private static Dictionary<string, string> Visitor(Dictionary<string, string> fields, string name = "大阪 花子", string kana = "おおさか はなこ")
    {
        fields["Visitor"] = "none";
        fields["Answers[_visitor_name]"] = name;
        fields["Answers[_visitor_kana]"] = kana;
        fields["Answers[_visitor_phone]"] = "090-1111-2222";
        return fields;
    }

    private static Dictionary<string, string> AtCounter(Dictionary<string, string> answers, string identity = "DriversLicence")
    {
        answers["Channel"] = "Counter";
        answers["IdentityCheck"] = identity;
        return answers;
    }

    /// <summary>The counter form of a procedure, read once (its submission key included) so a test can post it more than once.</summary>
    private static async Task<(string Url, Dictionary<string, string> Hidden)> OpenAsync(PortalClient staff, string code)
    {
        var url = $"/staff/counter/{code}";
        var page = await staff.GetPageAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        var hidden = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);
        if (page.QuerySelector<IHtmlSelectElement>("#UnitId")?.Value is { Length: > 0 } unit)
        {
            hidden["UnitId"] = unit;
        }

        return (url, hidden);
    }

    private static Task<HttpResponseMessage> PostAsync(PortalClient staff, (string Url, Dictionary<string, string> Hidden) form, Dictionary<string, string> fields, TestFile? file = null)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in form.Hidden.Where(h => !fields.ContainsKey(h.Key)).Concat(fields))
        {
            content.Add(new StringContent(value), key);
        }

        if (file is not null)
        {
            content.Add(new ByteArrayContent(file.Bytes), "Files." + file.FieldKey, file.FileName);
        }

        return staff.Http.PostAsync(form.Url, content);
    }

    private static async Task<HttpResponseMessage> FileAsync(PortalClient staff, string code, Dictionary<string, string> fields, TestFile? file = null) =>
        await PostAsync(staff, await OpenAsync(staff, code), fields, file);

    private static Guid ReceiptCaseId(HttpResponseMessage response)
    {
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, $"Expected a redirect to the receipt, got {(int)response.StatusCode}");
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/staff/counter/receipts/[0-9a-f-]{36}$", location);
        return Guid.Parse(location.Split('/')[4]);
    }

    private async Task<T> DbAsync<T>(Func<CityDxDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CityDxDbContext>());
    }

    private Task<(int Cases, int Receptions)> CountsAsync() =>
        DbAsync(async db => (await db.Cases.CountAsync(), await db.CounterReceptions.CountAsync()));

    [Fact]
    public async Task A_visitor_without_an_account_is_filed_at_the_counter_and_gets_a_receipt_slip()
    {
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var fields = AtCounter(Visitor(Filing.DogAnswers("タロウ")));
        fields["Answers[_visitor_email]"] = "hanako.counter@example.jp";

        var caseId = ReceiptCaseId(await FileAsync(staff, "dog-registration", fields));

        var receipt = await staff.GetPageAsync($"/staff/counter/receipts/{caseId}");
        var (filed, reception, staffId) = await DbAsync(async db => (
            await db.Cases.Include(c => c.History).SingleAsync(c => c.Id == caseId),
            await db.CounterReceptions.SingleAsync(r => r.CaseId == caseId),
            await db.Users.Where(u => u.Email == Demo.KitaStaff).Select(u => u.Id).SingleAsync()));
        Assert.Equal(filed.ReceiptNumber, receipt.Text("#receipt-number"));
        Assert.Equal("犬の登録・狂犬病予防注射済票の交付", receipt.Text("#receipt-procedure"));
        Assert.NotEmpty(receipt.Text("#receipt-due"));
        Assert.Contains("北区役所", receipt.Text("#receipt-contact"));
        Assert.NotNull(receipt.QuerySelector("button[data-print][hidden]"));
        Assert.DoesNotContain("090-1111-2222", receipt.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("大阪 花子", receipt.Body!.TextContent, StringComparison.Ordinal);

        Assert.Equal(Channel.Counter, filed.Channel);
        Assert.Null(filed.ApplicantUserId);
        Assert.NotNull(filed.DueDate);
        Assert.Equal(staffId, Assert.Single(filed.History).ActorUserId);
        Assert.Equal(IdentityCheck.DriversLicence, reception.IdentityCheck);
        Assert.Equal(staffId, reception.FiledByUserId);
        Assert.Equal("大阪 花子", reception.VisitorName);
        Assert.Equal("オオサカ\u3000ハナコ", reception.VisitorNameKana);
        Assert.Equal("タロウ", filed.Answers["dog_name"]);
        Assert.True(await DbAsync(db => db.Outbox.AnyAsync(m => m.CaseId == caseId && m.To == "hanako.counter@example.jp")));

        var detail = await staff.GetPageAsync($"/staff/cases/{caseId}");
        Assert.Contains("窓口", detail.Text("main"));
        Assert.Contains("大阪 花子", detail.Text("#visitor-name"));
        Assert.Contains("運転免許証", detail.Text("#identity-check"));
    }

    [Fact]
    public async Task A_visitor_with_an_account_finds_the_case_in_my_applications()
    {
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var fields = AtCounter(Filing.DogAnswers("ハチ"), "MyNumberCard");
        fields["Visitor"] = "account";
        fields["AccountEmail"] = "Citizen2@Example.jp";

        var caseId = ReceiptCaseId(await FileAsync(staff, "dog-registration", fields));

        var filed = await DbAsync(db => db.Cases.SingleAsync(c => c.Id == caseId));
        var citizenId = await DbAsync(db => db.Users.Where(u => u.Email == Demo.Citizen2).Select(u => u.Id).SingleAsync());
        Assert.Equal(citizenId, filed.ApplicantUserId);
        Assert.Null((await DbAsync(db => db.CounterReceptions.SingleAsync(r => r.CaseId == caseId))).VisitorName);
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        Assert.Contains(filed.ReceiptNumber, (await citizen.GetPageAsync("/my/applications")).Text("main"));
        Assert.True(await DbAsync(db => db.Outbox.AnyAsync(m => m.CaseId == caseId && m.To == Demo.Citizen2)));
        var slip = await staff.GetPageAsync($"/staff/counter/receipts/{caseId}");
        Assert.Contains("マイページ", slip.Text("#receipt-next"));
    }

    [Fact]
    public async Task A_postal_application_is_filed_with_the_mail_channel()
    {
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var fields = Visitor(new Dictionary<string, string>
        {
            ["Answers[owner_name]"] = "大阪 花子",
            ["Answers[owner_kana]"] = "オオサカ ハナコ",
            ["Answers[owner_address.postal_code]"] = "5300005",
            ["Answers[owner_address.prefecture]"] = "大阪府",
            ["Answers[owner_address.city]"] = "大阪市北区",
            ["Answers[owner_address.town]"] = "中之島",
            ["Answers[owner_address.street]"] = "1-3-20",
            ["Answers[phone]"] = "06-6208-8181",
            ["Answers[dog_name]"] = "ポチ",
            ["Answers[breed]"] = "柴犬",
            ["Answers[date_of_death]"] = "2026-11-01",
            ["Channel"] = "Mail",
            ["IdentityCheck"] = "MailCopy",
        });

        var caseId = ReceiptCaseId(await FileAsync(staff, "dog-death-notice", fields));

        Assert.Equal(Channel.Mail, (await DbAsync(db => db.Cases.SingleAsync(c => c.Id == caseId))).Channel);
        Assert.Equal(IdentityCheck.MailCopy, (await DbAsync(db => db.CounterReceptions.SingleAsync(r => r.CaseId == caseId))).IdentityCheck);
        Assert.Contains("郵送", (await staff.GetPageAsync($"/staff/counter/receipts/{caseId}")).Text("#receipt"));
    }

    [Fact]
    public async Task Invalid_input_changes_nothing_and_says_what_is_wrong_in_japanese()
    {
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var before = await CountsAsync();
        var fields = Visitor(Filing.DogAnswers(), kana: "Hanako");
        fields["Channel"] = "Counter";
        fields.Remove("Answers[dog_name]");

        var response = await FileAsync(staff, "dog-registration", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ReadAsync(response);
        var errors = page.ErrorSummary();
        Assert.Contains("本人確認の方法を選んでください", errors);
        Assert.Contains(errors, e => e.Contains("フリガナ", StringComparison.Ordinal));
        Assert.Contains("犬の名前を入力してください", errors);
        Assert.StartsWith("エラー", page.Title, StringComparison.Ordinal);
        Assert.Equal("大阪 花子", page.QuerySelector<IHtmlInputElement>("#answer-_visitor_name")!.Value);
        Assert.Equal(before, await CountsAsync());

        fields = AtCounter(Visitor(Filing.DogAnswers()), "Other");
        var noNote = await PortalClient.ReadAsync(await FileAsync(staff, "dog-registration", fields));
        Assert.Equal(["本人確認の補足に、確認した書類を入力してください"], noNote.ErrorSummary());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_channel_the_procedure_does_not_offer_is_refused()
    {
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var before = await CountsAsync();

        await staff.GetPageAsync("/staff/counter/oversized-waste", HttpStatusCode.NotFound);
        Assert.DoesNotContain("oversized-waste", (await staff.GetPageAsync("/staff/counter")).QuerySelector("#procedure")!.InnerHtml, StringComparison.Ordinal);
        var fields = Visitor(Filing.DogAnswers());
        fields["Channel"] = "Mail";
        fields["IdentityCheck"] = "MailCopy";
        var refused = await PortalClient.ReadAsync(await FileAsync(staff, "dog-registration", fields));

        Assert.Equal(["この手続きは選んだ方法では受け付けていません"], refused.ErrorSummary());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Staff_cannot_file_into_another_wards_unit()
    {
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var before = await CountsAsync();
        var miyakojima = await DbAsync(db => db.OrganisationUnits.Where(u => u.Kind == OrganisationUnitKind.WardOffice && u.NameJa == "都島区役所").Select(u => u.Id).SingleAsync());
        var fields = AtCounter(Visitor(Filing.DogAnswers()));
        fields["UnitId"] = miyakojima.ToString();

        var refused = await PortalClient.ReadAsync(await FileAsync(staff, "dog-registration", fields));

        Assert.Equal(["受付部署は、あなたが所属する部署から選んでください"], refused.ErrorSummary());
        Assert.Equal(before, await CountsAsync());

        // Nor read another ward's slip.
        var kitaCase = ReceiptCaseId(await FileAsync(staff, "dog-registration", AtCounter(Visitor(Filing.DogAnswers()))));
        var other = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);
        await other.GetPageAsync($"/staff/counter/receipts/{kitaCase}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_central_procedure_received_at_a_ward_counter_goes_to_the_central_centre()
    {
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var fields = AtCounter(Visitor(Filing.ResidenceAnswers()), "MyNumberCard");

        var caseId = ReceiptCaseId(await FileAsync(staff, "juminhyo-copy", fields));

        var (unit, received) = await DbAsync(async db => (
            await db.OrganisationUnits.SingleAsync(u => u.Id == db.Cases.Single(c => c.Id == caseId).OrganisationUnitId),
            await db.OrganisationUnits.SingleAsync(u => u.Id == db.CounterReceptions.Single(r => r.CaseId == caseId).ReceivingUnitId)));
        Assert.Equal(OrganisationUnitKind.CentralProcessingCentre, unit.Kind);
        Assert.Equal("北区役所", received.NameJa);
        Assert.Contains("手数料", (await staff.GetPageAsync($"/staff/counter/receipts/{caseId}")).Text("#receipt"));
        var central = await PortalClient.SignedInAsync(factory, Demo.CentralStaff);
        Assert.Contains("北区役所", (await central.GetPageAsync($"/staff/cases/{caseId}")).Text("#counter-reception"));
    }

    [Fact]
    public async Task A_scanned_letter_of_attorney_is_checked_by_its_content_like_a_citizens_upload()
    {
        var staff = await PortalClient.SignedInAsync(factory, Demo.CentralStaff);
        var before = await CountsAsync();
        var fields = AtCounter(Visitor(Filing.ResidenceAnswers()), "Passport");
        fields["Proxy.Filer"] = "proxy";
        fields["Answers[_subject_name]"] = "大阪 一郎";
        fields["Answers[_subject_kana]"] = "オオサカ イチロウ";
        fields["Answers[_relationship]"] = "父";
        fields["Channel"] = "Mail";
        fields["IdentityCheck"] = "MailCopy";

        var refused = await PortalClient.ReadAsync(await FileAsync(staff, "juminhyo-copy", fields, new TestFile("_proxy_letter", "委任状.pdf", "これはPDFではありません"u8.ToArray())));
        Assert.Equal(["委任状には PDF, JPEG, PNG のファイルを選んでください(ファイルの中身で判定しています)"], refused.ErrorSummary());
        Assert.Equal(before, await CountsAsync());

        var caseId = ReceiptCaseId(await FileAsync(staff, "juminhyo-copy", fields, new TestFile("_proxy_letter", "委任状.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray())));
        var detail = await staff.GetPageAsync($"/staff/cases/{caseId}");
        Assert.Contains("委任状.pdf", detail.Text("#attachments"));
        Assert.Contains("大阪 一郎", detail.Text("#proxy"));
    }

    [Fact]
    public async Task A_citizen_and_an_approver_are_denied_the_counter_pages()
    {
        foreach (var email in new[] { Demo.Citizen, Demo.KitaApprover })
        {
            var client = await PortalClient.SignedInAsync(factory, email);
            var denied = await client.Http.GetAsync("/staff/counter/dog-registration");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            await client.GetPageAsync("/account/access-denied", HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task A_double_submit_files_once()
    {
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var before = await CountsAsync();
        var form = await OpenAsync(staff, "dog-registration");
        var fields = AtCounter(Visitor(Filing.DogAnswers("ダブル")));

        var responses = await Task.WhenAll(PostAsync(staff, form, fields), PostAsync(staff, form, fields));
        var again = await PostAsync(staff, form, fields);

        var ids = responses.Append(again).Select(ReceiptCaseId).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal((before.Cases + 1, before.Receptions + 1), await CountsAsync());
    }
}
