using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_workflow_tasks_Status_DueAt",
                table: "workflow_tasks",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_workflow_bookmarks_ActivityId_Status",
                table: "workflow_bookmarks",
                columns: new[] { "ActivityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_ClosedAt",
                table: "cases",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_cases_DeadlineAt",
                table: "cases",
                column: "DeadlineAt");

            migrationBuilder.CreateIndex(
                name: "IX_cases_InstitutionCode_OpenedAt",
                table: "cases",
                columns: new[] { "InstitutionCode", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_Milestone_OpenedAt",
                table: "cases",
                columns: new[] { "Milestone", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_OpenedAt",
                table: "cases",
                column: "OpenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_cases_ProcessId_DefinitionVersion_OpenedAt",
                table: "cases",
                columns: new[] { "ProcessId", "DefinitionVersion", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_Status_OpenedAt",
                table: "cases",
                columns: new[] { "Status", "OpenedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_tasks_Status_DueAt",
                table: "workflow_tasks");

            migrationBuilder.DropIndex(
                name: "IX_workflow_bookmarks_ActivityId_Status",
                table: "workflow_bookmarks");

            migrationBuilder.DropIndex(
                name: "IX_cases_ClosedAt",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_DeadlineAt",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_InstitutionCode_OpenedAt",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_Milestone_OpenedAt",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_OpenedAt",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_ProcessId_DefinitionVersion_OpenedAt",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_Status_OpenedAt",
                table: "cases");
        }
    }
}
