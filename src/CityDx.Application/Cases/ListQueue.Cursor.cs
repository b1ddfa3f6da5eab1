using System.Globalization;
using CityDx.Domain.Cases;

namespace CityDx.Application.Cases;

/// <summary>The queue's order and its keyset: (due date or filing date, receipt number), never OFFSET.</summary>
public static partial class ListQueue
{
    public enum SortBy
    {
        Due = 0,
        Filed = 1,
    }

    /// <summary>
    /// Cases in queue order after the cursor, at most <paramref name="take"/>. Cases without a due
    /// date come last. On PostgreSQL that is a plain ORDER BY "DueDate" (NULLS LAST is its default
    /// for ascending order), which an index on the column reads in order; SQLite puts NULLs first,
    /// so there the order says it.
    /// </summary>
    private static IQueryable<Case> InQueueOrder(IQueryable<Case> cases, SortBy sort, Cursor? after, int take, bool nullsSortLast)
    {
        if (sort == SortBy.Filed)
        {
            if (after is { } a)
            {
                // The first condition says nothing new, but it is one the index can start from: without
                // it PostgreSQL read a deep page by filtering every case from the start of the range.
                cases = cases.Where(c => c.SubmittedAt >= a.Filed)
                    .Where(c => c.SubmittedAt > a.Filed || (c.SubmittedAt == a.Filed && string.Compare(c.ReceiptNumber, a.ReceiptNumber) > 0));
            }

            return cases.OrderBy(c => c.SubmittedAt).ThenBy(c => c.ReceiptNumber).Take(take);
        }

        if (after is { } d)
        {
            var receipt = d.ReceiptNumber;
            if (d.Due == NoDueDate)
            {
                cases = cases.Where(c => c.DueDate == null && string.Compare(c.ReceiptNumber, receipt) > 0);
            }
            else
            {
                var due = d.Due;
                cases = cases.Where(c => c.DueDate > due || c.DueDate == null || (c.DueDate == due && string.Compare(c.ReceiptNumber, receipt) > 0));
            }
        }

        var ordered = nullsSortLast ? cases.OrderBy(c => c.DueDate) : cases.OrderBy(c => c.DueDate == null).ThenBy(c => c.DueDate);
        return ordered.ThenBy(c => c.ReceiptNumber).Take(take);
    }

    /// <summary>Stands for "no due date" in a cursor: after every date.</summary>
    private static readonly DateOnly NoDueDate = DateOnly.MaxValue;

    /// <summary>Opaque position in the queue: the last row's sort key and receipt number.</summary>
    public readonly record struct Cursor(DateTimeOffset Filed, DateOnly Due, string ReceiptNumber)
    {
        public string ToString(SortBy sort) => sort == SortBy.Filed
            ? $"f{Filed.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{ReceiptNumber}"
            : $"d{Due.DayNumber.ToString(CultureInfo.InvariantCulture)}_{ReceiptNumber}";

        public static bool TryParse(string value, SortBy sort, out Cursor cursor)
        {
            cursor = default;
            var parts = value.Split('_');
            if (parts.Length != 2 || parts[0].Length < 2 || parts[0][0] != (sort == SortBy.Filed ? 'f' : 'd')
                || !long.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || !Domain.Cases.ReceiptNumber.IsValid(parts[1]))
            {
                return false;
            }

            if (sort == SortBy.Filed)
            {
                if (number < DateTimeOffset.MinValue.UtcTicks || number > DateTimeOffset.MaxValue.UtcTicks)
                {
                    return false;
                }

                cursor = new Cursor(new DateTimeOffset(number, TimeSpan.Zero), default, parts[1]);
                return true;
            }

            if (number > DateOnly.MaxValue.DayNumber)
            {
                return false;
            }

            cursor = new Cursor(default, DateOnly.FromDayNumber((int)number), parts[1]);
            return true;
        }
    }
}
