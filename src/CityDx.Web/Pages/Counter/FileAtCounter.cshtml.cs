using CityDx.Application.Common;
using CityDx.Application.Counter;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Web.Pages.Shared;
using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Counter;

/// <summary>
/// 窓口代行申請: first the procedure, then one page with the reception (channel, receiving unit), the
/// visitor, the identity check, 代理申請 and every step of the procedure's form. Staff work on a
/// desktop, so the form is one page rather than the citizen's one-question-group-per-page flow; the
/// browser script hides questions whose condition does not hold, and the server decides them again.
/// Works without JavaScript. A successful filing goes to the printable 受付票.
/// </summary>
[EnableRateLimiting(RateLimitOptions.FilingPolicy)]
public sealed class FileAtCounterModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel
{
    public FileAtCounter.CounterPage? Form { get; private set; }

    [BindProperty(SupportsGet = true, Name = "procedure")]
    public string? ProcedureCode { get; set; }

    /// <summary>The submission key: made when the form is first shown, so a double click files once.</summary>
    [BindProperty]
    public Guid SubmissionKey { get; set; }

    [BindProperty]
    public Channel? Channel { get; set; }

    [BindProperty]
    public Guid? UnitId { get; set; }

    /// <summary>"account" (an existing account, by email) or "none" (name, フリガナ, contact).</summary>
    [BindProperty]
    public string? Visitor { get; set; }

    [BindProperty]
    public string? AccountEmail { get; set; }

    [BindProperty]
    public IdentityCheck? IdentityCheck { get; set; }

    [BindProperty]
    public string? IdentityNote { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Answers { get; set; } = [];

    public sealed class ProxyForm
    {
        public string? Filer { get; set; }
    }

    [BindProperty]
    public ProxyForm Proxy { get; set; } = new();

    public Dictionary<string, string> LookupStatus { get; } = [];

    public Dictionary<string, string> AnswerErrors() => AnswerForm.AnswerErrors(ModelState);

    /// <summary>Every question the page asks: the visitor's, the proxy's and the procedure's (for reading the post).</summary>
    private IEnumerable<FormField> AllFields =>
        FileAtCounter.VisitorForm.Fields.Concat(Form?.Procedure?.Definition.Fields ?? []);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (RouteData.Values["procedure"] is null && !string.IsNullOrEmpty(ProcedureCode))
        {
            // The chooser is a GET form (?procedure=code): the form's own URL carries the code in its path.
            return Redirect($"/staff/counter/{Uri.EscapeDataString(ProcedureCode)}");
        }

        if (await LoadAsync(ct) is { } notFound)
        {
            return notFound;
        }

        SubmissionKey = Guid.NewGuid();
        Visitor = FileAtCounter.VisitorNoAccount;
        UnitId = Form!.Units.Count == 1 ? Form.Units[0].Id : null;
        Channel = Form.Procedure is { } p && !p.Channels.HasFlag(Domain.Procedures.ChannelSet.Counter) ? Domain.Cases.Channel.Mail : Domain.Cases.Channel.Counter;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } notFound)
        {
            return notFound;
        }

        if (Form!.Procedure is null)
        {
            return NotFound();
        }

        Answers = AnswerForm.ReadAnswers(Request, AllFields) ?? Answers;
        var filed = await mediator.Send(new FileAtCounter.Command(
            SubmissionKey, Form.Procedure.Code, Channel, UnitId, Visitor, AccountEmail, IdentityCheck, IdentityNote,
            Proxy.Filer == "proxy", Answers, AnswerForm.ReadFiles(Request)), ct);
        return filed is null ? NotFound() : Redirect($"/staff/counter/receipts/{filed.CaseId}");
    }

    /// <summary>行を追加 without JavaScript: one more row of the group, everything typed kept, nothing checked.</summary>
    public async Task<IActionResult> OnPostAddRowAsync(string? addRow, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } notFound)
        {
            return notFound;
        }

        ModelState.Clear();
        Answers = AnswerForm.ReadAnswers(Request, AllFields) ?? Answers;
        AnswerForm.AddRow(AllFields, addRow, Answers);
        return Page();
    }

    /// <summary>住所を検索 without JavaScript: the address parts filled from the postal code, everything typed kept.</summary>
    public async Task<IActionResult> OnPostLookupAsync(string? lookup, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } notFound)
        {
            return notFound;
        }

        ModelState.Clear();
        Answers = AnswerForm.ReadAnswers(Request, AllFields) ?? Answers;
        await AnswerForm.LookupAddressAsync(mediator, l, AllFields, lookup, Answers, LookupStatus, ModelState, ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Form = await mediator.Send(new FileAtCounter.Query(ProcedureCode), ct);
        return Form.ProcedureNotFound ? NotFound() : null;
    }
}
