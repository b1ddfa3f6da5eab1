using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PostalAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "postal_addresses",
                columns: table => new
                {
                    PostalCode = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    City = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Town = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PrefectureCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Prefecture = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PrefectureKana = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CityKana = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    TownKana = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_postal_addresses", x => new { x.PostalCode, x.City, x.Town });
                });

            migrationBuilder.CreateIndex(
                name: "IX_postal_addresses_PrefectureCode",
                table: "postal_addresses",
                column: "PrefectureCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "postal_addresses");
        }
    }
}
