using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseWaitsAndFaultedFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_open_by_instance",
                table: "cases");

            migrationBuilder.AddColumn<bool>(
                name: "Faulted",
                table: "cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "case_waits",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProcessId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    InstitutionCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_waits", x => new { x.CaseId, x.ActivityId });
                    table.ForeignKey(
                        name: "FK_case_waits_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Incidents a case left open when it ended are resolved when it ended, as the runtime now does itself.
            migrationBuilder.Sql("""
                UPDATE workflow_incidents SET "ResolvedBy" = 'system',
                    "ResolvedAt" = (SELECT COALESCE(w."CompletedAt", w."UpdatedAt") FROM workflow_instances w WHERE w."Id" = workflow_incidents."InstanceId")
                WHERE "ResolvedAt" IS NULL
                  AND EXISTS (SELECT 1 FROM workflow_instances w WHERE w."Id" = workflow_incidents."InstanceId" AND w."Status" IN ('Completed', 'Cancelled'));
                """);

            // The open cases with an open incident are faulted; each open case waits where it has a pending bookmark or an open incident.
            migrationBuilder.Sql("""
                UPDATE cases SET "Faulted" = 1
                WHERE "Status" = 'Open' AND EXISTS (SELECT 1 FROM workflow_incidents i WHERE i."InstanceId" = cases."InstanceId" AND i."ResolvedAt" IS NULL);
                """);
            migrationBuilder.Sql("""
                INSERT INTO case_waits ("CaseId", "ActivityId", "ProcessId", "InstitutionCode", "PersonId", "OpenedAt")
                SELECT c."Id", a."ActivityId", c."ProcessId", c."InstitutionCode", c."PersonId", c."OpenedAt"
                FROM cases c
                JOIN (SELECT "InstanceId", "ActivityId" FROM workflow_bookmarks WHERE "Status" = 'Pending'
                      UNION
                      SELECT "InstanceId", "ActivityId" FROM workflow_incidents WHERE "ResolvedAt" IS NULL) a ON a."InstanceId" = c."InstanceId"
                WHERE c."Status" = 'Open';
                """);

            migrationBuilder.CreateIndex(
                name: "IX_cases_faulted",
                table: "cases",
                columns: new[] { "OpenedAt", "InstitutionCode", "PersonId", "Id" },
                filter: "\"Faulted\"");

            migrationBuilder.CreateIndex(
                name: "IX_cases_open_by_instance",
                table: "cases",
                columns: new[] { "InstanceId", "InstitutionCode", "PersonId", "Id", "Faulted" },
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_case_waits_by_activity",
                table: "case_waits",
                columns: new[] { "ProcessId", "ActivityId", "OpenedAt", "InstitutionCode", "PersonId", "CaseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_waits");

            migrationBuilder.DropIndex(
                name: "IX_cases_faulted",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_open_by_instance",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "Faulted",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "IX_cases_open_by_instance",
                table: "cases",
                columns: new[] { "InstanceId", "InstitutionCode", "PersonId", "Id" },
                filter: "\"Status\" = 'Open'");
        }
    }
}
