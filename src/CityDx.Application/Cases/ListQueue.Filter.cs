using System.Globalization;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Cases;

/// <summary>What selects a queue's cases: shared by the list, a batch action (all matching) and the CSV export.</summary>
public static partial class ListQueue
{
    public enum AssigneeFilter
    {
        Anyone = 0,
        Me = 1,
        Nobody = 2,
    }

    public enum DueFilter
    {
        Any = 0,
        Overdue = 1,

        /// <summary>Due within <see cref="Filter.DueWithinDays"/> business days (or the configured default), not yet overdue.</summary>
        DueSoon = 2,
    }

    /// <summary>What selects cases; empty means every open case of the person's units.</summary>
    public sealed record Filter(
        Guid? UnitId = null,
        Guid? ProcedureId = null,
        string? Status = null,
        AssigneeFilter Assignee = AssigneeFilter.Anyone,
        DueFilter Due = DueFilter.Any,
        int? DueWithinDays = null,
        DateOnly? FiledFrom = null,
        DateOnly? FiledTo = null,
        Channel? Channel = null,
        string? ReceiptNumber = null,
        string? Kana = null,
        PaymentFilter Payment = PaymentFilter.Any);

    public const int MaxDueWithinDays = 60;

    public sealed class FilterValidator : AbstractValidator<Filter>
    {
        public FilterValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(f => f.Status).Must(s => s is null || CaseWorkflow.IsValidCode(s)).WithMessage(_ => l["Queue.BadFilter"]);
            RuleFor(f => f.Assignee).IsInEnum().WithMessage(_ => l["Queue.BadFilter"]);
            RuleFor(f => f.Due).IsInEnum().WithMessage(_ => l["Queue.BadFilter"]);
            RuleFor(f => f.Channel).IsInEnum().WithMessage(_ => l["Queue.BadFilter"]);
            RuleFor(f => f.DueWithinDays).InclusiveBetween(0, MaxDueWithinDays)
                .WithMessage(_ => l["Queue.DueWithinRange"].Fill(("max", MaxDueWithinDays.ToString(CultureInfo.CurrentCulture))));
            RuleFor(f => f.FiledTo).GreaterThanOrEqualTo(f => f.FiledFrom).When(f => f.FiledFrom is not null && f.FiledTo is not null)
                .WithMessage(_ => l["Queue.DateRange"]);
            RuleFor(f => f.ReceiptNumber).MaximumLength(40).WithMessage(_ => l["Queue.BadFilter"]);
            RuleFor(f => f.Kana).MaximumLength(100).WithMessage(_ => l["Queue.BadFilter"]);
            RuleFor(f => f.Payment).IsInEnum().WithMessage(_ => l["Queue.BadFilter"]);
        }
    }

    /// <summary>The cases a filter selects among those visible to the person (every staff query starts from <see cref="CaseAccess"/>).</summary>
    public static IQueryable<Case> Apply(this IQueryable<Case> cases, Filter filter, string userId, QueueWorkflows workflows, DateOnly today, BusinessCalendar calendar, QueueOptions options)
    {
        var states = StatesOf(filter, workflows);
        cases = states.Count == 1 ? cases.Where(c => c.Status == states[0]) : cases.Where(c => states.Contains(c.Status));
        return cases.ApplyExceptState(filter, userId, today, calendar, options);
    }

    /// <summary>The states a filter selects: the chosen one or every open one, only those whose clock runs when filtering by due date.</summary>
    public static IReadOnlyList<string> StatesOf(Filter filter, QueueWorkflows workflows)
    {
        IEnumerable<string> states = filter.Status is { } status ? [status] : workflows.Open;
        if (filter.Due != DueFilter.Any)
        {
            var running = workflows.Running;
            states = states.Where(running.Contains);
        }

        return states.ToList();
    }

    /// <summary>Everything of <see cref="Apply"/> but the state (<see cref="StatesOf"/>), which the list applies one state at a time.</summary>
    private static IQueryable<Case> ApplyExceptState(this IQueryable<Case> cases, Filter filter, string userId, DateOnly today, BusinessCalendar calendar, QueueOptions options)
    {
        if (filter.UnitId is { } unitId)
        {
            cases = cases.Where(c => c.OrganisationUnitId == unitId);
        }

        if (filter.ProcedureId is { } procedureId)
        {
            cases = cases.Where(c => c.ProcedureId == procedureId);
        }

        cases = filter.Assignee switch
        {
            AssigneeFilter.Me => cases.Where(c => c.AssigneeUserId == userId),
            AssigneeFilter.Nobody => cases.Where(c => c.AssigneeUserId == null),
            _ => cases,
        };

        if (filter.Due != DueFilter.Any)
        {
            if (filter.Due == DueFilter.Overdue)
            {
                cases = cases.Where(c => c.DueDate < today);
            }
            else
            {
                var limit = Sla.DueSoonLimit(today, calendar, filter.DueWithinDays ?? options.DueSoonBusinessDays);
                cases = cases.Where(c => c.DueDate >= today && c.DueDate <= limit);
            }
        }

        if (filter.FiledFrom is { } from)
        {
            var start = JstMidnight(from);
            cases = cases.Where(c => c.SubmittedAt >= start);
        }

        if (filter.FiledTo is { } to)
        {
            var end = JstMidnight(to.AddDays(1));
            cases = cases.Where(c => c.SubmittedAt < end);
        }

        if (filter.Channel is { } channel)
        {
            cases = cases.Where(c => c.Channel == channel);
        }

        if (!string.IsNullOrWhiteSpace(filter.ReceiptNumber))
        {
            // A mistyped number finds nothing rather than everything.
            var receipt = Domain.Cases.ReceiptNumber.TryNormalize(filter.ReceiptNumber, out var canonical) ? canonical : "-";
            cases = cases.Where(c => c.ReceiptNumber == receipt);
        }

        var kana = KanaKey(filter.Kana);
        if (kana.Length > 0)
        {
            cases = cases.Where(c => c.NameSearchKey != null && c.NameSearchKey.Contains(kana));
        }

        return cases.WherePayment(filter.Payment);
    }

    /// <summary>フリガナ as typed (hiragana or katakana, full or half width, with or without spaces) folded like the stored key.</summary>
    public static string KanaKey(string? kana) =>
        string.IsNullOrWhiteSpace(kana) ? "" : SearchFolding.Fold(kana).Replace(" ", "", StringComparison.Ordinal);

    // In UTC: Npgsql writes only UTC offsets to timestamptz.
    private static DateTimeOffset JstMidnight(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), JapanTime.Offset).ToUniversalTime();
}
