using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.PostgreSql
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "number_counters",
                columns: table => new
                {
                    InstitutionCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false)
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
                SELECT "InstitutionCode", 'file', CAST(split_part("FileNumber", '-', 2) AS integer), MAX(CAST(split_part("FileNumber", '-', 3) AS integer))
                FROM personnel_files
                WHERE "FileNumber" ~ '^[^-]+-[0-9]{4}-[0-9]{1,9}$' AND split_part("FileNumber", '-', 1) = replace("InstitutionCode", '-', '')
                GROUP BY "InstitutionCode", split_part("FileNumber", '-', 2);
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
