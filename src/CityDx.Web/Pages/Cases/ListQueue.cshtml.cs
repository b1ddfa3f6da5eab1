using CityDx.Application.Cases;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Cases;

/// <summary>
/// 案件一覧(処理待ち) with its filters and 一括処理: the batch form posts the chosen cases (or "all
/// matching the filter") and one action; the page then lists each case's result.
/// </summary>
public sealed class ListQueueModel(IMediator mediator, QueueOptions options, IValidator<ListQueue.Query> queueRules) : PageModel, INamesErrors, IRedisplays
{
    [BindProperty(SupportsGet = true)]
    public QueueFilterForm Filter { get; set; } = new();

    [FromQuery(Name = "after")]
    public string? After { get; set; }

    public ListQueue.Page? Result { get; private set; }

    public BatchAction.Result? BatchResult { get; private set; }

    public int BatchLimit => options.BatchLimit;

    /// <summary>Personal columns are offered only to the roles allowed them (the export refuses them otherwise).</summary>
    public bool CanExportPersonal => options.PersonalDataRoles.Any(User.IsInRole);

    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    [BindProperty]
    public bool AllMatching { get; set; }

    [BindProperty]
    public string? BatchActionCode { get; set; }

    [BindProperty]
    public string? BatchComment { get; set; }

    [BindProperty]
    public string? BatchAssignee { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Result = await mediator.Send(new ListQueue.Query(Filter.ToFilter(), Filter.SortOrDefault, After), ct);
        return Page();
    }

    /// <summary>The filter's request properties → the ids of the filter's inputs (so the error summary links to them).</summary>
    public static readonly IReadOnlyDictionary<string, string> FilterFields = new Dictionary<string, string>
    {
        ["Filter.Status"] = "status",
        ["Filter.Assignee"] = "assignee",
        ["Filter.Due"] = "due",
        ["Filter.DueWithinDays"] = "within",
        ["Filter.FiledTo"] = "to",
        ["Filter.Channel"] = "channel",
        ["Filter.ReceiptNumber"] = "receipt",
        ["Filter.Kana"] = "kana",
        ["Sort"] = "sort",
        ["After"] = "status",
    };

    /// <summary>The batch command's properties → the batch form's inputs; a conflict is told beside the chosen cases.</summary>
    private static readonly IReadOnlyDictionary<string, string> BatchFields = new Dictionary<string, string>
    {
        [nameof(BatchAction.Command.Action)] = nameof(BatchActionCode),
        [nameof(BatchAction.Command.Comment)] = nameof(BatchComment),
        [nameof(BatchAction.Command.AssigneeUserId)] = nameof(BatchAssignee),
        [nameof(BatchAction.Command.CaseIds)] = "batch-cases",
        [nameof(BatchAction.Command.AllMatching)] = "batch-cases",
        [""] = "batch-cases",
    };

    public string InputFor(string property, string? handler) => (handler == "Batch" ? BatchFields : FilterFields).GetValueOrDefault(property, property);

    public async Task<IActionResult> OnPostBatchAsync(CancellationToken ct)
    {
        // The filter the batch came from is checked by the queue's own rules first: a refused filter runs no batch.
        var filterCheck = await queueRules.ValidateAsync(new ListQueue.Query(Filter.ToFilter(), Filter.SortOrDefault), ct);
        if (!filterCheck.IsValid)
        {
            this.AddValidationErrors(new ValidationException(filterCheck.Errors), p => FilterFields.GetValueOrDefault(p, p));
            return await ShowAsync(new ListQueue.Query(new ListQueue.Filter()), ct);
        }

        BatchResult = await mediator.Send(new BatchAction.Command(Selected, AllMatching ? Filter.ToFilter() : null, BatchActionCode, BatchComment,
            string.IsNullOrEmpty(BatchAssignee) ? null : BatchAssignee), ct);
        return await ShowAsync(new ListQueue.Query(Filter.ToFilter(), Filter.SortOrDefault), ct);
    }

    /// <summary>
    /// A refused batch: the queue as filtered, with why. A bad filter value (or a tampered cursor):
    /// say what is wrong and show the first page unfiltered.
    /// </summary>
    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct) =>
        ShowAsync(refusal.Handler == "Batch" ? new ListQueue.Query(Filter.ToFilter(), Filter.SortOrDefault) : new ListQueue.Query(new ListQueue.Filter()), ct);

    private async Task<IActionResult> ShowAsync(ListQueue.Query query, CancellationToken ct)
    {
        Result = await mediator.Send(query, ct);
        return Page();
    }
}
