using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright (the Playwright browser download cannot work here), and
/// the portal it visits. Every page a test visits goes through <see cref="AssertAccessibleAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public PortalServer Server { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var executable = Environment.GetEnvironmentVariable("CITYDX_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: run the tests with tools/test.sh, which installs it (apt-get install chromium).");
        }

        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            Locale = "ja-JP",
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            JavaScriptEnabled = javaScript,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Server.DisposeAsync();
    }
}

public static class Portal
{
    public const string Password = "CityDx-demo-2026";

    public static async Task SignInAsync(this IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログインする" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" })).ToBeVisibleAsync();
    }

    public static async Task SignOutAsync(this IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "ログイン" })).ToBeVisibleAsync();
    }
}

public static class Accessibility
{
    /// <summary>Runs axe on the page as it is now and fails with every violation listed.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        var violations = result.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")
            .ToList();
        Assert.True(violations.Count == 0, $"axe found {violations.Count} problem(s) on {page.Url}:\n" + string.Join("\n", violations));
    }
}
