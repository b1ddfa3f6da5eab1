using System.Globalization;
using CsvHelper;

namespace CityDx.Application.Statistics;

/// <summary>How a dashboard number reads: the page and the CSV round it the same way, so the CSV holds exactly the numbers shown.</summary>
public enum CellFormat
{
    Text = 0,
    Count = 1,

    /// <summary>A percentage with one decimal (the number is already × 100).</summary>
    Percent = 2,

    /// <summary>Whole business days.</summary>
    Days = 3,

    /// <summary>Staff hours with one decimal.</summary>
    Hours = 4,
}

/// <summary>One cell of a dashboard table: text, or a number (null: not applicable, shown as —).</summary>
public sealed record Cell(CellFormat Format, decimal? Number = null, string? Text = null)
{
    public static Cell Of(string text) => new(CellFormat.Text, Text: text);

    public static Cell Count(long n) => new(CellFormat.Count, n);

    public static Cell Percent(decimal? p) => new(CellFormat.Percent, p is null ? null : Math.Round(p.Value, 1, MidpointRounding.AwayFromZero));

    public static Cell Rate(long part, long whole) => Percent(whole == 0 ? null : 100m * part / whole);

    public static Cell Days(int? d) => new(CellFormat.Days, d);

    public static Cell Hours(decimal h) => new(CellFormat.Hours, Math.Round(h, 1, MidpointRounding.AwayFromZero));

    /// <summary>As the page shows it, in the reader's number format.</summary>
    public string Display(CultureInfo culture) => Format switch
    {
        CellFormat.Text => Text ?? "",
        _ when Number is null => "—",
        CellFormat.Count or CellFormat.Days => Number.Value.ToString("N0", culture),
        CellFormat.Percent => Number.Value.ToString("N1", culture) + "%",
        CellFormat.Hours => Number.Value.ToString("N1", culture),
        _ => Number.Value.ToString(culture),
    };

    /// <summary>As the CSV holds it: the same rounding, no grouping, a dot for decimals, no unit.</summary>
    public string Csv() => Format switch
    {
        CellFormat.Text => Text ?? "",
        _ when Number is null => "",
        CellFormat.Count or CellFormat.Days => Number.Value.ToString("0", CultureInfo.InvariantCulture),
        _ => Number.Value.ToString("0.0", CultureInfo.InvariantCulture),
    };
}

/// <summary>A dashboard table: the accessible alternative of a chart and the content of its CSV.</summary>
public sealed record DashboardTable(string Key, string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<Cell>> Rows)
{
    /// <summary>Writes the table as CSV (UTF-8 with BOM, CRLF, the headers as shown, formula injection escaped).</summary>
    public async Task WriteCsvAsync(Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { WriteByteOrderMark = true, NewLine = "\r\n", Injection = CsvInjection.Escape }, leaveOpen: true);
        foreach (var header in Headers)
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync(cancellationToken);
        foreach (var row in Rows)
        {
            foreach (var cell in row)
            {
                csv.WriteField(cell.Csv());
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
