using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.Sqlite
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

            migrationBuilder.CreateIndex(
                name: "IX_cases_OpenedAt",
                table: "cases",
                column: "OpenedAt");
        }
    }
}
