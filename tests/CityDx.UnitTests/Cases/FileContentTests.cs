using CityDx.Domain.Attachments;

namespace CityDx.UnitTests.Cases;

public sealed class FileContentTests
{
    [Fact]
    public void Kinds_are_recognised_by_their_first_bytes()
    {
        Assert.Equal(FileContent.Pdf, FileContent.Detect("%PDF-1.7\n"u8));
        Assert.Equal(FileContent.Jpeg, FileContent.Detect((byte[])[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        Assert.Equal(FileContent.Png, FileContent.Detect((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
    }

    [Theory]
    [InlineData("MZ\u0090\u0000")]
    [InlineData("<html><script>")]
    [InlineData("PK\u0003\u0004")]
    [InlineData("")]
    public void Anything_else_is_unknown_whatever_its_name(string content) =>
        Assert.Null(FileContent.Detect(System.Text.Encoding.Latin1.GetBytes(content)));

    [Theory]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("C:\\Users\\x\\委任状.pdf", "委任状.pdf")]
    [InlineData("report.exe", "report.pdf")]
    [InlineData("evil\u202Efdp.exe", "evilfdp.pdf")]
    [InlineData("", "attachment.pdf")]
    [InlineData("...", "attachment.pdf")]
    [InlineData("\"quoted\".pdf", "quoted.pdf")]
    public void File_names_lose_directories_and_tricks_and_take_the_detected_extension(string name, string expected) =>
        Assert.Equal(expected, FileContent.SafeName(name, FileContent.Pdf));
}
