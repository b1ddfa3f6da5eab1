namespace CityDx.TestData;

/// <summary>
/// The repository's root folder (the one holding CityDx.sln), found by walking up from the running
/// assembly and, failing that, from the current directory. Shared by the unit, integration and
/// browser tests and the benchmark (a linked source file: see tests/Shared).
/// </summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Found = new(Find);

    public static string Path => Found.Value;

    /// <summary>A path under the repository root, e.g. <c>RepoRoot.Combine("tools", "backup.sh")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "CityDx.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("CityDx.sln not found above the running program or the current directory: run from inside the CityDx repository.");
    }
}
