namespace CityDx.TestData;

/// <summary>Hostile values shared by the domain fuzz (unit tests) and the HTTP fuzz (integration tests).</summary>
public static class HostileValues
{
    public static IReadOnlyList<string> All()
    {
        var values = new List<string>
        {
            "", " ", "\t", "\n", "\r\n", "\0", "a\0b", "\u0007bell", "\u001b[31mred", "\u007f",
            "\u202Eevil\u202C", "abc\u2066x\u2069", "\u200B", "\uFEFF", "\uD800", "\uDC00x", "x\uD83D", "😀", "𠮷野家", "ｱｲｳ",
            "' OR '1'='1", "'; DROP TABLE cases; --", "1; SELECT pg_sleep(10)", "\" onmouseover=\"alert(1)", "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${jndi:ldap://x}", "%00", "%3Cscript%3E", "../../etc/passwd",
            "..\\..\\windows\\win.ini", "=cmd|' /C calc'!A0", "+1+1", "@SUM(1,1)", "-1", "0", "-0", "1e309", "NaN", "Infinity", "-Infinity",
            "99999999999999999999999999999999999999", "0x7fffffff", "1.7976931348623157E+309", "３", "１２３", "1,000", "1_000",
            "2026-02-30", "2026-13-01", "0000-00-00", "9999-99-99", "平成31年5月1日", "令和0年1月1日", "明治1年1月1日", "2026-02-29",
            "true", "false", "null", "undefined", "[]", "{}", "[object Object]", "yes\nno", "no\u0000",
            "a@b", "a@@b.jp", "@example.jp", "x@example..jp", "user@例え.jp", "06-6208-8181\u0000", "0120-000-000-000-000",
            "〒530-0001", "530-0001-0001", "ⅰⅱⅲ", "髙﨑", "\u3000", "ー", "ヴ", "ゐゑ",
        };
        values.Add(new string('あ', 10_001));
        values.Add(new string('A', 100_001));
        values.Add(string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 500)));
        values.Add(string.Concat(Enumerable.Range(0, 32).Select(i => (char)i)));
        return values;
    }

}
