using CityDx.Domain.Statistics;

namespace CityDx.UnitTests.Statistics;

public class SmallCellSuppressionTests
{
    [Fact]
    public void A_table_without_small_counts_is_published_whole()
    {
        var suppressed = SmallCellSuppression.Suppress(new[,] { { 50, 30, 20 }, { 40, 35, 25 } }, 10);
        Assert.DoesNotContain(true, suppressed.Cast<bool>());
    }

    [Fact]
    public void A_small_count_is_not_left_to_be_worked_out_by_subtracting_the_rest_of_its_row_and_column_from_the_totals()
    {
        // Kita: 50 online, 3 at the counter, 20 by post (total 73). Withholding only the 3 would give it
        // away: 73 − 50 − 20 = 3. So the smallest other cell of its row (20) is withheld too, and then
        // the counter and post columns each need a second cell (Miyakojima's 30 and 25).
        int[,] cells = { { 50, 3, 20 }, { 40, 30, 25 } };
        var s = SmallCellSuppression.Suppress(cells, 10);

        Assert.True(s[0, 1]);
        Assert.True(s[0, 2]);
        Assert.True(s[1, 1]);
        Assert.True(s[1, 2]);
        Assert.False(s[0, 0]);
        Assert.False(s[0, 3]);
        Assert.False(s[2, 3]);
        Assert.Empty(Derivable(cells, s));
        // A subtraction by row alone now has two unknowns: 73 − 50 = 23 = counter + post.
        Assert.Equal(2, Enumerable.Range(0, 4).Count(c => s[0, c]));
    }

    [Fact]
    public void A_small_total_is_withheld_and_its_parts_with_it()
    {
        // Miyakojima filed 4 in all: its total is small, and 0 + 4 + 0 = 4 would give it away through the channel cells.
        int[,] cells = { { 50, 30, 20 }, { 0, 4, 0 } };
        var s = SmallCellSuppression.Suppress(cells, 10);
        Assert.True(s[1, 3]);
        Assert.True(s[1, 1]);
        Assert.False(s[1, 0]);
        Assert.Empty(Derivable(cells, s));
    }

    [Fact]
    public void Zero_counts_are_published_as_zero()
    {
        var s = SmallCellSuppression.Suppress(new[,] { { 0, 0 }, { 20, 30 } }, 10);
        Assert.DoesNotContain(true, s.Cast<bool>());
    }

    [Fact]
    public void A_cell_joining_two_otherwise_protected_groups_is_protected_too()
    {
        // Two blocks of small counts in a larger table: whatever the rule suppresses, no withheld count
        // may follow from any combination of the published row and column totals (not only one subtraction).
        int[,] cells =
        {
            { 2, 3, 40, 50, 60 },
            { 4, 5, 45, 55, 65 },
            { 70, 80, 1, 2, 90 },
            { 75, 85, 3, 4, 95 },
            { 100, 110, 120, 130, 5 },
        };
        var s = SmallCellSuppression.Suppress(cells, 10);
        Assert.Empty(Derivable(cells, s));
    }

    [Fact]
    public void Random_tables_never_leave_a_small_count_visible_or_derivable()
    {
        var random = new Random(20261126);
        for (var n = 0; n < 300; n++)
        {
            var rows = random.Next(1, 7);
            var cols = random.Next(1, 5);
            var cells = new int[rows, cols];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < cols; c++)
                {
                    cells[r, c] = random.Next(4) == 0 ? 0 : random.Next(1, 40);
                }
            }

            var s = SmallCellSuppression.Suppress(cells, 10);
            var table = SmallCellSuppression.WithMargins(cells);
            for (var r = 0; r <= rows; r++)
            {
                for (var c = 0; c <= cols; c++)
                {
                    if (table[r, c] is > 0 and < 10)
                    {
                        Assert.True(s[r, c], $"table {n}: cell ({r},{c}) = {table[r, c]} is published");
                    }
                }
            }

            Assert.Empty(Derivable(cells, s));
        }
    }

    /// <summary>
    /// An attacker with the published numbers: a withheld cell is derivable when its unit vector lies in
    /// the row space of the equations (each row and column of the table adds up to its total) restricted
    /// to the withheld cells — Gaussian elimination, independent of how the rule works.
    /// </summary>
    private static List<(int, int)> Derivable(int[,] cells, bool[,] s)
    {
        int rows = cells.GetLength(0) + 1, cols = cells.GetLength(1) + 1;
        var unknowns = new List<(int R, int C)>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                if (s[r, c])
                {
                    unknowns.Add((r, c));
                }
            }
        }

        var equations = new List<double[]>();
        for (var r = 0; r < rows; r++)
        {
            // Row r: its cells minus its total (the last column) is zero.
            equations.Add([.. unknowns.Select(u => u.R == r ? (u.C == cols - 1 ? -1.0 : 1.0) : 0.0)]);
        }

        for (var c = 0; c < cols; c++)
        {
            equations.Add([.. unknowns.Select(u => u.C == c ? (u.R == rows - 1 ? -1.0 : 1.0) : 0.0)]);
        }

        var rank = Rank(equations);
        var derivable = new List<(int, int)>();
        for (var i = 0; i < unknowns.Count; i++)
        {
            var unit = new double[unknowns.Count];
            unit[i] = 1;
            if (Rank([.. equations, unit]) == rank)
            {
                derivable.Add(unknowns[i]);
            }
        }

        return derivable;
    }

    private static int Rank(List<double[]> matrix)
    {
        var m = matrix.Select(r => (double[])r.Clone()).ToList();
        var width = m.Count == 0 ? 0 : m[0].Length;
        var rank = 0;
        for (var col = 0; col < width && rank < m.Count; col++)
        {
            var pivot = Enumerable.Range(rank, m.Count - rank).FirstOrDefault(r => Math.Abs(m[r][col]) > 1e-9, -1);
            if (pivot < 0)
            {
                continue;
            }

            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            for (var r = 0; r < m.Count; r++)
            {
                if (r != rank && Math.Abs(m[r][col]) > 1e-9)
                {
                    var f = m[r][col] / m[rank][col];
                    for (var k = 0; k < width; k++)
                    {
                        m[r][k] -= f * m[rank][k];
                    }
                }
            }

            rank++;
        }

        return rank;
    }
}
