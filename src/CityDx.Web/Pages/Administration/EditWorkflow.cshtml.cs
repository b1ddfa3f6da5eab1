using CityDx.Application.Administration;
using CityDx.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Administration;

/// <summary>業務フローの設定: one form per edit (options, a state, an action, removals), each a command of <see cref="EditWorkflow"/>.</summary>
public sealed class EditWorkflowModel(IMediator mediator) : PageModel, INamesErrors, IRedisplays
{
    public EditWorkflow.View? View { get; private set; }

    [BindProperty]
    public bool RequiresApproval { get; set; }

    [BindProperty]
    public int? EscalateWhenOverdueDays { get; set; }

    /// <summary>支払確認後に審査; <see cref="PaymentGateShown"/> tells an unticked box from a form without it.</summary>
    [BindProperty]
    public bool PaymentBeforeReview { get; set; }

    [BindProperty]
    public bool PaymentGateShown { get; set; }

    [BindProperty]
    public string? StateCode { get; set; }

    [BindProperty]
    public string? StateNameJa { get; set; }

    [BindProperty]
    public string? StateNameEn { get; set; }

    [BindProperty]
    public bool ClockRuns { get; set; } = true;

    [BindProperty]
    public bool Terminal { get; set; }

    [BindProperty]
    public Outcome Outcome { get; set; }

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? ActionCode { get; set; }

    [BindProperty]
    public string? ActionNameJa { get; set; }

    [BindProperty]
    public string? ActionNameEn { get; set; }

    [BindProperty]
    public string? To { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public bool CommentRequired { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        View = await mediator.Send(new EditWorkflow.Query(code), ct);
        if (View is null)
        {
            return NotFound();
        }

        RequiresApproval = View.RequiresApproval;
        EscalateWhenOverdueDays = View.EscalateWhenOverdueDays;
        PaymentBeforeReview = View.PaymentBeforeReview;
        RetentionYears = View.RetentionYears;
        return Page();
    }

    public Task<IActionResult> OnPostOptionsAsync(string code, CancellationToken ct) =>
        SendAsync(code, () => mediator.Send(new EditWorkflow.SetOptions(code, RequiresApproval, EscalateWhenOverdueDays, PaymentGateShown ? PaymentBeforeReview : null), ct));

    [BindProperty]
    public int? RetentionYears { get; set; }

    public Task<IActionResult> OnPostRetentionAsync(string code, CancellationToken ct) =>
        SendAsync(code, () => mediator.Send(new SetRetention.Command(code, RetentionYears), ct));

    public Task<IActionResult> OnPostAddStateAsync(string code, CancellationToken ct) =>
        SendAsync(code, () => mediator.Send(new EditWorkflow.AddState(code, StateCode, StateNameJa, StateNameEn, ClockRuns, Terminal, Outcome), ct));

    public Task<IActionResult> OnPostRemoveStateAsync(string code, string state, CancellationToken ct) =>
        SendAsync(code, () => mediator.Send(new EditWorkflow.RemoveState(code, state), ct));

    public Task<IActionResult> OnPostAddTransitionAsync(string code, CancellationToken ct) =>
        SendAsync(code, () => mediator.Send(new EditWorkflow.AddTransition(code, From, ActionCode, ActionNameJa, ActionNameEn, To, Role, CommentRequired), ct));

    public Task<IActionResult> OnPostRemoveTransitionAsync(string code, string from, string action, string role, CancellationToken ct) =>
        SendAsync(code, () => mediator.Send(new EditWorkflow.RemoveTransition(code, from, action, role), ct));

    private async Task<IActionResult> SendAsync(string code, Func<ValueTask<bool>> send) =>
        await send() ? Redirect($"/admin/procedures/{Uri.EscapeDataString(code)}/workflow") : NotFound();

    /// <summary>The forms that add a state or an action name their inputs after what they add.</summary>
    public string InputFor(string property, string? handler) => (handler, property) switch
    {
        ("AddState", "Code") => nameof(StateCode),
        ("AddState", "NameJa") => nameof(StateNameJa),
        ("AddState", "NameEn") => nameof(StateNameEn),
        ("AddTransition", "Action") => nameof(ActionCode),
        ("AddTransition", "NameJa") => nameof(ActionNameJa),
        ("AddTransition", "NameEn") => nameof(ActionNameEn),
        _ => property,
    };

    /// <summary>The workflow as it stands, with what was typed kept.</summary>
    public async Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct)
    {
        View = await mediator.Send(new EditWorkflow.Query(refusal.Code), ct);
        return View is null ? NotFound() : Page();
    }
}
