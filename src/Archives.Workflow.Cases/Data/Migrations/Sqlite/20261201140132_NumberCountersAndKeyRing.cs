using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NumberCountersAndKeyRing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "number_counters",
                columns: table => new
                {
                    InstitutionCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_number_counters", x => new { x.InstitutionCode, x.Kind, x.Year });
                });

            // Numbering continues where "highest stored plus one" left it: each series starts at its maximum.
            migrationBuilder.Sql(
                """
                INSERT INTO number_counters ("InstitutionCode", "Kind", "Year", "Value")
                SELECT '*', 'case:' || "ProcessId", "Year", MAX("Sequence") FROM cases GROUP BY "ProcessId", "Year";
                """);
            migrationBuilder.Sql(
                """
                INSERT INTO number_counters ("InstitutionCode", "Kind", "Year", "Value")
                SELECT "InstitutionCode", 'document:' || "Kind", "Year", MAX("Sequence") FROM documents GROUP BY "InstitutionCode", "Kind", "Year";
                """);

            // File numbers are "<institution code without hyphens>-<year>-<sequence>"; others are not of the series.
            migrationBuilder.Sql(
                """
                INSERT INTO number_counters ("InstitutionCode", "Kind", "Year", "Value")
                SELECT "InstitutionCode", 'file', CAST(substr(Rest, 1, 4) AS INTEGER), MAX(CAST(substr(Rest, 6) AS INTEGER))
                FROM (SELECT "InstitutionCode", substr("FileNumber", length(replace("InstitutionCode", '-', '')) + 2) AS Rest
                      FROM personnel_files
                      WHERE "FileNumber" IS NOT NULL AND substr("FileNumber", 1, length(replace("InstitutionCode", '-', '')) + 1) = replace("InstitutionCode", '-', '') || '-')
                WHERE Rest GLOB '[0-9][0-9][0-9][0-9]-[0-9]*' AND substr(Rest, 6) NOT GLOB '*[^0-9]*' AND length(Rest) <= 14
                GROUP BY "InstitutionCode", substr(Rest, 1, 4);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "number_counters");
        }
    }
}
