using System.Globalization;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Infrastructure.Persistence;
using CsvHelper;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Cases;

/// <summary>
/// CSV export of a filtered queue for core systems (基幹システム連携): the chosen columns, UTF-8
/// with a BOM so Excel opens it, rows streamed from the database to the response so 100,000 rows
/// never sit in memory. Personal columns (name, フリガナ, answers) only for the roles configured in
/// <see cref="QueueOptions.PersonalDataRoles"/>; asking for them without the role is refused.
/// </summary>
public static class ExportQueue
{
    public static readonly IReadOnlyList<string> Columns =
        ["receipt_number", "procedure", "unit", "status", "channel", "submitted_at", "due_date", "assignee", "applicant_name", "applicant_kana", "answers"];

    public static readonly IReadOnlyList<string> PersonalColumns = ["applicant_name", "applicant_kana", "answers"];

    public static readonly IReadOnlyList<string> DefaultColumns = ["receipt_number", "procedure", "unit", "status", "channel", "submitted_at", "due_date", "assignee"];

    /// <summary>Audited as one export with its filter and columns (the rows are read as the response is written).</summary>
    public sealed record Query(ListQueue.Filter Filter, IReadOnlyList<string>? Columns) : IQuery<Export>, IAuditedRequest
    {
        public string AuditAction => Domain.Auditing.AuditActions.QueueExport;

        public string AuditDetail => $"unit={Filter.UnitId} procedure={Filter.ProcedureId} status={Filter.Status} columns={string.Join('+', Columns ?? DefaultColumns)}";
    }

    public sealed record Row(
        string ReceiptNumber, Guid ProcedureId, string Procedure, string Unit, string Status, Channel Channel, DateTimeOffset SubmittedAt, DateOnly? DueDate,
        string? Assignee, string? ApplicantName, string? ApplicantKana, string? Answers);

    /// <summary>The chosen columns and the rows, read lazily while the response is written.</summary>
    public sealed record Export(IReadOnlyList<string> Columns, IAsyncEnumerable<Row> Rows, IReadOnlyDictionary<Guid, CaseWorkflow> Workflows);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l, ICurrentUser user, QueueOptions options)
        {
            RuleFor(q => q.Filter).SetValidator(new ListQueue.FilterValidator(l));
            RuleForEach(q => q.Columns).Must(c => Columns.Contains(c)).WithMessage(_ => l["Export.UnknownColumn"]);
            RuleFor(q => q.Columns).Must(c => c is null || !c.Any(PersonalColumns.Contains) || options.PersonalDataRoles.Any(user.IsInRole))
                .WithMessage(_ => l["Export.PersonalNotAllowed"]);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, QueueOptions options) : IQueryHandler<Query, Export>
    {
        public async ValueTask<Export> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var workflows = await QueueWorkflows.LoadAsync(db, cancellationToken);
            var columns = query.Columns is { Count: > 0 } chosen ? Columns.Where(chosen.Contains).ToList() : [.. DefaultColumns];
            var personal = columns.Any(PersonalColumns.Contains);
            var english = user.PrefersEnglish;
            var rows = db.VisibleToStaff(userId).AsNoTracking()
                .Apply(query.Filter, userId, workflows, JapanTime.DateOf(clock.GetUtcNow()), calendar, options)
                .OrderBy(c => c.SubmittedAt).ThenBy(c => c.ReceiptNumber)
                .Take(options.ExportLimit)
                .Select(c => new Row(
                    c.ReceiptNumber,
                    c.ProcedureId,
                    db.Procedures.Where(p => p.Id == c.ProcedureId).Select(p => english ? p.NameEn : p.NameJa).First(),
                    db.OrganisationUnits.Where(u => u.Id == c.OrganisationUnitId).Select(u => english ? u.NameEn : u.NameJa).First(),
                    c.Status,
                    c.Channel,
                    c.SubmittedAt,
                    c.DueDate,
                    db.Users.Where(u => u.Id == c.AssigneeUserId).Select(u => u.DisplayName).FirstOrDefault(),
                    personal ? c.ApplicantName ?? db.Users.Where(u => u.Id == c.ApplicantUserId).Select(u => u.DisplayName).FirstOrDefault() : null,
                    personal ? c.SubjectNameKana : null,
                    personal ? c.AnswersJson : null))
                .AsAsyncEnumerable();
            return new Export(columns, rows, workflows.ByProcedure);
        }
    }

    /// <summary>Writes the export as CSV (UTF-8 with BOM, CRLF, header row of column codes) while reading the rows.</summary>
    public static async Task WriteCsvAsync(Export export, Stream output, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        // Formula injection (=, +, -, @ at the start of a field) is escaped: a citizen's answer never runs in Excel.
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { WriteByteOrderMark = true, NewLine = "\r\n", Injection = CsvInjection.Escape }, leaveOpen: true);
        foreach (var column in export.Columns)
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(cancellationToken);
        var count = 0;
        await foreach (var row in export.Rows.WithCancellation(cancellationToken))
        {
            var workflow = export.Workflows.GetValueOrDefault(row.ProcedureId) ?? CaseWorkflow.Default;
            foreach (var column in export.Columns)
            {
                csv.WriteField(column switch
                {
                    "receipt_number" => row.ReceiptNumber,
                    "procedure" => row.Procedure,
                    "unit" => row.Unit,
                    "status" => StatusName(workflow, row.Status, l),
                    "channel" => l[$"Channel.{row.Channel}"].Value,
                    "submitted_at" => JapanTime.ToJst(row.SubmittedAt).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                    "due_date" => row.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                    "assignee" => row.Assignee ?? "",
                    "applicant_name" => row.ApplicantName ?? "",
                    "applicant_kana" => row.ApplicantKana ?? "",
                    "answers" => row.Answers ?? "",
                    _ => "",
                });
            }

            await csv.EndRecordAsync(cancellationToken);
            if (++count % 1000 == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }
    }

    private static string StatusName(CaseWorkflow workflow, string code, IStringLocalizer<SharedResource> l)
    {
        var label = workflow.Label(code);
        if (label.NameJa is null)
        {
            return l[$"Status.Staff.{code}"].Value;
        }

        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? label.NameEn ?? code : label.NameJa;
    }
}
