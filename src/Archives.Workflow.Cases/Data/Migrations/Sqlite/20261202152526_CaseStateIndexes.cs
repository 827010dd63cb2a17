using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseStateIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_bookmarks_ActivityId_Status",
                table: "workflow_bookmarks");

            migrationBuilder.DropIndex(
                name: "IX_cases_InstanceId_InstitutionCode_PersonId",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_PersonId_InstitutionCode",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_tasks_open_by_instance",
                table: "workflow_tasks",
                columns: new[] { "InstanceId", "DueAt" },
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_instances_faulted",
                table: "workflow_instances",
                column: "Id",
                filter: "\"Status\" = 'Faulted'");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_incidents_open",
                table: "workflow_incidents",
                columns: new[] { "InstanceId", "ActivityId" },
                filter: "\"ResolvedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_bookmarks_ActivityId_Status_InstanceId",
                table: "workflow_bookmarks",
                columns: new[] { "ActivityId", "Status", "InstanceId" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_by_instance",
                table: "cases",
                columns: new[] { "InstanceId", "InstitutionCode", "PersonId", "ProcessId", "OpenedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_by_person",
                table: "cases",
                columns: new[] { "PersonId", "InstitutionCode", "OpenedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_open_by_instance",
                table: "cases",
                columns: new[] { "InstanceId", "InstitutionCode", "PersonId", "Id" },
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_cases_open_by_process",
                table: "cases",
                columns: new[] { "ProcessId", "OpenedAt", "InstanceId", "InstitutionCode", "PersonId", "Id" },
                filter: "\"Status\" = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_tasks_open_by_instance",
                table: "workflow_tasks");

            migrationBuilder.DropIndex(
                name: "IX_workflow_instances_faulted",
                table: "workflow_instances");

            migrationBuilder.DropIndex(
                name: "IX_workflow_incidents_open",
                table: "workflow_incidents");

            migrationBuilder.DropIndex(
                name: "IX_workflow_bookmarks_ActivityId_Status_InstanceId",
                table: "workflow_bookmarks");

            migrationBuilder.DropIndex(
                name: "IX_cases_by_instance",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_by_person",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_open_by_instance",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_open_by_process",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_bookmarks_ActivityId_Status",
                table: "workflow_bookmarks",
                columns: new[] { "ActivityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_InstanceId_InstitutionCode_PersonId",
                table: "cases",
                columns: new[] { "InstanceId", "InstitutionCode", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_PersonId_InstitutionCode",
                table: "cases",
                columns: new[] { "PersonId", "InstitutionCode" });
        }
    }
}
