using CityDx.Domain.Cases;

namespace CityDx.UnitTests.Cases;

public sealed class ReceiptNumberTests
{
    [Fact]
    public void Generated_numbers_are_valid_and_use_no_look_alike_characters()
    {
        for (var i = 0; i < 10_000; i++)
        {
            var number = ReceiptNumber.Generate();
            Assert.Matches("^[346789ACDEFGHJKMNPQRTWXY]{4}-[346789ACDEFGHJKMNPQRTWXY]{4}-[346789ACDEFGHJKMNPQRTWXY]$", number);
            Assert.True(ReceiptNumber.IsValid(number), number);
        }
    }

    [Fact]
    public void Ten_thousand_numbers_do_not_repeat()
    {
        var numbers = Enumerable.Range(0, 10_000).Select(_ => ReceiptNumber.Generate()).ToHashSet();
        Assert.Equal(10_000, numbers.Count);
    }

    [Fact]
    public void Every_single_character_typo_is_caught()
    {
        var number = ReceiptNumber.Generate(new Random(7).Next);
        var chars = number.Replace("-", "", StringComparison.Ordinal);
        for (var position = 0; position < chars.Length; position++)
        {
            foreach (var replacement in ReceiptNumber.Alphabet.Where(c => c != chars[position]))
            {
                var typo = chars[..position] + replacement + chars[(position + 1)..];
                Assert.False(ReceiptNumber.TryNormalize(typo, out _), $"{typo} should be rejected");
            }
        }
    }

    [Fact]
    public void Swapping_two_neighbouring_characters_is_caught()
    {
        var rng = new Random(11);
        var caught = 0;
        var swaps = 0;
        for (var i = 0; i < 500; i++)
        {
            var chars = ReceiptNumber.Generate(rng.Next).Replace("-", "", StringComparison.Ordinal).ToCharArray();
            for (var p = 0; p < chars.Length - 1; p++)
            {
                if (chars[p] == chars[p + 1])
                {
                    continue;
                }

                var swapped = (char[])chars.Clone();
                (swapped[p], swapped[p + 1]) = (swapped[p + 1], swapped[p]);
                swaps++;
                caught += ReceiptNumber.TryNormalize(new string(swapped), out _) ? 0 : 1;
            }
        }

        // Luhn mod N misses only swaps of one specific pair of values; nearly every swap is caught.
        Assert.True(caught > swaps * 0.95, $"caught {caught} of {swaps}");
    }

    [Theory]
    [InlineData("ｘｘｘｘ")]
    [InlineData("")]
    [InlineData("0000-0000-0")]
    [InlineData("ACDE-FGHJ-KM")]
    public void Rubbish_is_rejected(string input) => Assert.False(ReceiptNumber.TryNormalize(input, out _));

    [Fact]
    public void What_a_person_types_is_normalised()
    {
        var number = ReceiptNumber.Generate(new Random(3).Next);
        var typed = new string(number.ToLowerInvariant().Replace('-', ' ').Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c).ToArray());
        Assert.True(ReceiptNumber.TryNormalize(typed, out var canonical));
        Assert.Equal(number, canonical);
    }
}
