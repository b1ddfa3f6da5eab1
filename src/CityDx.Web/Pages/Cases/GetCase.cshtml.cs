using CityDx.Application.Applications;
using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Application.Payments;
using CityDx.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Cases;

/// <summary>
/// 案件詳細, with the forms of the staff side: a workflow action (<see cref="TakeAction.Command"/>), claim/assign, a
/// correction request, a message or internal note, and an issued document for an approved case.
/// </summary>
public sealed class GetCaseModel(IMediator mediator, IssuedDocumentOptions documentOptions) : PageModel, IRedisplays, IShowsNotice
{
    public GetCase.Detail? Case { get; private set; }

    [BindProperty]
    public string? Action { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public int ExpectedVersion { get; set; }

    /// <summary>補正依頼: the questions to correct and why.</summary>
    [BindProperty]
    public List<string> FieldKeys { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>A message to the applicant or an internal note.</summary>
    [BindProperty]
    public MessageKind? Kind { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    /// <summary>交付物 and its last day of download (empty: the default validity).</summary>
    [BindProperty]
    public IFormFile? Document { get; set; }

    [BindProperty]
    public DateOnly? ExpiresOn { get; set; }

    public int DefaultValidDays => documentOptions.DefaultValidDays;

    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Case = await mediator.Send(new GetCase.Query(id), ct);
        return Case is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, () => mediator.Send(new TakeAction.Command(id, Action, Comment, ExpectedVersion), ct));

    [BindProperty]
    public string? AssigneeUserId { get; set; }

    public Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, () => mediator.Send(new AssignCase.Command(id, null, ExpectedVersion, Claim: true), ct), anchor: "#assign");

    public Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, () => mediator.Send(new AssignCase.Command(id, string.IsNullOrEmpty(AssigneeUserId) ? null : AssigneeUserId, ExpectedVersion), ct), anchor: "#assign");

    public Task<IActionResult> OnPostRequestCorrectionAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, () => mediator.Send(new RequestCorrection.Command(id, FieldKeys, Reason, ExpectedVersion), ct));

    [BindProperty]
    public int? FeeYen { get; set; }

    public Task<IActionResult> OnPostSetFeeAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, () => mediator.Send(new SetFee.Command(id, FeeYen, ExpectedVersion), ct), anchor: "#fee-form");

    [BindProperty]
    public DateOnly? PaidOn { get; set; }

    [BindProperty]
    public string? PaymentChannel { get; set; }

    [BindProperty]
    public string? PaymentReference { get; set; }

    public Task<IActionResult> OnPostRecordPaymentAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, () => mediator.Send(new RecordFeePayment.Command(id, PaidOn, PaymentChannel, PaymentReference, ExpectedVersion), ct), anchor: "#payments-title");

    [BindProperty]
    public int? RefundYen { get; set; }

    [BindProperty]
    public DateOnly? RefundedOn { get; set; }

    [BindProperty]
    public string? RefundReason { get; set; }

    public Task<IActionResult> OnPostRefundAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, () => mediator.Send(new RefundFee.Command(id, RefundYen, RefundedOn, RefundReason, ExpectedVersion), ct), anchor: "#payments-title");

    public Task<IActionResult> OnPostMessageAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, () => mediator.Send(new WriteCaseMessage.Command(id, Kind ?? 0, Body), ct), anchor: "#messages");

    public Task<IActionResult> OnPostIssueDocumentAsync(Guid id, CancellationToken ct)
    {
        var file = Document is { } d ? new UploadedFile("document", d.FileName, d.Length, d.OpenReadStream) : null;
        return SendAsync(id, () => mediator.Send(new IssueDocument.Command(id, file, ExpiresOn), ct), anchor: "#documents");
    }

    /// <summary>Runs one of the page's commands: back to the case on success (a refusal is shown by <see cref="RedisplayAsync"/>).</summary>
    private async Task<IActionResult> SendAsync<T>(Guid id, Func<ValueTask<T>> send, string anchor = "") =>
        await send() is null ? NotFound() : Redirect($"/staff/cases/{id}{anchor}");

    /// <summary>The case as it now stands with the errors, or with the notice that someone else acted first (their result, not this person's choice of action).</summary>
    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct)
    {
        if (refusal.Error is ConflictException && refusal.Handler is null)
        {
            Action = null;
        }

        return OnGetAsync(refusal.Id, ct);
    }
}
