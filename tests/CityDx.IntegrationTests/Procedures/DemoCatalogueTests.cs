using CityDx.Domain.Forms;
using CityDx.Web.Startup;

namespace CityDx.IntegrationTests.Procedures;

/// <summary>The demo city's catalogue files (src/CityDx.Web/Startup/DemoCatalogue): data in the documented formats.</summary>
public sealed class DemoCatalogueTests
{
    [Fact]
    public void Every_demo_form_file_is_exactly_what_the_form_export_writes_and_passes_the_publish_checks()
    {
        var catalogue = DemoCatalogue.Load();

        Assert.Equal(18, catalogue.Count);
        Assert.Equal(catalogue.Count, catalogue.Select(p => p.Code).Distinct().Count());
        foreach (var procedure in catalogue)
        {
            var imported = FormJson.Import(procedure.FormJson);
            Assert.True(imported.Succeeded, $"{procedure.Code}: {string.Join("; ", imported.Errors)}");
            Assert.Empty(FormChecks.Check(imported.Definition!));
            // Byte for byte (but the file's final newline): an admin exporting the seeded form gets this file.
            Assert.Equal(procedure.FormJson.TrimEnd('\n'), FormJson.Export(imported.Definition!));
        }
    }
}
