using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace CityDx.Domain.Cases;

/// <summary>
/// A state of a workflow. <see cref="ClockRuns"/> says whether the SLA clock counts days spent in
/// it (it stops while the applicant corrects); a terminal state has no way out; the outcome says
/// what reaching it means (approved, rejected, withdrawn) for the citizen and for statistics.
/// Names are only needed for states an admin added: built-in states are named by the resources.
/// </summary>
public sealed record WorkflowState(string Code, bool ClockRuns, bool Terminal, Outcome Outcome = Outcome.None, string? NameJa = null, string? NameEn = null)
{
    /// <summary>An open state: still being worked (counts in queues and backlog).</summary>
    [JsonIgnore]
    public bool IsOpen => !Terminal;

    /// <summary>The clock is stopped for a while (not for good): days in it are added to the due date on leaving.</summary>
    [JsonIgnore]
    public bool PausesClock => !ClockRuns && !Terminal && Outcome == Outcome.None;
}

/// <summary>An action leading from one state to another, the role allowed to take it, and whether it needs a comment.</summary>
public sealed record WorkflowTransition(string Action, string From, string To, string Role, bool CommentRequired = false, string? NameJa = null, string? NameEn = null);

/// <summary>A problem that makes a workflow unusable, with the code of a message for the admin.</summary>
public sealed record WorkflowProblem(string Code, string Detail);

/// <summary>
/// 業務フロー: the workflow of a procedure as data — states, the actions allowed from each state,
/// the role allowed to take each action, whether the SLA clock runs in a state, which states are
/// terminal, and when an overdue case is escalated. Every transition of every case goes through
/// <see cref="Find"/>, so there is one place that says what is allowed. Immutable: each edit returns
/// a new workflow, checked by <see cref="Problems"/> before it is saved.
/// </summary>
public sealed partial class CaseWorkflow
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The default workflow with the approval step (決裁): most procedures use it.</summary>
    public static readonly CaseWorkflow Default = CreateDefault(withApproval: true);

    /// <summary>The default workflow without the approval step: staff decide.</summary>
    public static readonly CaseWorkflow DefaultWithoutApproval = CreateDefault(withApproval: false);

    [JsonConstructor]
    public CaseWorkflow(IReadOnlyList<WorkflowState> states, IReadOnlyList<WorkflowTransition> transitions, int? escalateWhenOverdueDays = null, bool paymentBeforeReview = true)
    {
        States = states;
        Transitions = transitions;
        EscalateWhenOverdueDays = escalateWhenOverdueDays;
        PaymentBeforeReview = paymentBeforeReview;
    }

    public IReadOnlyList<WorkflowState> States { get; }
    public IReadOnlyList<WorkflowTransition> Transitions { get; }

    /// <summary>Escalation rule: when a case is overdue by this many business days, the unit's approvers are told. Null: never.</summary>
    public int? EscalateWhenOverdueDays { get; }

    /// <summary>
    /// 支払確認後に審査: a case whose fee was due at filing cannot be taken into review (or decided
    /// other than by rejection) by staff until it is paid; a correction request and the applicant's
    /// withdrawal stay possible. On unless an admin turns it off.
    /// </summary>
    public bool PaymentBeforeReview { get; }

    /// <summary>Whether a reviewer's recommendation goes to an approver (決裁) before the decision.</summary>
    public bool RequiresApproval => Transitions.Any(t => t.To == CaseStatus.AwaitingApproval);

    public static CaseWorkflow CreateDefault(bool withApproval)
    {
        const string staff = WorkflowRole.Staff, applicant = WorkflowRole.Applicant, approver = WorkflowRole.Approver;
        List<WorkflowState> states =
        [
            new(CaseStatus.Submitted, ClockRuns: true, Terminal: false),
            new(CaseStatus.UnderReview, ClockRuns: true, Terminal: false),
            new(CaseStatus.AwaitingCorrection, ClockRuns: false, Terminal: false),
            new(CaseStatus.Approved, ClockRuns: false, Terminal: false, Outcome.Approved),
            new(CaseStatus.Completed, ClockRuns: false, Terminal: true, Outcome.Approved),
            new(CaseStatus.Rejected, ClockRuns: false, Terminal: true, Outcome.Rejected),
            new(CaseStatus.Withdrawn, ClockRuns: false, Terminal: true, Outcome.Withdrawn),
        ];
        List<WorkflowTransition> transitions =
        [
            new(CaseAction.StartReview, CaseStatus.Submitted, CaseStatus.UnderReview, staff),
            new(CaseAction.RequestCorrection, CaseStatus.Submitted, CaseStatus.AwaitingCorrection, staff, CommentRequired: true),
            new(CaseAction.RequestCorrection, CaseStatus.UnderReview, CaseStatus.AwaitingCorrection, staff, CommentRequired: true),
            new(CaseAction.Resubmit, CaseStatus.AwaitingCorrection, CaseStatus.UnderReview, applicant),
            new(CaseAction.ResumeReview, CaseStatus.AwaitingCorrection, CaseStatus.UnderReview, staff, CommentRequired: true),
            new(CaseAction.Withdraw, CaseStatus.Submitted, CaseStatus.Withdrawn, applicant, CommentRequired: true),
            new(CaseAction.Withdraw, CaseStatus.UnderReview, CaseStatus.Withdrawn, applicant, CommentRequired: true),
            new(CaseAction.Withdraw, CaseStatus.AwaitingCorrection, CaseStatus.Withdrawn, applicant, CommentRequired: true),
            new(CaseAction.Complete, CaseStatus.Approved, CaseStatus.Completed, staff),
        ];
        if (withApproval)
        {
            states.Insert(3, new(CaseStatus.AwaitingApproval, ClockRuns: true, Terminal: false));
            transitions.AddRange(
            [
                new(CaseAction.SubmitForApproval, CaseStatus.Submitted, CaseStatus.AwaitingApproval, staff),
                new(CaseAction.SubmitForApproval, CaseStatus.UnderReview, CaseStatus.AwaitingApproval, staff),
                new(CaseAction.Approve, CaseStatus.AwaitingApproval, CaseStatus.Approved, approver),
                new(CaseAction.Reject, CaseStatus.AwaitingApproval, CaseStatus.Rejected, approver, CommentRequired: true),
                new(CaseAction.ReturnToReview, CaseStatus.AwaitingApproval, CaseStatus.UnderReview, approver, CommentRequired: true),
                new(CaseAction.Withdraw, CaseStatus.AwaitingApproval, CaseStatus.Withdrawn, applicant, CommentRequired: true),
            ]);
        }
        else
        {
            transitions.AddRange(
            [
                new(CaseAction.Approve, CaseStatus.Submitted, CaseStatus.Approved, staff),
                new(CaseAction.Approve, CaseStatus.UnderReview, CaseStatus.Approved, staff),
                new(CaseAction.Reject, CaseStatus.Submitted, CaseStatus.Rejected, staff, CommentRequired: true),
                new(CaseAction.Reject, CaseStatus.UnderReview, CaseStatus.Rejected, staff, CommentRequired: true),
            ]);
        }

        return new CaseWorkflow(states, transitions);
    }

    public WorkflowState? State(string code) => States.FirstOrDefault(s => s.Code == code);

    public bool IsTerminal(string code) => State(code)?.Terminal ?? false;

    public Outcome OutcomeOf(string code) => State(code)?.Outcome ?? Outcome.None;

    public IEnumerable<string> OpenStates => States.Where(s => s.IsOpen).Select(s => s.Code);

    public WorkflowTransition? Find(string from, string action, string role) =>
        Transitions.FirstOrDefault(t => t.From == from && t.Action == action && t.Role == role);

    /// <summary>The first transition of this action from this state that any of the roles may take.</summary>
    public WorkflowTransition? Find(string from, string action, IReadOnlyCollection<string> roles) =>
        Transitions.FirstOrDefault(t => t.From == from && t.Action == action && roles.Contains(t.Role));

    public IEnumerable<WorkflowTransition> AvailableFrom(string from, IReadOnlyCollection<string> roles) =>
        Transitions.Where(t => t.From == from && roles.Contains(t.Role));

    /// <summary>The roles (Staff, Approver) that can move a case on from this state; empty when only the applicant can, or none.</summary>
    public IReadOnlyList<string> RolesToLeave(string state) =>
        [.. Transitions.Where(t => t.From == state && t.Role != WorkflowRole.Applicant).Select(t => t.Role).Distinct().OrderByDescending(r => r == WorkflowRole.Approver)];

    /// <summary>
    /// Every case can finish: the role nobody holds that a case in this state waits for (null when
    /// someone can move it on, or only the applicant can). <paramref name="held"/> says whether a person of the
    /// case's unit holds a role.
    /// </summary>
    public string? MissingRoleToLeave(string state, Func<string, bool> held)
    {
        var roles = RolesToLeave(state);
        return roles.Count == 0 || roles.Any(held) ? null : roles[0];
    }

    // ---- editing (admins) --------------------------------------------------------------------

    /// <summary>Turns the approval step (決裁待ち) on or off, keeping the states and actions an admin added.</summary>
    public CaseWorkflow WithApproval(bool on)
    {
        if (on == RequiresApproval)
        {
            return this;
        }

        var baseline = CreateDefault(on);
        var added = States.Where(s => !CaseStatus.IsBuiltIn(s.Code));
        var addedTransitions = Transitions.Where(t => !CaseStatus.IsBuiltIn(t.From) || !CaseStatus.IsBuiltIn(t.To) || !CaseAction.IsBuiltIn(t.Action));
        return new CaseWorkflow([.. baseline.States, .. added], [.. baseline.Transitions, .. addedTransitions], EscalateWhenOverdueDays, PaymentBeforeReview);
    }

    public CaseWorkflow WithEscalation(int? overdueDays) => new(States, Transitions, overdueDays, PaymentBeforeReview);

    public CaseWorkflow WithPaymentBeforeReview(bool on) => new(States, Transitions, EscalateWhenOverdueDays, on);

    public CaseWorkflow WithState(WorkflowState state) =>
        new([.. States.Where(s => s.Code != state.Code), state], Transitions, EscalateWhenOverdueDays, PaymentBeforeReview);

    public CaseWorkflow WithoutState(string code) =>
        new([.. States.Where(s => s.Code != code)], [.. Transitions.Where(t => t.From != code && t.To != code)], EscalateWhenOverdueDays, PaymentBeforeReview);

    public CaseWorkflow WithTransition(WorkflowTransition transition) =>
        new(States, [.. Transitions.Where(t => !(t.From == transition.From && t.Action == transition.Action && t.Role == transition.Role)), transition], EscalateWhenOverdueDays, PaymentBeforeReview);

    public CaseWorkflow WithoutTransition(string from, string action, string role) =>
        new(States, [.. Transitions.Where(t => !(t.From == from && t.Action == action && t.Role == role))], EscalateWhenOverdueDays, PaymentBeforeReview);

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{1,39}$")]
    private static partial Regex CodePattern();

    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>
    /// What makes this workflow unusable: the built-in states the portal relies on (filing,
    /// correction, withdrawal) must stay; every transition joins known states; terminal states
    /// have no way out and every other state has one; every state can be reached; one action from
    /// one state leads to one place for a role; added states and actions have names in both languages.
    /// </summary>
    public IReadOnlyList<WorkflowProblem> Problems()
    {
        var problems = new List<WorkflowProblem>();
        var codes = States.Select(s => s.Code).ToList();
        foreach (var required in new[] { CaseStatus.Submitted, CaseStatus.AwaitingCorrection, CaseStatus.Withdrawn })
        {
            if (!codes.Contains(required))
            {
                problems.Add(new("Workflow.RequiredState", required));
            }
        }

        foreach (var duplicate in codes.GroupBy(c => c).Where(g => g.Count() > 1))
        {
            problems.Add(new("Workflow.DuplicateState", duplicate.Key));
        }

        foreach (var s in States)
        {
            if (!IsValidCode(s.Code))
            {
                problems.Add(new("Workflow.BadCode", s.Code));
            }

            if (!CaseStatus.IsBuiltIn(s.Code) && (string.IsNullOrWhiteSpace(s.NameJa) || string.IsNullOrWhiteSpace(s.NameEn)))
            {
                problems.Add(new("Workflow.StateNeedsNames", s.Code));
            }

            if (s.Terminal && s.Outcome == Outcome.None)
            {
                problems.Add(new("Workflow.TerminalNeedsOutcome", s.Code));
            }

            var outgoing = Transitions.Count(t => t.From == s.Code);
            var reachable = s.Code == CaseStatus.Submitted || Transitions.Any(t => t.To == s.Code && t.From != s.Code);
            if (s.Terminal && outgoing > 0)
            {
                problems.Add(new("Workflow.TerminalHasExit", s.Code));
            }
            else if (!s.Terminal && outgoing == 0 && reachable)
            {
                // A way in and no way out would trap cases (an unreachable state is only unused).
                problems.Add(new("Workflow.DeadEnd", s.Code));
            }

            if (!reachable)
            {
                problems.Add(new("Workflow.Unreachable", s.Code));
            }
        }

        foreach (var t in Transitions)
        {
            if (!codes.Contains(t.From) || !codes.Contains(t.To))
            {
                problems.Add(new("Workflow.UnknownState", $"{t.From} → {t.To}"));
            }

            if (!WorkflowRole.All.Contains(t.Role))
            {
                problems.Add(new("Workflow.UnknownRole", t.Role));
            }

            if (!IsValidCode(t.Action))
            {
                problems.Add(new("Workflow.BadCode", t.Action));
            }
            else if (!CaseAction.IsBuiltIn(t.Action) && (string.IsNullOrWhiteSpace(t.NameJa) || string.IsNullOrWhiteSpace(t.NameEn)))
            {
                problems.Add(new("Workflow.ActionNeedsNames", t.Action));
            }

            if (CaseAction.NeedsOwnForm(t.Action) && !IsAllowedSpecial(t))
            {
                problems.Add(new("Workflow.SpecialAction", t.Action));
            }
        }

        if (EscalateWhenOverdueDays is < 0 or > 365)
        {
            problems.Add(new("Workflow.EscalationRange", EscalateWhenOverdueDays.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return problems;
    }

    /// <summary>Correction, resubmission and withdrawal keep their meaning: the portal's own pages take them.</summary>
    private static bool IsAllowedSpecial(WorkflowTransition t) => t.Action switch
    {
        CaseAction.RequestCorrection => t.To == CaseStatus.AwaitingCorrection && t.Role == WorkflowRole.Staff,
        CaseAction.Resubmit => t.From == CaseStatus.AwaitingCorrection && t.Role == WorkflowRole.Applicant,
        CaseAction.Withdraw => t.To == CaseStatus.Withdrawn && t.Role == WorkflowRole.Applicant,
        _ => true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CaseWorkflow FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? Default : JsonSerializer.Deserialize<CaseWorkflow>(json, Json) ?? Default;
}
