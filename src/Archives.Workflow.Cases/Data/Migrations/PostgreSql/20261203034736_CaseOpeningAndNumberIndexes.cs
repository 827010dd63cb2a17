using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CaseOpeningAndNumberIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_OpenedAt",
                table: "cases");

            migrationBuilder.AlterColumn<string>(
                name: "Number",
                table: "cases",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            // Changing the collation drops the column's statistics, and nothing counts as a change that would make
            // autovacuum gather them again: without them the planner takes a case number's prefix for thousands of rows.
            migrationBuilder.Sql("ANALYZE cases;");

            migrationBuilder.CreateIndex(
                name: "IX_cases_by_opening",
                table: "cases",
                columns: new[] { "OpenedAt", "InstitutionCode", "PersonId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_by_opening",
                table: "cases");

            migrationBuilder.AlterColumn<string>(
                name: "Number",
                table: "cases",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldCollation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_cases_OpenedAt",
                table: "cases",
                column: "OpenedAt");
        }
    }
}
