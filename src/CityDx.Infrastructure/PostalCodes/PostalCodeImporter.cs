using System.Reflection;
using System.Text;
using CityDx.Domain.Japanese;
using CityDx.Infrastructure.Persistence;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Infrastructure.PostalCodes;

/// <summary>
/// Imports Japan Post's KEN_ALL.csv (Shift_JIS, 15 columns) into <c>postal_addresses</c>: parsed with
/// CsvHelper, cleaned by <see cref="KenAllNormalizer"/>, then, in one transaction, the rows of every
/// prefecture in the file replace that prefecture's rows. Importing the same file twice leaves the
/// same table; a malformed file is refused before anything changes.
/// </summary>
public sealed class PostalCodeImporter(CityDxDbContext db)
{
    public const string OsakaCityResource = "CityDx.PostalCodes.OsakaCity.csv";
    private const int BatchSize = 2000;

    static PostalCodeImporter() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The demo city's postal codes shipped with the portal.</summary>
    public static Stream OpenOsakaCity() =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(OsakaCityResource)
        ?? throw new InvalidOperationException($"Embedded resource {OsakaCityResource} is missing.");

    /// <summary>Reads and cleans the whole file first; throws <see cref="InvalidDataException"/> naming the line on bad data.</summary>
    public static IReadOnlyList<PostalAddress> Read(Stream kenAll)
    {
        using var text = new StreamReader(kenAll, Encoding.GetEncoding(932));
        using var csv = CsvReader.Create(text, new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true }, leaveOpen: false);
        var rows = new List<KenAllRow>();
        while (csv.Read())
        {
            try
            {
                var fields = new string[csv.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = csv.GetString(i);
                }

                rows.Add(KenAllCsv.ParseFields(fields));
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException($"Line {csv.LineNumber}: {ex.Message}", ex);
            }
        }

        return KenAllNormalizer.Normalize(rows).ToList();
    }

    /// <summary>Imports the file, reporting addresses written so far out of the total. Returns the total.</summary>
    public async Task<int> ImportAsync(Stream kenAll, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var addresses = Read(kenAll);
        var prefectures = addresses.Select(a => a.PrefectureCode).Distinct().ToList();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.PostalAddresses.Where(a => prefectures.Contains(a.PrefectureCode)).ExecuteDeleteAsync(ct);
            var written = 0;
            foreach (var batch in addresses.Chunk(BatchSize))
            {
                db.PostalAddresses.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                written += batch.Length;
                progress?.Report(new ImportProgress(written, addresses.Count));
            }

            await transaction.CommitAsync(ct);
        }, cancellationToken);
        return addresses.Count;
    }
}

public readonly record struct ImportProgress(int Written, int Total)
{
    public int Percent => Total == 0 ? 100 : (int)((long)Written * 100 / Total);
}
