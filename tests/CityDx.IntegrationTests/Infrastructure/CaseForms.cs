using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace CityDx.IntegrationTests.Infrastructure;

/// <summary>Posts one of several forms of a page (by selector) as a browser would, with repeated names and files.</summary>
public static class CaseForms
{
    public static async Task<IHtmlFormElement> FormAsync(PortalClient client, string pageUrl, string selector)
    {
        var page = await client.GetPageAsync(pageUrl);
        return page.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No {selector} on {pageUrl}");
    }

    /// <summary>The form's hidden inputs (antiforgery token, version) plus <paramref name="fields"/>, url-encoded; names may repeat.</summary>
    public static async Task<HttpResponseMessage> PostAsync(PortalClient client, string pageUrl, string selector, IEnumerable<(string Name, string Value)> fields, string? action = null)
    {
        var form = await FormAsync(client, pageUrl, selector);
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.Http.PostAsync(action ?? form.GetAttribute("action") ?? pageUrl, new FormUrlEncodedContent(values));
    }

    /// <summary>Multipart, with files: (input name, file name, bytes).</summary>
    public static async Task<HttpResponseMessage> PostWithFilesAsync(PortalClient client, string pageUrl, string selector, IEnumerable<(string Name, string Value)> fields,
        IEnumerable<(string Name, string FileName, byte[] Bytes)> files, string? action = null)
    {
        var form = await FormAsync(client, pageUrl, selector);
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            content.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, name, fileName);
        }

        return await client.Http.PostAsync(action ?? form.GetAttribute("action") ?? pageUrl, content);
    }
}
