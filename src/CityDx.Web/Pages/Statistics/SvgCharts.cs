using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CityDx.Application.Statistics;
using Microsoft.AspNetCore.Html;

namespace CityDx.Web.Pages.Statistics;

/// <summary>
/// Charts drawn on the server as SVG: no script, no inline style (the strict CSP holds), colours and
/// dash patterns from CSS classes so series differ by more than colour. Each chart is read from the
/// dashboard table printed beside it, which is its accessible alternative and its CSV.
/// </summary>
public static class SvgCharts
{
    private const int Width = 720;
    private const int PlotLeft = 64;
    private const int PlotRight = 16;

    /// <summary>A line per numeric column of a table (x: the first column), e.g. filings per month by channel.</summary>
    public static IHtmlContent Line(DashboardTable table, IReadOnlyList<int> columns, string label, CultureInfo culture)
    {
        const int height = 260, top = 16, bottom = 56;
        var plotHeight = height - top - bottom;
        var plotWidth = Width - PlotLeft - PlotRight;
        var n = table.Rows.Count;
        var max = NiceMax(table.Rows.SelectMany(r => columns.Select(c => r[c].Number ?? 0)).DefaultIfEmpty(0).Max());
        var svg = Open(label, height);
        Grid(svg, max, top, plotHeight, culture);
        double X(int i) => PlotLeft + (n <= 1 ? plotWidth / 2.0 : i * plotWidth / (double)(n - 1));
        double Y(decimal v) => top + plotHeight - (double)(v / max) * plotHeight;
        var step = Math.Max(1, (int)Math.Ceiling(n / 12.0));
        for (var i = 0; i < n; i += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-axis\" x=\"{X(i):0.#}\" y=\"{height - bottom + 18}\" text-anchor=\"middle\">{Enc(table.Rows[i][0].Display(culture))}</text>");
        }

        for (var s = 0; s < columns.Count; s++)
        {
            var points = string.Join(' ', table.Rows.Select((r, i) => FormattableString.Invariant($"{X(i):0.#},{Y(r[columns[s]].Number ?? 0):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"chart-line chart-series-{s}\" fill=\"none\" points=\"{points}\"/>");
            for (var i = 0; i < n; i++)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"chart-point chart-series-{s}\" cx=\"{X(i):0.#}\" cy=\"{Y(table.Rows[i][columns[s]].Number ?? 0):0.#}\" r=\"3\"/>");
            }

            // Legend: a short stroke in the series' pattern and its name.
            var lx = PlotLeft + (s * 150);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-line chart-series-{s}\" x1=\"{lx}\" y1=\"{height - 14}\" x2=\"{lx + 28}\" y2=\"{height - 14}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-legend\" x=\"{lx + 34}\" y=\"{height - 10}\">{Enc(table.Headers[columns[s]])}</text>");
        }

        return Close(svg);
    }

    /// <summary>A horizontal bar per row of a table: its label (first column) and one numeric column.</summary>
    public static IHtmlContent Bars(DashboardTable table, int column, string label, CultureInfo culture)
    {
        const int bar = 22, gap = 8, top = 8, labelWidth = 200;
        var rows = table.Rows;
        var height = top + (rows.Count * (bar + gap)) + 8;
        var plotWidth = Width - labelWidth - 80;
        var max = NiceMax(rows.Select(r => r[column].Number ?? 0).DefaultIfEmpty(0).Max());
        var svg = Open(label, Math.Max(height, 40));
        for (var i = 0; i < rows.Count; i++)
        {
            var y = top + (i * (bar + gap));
            var value = rows[i][column].Number ?? 0;
            var w = (double)(value / max) * plotWidth;
            var name = rows[i][0].Display(culture);
            var shown = name.Length > 16 ? name[..15] + "…" : name;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-axis\" x=\"{labelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\"><title>{Enc(name)}</title>{Enc(shown)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"{labelWidth}\" y=\"{y}\" width=\"{Math.Max(w, value > 0 ? 1 : 0):0.#}\" height=\"{bar}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-value\" x=\"{labelWidth + w + 6:0.#}\" y=\"{y + 15}\">{Enc(rows[i][column].Display(culture))}</text>");
        }

        return Close(svg);
    }

    private static StringBuilder Open(string label, int height)
    {
        var svg = new StringBuilder();
        // The table beside the chart carries the numbers; the chart is one image with a name.
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"{Enc(label)}\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" focusable=\"false\">");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static void Grid(StringBuilder svg, decimal max, int top, int plotHeight, CultureInfo culture)
    {
        for (var k = 0; k <= 4; k++)
        {
            var v = max * k / 4;
            var y = top + plotHeight - (plotHeight * k / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-grid\" x1=\"{PlotLeft}\" y1=\"{y:0.#}\" x2=\"{Width - PlotRight}\" y2=\"{y:0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-axis\" x=\"{PlotLeft - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Enc(v.ToString("N0", culture))}</text>");
        }
    }

    /// <summary>A round upper bound for the axis (1, 2, 2.5 or 5 × 10ⁿ), at least 1.</summary>
    public static decimal NiceMax(decimal max)
    {
        if (max <= 1)
        {
            return 1;
        }

        var magnitude = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)max)));
        foreach (var f in new[] { 1m, 2m, 2.5m, 5m, 10m })
        {
            if (f * magnitude >= max)
            {
                return f * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Enc(string text) => HtmlEncoder.Default.Encode(text);
}
