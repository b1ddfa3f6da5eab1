namespace CityDx.Domain.Statistics;

/// <summary>
/// 秘匿処理 for published counts: a two-way table (rows × columns, e.g. units × channels) is published
/// with its row totals, column totals and grand total. A cell (margins included) whose count is
/// above zero and below the threshold is suppressed (primary suppression); then further cells are
/// suppressed (complementary suppression) until no suppressed value can be worked out exactly by
/// adding and subtracting published numbers.
/// </summary>
/// <remarks>
/// The published table with its margins is a set of linear equations: each row's cells add up to
/// its total, each column's cells to its total. Seen as a bipartite graph (a vertex per row and per
/// column of the table with margins, an edge per suppressed cell), the published numbers determine a
/// suppressed cell exactly if and only if its edge lies on no cycle — if it is a bridge. A cell alone
/// in its row or column is the simplest bridge (one subtraction reveals it). So the rule is: while a
/// suppressed cell is a bridge, also suppress the cheapest published cell that closes a cycle through
/// it, or, when no single cell can, the cheapest in its row or column (interior cells before margins,
/// non-zero before zero, smallest count first). Zero cells are
/// published as zero: "nobody" identifies nobody. The rule protects exact values; the ranges an
/// attacker can bound (e.g. a suppressed pair of cells summing to 12) are not widened further.
/// </remarks>
public static class SmallCellSuppression
{
    public const int DefaultThreshold = 10;

    /// <summary>
    /// Which cells of the table with margins to suppress. <paramref name="cells"/> is rows × columns
    /// (no totals); the result is (rows + 1) × (columns + 1): the last row holds the column totals,
    /// the last column the row totals, the corner the grand total.
    /// </summary>
    public static bool[,] Suppress(int[,] cells, int threshold)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        var table = WithMargins(cells);
        int rows = table.GetLength(0), cols = table.GetLength(1);
        var suppressed = new bool[rows, cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(table[r, c], nameof(cells));
                suppressed[r, c] = table[r, c] > 0 && table[r, c] < threshold;
            }
        }

        while (FindBridge(suppressed) is { } bridge)
        {
            // Close a cycle through the bridge with one cell if there is one; otherwise grow one of its
            // two sides by a cell of the bridge's own row or column, and try again.
            var partner = ClosingCell(table, suppressed, bridge.Row, bridge.Col) ?? AdjacentCell(table, suppressed, bridge.Row, bridge.Col);
            if (partner is not { } p)
            {
                // Every cell of the bridge's row and column is withheld already: cannot happen, but fail safe.
                return All(rows, cols);
            }

            suppressed[p.Row, p.Col] = true;
        }

        return suppressed;
    }

    /// <summary>The table with its row totals, column totals and grand total added.</summary>
    public static int[,] WithMargins(int[,] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        int rows = cells.GetLength(0), cols = cells.GetLength(1);
        var table = new int[rows + 1, cols + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                table[r, c] = cells[r, c];
                table[r, cols] += cells[r, c];
                table[rows, c] += cells[r, c];
                table[rows, cols] += cells[r, c];
            }
        }

        return table;
    }

    private static bool[,] All(int rows, int cols)
    {
        var all = new bool[rows, cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                all[r, c] = true;
            }
        }

        return all;
    }

    /// <summary>A suppressed cell whose value the published numbers determine (a bridge), or null.</summary>
    private static (int Row, int Col)? FindBridge(bool[,] suppressed)
    {
        int rows = suppressed.GetLength(0), cols = suppressed.GetLength(1);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                if (!suppressed[r, c])
                {
                    continue;
                }

                suppressed[r, c] = false;
                var (_, colSide) = Reachable(suppressed, startIsRow: true, r);
                suppressed[r, c] = true;
                if (!colSide[c])
                {
                    return (r, c);
                }
            }
        }

        return null;
    }

    /// <summary>Rows and columns connected to a row (or column) through suppressed cells.</summary>
    private static (bool[] Rows, bool[] Cols) Reachable(bool[,] suppressed, bool startIsRow, int start)
    {
        int rows = suppressed.GetLength(0), cols = suppressed.GetLength(1);
        var seenRows = new bool[rows];
        var seenCols = new bool[cols];
        var queue = new Queue<(bool IsRow, int Index)>();
        (startIsRow ? seenRows : seenCols)[start] = true;
        queue.Enqueue((startIsRow, start));
        while (queue.Count > 0)
        {
            var (isRow, index) = queue.Dequeue();
            if (isRow)
            {
                for (var c = 0; c < cols; c++)
                {
                    if (suppressed[index, c] && !seenCols[c])
                    {
                        seenCols[c] = true;
                        queue.Enqueue((false, c));
                    }
                }
            }
            else
            {
                for (var r = 0; r < rows; r++)
                {
                    if (suppressed[r, index] && !seenRows[r])
                    {
                        seenRows[r] = true;
                        queue.Enqueue((true, r));
                    }
                }
            }
        }

        return (seenRows, seenCols);
    }

    /// <summary>
    /// The published cell that joins the two sides a bridge separates (so the bridge lies on a cycle):
    /// a row on one side with a column on the other.
    /// </summary>
    private static (int Row, int Col)? ClosingCell(int[,] table, bool[,] suppressed, int row, int col)
    {
        suppressed[row, col] = false;
        var (rowsA, colsA) = Reachable(suppressed, startIsRow: true, row);
        var (rowsB, colsB) = Reachable(suppressed, startIsRow: false, col);
        suppressed[row, col] = true;
        return Cheapest(table, suppressed, (r, c) => (rowsA[r] && colsB[c]) || (rowsB[r] && colsA[c]));
    }

    /// <summary>A published cell in the bridge's row or column (so one side gains a row or a column).</summary>
    private static (int Row, int Col)? AdjacentCell(int[,] table, bool[,] suppressed, int row, int col) =>
        Cheapest(table, suppressed, (r, c) => r == row || c == col);

    /// <summary>The published cell to withhold among those allowed: interior before margins, non-zero before zero, smallest first.</summary>
    private static (int Row, int Col)? Cheapest(int[,] table, bool[,] suppressed, Func<int, int, bool> allowed)
    {
        int rows = table.GetLength(0), cols = table.GetLength(1);
        (int Row, int Col)? best = null;
        (int, int, int) bestKey = (int.MaxValue, int.MaxValue, int.MaxValue);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                if (suppressed[r, c] || !allowed(r, c))
                {
                    continue;
                }

                var key = (r == rows - 1 || c == cols - 1 ? 1 : 0, table[r, c] == 0 ? 1 : 0, table[r, c]);
                if (key.CompareTo(bestKey) < 0)
                {
                    bestKey = key;
                    best = (r, c);
                }
            }
        }

        return best;
    }
}
