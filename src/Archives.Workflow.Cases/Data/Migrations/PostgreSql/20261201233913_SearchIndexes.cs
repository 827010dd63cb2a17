using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_workflow_tasks_DueAt_InstanceId_Id",
                table: "workflow_tasks",
                columns: new[] { "DueAt", "InstanceId", "Id" },
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_cases_InstanceId_InstitutionCode_PersonId",
                table: "cases",
                columns: new[] { "InstanceId", "InstitutionCode", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_PersonId_InstitutionCode",
                table: "cases",
                columns: new[] { "PersonId", "InstitutionCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_tasks_DueAt_InstanceId_Id",
                table: "workflow_tasks");

            migrationBuilder.DropIndex(
                name: "IX_cases_InstanceId_InstitutionCode_PersonId",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_PersonId_InstitutionCode",
                table: "cases");
        }
    }
}
