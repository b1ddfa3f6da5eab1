using System.Globalization;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Statistics;
using CityDx.Infrastructure.Persistence;
using CsvHelper;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Statistics;

/// <summary>
/// オープンデータ: applications filed by procedure × organisation unit × month × channel, for anyone
/// (no sign-in). Only aggregates of completed months (JST) are published — a month still running would
/// let two downloads a day apart single out one filing. For each procedure and month the units ×
/// channels table is published with its unit totals, channel totals and grand total, after
/// <see cref="SmallCellSuppression"/>: a count above zero and below the threshold is withheld, and
/// so is whatever else would let it be worked out by subtraction. Codes and names of procedures and
/// units only: nothing about a person.
/// </summary>
public static class GetOpenStatistics
{
    public const string ApplicationsDataset = "applications";
    public const string Total = "total";

    public sealed record ListDatasets : IQuery<IReadOnlyList<Dataset>>;

    public sealed record Dataset(
        string Id, string TitleJa, string TitleEn, string DescriptionJa, string DescriptionEn, IReadOnlyList<string> Dimensions,
        int SuppressionThreshold, string? FirstMonth, string? LastMonth, DateTimeOffset? RefreshedAt, string JsonUrl, string CsvUrl);

    /// <param name="From">First month, yyyy-MM (default: 11 months before <paramref name="To"/>).</param>
    /// <param name="To">Last month, yyyy-MM (default and latest: the last completed month).</param>
    public sealed record Query(string? From = null, string? To = null) : IQuery<Result>;

    /// <summary>One published cell; <see cref="Count"/> is null when suppressed. Unit code "total" is the channel total, channel "total" the unit total.</summary>
    public sealed record Row(string Month, string ProcedureCode, string ProcedureNameJa, string ProcedureNameEn, string UnitCode, string UnitNameJa, string UnitNameEn,
        string Channel, int? Count, bool Suppressed);

    public sealed record Result(string Dataset, string From, string To, int SuppressionThreshold, DateTimeOffset? RefreshedAt, IReadOnlyList<Row> Rows);

    public static readonly IReadOnlyList<string> CsvColumns =
        ["month", "procedure_code", "procedure_name_ja", "procedure_name_en", "unit_code", "unit_name_ja", "unit_name_en", "channel", "count", "suppressed"];

    public static bool TryParseMonth(string? text, out DateOnly month)
    {
        month = default;
        if (text is null || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        month = day;
        return true;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l, StatisticsOptions options)
        {
            RuleFor(q => q.From).Must(m => m is null || TryParseMonth(m, out _)).WithMessage(_ => l["OpenData.BadMonth"]);
            RuleFor(q => q.To).Must(m => m is null || TryParseMonth(m, out _)).WithMessage(_ => l["OpenData.BadMonth"]);
            RuleFor(q => q.From).Must((q, from) => !TryParseMonth(from, out var f) || !TryParseMonth(q.To, out var t) || (f <= t && f.AddMonths(options.MaxMonths) > t))
                .WithMessage(_ => l["OpenData.BadRange"].Fill(("max", options.MaxMonths.ToString(CultureInfo.CurrentCulture))));
        }
    }

    /// <summary>The last month whose numbers are final (the month before the current JST month).</summary>
    public static DateOnly LastCompleteMonth(DateTimeOffset now)
    {
        var today = JapanTime.DateOf(now);
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }

    public sealed class ListHandler(CityDxDbContext db, TimeProvider clock, StatisticsOptions options) : IQueryHandler<ListDatasets, IReadOnlyList<Dataset>>
    {
        public async ValueTask<IReadOnlyList<Dataset>> Handle(ListDatasets query, CancellationToken cancellationToken)
        {
            var last = KpiMonth.MonthKey(LastCompleteMonth(clock.GetUtcNow()));
            var first = await db.KpiMonths.AsNoTracking().Where(d => d.Filed > 0).MinAsync(d => (int?)d.Month, cancellationToken);
            var refreshedAt = await db.KpiRollupState.AsNoTracking().Select(s => s.RefreshedAt).FirstOrDefaultAsync(cancellationToken);
            static string Label(int m) => $"{m / 100:D4}-{m % 100:D2}";
            return
            [
                new Dataset(ApplicationsDataset,
                    "手続き別・区役所等別・月別・申請方法別の申請件数", "Applications by procedure, office, month and channel",
                    $"オンライン・窓口・郵送で受け付けた申請の件数です。1以上{options.SuppressionThreshold}未満の件数と、合計からの差し引きでそれが分かってしまう件数は秘匿しています(空欄)。",
                    $"Applications received online, at the counter and by post. Counts from 1 to {options.SuppressionThreshold - 1}, and any count that would reveal one by subtraction from a total, are withheld (blank).",
                    ["month", "procedure", "unit", "channel"], options.SuppressionThreshold,
                    first is { } f && f <= last ? Label(f) : null, first is { } g && g <= last ? Label(last) : null, refreshedAt,
                    "/api/v1/statistics/applications", "/api/v1/statistics/applications?format=csv"),
            ];
        }
    }

    public sealed class Handler(CityDxDbContext db, TimeProvider clock, StatisticsOptions options) : IQueryHandler<Query, Result>
    {
        private static readonly Channel[] Channels = [Channel.Online, Channel.Counter, Channel.Mail];

        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var latest = LastCompleteMonth(clock.GetUtcNow());
            var to = TryParseMonth(query.To, out var t) && t < latest ? t : latest;
            var from = TryParseMonth(query.From, out var f) ? f : to.AddMonths(-11);
            int fromKey = KpiMonth.MonthKey(from), toKey = KpiMonth.MonthKey(to);

            var counts = await db.KpiMonths.AsNoTracking()
                .Where(d => d.Month >= fromKey && d.Month <= toKey && d.Filed > 0)
                .Select(d => new { d.Month, d.ProcedureId, d.UnitId, d.Channel, d.Filed })
                .ToListAsync(cancellationToken);
            var procedures = await db.Procedures.AsNoTracking().Select(p => new { p.Id, p.Code, p.NameJa, p.NameEn }).ToDictionaryAsync(p => p.Id, cancellationToken);
            var units = await db.OrganisationUnits.AsNoTracking().Select(u => new { u.Id, u.Code, u.NameJa, u.NameEn }).ToDictionaryAsync(u => u.Id, cancellationToken);
            var refreshedAt = await db.KpiRollupState.AsNoTracking().Select(s => s.RefreshedAt).FirstOrDefaultAsync(cancellationToken);

            var rows = new List<Row>();
            foreach (var table in counts.GroupBy(c => (c.Month, c.ProcedureId)).OrderBy(g => g.Key.Month).ThenBy(g => procedures[g.Key.ProcedureId].Code, StringComparer.Ordinal))
            {
                var month = $"{table.Key.Month / 100:D4}-{table.Key.Month % 100:D2}";
                var procedure = procedures[table.Key.ProcedureId];
                var unitIds = table.Select(c => c.UnitId).Distinct().OrderBy(u => units[u].Code, StringComparer.Ordinal).ToList();
                var cells = new int[unitIds.Count, Channels.Length];
                foreach (var c in table)
                {
                    cells[unitIds.IndexOf(c.UnitId), Array.IndexOf(Channels, c.Channel)] += c.Filed;
                }

                var values = SmallCellSuppression.WithMargins(cells);
                var suppressed = SmallCellSuppression.Suppress(cells, options.SuppressionThreshold);
                for (var r = 0; r <= unitIds.Count; r++)
                {
                    var unit = r < unitIds.Count ? units[unitIds[r]] : null;
                    for (var c = 0; c <= Channels.Length; c++)
                    {
                        rows.Add(new Row(month, procedure.Code, procedure.NameJa, procedure.NameEn,
                            unit?.Code ?? Total, unit?.NameJa ?? "合計", unit?.NameEn ?? "Total",
                            c < Channels.Length ? Channels[c].ToString().ToLowerInvariant() : Total,
                            suppressed[r, c] ? null : values[r, c], suppressed[r, c]));
                    }
                }
            }

            return new Result(ApplicationsDataset, from.ToString("yyyy-MM", CultureInfo.InvariantCulture), to.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                options.SuppressionThreshold, refreshedAt, rows);
        }
    }

    /// <summary>The rows as CSV (UTF-8 with BOM, CRLF); a suppressed count is an empty field.</summary>
    public static async Task WriteCsvAsync(Result result, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { WriteByteOrderMark = true, NewLine = "\r\n", Injection = CsvInjection.Escape }, leaveOpen: true);
        foreach (var column in CsvColumns)
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(cancellationToken);
        foreach (var row in result.Rows)
        {
            foreach (var field in new[] { row.Month, row.ProcedureCode, row.ProcedureNameJa, row.ProcedureNameEn, row.UnitCode, row.UnitNameJa, row.UnitNameEn, row.Channel,
                row.Count?.ToString(CultureInfo.InvariantCulture) ?? "", row.Suppressed ? "true" : "false" })
            {
                csv.WriteField(field);
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
