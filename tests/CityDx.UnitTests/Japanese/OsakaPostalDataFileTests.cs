using System.Text;
using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Japanese;

/// <summary>Reads data/postal-codes-osaka-city.csv (KEN_ALL.csv layout, CP932, CRLF) end to end.</summary>
public class OsakaPostalDataFileTests
{
    private static readonly string DataFile = Path.Combine(AppContext.BaseDirectory, "data", "postal-codes-osaka-city.csv");

    private static string[] ReadLines()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = File.ReadAllText(DataFile, Encoding.GetEncoding(932));
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var lines = text[..^2].Split("\r\n");
        Assert.DoesNotContain(lines, line => line.Contains('\n', StringComparison.Ordinal));
        return lines;
    }

    /// <summary>Minimal CSV splitter for one line: quoted fields with "" escapes, unquoted fields as they are.</summary>
    private static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inQuotes)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(inQuotes, $"Unterminated quote in: {line}");
        fields.Add(field.ToString());
        return fields;
    }

    private static List<KenAllRow> ReadRows() => ReadLines().Select(l => KenAllCsv.ParseFields(SplitCsvLine(l))).ToList();

    [Fact]
    public void Splitter_handles_quotes_and_escaped_quotes()
    {
        Assert.Equal(["27127", "a,b", "x\"y", ""], SplitCsvLine("27127,\"a,b\",\"x\"\"y\","));
    }

    [Fact]
    public void File_has_only_osaka_city_rows_in_ken_all_layout()
    {
        var rows = ReadRows();

        Assert.Equal(968, rows.Count);
        Assert.Equal(967, rows.Select(r => r.PostalCode).Distinct().Count());
        Assert.All(rows, r =>
        {
            Assert.StartsWith("大阪市", r.City, StringComparison.Ordinal);
            Assert.Equal("大阪府", r.Prefecture);
            Assert.InRange(int.Parse(r.LocalGovernmentCode, System.Globalization.CultureInfo.InvariantCulture), 27102, 27128);
        });
        Assert.Equal(24, rows.Select(r => r.LocalGovernmentCode).Distinct().Count());
        Assert.Equal(24, rows.Select(r => r.City).Distinct().Count());
    }

    [Fact]
    public void Normalised_file_gives_clean_osaka_city_addresses()
    {
        var addresses = KenAllNormalizer.Normalize(ReadRows()).ToList();

        var nakanoshima = Assert.Single(addresses, a => a.PostalCode == "5300005");
        Assert.Equal(
            new PostalAddress("5300005", "27", "大阪府", "大阪市北区", "中之島", "オオサカフ", "オオサカシキタク", "ナカノシマ"),
            nakanoshima);

        var osakajo = Assert.Single(addresses, a => a.PostalCode == "5400002");
        Assert.Equal(("大阪市中央区", "大阪城"), (osakajo.City, osakajo.Town));

        var kita = Assert.Single(addresses, a => a.PostalCode == "5300000");
        Assert.Equal(("大阪市北区", ""), (kita.City, kita.Town));

        var tenjinbashi = Assert.Single(addresses, a => a.PostalCode == "5310041"); // 天神橋（７丁目）+（８丁目）
        Assert.Equal("天神橋", tenjinbashi.Town);

        var floor = Assert.Single(addresses, a => a.PostalCode == "5306015");
        Assert.Equal(("天満橋ＯＡＰタワー１５階", "テンマバシOAPタワー15カイ"), (floor.Town, floor.TownKana));

        Assert.Equal(967, addresses.Count);
        Assert.All(addresses, a =>
        {
            Assert.Equal("27", a.PrefectureCode);
            Assert.Matches("^[0-9]{7}$", a.PostalCode);
            foreach (var text in new[] { a.Town, a.TownKana, a.CityKana, a.PrefectureKana })
            {
                Assert.DoesNotMatch("[（）()「」]", text);
                Assert.DoesNotMatch("[\uFF61-\uFF9F]", text); // no half-width kana left
            }
        });
    }
}
