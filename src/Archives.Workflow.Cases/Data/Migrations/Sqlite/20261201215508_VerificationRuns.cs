using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VerificationRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "verification_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ScopeKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TotalCases = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalEvents = table.Column<long>(type: "INTEGER", nullable: false),
                    CasesChecked = table.Column<long>(type: "INTEGER", nullable: false),
                    EventsChecked = table.Column<long>(type: "INTEGER", nullable: false),
                    Failures = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_verification_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "verification_failures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_verification_failures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_verification_failures_verification_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "verification_runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_verification_failures_RunId_CaseNumber",
                table: "verification_failures",
                columns: new[] { "RunId", "CaseNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_verification_runs_active_scope",
                table: "verification_runs",
                column: "ScopeKey",
                unique: true,
                filter: "\"State\" IN ('Queued', 'Running')");

            migrationBuilder.CreateIndex(
                name: "IX_verification_runs_QueuedAt",
                table: "verification_runs",
                column: "QueuedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "verification_failures");

            migrationBuilder.DropTable(
                name: "verification_runs");
        }
    }
}
