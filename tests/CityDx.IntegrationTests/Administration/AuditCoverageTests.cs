using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Domain.Auditing;
using CityDx.Domain.Forms;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CityDx.IntegrationTests.Administration;

/// <summary>
/// 監査ログ (issue #16, item 4): counter filing and its 受付票 leave entries, and every admin change to
/// procedures, forms, workflows, staff time standards and API clients is recorded before → after,
/// without personal data or secrets.
/// </summary>
public sealed class AuditCoverageTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private Task<List<AuditEntry>> EntriesAsync(string action) =>
        ApiClients.QueryAsync(factory, db => db.AuditLog.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync());

    private Task<string> UserIdAsync(string email) =>
        ApiClients.QueryAsync(factory, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task Counter_filing_and_opening_its_receipt_are_each_recorded_without_the_visitors_details()
    {
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var page = await staff.GetPageAsync("/staff/counter/dog-registration");
        var form = page.QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        var fields = Filing.DogAnswers("ポチ");
        fields["Channel"] = "Counter";
        fields["IdentityCheck"] = "DriversLicence";
        fields["Visitor"] = "none";
        fields["Answers[_visitor_name]"] = "窓口 監査子";
        fields["Answers[_visitor_kana]"] = "まどぐち かんさこ";
        fields["Answers[_visitor_phone]"] = "090-3333-4444";
        if (page.QuerySelector<IHtmlSelectElement>("#UnitId")?.Value is { Length: > 0 } unit)
        {
            fields["UnitId"] = unit;
        }

        var content = new MultipartFormDataContent();
        foreach (var (key, value) in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Where(i => !fields.ContainsKey(i.Name!))
                     .Select(i => (i.Name!, i.Value)).Concat(fields.Select(f => (f.Key, f.Value))))
        {
            content.Add(new StringContent(value), key);
        }

        var filed = await staff.Http.PostAsync("/staff/counter/dog-registration", content);
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var caseId = Guid.Parse(filed.Headers.Location!.ToString().Split('/')[4]);
        var receipt = await ApiClients.QueryAsync(factory, db => db.Cases.Where(c => c.Id == caseId).Select(c => c.ReceiptNumber).SingleAsync());
        var staffId = await UserIdAsync(Demo.KitaStaff);

        var filing = Assert.Single(await EntriesAsync(AuditActions.CounterFile), e => e.CaseId == caseId);
        Assert.Equal((staffId, AuditOutcome.Ok, receipt, "dog-registration FileAtCounter"), (filing.ActorId, filing.Outcome, filing.ReceiptNumber, filing.Detail));
        Assert.Null(filing.Changes);

        await staff.GetPageAsync($"/staff/counter/receipts/{caseId}");
        var read = Assert.Single(await EntriesAsync(AuditActions.CounterReceptionRead), e => e.CaseId == caseId);
        Assert.Equal((staffId, receipt), (read.ActorId, read.ReceiptNumber));

        var all = await ApiClients.QueryAsync(factory, db => db.AuditLog.AsNoTracking().Where(e => e.CaseId == caseId).ToListAsync());
        Assert.DoesNotContain(all, e => $"{e.Detail}{e.Changes}".Contains("監査子", StringComparison.Ordinal) || $"{e.Detail}{e.Changes}".Contains("3333", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Procedure_workflow_and_staff_time_changes_record_before_and_after()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var adminId = await UserIdAsync(Demo.Admin);

        // A procedure created, then its name edited: the edit shows the old and the new name, and nothing that did not change.
        var osaka = await ApiClients.QueryAsync(factory, db => db.OrganisationUnits.Where(u => u.Code == "osaka").Select(u => u.Id).SingleAsync());
        var values = new Dictionary<string, string>
        {
            ["Input.Code"] = "audit-proc",
            ["Input.NameJa"] = "監査の手続き",
            ["Input.NameEn"] = "Audit procedure",
            ["Input.Category"] = "registration",
            ["Input.LifeEvents"] = "moving",
            ["Input.FeeYen"] = "0",
            ["Input.FeeTiming"] = "AtFiling",
            ["Input.StandardProcessingDays"] = "3",
            ["Input.Routing"] = "CentralProcessingCentre",
            ["Input.ChannelList"] = "Online",
            ["Input.OwningUnitId"] = osaka.ToString(),
        };
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/procedures/new", values)).StatusCode);
        values["Input.NameJa"] = "監査の手続き(改)";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/procedures/audit-proc/edit", values)).StatusCode);
        var procedure = await EntriesAsync(AuditActions.ProcedureChange);
        Assert.Equal(2, procedure.Count);
        Assert.Equal((adminId, "audit-proc SaveProcedure"), (procedure[1].ActorId, procedure[1].Detail));
        Assert.Contains("\"op\":\"+\"", procedure[0].Changes, StringComparison.Ordinal);
        Assert.Contains("\"NameJa\":[\"監査の手続き\",\"監査の手続き(改)\"]", procedure[1].Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("\"NameEn\"", procedure[1].Changes, StringComparison.Ordinal);

        // A workflow option: the workflow JSON is compared leaf by leaf.
        const string url = "/admin/procedures/dog-death-notice/workflow";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(url,
            new() { ["StateCode"] = "AuditVisit", ["StateNameJa"] = "監査確認中", ["StateNameEn"] = "Audit visit", ["ClockRuns"] = "false" },
            "form[action*=AddState]", url + "?handler=AddState")).StatusCode);
        var workflow = Assert.Single(await EntriesAsync(AuditActions.WorkflowChange));
        Assert.Equal("dog-death-notice AddState", workflow.Detail);
        Assert.Contains("WorkflowJson $.", workflow.Changes, StringComparison.Ordinal);
        Assert.Contains("\"AuditVisit\"", workflow.Changes, StringComparison.Ordinal);
        Assert.True(workflow.Changes!.Length < 2000, "only the changed leaves, not the whole workflow twice");

        // Staff time: from nothing to the values set.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/procedures/dog-death-notice/staff-time",
            new() { ["CounterMinutes"] = "25", ["OnlineMinutes"] = "5", ["OnlineSince"] = "2026-04-01" })).StatusCode);
        var time = Assert.Single(await EntriesAsync(AuditActions.StaffTimeChange));
        Assert.Contains("\"CounterMinutes\":[null,25]", time.Changes, StringComparison.Ordinal);
        Assert.Contains("\"OnlineMinutes\":[null,5]", time.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_edits_and_api_clients_are_recorded_and_secrets_never_are()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var editor = "/admin/procedures/dog-registration/form";
        await SubmitHandlerAsync(admin, editor, "StartDraft", []);
        await SubmitHandlerAsync(admin, editor, "AddField", new()
        {
            ["NewField.StepKey"] = "main",
            ["NewField.Type"] = nameof(FieldType.ShortText),
            ["NewField.Key"] = "audit_probe",
            ["NewField.LabelJa"] = "監査の確認",
            ["NewField.LabelEn"] = "Audit probe",
        });
        var forms = await EntriesAsync(AuditActions.FormChange);
        Assert.Equal(["dog-registration StartDraft", "dog-registration AddField"], forms.Select(e => e.Detail));
        Assert.Contains("form_versions", forms[0].Changes, StringComparison.Ordinal);
        Assert.Contains("audit_probe", forms[1].Changes, StringComparison.Ordinal);

        var (clientId, credential) = await ApiClients.RegisterAsync(factory, admin, "監査の連携先", "kita");
        var registered = Assert.Single(await EntriesAsync(AuditActions.ApiClientRegister));
        Assert.Contains("監査の連携先", registered.Changes, StringComparison.Ordinal);
        Assert.Contains("api_client_units", registered.Changes, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await CaseForms.PostAsync(admin, "/admin/api-clients", $"form[action*='{clientId}'][action*=Rotate]", [])).StatusCode);
        var rotated = Assert.Single(await EntriesAsync(AuditActions.ApiClientRotate));
        Assert.Contains("[\"***\",\"***\"]", rotated.Changes, StringComparison.Ordinal);
        var secret = credential[32..];
        Assert.DoesNotContain(await ApiClients.QueryAsync(factory, db => db.AuditLog.AsNoTracking().Where(e => e.Changes != null).ToListAsync()),
            e => e.Changes!.Contains(secret, StringComparison.Ordinal));
    }

    private static async Task SubmitHandlerAsync(PortalClient client, string pageUrl, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetPageAsync(pageUrl);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form[method=post]")
            .First(f => (f.GetAttribute("action") ?? "").Contains("handler=" + handler, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(form, fields, form.GetAttribute("action")!)).StatusCode);
    }
}
