using CityDx.Domain.Forms;
using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Forms;

/// <summary>Era years bounded by the era's real span, and a date question's earliest/latest dates (issue #16 item 1).</summary>
public sealed class DateRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static FormValidationResult Answer(FormField field, params (string Key, string? Value)[] answers) =>
        new FormDefinition([field]).Validate(answers.ToDictionary(p => p.Key, p => p.Value), new AnswerContext(Today));

    private static FormField Birth(string? min = null, string? max = null) =>
        new("birth", FieldType.Date, "生年月日", "Date of birth", Wareki: true, MinDate: min, MaxDate: max);

    [Fact]
    public void A_western_year_typed_with_the_era_left_on_reiwa_is_refused_naming_the_eras_years()
    {
        var result = Answer(Birth(), ("birth.era", "令和"), ("birth.year", "2026"), ("birth.month", "12"), ("birth.day", "1"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("Form.EraYear", error.Code);
        Assert.Equal("令和", error.Args!["era"]);
        Assert.Equal(8 + Wareki.CurrentEraYearsAhead, error.Args["max"]);
        Assert.False(result.Answers.ContainsKey("birth"));
    }

    [Theory]
    [InlineData("明治46年1月1日", "明治", 45)]
    [InlineData("大正16年1月1日", "大正", 15)]
    [InlineData("昭和65年1月1日", "昭和", 64)]
    [InlineData("平成32年1月1日", "平成", 31)]
    [InlineData("R2026.12.1", "令和", 18)]
    public void Each_era_ends_at_its_last_year(string typed, string era, int max)
    {
        var error = Assert.Single(Answer(Birth(), ("birth", typed)).Errors);
        Assert.Equal("Form.EraYear", error.Code);
        Assert.Equal(era, error.Args!["era"]);
        Assert.Equal(max, error.Args["max"]);
    }

    [Theory]
    [InlineData("明治45年7月29日", "1912-07-29")]
    [InlineData("平成31年4月30日", "2019-04-30")]
    [InlineData("令和8年12月1日", "2026-12-01")]
    [InlineData("令和18年1月1日", "2036-01-01")]
    public void Years_inside_the_era_are_accepted(string typed, string iso)
    {
        var result = Answer(Birth(), ("birth", typed));
        Assert.True(result.IsValid, string.Join(", ", result.Errors.Select(e => e.Code)));
        Assert.Equal(iso, result.Answers["birth"]);
    }

    [Fact]
    public void The_last_year_inside_an_era_but_after_its_end_keeps_the_precise_message()
    {
        var error = Assert.Single(Answer(Birth(), ("birth", "平成31年5月1日")).Errors);
        Assert.Equal("Form.NotADate", error.Code);
        Assert.Equal(nameof(DateInputError.AfterEraEnd), error.Args!["reason"]);
    }

    [Theory]
    [InlineData(null, "today", "2026-12-04", "Form.Date.NotFuture")]
    [InlineData("today", null, "2026-12-02", "Form.Date.NotPast")]
    [InlineData("today-365", "today+14", "2026-12-18", "Form.Date.Between")]
    [InlineData("today-365", "today+14", "2025-12-02", "Form.Date.Between")]
    [InlineData("2026-04-01", "2027-03-31", "2026-03-31", "Form.Date.Between")]
    [InlineData("2026-04-01", null, "2026-03-31", "Form.Date.NotBefore")]
    [InlineData(null, "2026-03-31", "2026-04-01", "Form.Date.NotAfter")]
    public void Dates_outside_the_range_are_refused(string? min, string? max, string answer, string code)
    {
        var result = Answer(Birth(min, max), ("birth", answer));
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Empty(result.Answers);
    }

    [Theory]
    [InlineData(null, "today", "2026-12-03")]
    [InlineData("today", null, "2026-12-03")]
    [InlineData("today-365", "today+14", "2026-12-17")]
    [InlineData("today-365", "today+14", "2025-12-03")]
    [InlineData("2026-04-01", "2027-03-31", "2027-03-31")]
    public void Dates_on_the_bounds_are_accepted(string? min, string? max, string answer) =>
        Assert.True(Answer(Birth(min, max), ("birth", answer)).IsValid);

    [Fact]
    public void The_range_message_names_the_resolved_dates()
    {
        var error = Assert.Single(Answer(Birth("today-365", "today+14"), ("birth", "2027-01-01")).Errors);
        Assert.Equal("2025-12-03", error.Args!["min"]);
        Assert.Equal("2026-12-17", error.Args["max"]);
    }

    [Theory]
    [InlineData("today", true)]
    [InlineData("today+14", true)]
    [InlineData("today-365", true)]
    [InlineData("2026-04-01", true)]
    [InlineData("yesterday", false)]
    [InlineData("today+", false)]
    [InlineData("today*3", false)]
    [InlineData("2026-02-30", false)]
    [InlineData("today+99999999", false)]
    public void Bounds_are_read_strictly(string text, bool ok)
    {
        Assert.Equal(ok, DateBound.TryParse(text, out var bound));
        if (ok)
        {
            Assert.Equal(text, bound.ToString());
        }
    }

    [Theory]
    [InlineData("today+1", "today", true)]
    [InlineData("today", "today", false)]
    [InlineData("2027-01-01", "2026-12-31", true)]
    [InlineData("today-30", "2027-04-01", false)]
    public void Publishing_refuses_an_earliest_date_after_the_latest(string min, string max, bool refused)
    {
        var problems = FormChecks.Check(new FormDefinition([Birth(min, max)]), Today);
        Assert.Equal(refused, problems.Any(p => p.Code == "Publish.BadRange" && p.Arg("what") == "dates"));
    }

    [Fact]
    public void Publishing_compares_a_fixed_bound_with_today_on_the_day_of_publishing()
    {
        var problems = FormChecks.Check(new FormDefinition([Birth("2027-01-01", "today")]), Today);
        Assert.Contains(problems, p => p.Code == "Publish.BadRange");
    }

    [Fact]
    public void Publishing_refuses_an_unreadable_bound_in_both_languages()
    {
        var problem = Assert.Single(FormChecks.Check(new FormDefinition([Birth(max: "tomorrow")]), Today));
        Assert.Equal("Publish.BadDate", problem.Code);
        Assert.Contains("tomorrow", FormProblemMessages.Ja(problem), StringComparison.Ordinal);
        Assert.Contains("latest", FormProblemMessages.En(problem), StringComparison.Ordinal);
    }

    [Fact]
    public void Date_bounds_travel_through_the_json_format()
    {
        var json = FormJson.Export(new FormDefinition([Birth("today-365", "today+14")]));
        Assert.Contains("\"minDate\": \"today-365\"", json, StringComparison.Ordinal);
        var back = FormJson.Import(json);
        Assert.True(back.Succeeded, string.Join("\n", back.Errors));
        Assert.Equal("today+14", back.Definition!.Fields[0].MaxDate);
    }

    [Fact]
    public void Without_a_context_no_check_needs_today()
    {
        var result = new FormDefinition([Birth(max: "today")]).Validate(new Dictionary<string, string?> { ["birth"] = "2999-01-01" });
        Assert.True(result.IsValid);
    }
}
